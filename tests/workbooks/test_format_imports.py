"""The workbook modules stand in one direction: ``format`` imports none of them, every reader
and writer takes its constants from ``format`` at module level, and no workbooks module imports
another inside a function (the way an import circle is dodged) or in a circle."""

import ast
from pathlib import Path

from django.conf import settings

APP = Path(settings.BASE_DIR) / "workbooks"


def imports() -> dict[str, list[tuple[str, bool]]]:
    """module → (workbooks module it imports, whether inside a function)."""
    found = {}
    for path in APP.glob("*.py"):
        deps = []
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [a.name for a in node.names]
                deps += [(name.split(".")[0], node.col_offset > 0) for name in names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("workbooks."):
                deps.append(((node.module or "").split(".")[1], node.col_offset > 0))
        found[path.stem] = deps
    return found


def test_format_imports_no_workbooks_module():
    assert imports()["format"] == []


def test_readers_and_writers_take_their_constants_from_format():
    graph = imports()
    for module in ("reader", "parse", "export", "template", "weekly"):
        assert ("format", False) in graph[module], module


def test_no_lazy_import_and_no_circle():
    graph = imports()
    lazy = [(m, d) for m, deps in graph.items() for d, inside in deps if inside]
    assert not lazy, lazy
    edges = {m: {d for d, _inside in deps if d in graph} for m, deps in graph.items()}

    def reaches(start, goal, seen=()):
        return any(
            n == goal or (n not in seen and reaches(n, goal, (*seen, n))) for n in edges[start]
        )

    assert not [m for m in edges if reaches(m, m)]

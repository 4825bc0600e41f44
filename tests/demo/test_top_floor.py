"""The demo is the top floor: it may import every app, and no app imports it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = {"demo", "tests", "scripts", "var", "static", "templates", "locale", "docs"}


def _imports_demo(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import) and any(
            a.name == "demo" or a.name.startswith("demo.") for a in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "demo" or node.module.startswith("demo."):
                return True
    return False


def test_no_app_imports_the_demo():
    sources = [
        path
        for folder in ROOT.iterdir()
        if folder.is_dir() and not folder.name.startswith(".") and folder.name not in OUTSIDE
        for path in folder.rglob("*.py")
    ]
    assert len(sources) > 100  # the apps were found
    assert [str(p.relative_to(ROOT)) for p in sources if _imports_demo(p)] == []

"""The apps are layers (docs/ARCHITECTURE.md): a module imports its own app, an app on a lower
floor, or an earlier sibling on its own floor, never one above; and no project module imports
itself round a circle. Every ``import`` counts, at module level and inside a function (a lazy
import is still a dependency); Django's string references (``"app.Model"``, ``apps.get_model``)
do not. Read from the source with ``ast``: nothing is imported to check it, so a broken import
does not hide a circle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. On a floor, an app may import the siblings listed before it, not those after.
FLOORS: list[tuple[str, ...]] = [
    ("config",),  # settings, URL map, Celery, the shared helpers every app uses
    ("accounts",),  # regions, units, leaders, users and their roles
    ("audit", "outbox"),  # the audit log; every message to every channel
    ("security", "twofactor"),  # sign-in: throttling, passwords, the policy; the second factor
    ("projects", "workbooks"),  # the register and weekly reports; Excel in and out of it
    ("problems",),  # the problem loop (the weekly score counts its overdue problems)
    ("observation", "scoring"),  # observation rounds; the weekly cards that read them
    ("documents", "escalation"),  # 公文 (numbers, layout, sending); the ladder that issues them
    ("dashboard", "reports", "instructions"),  # what managers read; reports; leaders' 批示
    ("demo",),  # the demo district: imports anything, imported by nothing
]

# Wiring: they put every app together, so they may import any app. Each app's admin.py is
# wiring too: the admin site loads it, no module imports it (the audited base class it uses,
# audit.admin_mixins, is not wiring and keeps the rule).
WIRING = {"config.urls", "config.settings", "config.celery_app", "config.schedule", "config.wsgi"}

RANK = {app: (floor, place) for floor, apps in enumerate(FLOORS) for place, app in enumerate(apps)}


def module_files() -> dict[str, Path]:
    """Every module of the project's apps (migrations aside: frozen history), by dotted name."""
    found = {}
    for app in RANK:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = module_files()


def resolve(name: str) -> str | None:
    """The project module an import names: ``from pkg import thing`` is ``pkg.thing`` when that
    is a module, else ``pkg`` itself (a name its ``__init__`` defines or re-exports)."""
    parts = name.split(".")
    while parts:
        dotted = ".".join(parts)
        if dotted in MODULES:
            return dotted
        parts.pop()
    return None


def imports_of(module: str, path: Path) -> dict[str, int]:
    """The project modules ``module`` imports, at any depth of its code, with a line each."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names = [f"{base}.{alias.name}" for alias in node.names if alias.name != "*"] or [base]
        for name in names:
            target = resolve(name)
            # A module's own package is executed before it anyway: not an edge of its own.
            if target and target != module and not module.startswith(target + "."):
                found.setdefault(target, node.lineno)
    return found


GRAPH = {module: imports_of(module, path) for module, path in MODULES.items()}


def app_of(module: str) -> str:
    return module.split(".")[0]


def is_wiring(module: str) -> bool:
    if module.count(".") == 1 and module.endswith(".admin"):
        return True
    return any(module == w or module.startswith(w + ".") for w in WIRING)


def upward_edges() -> dict[tuple[str, str], int]:
    """Every import of a module of another app that is not below the importer."""
    found = {}
    for module, targets in GRAPH.items():
        if is_wiring(module):
            continue
        for target, line in targets.items():
            if app_of(target) != app_of(module) and RANK[app_of(target)] > RANK[app_of(module)]:
                found[(module, target)] = line
    return found


def test_every_app_is_on_a_floor():
    apps = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests"}
    assert apps <= set(RANK), f"put these apps on a floor of FLOORS: {sorted(apps - set(RANK))}"


def test_no_app_imports_one_above_it():
    upward = upward_edges()
    offending = [
        f"{module}:{line} imports {target} ({app_of(module)} may not import {app_of(target)})"
        for (module, target), line in sorted(upward.items())
    ]
    assert not offending, "imports up the layers:\n" + "\n".join(offending)


def find_cycle(graph: dict[str, dict[str, int]]) -> list[str] | None:
    """One import circle of ``graph`` as the chain of modules, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, {})):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_no_import_circles():
    cycle = find_cycle(GRAPH)
    assert cycle is None, (
        "import circle: "
        + " -> ".join(
            f"{module}:{GRAPH[module][nxt]}" for module, nxt in zip(cycle, cycle[1:], strict=False)
        )
        + f" -> {cycle[-1]}"
    )


def test_the_checks_see_a_circle_and_a_lazy_import(tmp_path):
    # The rule can fail: a function-level import closes a circle and is found.
    source = tmp_path / "lazy.py"
    source.write_text("def later():\n    from projects import weeks\n")
    MODULES["projects.lazy_probe"] = source
    try:
        found = imports_of("projects.lazy_probe", source)
    finally:
        del MODULES["projects.lazy_probe"]
    assert found == {"projects.weeks": 2}
    assert find_cycle({"a": {"b": 1}, "b": {"c": 3}, "c": {"a": 7}}) == ["a", "b", "c", "a"]

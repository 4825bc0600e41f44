"""Views never scope by hand, read statically (no database): every queryset a view shows comes from
its app's scope module or selectors, and statuses are named by their choices, not spelt out.

The rules, on every view module (``<app>/views*.py``, ``<app>/views/``, ``<app>/api/``):
- no ``Model.objects`` (nor ``_default_manager``): a queryset starts from a ``*_for(user)`` of a
  scope module or a selector built on one. ``Model.objects.none()`` is allowed: DRF's schema
  placeholder, it holds no row;
- no ``get_object_or_404(Model, …)``: the first argument is a scoped queryset, so another
  region's object answers 404;
- no import of the scope primitives (``region_q``, ``project_q``, ``REGION_WIDE``);
- no string literal where a status goes (``status=``, ``status__in=``, ``…__status=``,
  ``x.status == "…"``): the choice (``NoticeStatus.CLOSED``) says it and survives a rename.
And across the apps: one scope module at most per app (``<app>/scope.py``), the only modules that
call the primitives ``region_q`` and ``project_q``.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(p.parent for p in ROOT.glob("*/apps.py"))
PRIMITIVES = {"region_q", "project_q", "REGION_WIDE"}
MANAGERS = {"objects", "_default_manager", "_base_manager"}
GETTERS = {"get_object_or_404", "get_list_or_404"}

# (module, line text) → why it may stay. Keep it short; each entry says why in one line.
ALLOWED: dict[tuple[str, str], str] = {}


def _modules(app: Path):
    for path in sorted(app.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def view_modules() -> list[Path]:
    found = []
    for app in APPS:
        for path in _modules(app):
            inner = path.relative_to(app).parts
            if path.name.startswith("views") or "views" in inner[:-1] or "api" in inner[:-1]:
                found.append(path)
    return found


def _is_status_key(name: str | None) -> bool:
    if not name:
        return False
    parts = name.split("__")
    if parts[-1] in ("in", "exact", "iexact"):
        parts = parts[:-1]
    return bool(parts) and parts[-1] in ("status", "from_status", "to_status")


def _is_status_expr(node: ast.AST) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
    return name in ("status", "from_status", "to_status")


def _literal_strings(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return any(_literal_strings(e) for e in node.elts)
    return False


def view_faults(source: str) -> list[tuple[int, str]]:
    """What a view module does that only a scope module or a selector may do, by line."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    faults = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            parent = parents.get(node)
            call = parents.get(parent) if parent is not None else None
            placeholder = (
                isinstance(parent, ast.Attribute)
                and parent.attr == "none"
                and isinstance(call, ast.Call)
            )
            if not placeholder:
                faults.append((node.lineno, f"{ast.unparse(node)}: start from a scope/selector"))
        elif isinstance(node, ast.Call):
            func = node.func.id if isinstance(node.func, ast.Name) else None
            if func in GETTERS and node.args:
                first = node.args[0]
                name = first.attr if isinstance(first, ast.Attribute) else getattr(first, "id", "")
                if name[:1].isupper():
                    faults.append((node.lineno, f"{func}({name}, …): give it a scoped queryset"))
            for kw in node.keywords:
                if _is_status_key(kw.arg) and _literal_strings(kw.value):
                    faults.append(
                        (node.lineno, f"{kw.arg}={ast.unparse(kw.value)}: use the choice")
                    )
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_status_expr(s) for s in sides) and any(_literal_strings(s) for s in sides):
                faults.append((node.lineno, f"{ast.unparse(node)}: use the choice"))
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in PRIMITIVES:
                    faults.append((node.lineno, f"imports {alias.name}: ask the app's scope"))
    return faults


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", view_modules(), ids=_rel)
def test_a_view_never_scopes_by_hand(path):
    lines = path.read_text().splitlines()
    faults = [
        f"{_rel(path)}:{line}: {what}"
        for line, what in view_faults(path.read_text())
        if (_rel(path), lines[line - 1].strip()) not in ALLOWED
    ]
    assert not faults, "\n".join(faults)


def test_one_scope_module_per_app_and_only_it_uses_the_primitives():
    faults = []
    for app in APPS:
        scopes = [
            p
            for p in _modules(app)
            if p.stem.startswith("scope") or "scope" in p.relative_to(app).parts[:-1]
        ]
        if len(scopes) > 1:
            faults.append(f"{app.name}: more than one scope module: {[_rel(p) for p in scopes]}")
        for path in _modules(app):
            if path == app / "scope.py":
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {
                    "region_q",
                    "project_q",
                }:
                    faults.append(f"{_rel(path)}:{node.lineno}: {node.func.id} outside scope.py")
    assert not faults, "\n".join(faults)


def test_the_rules_catch_what_they_name():
    """The detector itself: each rule fires on a line that breaks it, and not on its fix."""
    bad = """
from projects.scope import region_q
def ladder(request):
    Interview.objects.filter(notice__in=notices).exclude(status="held")
    get_object_or_404(Project, pk=1)
    notices.filter(notice__status__in=["issued", NoticeStatus.SIGNED])
    if item.status != "held":
        pass
"""
    found = " ".join(what for _line, what in view_faults(bad))
    for fault in (
        "imports region_q",
        "Interview.objects",
        "status='held'",
        "get_object_or_404(Project",
        "notice__status__in=",
        "item.status != 'held'",
    ):
        assert fault in found
    good = """
queryset = Project.objects.none()
def ladder(request):
    interviews_pending(user=request.user).exclude(status=InterviewStatus.HELD)
    get_object_or_404(notices_for(request.user), pk=1)
    if item.status != InterviewStatus.HELD and kind == "units":
        pass
"""
    assert view_faults(good) == []

"""The shape of the code: which module may import which.

Imports inside functions count too: an import moved into a function to dodge a
cycle at start-up is still a cycle in the design.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("community", "config", "knowledge", "gamification", "similar", "insights")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _project_modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[_module_name(path)] = path
    return modules


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules that `name` imports, anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            # A package importing its own submodules (models/__init__.py) is not a cycle.
            if target and target != name and not name.startswith(f"{target}."):
                found.add(target)
    return found


def _import_graph() -> dict[str, set[str]]:
    modules = _project_modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def test_project_has_no_import_cycles():
    assert _cycles(_import_graph()) == []


def test_import_cycle_finder_sees_imports_inside_functions(tmp_path, monkeypatch):
    """The check above would pass vacuously if the finder missed function-level imports."""
    graph = {"a": {"b"}, "b": {"a"}, "c": {"a"}}
    assert _cycles(graph) == [["a", "b"]]
    modules = {"pkg.x": tmp_path / "x.py", "pkg.y": tmp_path / "y.py"}
    (tmp_path / "x.py").write_text("def f():\n    from pkg.y import g\n")
    assert _imports("pkg.x", modules["pkg.x"], modules) == {"pkg.y"}


@pytest.mark.parametrize(
    ("app", "listener"),
    [
        ("community", "knowledge"),
        ("community", "gamification"),
        ("community", "insights"),
        ("knowledge", "insights"),
        ("gamification", "insights"),
        ("community", "similar"),
        ("knowledge", "similar"),
    ],
)
def test_no_app_imports_the_apps_that_listen_to_it(app, listener):
    graph = _import_graph()
    offenders = {
        name: sorted(target for target in targets if target.split(".")[0] == listener)
        for name, targets in graph.items()
        if name.split(".")[0] == app
    }
    assert {name: targets for name, targets in offenders.items() if targets} == {}


def test_no_view_instantiates_another_view():
    """Pages shared by several views are assembled by one function (e.g. the thread page)."""
    offenders = []
    for path in (ROOT / "community" / "views").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id.endswith("View")
            ):
                offenders.append(f"{path.name}:{node.lineno} {node.func.id}()")
    assert offenders == []


def _enqueued_task_names() -> set[str]:
    """Every task name the project's code passes to the outbox as a literal string."""
    names = set()
    for path in _project_modules().values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "enqueue"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                names.add(node.args[0].value)
    return names


def test_every_task_the_code_enqueues_by_name_exists():
    from celery import current_app

    import community.tasks  # noqa: F401  (registers the tasks)

    names = _enqueued_task_names()
    assert "community.notify_new_answer" in names  # the scan finds what it should
    assert sorted(names - set(current_app.tasks)) == []


def test_trust_levels_are_compared_only_in_the_permission_module():
    """Who counts as 'level 3 or more' is decided in community/permissions.py; a comparison
    elsewhere (a query filter or an `if`) would drift from the rules when they change."""
    import re

    comparison = re.compile(r"trust_level__(gte|gt|lte|lt)\b|trust_level\s*(>=|<=|>|<)")
    allowed = {ROOT / "community" / "permissions.py", ROOT / "community" / "models" / "members.py"}
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _project_modules().values()
        if path not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if comparison.search(line)
    ]
    assert not found


def test_no_template_marks_text_safe_by_itself():
    """Stored HTML reaches a page only through the filters that know it was sanitised
    (|post_html, |markdown); a bare |safe would trust whatever the variable holds."""
    import re

    pattern = re.compile(r"\|\s*safe\b")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders

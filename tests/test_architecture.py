"""The layers of docs/architecture.md, checked on the import graph of the project's own
modules: every `import`, including those inside functions (a function-level import that
hides a cycle is still a cycle), read with `ast` without importing anything. Tests,
migrations and the virtualenv are left out.

`frivillig/lib/` counts as its own app, the bottom layer; the rest of the `frivillig`
package (settings, urls, site-wide views, the change-log page) is the top.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "frivillig",
    "accounts",
    "centres",
    "meetings",
    "plans",
    "surveys",
    "agreements",
    "grants",
    "demo",
    "benchmarks",
]
LEFT_OUT = {"migrations", "tests", "__pycache__"}
LIB = "frivillig.lib"
TOP = "frivillig"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _project_files() -> dict[str, Path]:
    files = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if LEFT_OUT.isdisjoint(path.relative_to(ROOT).parts):
                files[_module_name(path)] = path
    return files


def _imported_names(module: str, path: Path, is_package: bool):
    """Every dotted name the module imports, relative imports resolved; for
    `from x import y` both `x.y` (in case y is a module) and `x`."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            for alias in node.names:
                yield source, alias.name


def _resolve(name: str, modules) -> str | None:
    """The project module a dotted name lands in: the longest prefix that is one."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def import_graph() -> dict[str, set[str]]:
    files = _project_files()
    graph = {module: set() for module in files}
    for module, path in files.items():
        for source, name in _imported_names(module, path, path.name == "__init__.py"):
            if name is not None and f"{source}.{name}" in files:
                target = f"{source}.{name}"
            else:
                target = _resolve(source, files)
            if target is not None and target != module:
                graph[module].add(target)
    return graph


def app_of(module: str) -> str:
    if module == LIB or module.startswith(LIB + "."):
        return LIB
    return module.split(".")[0]


def app_graph(graph) -> dict[str, set[str]]:
    apps = {app_of(module): set() for module in graph}
    for module, targets in graph.items():
        for target in targets:
            if app_of(target) != app_of(module):
                apps[app_of(module)].add(app_of(target))
    return apps


def cycles(graph) -> list[tuple[list[str], list[str]]]:
    """The strongly connected components with more than one node (Tarjan), each with one
    cycle through it so that a failure names a path to follow."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [(sorted(component), _one_cycle(graph, component)) for component in components]


def _one_cycle(graph, component) -> list[str]:
    """A shortest path from the component's first node back to itself."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & component):
            if target == start:
                return paths[node] + [start]
            if target not in paths:
                paths[target] = paths[node] + [target]
                queue.append(target)
    return sorted(component)


def _describe(found) -> str:
    return "\n".join(
        f"{', '.join(component)}; for example {' → '.join(cycle)}" for component, cycle in found
    )


@pytest.fixture(scope="module")
def graph():
    graph = import_graph()
    print(
        f"\nimport graph: {len(graph)} modules, {sum(map(len, graph.values()))} imports "
        f"between them, {len(app_graph(graph))} apps"
    )
    return graph


def test_the_graph_sees_the_project(graph):
    # A walk that found nothing would pass every test below.
    assert {"accounts.models", "centres.models", "frivillig.lib.access", "frivillig.urls"} <= set(
        graph
    )
    assert "centres.models" in graph["centres.access"]


def test_no_cycle_between_modules(graph):
    found = cycles(graph)
    assert not found, "import cycles between modules:\n" + _describe(found)


def test_no_cycle_between_apps(graph):
    found = cycles(app_graph(graph))
    assert not found, "import cycles between apps:\n" + _describe(found)


def _imports_outside(graph, app: str, allowed: set[str]) -> list[str]:
    return sorted(
        f"{module} → {target}"
        for module, targets in graph.items()
        if app_of(module) == app
        for target in targets
        if app_of(target) not in allowed | {app}
    )


def test_accounts_imports_no_domain_app(graph):
    found = _imports_outside(graph, "accounts", {LIB})
    assert not found, "accounts imports other apps:\n" + "\n".join(found)


def test_lib_imports_no_app(graph):
    found = _imports_outside(graph, LIB, set())
    assert not found, "frivillig/lib imports apps:\n" + "\n".join(found)


# docs/architecture.md's table of layers: what each app may import besides itself.
DOMAIN = {"accounts", "plans", "centres", "meetings", "surveys", "agreements", "grants"}
MAY_IMPORT = {
    LIB: set(),
    "accounts": {LIB},
    "plans": {LIB, "accounts"},
    "centres": {LIB, "accounts", "plans"},
    "meetings": {LIB, "accounts", "plans", "centres"},
    "surveys": {LIB, "accounts", "plans", "centres", "meetings"},
    "agreements": {LIB, "accounts", "plans", "centres"},
    "grants": {LIB, "accounts", "plans", "centres", "meetings", "surveys", "agreements"},
    "demo": {LIB} | DOMAIN,
    "benchmarks": {LIB, TOP} | DOMAIN,
    TOP: {LIB, "demo"} | DOMAIN,
}


def test_every_app_of_the_project_is_in_the_graph():
    """A new app (a folder with apps.py) is in PACKAGES and in the table of layers."""
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(PACKAGES), f"add to PACKAGES: {sorted(apps - set(PACKAGES))}"
    assert set(PACKAGES) | {LIB} == set(MAY_IMPORT)


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_each_app_imports_only_the_layers_below_it(graph, app):
    found = _imports_outside(graph, app, MAY_IMPORT[app])
    assert not found, f"{app} imports what docs/architecture.md puts above it:\n" + "\n".join(found)

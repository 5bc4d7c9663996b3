"""No import cycles between the modules of the apps, function-local imports included.

The apps import one way (governance → projects → transfer; reports and privacy build on them;
`kooperationsraum` wires them together). A cycle hidden in a function-local import still ties two
modules together, so every `import` statement counts, wherever it stands. Run this file directly
(`python tests/test_import_cycles.py`) to print the graph's cycles. A second check keeps the
layers of DESIGN.md: an app never imports one after it.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("governance", "projects", "transfer", "reports", "privacy", "kooperationsraum")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The nearest module of ours that `name` (a module or a name inside one) stands for."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    """{module: modules of the apps it imports}, from every import statement in its source."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                targets |= {_resolve(alias.name, modules) for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from a import b` imports the module a.b where there is one, else a name in a.
                targets |= {_resolve(f"{base}.{alias.name}", modules) for alias in node.names}
        graph[name] = {target for target in targets if target and target != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_a_cycle_is_found_however_long():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"d"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_graph_sees_the_apps():
    graph = import_graph()
    assert "projects.services.sponsorships" in graph
    assert "governance.models" in graph["projects.services.sponsorships"]
    # Function-local imports count too.
    assert "governance.views.accounts" in graph["governance.admin_site"]


# Each domain app imports only the apps before it; reports and privacy both build on transfer.
LAYERS = {"governance": 0, "projects": 1, "transfer": 2, "reports": 3, "privacy": 3}


def test_apps_import_only_the_apps_before_them():
    upward = [
        f"{module} → {target}"
        for module, targets in import_graph().items()
        for target in sorted(targets)
        if module.split(".")[0] in LAYERS
        and target.split(".")[0] in LAYERS
        and target.split(".")[0] != module.split(".")[0]
        and LAYERS[target.split(".")[0]] >= LAYERS[module.split(".")[0]]
    ]
    assert not upward, "imports against the layers:\n" + "\n".join(upward)


def test_no_import_cycles():
    graph = import_graph()
    found = cycles(graph)
    described = [" ↔ ".join(component) for component in found]
    assert not found, "import cycles between modules:\n" + "\n".join(described)


if __name__ == "__main__":
    graph = import_graph()
    for component in cycles(graph):
        print(" ↔ ".join(component))
        for module in component:
            print(f"    {module} → {', '.join(sorted(graph[module] & set(component)))}")

"""The import graph of kg/ has no cycle (imports under ``TYPE_CHECKING`` and inside functions
count too): each module can be read after the modules it imports."""

from __future__ import annotations

import ast
from pathlib import Path

import kg

ROOT = Path(kg.__file__).parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the kg modules it imports (a ``from package import module`` names the
    module; a module's own parent packages are left out, Python loads them first anyway)."""
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [
                    f"{node.module}.{alias.name}"
                    if f"{node.module}.{alias.name}" in modules
                    else node.module
                    for alias in node.names
                ]
            else:
                continue
            for target in targets:
                if target in modules and target != name and not name.startswith(target + "."):
                    edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_checker_sees_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_the_graph_is_read_from_the_sources() -> None:
    edges = import_graph()
    assert "kg.model" in edges["kg.resolve"]
    assert "kg.extract.reader" in edges["kg.extract.mentions"]


def test_kg_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_module_map_names_every_module_and_folder() -> None:
    text = (ROOT.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text[text.index("## Module map") :]
    table = table[: table.index("\n## ", 1)]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    named = " ".join(row.split(" | ")[0] + " " + row.split(" | ")[1] for row in rows)
    entries = [p for p in ROOT.iterdir() if p.name != "__pycache__" and not p.name.startswith(".")]
    missing = [
        p.name for p in entries
        if f"`{p.name}/`" not in named and f"`{p.name}`" not in named
        and not (p.suffix == ".py" and f"`{p.name}`," in named)
    ]
    assert not missing, f"add {missing} to ARCHITECTURE.md's module map"
    for package in ("rdf", "shacl"):
        for module in (ROOT / package).glob("*.py"):
            assert module.name == "__init__.py" or f"`{module.name}`" in named, module


def test_no_test_module_imports_another() -> None:
    """Shared helpers live in conftest.py or in helper modules, never in a test module."""
    tests = ROOT.parent / "tests"
    found = []
    paths = sorted(tests.rglob("*.py"))
    assert len(paths) > 50  # the stage folders were read too
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            found += [f"{path.relative_to(tests)}: {name}" for name in _test_modules_named(node)]
    assert found == []


def _test_modules_named(node: ast.AST) -> list[str]:
    """The test modules an import statement imports (``from tests import test_x`` too)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.module:
        names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    else:
        return []
    return [n for n in names if n.startswith("tests.") and n.rsplit(".", 1)[-1].startswith("test_")]


def test_the_checker_sees_a_test_module_imported() -> None:
    for line in ("from tests import test_a", "from tests.x.test_a import f", "import tests.test_a"):
        assert _test_modules_named(ast.parse(line).body[0]) != [], line
    assert _test_modules_named(ast.parse("from tests.graphs import f").body[0]) == []

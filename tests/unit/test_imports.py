"""The package's import graph: no cycles, and no delayed import that only hides one.

Every module of `site_builder` is parsed (not imported) with `ast`. An import counts as
module-level when it runs as the module is imported: at the top, or in an `if`, `try`, `with`
or class body there. Imports under `if TYPE_CHECKING:` never run and are left out. An import
inside a function is delayed: it runs on the first call, and so it can hide a cycle that the
module-level graph does not show. Delayed imports of `site_builder` modules are therefore
allowed only where `LAZY` lists them with the reason, and the graph with them added must be
acyclic too: a delayed import is for keeping a process light, never for dodging a cycle.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "site_builder"

# (importer, imported) -> why the import waits for the first call.
LAZY = {
    ("site_builder.build.generated", "site_builder.editors.reference_docs"): (
        "the field reference imports the whole data model (pydantic); only the one page that holds "
        "`::: reference` needs it"
    ),
    ("site_builder.build.generated", "site_builder.formats.glossary"): (
        "the glossary's model is pydantic's: only the page that holds `::: glossary` needs it, and the "
        "MkDocs process stays light"
    ),
    ("site_builder.editors.cli", "site_builder.engines.mkdocs_serve"): (
        "only `site-builder serve` runs an engine (MkDocs' live-reload server); `check` and `new` stay light "
        "and engine-free"
    ),
    ("site_builder.figures.posters", "site_builder.figures.marks"): (
        "the MkDocs process names the chart images' files (build/contract.py) from posters.py; only a "
        "card, drawn in the chart process, needs the marks' text escaping, and with it the data model"
    ),
    ("site_builder.build.chartwork", "site_builder.build.prepare"): (
        "the chart process, forked, ends with the MkDocs process (`prepare.end_with_parent`, which its "
        "preparing workers share); the MkDocs process itself never loads prepare.py and the data model"
    ),
    ("site_builder.build.chartwork", "site_builder.formats.project"): (
        "as publish: the project (pydantic, the data model) is loaded in the chart process, or shared from a "
        "build of every edition that loaded it once (`share_project`); the MkDocs process of one edition never does"
    ),
    ("site_builder.build.chartwork", "site_builder.languages.localize"): (
        "`languages.localize` loads the data model, in the chart process only"
    ),
    ("site_builder.build.editions", "site_builder.formats.project"): (
        "the MkDocs plugin imports editions.py for `EditionSetup`; only `site-builder build` loads the project "
        "(once, for every edition's chart process to fork with it)"
    ),
    ("site_builder.editors.cli", "site_builder.engines.mkdocs_editions"): (
        "MkDocs, only for `site-builder build`, as for `serve`: the other commands run with no engine loaded"
    ),
    ("site_builder.build.chartwork", "site_builder.build.publish"): (
        "the MkDocs process stays light (no pydantic, no chart kinds) while the charts are made in a "
        "forked process; only that process, or an inline build, loads the publication"
    ),
}


@dataclass(frozen=True)
class Edge:
    importer: str
    imported: str
    line: int
    delayed: bool
    package: bool = False  # a package that Python runs before the module imported from it

    def __str__(self) -> str:
        path = _path_of(self.importer).relative_to(PACKAGE.parent)
        how = ", delayed" * self.delayed + ", its package" * self.package
        return f"{self.importer} -> {self.imported} ({path}:{self.line}{how})"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _path_of(module: str) -> Path:
    return MODULES[module]


def _resolve(name: str) -> str | None:
    """The module of ours that `name` names, or its nearest package of ours (`from x import y`
    where `y` is a function of `x`).
    """
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_names(node: ast.Import | ast.ImportFrom, module: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:  # relative: from the importer's package
        package = module if _path_of(module).name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    return [f"{base}.{alias.name}" for alias in node.names]


def _edges_of(module: str) -> list[Edge]:
    edges: list[Edge] = []

    def visit(nodes, delayed: bool) -> None:
        for node in nodes:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for name in _imported_names(node, module):
                    target = _resolve(name)
                    if target is not None and target != module:
                        edges.append(Edge(module, target, node.lineno, delayed))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(ast.iter_child_nodes(node), True)
            elif isinstance(node, ast.If) and _is_type_checking(node):
                visit(node.orelse, delayed)
            else:
                visit(ast.iter_child_nodes(node), delayed)

    visit(ast.parse(_path_of(module).read_text("utf-8")).body, False)
    # Importing a.b.c runs the packages a and a.b first: those of the target that are not the importer's own.
    for edge in list(edges):
        package = edge.imported.rpartition(".")[0]
        while package and not (module == package or module.startswith(package + ".")):
            edges.append(Edge(module, package, edge.line, edge.delayed, package=True))
            package = package.rpartition(".")[0]
    return edges


EDGES = [edge for module in MODULES for edge in _edges_of(module)]


def _cycle(edges: list[Edge]) -> list[Edge] | None:
    """One cycle of the graph, as its edges in order, or None."""
    graph: dict[str, dict[str, Edge]] = {}
    for edge in edges:
        graph.setdefault(edge.importer, {}).setdefault(edge.imported, edge)
    state: dict[str, str] = {}  # module -> "open" while on the path, "done" after
    path: list[str] = []

    def visit(module: str) -> list[Edge] | None:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph.get(module, {})):
            if state.get(target) == "open":
                loop = path[path.index(target) :] + [target]
                return [graph[a][b] for a, b in zip(loop, loop[1:])]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return None


def _report(title: str, cycle: list[Edge]) -> str:
    return title + ":\n  " + "\n  ".join(str(edge) for edge in cycle)


def test_the_graph_reads_every_module():
    """The parser finds what it is meant to (else the tests below would pass on an empty graph)."""
    assert "site_builder.engines.mkdocs_plugin" in MODULES and "site_builder" in MODULES
    assert any(edge.importer == "site_builder.build.publish" and not edge.delayed for edge in EDGES)
    assert _cycle([Edge("a", "b", 1, False), Edge("b", "c", 2, False), Edge("c", "a", 3, False)]) is not None
    assert _cycle([Edge("a", "b", 1, False), Edge("a", "c", 2, False), Edge("b", "c", 3, False)]) is None


def test_no_import_cycle_at_module_level():
    cycle = _cycle([edge for edge in EDGES if not edge.delayed])
    assert cycle is None, _report("site_builder modules import each other", cycle)


def _reaches(edges: list[Edge], start: str, goal: str) -> list[Edge] | None:
    """A path of edges from `start` to `goal`, or None."""
    graph: dict[str, list[Edge]] = {}
    for edge in edges:
        graph.setdefault(edge.importer, []).append(edge)
    paths, seen = {start: []}, [start]
    while seen:
        module = seen.pop(0)
        if module == goal:
            return paths[module]
        for edge in graph.get(module, []):
            if edge.imported not in paths:
                paths[edge.imported] = paths[module] + [edge]
                seen.append(edge.imported)
    return None


def test_delayed_imports_hide_no_cycle():
    """Were every delayed import at the top of its module, there would be no cycle either: each
    delayed import that closes one is listed with the way back.
    """
    closing = []
    for edge in (edge for edge in EDGES if edge.delayed and not edge.package):
        back = _reaches(EDGES, edge.imported, edge.importer)
        if back is not None:
            closing.append(
                _report(f"{edge.importer} imports {edge.imported} late, which imports it back", [edge, *back])
            )
    assert not closing, "cycles hidden by delayed (function-level) imports:\n" + "\n".join(closing)


def test_delayed_imports_are_the_listed_ones():
    """A delayed import of our own modules is there to keep a process light, and says so in `LAZY`."""
    delayed = {(edge.importer, edge.imported): edge for edge in EDGES if edge.delayed and not edge.package}
    unlisted = [str(edge) for pair, edge in sorted(delayed.items()) if pair not in LAZY]
    assert not unlisted, (
        "delayed imports of site_builder modules, not in LAZY (import at the top of the module, or list "
        "the import in LAZY with the reason it must wait):\n  " + "\n  ".join(unlisted)
    )


@pytest.mark.parametrize("pair", sorted(LAZY))
def test_each_listed_delayed_import_still_exists(pair):
    assert any((edge.importer, edge.imported) == pair and edge.delayed for edge in EDGES), (
        f"{pair[0]} no longer imports {pair[1]} late: remove it from LAZY"
    )


ENGINES = ("mkdocs", "material", "properdocs", "zensical")
GLUE_LINES = 200  # an adapter longer than this is doing the core's work


def _third_party(path: Path) -> set[str]:
    """The top-level names of every module `path` imports, at any depth, delayed ones included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", [m for m in MODULES if not m.startswith("site_builder.engines")])
def test_only_the_engine_adapters_import_an_engine(module):
    """The core must build on every engine we support: MkDocs, ProperDocs and Zensical."""
    engines = _third_party(MODULES[module]) & set(ENGINES)
    assert not engines, f"{module} imports {', '.join(sorted(engines))}: move that code to site_builder/engines/"


@pytest.mark.parametrize("module", [m for m in MODULES if m.startswith("site_builder.engines.")])
def test_an_engine_adapter_is_only_glue(module):
    lines = len(MODULES[module].read_text().splitlines())
    assert lines < GLUE_LINES, (
        f"{MODULES[module].name} is {lines} lines: an adapter hands the engine's objects to the core; "
        "move what is not glue into build/ (with a unit test of its own)"
    )

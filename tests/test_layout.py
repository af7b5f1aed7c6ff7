"""The import layout of geoinc: no cycles, no upward imports between packages.

The imports are read from the source with :mod:`ast` (nothing is imported), including
imports inside functions: a function-level import that closes a cycle is still a cycle,
only a hidden one. An import of ``geoinc.a.b`` counts as a dependency on the module
``geoinc.a.b``; ``from geoinc.a import b`` on ``geoinc.a.b`` when that is a module and on
``geoinc.a`` otherwise.

Known debt: :data:`KNOWN_BACK_EDGES` lists the imports that close a cycle today, each
with who should remove it. The tests fail on any other cycle, and on a listed edge that
is gone (delete it from the list: the ratchet only turns one way).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "geoinc"

#: (importer, imported) pairs that point back up a layer today. Remove an entry when the
#: import goes; never add one (move the shared piece down instead).
KNOWN_BACK_EDGES = {
    # telegram exports are documents read by a format of their own: dispatch on the format
    # above both (extraction)
    ("geoinc.extraction.documents", "geoinc.extraction.telegram"),
    # Span belongs with the matcher, below the event finder (extraction)
    ("geoinc.extraction.lexicon", "geoinc.extraction.events"),
    # language dispatch inside the English event finder; belongs in the driver (extraction)
    ("geoinc.extraction.events", "geoinc.extraction.slavic"),
    ("geoinc.extraction.slavic", "geoinc.extraction.pipeline"),
    # Slavic geoparsing reads the Slavic extraction grammar: move the shared grammar down
    ("geoinc.geoparsing.slavic", "geoinc.extraction.slavic"),
    ("geoinc.geoparsing.slavic", "geoinc.geoparsing"),
    # claim kinds reuse each other's helpers: move them to a shared claims module (claims)
    ("geoinc.claims.kinds_distance", "geoinc.claims.kinds_position"),
    # parallel runs extraction and reads documents: the input readers belong below both
    ("geoinc.parallel", "geoinc.extraction.documents"),
}

#: (importer package, imported package): directions that must never appear.
FORBIDDEN = [
    ("geoinc.incidents", "geoinc.extraction"),
    ("geoinc.claims", "geoinc.extraction"),
    ("geoinc.borders", "geoinc.gazetteer"),
    ("geoinc.taxonomy", "geoinc.extraction"),
    ("geoinc.quantities", "geoinc.extraction"),
    ("geoinc.decoding", "geoinc.extraction"),
]

#: Modules at the bottom: they may import each other and nothing else of geoinc.
FOUNDATION = {
    "geoinc.exceptions",
    "geoinc.lang",
    "geoinc.names",
    "geoinc.coordinates",
    "geoinc._data",
    "geoinc.taxonomy",
    "geoinc.quantities",
    "geoinc.decoding",
    # the text layer (sentence splitting) every stage reads: geoparse, extract, claims
    "geoinc.text",
    # the document object and the pipeline runner: they know no stage (drivers assemble)
    "geoinc.doc",
}

#: The extraction driver: it assembles the stages into a pipeline, so it sits above them.
EXTRACTION_DRIVER = "geoinc.extraction.pipeline"
#: Batch drivers that run the pipeline (above it, like the CLI): they may import it.
ABOVE_DRIVER = {"geoinc.extraction.stream"}


def _module_names() -> dict[str, Path]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module (or nearest package) ``name`` refers to."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _imports_of(module: str, path: Path, modules: dict[str, Path]):
    """Yield (imported module, line) for every geoinc import in the file."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: climb from the importing package
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield (full if full in modules else base), node.lineno


@lru_cache(maxsize=1)
def import_graph() -> dict[str, dict[str, list[str]]]:
    """importer -> {imported: ["file:line", ...]} over geoinc's modules (root excluded)."""
    modules = _module_names()
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for module, path in modules.items():
        graph[module]  # every module is a node, importing or not
        for name, line in _imports_of(module, path, modules):
            if not (name == "geoinc" or name.startswith("geoinc.")):
                continue
            target = _resolve(name, modules)
            if target and target not in (module, "geoinc"):
                where = f"{path.relative_to(ROOT.parent)}:{line}"
                if where not in graph[module][target]:  # one entry per import statement
                    graph[module][target].append(where)
    return {k: dict(v) for k, v in graph.items()}


def _package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Components of more than one node (Tarjan, iterative), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.append(top)
                    if top == node:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def _edges_without_known_debt() -> dict[str, set[str]]:
    return {
        a: {b for b in targets if (a, b) not in KNOWN_BACK_EDGES}
        for a, targets in import_graph().items()
    }


def _describe(component: list[str]) -> str:
    graph = import_graph()
    lines = [
        f"  {a} -> {b}  ({', '.join(graph[a][b])})"
        for a in component
        for b in sorted(graph[a])
        if b in component or _package(b) in component
    ]
    return "\n".join(lines)


# ------------------------------------------------------------------ the walker itself
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from geoinc.extraction.events import Span", "geoinc.extraction.events"),
        ("from geoinc.extraction import events", "geoinc.extraction.events"),
        ("from geoinc.extraction import extract", "geoinc.extraction"),
        ("import geoinc.incidents.merge as m", "geoinc.incidents.merge"),
        ("from geoinc.extraction.events.nothing import x", "geoinc.extraction.events"),
        ("def f():\n    from ..borders import compass_point", "geoinc.borders"),
        ("def f():\n    from . import merge", "geoinc.incidents.merge"),
    ],
)
def test_walker_resolves_imports(tmp_path, source, expected):
    """Module- and function-level, absolute and relative imports all count."""
    path = tmp_path / "probe.py"
    path.write_text(source)
    modules = _module_names()
    found = {
        _resolve(name, modules) for name, _ in _imports_of("geoinc.incidents.probe", path, modules)
    }
    assert found == {expected}


def test_walker_finds_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert strongly_connected(graph) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


# ------------------------------------------------------------------ the layout
@pytest.mark.parametrize(("importer", "imported"), FORBIDDEN)
def test_no_forbidden_direction(importer, imported):
    bad = [
        f"{a} -> {b} ({', '.join(where)})"
        for a, targets in import_graph().items()
        if _within(a, importer)
        for b, where in targets.items()
        if _within(b, imported)
    ]
    assert not bad, f"{importer} must not import {imported}:\n" + "\n".join(bad)


def test_no_module_cycle():
    cycles = strongly_connected(_edges_without_known_debt())
    assert not cycles, "import cycles:\n" + "\n\n".join(_describe(c) for c in cycles)


def test_no_package_cycle():
    packages: dict[str, set[str]] = defaultdict(set)
    for a, targets in _edges_without_known_debt().items():
        packages[_package(a)]
        for b in targets:
            if _package(a) != _package(b):
                packages[_package(a)].add(_package(b))
    cycles = strongly_connected(dict(packages))
    assert not cycles, "package cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_foundation_imports_only_foundation():
    graph = import_graph()
    bad = [
        f"{a} -> {b} ({', '.join(graph[a][b])})"
        for a in sorted(FOUNDATION)
        for b in graph.get(a, {})
        if b not in FOUNDATION
    ]
    assert not bad, "foundation modules import upward:\n" + "\n".join(bad)


def test_stages_never_import_the_driver():
    """A stage of extraction (any other module of ``geoinc.extraction``) never imports the
    driver that runs it: a stage reads what earlier stages put on the Doc instead."""
    graph = import_graph()
    bad = [
        f"{a} -> {EXTRACTION_DRIVER} ({', '.join(targets[EXTRACTION_DRIVER])})"
        for a, targets in graph.items()
        if _within(a, "geoinc.extraction")
        and a != EXTRACTION_DRIVER
        and a not in ABOVE_DRIVER
        and EXTRACTION_DRIVER in targets
        and (a, EXTRACTION_DRIVER) not in KNOWN_BACK_EDGES
    ]
    assert not bad, "stages import their driver:\n" + "\n".join(bad)


def test_known_debt_is_still_there():
    """A fixed cycle leaves the list: otherwise it could come back unnoticed."""
    graph = import_graph()
    gone = sorted(edge for edge in KNOWN_BACK_EDGES if edge[1] not in graph.get(edge[0], {}))
    assert not gone, f"no longer imported, delete from KNOWN_BACK_EDGES: {gone}"

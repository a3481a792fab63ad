"""The shape of the code, measured with ``ast``: small modules and functions, imports that
only point down the pipeline, each third-party library in one place, no import cycle."""

from __future__ import annotations

import ast
import statistics
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sectorial"
MAX_MODULE_LINES = 400
MAX_MEDIAN_FUNCTION_LINES = 8
MAX_PARAMETERS = 6
LAYERS = (  # bottom to top: a module imports only its own layer's and lower ones
    ("sectorial", "errors", "interrupts", "files", "nesting", "reproducible", "console", "kinds",
     "yamlfile", "schema", "shipped"),
    ("settings", "clock"),
    ("lang", "periods"),
    ("doc",),
    ("data",),
    ("indicators",),
    ("style",),
    ("formats", "layout"),
    ("text",),
    ("brief",),
    ("render", "background"),
    ("ahead",),
    ("pipeline",),
    ("batch",),
    ("mail", "archive", "rebuild", "replay"),
    ("app", "arguments", "options", "api", "preview"),
    ("cli", "__main__"),
)


def _name(path: Path) -> str:
    parts = ["sectorial", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, ast.Module]:
    return {_name(p): ast.parse(p.read_text("utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """The modules ``name`` imports (ours as module names, others as their top package)."""
    found: set[str] = set()
    for node in ast.walk(modules()[name]):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _ours(name: str) -> set[str]:
    known = modules()
    return {target for target in _imports(name) if target in known and target != name}


def _unit(name: str) -> str:
    """The folder or top-level module a module belongs to: "brief" for sectorial.brief.x."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _layer(name: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if _unit(name) in layer)


def _functions() -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda]]:
    return [(name, node) for name, tree in modules().items() for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    sys.setrecursionlimit(10_000)

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in edges:
        if node not in index:
            visit(node)
    return found


def test_no_module_is_over_400_lines():
    lines = {str(path.relative_to(PACKAGE)): len(path.read_text("utf-8").splitlines())
             for path in PACKAGE.rglob("*.py")}
    assert {name: count for name, count in lines.items() if count > MAX_MODULE_LINES} == {}


def test_functions_are_short_and_take_few_parameters():
    sizes = [node.end_lineno - node.lineno + 1 for _, node in _functions()
             if not isinstance(node, ast.Lambda)]
    assert statistics.median(sizes) <= MAX_MEDIAN_FUNCTION_LINES
    crowded = []
    for name, node in _functions():
        args = node.args
        count = len(args.posonlyargs) + len(args.args) + len(args.kwonlyargs)
        if args.args and args.args[0].arg in ("self", "cls"):
            count -= 1
        if count > MAX_PARAMETERS:
            crowded.append(f"{name}:{getattr(node, 'name', 'lambda')} ({count})")
    assert crowded == []


def test_there_is_no_import_cycle_between_modules_or_folders():
    edges = {name: _ours(name) for name in modules()}
    assert _cycles(edges) == []
    folders: dict[str, set[str]] = defaultdict(set)
    for name, targets in edges.items():
        folders[_unit(name)] |= {_unit(t) for t in targets if _unit(t) != _unit(name)}
    assert _cycles(dict(folders)) == []


def test_imports_only_point_down_the_pipeline():
    every = {unit for layer in LAYERS for unit in layer}
    assert {_unit(name) for name in modules()} <= every, "a new folder needs its layer"
    upward = [f"{name} -> {target}" for name in modules() for target in _ours(name)
              if _layer(target) > _layer(name)]
    assert upward == []


@pytest.mark.parametrize("library", ["pandas", "openpyxl", "jinja2", "yaml", "babel",
                                     "matplotlib", "PIL", "reportlab", "pikepdf", "docx",
                                     "pptx", "xlsxwriter", "lxml", "rich", "jsonschema",
                                     "distributed", "filelock", "shtab", "pypdfium2"])
def test_each_library_is_imported_in_one_module_or_its_own_package(library):
    users = sorted(name for name in modules()
                   if any(t == library or t.startswith(library + ".") for t in _imports(name)))
    assert users, f"{library} is not used: remove it from the dependencies"
    packages = {name.rsplit(".", 1)[0] for name in users}
    home = packages.pop() if len(packages) == 1 else None
    assert len(users) == 1 or (home is not None and home.count(".") >= 2), users


def test_the_document_model_depends_on_nothing_but_errors():
    for name in modules():
        if _unit(name) == "doc":
            assert {_unit(t) for t in _ours(name)} <= {"doc", "errors"}, name

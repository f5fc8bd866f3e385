"""The house plan of docs/architecture.md, enforced: which stage may import which, no import
cycles, no private names across packages, few function-level imports, no spaCy where none is needed."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "newsgraph"

# Each stage and the stages it may import (besides itself). Faces (below) may import anything.
ALLOWED = {
    "model": set(),
    "errors": set(),
    "articles": {"errors"},
    "settings": set(),
    "countries": set(),
    "language": set(),
    "schema": {"model"},
    "extract": {"model", "errors", "countries", "settings"},
    "pipeline": {"extract", "model", "errors", "language", "countries", "settings", "articles"},
    "ingest": {"pipeline", "model", "errors", "language", "store", "settings", "articles"},
    "store": {"model", "errors", "settings", "schema"},
    "identity": {"store", "model", "countries", "settings"},
    "stories": {"store", "identity", "model", "errors", "countries", "settings"},
    "query": {"store", "identity", "stories", "model", "errors", "countries", "settings"},
    "export": {"store", "identity", "stories", "query", "model", "errors", "countries", "settings"},
    "eval": {"pipeline", "extract", "identity", "stories", "model", "errors", "countries", "settings", "schema",
             "articles"},
    "pretty": {"model"},
    "__init__": {"pipeline", "model", "errors", "settings"},
}
# Readers yield articles; they never write to the store or read identity and queries.
READER_MODULES = ("readers", "formats", "feeds", "warc", "fetch", "sources", "items")
READERS_MAY_NOT = {"store", "identity", "query", "export", "pipeline"}


def is_face(module: str) -> bool:
    """Command-line, web and batch faces: they wire the stages together and may import any of them."""
    parts = module.split(".")
    return (
        parts[-1] in ("cli", "cli_options", "__main__")
        or module == "newsgraph.ingest.report"
        or (len(parts) > 1 and parts[1] in ("api", "web", "spark"))
    )


# Modules of the pipeline stage beside pipeline.py: its batch workers, their preloaded fork server
# and the sentence cap it puts before the parser.
PIPELINE_MODULES = ("workers", "worker_preload", "sentence_cap")


def stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in PIPELINE_MODULES:
        return "pipeline"
    return parts[1] if len(parts) > 1 else "__init__"


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("newsgraph", include_external_packages=False)


def test_every_stage_is_in_the_plan(graph):
    stages = {stage(module) for module in graph.modules if not is_face(module)}
    assert stages <= set(ALLOWED) | {"api", "web", "spark"}, sorted(stages - set(ALLOWED))


def test_stages_import_only_what_the_plan_allows(graph):
    wrong = []
    for module in sorted(graph.modules):
        if is_face(module):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if is_face(imported):
                wrong.append(f"{module} -> {imported} (a face)")
            elif stage(imported) != stage(module) and stage(imported) not in ALLOWED[stage(module)]:
                wrong.append(f"{module} -> {imported}")
    assert not wrong, "imports the plan does not allow:\n" + "\n".join(wrong)


def test_readers_never_touch_the_store(graph):
    wrong = []
    for name in READER_MODULES:
        module = f"newsgraph.ingest.{name}"
        for imported in graph.find_modules_directly_imported_by(module):
            if stage(imported) in READERS_MAY_NOT:
                wrong.append(f"{module} -> {imported}")
    assert not wrong, wrong


def _cycles(graph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_no_import_cycles(graph):
    """Counting imports inside functions too: a cycle hidden in a function is still a cycle."""
    assert _cycles(graph) == []


def _python_files():
    return sorted(PACKAGE.rglob("*.py"))


def _module_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_private_names_imported_across_packages():
    wrong = []
    for path in _python_files():
        here = _module_of(path)
        home = here.rsplit(".", 1)[0] if path.name != "__init__.py" else here
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsgraph"):
                source_package = node.module.rsplit(".", 1)[0]
                for alias in node.names:
                    private = alias.name.startswith("_") or any(part.startswith("_") and part != "__init__"
                                                                for part in node.module.split("."))
                    if private and not (source_package.startswith(home) or home.startswith(source_package)):
                        wrong.append(f"{here}: from {node.module} import {alias.name}")
    assert not wrong, wrong


MAX_FUNCTION_IMPORTS = 10


def _function_level_imports() -> list[tuple[str, int, bool]]:
    """(file, line, has a comment saying why) for each import inside a function, outside faces."""
    found = []
    for path in _python_files():
        if is_face(_module_of(path)):
            continue
        source = path.read_text("utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)):
                        line = lines[inner.lineno - 1]
                        above = lines[inner.lineno - 2] if inner.lineno > 1 else ""
                        commented = "#" in line or above.strip().startswith("#")
                        found.append((str(path.relative_to(PACKAGE.parent)), inner.lineno, commented))
    return found


def test_few_function_level_imports_each_saying_why():
    found = _function_level_imports()
    uncommented = [f"{path}:{line}" for path, line, commented in found if not commented]
    assert not uncommented, "function-level imports without a comment saying why: " + ", ".join(uncommented)
    assert len(found) <= MAX_FUNCTION_IMPORTS, [f"{path}:{line}" for path, line, _ in found]


def test_storing_querying_and_exporting_load_no_model():
    code = ("import sys; import newsgraph.store, newsgraph.query, newsgraph.export, newsgraph.ingest, "
            "newsgraph.identity; print('spacy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=PACKAGE.parent)
    assert result.stdout.strip() == "False"


def test_every_package_declares_its_public_names():
    missing = [str(path.relative_to(PACKAGE.parent)) for path in PACKAGE.rglob("__init__.py")
               if "__all__" not in path.read_text("utf-8") and path.parent.name != "data"]
    assert not missing, missing

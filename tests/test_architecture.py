"""The layers hold: the core imports nothing above it, only the plugin loader finds the rule
families, no module imports another inside a function to dodge a cycle, and the import graph of the
package has no cycle. See docs/architecture.md."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "contentcheck"

# Bottom to top; a module may import its own layer and the layers below it.
CORE = {"errors", "version", "document", "artefacts", "segment", "words", "finding", "rule", "registry", "report",
        "fingerprints", "yamlload", "lookalikes", "publisher", "pointers"}
TEXT = {"patterns", "textstats", "usercache", "metrics", "inflections", "commerce", "genre"}
PLUGINS = ("parsers", "ruletypes", "families", "reports")


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__") or "__init__"


def _layer(module: str) -> int:
    top = module.split(".")[0]
    if top == "__init__":
        return 4  # the public API, above everything
    if top in CORE:
        return 0
    if top in TEXT:
        return 1
    if top in PLUGINS:
        return 2
    return 3


def _resolve(module: str, node: ast.ImportFrom) -> list[str]:
    """The package modules an import statement names (relative ones resolved)."""
    if node.level == 0:
        if not (node.module or "").startswith("contentcheck"):
            return []
        base = (node.module or "").split(".")[1:]
    else:
        package = module.split(".")[:-1] if not (PACKAGE / module.replace(".", "/")).is_dir() else module.split(".")
        base = package[: len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
    found = []
    for alias in node.names:
        candidate = ".".join([*base, alias.name])
        target = candidate if (PACKAGE / (candidate.replace(".", "/") + ".py")).exists() else ".".join(base)
        found.append(target or "__init__")
    return found


def _imports():
    """(module, imported module, inside a function) for every import of a package module."""
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                     for n in ast.walk(f) if n is not f}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for target in _resolve(module, node):
                    yield module, target, id(node) in functions
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("contentcheck."):
                        yield module, alias.name.split(".", 1)[1], id(node) in functions


IMPORTS = list(_imports())


def test_the_checker_sees_the_imports():
    assert ("engine", "rule", False) in IMPORTS and ("families.crossfile", "families.duplicates", False) in IMPORTS


@pytest.mark.parametrize("module, target", sorted({(m, t) for m, t, _ in IMPORTS}))
def test_no_module_imports_a_layer_above_its_own(module, target):
    assert _layer(target) <= _layer(module), f"{module} ({_layer(module)}) imports {target} ({_layer(target)})"


def test_only_the_families_import_a_family():
    """The run, the config and the registry never name a family; plugins.py finds them by package."""
    assert sorted({m for m, t, _ in IMPORTS if t.startswith("families.") and not m.startswith("families.")}) == []


def test_report_formats_and_parsers_import_no_rule_logic():
    wrong = {(m, t) for m, t, _ in IMPORTS
             if m.split(".")[0] in ("reports", "parsers") and t.split(".")[0] in ("families", "ruletypes")}
    assert wrong == set()


# The one exception: the language server loads only for `contentcheck lsp` (pygls and lsprotocol add
# 0.35 s to every start of the command line).
LAZY_ON_PURPOSE = {("cli", "lsp")}


def test_no_package_module_is_imported_inside_a_function():
    assert sorted((m, t) for m, t, inside in IMPORTS if inside and (m, t) not in LAZY_ON_PURPOSE) == []


def test_import_graph_is_acyclic():
    graph: dict[str, set[str]] = {}
    for module, target, _ in IMPORTS:
        if target != module:
            graph.setdefault(module, set()).add(target)
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])

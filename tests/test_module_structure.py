"""The package's shape, read from the source with ast (nothing is imported): model/
never refers to gui/, and no two modules import each other, directly or round a
longer loop, counting imports made inside functions."""
import ast
import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "backprop_lab"
# The repository's folders and the packages they install as (pyproject.toml's package-dir).
FOLDERS = {"model": f"{PACKAGE}.model", "gui": f"{PACKAGE}.gui"}
GUI_NAME = re.compile(r"(?<![\w.])(backprop_lab\.gui|gui)(\.|$)")


def source_files():
    """(module name, path) of every .py file of model/ and gui/, sub-packages included."""
    for folder, package in FOLDERS.items():
        for path in sorted((REPO_ROOT / folder).rglob("*.py")):
            parts = path.relative_to(REPO_ROOT / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join((package, *parts)), path


MODULES = dict(source_files())


def docstrings(tree) -> set[int]:
    """ids of the string constants that are docstrings (prose, not references)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def imported_names(module: str, tree) -> list[str]:
    """Every module name an import statement anywhere in ``tree`` names, relative
    imports resolved; ``from pkg import name`` gives pkg.name when that is a module, else
    pkg. A package's __init__, run first whenever one of its modules is imported, is
    not counted as imported by them: only imports written out are."""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # a submodule's own name; a name defined in the module (or package) itself
            names += [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                      for a in node.names]
    return names


def import_graph() -> dict[str, set[str]]:
    """module → the modules of backprop_lab it imports (at the top or in a function)."""
    graph = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets = set()
        for name in imported_names(module, tree):
            if name in MODULES and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def find_cycle(graph) -> list[str] | None:
    """One import loop of ``graph`` (its modules in order), or None."""
    state = {}            # absent: not seen; 1: on the current path; 2: done, no loop through it
    path = []

    def visit(node):
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (loop := visit(nxt)):
                return loop
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (loop := visit(node)):
            return loop
    return None


def gui_references(tree) -> list[tuple[int, str]]:
    """(line, name) of each import or string in ``tree`` that names the gui package:
    import statements and from-imports (also inside functions, also relative ones) and
    strings such as importlib.import_module("backprop_lab.gui.x") or "gui.x";
    docstrings are prose and may name it."""
    prose = docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""                  # "" in `from .. import gui`
            names = [base] + [f"{base}.{alias.name}".lstrip(".") for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in prose:
            names = [node.value]
        else:
            continue
        found += [(node.lineno, name) for name in names if GUI_NAME.search(name)]
    return found


def test_model_never_refers_to_the_gui_package():
    found = []
    for module, path in MODULES.items():
        if module.startswith(FOLDERS["model"]):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            found += [f"{path.relative_to(REPO_ROOT)}:{line}: {name!r}"
                      for line, name in gui_references(tree)]
    assert found == [], "model/ refers to the gui package:\n" + "\n".join(found)


def test_the_scan_sees_each_way_of_reaching_the_gui():
    for text in ["import backprop_lab.gui.animation", "from backprop_lab.gui import animation",
                 "from ..gui import animation", "from .. import gui", "from backprop_lab import gui",
                 "def f():\n    from backprop_lab.gui.x import y",
                 "import importlib\nimportlib.import_module('backprop_lab.gui.plots_offscreen')",
                 "NAME = 'gui.launcher'"]:
        assert gui_references(ast.parse(text)), text
    for text in ['"""Drawn by backprop_lab.gui.plots_offscreen."""', "GUIDE = 'guide.txt'",
                 "import backprop_lab.model.guard"]:
        assert not gui_references(ast.parse(text)), text


def test_the_import_graph_sees_imports_inside_functions():
    graph = import_graph()
    assert f"{PACKAGE}.model.trainer" in graph[f"{PACKAGE}.model.cli"]
    assert f"{PACKAGE}.gui.main_window" in graph[f"{PACKAGE}.gui.launcher"]   # inside run_app
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_no_import_cycles_between_modules():
    loop = find_cycle(import_graph())
    assert loop is None, "import cycle: " + " -> ".join(loop)

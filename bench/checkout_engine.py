"""Import the engine of a given checkout, of any revision, ahead of the installed one.

Used by bench/compare_commits.py (old and new engine side by side) and
bench/callgrind_epoch.py (instructions per epoch of another tree)::

    pkg, engine = import_checkout_engine(Path("/tmp/old"), workdir)
    engine.Trainer, engine.TrainConfig, engine.make_data

A checkout whose code imports ``backprop_lab.model`` ("backprop_lab" kind) gets a
folder of ``backprop_lab/model`` and ``backprop_lab/gui`` symlinks into it first on
sys.path, which wins over an editable install; an older checkout that imports the
bare ``model`` package ("bare" kind, from before the unique import name) gets its
own root first on sys.path. Either way the module's file is checked to lie in the
checkout, so a benchmark never times the installed engine by mistake.
"""
from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

# a line of code importing the installed name: marks a tree of the backprop_lab kind
INSTALLED_IMPORT = re.compile(r"^\s*(from|import)\s+backprop_lab\.", re.M)
SKIP_DIRS = {".git", ".venv", "build", "__pycache__", "node_modules"}


def tree_kind(tree: Path) -> str:
    """"backprop_lab" if the tree's code imports ``backprop_lab.<...>``, else "bare"
    (imports the top-level ``model`` package by its folder name)."""
    tree = Path(tree)
    for folder in ("model", "gui", "bench", "tests"):
        for path in sorted((tree / folder).rglob("*.py")):
            if SKIP_DIRS & set(path.relative_to(tree).parts):
                continue
            if INSTALLED_IMPORT.search(path.read_text(errors="replace")):
                return "backprop_lab"
    return "bare"


def package_name(kind: str) -> str:
    """The engine's import name in a tree of that kind."""
    return "model" if kind == "bare" else "backprop_lab.model"


def import_root(tree: Path, kind: str, workdir: Path) -> Path:
    """The folder to put first on sys.path so that the tree's engine is the one imported."""
    tree = Path(tree).resolve()
    if kind == "bare":
        return tree
    root = Path(workdir) / "import-root"
    pkg = root / "backprop_lab"                 # namespace package: no __init__.py
    pkg.mkdir(parents=True, exist_ok=True)
    for name in ("model", "gui"):
        if (tree / name).is_dir() and not (pkg / name).exists():
            (pkg / name).symlink_to(tree / name, target_is_directory=True)
    return root


def import_engine(tree: Path, kind: str, root: Path):
    """(package name, module): the tree's engine, imported with ``root`` first on sys.path;
    AssertionError when the module came from anywhere else."""
    sys.path.insert(0, str(root))
    pkg = package_name(kind)
    engine = importlib.import_module(pkg)
    where = Path(engine.__file__).resolve()
    assert where.is_relative_to(Path(tree).resolve() / "model"), (
        f"{pkg} imported from {where}, not from {tree}")
    return pkg, engine


def import_checkout_engine(tree: Path, workdir: Path):
    """(package name, module): tree_kind, import_root and import_engine in one call."""
    kind = tree_kind(tree)
    return import_engine(tree, kind, import_root(tree, kind, workdir))

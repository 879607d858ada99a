"""bench/compare_commits.py tells a tree that imports backprop_lab.<...> from an older
one that imports the bare package, and makes each child import the engine of its own
tree, ahead of the editable install (no timing here)."""
import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH = REPO_ROOT / "bench"
sys.path.insert(0, str(BENCH))
import compare_commits as cc  # noqa: E402


def fake_tree(root: Path, package_line: str) -> Path:
    """A tree whose model/__init__.py imports its mark.py with ``package_line``."""
    (root / "model").mkdir(parents=True)
    (root / "model" / "mark.py").write_text(f"MARK = {str(root)!r}\n")
    (root / "model" / "__init__.py").write_text(package_line + "\n")
    return root


def probe(tree: Path, kind: str, workdir: Path) -> dict:
    """Import the engine as a compare_commits child would, in a fresh interpreter."""
    root = cc.import_root(tree, kind, workdir)
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import compare_commits as cc; "
            "from pathlib import Path; "
            "pkg, m = cc.child_import_engine(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])); "
            "print(json.dumps(dict(pkg=pkg, name=m.__name__, file=m.__file__, "
            "mark=getattr(m, 'MARK', None))))")
    done = subprocess.run([sys.executable, "-c", code, str(BENCH), str(tree), kind, str(root)],
                          capture_output=True, text=True, cwd=tree.parent)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_tree_kind():
    assert cc.tree_kind(REPO_ROOT) == "backprop_lab"


def test_tree_kind_of_fake_trees(tmp_path):
    assert cc.tree_kind(fake_tree(tmp_path / "a", "from model.mark import MARK")) == "bare"
    assert cc.tree_kind(fake_tree(tmp_path / "b", "from backprop_lab.model.mark import MARK")) \
        == "backprop_lab"


def test_import_root_is_a_namespace_of_symlinks(tmp_path):
    root = cc.import_root(REPO_ROOT, "backprop_lab", tmp_path)
    assert not (root / "backprop_lab" / "__init__.py").exists()
    assert (root / "backprop_lab" / "model").resolve() == REPO_ROOT / "model"
    assert (root / "backprop_lab" / "gui").resolve() == REPO_ROOT / "gui"
    assert cc.import_root(REPO_ROOT, "bare", tmp_path) == REPO_ROOT


def test_the_child_imports_this_repositorys_engine(tmp_path):
    got = probe(REPO_ROOT, "backprop_lab", tmp_path)
    assert got["name"] == "backprop_lab.model"
    assert Path(got["file"]).resolve() == REPO_ROOT / "model" / "__init__.py"


def test_the_child_imports_a_fake_trees_engine_over_the_installed_one(tmp_path):
    new = fake_tree(tmp_path / "new", "from backprop_lab.model.mark import MARK")
    got = probe(new, "backprop_lab", tmp_path / "new-work")
    assert (got["name"], got["mark"]) == ("backprop_lab.model", str(new))
    old = fake_tree(tmp_path / "old", "from model.mark import MARK")
    got = probe(old, "bare", tmp_path / "old-work")
    assert (got["name"], got["mark"]) == ("model", str(old))


def test_configs_are_the_same_problem_when_a_newer_tree_only_adds_fields():
    old = "TrainConfig(dataset='xor-easy', features=('x1', 'x2'), hidden=(4, 4), lr=0.1, seed=42)"
    new = ("TrainConfig(task='classification', classes=2, dataset='xor-easy', features=('x1', 'x2'), "
           "hidden=(4, 4), lr=0.1, seed=42, lr_schedule='constant')")
    assert cc.same_problem(old, new)
    assert not cc.same_problem(old, new.replace("lr=0.1", "lr=0.2"))
    assert not cc.same_problem(old, new.replace("(4, 4)", "(4, 5)"))
    assert not cc.same_problem(old, new.replace("seed=42, ", ""))

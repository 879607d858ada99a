"""bench/checkout_engine.py is the one place that imports another checkout's engine (of
either import name) ahead of the installed one: bench/compare_commits.py,
bench/callgrind_epoch.py and bench/gui_throughput.py all go through it."""
import json
import subprocess
import sys
from pathlib import Path

from test_bench_compare_commits import fake_tree

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH = REPO_ROOT / "bench"


def import_in_child(tree: Path, workdir: Path) -> dict:
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); "
            "from checkout_engine import import_checkout_engine; "
            "pkg, m = import_checkout_engine(sys.argv[2], sys.argv[3]); "
            "print(json.dumps(dict(pkg=pkg, file=m.__file__, mark=getattr(m, 'MARK', None))))")
    done = subprocess.run([sys.executable, "-c", code, str(BENCH), str(tree), str(workdir)],
                          capture_output=True, text=True, cwd=tree.parent)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_checkout_of_either_import_name_gets_its_own_engine(tmp_path):
    new = fake_tree(tmp_path / "new", "from backprop_lab.model.mark import MARK")
    got = import_in_child(new, tmp_path / "new-work")
    assert (got["pkg"], got["mark"]) == ("backprop_lab.model", str(new))
    old = fake_tree(tmp_path / "old", "from model.mark import MARK")
    got = import_in_child(old, tmp_path / "old-work")
    assert (got["pkg"], got["mark"]) == ("model", str(old))


def test_callgrinds_case_script_trains_this_checkouts_engine(tmp_path):
    """The script valgrind runs, run here by Python alone (no valgrind needed)."""
    sys.path.insert(0, str(BENCH))
    try:
        import callgrind_epoch
    finally:
        sys.path.remove(str(BENCH))
    script = tmp_path / "case.py"
    script.write_text(callgrind_epoch.CASE + "print(engine.__file__, tr.epoch)\n")
    done = subprocess.run([sys.executable, str(script), str(REPO_ROOT), "4", "B", str(BENCH),
                           str(tmp_path), "epoch"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    where, epochs = done.stdout.split()
    assert Path(where).resolve() == REPO_ROOT / "model" / "__init__.py"
    assert epochs == "7"                   # 3 to make the buffers, then the 4 counted


def test_no_other_bench_script_writes_its_own_way_to_import_a_checkout():
    others = [p.name for p in BENCH.glob("*.py") if p.name != "checkout_engine.py"
              and ("symlink_to(" in p.read_text() or "import_module(\"model\"" in p.read_text())]
    assert others == []

"""The engine and the window install under one unique name, backprop_lab: a
student's own model.py or gui.py (the usual names in this lab) cannot shadow them."""
import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TOP_LEVEL_IMPORT = re.compile(r"^\s*(from|import)\s+(model|gui)\b", re.M)


def test_the_notebook_import_gets_the_engine_beside_a_students_own_model_py(tmp_path):
    (tmp_path / "model.py").write_text("raise ImportError('the student model.py was imported')\n")
    (tmp_path / "gui.py").write_text("raise ImportError('the student gui.py was imported')\n")
    code = ("from backprop_lab.model import TrainConfig, Trainer, datasets\n"
            "import backprop_lab.model as m\n"
            "X, y = datasets.xor_easy()\n"
            "tr = Trainer(TrainConfig(max_epochs=3), X, y)\n"
            "tr.run()\n"
            "print(tr.epoch, m.__name__)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "backprop_lab.model"]


def test_no_code_imports_the_folders_by_their_bare_names():
    offenders = []
    for path in REPO_ROOT.glob("**/*.py"):
        if {".venv", ".git", "build"} & set(path.relative_to(REPO_ROOT).parts):
            continue
        if TOP_LEVEL_IMPORT.search(path.read_text()):
            offenders.append(str(path.relative_to(REPO_ROOT)))
    assert offenders == []

"""File dialogs start in the folder where the last file of their kind went (or any file,
for a kind not used yet)."""
from pathlib import Path

from test_file_menu import step


def test_each_file_dialog_opens_where_the_last_file_went(qtbot, window, tmp_path, monkeypatch):
    """After saving a session elsewhere the next dialogs opened in the home folder."""
    from PySide6.QtWidgets import QFileDialog
    starts = []

    def fake_save(parent, title, start, name_filter):
        starts.append((title, start))
        folder = tmp_path / ("figs" if "Export" in title and "log" not in title else "runs")
        folder.mkdir(exist_ok=True)
        return str(folder / Path(start).name), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, title, start, f: starts.append((title, start)) or ("", ""))
    step(qtbot, window, 3)
    window.file_menu.actions["saveAs"].trigger()
    qtbot.waitUntil(lambda: (tmp_path / "runs" / "session.npz").exists() or
                    any((tmp_path / "runs").glob("session*")), timeout=5000)
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=5000)
    window.file_menu.actions["open"].trigger()          # the same kind: its folder
    window.file_menu.actions["exportLog"].trigger()     # a kind not used yet: the last folder
    window.file_menu.figures.export_panel("lossPlot", "png")
    window.file_menu.actions["saveAs"].trigger()        # still the sessions' folder
    titles = [t for t, _ in starts]
    folders = [str(Path(s).parent) if Path(s).suffix else s for _, s in starts]
    assert folders[1] == str(tmp_path / "runs"), starts      # Open session
    assert folders[2] == str(tmp_path / "runs"), starts      # Export training log
    assert folders[4] == str(tmp_path / "runs"), (titles, starts)

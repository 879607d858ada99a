"""The File menu: sessions (New, Open, Save, Save As), the ready-made lessons
(Examples, from backprop_lab.model.examples), point and log CSV files, figures and the
animation, Quit; and the window's title, unsaved-changes mark and
remembered layout.

    menu = install_file_menu(window)     # once, at the end of MainWindow.__init__

The live Trainer is only ever reached through ``window.session.call`` (it runs in
the training thread between epochs): Save writes it there, Open and New swap a
new one in there. A file that cannot be read or written is reported in one line
and changes nothing in the window or the worker.

"Unsaved" means: epochs trained, a setting changed or points edited since the
session was last saved, opened or started. Before such work is thrown away (New,
Open, closing the window) the user is asked: Save, Discard or Cancel.

Its dialogs are backprop_lab.gui.file_dialogs' functions, called through that module
so tests can answer them without a modal dialog.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from backprop_lab.gui import engine_texts, file_dialogs, settings
from backprop_lab.gui.file_dialogs import APP_NAME, with_suffix
from backprop_lab.gui.csv_encoding_menu import install_csv_encoding_menu
from backprop_lab.gui.figure_menu import FigureMenu
from backprop_lab.gui.lesson_banner import LessonBanner
from backprop_lab.gui.problem_controls import fields_for_points
from backprop_lab.model import limits
from backprop_lab.model.config import TrainConfig
from backprop_lab.model.csv_data import DataFileError, read_points_csv, write_history_csv, write_points_csv
from backprop_lab.model.examples import EXAMPLES
from backprop_lab.model.session import SUFFIX, SessionError, load_session, save_session
from backprop_lab.model.trainer import Trainer, make_data

UNTITLED = QT_TRANSLATE_NOOP("FileMenu", "Untitled")     # translated where shown (name)
SESSION_FILTER = f"Backprop Lab session (*{SUFFIX})"   # i18n: file-type filter
CSV_FILTER = "CSV file (*.csv)"   # i18n: file-type filter
STATUS_MS = 8000


class FileMenu(QObject):
    """File menu actions and their handlers for one MainWindow.

    ``path`` is the session file (None until saved or opened); ``error_box`` the
    last error message shown (non-modal, so nothing waits on it)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.path: Path | None = None
        self.error_box: QMessageBox | None = None
        self.lesson_box: LessonBanner | None = None
        self._clean_epoch = 0          # the epoch the worker had when last saved or loaded
        self._close_confirmed = False
        self.menu = window.menuBar().addMenu(self.tr("&File"))
        self.menu.setObjectName("fileMenu")
        self.actions = {}
        self._add("new", self.tr("&New"), self.new_session, QKeySequence.StandardKey.New)
        self._add("open", self.tr("&Open…"), self.open_session, QKeySequence.StandardKey.Open)
        self._add("save", self.tr("&Save"), self.save, QKeySequence.StandardKey.Save)
        self._add("saveAs", self.tr("Save &As…"), self.save_as, QKeySequence("Ctrl+Shift+S"))
        self._add_examples()
        self.menu.addSeparator()
        self._add("importCsv", self.tr("&Import points CSV…"), self.import_points)
        self._add("exportCsv", self.tr("&Export points CSV…"), self.export_points)
        self.encoding_actions = install_csv_encoding_menu(self, before=self.actions["exportCsv"])
        self._add("exportLog", self.tr("Export training &log CSV…"), self.export_log)
        self.menu.addSeparator()
        self.figures = FigureMenu(window, self.menu, self.show_error)
        self.menu.addSeparator()
        self._add("quit", self.tr("&Quit"), window.close, QKeySequence("Ctrl+Q"))

        window.session.sigSnapshot.connect(self._on_snapshot)
        window.controls.sigConfigChanged.connect(self._mark_changed)
        window.data.sigChanged.connect(self._mark_changed)
        window.installEventFilter(self)
        settings.restore_window(window)
        self._update_title()

    def _add(self, key, text, slot, shortcut=None):
        action = QAction(text, self.window)
        action.setObjectName(f"{key}Action")
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        self.actions[key] = action

    def _add_examples(self):
        """File ▸ Examples: one entry per lesson, its text as the tooltip."""
        sub = self.menu.addMenu(self.tr("E&xamples"))
        sub.setObjectName("examplesMenu")
        sub.setToolTipsVisible(True)
        for ex in EXAMPLES.values():
            action = sub.addAction(engine_texts.title(ex))
            action.setObjectName(f"example:{ex.name}")
            action.setToolTip(engine_texts.lesson(ex))
            action.triggered.connect(lambda _checked=False, name=ex.name: self.open_example(name))
            self.actions[f"example:{ex.name}"] = action

    def open_example(self, name: str):
        """The lesson's config and data at epoch 0 (asks first if unsaved), and its text
        in a strip above the views while it trains."""
        ex = EXAMPLES[name]

        def start():
            cfg = ex.config
            self._adopt(Trainer(cfg, *make_data(cfg)), None,
                        self.tr("Example: {title}. Press Play (Space).").format(title=engine_texts.title(ex)))
            if self.lesson_box is None:         # a strip above the views: it covers nothing
                self.lesson_box = LessonBanner()
                self.window.centralWidget().layout().insertWidget(0, self.lesson_box)
            self.lesson_box.show_lesson(engine_texts.title(ex), engine_texts.lesson(ex))
        self.when_discard_allowed(start)

    # --- title and the unsaved mark ------------------------------------------------------
    @property
    def name(self) -> str:
        return self.path.name if self.path else self.tr(UNTITLED)

    def _update_title(self):
        self.window.setWindowTitle(f"{self.name}[*] — {APP_NAME}")

    def _mark_changed(self, *_):
        self.window.setWindowModified(True)

    def _on_snapshot(self, snap):
        if snap.epoch != self._clean_epoch and not self.window.isWindowModified():
            self.window.setWindowModified(True)     # (once: it costs a title update)

    def _mark_clean(self, path: Path | None, epoch: int):
        self.path, self._clean_epoch = path, epoch
        self.window.setWindowModified(False)
        self._update_title()

    def _status(self, text: str):
        self.window.statusBar().showMessage(text, STATUS_MS)

    def show_error(self, title: str, text: str):
        """One line in a message box that waits for nobody (the window stays usable)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self.window)
        box.setObjectName("fileErrorBox")
        box.open()
        self.error_box = box

    def when_discard_allowed(self, then) -> None:
        """Run ``then()`` now if nothing is unsaved or the user discards it, after a
        successful save if they choose Save; never when they cancel."""
        if not self.window.isWindowModified():
            then()
            return
        answer = file_dialogs.ask_save_changes(self.window, self.name)
        if answer == "discard":
            then()
        elif answer == "save":
            self.save(then=then)

    # --- sessions ---------------------------------------------------------------------------
    def new_session(self):
        """Back to the default settings and data set, epoch 0 (asks first if unsaved)."""
        def start():
            cfg = TrainConfig()
            experiments = getattr(self.window, "experiments", None)
            if experiments is not None:
                experiments.compare.clear()     # a new session compares with nothing
            self._adopt(Trainer(cfg, *make_data(cfg)), None, self.tr("New session: default settings, epoch 0."))
        self.when_discard_allowed(start)

    def open_session(self):
        def pick():
            path = file_dialogs.ask_open_path(self.window, self.tr("Open session"), "session",
                                              SESSION_FILTER)
            if path:
                self.open_path(path)
        self.when_discard_allowed(pick)

    def open_path(self, path) -> bool:
        """Load the session at ``path`` and continue from it. A bad file: an error
        message, and the current session stays exactly as it was."""
        path = Path(path)
        try:
            trainer = load_session(path)       # a new Trainer: nothing live is touched
        except SessionError as e:
            self.show_error(self.tr("Could not open the session"), str(e))
            return False
        settings.remember_folder("session", path)
        self._adopt(trainer, path, self.tr("Opened {name} at epoch {epoch}: press Play "
                                   "to continue.").format(name=path.name, epoch=trainer.epoch))
        return True

    def _adopt(self, trainer: Trainer, path: Path | None, message: str):
        """Show ``trainer``'s settings and points, then swap it in for the worker's."""
        self.window.show_loaded(trainer.cfg, trainer.X, trainer.y, trainer.X_test, trainer.y_test)

        def done(_result, error):
            if error:
                self.show_error(self.tr("Could not open the session"), error)
                return
            self._mark_clean(path, trainer.epoch)
            self._status(message)
        self.window.session.call(lambda worker: worker.replace_trainer(trainer), done, changes_run=True)

    def save(self, then=None):
        if self.path is None:
            self.save_as(then)
        else:
            self.save_to(self.path, then)

    def save_as(self, then=None):
        path = file_dialogs.ask_save_path(self.window, self.tr("Save session as"), "session", SESSION_FILTER,
                             self.path.name if self.path else f"session{SUFFIX}")
        if path:
            self.save_to(with_suffix(path, SUFFIX), then)

    def save_to(self, path, then=None):
        """Write the live trainer to ``path`` in the training thread; then, in this one,
        mark the session saved (or report why not: an older file stays as it was)."""
        path = Path(path)

        def write(worker):
            trainer = worker.trainer
            try:
                save_session(trainer, path)
            except OSError as e:
                return None, f"{path.name}: cannot write ({e.strerror or e})"
            return trainer.epoch, None

        def done(result, error):
            epoch, problem = result if result is not None else (None, error)
            if problem:
                self.show_error(self.tr("Could not save the session"), problem)
                return
            settings.remember_folder("session", path)
            self._mark_clean(path, epoch)
            self._status(self.tr("Saved {name} at epoch {epoch}.").format(name=path.name, epoch=epoch))
            if then is not None:
                then()
        self.window.session.call(write, done)

    # --- CSV files ---------------------------------------------------------------------------
    def import_points(self):
        path = file_dialogs.ask_open_path(self.window, self.tr("Import points"), "csv", CSV_FILTER)
        if path:
            self.import_points_from(path)

    def import_points_from(self, path) -> bool:
        """Replace the points with a CSV file's (the weights are kept)."""
        path = Path(path)
        try:
            points = read_points_csv(path, self.csv_encoding)
            try:                         # as many points as this network can train on here
                limits.check_memory(self.window.cfg, len(points.X), len(points.X_test))
            except ValueError as e:
                raise DataFileError(f"{path.name}: {e}") from None
        except DataFileError as e:
            self.show_error(self.tr("Could not import the points"), str(e))
            return False
        settings.remember_folder("csv", path)
        fits = fields_for_points(self.window.cfg, points.regression, points.classes)
        if fits:                         # a target column or more classes: switch the problem first
            self.window.controls.apply(**fits)
        self.window.data.replace(points.X, points.y, points.X_test, points.y_test)
        text = self.tr("Imported {name} ({encoding}): {count}.").format(
            name=path.name, encoding=points.encoding, count=self.window.data.count_text())
        self._status(" ".join([text, *(self.tr("Note: {notice}.").format(notice=n) for n in points.notices)]))
        return True

    def export_points(self):
        path = file_dialogs.ask_save_path(self.window, self.tr("Export points"), "csv", CSV_FILTER,
                                          "points.csv")
        if path:
            self.export_points_to(with_suffix(path, ".csv"))

    def export_points_to(self, path) -> bool:
        path = Path(path)
        try:
            write_points_csv(path, *self.window.data.arrays, regression=self.window.cfg.task == "regression")
        except (OSError, ValueError) as e:
            self.show_error(self.tr("Could not export the points"), f"{path.name}: {_reason(e)}")
            return False
        settings.remember_folder("csv", path)
        self._status(self.tr("Exported {count_text} to {name}.").format(count_text=self.window.data.count_text(), name=path.name))
        return True

    def export_log(self):
        path = file_dialogs.ask_save_path(self.window, self.tr("Export training log"), "csv", CSV_FILTER,
                             "training-log.csv")
        if path:
            self.export_log_to(with_suffix(path, ".csv"))

    def export_log_to(self, path) -> bool:
        """Every recorded epoch of the newest snapshot the window has drawn."""
        path, snap = Path(path), self.window.snapshot
        if snap is None:
            return False
        try:
            write_history_csv(path, snap.history)
        except (OSError, ValueError) as e:
            self.show_error(self.tr("Could not export the training log"), f"{path.name}: {_reason(e)}")
            return False
        settings.remember_folder("csv", path)
        self._status(self.tr("Exported {len} epochs of training log to {name}.").format(len=len(snap.history), name=path.name))
        return True

    # --- closing ---------------------------------------------------------------------------------
    def eventFilter(self, obj, event):
        if obj is self.window and event.type() == QEvent.Type.Close:
            if self._close_confirmed or not self.window.isWindowModified():
                self._remember()
                return False
            answer = file_dialogs.ask_save_changes(self.window, self.name)
            if answer == "discard":
                self._remember()
                return False
            event.ignore()
            if answer == "save":
                self.save(then=self._close_after_save)
            return True
        return False

    def _close_after_save(self):
        self._close_confirmed = True
        self.window.close()

    def _remember(self):
        settings.save_window(self.window)
        settings.save_config(self.window.cfg)


def _reason(e: Exception) -> str:
    return (e.strerror or str(e)) if isinstance(e, OSError) else str(e)


def install_file_menu(window) -> FileMenu:
    """Give ``window`` (a MainWindow) its File menu, title and remembered layout."""
    return FileMenu(window)

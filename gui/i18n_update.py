"""Re-extract the translatable strings, compile the translations, list what is missing.

    python -m backprop_lab.gui.i18n_update            # update gui/i18n/*.ts, build *.qm, report
    python -m backprop_lab.gui.i18n_update --check    # the same on copies; exit 1 if anything is missing

Runs ``pyside6-lupdate`` over every .py file in gui/ into each
``gui/i18n/backprop_lab_<lang>.ts`` (new strings appear as unfinished, strings no
longer in the code are dropped), then ``pyside6-lrelease`` to the ``.qm`` beside it,
and prints each entry with no translation as ``<lang> <context>: <source>``.
Translate those in ``pyside6-linguist gui/i18n/backprop_lab_zh_TW.ts`` (or in the
XML) and run it again. No Qt event loop or display is needed.
"""
from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

GUI_DIR = Path(__file__).resolve().parent
I18N_DIR = GUI_DIR / "i18n"
PLACEHOLDER = re.compile(r"\{(?:[A-Za-z_][A-Za-z0-9_]*|\d+)?(?:[:!][^{}]*)?\}|%n|%\d")


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    translation: str
    finished: bool


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: beside this Python, else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.is_file() else shutil.which(name)
    if not found:
        raise SystemExit(f"i18n_update: {name} not found (it comes with PySide6-Essentials)")
    return found


def sources() -> list[Path]:
    return sorted(p for p in GUI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def ts_files() -> list[Path]:
    return sorted(I18N_DIR.glob("backprop_lab_*.ts"))


def lupdate(ts: Path) -> None:
    """Merge the strings of gui/ into ``ts`` (no locations: a moved line is no change)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as lst:
        lst.write("\n".join(map(str, sources())))
    try:
        subprocess.run([tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                        f"@{lst.name}", "-ts", str(ts)], check=True)
    finally:
        Path(lst.name).unlink()


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def entries(ts: Path) -> list[Entry]:
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            tr = message.find("translation")
            text = "".join(tr.itertext()) if tr is not None else ""
            kind = tr.get("type", "") if tr is not None else "unfinished"
            out.append(Entry(name, message.findtext("source", ""), text,
                             bool(text.strip()) and kind not in ("unfinished", "obsolete", "vanished")))
    return out


def problems(ts: Path) -> list[str]:
    """One line per entry with no finished translation or with other placeholders."""
    lang = ts.stem.removeprefix("backprop_lab_")
    lines = []
    for e in entries(ts):
        if not e.finished:
            lines.append(f"{lang} untranslated  {e.context}: {e.source!r}")
        elif sorted(PLACEHOLDER.findall(e.source)) != sorted(PLACEHOLDER.findall(e.translation)):
            lines.append(f"{lang} placeholders  {e.context}: {e.source!r} -> {e.translation!r}")
    return lines


# Calls whose string arguments a user reads: Qt's setters and constructors, and this
# app's own helpers that pass their text on to one (form_rows, panes, menus).
SINKS = frozenset({
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setPlaceholderText",
    "setTitle", "addItem", "addItems", "insertItem", "setItemText", "setLabelText", "showMessage",
    "addTab", "insertTab", "setTabText", "setTabToolTip", "addAction", "addMenu", "addButton",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setHeaderLabels", "setSuffix", "setPrefix",
    "setSpecialValueText", "setInformativeText", "setDetailedText", "setAccessibleName",
    "setAccessibleDescription", "setFormat", "addRow", "setLabel", "setNameFilter", "setNameFilters",
    "information", "warning", "critical", "question", "getSaveFileName", "getOpenFileName",
    "getExistingDirectory", "getItem", "getInt", "getDouble", "getText", "setPlainText", "setHtml",
    "QAction", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton", "QMenu",
    "QMessageBox", "QProgressDialog", "QCollapsible",
    "row", "field", "check", "spin", "push_button", "titled", "_add", "_action", "show_error",
    "set_can_play", "show_message", "emit", "ask_open_path", "ask_save_path", "ask_folder", "_status",
    "message", "load_into_window", "_adopt", "showText", "set_title",
    "GridError", "ExportError", "DataFileError", "_label", "_finish", "_fail", "MovieError",
})
NAME_TAKERS = frozenset({"field", "row", "check", "spin", "push_button", "_action", "_add", "_label", "emit",
                         "addAction", "QAction", "_adopt", "message", "=", "GridError", "ExportError",
                         "ask_folder", "ask_save_path", "ask_open_path"})
TRANSLATORS = frozenset({"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"})
WORD = re.compile(r"[A-Za-z]{2,}")
IDENTIFIER = re.compile(r"^[a-z][A-Za-z0-9_.\-]*$")      # objectNames, field names: not prose
EXEMPT_MARK = "# i18n:"       # a line comment saying why a string stays as it is ("# i18n: formula")
# Names whose string values a user reads: tip = "...", NO_POINTS_HINT = "...", DATASET_TIPS = {...}
TEXT_NAME = re.compile(r"(?i)(tip|text|message|title|hint|caption|prompt|filter|intro|help)s?$")


def _assigned_names(node) -> list[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return [t.id if isinstance(t, ast.Name) else t.attr for t in targets if isinstance(t, (ast.Name, ast.Attribute))]


def _literal_text(node) -> str | None:
    """The text a literal (or f-string, or + of them) shows, placeholders left out."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = [_literal_text(node.left), _literal_text(node.right)]
        return "".join(p for p in parts if p) if any(parts) else None
    return None


def _call_name(call: ast.Call) -> str | None:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)


def _shown_path(path: Path) -> str:
    try:
        return str(path.relative_to(GUI_DIR.parent))
    except ValueError:
        return str(path)


def unwrapped_strings(paths=None) -> list[str]:
    """``file:line: text`` for each string a user reads that is not passed through
    tr()/translate(): a literal argument of a SINKS call, and an f-string given to a
    translator (its source text would never match the catalogue)."""
    found = []
    for path in paths or sources():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                if not any(TEXT_NAME.search(n) for n in _assigned_names(node)):
                    continue
                name, args = "=", ([*node.value.values] if isinstance(node.value, ast.Dict) else
                                   list(node.value.elts) if isinstance(node.value, (ast.Tuple, ast.List)) else
                                   [node.value])
            elif isinstance(node, ast.Call):
                name = _call_name(node)
                args = [*node.args, *(k.value for k in node.keywords if k.arg not in ("objectName", "name", "size", "color"))]
            else:
                continue
            # both branches of "a" if ok else "b"
            while any(isinstance(a, ast.IfExp) for a in args):
                args = [x for a in args for x in ((a.body, a.orelse) if isinstance(a, ast.IfExp) else (a,))]
            if name == "tr" and isinstance(node.func, ast.Name):
                found.append(f"{_shown_path(path)}:{node.lineno}: a bare tr() has no context for "
                             "pyside6-lupdate: use self.tr() or QCoreApplication.translate(context, ...)")
                continue
            for arg in args:
                where = f"{_shown_path(path)}:{arg.lineno}"
                if name in TRANSLATORS:
                    if isinstance(arg, ast.JoinedStr):
                        found.append(f"{where}: f-string inside {name}(): use .format() after it")
                    continue
                if name not in SINKS and name != "=":
                    continue
                shown = _literal_text(arg)
                if name == "setLabel" and arg is node.args[0]:
                    continue                                    # the axis: "left", "bottom"
                # One lowercase word ("epoch", "train") is prose to Qt's own setters; to this
                # app's helpers it is usually a field or object name.
                identifier = IDENTIFIER.match(shown or "") and (name in NAME_TAKERS or not shown.isalpha())
                if (shown is None or not WORD.search(shown) or identifier
                        or any(EXEMPT_MARK in lines[n - 1] for n in range(node.lineno, arg.end_lineno + 1))):
                    continue
                what = f"{name}({shown[:60]!r})" if name != "=" else f"{shown[:60]!r} assigned to a text name"
                found.append(f"{where}: {what} is not translatable")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backprop_lab.gui.i18n_update",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="work on temporary copies; change nothing; exit 1 if anything is missing")
    args = parser.parse_args(argv)
    found = unwrapped_strings()
    with tempfile.TemporaryDirectory() as tmp:
        for shipped in ts_files():
            ts = Path(tmp) / shipped.name if args.check else shipped
            if args.check:
                shutil.copyfile(shipped, ts)
            lupdate(ts)
            if not args.check:
                lrelease(ts, ts.with_suffix(".qm"))
            found += problems(ts)
    for line in found:
        print(line)
    total = sum(len(entries(ts)) for ts in ts_files())
    print(f"i18n: {len(found)} problem(s) in {total} entries "
          f"({', '.join(ts.name for ts in ts_files())})", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

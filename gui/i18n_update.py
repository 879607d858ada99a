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
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}|%n|%\d")


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backprop_lab.gui.i18n_update",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="work on temporary copies; change nothing; exit 1 if anything is missing")
    args = parser.parse_args(argv)
    found = []
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

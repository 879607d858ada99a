"""Atomic file writing: a crash mid-save never destroys the previous file.

The temporary file is ``.NAME.bpl-XXXXXXXX.tmp`` beside the target. A save
killed mid-write (kill -9, power loss) strands it; the next save into the same
folder removes every one of ours that has not been written to for
``STALE_SECONDS`` (a save in progress writes continuously, so it is never one).
"""
from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from contextlib import contextmanager, suppress

TEMP_MARK = ".bpl-"
STALE_SECONDS = 600
# ours: ".NAME.bpl-" + mkstemp's 8 random characters + ".tmp"
# (and a session's temporary file as named before the mark existed: ".NAME.npz.XXXXXXXX.tmp")
_OURS = re.compile(r"^\..+(\.bpl-|\.npz\.)[A-Za-z0-9_]{8}\.tmp$")


@contextmanager
def atomic_write(path, mode: str = "wb", **open_kwargs):
    """Open a temporary file beside ``path`` for writing; on success flush, fsync
    and ``os.replace`` it onto ``path``. On any exception the temporary file is
    removed and ``path`` is left exactly as it was.
    """
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    remove_stale_temp_files(folder)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}{TEMP_MARK}", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, mode, **open_kwargs) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); a saved session is meant to be shared
        os.chmod(tmp, os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644)
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def check_writable(path) -> None:
    """Raise OSError (with the reason and the path) unless a file can be saved at
    ``path`` now: its folder exists and takes a new file, and ``path`` is not a folder.
    Creates and removes one temporary file of our naming (the only honest test:
    permission bits say nothing of read-only mounts, and root passes them all)."""
    path = os.fspath(path)
    if os.path.isdir(path):
        raise IsADirectoryError(21, "is a folder", path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise FileNotFoundError(2, f"no folder {folder}", folder)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}{TEMP_MARK}", suffix=".tmp", dir=folder)
    os.close(fd)
    os.unlink(tmp)


def check_writable_option(flag: str, path) -> None:
    """check_writable for a command-line option's file: ValueError in one line,
    ``--flag PATH: the reason``, so a bad path fails before the work, not after it."""
    try:
        check_writable(path)
    except OSError as e:
        raise ValueError(f"{flag} {path}: {e.strerror or e}") from None


def remove_stale_temp_files(folder: str, now: float | None = None) -> list[str]:
    """Remove our temporary files in ``folder`` untouched for STALE_SECONDS; return
    their names. Never raises: cleaning up must not stop a save."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _OURS.match(entry.name):
            continue
        with suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                os.unlink(entry.path)
                removed.append(entry.name)
    return removed


def _fsync_folder(folder: str):
    """Make the rename itself durable (POSIX); not possible, nor needed, on Windows."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

"""Bad files for the file readers' tests (points CSV, sessions): each reader refuses
one with its own error class and a one-line message that starts with the file's name.

    refused = functools.partial(assert_refused, read_points_csv, DataFileError)
    refused(sparse_file(tmp_path / "big.csv", LIMIT + 1), "larger than")
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest


def assert_refused(read, error: type[Exception], path, *words: str) -> str:
    """``read(path)`` raises ``error`` with one line "<the path as given>: …" holding
    every one of ``words``; returns that line."""
    with pytest.raises(error) as info:
        read(path)
    msg = str(info.value)
    assert "\n" not in msg and msg.startswith(os.fspath(path) + ": ")
    for w in words:
        assert w in msg, msg
    return msg


def read_or_refused(read, error: type[Exception], path, raw: bytes):
    """Write ``raw`` to ``path`` and read it: what ``read`` returned, or None when it
    refused the file with ``error`` in one line (any other exception fails the test)."""
    Path(path).write_bytes(raw)
    try:
        return read(path)
    except error as e:
        assert "\n" not in str(e)
        return None


def sparse_file(path, size: int) -> Path:
    """A file of ``size`` zero bytes that takes no disk space (for size limits)."""
    with open(path, "wb") as f:
        f.truncate(size)
    return Path(path)

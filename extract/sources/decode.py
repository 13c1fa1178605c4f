"""Bytes on disk → text: gzip, a size limit, and encoding detection (UTF-8 with or without
BOM, UTF-16 with BOM, Windows-1256), with a reason instead of an exception for anything else.

>>> decode("سلام".encode("cp1256"))
'سلام'
>>> decode(b"\\x00\\x01\\x02")
Reason(text='binary file (NUL bytes)')
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 40_000_000
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_UNDECODABLE = "undecodable text (not UTF-8, UTF-16 or Windows-1256)"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a file could not be read."""

    text: str


def decode(data: bytes) -> str | Reason:
    """Text from bytes, detecting the encoding rather than guessing it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return Reason("undecodable text (broken UTF-16)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        return Reason("empty file")
    if b"\x00" in data:
        return Reason("binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return Reason(_UNDECODABLE)
    letters = sum(ch.isalpha() for ch in text)
    # Windows-1256 decodes almost any bytes: accept it only when it yields Persian/Arabic text.
    if letters and len(_ARABIC_SCRIPT.findall(text)) / letters > 0.5:
        return text
    return Reason(_UNDECODABLE)


def read_text(path: str | Path) -> str | Reason:
    """The text of one file (gzip undone), or the reason it cannot be read."""
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            return Reason(f"file too large ({size / 1e6:.0f} MB > {MAX_BYTES / 1e6:.0f} MB limit)")
        if os.fspath(path).lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                return Reason(f"file too large once decompressed (> {MAX_BYTES / 1e6:.0f} MB limit)")
        else:
            with open(path, "rb") as fh:
                data = fh.read()
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        return Reason(f"cannot read: {exc}")
    return decode(data)

"""Input files → documents: plain text in several encodings, saved HTML pages, JSON Lines
and JSON, and any of them gzipped. Bad input becomes a ``Skip`` with the reason; nothing here
raises for a bad file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.sources.decode import Reason, read_text
from extract.sources.html import html_document
from extract.sources.jsonl import json_documents

EXTENSIONS = (".txt", ".text", ".html", ".htm", ".jsonl", ".json")


@dataclass(frozen=True, slots=True)
class Document:
    source: str  # path relative to the root, '/' separators; '#N' for the N-th JSON record
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # the publication date as found; parsed by extract.dates


@dataclass(frozen=True, slots=True)
class Skip:
    source: str
    reason: str


def _kind(name: str) -> str | None:
    """The input kind a file name says (txt, html, jsonl, json), gzipped or not; None if none."""
    name = name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for ext in EXTENSIONS:
        if name.endswith(ext):
            return ext.lstrip(".").replace("htm", "html").replace("htmll", "html").replace("text", "txt")
    return None


def walk_inputs(root: Path) -> Iterator[Path]:
    """Article files under ``root``, one at a time, in the string order of their paths relative
    to ``root``. Hidden files and folders, other file types and symlink loops are passed over
    silently.

    The folders are walked depth first, each listed in that order (a folder sorts as its name
    and a '/'), so a corpus of millions of files is never held in memory: only the listings of
    the folders on the current path.
    """
    root = Path(root)
    if root.is_file():
        if _kind(root.name):
            yield root
        return
    yield from _walk(str(root), set())


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:  # a symlink back up the tree
            return
        seen.add((st.st_dev, st.st_ino))
        with os.scandir(folder) as it:
            entries = [e for e in it if not e.name.startswith(".")]
    except OSError:  # unreadable or vanished: passed over, as os.walk does
        return
    listing = []
    for e in entries:
        try:
            if e.is_dir():
                listing.append((e.name + "/", e.path, True))
            elif e.is_file() and _kind(e.name):
                listing.append((e.name, e.path, False))
        except OSError:
            continue
    for _, path, is_dir in sorted(listing):
        if is_dir:
            yield from _walk(path, seen)
        else:
            yield Path(path)


def _relative(path: str | Path, root: str | Path) -> str:
    """``path`` relative to ``root`` with '/' separators (its name when outside ``root``).

    String work, not ``Path.relative_to``: this runs once per file of corpora of a million.
    """
    text, prefix = str(path), os.path.join(str(root), "")
    if text.startswith(prefix):
        return text[len(prefix) :].replace(os.sep, "/")
    try:  # «.» as root, or a path spelled another way
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).name


def read_input(path: Path, root: Path) -> list[Document | Skip]:
    """Every document in one input file, or the reasons it could not be read."""
    path = os.fspath(path)  # strings from here: Path objects cost more than reading the file
    source = _relative(path, root)
    raw = read_text(path)
    if isinstance(raw, Reason):
        return [Skip(source, raw.text)]
    kind = _kind(os.path.basename(path))
    if kind in ("jsonl", "json"):
        out: list[Document | Skip] = []
        for n, item in json_documents(raw, jsonl=kind == "jsonl"):
            if isinstance(item, Reason):
                out.append(Skip(f"{source}#{n}", item.text))
                continue
            text, title, published = item["text"], item.get("title"), item.get("date")
            if item.get("html") and not text:
                page = html_document(item["html"])
                if isinstance(page, Reason):
                    out.append(Skip(f"{source}#{n}", page.text))
                    continue
                text, title, published = page.text, title or page.title, published or page.published
            out.append(Document(f"{source}#{n}", text, title, item.get("url"), published))
        return out or [Skip(source, "no article in the file")]
    if kind == "html":
        page = html_document(raw)
        if isinstance(page, Reason):
            return [Skip(source, page.text)]
        return [Document(source, page.text, page.title, page.url, page.published)]
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return [Skip(source, "empty file")]
    return [Document(source, text)]

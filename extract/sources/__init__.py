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


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for ext in EXTENSIONS:
        if name.endswith(ext):
            return ext.lstrip(".").replace("htm", "html").replace("htmll", "html").replace("text", "txt")
    return None


def list_inputs(root: Path) -> list[Path]:
    """Article files under ``root`` in a stable order: hidden files and folders, other file
    types and symlink loops are passed over silently."""
    root = Path(root)
    if root.is_file():
        return [root] if _kind(root) else []
    found = []
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            p = Path(folder) / f
            if not f.startswith(".") and _kind(p) and p.is_file():
                found.append(p)
    return sorted(found, key=lambda p: _relative(p, root))


def _relative(path: Path, root: Path) -> str:
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
    source = _relative(Path(path), Path(root))
    raw = read_text(Path(path))
    if isinstance(raw, Reason):
        return [Skip(source, raw.text)]
    kind = _kind(Path(path))
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


def iter_inputs(root: Path) -> Iterator[Document | Skip]:
    root = Path(root)
    base = root if root.is_dir() else root.parent
    for p in list_inputs(root):
        yield from read_input(p, base)

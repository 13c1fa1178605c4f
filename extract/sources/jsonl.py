"""JSON Lines and JSON: one article per line (or per array item) with `text` or `html`, and
optional `url`, `title`, `date`. A bad line is reported by its number; the rest is read."""

from __future__ import annotations

import json
from collections.abc import Iterator

from extract.sources.decode import Reason


def _record(obj) -> dict | Reason:
    if not isinstance(obj, dict):
        return Reason("not a JSON object")
    text, html = obj.get("text"), obj.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        return Reason("no 'text' or 'html' field")
    return {
        "text": text if isinstance(text, str) else "",
        "html": html if isinstance(html, str) else None,
        "url": obj.get("url") if isinstance(obj.get("url"), str) else None,
        "title": obj.get("title") if isinstance(obj.get("title"), str) else None,
        "date": str(obj["date"]) if obj.get("date") is not None else None,
    }


def json_documents(text: str, *, jsonl: bool) -> Iterator[tuple[int, dict | Reason]]:
    """(1-based line or item number, record or reason) for every article in the file.

    >>> [(n, r if isinstance(r, Reason) else r["text"]) for n, r in json_documents('{"text": "a"}\\n{bad\\n', jsonl=True)]
    [(1, 'a'), (2, Reason(text='not valid JSON on line 2: Expecting property name enclosed in double quotes'))]
    """
    if not jsonl:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield 1, Reason(f"not valid JSON: {exc.msg} (line {exc.lineno})")
            return
        items = data if isinstance(data, list) else [data]
        for n, obj in enumerate(items, 1):
            yield n, _record(obj)
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, Reason(f"not valid JSON on line {n}: {exc.msg}")
            continue
        rec = _record(obj)
        yield n, (Reason(f"line {n}: {rec.text}") if isinstance(rec, Reason) else rec)

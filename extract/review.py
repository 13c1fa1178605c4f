"""`extract show`: one article as a right-to-left HTML page with every fact highlighted.

The store keeps offsets into the normalized text, not the text itself, so the page re-reads
the article's source file (relative to ``root``) and normalizes it again.
"""

from __future__ import annotations

import html
from pathlib import Path

from extract.errors import StoreError
from extract.normalize import normalize
from extract.sources import Document, read_input
from extract.store import connect

_STYLE = """
body { direction: rtl; font-family: Vazirmatn, Tahoma, "Noto Naskh Arabic", "DejaVu Sans", sans-serif;
       margin: 2rem auto; max-width: 60rem; line-height: 2; background: #fdfdfb; color: #222; }
.text { white-space: pre-wrap; }
mark { background: #ffe38a; border-radius: 3px; padding: 0 2px; cursor: help; }
mark.warn { background: #ffb3b3; outline: 2px solid #c00; }
table { border-collapse: collapse; font-size: 0.9rem; margin-top: 2rem; }
td, th { border: 1px solid #ccc; padding: 2px 6px; }
"""


def _article(con, ref: str):
    row = con.execute(
        "SELECT article_id, source, title FROM articles WHERE article_id = ? OR source = ? OR source LIKE '%/' || ? "
        "ORDER BY source LIMIT 1",
        [ref, ref, ref],
    ).fetchone()
    if row is None:
        raise StoreError(f"{ref}: no such article in the database (give an article_id or a source path)")
    return row


def _document(source: str, roots: list[Path]) -> Document:
    path_part, _, line = source.partition("#")
    for root in roots:
        path = root / path_part
        if path.exists():
            for item in read_input(path, root):
                if isinstance(item, Document) and item.source == source:
                    return item
    raise StoreError(f"{source}: the source file is not under {', '.join(map(str, roots))} (use --root)")


def render(db: Path, ref: str, roots: list[Path]) -> str:
    """The review page of one article, as HTML."""
    con = connect(db, read_only=True)
    try:
        article_id, source, title = _article(con, ref)
        rows = con.execute(
            "SELECT m.start, m.end, m.rule, f.amount, f.unit, f.metric, f.province, f.year, f.official_name, f.warnings "
            "FROM mentions m JOIN facts f USING (fact_id) WHERE m.article_id = ? ORDER BY m.start",
            [article_id],
        ).fetchall()
    finally:
        con.close()
    text = normalize(_document(source, roots).text).text
    parts, pos, table = [], 0, []
    for start, end, rule, amount, unit, metric, province, year, official, warnings in rows:
        if start < pos:
            continue
        tip = (f"{format(amount.normalize(), 'f')} {unit} · {metric} · {province or '—'} · {year or '—'} · "
               f"{official or '—'} · rule: {rule}" + ("".join(f" · ⚠ {w}" for w in warnings) if warnings else ""))
        cls = ' class="warn"' if warnings else ""
        parts.append(html.escape(text[pos:start]))
        parts.append(f'<mark{cls} title="{html.escape(tip)}">{html.escape(text[start:end])}{" ⚠" if warnings else ""}</mark>')
        table.append(f"<tr><td>{html.escape(text[start:end])}</td><td>{html.escape(tip)}</td></tr>")
        pos = end
    parts.append(html.escape(text[pos:]))
    return (
        f'<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{html.escape(title or source)}</title>'
        f"<style>{_STYLE}</style></head><body><h1>{html.escape(title or source)}</h1>"
        f'<p><bdi dir="ltr">{html.escape(source)}</bdi> · {len(table)} mention(s)</p><div class="text">{"".join(parts)}</div>'
        f"<table><tr><th>متن</th><th>رکورد</th></tr>{''.join(table)}</table></body></html>"
    )

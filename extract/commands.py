"""Commands for the people who use the data: query, export and the records' JSON Schema."""

from __future__ import annotations

import csv
import json
import sys
from decimal import Decimal
from pathlib import Path

from extract.errors import StoreError
from extract.store import connect
from schemas.models import Article, Fact, Mention

TABLES = ("articles", "facts", "mentions", "skipped")


def records_schema() -> dict:
    """The JSON Schema of the records, generated from the pydantic models."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "welfare-facts records",
        "$defs": {m.__name__: m.model_json_schema() for m in (Article, Fact, Mention)},
    }


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def query(db: Path, sql: str, fmt: str = "table", out=None) -> int:
    """Run ``sql`` on the database and print the result; returns the number of rows."""
    out = out or sys.stdout
    con = connect(db, read_only=True)
    try:
        try:
            cur = con.execute(sql)
        except Exception as exc:  # DuckDB's parser and binder errors
            raise StoreError(f"query failed: {exc}") from None
        names = [c[0] for c in cur.description or []]
        rows = cur.fetchall()
    finally:
        con.close()
    if fmt == "json":
        for row in rows:
            out.write(json.dumps(dict(zip(names, map(_jsonable, row), strict=True)), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(names)
        w.writerows([[_text(v) for v in row] for row in rows])
    else:
        cells = [names] + [[_text(v) for v in row] for row in rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(names))]
        for n, r in enumerate(cells):
            out.write(" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) + "\n")
            if n == 0:
                out.write("-+-".join("-" * w for w in widths) + "\n")
        out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return len(rows)


def _jsonable(v):
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")  # exact, as a string
    if isinstance(v, list):
        return [_jsonable(x) for x in v]
    if v is None or isinstance(v, (int, str, bool)):
        return v
    return str(v)


def export(db: Path, out_dir: Path, fmt: str) -> list[Path]:
    """Write every table to ``out_dir`` as Parquet (types kept) or CSV; returns the files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect(db, read_only=True)
    written = []
    try:
        for table in TABLES:
            target = out_dir / f"{table}.{fmt}"
            option = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
            con.execute(f"COPY {table} TO '{target.as_posix()}' {option}")
            written.append(target)
    finally:
        con.close()
    return written

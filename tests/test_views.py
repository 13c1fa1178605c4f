"""Views, query, export and the JSON Schema, on the bundled corpus."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import duckdb

from conftest import ROOT
from extract.commands import export, query, records_schema


def _con(db):
    return duckdb.connect(str(db), read_only=True)


def test_facts_rial_is_every_money_fact_in_rial(seed_db):
    con = _con(seed_db)
    money = con.execute("SELECT fact_id, unit, amount FROM facts WHERE unit IN ('rial', 'toman')").fetchall()
    view = dict(con.execute("SELECT fact_id, amount_rial FROM facts_rial").fetchall())
    con.close()
    assert len(view) == len(money) > 0
    for fid, unit, amount in money:
        assert view[fid] == (amount * 10 if unit == "toman" else amount)
        assert isinstance(view[fid], Decimal)
    assert Decimal("630000000000") in view.values()  # «۶۳ میلیارد تومان»


def test_province_year_metric_has_one_row_per_group(seed_db):
    con = _con(seed_db)
    groups = con.execute("SELECT province, year, metric, unit, facts, total FROM province_year_metric").fetchall()
    facts = con.execute("SELECT province, year, metric, unit, amount FROM facts").fetchall()
    con.close()
    keys = [g[:4] for g in groups]
    assert len(keys) == len(set(keys))
    assert sum(g[4] for g in groups) == len(facts)
    row = next(g for g in groups if g[:4] == ("semnan", 1402, "insurance_support", "person"))
    assert row[5] == sum(f[4] for f in facts if f[:4] == ("semnan", 1402, "insurance_support", "person"))


def test_officials_view(seed_db):
    con = _con(seed_db)
    rows = {r[0]: r for r in con.execute("SELECT official_name, titles, provinces, first_article, last_article, facts FROM officials").fetchall()}
    counts = dict(con.execute("SELECT official_name, count(*) FROM facts WHERE official_name IS NOT NULL GROUP BY 1").fetchall())
    con.close()
    assert {name: r[5] for name, r in rows.items()} == counts
    mantegi = rows["محمود منطقی"]  # speaks in two seed articles
    assert mantegi[3] == "001_3b1a2dff0802509a.txt" and mantegi[4] == "003_bdb917ed9dbf5771.txt"
    assert "semnan" in mantegi[2]


def test_query_formats(seed_db):
    sql = "SELECT amount, unit FROM facts WHERE unit = 'toman' ORDER BY amount"
    for fmt in ("table", "csv", "json"):
        buf = io.StringIO()
        n = query(seed_db, sql, fmt, out=buf)
        assert n > 0 and "63000000000" in buf.getvalue()
    first = json.loads(io.StringIO(_json(seed_db, sql)).readline())
    assert isinstance(first["amount"], str)  # exact, not a float


def _json(db, sql):
    buf = io.StringIO()
    query(db, sql, "json", out=buf)
    return buf.getvalue()


def test_parquet_export_round_trips(seed_db, tmp_path):
    files = export(seed_db, tmp_path / "out", "parquet")
    src = _con(seed_db)
    back = duckdb.connect()
    for f in files:
        table = f.stem
        assert back.execute(f"SELECT * FROM read_parquet('{f}') ORDER BY ALL").fetchall() == src.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        types = [r[1] for r in back.execute(f"DESCRIBE SELECT * FROM read_parquet('{f}')").fetchall()]
        assert types == [r[1] for r in src.execute(f"DESCRIBE {table}").fetchall()]
    src.close()


def test_committed_json_schema_matches_the_models():
    committed = json.loads((ROOT / "schemas" / "records.schema.json").read_text(encoding="utf-8"))
    assert committed == records_schema(), "run `extract schema > schemas/records.schema.json`"

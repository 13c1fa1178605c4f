"""DuckDB storage: tables from ``schemas/tables.sql``, one transaction per batch, bulk
inserts through Arrow, and re-runs that replace rather than duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from extract.errors import StoreError
from schemas.models import Article, Fact
from schemas.tables import ddl, table_columns

VIEWS_SQL = Path(__file__).resolve().parent.parent / "schemas" / "views.sql"


@dataclass(frozen=True, slots=True)
class ArticleResult:
    article: Article
    facts: list[Fact]


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database, with a clear error when another process holds it."""
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreError(f"{path}: the database is in use by another process (is another `extract` running?)") from None
        raise StoreError(f"{path}: cannot open the database: {exc}") from None


def _arrow_type(sql: str) -> pa.DataType:
    if sql.startswith("DECIMAL"):
        return pa.decimal128(38, 6)
    if sql == "INTEGER":
        return pa.int32()
    if sql == "DATE":
        return pa.date32()
    if sql.endswith("[]"):
        return pa.list_(_arrow_type(sql[:-2]))
    return pa.string()


_SCHEMAS = {
    table: pa.schema([(name, _arrow_type(sql)) for name, sql in cols]) for table, cols in table_columns().items()
}


def rows(results: list[ArticleResult]) -> dict[str, list[dict]]:
    """The rows each table gets for ``results`` (also used to write Parquet parts)."""
    out: dict[str, list[dict]] = {"articles": [], "facts": [], "mentions": []}
    for r in results:
        a = r.article
        out["articles"].append(a.model_dump())
        for f in r.facts:
            fid = f.fact_id(a.article_id)
            row = f.model_dump(exclude={"mentions"})
            row.update(fact_id=fid, article_id=a.article_id, warnings=list(f.warnings))
            out["facts"].append(row)
            for m in f.mentions:
                out["mentions"].append({"fact_id": fid, "article_id": a.article_id, **m.model_dump()})
    return out


def arrow_tables(results: list[ArticleResult], skips: list[tuple[str, str]] = ()) -> dict[str, pa.Table]:
    data = rows(results)
    data["skipped"] = [{"source": s, "reason": r} for s, r in skips]
    tables = {}
    for table, schema in _SCHEMAS.items():
        cols = {name: [row.get(name) for row in data[table]] for name in schema.names}
        tables[table] = pa.table(cols, schema=schema)
    return tables


def concat(parts: list[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    """One table per name from several chunks' tables."""
    return {name: pa.concat_tables([p[name] for p in parts]) for name in parts[0]}


class Store:
    """The project's DuckDB file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.con = connect(self.path)
        self.con.execute(ddl())
        if VIEWS_SQL.exists():
            self.con.execute(VIEWS_SQL.read_text(encoding="utf-8"))

    def write(self, results: list[ArticleResult], skips: list[tuple[str, str]] = ()) -> None:
        """Store one batch in one transaction, replacing what earlier runs stored for it."""
        self.write_tables(arrow_tables(results, skips))

    def write_tables(self, tables: dict[str, pa.Table]) -> None:
        """Store Arrow tables (one per table name) in one transaction, replacing stale rows.

        The same text in two files is one article (its id is a hash of the text): the first
        copy is kept, and its rows are not duplicated.
        """
        tables = {**arrow_tables([]), **tables}
        ids = tables["articles"].select(["article_id", "source"])
        sources = tables["skipped"].select(["source"])
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_batch_ids", ids)
            con.register("_batch_skip_sources", sources)
            stale = (
                "SELECT article_id FROM articles WHERE article_id IN (SELECT article_id FROM _batch_ids) "
                "OR source IN (SELECT source FROM _batch_ids)"
            )
            # Looked up first, so that a run into a new database (nothing stale) never scans
            # the growing facts and mentions tables.
            if con.execute(f"SELECT count(*) FROM ({stale})").fetchone()[0]:
                for table in ("mentions", "facts", "articles"):
                    con.execute(f"DELETE FROM {table} WHERE article_id IN ({stale})")
            con.execute(
                "DELETE FROM skipped WHERE source IN (SELECT source FROM _batch_ids UNION SELECT source FROM _batch_skip_sources)"
            )
            for table in ("articles", "facts", "mentions", "skipped"):
                con.register("_batch", tables[table])
                if table == "mentions":
                    con.execute("INSERT INTO mentions SELECT DISTINCT * FROM _batch")
                else:
                    con.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM _batch")
                con.unregister("_batch")
            con.unregister("_batch_ids")
            con.unregister("_batch_skip_sources")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

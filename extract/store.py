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

WRITER_MEMORY = "128MB"
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


def _columns(names, objects, extra: dict[str, list] | None = None) -> dict[str, list]:
    """Column lists of ``names`` read off model instances (enums are ``StrEnum``: Arrow takes
    them as the strings they are)."""
    extra = extra or {}
    return {name: extra[name] if name in extra else [getattr(o, name) for o in objects] for name in names}


def arrow_tables(results: list[ArticleResult], skips: list[tuple[str, str]] = ()) -> dict[str, pa.Table]:
    """The Arrow table each database table gets for ``results`` (also written as Parquet parts).

    Built column by column from the records' attributes: a dict per row would cost more than
    the extraction of a short article.
    """
    articles = [r.article for r in results]
    facts, fact_ids, fact_articles = [], [], []
    mentions, mention_facts, mention_articles = [], [], []
    for r in results:
        aid = r.article.article_id
        for f in r.facts:
            fid = f.fact_id(aid)
            facts.append(f)
            fact_ids.append(fid)
            fact_articles.append(aid)
            mentions.extend(f.mentions)
            mention_facts.extend([fid] * len(f.mentions))
            mention_articles.extend([aid] * len(f.mentions))
    columns = {
        "articles": _columns(_SCHEMAS["articles"].names, articles),
        "facts": _columns(
            _SCHEMAS["facts"].names,
            facts,
            {"fact_id": fact_ids, "article_id": fact_articles, "warnings": [list(f.warnings) for f in facts]},
        ),
        "mentions": _columns(_SCHEMAS["mentions"].names, mentions, {"fact_id": mention_facts, "article_id": mention_articles}),
        "skipped": {"source": [s for s, _ in skips], "reason": [r for _, r in skips]},
    }
    return {table: pa.table(columns[table], schema=schema) for table, schema in _SCHEMAS.items()}


def concat(parts: list[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    """One table per name from several chunks' tables."""
    return {name: pa.concat_tables([p[name] for p in parts]) for name in parts[0]}


def _first_of_each(articles: pa.Table) -> pa.Table:
    """The articles with the first row of each article id only (the same text in two files)."""
    ids = articles.column("article_id").to_pylist()
    if len(set(ids)) == len(ids):
        return articles
    first = {}
    for i, article_id in enumerate(ids):
        first.setdefault(article_id, i)
    return articles.take(sorted(first.values()))


class Store:
    """The project's DuckDB file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.con = connect(self.path)
        # DuckDB would otherwise keep written pages cached up to 80% of RAM: the writer's memory
        # would grow with the corpus. Pages beyond the limit are written out, not lost.
        self.con.execute(f"SET memory_limit = '{WRITER_MEMORY}'")
        self.con.execute(ddl())
        if VIEWS_SQL.exists():
            self.con.execute(VIEWS_SQL.read_text(encoding="utf-8"))

    def write_tables(self, tables: dict[str, pa.Table]) -> None:
        """Store Arrow tables (one per table name) in one transaction, replacing stale rows.

        A file stored before is replaced (its rows are found by source). The same text in two
        files is one article (its id is a hash of the text): the copy stored first is kept,
        whether the other comes in the same batch or a later one, and no row is duplicated.
        """
        tables = {**arrow_tables([]), **tables}
        articles = _first_of_each(tables["articles"])
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_batch_articles", articles)
            # every file of the batch, the copies dropped above included: each replaces its rows
            con.register("_batch_sources", pa.concat_tables(
                [tables["articles"].select(["source"]), tables["skipped"].select(["source"])]))
            sources = "SELECT source FROM _batch_sources"
            replaced = f"SELECT article_id FROM articles WHERE source IN ({sources})"
            # Checked first, so that a run into a new database never scans facts and mentions.
            if con.execute(f"SELECT count(*) FROM ({replaced})").fetchone()[0]:
                for table in ("mentions", "facts", "articles"):
                    con.execute(f"DELETE FROM {table} WHERE article_id IN ({replaced})")
            con.execute(f"DELETE FROM skipped WHERE source IN ({sources})")
            new = "SELECT article_id FROM _batch_articles EXCEPT SELECT article_id FROM articles"
            con.execute(f"CREATE OR REPLACE TEMP TABLE _new AS {new}")
            for table in ("articles", "facts", "mentions"):
                con.register("_batch", articles if table == "articles" else tables[table])
                # Articles are one per id already; facts and mentions have no key, and a text
                # stored twice in this batch repeats them exactly.
                con.execute(f"INSERT INTO {table} SELECT DISTINCT * FROM _batch WHERE article_id IN (SELECT article_id FROM _new)")
                con.unregister("_batch")
            con.register("_batch", tables["skipped"])
            con.execute("INSERT OR IGNORE INTO skipped SELECT * FROM _batch")
            for view in ("_batch", "_batch_articles", "_batch_sources"):
                con.unregister(view)
            con.execute("DROP TABLE _new")
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

"""The Dask engine runs the local per-file extraction and, loaded into DuckDB, gives the same rows."""

from __future__ import annotations

import duckdb
import pytest

from conftest import CORPUS

pytest.importorskip("dask.distributed", reason="the optional 'distributed' extra is not installed")


@pytest.fixture(scope="module")
def replicated(tmp_path_factory):
    """The seed corpus replicated to 250 distinct articles."""
    folder = tmp_path_factory.mktemp("rep")
    seeds = sorted(CORPUS.glob("*.txt"))
    for i in range(250):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"a{i:03d}.txt").write_text(text + f"\n{i + 2000} نفر از خدمات بهرهمند شدند.\n", encoding="utf-8")
    return folder


def _rows(db, table, order):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
    finally:
        con.close()


def test_dask_cluster_matches_local_run(replicated, tmp_path):
    from dask.distributed import LocalCluster

    from extract.engines.dask_engine import load, run_dask
    from extract.pipeline import run

    local = tmp_path / "local.duckdb"
    run(replicated, local, workers=1)
    out = tmp_path / "parts"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run_dask(replicated, str(out), scheduler=cluster.scheduler_address)
        summary_again = run_dask(replicated, str(out), scheduler=cluster.scheduler_address)  # replaces parts
    assert summary.articles == summary_again.articles == 250
    db = tmp_path / "dask.duckdb"
    assert load(str(out), db) == 250
    for table, order in (("articles", "article_id"), ("facts", "fact_id"), ("mentions", "fact_id, start")):
        assert _rows(db, table, order) == _rows(local, table, order)

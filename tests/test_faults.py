"""Faults: a killed run leaves a consistent database that a re-run completes; a second
writer gets a clear message, not a stack trace."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from conftest import CORPUS, ROOT, varied_corpus
from extract.errors import StoreError
from extract.store import Store

RUN = [sys.executable, "-c", "import cli; cli.main()"]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def _count(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def many_articles(tmp_path):
    return varied_corpus(tmp_path / "many", 300)


def test_killed_run_is_completed_by_a_rerun(many_articles, tmp_path):
    db = tmp_path / "k.duckdb"
    proc = subprocess.Popen(RUN + [str(many_articles), "--db", str(db), "--batch-size", "10", "--workers", "1", "-q"],
                            cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            stored = _count(db, "SELECT count(*) FROM articles")
        except duckdb.Error:
            continue  # the writer holds the lock; try again
        if stored >= 20:
            break
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _count(db, "SELECT count(*) FROM articles")
    assert partial % 10 == 0 or partial == 300, "a batch was half written"
    orphans = _count(db, "SELECT count(*) FROM facts WHERE article_id NOT IN (SELECT article_id FROM articles)")
    assert orphans == 0
    done = subprocess.run(RUN + [str(many_articles), "--db", str(db), "-q"], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _count(db, "SELECT count(*) FROM articles") == 300
    assert _count(db, "SELECT count(DISTINCT source) FROM articles") == 300
    assert _count(db, "SELECT count(*) FROM facts") == _count(db, "SELECT count(DISTINCT fact_id) FROM facts")


def test_second_writer_gets_a_clear_message(tmp_path):
    db = tmp_path / "busy.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use by another process"):
            Store(db)
        proc = subprocess.run(RUN + [str(CORPUS), "--db", str(db), "-q"], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2
        assert "in use by another process" in proc.stderr
        assert "Traceback" not in proc.stderr
    finally:
        holder.kill()
        holder.wait()

"""End to end on the bundled corpus: tables, evidence, idempotent re-runs, the CLI."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from decimal import Decimal

import duckdb
import pytest

from conftest import CORPUS, ROOT, SEED_GOLD, varied_corpus
from extract.normalize import normalize
from extract.pipeline import run


def _rows(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_corpus_tables_and_names(seed_db):
    tables = {r[0] for r in _rows(seed_db, "SELECT table_name FROM information_schema.tables")}
    assert {"articles", "facts", "mentions", "skipped"} <= tables
    sources = sorted(r[0] for r in _rows(seed_db, "SELECT source FROM articles"))
    assert sources == sorted(p.name for p in CORPUS.glob("*.txt"))


def test_amounts_are_exact_decimals(seed_db):
    types = dict(_rows(seed_db, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name='facts'"))
    assert types["amount"] == "DECIMAL(38,6)"
    amounts = {r[0] for r in _rows(seed_db, "SELECT amount FROM facts")}
    assert all(isinstance(a, Decimal) for a in amounts)
    assert Decimal("2080000000000") in amounts  # «2هزار و 80 میلیارد ریال»


def test_every_mention_points_at_its_text(seed_db):
    """Evidence offsets index the normalized text, and raw offsets the file as written."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    rows = _rows(
        seed_db,
        "SELECT a.source, m.start, m.end, m.raw_start, m.raw_end, m.text, m.sentence "
        "FROM mentions m JOIN articles a USING (article_id)",
    )
    assert rows
    for source, start, end, raw_start, raw_end, text, sentence in rows:
        norm = normalize(texts[source])
        assert norm.text[start:end] == text
        assert text in sentence
        assert normalize(texts[source][raw_start:raw_end]).text == text


def test_implausible_figure_is_corrected_with_a_warning(seed_db):
    rows = _rows(seed_db, "SELECT amount, warnings FROM facts WHERE unit = 'rial' AND len(warnings) > 0")
    assert any(a == Decimal("573986558509") and "implausible" in w[0] for a, w in rows)


def test_rerun_is_idempotent(tmp_path):
    db = tmp_path / "w.duckdb"
    run(CORPUS, db, workers=1)
    first = _rows(db, "SELECT * FROM facts ORDER BY fact_id")
    mentions = _rows(db, "SELECT count(*) FROM mentions")
    run(CORPUS, db, workers=1)
    assert _rows(db, "SELECT * FROM facts ORDER BY fact_id") == first
    assert _rows(db, "SELECT count(*) FROM mentions") == mentions


def test_changed_file_replaces_its_old_facts(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("مدیرکل بهزیستی استان زنجان گفت: ۵۲۰ طرح اشتغالزایی اجرا شد.", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    run(folder, db, workers=1)
    (folder / "a.txt").write_text("مدیرکل بهزیستی استان زنجان گفت: ۶۰۰ طرح اشتغالزایی اجرا شد.", encoding="utf-8")
    run(folder, db, workers=1)
    assert _rows(db, "SELECT count(*) FROM articles") == [(1,)]
    assert _rows(db, "SELECT amount FROM facts") == [(Decimal("600"),)]


def test_one_and_two_workers_agree(tmp_path):
    """Many chunks per worker and several batches: every stored row is the same."""
    folder = varied_corpus(tmp_path / "c", 120)
    one, two = tmp_path / "1.duckdb", tmp_path / "2.duckdb"
    first = run(folder, one, workers=1, batch_size=25)
    second = run(folder, two, workers=2, batch_size=25)
    assert (first.articles, first.facts, first.by_metric) == (second.articles, second.facts, second.by_metric)
    for sql in ("SELECT * FROM articles ORDER BY article_id", "SELECT * FROM facts ORDER BY fact_id",
                "SELECT * FROM mentions ORDER BY fact_id, start"):
        assert _rows(one, sql) == _rows(two, sql)
    assert len(_rows(two, "SELECT * FROM articles")) == 120


def test_cli_runs_as_the_readme_says(tmp_path):
    db = tmp_path / "cli.duckdb"
    out = tmp_path / "facts.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run(
        [sys.executable, "-c", "import cli; cli.main()", "corpus/", "--db", str(db), "--jsonl", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "5 article(s)" in proc.stdout
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == _rows(db, "SELECT count(*) FROM facts")[0][0]
    assert all(isinstance(rec["amount"], str) for rec in lines)


def test_cli_eval_agrees_with_the_scorer(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run(
        [sys.executable, "-c", "import cli; cli.main()", "eval", str(SEED_GOLD), "corpus/", "--json", "--db", str(tmp_path / "e.duckdb")],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    ours = json.loads(proc.stdout.strip().splitlines()[-1])
    scorer = ROOT.parent / "shared" / "tools" / "evaluate.py"
    if scorer.exists():
        ref = subprocess.run([sys.executable, str(scorer), str(SEED_GOLD), str(tmp_path / "e.duckdb")],
                             capture_output=True, text=True, timeout=60)
        assert json.loads(ref.stdout.strip().splitlines()[-1]) == ours
    assert 0.0 <= ours["f1"] <= 1.0


def test_missing_path_is_a_clear_error(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-c", "import cli; cli.main()", str(tmp_path / "nope")],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 2
    assert "no such file or folder" in proc.stderr


@pytest.mark.parametrize("batch_size", [1, 500])
def test_same_text_in_two_files_is_stored_once_keeping_the_first(tmp_path, batch_size):
    seeds = sorted(CORPUS.glob("*.txt"))
    folder = tmp_path / "c"
    folder.mkdir()
    for name, seed in (("a.txt", seeds[0]), ("b.txt", seeds[1]), ("z_copy_of_a.txt", seeds[0])):
        (folder / name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    alone = tmp_path / "alone.duckdb"
    run(seeds[0], alone, workers=1)
    db = tmp_path / "w.duckdb"
    for _ in range(2):  # and a re-run changes nothing
        run(folder, db, workers=1, batch_size=batch_size)
        assert sorted(r[0] for r in _rows(db, "SELECT source FROM articles")) == ["a.txt", "b.txt"]
        sql = "SELECT count(*) FROM {} WHERE article_id = (SELECT article_id FROM articles WHERE source = '{}')"
        for table in ("facts", "mentions"):
            assert _rows(db, sql.format(table, "a.txt")) == _rows(alone, sql.format(table, seeds[0].name))
        assert _rows(db, "SELECT count(*) = count(DISTINCT fact_id) FROM facts") == [(True,)]  # no key: the writer's duty


def test_file_changed_into_a_copy_of_another_leaves_no_stale_rows(tmp_path):
    seeds = sorted(CORPUS.glob("*.txt"))
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text(seeds[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_text(seeds[1].read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    run(folder, db, workers=1)
    (folder / "b.txt").write_text(seeds[0].read_text(encoding="utf-8"), encoding="utf-8")
    run(folder, db, workers=1)
    assert _rows(db, "SELECT source FROM articles") == [("a.txt",)]
    assert _rows(db, "SELECT count(*) FROM facts WHERE article_id NOT IN (SELECT article_id FROM articles)") == [(0,)]


def test_summary_counts_every_skip_and_lists_the_first(tmp_path):
    from extract.pipeline import EXAMPLES
    from extract.report import print_summary

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text(sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8"), encoding="utf-8")
    for i in range(EXAMPLES + 5):
        (corpus / f"empty{i:02d}.txt").write_text("", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    summary = run(corpus, db, workers=2, batch_size=4)
    assert (summary.files, summary.articles, summary.skipped) == (EXAMPLES + 6, 1, EXAMPLES + 5)
    assert summary.skipped_examples == [(f"empty{i:02d}.txt", "empty file") for i in range(EXAMPLES)]
    assert _rows(db, "SELECT count(*) FROM skipped") == [(EXAMPLES + 5,)]
    out = io.StringIO()
    print_summary(summary, db, out)
    assert f"Skipped: {EXAMPLES + 5}\n" in out.getvalue() and "… and 5 more: see the skipped table" in out.getvalue()

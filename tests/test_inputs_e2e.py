"""Real-world input: encodings, saved pages, JSON Lines, gzip, bad files — end to end."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from extract.article import extract_text
from extract.normalize import normalize
from extract.sources import Document, Skip, _relative, read_input, walk_inputs
from extract.sources.html import html_document

FIXTURES = ROOT / "tests" / "fixtures" / "html"
ARTICLE = "مدیرکل بهزیستی استان زنجان گفت: ۳۰ هزار و ۶۰۶ خانوار تحت پوشش بهزیستی هستند."


def _legacy(text: str) -> bytes:
    """The article as an older Persian site stores it: Windows-1256, Arabic ي/ك, ASCII digits."""
    text = text.replace("ی", "ي").replace("ک", "ك").translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    return text.encode("cp1256")


def test_saved_page_keeps_every_figure_and_half_space_and_drops_furniture():
    page = html_document((FIXTURES / "irna_style.html").read_text(encoding="utf-8"))
    assert page.title == "اجرای ۵۲۰ طرح اشتغال\u200cزایی در بهزیستی کرمانشاه"
    assert page.published.startswith("2024-04-21")
    for figure in ("۵۲۰ طرح اشتغال\u200cزایی", "۶۳ میلیارد تومان", "۳۰ واحد مسکونی", "۱۰ درصد", "اسلام\u200cآباد غرب | ۱۲۰", "هرسین | ۴۵"):
        assert figure in page.text
    for furniture in ("صفحه نخست", "۹۹۹ نفر", "کد خبر", "تلگرام", "اخبار مرتبط", "۶۰۰ نفر پشت نوبت", "نظر شما", "کلیه حقوق", ".a{}"):
        assert furniture not in page.text


def test_provincial_page_with_visible_jalali_date():
    page = html_document((FIXTURES / "provincial_site.html").read_text(encoding="utf-8"))
    assert "۲۰ مهر ۱۴۰۰" in page.published
    assert "۸۳ هزار خانوار در استان" in page.text and "پانزده میلیون تومان" in page.text
    assert "پربازدیدترین" not in page.text and "ورزشی" not in page.text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_text_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(_legacy(ARTICLE) if encoding == "cp1256" else ARTICLE.encode(encoding))
    (doc,) = read_input(path, tmp_path)
    assert isinstance(doc, Document)
    assert normalize(doc.text).text == normalize(ARTICLE).text


@pytest.fixture
def messy(tmp_path) -> Path:
    """A corpus folder with every kind of input an analyst has, good and bad."""
    root = tmp_path / "messy"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "b.html").write_text((FIXTURES / "irna_style.html").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "sub" / "c.cp1256.txt").write_bytes(_legacy(ARTICLE))
    (root / "sub" / "d.utf16.txt").write_bytes(ARTICLE.replace("۶۰۶", "۸۰۸").encode("utf-16"))
    lines = [json.dumps({"text": ARTICLE.replace("۶۰۶", "۷۰۷"), "url": "https://x.ir/1"}, ensure_ascii=False), "{not json", json.dumps({"html": (FIXTURES / "provincial_site.html").read_text(encoding="utf-8"), "date": "1400-07-20"}, ensure_ascii=False)]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(root / "sub" / "deeper" / "e.html.gz", "wt", encoding="utf-8") as fh:
        fh.write((FIXTURES / "provincial_site.html").read_text(encoding="utf-8").replace("۸۳ هزار", "۸۴ هزار"))
    (root / "sub" / "copy_of_a.txt").write_text(ARTICLE, encoding="utf-8")  # same text: stored once
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)))
    (root / "truncated.html").write_text("<html><body><div class='content'><p>۵۰۰ طرح اشتغال", encoding="utf-8")
    (root / "no_numbers.txt").write_text("بهزیستی به جامعه هدف خدمات ارائه می‌دهد.", encoding="utf-8")
    (root / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (root / ".git" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG")
    with open(root / "big.txt", "wb") as fh:  # sparse: 50 MB without writing 50 MB
        fh.truncate(50_000_000)
    os.symlink(root, root / "sub" / "loop")
    return root


def test_listing_is_stable_and_skips_what_is_not_an_article(messy):
    names = [p.relative_to(messy).as_posix() for p in walk_inputs(messy)]
    assert names == sorted(names)
    assert ".hidden.txt" not in names and "photo.png" not in names and not any(n.startswith(".git") for n in names)
    assert "sub/deeper/e.html.gz" in names
    assert not any("loop" in n for n in names)


def test_walk_yields_files_in_the_string_order_of_their_relative_paths(tmp_path):
    # '-', '.' and ' ' sort before '/': a folder's files come where its name and a '/' sort.
    names = ["a/x.txt", "a-b/x.txt", "a.txt", "a b/x.txt", "sub.txt", "sub/c.txt", "sub/d/e.txt", "sub/d.txt", "ab.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    walked = [_relative(p, tmp_path) for p in walk_inputs(tmp_path)]
    assert walked == sorted(names)


def test_messy_corpus_end_to_end(messy, tmp_path):
    db = tmp_path / "m.duckdb"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-c", "import cli; cli.main()", str(messy), "--db", str(db), "-q"],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=180)
    assert proc.returncode == 0, proc.stderr
    con = duckdb.connect(str(db), read_only=True)
    sources = {r[0] for r in con.execute("SELECT source FROM articles").fetchall()}
    skipped = dict(con.execute("SELECT source, reason FROM skipped").fetchall())
    con.close()
    assert {"a.txt", "b.html", "sub/c.cp1256.txt", "sub/d.utf16.txt", "feed.jsonl#1", "feed.jsonl#3",
            "sub/deeper/e.html.gz", "truncated.html", "no_numbers.txt"} <= sources
    assert len(sources & {"a.txt", "sub/copy_of_a.txt"}) == 1
    assert skipped["empty.txt"] == "empty file"
    assert skipped["binary.txt"].startswith("binary file")
    assert skipped["big.txt"].startswith("file too large")
    assert skipped["feed.jsonl#2"].startswith("not valid JSON on line 2")
    for source in ("empty.txt", "binary.txt", "big.txt", "feed.jsonl#2"):
        assert source in proc.stdout  # the summary lists every skip with its reason
    strict = subprocess.run([sys.executable, "-c", "import cli; cli.main()", str(messy), "--db", str(db), "-q", "--strict"],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=180)
    assert strict.returncode == 1


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("۰۱۲۳۴۵6789,./،٫ هزارمیلیونتومانریالنفرخانوار درصد\u200c\u200f\n\t\x00\x07ابپسکيك:-()«»")), max_size=200))
def test_random_text_through_the_whole_pipeline(text):
    norm = normalize(text).text
    for fact in extract_text(text):
        assert isinstance(fact.amount, Decimal)  # never a float
        for m in fact.mentions:
            assert 0 <= m.start < m.end <= len(norm) and norm[m.start : m.end] == m.text
            assert 0 <= m.raw_start <= m.raw_end <= len(text)


def test_skip_is_reported_not_raised(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("[1, 2", encoding="utf-8")
    (item,) = read_input(bad, tmp_path)
    assert isinstance(item, Skip) and item.reason.startswith("not valid JSON")

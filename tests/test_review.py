"""The review page, opened in a real headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess

import duckdb
import pytest

from conftest import CORPUS
from extract.review import render

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page(seed_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("review") / "a.html"
    out.write_text(render(seed_db, "001_3b1a2dff0802509a.txt", [CORPUS]), encoding="utf-8")
    return out


def _mentions(db, source):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT m.text FROM mentions m JOIN articles a USING (article_id) WHERE a.source = ? ORDER BY m.start", [source]).fetchall()
    finally:
        con.close()


def test_page_highlights_every_mention(seed_db, page):
    html = page.read_text(encoding="utf-8")
    marks = re.findall(r"<mark[^>]*>(.*?)</mark>", html)
    assert [m.replace(" ⚠", "") for m in marks] == [t for (t,) in _mentions(seed_db, "001_3b1a2dff0802509a.txt")]
    assert 'dir="rtl"' in html and "Vazirmatn" in html
    assert 'class="warn"' in html  # the corrected implausible figure stands out


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's chromium)")
def test_page_in_a_real_browser(seed_db, page, tmp_path):
    common = FLAGS + [f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([CHROMIUM, *common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert len(re.findall(r"<mark", dom)) == len(_mentions(seed_db, "001_3b1a2dff0802509a.txt"))
    assert "409 نفر" in dom  # the page shows the normalized text the offsets index
    shot = tmp_path / "review.png"
    subprocess.run([CHROMIUM, *common, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000

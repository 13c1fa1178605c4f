"""Shared fixtures: the bundled corpus, its gold, and ../shared when it is present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_GOLD = ROOT / "tests" / "gold" / "seeds.jsonl"
SHARED = ROOT.parent / "shared"
DEVSET = SHARED / "devset"


def varied_corpus(folder: Path, n: int) -> Path:
    """``n`` distinct articles made from the corpus, each with one sentence and figure of its own."""
    folder.mkdir()
    seeds = sorted(CORPUS.glob("*.txt"))
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"a{i:03d}.txt").write_text(f"{text}\n{i + 1000} نفر از خدمات بهرهمند شدند.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The bundled corpus extracted once into a DuckDB file (read-only use, please)."""
    from extract.pipeline import run

    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    run(CORPUS, db, workers=1)
    return db


@pytest.fixture(scope="session")
def devset() -> Path:
    if not (DEVSET / "gold.jsonl").exists():
        pytest.skip("../shared/devset is absent (a fresh clone has no ../shared)")
    return DEVSET

"""Shared fixtures: the bundled corpus, its gold, and ../shared when it is present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_GOLD = ROOT / "tests" / "gold" / "seeds.jsonl"
SHARED = ROOT.parent / "shared"
DEVSET = SHARED / "devset"


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

"""The quality gate: score the seeds (bundled) and the dev set (../shared) against pinned floors."""

from __future__ import annotations

import hashlib
import tomllib

import pytest

from conftest import CORPUS, ROOT, SEED_GOLD
from extract.pipeline import run
from extract.scoring import read_gold, read_predictions, score

FLOORS = tomllib.loads((ROOT / "tests" / "floors.toml").read_text(encoding="utf-8"))
MEASURES = ["f1", "acc_metric", "acc_province", "acc_year", "acc_official_name", "acc_qualifier"]


def _check(name: str, gold_path, db) -> None:
    floors = FLOORS[name]
    digest = hashlib.sha256(gold_path.read_bytes()).hexdigest()
    assert floors["sha256"] == digest, f"{gold_path} changed: re-measure the {name} floors and pin sha256 {digest}"
    result = score(read_gold(gold_path), read_predictions(db)).as_dict()
    below = {m: (result[m], floors[m]) for m in MEASURES if result[m] < floors[m]}
    assert not below, f"{name}: below the pinned floors (got, floor): {below}; all scores: {result}"


def test_seed_quality(seed_db):
    _check("seeds", SEED_GOLD, seed_db)


def test_devset_quality(devset, tmp_path):
    db = tmp_path / "dev.duckdb"
    run(devset / "articles", db, workers=1)
    _check("devset", devset / "gold.jsonl", db)


def test_bundled_gold_matches_corpus():
    """Every gold record names an article that the bundled corpus has."""
    names = {p.name for p in CORPUS.iterdir()}
    missing = {a for a in read_gold(SEED_GOLD) if a not in names}
    assert not missing


@pytest.mark.parametrize("measure", MEASURES)
def test_floors_are_real_numbers(measure):
    for section in ("seeds", "devset"):
        assert 0.0 <= FLOORS[section][measure] <= 1.0

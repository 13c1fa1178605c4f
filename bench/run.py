"""Throughput benchmark: the naive pipeline against the real one, in the same run.

    uv run python bench/run.py [--articles 20000] [--sample 300] [--workers N]

Builds a synthetic corpus by replicating and varying `corpus/`, then measures
(a) the naive baseline on a sample: hazm's default `Normalizer().normalize` per article, the
    same extractors, and row-by-row inserts into DuckDB;
(b) the real pipeline (`extract.pipeline.run`) with 1 worker and with all cores.
Prints articles/s, MB/s, facts/s and peak memory, and the ratios (b)/(a).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_DIGITS = re.compile(r"[0-9۰-۹]+")


def build_corpus(target: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` distinct articles derived from corpus/ (numbers varied); return bytes written."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    total = 0
    for i in range(n):
        text = seeds[i % len(seeds)]
        text = _DIGITS.sub(lambda m: str(int(m.group()) + rng.randint(0, 9)) if len(m.group()) < 4 else m.group(), text)
        sub = target / f"{i // 1000:04d}"
        sub.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        (sub / f"a{i:07d}.txt").write_bytes(data)
        total += len(data)
    return total


def naive(paths: list[Path], db: Path) -> tuple[float, int]:
    """The baseline: hazm's default normalizer per article and row-by-row inserts."""
    import duckdb
    from hazm import Normalizer

    from extract.article import extract_article
    from schemas.tables import ddl

    normalizer = Normalizer()
    con = duckdb.connect(str(db))
    con.execute(ddl())
    facts = 0
    start = time.perf_counter()
    for p in paths:
        text = normalizer.normalize(p.read_text(encoding="utf-8"))
        _, found = extract_article(text)
        for i, f in enumerate(found):
            con.execute(
                "INSERT INTO facts (fact_id, article_id, amount, unit, metric, qualifier) VALUES (?, ?, ?, ?, ?, ?)",
                [f"{p.name}-{i}", p.name, f.amount, f.unit.value, f.metric.value, f.qualifier.value],
            )
            facts += 1
    con.close()
    return time.perf_counter() - start, facts


def real(folder: Path, db: Path, workers: int) -> tuple[float, int]:
    from extract.pipeline import run

    start = time.perf_counter()
    summary = run(folder, db, workers=workers)
    return time.perf_counter() - start, summary.facts


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--sample", type=int, default=300, help="articles for the naive baseline")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", help="build the corpus here and keep it")
    ap.add_argument("--dask", action="store_true", help="also run the Dask engine on a local cluster (needs the 'distributed' extra)")
    args = ap.parse_args()

    tmp = Path(args.keep or tempfile.mkdtemp(prefix="welfare-bench-"))
    corpus = tmp / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    size = build_corpus(corpus, args.articles)
    paths = sorted(corpus.rglob("*.txt"))
    mb = size / 1e6
    print(f"corpus: {len(paths)} articles, {mb:.1f} MB ({size / len(paths) / 1000:.1f} KB each) in {corpus}")

    rows = []
    sample = paths[: args.sample]
    sample_mb = sum(p.stat().st_size for p in sample) / 1e6
    secs, facts = naive(sample, tmp / "naive.duckdb")
    rows.append(("naive (hazm default, row inserts)", len(sample), sample_mb, secs, facts))
    for w in sorted({1, args.workers}):
        (tmp / f"real{w}.duckdb").unlink(missing_ok=True)
        secs, facts = real(corpus, tmp / f"real{w}.duckdb", w)
        rows.append((f"pipeline, {w} worker(s)", len(paths), mb, secs, facts))

    if args.dask:
        from extract.engines.dask_engine import load, run_dask

        start = time.perf_counter()
        summary = run_dask(corpus, str(tmp / "parts"))
        load(str(tmp / "parts"), tmp / "dask.duckdb")
        rows.append(("dask local cluster + load", len(paths), mb, time.perf_counter() - start, summary.facts))

    base = rows[0][1] / rows[0][3]
    one = rows[1][1] / rows[1][3]
    print("\n| run | articles | articles/s | MB/s | facts/s | vs naive | vs 1 worker |")
    print("|---|---|---|---|---|---|---|")
    for name, n, m, secs, facts in rows:
        rate = n / secs
        print(f"| {name} | {n} | {rate:,.0f} | {m / secs:.2f} | {facts / secs:,.0f} | {rate / base:.1f}× | {rate / one:.2f}× |")
    print(f"\npeak memory (largest process): {peak_mb():.0f} MB")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

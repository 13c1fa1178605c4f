"""Throughput benchmark: the naive pipeline against the real one, in the same run.

    uv run python bench/run.py [--articles 20000] [--sample 300] [--workers N] [--rounds 6]

Builds a synthetic corpus by replicating and varying `corpus/`, then measures
(a) the naive baseline on a sample: hazm's default `Normalizer().normalize` per article, the
    same extractors, and row-by-row inserts into DuckDB;
(b) the real pipeline (`extract.pipeline.run`) with 1 worker and with all cores.
Prints articles/s, MB/s, facts/s, the ratios (b)/(a), and the peak resident memory of the
largest process in the first and the second half of each run (equal halves: memory is flat).
Last, the naive baseline and the one-worker pipeline are measured again in alternating rounds
(a part of the sample, then one folder of 1,000 articles): a ratio that does not depend on
when each ran.
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
import threading
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.sources import walk_inputs  # noqa: E402  (after the path insert)

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
    db.unlink(missing_ok=True)
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


def paired(sample: list[Path], corpus: Path, tmp: Path, rounds: int) -> tuple[float, float]:
    """Articles/s of the naive baseline and of the one-worker pipeline, run in alternating rounds
    (a part of the sample, then a folder of the corpus): the speed of a virtual machine drifts
    by tens of percent within minutes, and alternating lets the drift weigh on both alike."""
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    naive_n = real_n = 0
    naive_secs = real_secs = 0.0
    for k in range(rounds):
        part = sample[k::rounds]
        naive_n += len(part)
        naive_secs += naive(part, tmp / "paired-naive.duckdb")[0]
        folder = folders[k % len(folders)]
        real_n += sum(1 for _ in walk_inputs(folder))
        (tmp / "paired.duckdb").unlink(missing_ok=True)
        real_secs += real(folder, tmp / "paired.duckdb", 1)[0]
    return naive_n / naive_secs, real_n / real_secs


def real(folder: Path, db: Path, workers: int) -> tuple[float, int]:
    from extract.pipeline import run

    start = time.perf_counter()
    summary = run(folder, db, workers=workers)
    return time.perf_counter() - start, summary.facts


class MemorySampler(threading.Thread):
    """Resident memory of this process and of every process under it, sampled twice a second.

    Workers are started by a fork server, so `getrusage(RUSAGE_CHILDREN)` never sees them while
    the run lasts; /proc does (Linux). Keeps the peak of the largest process and of the whole
    tree, for the first and the second half of the run: a flat run has equal halves.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[tuple[float, int, int]] = []  # (time, largest process kB, tree kB)
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.5):
            sizes = _tree_rss_kb(os.getpid())
            if sizes:
                self.samples.append((time.perf_counter(), max(sizes), sum(sizes)))

    def stop(self) -> dict[str, float]:
        self._done.set()
        self.join()
        if not self.samples:  # not Linux: the best getrusage can say
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            return {"largest": own, "tree": own, "largest_1st_half": own, "largest_2nd_half": own}
        half = (self.samples[0][0] + self.samples[-1][0]) / 2
        first = [s for s in self.samples if s[0] <= half] or self.samples
        second = [s for s in self.samples if s[0] > half] or self.samples
        return {
            "largest": max(s[1] for s in self.samples) / 1024,
            "tree": max(s[2] for s in self.samples) / 1024,
            "largest_1st_half": max(s[1] for s in first) / 1024,
            "largest_2nd_half": max(s[1] for s in second) / 1024,
        }


def _tree_rss_kb(root: int) -> list[int]:
    parents, rss = {}, {}
    for entry in Path("/proc").iterdir() if Path("/proc/self/status").exists() else []:
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0"))
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo.extend(p for p, parent in parents.items() if parent == pid and p not in tree)
    return [rss[p] for p in tree if p in rss]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--sample", type=int, default=300, help="articles for the naive baseline")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rounds", type=int, default=6, help="alternating rounds of the paired naive/one-worker measure")
    ap.add_argument("--keep", help="build the corpus here and keep it (reused when it has --articles files)")
    ap.add_argument("--dask", action="store_true", help="also run the Dask engine on a local cluster (needs the 'distributed' extra)")
    args = ap.parse_args()
    if args.rounds < 1 or args.sample < args.rounds:
        ap.error("--rounds must be at least 1 and at most --sample")

    tmp = Path(args.keep or tempfile.mkdtemp(prefix="welfare-bench-"))
    corpus = tmp / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    # Counted, not listed: a list of every path would sit in this process, which writes
    # DuckDB in the one-worker run, and count in its memory.
    n, size = _count(corpus)
    if n != args.articles:  # else kept from an earlier run (--keep): the same files
        build_corpus(corpus, args.articles)
        n, size = _count(corpus)
    mb = size / 1e6
    print(f"corpus: {n} articles, {mb:.1f} MB ({size / n / 1000:.1f} KB each) in {corpus}")

    rows = []
    for w in sorted({1, args.workers}):
        (tmp / f"real{w}.duckdb").unlink(missing_ok=True)
        rows.append((f"pipeline, {w} worker(s)", n, mb, *measured(real, corpus, tmp / f"real{w}.duckdb", w)))
    if args.dask:
        rows.append(("dask local cluster + load", n, mb, *measured(dask, corpus, tmp)))
    # Last: hazm's package (NLTK, its models) stays in this process once loaded, and would
    # count in the pipeline's memory had it run first.
    sample = list(islice(walk_inputs(corpus), args.sample))
    sample_mb = sum(p.stat().st_size for p in sample) / 1e6
    rows.insert(0, ("naive (hazm default, row inserts)", len(sample), sample_mb, *measured(naive, sample, tmp / "naive.duckdb")))

    base = rows[0][1] / rows[0][3]
    one = rows[1][1] / rows[1][3]
    print("\n| run | articles | articles/s | MB/s | facts/s | vs naive | vs 1 worker | peak MB, largest process (1st half / 2nd half) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, n, m, secs, facts, mem in rows:
        rate = n / secs
        print(
            f"| {name} | {n} | {rate:,.0f} | {m / secs:.2f} | {facts / secs:,.0f} | {rate / base:.1f}× | {rate / one:.2f}× "
            f"| {mem['largest']:.0f} ({mem['largest_1st_half']:.0f} / {mem['largest_2nd_half']:.0f}) |"
        )
    print(f"\npeak memory of all processes together: {max(r[5]['tree'] for r in rows):.0f} MB")
    naive_rate, real_rate = paired(sample, corpus, tmp, args.rounds)
    print(
        f"one worker vs naive, alternated in {args.rounds} rounds (naive on the sample, the pipeline on a folder "
        f"of the corpus): {real_rate / naive_rate:.1f}× ({naive_rate:,.0f} vs {real_rate:,.0f} articles/s)"
    )
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


def _count(corpus: Path) -> tuple[int, int]:
    """(files, bytes) of the articles under ``corpus``."""
    n = size = 0
    for p in walk_inputs(corpus):
        n += 1
        size += p.stat().st_size
    return n, size


def measured(job, *args):
    """(seconds, facts, memory) of one run of ``job``."""
    sampler = MemorySampler()
    sampler.start()
    secs, facts = job(*args)
    return secs, facts, sampler.stop()


def dask(corpus: Path, tmp: Path) -> tuple[float, int]:
    from extract.engines.dask_engine import load, run_dask

    start = time.perf_counter()
    summary = run_dask(corpus, str(tmp / "parts"))
    load(str(tmp / "parts"), tmp / "dask.duckdb")
    return time.perf_counter() - start, summary.facts


if __name__ == "__main__":
    main()

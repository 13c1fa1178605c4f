"""The per-file extraction every engine runs, and the local run: files are read, extracted
and written in bounded batches, on all cores, so memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extract.article import extract_article
from extract.sources import Document, Skip, list_inputs, read_input
from extract.store import ArticleResult, Store
from schemas.models import Article, stable_id


def process_document(doc: Document) -> ArticleResult:
    """Extract one document into its article record and facts."""
    found, facts = extract_article(doc.text, title=doc.title, published=doc.published)
    pub = found.published
    article = Article(
        article_id=stable_id(doc.text),
        source=doc.source,
        title=found.title,
        url=doc.url,
        published=pub.togregorian() if pub else None,
        published_jalali=pub.isoformat() if pub else None,
        chars=len(doc.text),
    )
    return ArticleResult(article, facts)


def process_file(path: Path, root: Path) -> tuple[list[ArticleResult], list[tuple[str, str]]]:
    """Read and extract one input file: its articles, and what was skipped with the reason.

    This is the unit of work of every engine (local workers and Dask tasks alike).
    """
    results, skips = [], []
    for item in read_input(path, root):
        if isinstance(item, Skip):
            skips.append((item.source, item.reason))
            continue
        try:
            results.append(process_document(item))
        except Exception as exc:  # a bug on one article must not stop the run; it is reported
            skips.append((item.source, f"extraction failed: {type(exc).__name__}: {exc}"))
    return results, skips


def _process_path(args: tuple[str, str]):
    path, root = args
    return process_file(Path(path), Path(root))


@dataclass
class Summary:
    files: int = 0
    articles: int = 0
    facts: int = 0
    by_metric: Counter = field(default_factory=Counter)
    by_province: Counter = field(default_factory=Counter)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def add(self, results: list[ArticleResult], skips: list[tuple[str, str]], files: int = 1) -> None:
        self.files += files
        self.skipped.extend(skips)
        for r in results:
            self.articles += 1
            self.facts += len(r.facts)
            for f in r.facts:
                self.by_metric[f.metric.value] += 1
                self.by_province[f.province.value if f.province else "unknown"] += 1
                self.warnings.extend((r.article.source, w) for w in f.warnings)


def results_in_order(paths: list[Path], root: Path, workers: int) -> Iterator[tuple[list[ArticleResult], list[tuple[str, str]]]]:
    """Per-file results in the order of ``paths``, computed on ``workers`` processes."""
    if workers <= 1:
        for p in paths:
            yield process_file(p, root)
        return
    # forkserver: never fork a process that holds DuckDB's threads; the server imports the
    # engine once, so each worker starts with its rules already compiled.
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["extract.pipeline"])
    with ctx.Pool(workers) as pool:
        chunk = max(1, min(64, len(paths) // (workers * 8) or 1))
        yield from pool.imap(_process_path, [(str(p), str(root)) for p in paths], chunksize=chunk)


def run(
    root: Path,
    db: Path,
    *,
    workers: int | None = None,
    batch_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Extract every input under ``root`` into the DuckDB file ``db``.

    Work is committed every ``batch_size`` articles, each batch in one transaction, so an
    interrupted run leaves a consistent database and a re-run completes it without duplicates.
    """
    root = Path(root)
    paths = list_inputs(root)
    summary = Summary()
    workers = workers or os.cpu_count() or 1
    base = root if root.is_dir() else root.parent
    with Store(db) as store:
        batch: list[ArticleResult] = []
        batch_skips: list[tuple[str, str]] = []
        for done, (results, skips) in enumerate(results_in_order(paths, base, min(workers, max(1, len(paths)))), 1):
            summary.add(results, skips)
            batch.extend(results)
            batch_skips.extend(skips)
            if len(batch) >= batch_size:
                store.write(batch, batch_skips)
                batch, batch_skips = [], []
            if progress:
                progress(done, len(paths))
        if batch or batch_skips:
            store.write(batch, batch_skips)
    return summary

"""The chunk of files every engine extracts, and the local run: files are read, extracted
and written in bounded batches, on all cores.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyarrow as pa

from extract.article import extract_article
from extract.sources import Document, Skip, read_input, walk_inputs
from extract.store import ArticleResult, Store, arrow_tables, concat
from extract.workers import context as workers_context
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
    """Read and extract one input file: its articles, and what was skipped with the reason."""
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


def extract_files(paths: list[Path], root: Path) -> tuple[dict[str, pa.Table], Summary]:
    """Extract a chunk of files into Arrow tables (one per database table) and their summary.

    This is the unit of work of every engine (local workers and Dask tasks alike). Workers
    return Arrow rather than records: Arrow crosses the process boundary as flat
    buffers, so the writing process only concatenates and stores.
    """
    results, skips = [], []
    summary = Summary()
    for p in paths:
        r, s = process_file(p, root)
        summary.add(r, s)
        results.extend(r)
        skips.extend(s)
    return arrow_tables(results, skips), summary


def _extract_chunk(args: tuple[list[str], str]) -> tuple[dict[str, pa.Table], Summary]:
    paths, root = args
    return extract_files([Path(p) for p in paths], Path(root))


EXAMPLES = 20  # warnings and skips a summary lists; the database keeps them all


@dataclass
class Summary:
    """Counts of a run, with the first warnings and skips as examples (memory stays flat)."""

    files: int = 0
    articles: int = 0
    facts: int = 0
    by_metric: Counter = field(default_factory=Counter)
    by_province: Counter = field(default_factory=Counter)
    warnings: int = 0
    skipped: int = 0
    warning_examples: list[tuple[str, str]] = field(default_factory=list)
    skipped_examples: list[tuple[str, str]] = field(default_factory=list)

    def add(self, results: list[ArticleResult], skips: list[tuple[str, str]]) -> None:
        """Count one file's results."""
        self.files += 1
        self.skipped += len(skips)
        _keep_first(self.skipped_examples, skips)
        for r in results:
            self.articles += 1
            self.facts += len(r.facts)
            for f in r.facts:
                self.by_metric[f.metric.value] += 1
                self.by_province[f.province.value if f.province else "unknown"] += 1
                if f.warnings:
                    self.warnings += len(f.warnings)
                    _keep_first(self.warning_examples, [(r.article.source, w) for w in f.warnings])

    def merge(self, other: Summary) -> None:
        self.files += other.files
        self.articles += other.articles
        self.facts += other.facts
        self.by_metric.update(other.by_metric)
        self.by_province.update(other.by_province)
        self.warnings += other.warnings
        self.skipped += other.skipped
        _keep_first(self.warning_examples, other.warning_examples)
        _keep_first(self.skipped_examples, other.skipped_examples)


def _keep_first(examples: list, more: list) -> None:
    """Add to ``examples`` from ``more`` until it holds ``EXAMPLES``."""
    examples.extend(more[: EXAMPLES - len(examples)])


def chunks_of(paths: Iterable[Path], size: int) -> Iterator[list[Path]]:
    """Consecutive lists of at most ``size`` paths, drawn as they are needed."""
    it = iter(paths)
    while chunk := list(islice(it, size)):
        yield chunk


def chunks_in_order(chunks: Iterable[list[Path]], root: Path, workers: int) -> Iterator[tuple[int, dict[str, pa.Table], Summary]]:
    """(files, tables, summary) per chunk of files, in the order of ``chunks``, computed on
    ``workers`` processes."""
    if workers <= 1:
        for chunk in chunks:
            yield len(chunk), *extract_files(chunk, root)
        return
    with ProcessPoolExecutor(workers, mp_context=workers_context()) as pool:

        def submit(chunk: list[Path]):
            return chunk, pool.submit(_extract_chunk, ([str(p) for p in chunk], str(root)))

        # A window of tasks in flight, not the whole corpus: memory stays flat.
        todo = iter(chunks)
        flying = deque(submit(c) for c in islice(todo, workers * 4))
        while flying:
            chunk, future = flying.popleft()
            tables, summary = future.result()
            flying.extend(submit(c) for c in islice(todo, 1))
            yield len(chunk), tables, summary


def run(
    root: Path,
    db: Path,
    *,
    workers: int | None = None,
    batch_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Extract every input under ``root`` into the DuckDB file ``db``.

    Work is committed in batches of about ``batch_size`` articles, each batch in one
    transaction, so an interrupted run leaves a consistent database and a re-run completes it
    without duplicates. Memory holds one batch, whatever the size of the corpus: the input
    files are walked as they are needed (once before, to count them).
    """
    root = Path(root)
    total = sum(1 for _ in walk_inputs(root))
    summary = Summary()
    workers = min(workers or os.cpu_count() or 1, max(1, total))
    base = root if root.is_dir() else root.parent
    # Chunks small enough to keep every worker busy to the end, large enough to pay a task's
    # cost once, and no larger than a batch.
    size = max(1, min(32, batch_size, total // (workers * 8) or 1))
    done = 0
    with Store(db) as store:
        batch: list[dict[str, pa.Table]] = []
        pending = 0
        for files, tables, part in chunks_in_order(chunks_of(walk_inputs(root), size), base, workers):
            summary.merge(part)
            batch.append(tables)
            pending += tables["articles"].num_rows
            if pending >= batch_size:
                store.write_tables(concat(batch))
                batch, pending = [], 0
            done += files
            if progress:
                progress(done, total)
        if batch:
            store.write_tables(concat(batch))
    return summary

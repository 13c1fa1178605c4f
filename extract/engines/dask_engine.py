"""The same extraction on a Dask cluster, with Parquet in between.

Each task runs exactly the per-file extraction of the local pipeline
(:func:`extract.pipeline.extract_files`) over one partition of the file list, and writes one
Parquet part per table: ``OUT/<table>/part-00007.parquet``. Part names depend only on the
partition number, so a re-run with the same OUT/ replaces parts instead of adding to them.
:func:`load` then puts the parts into a DuckDB file with the same tables, views and types as a
local run. Paths may be any fsspec URL the environment supports.
"""

from __future__ import annotations

from pathlib import Path

from extract.pipeline import Summary, extract_files
from extract.sources import walk_inputs
from extract.store import Store

TABLES = ("articles", "facts", "mentions", "skipped")


def _write_partition(index: int, paths: list[str], root: str, out: str) -> Summary:
    """One Dask task: extract a partition and write its Parquet parts; returns its summary."""
    import fsspec
    import pyarrow.parquet as pq

    tables, summary = extract_files([Path(p) for p in paths], Path(root))
    fs, base = fsspec.core.url_to_fs(out)
    for name in TABLES:
        fs.makedirs(f"{base}/{name}", exist_ok=True)
        with fs.open(f"{base}/{name}/part-{index:05d}.parquet", "wb") as fh:
            pq.write_table(tables[name], fh)
    return summary


def run_dask(root: Path, out: str, *, scheduler: str | None = None, partitions: int | None = None) -> Summary:
    """Extract every input under ``root`` on a Dask cluster into Parquet parts under ``out``."""
    import fsspec
    from dask.distributed import Client, LocalCluster

    root = Path(root)
    base = root if root.is_dir() else root.parent
    paths = [str(p) for p in walk_inputs(root)]
    fs, path = fsspec.core.url_to_fs(out)
    for name in TABLES:  # parts of an earlier run with more partitions must not linger
        if fs.exists(f"{path}/{name}"):
            fs.rm(f"{path}/{name}", recursive=True)
    cluster = None if scheduler else LocalCluster(processes=True, threads_per_worker=1)
    client = Client(scheduler or cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        n = partitions or max(1, min(len(paths), n_workers * 4))
        chunks = [paths[i::n] for i in range(n)]
        futures = [client.submit(_write_partition, i, chunk, str(base), out, pure=False) for i, chunk in enumerate(chunks)]
        summary = Summary()
        for part in client.gather(futures):
            summary.merge(part)
        return summary
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def load(out: str, db: Path) -> int:
    """Load the Parquet parts under ``out`` into the DuckDB file ``db``; returns articles loaded."""
    import fsspec
    import pyarrow.parquet as pq
    import pyarrow as pa

    fs, path = fsspec.core.url_to_fs(out)
    tables = {}
    for name in TABLES:
        parts = sorted(fs.glob(f"{path}/{name}/part-*.parquet"))
        read = [pq.read_table(fs.open(p, "rb")) for p in parts]
        tables[name] = pa.concat_tables(read) if read else None
    with Store(db) as store:
        store.write_tables({k: v for k, v in tables.items() if v is not None})
    return tables["articles"].num_rows if tables["articles"] is not None else 0

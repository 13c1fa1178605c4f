"""Command line: `extract PATH` runs the extraction; subcommands evaluate, check and query.

`extract corpus/` works as written: a first argument that is not a subcommand is a path, and
runs `extract run PATH`.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn Farsi welfare news into typed facts in DuckDB.\n\nUsage: extract PATH [OPTIONS]  (same as: extract run PATH)",
)

DB_OPTION = typer.Option("--db", help="DuckDB file to write (created if missing).")


def _err(message: str) -> None:
    typer.secho(message, err=True, fg=typer.colors.RED)


@app.command()
def run(
    path: Annotated[Path, typer.Argument(help="A folder of articles (.txt, .html, .jsonl, .json, .gz) or one file.")],
    db: Annotated[Path, DB_OPTION] = Path("welfare.duckdb"),
    workers: Annotated[int, typer.Option(help="Worker processes (default: all cores).")] = 0,
    batch_size: Annotated[int, typer.Option(help="Articles committed per transaction (about: chunks of files are not split).")] = 500,
    jsonl: Annotated[str | None, typer.Option(help="Also write the facts as JSON Lines to this file ('-' for stdout).")] = None,
    strict: Annotated[bool, typer.Option(help="Exit non-zero if any file or line was skipped.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    engine: Annotated[str, typer.Option(help="'local' (processes on this machine) or 'dask' (needs --parquet and the 'distributed' extra).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (default: a local cluster, one worker per core).")] = None,
    parquet: Annotated[str | None, typer.Option(help="With --engine dask: folder or fsspec URL for the Parquet parts; load them with `extract load`.")] = None,
) -> None:
    """Extract every article under PATH into the DuckDB file and print a summary."""
    if engine == "local" and workers != 1 and path.is_dir():
        from extract.workers import start_early

        start_early()  # the workers' server imports the engine while this process does
    from extract.errors import WelfareError
    from extract.pipeline import run as run_pipeline
    from extract.report import print_summary, write_jsonl

    if not path.exists():
        _err(f"{path}: no such file or folder")
        raise typer.Exit(2)
    if engine == "dask":
        if not parquet:
            _err("--engine dask needs --parquet OUT (then: extract load OUT --db FILE)")
            raise typer.Exit(2)
        try:
            from extract.engines.dask_engine import run_dask
        except ImportError:
            _err("the dask engine needs the optional dependencies: uv sync --extra distributed")
            raise typer.Exit(2) from None
        summary = run_dask(path, parquet, scheduler=scheduler)
        print_summary(summary, Path(parquet))
        raise typer.Exit(0 if summary.articles else 1)
    if engine != "local":
        _err(f"unknown engine {engine!r}: use 'local' or 'dask'")
        raise typer.Exit(2)
    try:
        summary = _with_progress(lambda progress: run_pipeline(path, db, workers=workers or None,
                                                               batch_size=batch_size, progress=progress), quiet)
    except WelfareError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    print_summary(summary, db)
    if jsonl:
        write_jsonl(db, jsonl)
    if summary.articles == 0:
        _err("no article could be read")
        raise typer.Exit(1)
    if strict and summary.skipped:
        _err(f"--strict: {summary.skipped} input(s) skipped")
        raise typer.Exit(1)


def _with_progress(job, quiet: bool):
    if quiet or not sys.stderr.isatty():
        return job(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), transient=True) as bar:
        task = bar.add_task("extracting", total=None)
        return job(lambda done, total: bar.update(task, completed=done, total=total))


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSON Lines (shared/spec/RECORDS.md format).")],
    corpus: Annotated[Path, typer.Argument(help="The articles the gold describes.")],
    db: Annotated[Path | None, typer.Option("--db", help="Keep the extraction in this DuckDB file (default: a temporary one).")] = None,
    show_errors: Annotated[bool, typer.Option("--show-errors", help="List every miss, spurious fact and wrong field.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
) -> None:
    """Run the extraction on CORPUS and score it against GOLD (precision, recall, F1, field accuracy)."""
    from extract.errors import WelfareError
    from extract.pipeline import run as run_pipeline
    from extract.report import print_scores
    from extract.scoring import read_gold, read_predictions, score

    with tempfile.TemporaryDirectory() as tmp:
        target = db or Path(tmp) / "eval.duckdb"
        try:
            gold_facts = read_gold(gold)
            run_pipeline(corpus, target, workers=1)
            result = score(gold_facts, read_predictions(target))
        except (WelfareError, OSError) as exc:
            _err(str(exc))
            raise typer.Exit(2) from None
    if show_errors:
        for e in result.errors:
            typer.echo(" | ".join(str(x) for x in e))
    if as_json:
        typer.echo(json.dumps(result.as_dict()))
    else:
        print_scores(result)


@app.command()
def check() -> None:
    """Validate every rule file, compile every pattern and prove every rule's examples."""
    from extract.check import run_checks
    from extract.errors import WelfareError

    try:
        failures, total = run_checks()
    except WelfareError as exc:
        _err(str(exc))
        raise typer.Exit(1) from None
    for f in failures:
        _err(f)
    typer.echo(f"{total - len(failures)} passed, {len(failures)} failed")
    if failures:
        raise typer.Exit(1)


@app.command()
def load(
    parquet: Annotated[str, typer.Argument(help="The Parquet folder (or fsspec URL) written by `extract PATH --engine dask --parquet OUT`.")],
    db: Annotated[Path, DB_OPTION] = Path("welfare.duckdb"),
) -> None:
    """Load Parquet parts from a Dask run into DuckDB: same tables, views and types as a local run."""
    from extract.engines.dask_engine import load as load_parts
    from extract.errors import WelfareError

    try:
        n = load_parts(parquet, db)
    except (WelfareError, OSError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    typer.echo(f"Loaded {n} article(s) from {parquet} -> {db}")


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL to run on the database (read-only).")],
    db: Annotated[Path, DB_OPTION] = Path("welfare.duckdb"),
    format: Annotated[str, typer.Option("--format", help="table, csv or json (one object per line).")] = "table",
) -> None:
    """Run SQL on the database and print the result."""
    from extract.commands import query as run_query
    from extract.errors import WelfareError

    if format not in ("table", "csv", "json"):
        _err("--format must be table, csv or json")
        raise typer.Exit(2)
    try:
        run_query(db, sql, format)
    except WelfareError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Folder to write one file per table into.")],
    format: Annotated[str, typer.Option("--format", help="parquet (types kept) or csv.")] = "parquet",
    db: Annotated[Path, DB_OPTION] = Path("welfare.duckdb"),
) -> None:
    """Write every table (articles, facts, mentions, skipped) as Parquet or CSV."""
    from extract.commands import export as run_export
    from extract.errors import WelfareError

    if format not in ("parquet", "csv"):
        _err("--format must be parquet or csv")
        raise typer.Exit(2)
    try:
        for path in run_export(db, out, format):
            typer.echo(path)
    except WelfareError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None


@app.command()
def schema() -> None:
    """Print the JSON Schema of the records (generated from the pydantic models)."""
    from extract.commands import records_schema

    typer.echo(json.dumps(records_schema(), ensure_ascii=False, indent=2))


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="An article_id, or its source path or file name.")],
    html_out: Annotated[Path, typer.Option("--html", help="Where to write the review page.")] = Path("article.html"),
    db: Annotated[Path, DB_OPTION] = Path("welfare.duckdb"),
    root: Annotated[list[Path] | None, typer.Option("--root", help="Folder(s) the article sources are relative to (default: . and corpus/).")] = None,
) -> None:
    """Write an HTML page of one article with every fact highlighted (hover for the record)."""
    from extract.errors import WelfareError
    from extract.review import render

    try:
        page = render(db, article, root or [Path("."), Path("corpus")])
    except WelfareError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    html_out.write_text(page, encoding="utf-8")
    typer.echo(html_out)


SUBCOMMANDS = {"run", "eval", "check", "query", "export", "schema", "show", "load"}


def main() -> None:
    """Console entry point: a leading path means `run`."""
    args = sys.argv[1:]
    if args and not args[0].startswith("-") and args[0] not in SUBCOMMANDS:
        sys.argv.insert(1, "run")
    from extract.errors import WelfareError

    try:
        app(standalone_mode=True)
    except WelfareError as exc:  # a broken rule file, raised while the engine loads
        _err(str(exc))
        sys.exit(2)


if __name__ == "__main__":
    main()

"""Start-up cost paid by every process: the command line, and each worker of a run."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _imported_after(statement: str, modules: list[str]) -> list[bool]:
    code = f"import sys; {statement}; print(*[m in sys.modules for m in {modules!r}])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return [word == "True" for word in out.stdout.split()]


def test_the_engine_does_not_import_hazm_or_nltk():
    """The normalizer reads hazm's tables; hazm's package (NLTK, models) costs 1.4 s a process."""
    assert _imported_after("import extract.pipeline", ["hazm", "nltk"]) == [False, False]


def test_workers_can_be_started_before_the_engine_is_imported():
    """`extract PATH` starts the workers' server first, so the two imports overlap."""
    assert _imported_after("import extract.workers", ["extract.article", "duckdb"]) == [False, False]
    assert _imported_after("from extract import extract_text", ["extract.article"]) == [True]

"""bench/instructions.py reads the regex engine's share off callgrind's report (the valgrind run
itself takes minutes and is not run here)."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from bench.instructions import regex_entries  # noqa: E402  (after the path insert)

# Lines of a real `callgrind_annotate --inclusive=yes` report (CPython 3.12.1, this project).
_PY = "/tmp/python-build.20260509073544.228/Python-3.12.1"
_LIB = "[/root/.pyenv/versions/3.12.1/lib/libpython3.12.so.1.0]"
REPORT = f"""\
4,353,196,505 (100.0%)  PROGRAM TOTALS
   583,834,437 (13.41%)  {_PY}/Python/bytecodes.c:_PyEval_EvalFrameDefault
    64,887,005 ( 1.49%)  {_PY}/./Modules/_sre/sre_lib.h:sre_ucs2_match {_LIB}
    56,415,486 ( 1.30%)  {_PY}/./Modules/_sre/clinic/sre.c.h:_sre_SRE_Scanner_search {_LIB}
    56,313,342 ( 1.29%)  {_PY}/./Modules/_sre/sre.c:_sre_SRE_Scanner_search
    19,342,908 ( 0.44%)  {_PY}/./Modules/_sre/clinic/sre.c.h:_sre_SRE_Pattern_match {_LIB}
"""


def test_each_entry_point_is_counted_once_at_its_wrapper():
    """The implementation behind a wrapper and the matcher it calls are inside its count."""
    assert dict(regex_entries(REPORT)) == {"Scanner_search": 56_415_486, "Pattern_match": 19_342_908}


def test_a_report_without_source_files_counts_nothing():
    """A Python built without debug information names no source files («???»): the wrapper
    cannot be told from what it calls, so nothing is guessed (the script says so)."""
    report = REPORT.replace(f"{_PY}/./Modules/_sre/clinic/sre.c.h", "???").replace(f"{_PY}/./Modules/_sre/sre.c", "???")
    assert not regex_entries(report)

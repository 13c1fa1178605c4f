"""Instructions per article, and the share run inside the regex engine, counted by callgrind.

    uv run python bench/instructions.py [--articles 50] [--base 10]

Wall-clock rates on a shared virtual machine drift by tens of percent; instruction counts do
not. The script runs `valgrind --tool=callgrind` on extracting ``--base`` and then
``--articles`` varied copies of `corpus/` (as bench/run.py builds them), in a fresh
interpreter each time, and prints the difference per article: start-up and imports cancel
out. The regex share is the inclusive count of the `re` engine's entry points
(`_sre_SRE_*` in `clinic/sre.c.h`: match, search, finditer steps, split, …), likewise
differenced.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import build_corpus  # noqa: E402  (after the path insert)

_EXTRACT = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from extract.article import extract_article
for p in sorted(Path({folder!r}).rglob("*.txt"))[:{n}]:
    extract_article(p.read_text(encoding="utf-8"))
"""
_TOTAL = re.compile(r"Collected : (\d+)")
# The argument-clinic wrappers are where Python code enters the engine (each appears once).
_ENTRY = re.compile(r"^\s*([\d,]+) .*clinic/sre\.c\.h:_sre_SRE_(\w+)", re.MULTILINE)


def count(folder: Path, n: int, out: Path) -> Counter:
    """Instructions of extracting ``n`` articles: ``""`` all of them, and per regex entry point."""
    code = _EXTRACT.format(root=str(ROOT), folder=str(folder), n=n)
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", code],
        capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    if run.returncode:
        sys.exit(f"extraction under valgrind failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
    counts = Counter({"": int(_TOTAL.search(run.stderr).group(1))})
    annotated = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)], capture_output=True, text=True, check=True
    ).stdout
    return counts + regex_entries(annotated)


def regex_entries(annotated: str) -> Counter:
    """Inclusive instructions per regex entry point, read off ``callgrind_annotate --inclusive=yes``."""
    counts = Counter()
    for m in _ENTRY.finditer(annotated):
        counts[m.group(2)] += int(m.group(1).replace(",", ""))
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--base", type=int, default=10, help="articles of the run subtracted (start-up, imports)")
    args = ap.parse_args()
    if not 0 <= args.base < args.articles:
        sys.exit("--base must be at least 0 and below --articles")
    if missing := [tool for tool in ("valgrind", "callgrind_annotate") if not shutil.which(tool)]:
        sys.exit(f"{' and '.join(missing)} not found: install valgrind (Debian: apt install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        build_corpus(folder, args.articles)
        print(f"callgrind: extracting {args.base} and {args.articles} articles (a minute or two) …", file=sys.stderr)
        base = count(folder, args.base, Path(tmp) / "base.out")
        full = count(folder, args.articles, Path(tmp) / "full.out")
    n = args.articles - args.base
    per_article = {key: (full[key] - base[key]) / n for key in full}
    total = per_article.pop("")
    in_re = sum(per_article.values())
    print(f"instructions per article: {total / 1e6:.1f} million")
    if not in_re:  # a Python built without debug information names no source files
        print("inside the regex engine:  not resolved (this Python's build names no source files)")
        return
    print(f"inside the regex engine:  {in_re / 1e6:.1f} million ({in_re / total:.0%})")
    for name, value in sorted(per_article.items(), key=lambda kv: -kv[1]):
        if value >= total / 100:
            print(f"  {name:22s} {value / 1e6:.1f} million")


if __name__ == "__main__":
    main()

"""What the CLI prints: the run summary, evaluation scores, JSON Lines of facts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extract.pipeline import Summary
from extract.scoring import Score
from extract.store import connect


def print_summary(s: Summary, db: Path, out=None) -> None:
    out = out or sys.stdout
    w = out.write
    w(f"Read {s.files} file(s): {s.articles} article(s), {s.facts} fact(s) -> {db}\n")
    if s.by_metric:
        w("Facts by metric:   " + ", ".join(f"{k} {v}" for k, v in s.by_metric.most_common()) + "\n")
    if s.by_province:
        w("Facts by province: " + ", ".join(f"{k} {v}" for k, v in s.by_province.most_common()) + "\n")
    _listed(w, "Warnings", s.warnings, s.warning_examples, "the facts' warnings column")
    _listed(w, "Skipped", s.skipped, s.skipped_examples, "the skipped table")


def _listed(w, label: str, count: int, examples: list[tuple[str, str]], where: str) -> None:
    """A count, its examples, and where the rest are stored."""
    w(f"{label}: {count}\n")
    for source, text in examples:
        w(f"  {source}: {text}\n")
    if count > len(examples):
        w(f"  … and {count - len(examples)} more: see {where}\n")


def print_scores(result: Score, out=None) -> None:
    out = out or sys.stdout
    d = result.as_dict()
    out.write(
        f"facts: gold {d['gold']}, predicted {d['predicted']}, matched {d['tp']}\n"
        f"precision {d['precision']:.3f}  recall {d['recall']:.3f}  F1 {d['f1']:.3f}  strict F1 {d['strict_f1']:.3f}\n"
        "field accuracy on matched facts: "
        + ", ".join(f"{k[4:]} {v:.3f}" for k, v in d.items() if k.startswith("acc_"))
        + "\n"
        + json.dumps(d)
        + "\n"
    )


def write_jsonl(db: Path, target: str) -> None:
    """Every fact with its article source, as JSON Lines (amount as a string: exact)."""
    con = connect(db, read_only=True)
    try:
        cur = con.execute(
            "SELECT a.source, f.* FROM facts f JOIN articles a USING (article_id) ORDER BY a.source, f.fact_id"
        )
        names = [c[0] for c in cur.description]
        out = sys.stdout if target == "-" else open(target, "w", encoding="utf-8")
        try:
            for row in cur.fetchall():
                rec = dict(zip(names, row, strict=True))
                rec["amount"] = format(rec["amount"].normalize(), "f")
                out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        finally:
            if out is not sys.stdout:
                out.close()
    finally:
        con.close()

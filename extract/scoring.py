"""Score a database against a gold file exactly as ``shared/tools/evaluate.py`` does.

Facts match on (article file name, amount, unit); among candidates the one with the gold
metric is preferred; fields are scored on matched pairs (RECORDS.md, "Gold files").
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from extract.errors import GoldError
from extract.store import connect

FIELDS = ("metric", "province", "year", "official_name", "qualifier")
_HONORIFIC_PREFIX = re.compile(r"^((دکتر|مهندس|حجت‌الاسلام|حجت الاسلام|حجت ‌الاسلام|سردار|سیده|سید)\s*)+")


def norm_amount(x) -> str:
    try:
        return format(Decimal(str(x)).normalize(), "f")
    except (InvalidOperation, ValueError):
        return str(x)


def norm_text(s):
    if s is None:
        return None
    s = str(s).replace("ي", "ی").replace("ك", "ک").replace("\u200c", " ")
    s = _HONORIFIC_PREFIX.sub("", s.strip())
    s = re.sub(r"\s+", " ", s)
    return s or None


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    tp: int = 0
    strict: int = 0
    right: Counter = field(default_factory=Counter)
    errors: list[tuple] = field(default_factory=list)

    def _prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict:
        p, r, f = self._prf(self.tp)
        return dict(
            gold=self.gold, predicted=self.predicted, tp=self.tp,
            precision=round(p, 3), recall=round(r, 3), f1=round(f, 3),
            strict_f1=round(self._prf(self.strict)[2], 3),
            **{f"acc_{k}": round(self.right[k] / self.tp, 3) if self.tp else 0.0 for k in FIELDS},
        )


def read_gold(path: Path) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                g = json.loads(line)
                g["amount"] = norm_amount(g["amount"])
                g["official_name"] = norm_text(g.get("official_name"))
                gold[g["article"]].append(g)
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise GoldError(f"{path}:{n}: not a gold record: {exc}") from None
    return gold


def read_predictions(db: Path) -> dict[str, list[dict]]:
    con = connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT a.source, f.amount, f.unit, f.metric, f.qualifier, f.province, f.year, f.official_name "
            "FROM facts f JOIN articles a ON a.article_id = f.article_id"
        ).fetchall()
    finally:
        con.close()
    pred: dict[str, list[dict]] = defaultdict(list)
    for src, amount, unit, metric, qual, prov, year, off in rows:
        art = str(src).replace("\\", "/").rsplit("/", 1)[-1]
        pred[art].append(dict(amount=norm_amount(amount), unit=unit, metric=metric, qualifier=qual,
                              province=prov, year=year, official_name=norm_text(off)))
    return pred


def score(gold: dict[str, list[dict]], pred: dict[str, list[dict]]) -> Score:
    s = Score()
    for art in sorted(set(gold) | set(pred)):
        if art not in gold:
            continue  # articles without gold are not scored
        ps = list(pred.get(art, []))
        used = [False] * len(ps)
        for g in gold[art]:
            s.gold += 1
            cands = [i for i, p in enumerate(ps) if not used[i] and p["amount"] == g["amount"] and p["unit"] == g["unit"]]
            if not cands:
                s.errors.append(("missed", art, g["quote"], g["amount"], g["unit"]))
                continue
            best = next((i for i in cands if ps[i]["metric"] == g["metric"]), cands[0])
            used[best] = True
            s.tp += 1
            s.predicted += 1
            ok_all = True
            for f in FIELDS:
                if ps[best].get(f) == g.get(f):
                    s.right[f] += 1
                else:
                    ok_all = ok_all and f == "qualifier"
                    s.errors.append((f"wrong {f}", art, g["quote"], repr(ps[best].get(f)), repr(g.get(f))))
            s.strict += ok_all
        for i, p in enumerate(ps):
            if not used[i]:
                s.predicted += 1
                s.errors.append(("spurious", art, p["amount"], p["unit"], p["metric"]))
    return s

"""`extract check`: load every rule file, compile every pattern and prove every example.

Each failure names the file, the rule and the example, so a broken rule is found at once.
"""

from __future__ import annotations

from decimal import Decimal

from schemas.models import Fact


def _facts(text: str) -> list[Fact]:
    from extract.article import extract_text

    return extract_text(text)


def _show(facts: list[Fact]) -> str:
    return "; ".join(
        f"{f.amount.normalize():f} {f.unit.value} {f.metric.value} {f.qualifier.value} by {f.mentions[0].rule}" for f in facts
    ) or "no fact"


def _has(facts: list[Fact], amount: str, **fields) -> Fact | None:
    want = Decimal(amount)
    for f in facts:
        if f.amount == want and all(getattr(f, k) == v for k, v in fields.items()):
            return f
    return None


def run_checks() -> tuple[list[str], int]:
    """Run every example of every rule; return (failure messages, number of checks)."""
    # Importing the modules validates every rule file and compiles every pattern.
    from extract import article, metrics, quantities, speakers  # noqa: F401

    failures: list[str] = []
    total = 0

    def fail(file: str, rule: str, text: str, why: str) -> None:
        failures.append(f"rules/{file}: rule '{rule}': «{text}»: {why}")

    for c in quantities.UNITS.counter:
        for text, amount in c.examples:
            total += 1
            facts = _facts(text)
            f = _has(facts, amount, unit=c.unit)
            if f is None or not f.mentions[0].rule.startswith(c.name):
                fail("units.toml", c.name, text, f"expected {amount} {c.unit.value} by this rule, got {_show(facts)}")
        for text in c.counter_examples:
            total += 1
            facts = [f for f in _facts(text) if f.unit is c.unit]
            if facts:
                fail("units.toml", c.name, text, f"expected no {c.unit.value} fact, got {_show(facts)}")
    for r in quantities.EXCLUSIONS.exclusion:
        for text in r.counter_examples:
            total += 1
            if facts := _facts(text):
                fail("exclusions.toml", r.name, text, f"expected no fact, got {_show(facts)}")
        for text, amount in r.examples:
            total += 1
            facts = _facts(text)
            if not _has(facts, amount):
                fail("exclusions.toml", r.name, text, f"expected a fact of {amount}, got {_show(facts)}")
    for q in quantities.QUALIFIERS.qualifier + quantities.QUALIFIERS.bound:
        for text, amount, qualifier in q.examples:
            total += 1
            facts = _facts(text)
            if not _has(facts, amount, qualifier=qualifier):
                fail("qualifiers.toml", q.name, text, f"expected {amount} {qualifier}, got {_show(facts)}")
    for r in metrics.RULES.rule:
        for text, amount, metric in r.examples:
            total += 1
            facts = _facts(text)
            f = _has(facts, amount, metric=metric)
            if f is None or not any(m.rule.endswith("/" + r.name) for m in f.mentions):
                fail("metrics.toml", r.name, text, f"expected {amount} {metric} by this rule, got {_show(facts)}")
        for text, amount in r.counter_examples:
            total += 1
            f = _has(_facts(text), amount)
            if f is not None and f.metric == r.metric:
                fail("metrics.toml", r.name, text, f"{amount} must not be {r.metric.value}")
    for text, name in speakers.LEX.examples:
        total += 1
        facts = _facts(text)
        if not facts or facts[0].official_name != name:
            got = facts[0].official_name if facts else "no fact"
            fail("officials.toml", "officials", text, f"expected official {name!r}, got {got!r}")
    for text, amount, warning in article.PLAUSIBLE.examples:
        total += 1
        f = _has(_facts(text), amount)
        if f is None or not any(warning in w for w in f.warnings):
            fail("plausibility.toml", "plausibility", text, f"expected {amount} with a warning containing {warning!r}")
    return failures, total

"""`extract check` proves every rule, and fails loudly, naming file and rule, on a broken one."""

from extract import quantities
from extract.check import run_checks


def test_all_rules_prove_their_examples():
    failures, total = run_checks()
    assert total > 40
    assert failures == []


def test_a_broken_rule_is_named(monkeypatch):
    counter = quantities.UNITS.counter[0]
    broken = counter.model_copy(update={"examples": [("اعتبارات از 870 میلیارد ریال افزایش یافت", "871")]})
    counters = [broken] + quantities.UNITS.counter[1:]
    monkeypatch.setattr(quantities, "UNITS", quantities.UNITS.model_copy(update={"counter": counters}))
    failures, _ = run_checks()
    assert len(failures) == 1
    assert failures[0].startswith(f"rules/units.toml: rule '{counter.name}'")
    assert "871" in failures[0]

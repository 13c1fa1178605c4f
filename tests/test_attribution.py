"""Which province a figure gets from the article around it (RECORDS.md `province`)."""

from __future__ import annotations

import pytest

from extract import extract_text

HEAD = "مدیرکل بهزیستی استان کردستان گفت: ۹۰۰ طرح اشتغالزایی در آذربایجان غربی اجرا شده است. "


@pytest.mark.parametrize(
    ("text", "amount", "province"),
    [
        # «از این تعداد» refers back to the last figure that named its place, in an earlier sentence too
        (HEAD + "وی افزود: از این تعداد، ۱۲۰ طرح متعلق به سال جاری است.", 120, "west_azerbaijan"),
        (HEAD + "وی افزود: از این میزان ۱۲۰ طرح در روستاها اجرا شد.", 120, "west_azerbaijan"),
        # without a word referring back, a later sentence's figure is the speaker's province
        (HEAD + "وی افزود: امسال ۱۲۰ طرح دیگر اجرا میشود.", 120, "kurdistan"),
    ],
)
def test_province_of_a_figure_from_its_context(text, amount, province):
    facts = {int(f.amount): f for f in extract_text(text)}
    assert facts[amount].province == province

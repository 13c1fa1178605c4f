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


@pytest.mark.parametrize(
    ("text", "amount", "metric"),
    [
        # «این تعداد» counts what the figure it refers back to counts, when its own clause names nothing
        ("مدیرکل کمیته امداد استان با بیان اینکه ۴۰۰ نوعروس منتظر دریافت جهیزیه هستند، افزود: "
         "پیشبینی میشود این تعداد تا پایان سال به ۲ هزار نفر برسد.", 2000, "other"),
        ("وی گفت: ۲۰ هزار خانواده از مستمری امداد بهره مند می شوند و این خانواده ها شامل جمعیتی بالغ بر "
         "۴۵ هزار نفر می شوند که از این تعداد ۹ هزار نفر بالای ۶۰ سال دارند.", 9000, "people_covered"),
        # … while a cue of its own clause still decides
        ("۳۰ هزار خانوار تحت پوشش بهزیستی هستند که از این تعداد ۱۹ هزار خانوار مستمری بگیر هستند.", 19000, "pension_recipients"),
    ],
)
def test_metric_of_a_figure_referring_back(text, amount, metric):
    facts = {int(f.amount): f for f in extract_text(text)}
    assert facts[amount].metric.value == metric


@pytest.mark.parametrize(
    ("text", "amount", "metric"),
    [
        # the words after the figure before, up to a comma, are that figure's clause, not this one's
        ("وی گفت: ۱۲ هزار خانواده به طور مستمر از مستمری بهره مند می شوند، ۴ هزار خانواده نیز از خدمات "
         "کمیته امداد استفاده می کنند.", 4000, "beneficiaries"),
        ("وی گفت: ۱۲ هزار خانواده به طور مستمر از مستمری بهره مند می شوند، ۴ هزار خانواده نیز از خدمات "
         "کمیته امداد استفاده می کنند.", 12000, "pension_recipients"),
    ],
)
def test_metric_cues_of_the_figure_before_stay_in_its_clause(text, amount, metric):
    facts = {int(f.amount): f for f in extract_text(text)}
    assert facts[amount].metric.value == metric

"""The gazetteer and the place finder."""

import tomllib

import pytest

from conftest import ROOT
from extract.places import GAZETTEER, find_national_cues, find_places, province_of
from schemas.models import Province

CASES = [
    ("به گزارش خبرگزاری آوای البرز استان سمنان، مدیرکل گفت", ["semnan"]),
    ("بوشهر- مدیرکل کمیته امداد استان بوشهر گفت", ["bushehr", "bushehr"]),
    ("در روستاهای شهرستان دلگان", ["sistan_and_baluchestan"]),
    ("رئیس بهزیستی خمین گفت", []),  # «خمین» needs a cue: it is also in «امام خمینی»
    ("رئیس بهزیستی شهرستان خمین گفت", ["markazi"]),
    ("مدیرکل بهزیستی آذربایجانغربی", ["west_azerbaijan"]),
    ("مدیرکل بهزیستی آذربایجان‌شرقی", ["east_azerbaijan"]),
    ("کمیته امداد امام خمینی (ره) کهگیلویه و بویراحمد", ["kohgiluyeh_and_boyer_ahmad"]),
    ("مدیرکل کمیته امداد استان چهارمحال وبختیاری", ["chaharmahal_and_bakhtiari"]),
    ("خبرگزاری صداوسیما مرکز خلیج فارس", []),
    ("به گزارش خبرگزاری فارس از شیراز", ["fars"]),
    ("بانک مرکزی اعلام کرد", []),
    ("در استان مرکزی", ["markazi"]),
    ("مسکن مددجویان هرمزگانی", ["hormozgan"]),
    ("سیستان و بلوچستان", ["sistan_and_baluchestan"]),
    ("خرم‌آباد| مدیرکل کمیته امداد", ["lorestan"]),
    ("شهرری- ایرنا- رئیس اداره بهزیستی", ["tehran"]),
    ("رئیس کمیته امداد دزفول", ["khuzestan"]),
]


@pytest.mark.parametrize(("text", "provinces"), CASES, ids=[c[0] for c in CASES])
def test_places(text, provinces):
    from extract.normalize import normalize

    found = [p.province for p in find_places(normalize(text).text) if not p.agency]
    assert found == provinces


def test_every_province_once():
    slugs = [p.slug for p in GAZETTEER.province]
    assert sorted(slugs) == sorted(p.value for p in Province if p is not Province.national)


def test_capitals_resolve():
    for name, slug in [("تبریز", "east_azerbaijan"), ("زاهدان", "sistan_and_baluchestan"), ("سنندج", "kurdistan"),
                       ("یاسوج", "kohgiluyeh_and_boyer_ahmad"), ("شهرکرد", "chaharmahal_and_bakhtiari"), ("بجنورد", "north_khorasan"),
                       ("بیرجند", "south_khorasan"), ("اراک", "markazi"), ("کرج", "alborz"), ("ارومیه", "west_azerbaijan")]:
        assert province_of(name) == slug


def test_national_cues():
    assert find_national_cues("در سراسر کشور اجرا شد")
    assert not find_national_cues("کمک حامیان خارج از کشور")


def test_data_file_has_provenance():
    text = (ROOT / "rules" / "places.toml").read_text(encoding="utf-8")
    assert text.startswith("# Gazetteer") and "Source:" in text
    tomllib.loads(text)

"""The gazetteer (rules/places.toml) and the place finder (extract/places.py).

Tables of text → places, grouped by where the cases came from: phrasing of the real articles
(sentences written anew in their style), new cases for spellings and cue policies, text that
must give no place, and known gaps (strict xfails). Then the data is checked name by name.
"""

from __future__ import annotations

import copy
import re
import time

import pytest
from pydantic import ValidationError

from conftest import ROOT, SHARED
from extract import places
from extract.normalize import normalize
from extract.places import GAZETTEER, Gazetteer, find_national_cues, find_places, province_of
from extract.ruledata import read_toml
from schemas.models import Province

AGENCY = "outlet"  # marks a match that is part of a news outlet's name


def found(text: str) -> list[tuple]:
    """(surface, slug) per match, with AGENCY appended for outlet names; text is normalized first."""
    return [(p.text, p.province, AGENCY) if p.agency else (p.text, p.province) for p in find_places(normalize(text).text)]


def rows(*cases):
    """pytest params with the case's first element (a short description) as its id."""
    return [pytest.param(text, expected, id=name) for name, text, expected in cases]


# ---------------------------------------------------------------- phrasing of the real articles

FROM_ARTICLES = rows(
    ("outlet-named-after-another-province",
     "به گزارش خبرگزاری آوای البرز استان سمنان، مدیرکل بهزیستی گفت",
     [("البرز", "alborz", AGENCY), ("سمنان", "semnan")]),
    ("outlet-name-then-province",
     "به گزارش خبرگزاری خبرآنلاین استان سمنان، رییس سازمان گفت", [("سمنان", "semnan")]),
    ("dateline-dash", "بوشهر- مدیرکل کمیته امداد امام خمینی (ره) استان گفت", [("بوشهر", "bushehr")]),
    ("dateline-bar-half-space", "خرم‌آباد| مدیرکل کمیته امداد امام‌خمینی(ره) لرستان گفت",
     [("خرمآباد", "lorestan"), ("لرستان", "lorestan")]),
    ("dateline-shahr-e-rey", "شهرری- ایرنا- رئیس اداره بهزیستی شهرستان ری گفت",
     [("شهرری", "tehran"), ("ری", "tehran")]),
    ("villages-of-a-county", "۵۰۰ طرح اشتغالزایی دیگر در روستاهای شهرستان دلگان ایجاد شود",
     [("دلگان", "sistan_and_baluchestan")]),
    ("head-of-office-of-a-county", "رئیس بهزیستی خمین گفت", [("خمین", "markazi")]),
    ("glued-west-azerbaijan", "مدیرکل بهزیستی آذربایجان‌غربی گفت", [("آذربایجانغربی", "west_azerbaijan")]),
    ("district-of-a-city", "رئیس کمیته امداد منطقه سه اصفهان گفت", [("اصفهان", "isfahan")]),
    ("provincial-broadcaster-is-the-province",
     "به گزارش خبرگزاری صداوسیما مرکز خلیج فارس، مدیرکل دفتر مسکن در بندرعباس گفت",
     [("خلیج فارس", "hormozgan"), ("بندرعباس", "hormozgan")]),
    ("broadcaster-of-the-province-by-name", "به گزارش خبرگزاری صدا و سیمای استان زنجان؛ مریم کرمی افزود",
     [("زنجان", "zanjan")]),
    ("broadcaster-glued-centre", "به گزارش خبرگزاری صداوسیما، مرکزاصفهان؛ رئیس کمیته امداد گفت",
     [("اصفهان", "isfahan")]),
    ("agency-reporter-then-place", "امروز در گفت‌وگو با خبرنگار فارس در کرمانشاه اظهار کرد",
     [("فارس", "fars", AGENCY), ("کرمانشاه", "kermanshah")]),
    ("agency-bureau-in-province", "به گزارش خبرنگار خبرگزاری رسا در خراسان جنوبی، رییس بنیاد برکت گفت",
     [("خراسان جنوبی", "south_khorasan")]),
    ("agency-from-province", "به گزارش خبرگزاری شبستان از خراسان شمالی و به نقل از روابط عمومی",
     [("خراسان شمالی", "north_khorasan")]),
    ("agency-glued-preposition", "به گزارش خبرگزاری موج ازقم، اکبر میرشکار گفت", [("قم", "qom")]),
    ("news-site-named-after-province", "به گزارش پایگاه خبری هویت گیلان ؛ رئیس اداره گفت",
     [("گیلان", "gilan", AGENCY)]),
    ("news-site-with-suffix", "به گزارش اهر خبر (اهر نیوز)، غلامعلی ملامهدی گفت",
     [("اهر", "east_azerbaijan", AGENCY), ("اهر", "east_azerbaijan", AGENCY)]),
    ("source-line", "منبع: فارس", [("فارس", "fars", AGENCY)]),
    ("fars-news-agency", "به گزارش خبرگزاری فارس از شیراز، مدیرکل گفت",
     [("فارس", "fars", AGENCY), ("شیراز", "fars")]),
    ("counties-listed-with-dar",
     "۲۱۹ سری در اسفراین، ۳۱ سری در بام و صفی آباد، ۱۰۰ سری در راز و ۱۵۸ سری در مانه توزیع شد",
     [("اسفراین", "north_khorasan"), ("بام و صفی آباد", "north_khorasan"), ("راز", "north_khorasan"),
      ("مانه", "north_khorasan")]),
    ("districts-listed-after-plural-cue",
     "رئیس کمیته امداد امام خمینی(ره) گله دار گفت: جهیزیه در بخش‌های گله دار و اسیر توزیع شد",
     [("گله دار", "fars"), ("گله دار", "fars"), ("اسیر", "fars")]),
    ("cities-listed", "در شهرهای مرزی بانه، کامیاران، مریوان و سقز اجرا شد",
     [("بانه", "kurdistan"), ("کامیاران", "kurdistan"), ("مریوان", "kurdistan"), ("سقز", "kurdistan")]),
    ("county-in-south-of-province", "در شهرستان سردشت در جنوب استان آذربایجان غربی",
     [("سردشت", "west_azerbaijan"), ("آذربایجان غربی", "west_azerbaijan")]),
    ("county-then-district", "در شهرستان دشتستان با مرکزیت شهر برازجان و بخش سعدآباد",
     [("دشتستان", "bushehr"), ("برازجان", "bushehr"), ("سعدآباد", "bushehr")]),
    ("county-dena", "فرماندار شهرستان دنا، با بیان اینکه در سی‌سخت ۱۵۳ مسکن ساخته شد",
     [("دنا", "kohgiluyeh_and_boyer_ahmad"), ("سیسخت", "kohgiluyeh_and_boyer_ahmad")]),
    ("county-of-office", "رئیس کمیته امداد امام خمینی (ره) دزفول گفت", [("دزفول", "khuzestan")]),
    ("demonym-of-people", "تاکنون ۴۵۰۰ فرصت شغلی برای مددجویان لرستانی ایجاد شده", [("لرستانی", "lorestan")]),
    ("demonym-of-housing", "۱۶۰ میلیارد ریال برای مسکن مددجویان هرمزگانی", [("هرمزگانی", "hormozgan")]),
    ("demonym-plural", "مشارکت اردبیلی‌ها در جشن نیکوکاری", [("اردبیلیها", "ardabil")]),
    ("kohgiluyeh-glued", "کمیته امداد امام خمینی (ره) کهگیلویه و بویراحمد", [("کهگیلویه و بویراحمد", "kohgiluyeh_and_boyer_ahmad")]),
    ("chaharmahal-glued-va", "مدیرکل کمیته امداد استان چهارمحال وبختیاری گفت",
     [("چهارمحال وبختیاری", "chaharmahal_and_bakhtiari")]),
    ("national-head-visits-county", "رئیس سازمان بهزیستی کشور در تفت از پرداخت یارانه خبر داد", [("تفت", "yazd")]),
    ("pilgrimage-places", "به اماکن زیارتی مشهد مقدس، قم و جمکران اعزام شدند",
     [("مشهد مقدس", "razavi_khorasan"), ("قم", "qom")]),
)


@pytest.mark.parametrize(("text", "expected"), FROM_ARTICLES)
def test_from_articles(text, expected):
    assert found(text) == expected


# ---------------------------------------------------------------- new: spellings and cue policies

NEW = rows(
    ("arabic-yeh", "استان سيستان و بلوچستان", [("سیستان و بلوچستان", "sistan_and_baluchestan")]),
    ("va-left-out", "سیستان بلوچستان", [("سیستان بلوچستان", "sistan_and_baluchestan")]),
    ("kaf-for-gaf", "کهکیلویه و بویر احمد", [("کهکیلویه و بویر احمد", "kohgiluyeh_and_boyer_ahmad")]),
    ("chahar-mahal-split", "چهار محال و بختیاری", [("چهار محال و بختیاری", "chaharmahal_and_bakhtiari")]),
    ("madda-dropped", "اذربایجان شرقی", [("اذربایجان شرقی", "east_azerbaijan")]),
    ("hamza-seat-as-ye", "شهرستان نایین", [("نایین", "isfahan")]),
    ("bandar-abbas-split", "بندر عباس و بندرعباس", [("بندر عباس", "hormozgan"), ("بندرعباس", "hormozgan")]),
    ("eslamabad-e-gharb", "اسلامآبادغرب", [("اسلامآبادغرب", "kermanshah")]),
    ("gilan-e-gharb-is-kermanshah", "گیلانغرب", [("گیلانغرب", "kermanshah")]),
    ("kerman-inside-kermanshah", "کرمانشاه و کرمان", [("کرمانشاه", "kermanshah"), ("کرمان", "kerman")]),
    ("longest-county-name", "شیروان و چرداول و شیروان", [("شیروان و چرداول", "ilam"), ("شیروان", "north_khorasan")]),
    ("rudbar-of-the-south", "رودبار جنوب", [("رودبار جنوب", "kerman")]),
    ("markazi-after-ostan", "بهزیستی استان مرکزی", [("مرکزی", "markazi")]),
    ("provinces-listed", "استانهای کرمان و یزد", [("کرمان", "kerman"), ("یزد", "yazd")]),
    ("no-list-after-a-singular-cue", "استان زنجان و بهار امسال", [("زنجان", "zanjan")]),
    ("bahar-county", "فرماندار شهرستان بهار", [("بهار", "hamadan")]),
    ("nur-county", "بهزیستی شهرستان نور", [("نور", "mazandaran")]),
    ("broadcaster-channel", "شبکه سهند", [("سهند", "east_azerbaijan")]),
    ("demonym-after-people-word", "خیرین کرمانشاهی", [("کرمانشاهی", "kermanshah")]),
    ("university-is-a-place", "دانشگاه علوم پزشکی کرمانشاه", [("کرمانشاه", "kermanshah")]),
    ("digits-after-name", "زنجان۱۴۰۲", [("زنجان", "zanjan")]),
)


@pytest.mark.parametrize(("text", "expected"), NEW)
def test_new_cases(text, expected):
    assert found(text) == expected


# ---------------------------------------------------------------- must give no place

NO_PLACE = [
    ("central-bank", "بانک مرکزی اعلام کرد"),
    ("central-headquarters", "ستاد مرکزی اربعین"),
    ("persian-gulf", "در آب‌های خلیج فارس"),
    ("imam-khomeini", "کمیته امداد امام خمینی (ره)"),
    ("persian-language", "زبان فارسی"),
    ("month-mehr", "در مهر ماه امسال"),
    ("spring", "در بهار امسال"),
    ("light", "کاروان راهیان نور"),
    ("secret", "راز موفقیت"),
    ("conscript", "سرباز وظیفه"),
    ("voucher", "بن کارت"),
    ("series", "سلسله جلسات"),
    ("urban-fabric", "بافت فرسوده"),
    ("stage", "صحنه نمایش"),
    ("dome", "گنبد مسجد"),
    ("street", "در خیابان تهران"),
    ("insurance", "بیمه البرز"),
    ("mountain", "قله دماوند"),
    ("abroad-kurdistan", "اقلیم کردستان عراق"),
    ("republic-of-azerbaijan", "جمهوری آذربایجان"),
    ("khorasan-is-three-provinces", "روزنامه خراسان"),
    ("khorasani-is-three-provinces", "تماس شهروندان خراسانی"),
    ("shared-nurabad", "در نورآباد"),
    ("surname", "آقای علی قمی گفت"),
    ("given-name", "مهران رضایی گفت"),
    ("name-inside-word", "فارسی زبانان و تهرانپارس‌نشین"),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in NO_PLACE])
def test_no_place(text):
    assert found(text) == []


# ---------------------------------------------------------------- known gaps

GAPS = [
    pytest.param("زلزله بم", [("بم", "kerman")], id="bam-without-cue"),
    pytest.param("درتفت", [("تفت", "yazd")], id="glued-preposition-before-cued-name"),
    pytest.param("شهرستان البرز", [("البرز", "qazvin")], id="alborz-county-of-qazvin"),
    pytest.param("استان خراسان", [("خراسان", "razavi_khorasan")], id="khorasan-alone-meaning-razavi"),
    pytest.param("از راز موفقیت", [], id="secret-after-az"),
]


@pytest.mark.xfail(strict=True, reason="known gap of the gazetteer's policies")
@pytest.mark.parametrize(("text", "expected"), GAPS)
def test_known_gaps(text, expected):
    assert found(text) == expected


# ---------------------------------------------------------------- national markers

NATIONAL = [
    ("whole-country", "این طرح در سراسر کشور اجرا شد", ["سراسر کشور"]),
    ("national-organisation", "رئیس سازمان بهزیستی کشور گفت", ["سازمان بهزیستی کشور"]),
    ("minister", "وزیر تعاون، کار و رفاه اجتماعی", ["وزیر"]),
    ("ministry", "معاون رفاه و امور اقتصادی وزارت رفاه اعلام کرد", ["وزارت رفاه"]),
    ("points-of-the-country", "در ۱۰۰ نقطه کشور", ["کشور"]),
    ("abroad", "کمک حامیان خارج از کشور", []),
    ("rank-in-country", "رتبه نخست کشور را به خود اختصاص داد", []),
    ("foreign-country", "اتباع این کشور همسایه", []),
    ("other-provinces", "ساکن استان های دیگر کشور", []),
    ("countries", "کشورهای همسایه", []),
    ("share-of-national-total", "۲.۲ درصد جمعیت توانخواهان کل کشور را تشکیل می‌دهند", []),
    ("national-housing-plan", "در قالب طرح نهضت ملی مسکن", []),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in NATIONAL])
def test_national_cues(text, expected):
    t = normalize(text).text
    assert [t[a:b] for a, b in find_national_cues(t)] == expected


@pytest.mark.xfail(strict=True, reason="a rank phrase with a word between rank and «کشور»")
def test_national_rank_with_a_word_between():
    assert find_national_cues("در رتبه اول سالمندی کشور") == []


# ---------------------------------------------------------------- province_of

PROVINCE_OF = [
    ("آذربایجان غربی", "west_azerbaijan"), ("آذربایجانغربی", "west_azerbaijan"), ("تبریز", "east_azerbaijan"),
    ("زاهدان", "sistan_and_baluchestan"), ("سنندج", "kurdistan"), ("یاسوج", "kohgiluyeh_and_boyer_ahmad"),
    ("شهرکرد", "chaharmahal_and_bakhtiari"), ("بجنورد", "north_khorasan"), ("بیرجند", "south_khorasan"),
    ("اراک", "markazi"), ("کرج", "alborz"), ("ارومیه", "west_azerbaijan"), ("طبس", "yazd"),
    ("برازجان", "bushehr"), ("گله دار", "fars"), ("بانه", "kurdistan"), ("مرکزی", "markazi"),
    ("لرستانی", "lorestan"), ("نورآباد", None), ("خراسان", None), ("پاریس", None), ("خلیج فارس", None),
]


@pytest.mark.parametrize(("name", "slug"), [pytest.param(n, s, id=n) for n, s in PROVINCE_OF])
def test_province_of(name, slug):
    assert province_of(name) == slug


# ---------------------------------------------------------------- the data, name by name

def _provinces():
    return {p.slug.value: p for p in GAZETTEER.province}


def test_every_records_slug_exactly_once():
    slugs = [p.slug.value for p in GAZETTEER.province]
    assert len(slugs) == len(set(slugs)) == 31
    assert set(slugs) == {p.value for p in Province} - {"national"}
    records = SHARED / "spec" / "RECORDS.md"
    if records.exists():
        section = records.read_text(encoding="utf-8").split("### Provinces", 1)[1].split("##", 1)[0]
        assert set(slugs) == set(re.findall(r"\b[a-z_]+\b", section)) - {"and", "national"}


def test_counts():
    counties = sum(len(p.counties) for p in GAZETTEER.province)
    cities = sum(len(p.cities) for p in GAZETTEER.province)
    assert counties >= 420 and cities >= 300


def test_capital_is_a_listed_name():
    for slug, p in _provinces().items():
        names = {e.name for e in places._entries(p, ("names", "counties"))}
        assert p.capital in names, slug
        assert province_of(p.capital) == slug


def test_no_name_in_two_provinces_unless_marked_shared():
    seen: dict[str, dict[str, bool]] = {}
    for p in GAZETTEER.province:
        for e in places._entries(p):
            for key in places._keys(e.name):
                seen.setdefault(key, {})[p.slug.value] = seen.get(key, {}).get(p.slug.value, False) or e.shared
    for key, by_province in seen.items():
        if len(by_province) > 1:
            assert all(by_province.values()), f"{key} is in {sorted(by_province)} but not marked shared everywhere"
        else:
            assert not any(by_province.values()), f"{key} is marked shared but only one province has it"


def test_no_name_written_twice_in_a_province():
    for slug, p in _provinces().items():
        keys = [k for e in places._entries(p) for k in places._keys(e.name)]
        assert len(keys) == len(set(keys)), (slug, sorted({k for k in keys if keys.count(k) > 1}))


def test_every_name_compiles_and_matches_itself_spaced_or_glued():
    for p in GAZETTEER.province:
        for e in places._entries(p):
            pattern = re.compile(places._pattern(e.name))
            assert pattern.fullmatch(e.name), e.name
            assert pattern.fullmatch(e.name.replace(" ", "")), e.name


@pytest.mark.parametrize("slug", sorted(p.value for p in Province if p is not Province.national))
def test_every_name_is_found_where_its_policy_allows(slug):
    """Free names alone; cued names after a cue word of each of their cue groups, and never alone."""
    p = _provinces()[slug]
    for field in ("names", "counties", "cities"):
        for e in places._entries(p, (field,)):
            if e.shared:
                assert found(e.name) == [], e.name
                continue
            if e.cue is None:
                assert found(e.name) == [(e.name, slug)], e.name
                continue
            assert found(e.name) == [], f"{e.name} needs a cue but is found alone"
            for group in GAZETTEER.policies[e.cue]:
                cue = GAZETTEER.cue_words[group][0]
                assert found(f"{cue} {e.name}")[-1:] == [(e.name, slug)], (cue, e.name)
    for e in places._entries(p, ("demonyms",)):
        if e.shared:
            assert found(f"مردم {e.name}") == [], e.name
            continue
        people = GAZETTEER.cue_words[GAZETTEER.policies[GAZETTEER.demonym_policy][0]][0]
        assert found(f"{people} {e.name}") == [(e.name, slug)], e.name
        assert found(e.name) == [], f"demonym {e.name} is found without a cue"
        plural = e.name + GAZETTEER.demonym_plurals[0]
        assert found(plural) == [(plural, slug)], plural


def test_glued_prefix_never_hides_a_name():
    keys = set(places._CANDIDATES)
    for key in keys:
        for glue in GAZETTEER.glued_prefixes:
            g = places._fold(glue)
            assert not (key.startswith(g) and key[len(g):] in keys), f"{key} = {glue} + a name"


def test_cue_policies_and_groups_are_checked():
    raw = copy.deepcopy(read_toml("places"))
    raw["policies"]["local"] = ["province", "no_such_group"]
    with pytest.raises(ValidationError, match="no_such_group"):
        Gazetteer.model_validate(raw)
    raw = copy.deepcopy(read_toml("places"))
    raw["province"][0]["counties"].append({"name": "نام", "cue": "no_such_policy"})
    with pytest.raises(ValidationError, match="no_such_policy"):
        Gazetteer.model_validate(raw)
    raw = copy.deepcopy(read_toml("places"))
    raw["province"][0]["countys"] = []
    with pytest.raises(ValidationError, match="countys"):
        Gazetteer.model_validate(raw)
    raw = copy.deepcopy(read_toml("places"))
    raw["province"][0]["slug"] = "tehran_province"
    with pytest.raises(ValidationError):
        Gazetteer.model_validate(raw)


def test_data_file_says_where_it_came_from():
    text = (ROOT / "rules" / "places.toml").read_text(encoding="utf-8")
    assert text.startswith("# Gazetteer") and "Source:" in text


def test_matches_are_ordered_and_disjoint_on_real_text():
    text = " ".join(
        "به گزارش خبرگزاری آوای البرز استان سمنان، مدیرکل بهزیستی خراسان رضوی در مشهد، بجنورد و شهرستان راز گفت"
        for _ in range(20)
    )
    spans = [(p.start, p.end) for p in find_places(text)]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))
    assert all(text[p.start:p.end] == p.text for p in find_places(text))


def _variants(name: str) -> list[str]:
    """A name as texts write it: spaced, glued, with a glued preposition, respelled, cut short."""
    out = [name, name.replace(" ", ""), name.replace("آ", "ا"), name.replace("ئ", "ی")]
    out += [g + name for g in GAZETTEER.glued_prefixes]
    words = name.split()
    if len(words) > 1:
        out += [" ".join(words[:-1]), " ".join(words[1:]), "\n".join(words)]
    return out


def test_fast_finder_yields_exactly_what_the_pattern_does():
    """The word-lookup prefilter (places._name_matches) must not change a single match."""
    texts = [
        "در شهرستان‌های سرپل ذهاب، گیلانغرب و اسلام آباد غرب ۵۲۰ طرح اجرا شد",
        "مدیرکل بهزیستی سیستانوبلوچستان و سیستان  و  بلوچستان گفت",
    ]
    for n, name in enumerate(places._surfaces()):
        for v in _variants(name):
            texts.append(f"مردم {v}، و {v}ها در استان {v}{n} و شهرستان {v} گفت")
    for text in texts:
        text = normalize(text).text
        expected = [(m.span(), m.group("glue")) for m in places._PLACE_RE.finditer(text)]
        assert [(m.span(), m.group("glue")) for m in places._name_matches(text)] == expected, text

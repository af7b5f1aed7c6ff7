"""The conflict region is covered in Cyrillic text too (the companion of
``test_conflict_region.py``, which checks the Latin spellings).

The same places (every Ukrainian populated place of 5,000 people or more, every oblast,
every town of 10,000 or more in the Russian regions bordering Ukraine; Crimea's towns are
Ukrainian records), each under its Ukrainian name in Ukrainian sentences and its Russian
name in Russian sentences, in five cases: nominative, genitive ("обстріл X"), locative
("у X"), dative ("по X") and instrumental ("над X"). Oblasts also as "X-ська область" /
"X-ская область" and as the colloquial "X-щина" / "X-щина" in the same cases.

Names: the gazetteer's Cyrillic names of the record (a Ukrainian one is a name whose
Ukrainian romanisation is the record's; a Russian one is a name without Ukrainian letters
closest to the regular Russian spelling of the Ukrainian name); where the record has no
such name, the regular spelling itself (:func:`geoinc.names.russian_spelling`,
:func:`geoinc.names.ukrainian_spelling`). Case forms: pymorphy3's, when it knows the word
as a nominative place name (``Geox``) or adjective, else the regular endings of
:data:`ENDINGS`; the share of each is printed. A name that another record of the region
(or a bigger one anywhere) also bears is left out, as in the Latin test (no sentence
settles it); so is a name two words long or more that is not in the gazetteer index
(it is tested only when its record lists it).

To stay under a minute on one core, each place and case takes one of the two templates of
its case, alternating by the place's rank (deterministic): 10 templates a language.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from functools import lru_cache

import numpy as np
import pytest

pytest.importorskip("pymorphy3")

from geoinc.gazetteer import Gazetteer  # noqa: E402
from geoinc.geoparsing import geoparse  # noqa: E402
from geoinc.geoparsing.slavic import morph  # noqa: E402
from geoinc.names import (  # noqa: E402
    normalize,
    romanize_uk,
    russian_spelling,
    skeleton,
    ukrainian_spelling,
)

TARGET = 0.99  # as the Latin test (issue 11): not reached yet
FLOOR = 0.90  # measured 0.907 (main before this test, 370bdbd: 0.671 of the same sentences)
BORDER_REGIONS = ("RU.10", "RU.41", "RU.09", "RU.86", "RU.61", "RU.38")
CASES = ("nomn", "gent", "loct", "datv", "ablt")
LANGS = ("uk", "ru")

# {x}: the name in the template's case
TEMPLATES = {
    "uk": {
        "nomn": ("{x} знову під обстрілом, повідомила ОВА.", "Уночі {x} атакували дрони."),
        "gent": ("Унаслідок обстрілу {x} поранено двох людей.", "Ворог атакував околиці {x}."),
        "loct": ("У {x} пролунали вибухи.", "Вранці в {x} загинула жінка."),
        "datv": ("Російські війська вдарили по {x} ракетами.", "Удар по {x} пошкодив школу."),
        "ablt": ("Над {x} збили два безпілотники.", "Вибухи прогриміли над {x} зранку."),
    },
    "ru": {
        "nomn": ("{x} снова под обстрелом, сообщили власти.", "Ночью {x} атаковали дроны."),
        "gent": ("В результате обстрела {x} ранены двое.", "Противник атаковал окрестности {x}."),
        "loct": ("В {x} прогремели взрывы.", "Утром в {x} погибла женщина."),
        "datv": ("Войска нанесли удар по {x} ракетами.", "Удар по {x} повредил школу."),
        "ablt": ("Над {x} сбиты два беспилотника.", "Взрывы прогремели над {x} утром."),
    },
}
# Regular endings of a nominative (regex) -> its genitive, locative, dative, instrumental,
# for words pymorphy3 does not know as place names. First match wins.
ENDINGS = {
    "uk": (
        (r"(?<=[скц])ька$", ("ької", "ькій", "ькій", "ькою")),
        (r"[иі]й$", ("ого", "ому", "ому", "им")),
        (r"(?<=[скц])ьк$", ("ька", "ьку", "ьку", "ьком")),
        (r"ець$", ("ця", "ці", "цю", "цем")),
        (r"ів$", ("ова", "ові", "ову", "овом")),
        (r"іль$", ("оля", "олі", "олю", "олем")),
        (r"ь$", ("я", "і", "ю", "ем")),
        (r"(?<=[нв])е$", ("ого", "ому", "ому", "им")),
        (r"(?<=[бвгдзклмнпрстфхчшщж])и$", ("", "ах", "ам", "ами")),
        (r"ки$", ("ок", "ках", "кам", "ками")),
        (r"ка$", ("ки", "ці", "ці", "кою")),
        (r"а$", ("и", "і", "і", "ою")),
        (r"я$", ("і", "і", "і", "ею")),
        (r"е$", ("я", "і", "ю", "ем")),
        (r"(?<=[бвгдзклмнпрстфхцчшщж])$", ("а", "і", "у", "ом")),
    ),
    "ru": (
        (r"ая$", ("ой", "ой", "ой", "ой")),
        (r"(?<=[кгхжшчщ])[иы]й$", ("ого", "ом", "ому", "им")),
        (r"[ыио]й$", ("ого", "ом", "ому", "ым")),
        (r"ец$", ("ца", "це", "цу", "цем")),
        (r"ь$", ("я", "е", "ю", "ем")),
        (r"(?<=[ыи])но$", ("на", "не", "ну", "ным")),
        (r"(?<=[ое])во$", ("ва", "ве", "ву", "вым")),
        (r"(?<=[кгхжшчщ])ое$", ("ого", "ом", "ому", "им")),
        (r"ое$", ("ого", "ом", "ому", "ым")),
        (r"(?<=[бвдзлмнпрстф])ы$", ("", "ах", "ам", "ами")),
        (r"(?<=[чшщж])и$", ("", "ах", "ам", "ами")),
        (r"ки$", ("ок", "ках", "кам", "ками")),
        (r"ка$", ("ки", "ке", "ке", "кой")),
        (r"а$", ("ы", "е", "е", "ой")),
        (r"е$", ("я", "е", "ю", "ем")),
        (r"(?<=[бвгдзклмнпрстфхцчшщж])$", ("а", "е", "у", "ом")),
    ),
}
_UK_LETTERS = re.compile(r"[іїєґ'’ʼ]", re.I)
_RU_LETTERS = re.compile(r"[ыэъё]", re.I)
_OTHER_LETTERS = re.compile(r"[^а-яёіїєґ'’ʼ\s\-]", re.I)  # Belarusian ў, Tatar ң ...
_DISTRICT = re.compile(r"\b(raion|rayon|district|masyv|mikroraion|kvartal)\b", re.I)


@lru_cache(maxsize=None)
def _word_case(word: str, case: str, lang: str, gender: str = "") -> tuple[str, str]:
    """(the word in ``case``, "pymorphy3" or "endings")."""
    if case == "nomn":
        return word, "pymorphy3"
    for p in morph(lang).parse(word):
        tag = p.tag
        if not p.is_known or tag.case != "nomn":
            continue
        if not ("Geox" in tag.grammemes or ("ADJF" in tag and gender)):
            continue
        if "ADJF" in tag and gender and tag.gender not in (gender, None):
            continue
        got = p.inflect({case})
        if got is not None:
            return _cap(got.word, word), "pymorphy3"
    low = word.lower()
    for pattern, forms in ENDINGS[lang]:
        if m := re.search(pattern, low):
            stem = low[: m.start()]
            return _cap(stem + forms[CASES.index(case) - 1], word), "endings"
    return word, "endings"


def _cap(form: str, like: str) -> str:
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


def inflect(name: str, case: str, lang: str) -> tuple[str, str]:
    """A name of one or more words in ``case``: adjectives agree with the last word;
    a hyphenated name declines its last part."""
    if "-" in name and " " not in name:
        head, _, last = name.rpartition("-")
        form, how = inflect(last, case, lang)
        return f"{head}-{form}", how
    words = name.split(" ")
    if len(words) == 1:
        return _word_case(name, case, lang)
    head = morph(lang).parse(words[-1])[0].tag.gender or ""
    out = [_word_case(w, case, lang, head) for w in words]
    how = "pymorphy3" if all(h == "pymorphy3" for _, h in out) else "endings"
    return " ".join(w for w, _ in out), how


def _cyrillic(name: str) -> bool:
    return bool(re.search("[а-яіїєґ]", name, re.I)) and not _OTHER_LETTERS.search(name)


def _closest(names: list[str], model: str) -> str | None:
    scored = [
        (difflib.SequenceMatcher(None, normalize(n), normalize(model)).ratio(), n) for n in names
    ]
    scored = [s for s in scored if s[0] >= 0.6]
    return max(scored)[1] if scored else None


def names_of(place) -> dict[str, str]:
    """{"uk": Ukrainian name, "ru": Russian name} of a record (see the docstring)."""
    cyr = [n for n in (place.name, *place.names) if _cyrillic(n)]
    ukr = [n for n in cyr if _UK_LETTERS.search(n) or not _RU_LETTERS.search(n)]
    rus = [n for n in cyr if not _UK_LETTERS.search(n)]
    own = skeleton(normalize(place.name))
    if place.country == "UA":
        # the KATOTTG name (listed last), else one with Ukrainian letters, else any
        ranked = (
            [*reversed(ukr)]
            if place.katottg
            else sorted(ukr, key=lambda n: not _UK_LETTERS.search(n))
        )
        uk = next((n for n in ranked if skeleton(normalize(romanize_uk(n))) == own), None)
        if uk is None:
            return {}
        derived = russian_spelling(uk)
        ru = _closest([n for n in rus if n != uk], derived) or derived
    else:
        ru = next((n for n in rus if skeleton(normalize(n)) and _ru_own(n, place)), None)
        if ru is None:
            return {}
        derived = ukrainian_spelling(ru)
        uk = _closest([n for n in ukr if _UK_LETTERS.search(n)], derived) or derived
    return {"uk": uk, "ru": ru}


def _ru_own(name: str, place) -> bool:
    from geoinc.names import romanize_ru

    return skeleton(normalize(romanize_ru(name))) == skeleton(normalize(place.name))


def _places(gz) -> list:
    gz._ensure()
    kinds, pop = gz._kind, gz._pop
    code = gz._kind_code["place"]
    ua = gz._t_countries.index("UA")
    rows = np.flatnonzero((gz._country == ua) & (kinds == code) & (pop >= 5000)).tolist()
    border = [gz._t_admin1.index(c) for c in BORDER_REGIONS]
    rows += np.flatnonzero(np.isin(gz._admin1, border) & (kinds == code) & (pop >= 10_000)).tolist()
    places = (gz.place_at(r) for r in rows)
    return [p for p in places if not any(_DISTRICT.search(n) for n in (p.name, *p.names))]


def _ambiguous(gz, place, name: str) -> bool:
    """Another record bears the name: a region, a namesake as big, or one of the same
    region (no sentence settles which)."""
    key = normalize(name)
    for r in gz.rows_for_key(key).tolist():
        other = gz.place_at(r)
        if r == place.row or other.kind == "settlement":
            continue
        if other.kind in ("country", "admin1") or other.population >= place.population:
            return True
        if other.admin1 == place.admin1:
            return True
        if gz.own_name([r], key)[0] > gz.own_name([place.row], key)[0]:
            return True  # its own name, only listed here (the resolver's tie-break)
    return False


def _region_names(region) -> dict[str, str]:
    """{"uk": "Харківська", "ru": "Харьковская"}: the adjectives of "... область"."""
    out = {}
    for n in region.names:
        m = re.fullmatch(r"(\S+ська|\S+цька|\S+зька) область", n, re.I)
        if m and "uk" not in out:
            out["uk"] = m.group(1)
        m = re.fullmatch(r"(\S+ская|\S+цкая|\S+зкая) область", n, re.I)
        if m and not _UK_LETTERS.search(n) and "ru" not in out:
            out["ru"] = m.group(1)
    return out


# the colloquial name of an oblast from its adjective: Харківська -> Харківщина
COLLOQUIAL = {
    "uk": ((r"цька$", "ччина"), (r"зька$", "жчина"), (r"ська$", "щина")),
    "ru": ((r"цкая$", "тчина"), (r"(?<=[дт])ская$", "чина"), (r"ская$", "щина")),
}
REGION_FORMS = {
    "uk": {
        "nomn": "область",
        "gent": "області",
        "loct": "області",
        "datv": "області",
        "ablt": "областю",
    },
    "ru": {
        "nomn": "область",
        "gent": "области",
        "loct": "области",
        "datv": "области",
        "ablt": "областью",
    },
}


def _colloquial(adj: str, lang: str) -> str:
    for pattern, repl in COLLOQUIAL[lang]:
        if re.search(pattern, adj):
            return re.sub(pattern, repl, adj)
    return ""


def _cases(gz):
    """(kind, lang, case, target id, sentence, form, inflected by)."""
    for rank, place in enumerate(_places(gz)):
        names = names_of(place)
        for lang, name in names.items():
            if _ambiguous(gz, place, name) or (" " in name and normalize(name) not in gz._keys):
                continue
            for case in CASES:
                form, how = inflect(name, case, lang)
                t = TEMPLATES[lang][case][rank % 2]
                yield "place", lang, case, place.geonameid, t.format(x=form), form, how
    codes = sorted(c for c in gz._t_admin1 if c.startswith("UA.")) + list(BORDER_REGIONS)
    for rank, code in enumerate(codes):
        try:
            region = gz.admin1_place(code)
        except Exception:
            continue
        for lang, adj in _region_names(region).items():
            for case in CASES:
                a, how = _word_case(adj, case, lang, "femn")
                form = f"{a} {REGION_FORMS[lang][case]}"
                t = TEMPLATES[lang][case][rank % 2]
                yield "oblast", lang, case, region.geonameid, t.format(x=form), form, how
                col = _colloquial(adj, lang)
                if col:
                    c, how = _word_case(col, case, lang)
                    yield "colloquial", lang, case, region.geonameid, t.format(x=c), c, how


@pytest.fixture(scope="module")
def measured():
    gz = Gazetteer.default()
    counts: Counter = Counter()
    hows: Counter = Counter()
    misses = []
    for kind, lang, case, gid, sentence, form, how in _cases(gz):
        counts[(kind, lang, case)] += 1
        hows[how] += 1
        start = sentence.index(form)
        found = [m for m in geoparse(sentence, lang=lang) if m.start <= start < m.end]
        got = found[0].place if found else None
        if got is None or got.geonameid != gid:
            misses.append((kind, lang, case, gid, sentence, got and got.name, bool(found)))
    import json
    import os

    if os.environ.get("CYRILLIC_MISSES"):  # for inspection: every miss as JSON lines
        with open(os.environ["CYRILLIC_MISSES"], "w", encoding="utf-8") as f:
            for miss in misses:
                f.write(json.dumps(miss, ensure_ascii=False) + "\n")
    return counts, hows, misses


def _table(counts, misses) -> str:
    miss = Counter((k, lang, c) for k, lang, c, *_ in misses)
    lines = []
    for kind in ("place", "oblast", "colloquial"):
        for lang in LANGS:
            row = [
                f"{c} {1 - miss[(kind, lang, c)] / counts[(kind, lang, c)]:.3f}"
                for c in CASES
                if counts[(kind, lang, c)]
            ]
            n = sum(counts[(kind, lang, c)] for c in CASES)
            lines.append(f"  {kind:10} {lang} n={n:5}  " + "  ".join(row))
    return "\n".join(lines)


def test_targets_are_many(measured):
    counts, hows, _ = measured
    places = sum(v for (k, *_), v in counts.items() if k == "place")
    assert places > 4000
    assert sum(v for (k, *_), v in counts.items() if k == "oblast") >= 2 * 5 * 25


def test_conflict_region_cyrillic(measured):
    counts, hows, misses = measured
    total = sum(counts.values())
    rate = 1 - len(misses) / total
    print(f"\nCyrillic conflict region: {rate:.4f} of {total}; inflected by {dict(hows)}")
    print(_table(counts, misses))
    found = sum(1 for *_, f in misses if not f)
    print(f"  misses: {len(misses)} ({found} not found, {len(misses) - found} wrong record)")
    for miss in misses[:80]:
        print("  MISS", miss)
    assert rate >= FLOOR


@pytest.mark.parametrize(
    ("uk", "ru"),
    [
        ("Покровськ", "Покровск"),
        ("Шебекине", "Шебекино"),
        ("Ямпіль", "Ямполь"),
        ("Олександрівка", "Александровка"),
        ("Марганець", "Марганец"),
    ],
)
def test_regular_spellings(uk, ru):
    assert russian_spelling(uk) == ru


@pytest.mark.parametrize(
    ("sentence", "lang", "surface", "name"),
    [
        # a regular case ending the dictionary does not know (manganese, not Marhanets)
        ("Вночі в Марганце повреждены дома.", "ru", "Марганце", "Marhanets"),
        ("Дрон упав у Здолбунові.", "uk", "Здолбунові", "Zdolbuniv"),
        # a town's reading before a village's or a namesake's abroad
        ("Виноградів залишився без світла.", "uk", "Виноградів", "Vynohradiv"),
        ("Дрони атакували Хосту вночі.", "uk", "Хосту", "Khosta"),
        # a town capitalised inside a sentence, read as a surname or an adjective
        ("Беспилотник упал под Новозибковом днём.", "ru", "Новозибковом", "Novozybkov"),
        ("Снаряд попал по Золотому днём.", "ru", "Золотому", "Zolote"),
        # a Russian town in its regular Ukrainian spelling (an index key of the rebuild)
        ("Вибухи пролунали у Шебекиному.", "uk", "Шебекиному", "Shebekino"),
        # a colloquial oblast name by its adjective
        ("На Закарпатщині оголосили тривогу.", "uk", "Закарпатщині", "Zakarpattia"),
    ],
)
def test_classes(sentence, lang, surface, name):
    found = [m for m in geoparse(sentence, lang=lang) if m.text == surface]
    assert found and found[0].place.name == name


@pytest.mark.parametrize(
    ("sentence", "lang", "surface"),
    [
        ("Раненых доставили в Ивановскую областную больницу.", "ru", "Ивановскую"),
        ("Делегация Новой Зеландии прибыла днём.", "ru", "Новой"),
    ],
)
def test_adjectives_of_the_next_words_stay_words(sentence, lang, surface):
    assert not [m for m in geoparse(sentence, lang=lang) if m.text == surface]

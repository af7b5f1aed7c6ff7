"""Weapon and casualty vocabulary of the three languages, on sentences of our own.

Classes from docs/audit.md: the Russian/Ukrainian drone term in every case and number,
uncrewed boats (drones, as the scorer counts them), named missiles, strikes by aviation.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pymorphy3")

from geoinc.extraction.events import find_weapons  # noqa: E402
from geoinc.extraction.slavic import analyse_text, find_figures  # noqa: E402
from geoinc.taxonomy import weapon_kind  # noqa: E402


def weapons(sentence: str, lang: str) -> list[str]:
    if lang == "en":
        return [w.value for w in find_weapons(sentence)]
    return [w.value for e in analyse_text(sentence, None, lang) for w in e.weapons]


@pytest.mark.parametrize(
    ("sentence", "lang", "kind"),
    [
        ("Над морем уничтожены 6 беспилотных летательных аппаратов.", "ru", "drone"),
        ("Беспилотный летательный аппарат упал на крышу гаража.", "ru", "drone"),
        ("Обломки беспилотного летательного аппарата повредили забор.", "ru", "drone"),
        ("Расчет сбил беспилотным летательным аппаратом пикап.", "ru", "drone"),
        ("Противник атаковал город ударными БпЛА.", "ru", "drone"),
        ("В бухте уничтожены два безэкипажных судна.", "ru", "drone"),
        ("Атаку безпилотных катеров отразили у моста.", "ru", "drone"),
        ("Беспилотные аппараты атаковали нефтебазу.", "ru", "drone"),
        ("Над районом знищено 9 безпілотних літальних апаратів.", "uk", "drone"),
        ("Уламки безпілотного літального апарату впали на дах.", "uk", "drone"),
        ("Ударний дрон поцілив у гараж.", "uk", "drone"),
        ("Безекіпажне судно атакувало порт.", "uk", "drone"),
        ("Безпілотні катери вразили десантний корабель.", "uk", "drone"),
        ("An uncrewed surface vessel rammed the pier.", "en", "drone"),
        ("Unmanned boats struck the tanker.", "en", "drone"),
        ("Противник ударил ракетами «Оникс» по причалу.", "ru", "missile"),
        ("По складу выпущены ракеты П-800.", "ru", "missile"),
        ("Ракета Х-59 попала в элеватор.", "ru", "missile"),
        ("Ракетой «Искандер-К» ударили по заводу.", "ru", "missile"),
        ("Крылатыми ракетами ударили по депо.", "ru", "missile"),
        ("Ракети «Онікс» влучили в зерновий термінал.", "uk", "missile"),
        ("Ракетою «Нептун» уразили катер.", "uk", "missile"),
        ("Ворог вдарив балістичними ракетами по депо.", "uk", "missile"),
        ("Ракета Х-22 влучила в ангар.", "uk", "missile"),
        ("A P-800 Oniks missile hit the grain terminal.", "en", "missile"),
        ("A Neptune missile hit the patrol ship.", "en", "missile"),
        ("An Iskander-K missile hit the depot.", "en", "missile"),
        ("Удар российской авиации пришелся по складу.", "ru", "air"),
        ("ВВС Израиля нанесли удар по складу.", "ru", "air"),
        ("Бомбардировка квартала длилась час.", "ru", "air"),
        ("Удар ворожої авіації зруйнував склад.", "uk", "air"),
        ("ВПС Ізраїлю завдали удару по складу.", "uk", "air"),
        ("Авиаудар разрушил мост.", "ru", "air"),
        ("An air-strike flattened the depot.", "en", "air"),
        ("Israeli jets struck the depot at dawn.", "en", "air"),
        ("Aircraft bombed the depot at dawn.", "en", "air"),
    ],
)
def test_weapon_words_find_their_kind(sentence, lang, kind):
    assert weapon_kind(weapons(sentence, lang)) == kind


@pytest.mark.parametrize(
    ("sentence", "lang", "name"),
    [
        ("Ракета «Оникс» попала в причал.", "ru", "Oniks missiles"),
        ("Ракетою «Нептун» уразили катер.", "uk", "Neptune missiles"),
        ("Гиперзвуковая ракета «Циркон» попала в завод.", "ru", "Zircon missiles"),
        ("A P-800 Oniks missile hit the pier.", "en", "Oniks missiles"),
        ("A Zircon missile hit the plant.", "en", "Zircon missiles"),
    ],
)
def test_named_missiles_keep_their_name(sentence, lang, name):
    assert name in weapons(sentence, lang)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        # a missile name that is also a shop, a pool, a stone: no weapon without "ракета"
        ("В торговом центре «Оникс» открылся магазин.", "ru"),
        ("У басейні «Нептун» тренуються плавці.", "uk"),
        # aviation as the target, not the weapon
        ("Ракета попала в ангар военной авиации.", "ru"),
    ],
)
def test_look_alike_names_are_no_weapons(sentence, lang):
    assert weapon_kind(weapons(sentence, lang)) != "air"
    assert not {"Oniks missiles", "Neptune missiles"} & set(weapons(sentence, lang))


@pytest.mark.parametrize(
    ("sentence", "lang", "count"),
    [
        ("Силы ПВО уничтожили 14 беспилотных летательных аппаратов.", "ru", 14),
        ("Над областю ППО знищила 21 безпілотний літальний апарат.", "uk", 21),
    ],
)
def test_drone_counts_with_the_full_term(sentence, lang, count):
    figs = [(f.field, f.quantity.value) for f in find_figures(sentence, lang)]
    assert ("drones_shot_down", count) in figs


# --------------------------------------------------------------------------- figures


def en_figures(sentence: str) -> list[tuple[str, int | None]]:
    from geoinc.extraction.events import find_figures as en_find

    return sorted((f.field, f.quantity.value) for f in en_find(sentence))


def slavic_figures(sentence: str, lang: str) -> list[tuple[str, int | None]]:
    return sorted((f.field, f.quantity.value) for f in find_figures(sentence, lang))


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("На щастя, жертв і постраждалих немає.", "uk", [("injured", 0), ("killed", 0)]),
        ("Обійшлося без жертв та поранених.", "uk", [("injured", 0), ("killed", 0)]),
        ("Інформації про постраждалих не надходило.", "uk", [("injured", 0), ("killed", 0)]),
        ("Постраждалих серед мешканців немає.", "uk", [("injured", 0), ("killed", 0)]),
        ("Загиблих серед цивільних немає.", "uk", [("killed", 0)]),
        (
            "Вибух пролунав, але ніхто не загинув і не постраждав.",
            "uk",
            [("injured", 0), ("killed", 0)],
        ),
        ("Цивільні не постраждали.", "uk", [("injured", 0), ("killed", 0)]),
        ("Обійшлося без людських втрат.", "uk", [("killed", 0)]),
        ("Обошлось без жертв и пострадавших.", "ru", [("injured", 0), ("killed", 0)]),
        ("Без пострадавших обошлось и в этот раз.", "ru", [("injured", 0), ("killed", 0)]),
        ("Информации о пострадавших не поступало.", "ru", [("injured", 0), ("killed", 0)]),
        ("Жертв среди горожан нет.", "ru", [("killed", 0)]),
        ("Никто не погиб и не пострадал.", "ru", [("injured", 0), ("killed", 0)]),
        ("Обошлось без человеческих жертв.", "ru", [("killed", 0)]),
        # "not reported (yet)" is no zero
        ("О пострадавших не сообщается.", "ru", []),
        ("Информация о пострадавших уточняется.", "ru", []),
        ("Про постраждалих не повідомляється.", "uk", []),
    ],
)
def test_slavic_explicit_zeros(sentence, lang, expected):
    assert slavic_figures(sentence, lang) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The drone hit a barn without causing casualties.", [("injured", 0), ("killed", 0)]),
        ("No casualties were reported.", [("injured", 0), ("killed", 0)]),
        ("There were no immediate casualties.", [("injured", 0), ("killed", 0)]),
        ("Casualties were not immediately reported.", []),
        ("There was no word on casualties yet.", []),
        ("The shell landed in a field without causing injuries.", [("injured", 0)]),
        ("The strike killed a family of four.", [("killed", 4)]),
        ("A blast in the yard killed an entire family of six.", [("killed", 6)]),
        ("A family of three was killed in the blast.", [("killed", 3)]),
        ("The rocket killed two men and wounded another.", [("injured", 1), ("killed", 2)]),
        ("One man died and another was hurt.", [("injured", 1), ("killed", 1)]),
        (
            "Shelling killed a farmer and injured another in Nikopol.",
            [("injured", 1), ("killed", 1)],
        ),
        ("Another strike hit the depot.", []),
        ("They fired another missile later.", []),
    ],
)
def test_english_figures(sentence, expected):
    assert en_figures(sentence) == expected


# --------------------------------------------------------------------------- recalled strikes


@pytest.mark.parametrize(
    ("sentence", "lang", "start", "end"),
    [
        ("У 2022-му тут загинули п'ятеро.", "uk", "2022-01-01", "2022-12-31"),
        ("У жовтні 2023 року снаряд влучив у школу.", "uk", "2023-10-01", "2023-10-31"),
        ("У лютому ракета влучила в міст.", "uk", "2025-02-01", "2025-02-28"),
        ("В 2022 году здесь погибли девять человек.", "ru", "2022-01-01", "2022-12-31"),
        ("В ноябре 2023 года ракета попала в депо.", "ru", "2023-11-01", "2023-11-30"),
    ],
)
def test_earlier_months_and_years(sentence, lang, start, end):
    from datetime import date

    from geoinc.extraction.slavic import find_dates

    (d,) = find_dates(sentence, date(2025, 6, 10), lang)
    assert (str(d.date_start), str(d.date_end)) == (start, end)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("У червні ракета влучила в міст.", "uk"),  # the month of publication dates nothing
        ("В 2025 году здесь погибли люди.", "ru"),
    ],
)
def test_this_month_or_year_is_no_earlier_date(sentence, lang):
    from datetime import date

    from geoinc.extraction.slavic import find_dates

    assert find_dates(sentence, date(2025, 6, 10), lang) == []


def test_a_recalled_strike_keeps_its_toll():
    from datetime import date

    from geoinc.extraction.pipeline import Document, extract_reports

    text = (
        "Вночі дрон влучив у склад у Чугуєві. Загинула одна людина.\n\n"
        "Місто вже атакували: у 2023 році ракета вбила тут шістьох людей."
    )
    doc = Document(doc_id="t", text=text, lang="uk", published=date(2025, 6, 10))
    reports = extract_reports(doc).reports
    main = [r for r in reports if r.extra.get("role") == "main"]
    assert [c["value"] for c in main[0].claims if c["field"] == "killed"] == [1]

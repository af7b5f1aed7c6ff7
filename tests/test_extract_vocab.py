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

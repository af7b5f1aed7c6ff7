"""Name normalisation and romanisation."""

import pytest

from geoinc.names import (
    is_cyrillic,
    name_variants,
    normalize,
    romanize_ru,
    romanize_ru_news,
    romanize_uk,
)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Kharkiv", "KHARKIV"),
        ("Khmel'nyts'kyi", "Khmelnytskyi"),
        ("Khmelnytskyy", "Khmelnytskyi"),
        ("Kyiv-Sviatoshynskyi", "Kyiv Sviatoshynskyi"),
        ("Zaporizhzhia", "Zaporìzhzhia"),
        ("São Paulo", "Sao Paulo"),
        ("St. Petersburg", "Saint Petersburg"),
        ("Харків", "харків"),
        ("Ґрунь", "Грунь"),
    ],
)
def test_normalize_folds_spelling_differences(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize("a, b", [("Kharkiv", "Kherson"), ("Borova", "Borovo"), ("Lviv", "Kyiv")])
def test_normalize_keeps_different_names_apart(a, b):
    assert normalize(a) != normalize(b)


@pytest.mark.parametrize(
    "uk, latin",
    [
        ("Харків", "Kharkiv"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Роботине", "Robotyne"),
        ("Згурівка", "Zghurivka"),
        ("Їжакевич", "Yizhakevych"),
        ("Кадіївка", "Kadiivka"),
        ("Яготин", "Yahotyn"),
        ("Біла Церква", "Bila Tserkva"),
        ("Знам'янка", "Znamianka"),
    ],
)
def test_romanize_uk_national_system(uk, latin):
    assert romanize_uk(uk) == latin


@pytest.mark.parametrize(
    "ru, latin", [("Белгород", "Belgorod"), ("Харьков", "Kharkov"), ("Запорожье", "Zaporozhye")]
)
def test_romanize_ru(ru, latin):
    assert romanize_ru(ru) == latin


def test_is_cyrillic_and_variants():
    assert is_cyrillic("Київ") and not is_cyrillic("Kyiv") and not is_cyrillic("123")
    assert {"kharkiv", "харків"} <= name_variants("Харків")
    assert name_variants("") == set()


@pytest.mark.parametrize(
    ("cyrillic", "wire"),
    [
        ("Грайворон", "Graivoron"),
        ("Гуляйполе", "Gulyaipole"),
        ("Красный Лиман", "Krasny Liman"),
        ("Нижний Новгород", "Nizhny Novgorod"),
        ("Йошкар-Ола", "Yoshkar-Ola"),
    ],
)
def test_wire_copy_romanisation_is_indexed(cyrillic, wire):
    assert romanize_ru_news(cyrillic) == wire
    assert normalize(wire) in name_variants(cyrillic)

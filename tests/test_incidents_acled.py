"""ACLED CSV import/export."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geoinc.exceptions import ConfigurationError, InputError
from geoinc.incidents.acled import ACLED_COLUMNS, read_acled, to_acled, write_acled
from geoinc.incidents.schema import COLUMNS, build_frame

ACLED_ROWS = [
    {
        "event_id_cnty": "UKR1001",
        "event_date": "2023-12-30",
        "year": "2023",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Military Forces of Ukraine (2019-)",
        "assoc_actor_1": "",
        "inter1": "1",
        "actor2": "Civilians (Russia)",
        "assoc_actor_2": "",
        "inter2": "7",
        "interaction": "17",
        "civilian_targeting": "Civilian targeting",
        "iso": "643",
        "region": "Europe",
        "country": "Russia",
        "admin1": "Belgorod",
        "admin2": "Belgorod",
        "admin3": "",
        "location": "Belgorod",
        "latitude": "50.6107",
        "longitude": "36.5802",
        "geo_precision": "1",
        "source": "Kommersant; TASS",
        "source_scale": "National",
        "notes": "On 30 December 2023, shelling hit the city.",
        "fatalities": "25",
        "tags": "",
        "timestamp": "1704758400",
    },
    {
        "event_id_cnty": "UKR1002",
        "event_date": "31 December 2023",
        "time_precision": "2",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "",
        "actor2": "",
        "country": "Ukraine",
        "admin1": "Kharkiv",
        "location": "Kharkiv",
        "latitude": "49.9935",
        "longitude": "36.2304",
        "geo_precision": "2",
        "source": "Ukrinform",
        "fatalities": "0",
        "notes": "",
    },
]


@pytest.fixture
def acled_csv(tmp_path):
    path = tmp_path / "acled.csv"
    pd.DataFrame(ACLED_ROWS).to_csv(path, index=False)
    return path


def test_import_into_schema(acled_csv):
    f = read_acled(acled_csv)
    assert list(f.columns[: len(COLUMNS)]) == list(COLUMNS)
    b = f.iloc[0]
    assert b.incident_id == "acled:UKR1001" and b.date_start == pd.Timestamp("2023-12-30")
    assert (b.killed_low, b.killed_best, b.killed_high, b.country, b.geo_precision) == (
        25,
        25,
        25,
        "RU",
        1,
    )
    assert b.sources == ["Kommersant", "TASS"] and b.claims[0]["value"] == 25
    assert (round(b.geometry.x, 4), round(b.geometry.y, 4)) == (36.5802, 50.6107)
    # actors stay under ACLED's own, non-directional names; nothing becomes "attacker"
    assert b.actor1 == "Military Forces of Ukraine (2019-)" and b.actor2 == "Civilians (Russia)"
    assert not any("attacker" in c or "target_actor" in c for c in f.columns)
    k = f.iloc[1]
    assert (
        k.date_start == pd.Timestamp("2023-12-31") and k.date_precision == 3 and k.where_prec == 2
    )


def test_export_uses_acled_columns_and_never_invents_actors():
    f = build_frame(
        [
            {
                "incident_id": "inc-1",
                "date_start": date(2023, 12, 30),
                "date_end": date(2023, 12, 31),
                "date_precision": 2,
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Air/drone strike",
                "place_name": "Kharkiv",
                "admin1_name": "Kharkiv Oblast",
                "country": "UA",
                "geo_precision": 1,
                "killed_low": 3,
                "killed_high": 5,
                "n_sources": 2,
                "sources": ["a", "b"],
                "lon": 36.25,
                "lat": 49.98,
            },
            {
                "incident_id": "inc-2",
                "place_name": "Borova",
                "n_sources": 1,
                "sources": ["c"],
                "lon": 37.62,
                "lat": 49.38,
            },
        ]
    )
    a = to_acled(f)
    assert tuple(a.columns) == ACLED_COLUMNS
    r = a.iloc[0]
    assert (r.event_date, r.time_precision, r.fatalities, r.country, r.location) == (
        "2023-12-30",
        2,
        3,
        "Ukraine",
        "Kharkiv",
    )
    assert r.actor1 == r.actor2 == r.assoc_actor_1 == ""
    assert "Killed: 3-5" in r.notes and r.source == "a; b"
    u = a.iloc[1]
    assert (u.event_date, u.fatalities, u.tags) == ("", 0, "fatalities not reported")
    with pytest.warns(UserWarning, match="1 undated"):
        assert len(to_acled(f, on_undated="drop")) == 1
    with pytest.raises(ConfigurationError):
        to_acled(f, on_undated="guess")


def test_acled_round_trip_keeps_actors_and_unknown_fatalities(acled_csv, tmp_path):
    f = read_acled(acled_csv)
    out = write_acled(f, tmp_path / "again.csv")
    again = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert again.loc[0, "actor1"] == "Military Forces of Ukraine (2019-)"
    assert again.loc[0, "iso"] == "643" and again.loc[0, "fatalities"] == "25"
    f2 = read_acled(out)
    assert f2.loc[0, "killed_low"] == 25
    unknown = build_frame([{"incident_id": "u", "place_name": "X", "lon": 1.0, "lat": 2.0}])
    back = read_acled(write_acled(unknown, tmp_path / "u.csv"))
    assert pd.isna(back.loc[0, "killed_low"])  # our "0 = not reported" marker is honoured


@pytest.mark.parametrize("content", ["a,b\n1,2\n", ""])
def test_not_acled(tmp_path, content):
    p = tmp_path / "x.csv"
    p.write_text(content)
    with pytest.raises(InputError):
        read_acled(p)
    with pytest.raises(InputError, match="no such file"):
        read_acled(tmp_path / "missing.csv")


# --------------------------------------------------------------------------- real shapes

from tests.interop_fixtures import ACLED_HEADER, acled_rows  # noqa: E402


def _write(path, rows, encoding="utf-8"):
    pd.DataFrame(rows, columns=list(rows[0])).to_csv(path, index=False, encoding=encoding)
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    rows, days = acled_rows(1000)
    path = _write(tmp_path_factory.mktemp("acled") / "ukraine.csv", rows)
    return path, rows, days


def test_real_shape_sample_round_trips(sample, tmp_path):
    path, rows, days = sample
    f = read_acled(path)
    assert len(f) == 1000
    assert [d.date() for d in f["date_start"]] == days  # every date right, none swapped
    out = write_acled(f, tmp_path / "again.csv")
    again = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert set(ACLED_HEADER) <= set(again.columns)  # no column lost (id, actor_dyad too)
    original = pd.DataFrame(rows)
    assert list(again.columns) == ACLED_HEADER  # in ACLED's order
    for col in ACLED_HEADER:
        if col == "event_date":
            continue
        assert again[col].tolist() == original[col].tolist(), col  # coordinates too
    assert again["event_date"].tolist() == [d.isoformat() for d in days]  # ACLED's ISO form
    f2 = read_acled(out)
    assert f2["incident_id"].tolist() == f["incident_id"].tolist()
    assert f2["date_start"].tolist() == f["date_start"].tolist()
    third = pd.read_csv(write_acled(f2, tmp_path / "third.csv"), dtype=str, keep_default_na=False)
    assert third.equals(again)  # stable from the second round on
    assert not third["event_id_cnty"].str.contains(":").any()


def test_sample_survives_a_geopackage(sample, tmp_path):
    from geoinc.incidents.io import read_incidents, write_incidents

    f = read_acled(sample[0])
    back = read_incidents(write_incidents(f, tmp_path / "acled.gpkg"))
    direct = to_acled(f)
    via = to_acled(back)
    pd.testing.assert_frame_equal(via, direct)


@pytest.mark.parametrize(
    "fmt",
    ["%Y-%m-%d", "%d/%m/%Y 00:00:00", "%d/%m/%Y", "%m/%d/%Y", "%d %B %Y", "%d-%b-%Y", "%d.%m.%Y"],
)
def test_every_date_format(tmp_path, fmt):
    rows, days = acled_rows(60, date_format=fmt)
    f = read_acled(_write(tmp_path / "d.csv", rows))
    assert [d.date() for d in f["date_start"]] == days


def _dated(tmp_path, dates):
    rows, _ = acled_rows(len(dates))
    for r, d in zip(rows, dates, strict=True):
        r["event_date"] = d
    return _write(tmp_path / "x.csv", rows)


def test_ambiguous_day_month_is_refused_with_a_hint(tmp_path):
    path = _dated(tmp_path, ["02/08/2020 00:00:00", "05/03/2021 00:00:00"])
    with pytest.raises(InputError, match="cannot tell day from month.*dayfirst"):
        read_acled(path)
    assert read_acled(path, dayfirst=True)["date_start"].dt.month.tolist() == [8, 3]
    assert read_acled(path, dayfirst=False)["date_start"].dt.month.tolist() == [2, 5]


@pytest.mark.parametrize(
    ("dates", "kwargs", "match"),
    [
        (["14/08/2020", "08/14/2020"], {}, "mixes day-first and month-first"),
        (["14/08/2020"], {"dayfirst": False}, "contradicts"),
        (["2020-08-14", "yesterday"], {}, "row 3: event_date 'yesterday'"),
        (["31/02/2024"], {}, "row 2"),
    ],
)
def test_bad_dates_are_refused_naming_the_row(tmp_path, dates, kwargs, match):
    with pytest.raises(InputError, match=match):
        read_acled(_dated(tmp_path, dates), **kwargs)


def test_ids_survive_any_number_of_round_trips(tmp_path):
    rows, _ = acled_rows(3)
    ids = [r["event_id_cnty"] for r in rows]
    rows[0]["event_id_cnty"] = "acled:acled:UKR40153"  # written by an older geoinc
    f = read_acled(_write(tmp_path / "a.csv", rows))
    assert f.loc[0, "incident_id"] == "acled:UKR40153"
    for i in range(3):
        f = read_acled(write_acled(f, tmp_path / f"r{i}.csv"))
    assert f["incident_id"].tolist() == ["acled:UKR40153", *(f"acled:{i}" for i in ids[1:])]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1251", "utf-16"])
def test_encodings_are_detected(tmp_path, encoding):
    rows, _ = acled_rows(5)
    rows[0]["location"] = "Харків"
    f = read_acled(_write(tmp_path / "e.csv", rows, encoding=encoding))
    assert f.loc[0, "place_name"] == "Харків" and "event_id_cnty" not in f.columns


def test_export_derives_what_geoinc_knows():
    f = build_frame(
        [
            {
                "incident_id": "inc-1",
                "date_start": date(2024, 3, 2),
                "date_precision": 1,
                "event_type": "Explosions/Remote violence",
                "target": ["residential buildings"],
                "place_name": "Zaporizhzhia",
                "admin1": "UA.26",
                "admin1_name": "Zaporizhzhia",
                "country": "UA",
                "lon": 35.14,
                "lat": 47.84,
            },
            {
                "incident_id": "inc-2",
                "target": ["hotel", "military facilities"],
                "place_name": "Belgorod",
                "admin1": "RU.09",
                "admin1_name": "Belgorod Oblast",
                "country": "RU",
                "lon": 36.59,
                "lat": 50.6,
            },
        ]
    )
    a = to_acled(f)
    assert a["iso"].tolist() == ["804", "643"] and a["region"].tolist() == ["Europe"] * 2
    assert a["admin1"].tolist() == ["Zaporizhia", "Belgorod"]  # ACLED's spelling
    assert a["civilian_targeting"].tolist() == ["Civilian targeting", ""]
    assert a["year"].tolist() == [2024, ""] and a["interaction"].tolist() == ["", ""]
    # ACLED admin1 names resolve to geoinc's codes on import, so joins work both ways
    back = read_acled(a.astype(str).replace("nan", ""))
    assert back["admin1"].tolist() == ["UA.26", "RU.09"]


def test_interaction_from_inter_codes():
    rows, _ = acled_rows(4)
    for r in rows:
        r["interaction"] = ""
    rows[0].update(inter1="7", inter2="1")
    rows[1].update(inter1="1", inter2="")
    rows[2].update(inter1="State forces", inter2="Civilians")
    rows[3].update(inter1="", inter2="")
    a = to_acled(read_acled(pd.DataFrame(rows)))
    assert a["interaction"].tolist() == ["17", "10", "State forces-Civilians", ""]

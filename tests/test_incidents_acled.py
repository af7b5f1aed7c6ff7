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

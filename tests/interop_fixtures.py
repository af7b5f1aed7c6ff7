"""Third-party dataset files in their real shapes, written by the project (no copied data).

``acled_rows`` builds rows shaped like an ACLED Ukraine export (the columns of the
2024 export plus the ``id`` and ``actor_dyad`` columns some exports carry, dates as
``14/08/2020 00:00:00``); ``ucdp_rows`` builds rows shaped like UCDP GED 24.1. Values
are generated from a fixed seed: real place names and coordinates, invented events.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

#: (location, ACLED admin1, country, lat, lon)
PLACES = [
    ("Kharkiv", "Kharkiv", "Ukraine", 49.9935, 36.2304),
    ("Kupiansk", "Kharkiv", "Ukraine", 49.7107, 37.6158),
    ("Bakhmut", "Donetsk", "Ukraine", 48.5947, 37.9993),
    ("Avdiivka", "Donetsk", "Ukraine", 48.1394, 37.7497),
    ("Kherson", "Kherson", "Ukraine", 46.6354, 32.6169),
    ("Zaporizhzhia", "Zaporizhia", "Ukraine", 47.8388, 35.1396),
    ("Nikopol", "Dnipropetrovsk", "Ukraine", 47.5712, 34.3964),
    ("Sumy", "Sumy", "Ukraine", 50.9077, 34.7981),
    ("Kyiv", "Kyiv City", "Ukraine", 50.4501, 30.5234),
    ("Odesa", "Odesa", "Ukraine", 46.4825, 30.7233),
    ("Belgorod", "Belgorod", "Russia", 50.5977, 36.5858),
    ("Shebekino", "Belgorod", "Russia", 50.4003, 36.8876),
]
SUB_EVENTS = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Strategic developments"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Battles", "Armed clash", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
]
ACTORS = [
    ("Military Forces of Russia (2000-)", "1", "State forces"),
    ("Military Forces of Ukraine (2019-)", "1", "State forces"),
    ("Civilians (Ukraine)", "7", "Civilians"),
    ("", "", ""),
]
ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp", "id", "actor_dyad",
]  # fmt: skip


def acled_rows(n: int = 1000, *, seed: int = 14, date_format: str = "%d/%m/%Y 00:00:00"):
    """``n`` ACLED-shaped rows (dicts of strings) and their true dates."""
    rng = random.Random(seed)
    rows, days = [], []
    for i in range(n):
        day = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 1800))
        loc, adm1, country, lat, lon = rng.choice(PLACES)
        etype, sub, disorder = rng.choice(SUB_EVENTS)
        a1, i1, _ = ACTORS[rng.randrange(2)]
        a2, i2, _ = rng.choice(ACTORS[1:])
        inter = "".join(sorted((i1, i2 or "0")))
        fatal = rng.choice([0, 0, 0, 1, 2, 3, 5, 12])
        rows.append(
            {
                "event_id_cnty": f"{'UKR' if country == 'Ukraine' else 'RUS'}{40000 + i}",
                "event_date": day.strftime(date_format),
                "year": str(day.year),
                "time_precision": str(rng.choice([1, 1, 1, 2, 3])),
                "disorder_type": disorder,
                "event_type": etype,
                "sub_event_type": sub,
                "actor1": a1,
                "assoc_actor_1": "",
                "inter1": i1,
                "actor2": a2,
                "assoc_actor_2": "",
                "inter2": i2,
                "interaction": inter,
                "civilian_targeting": "Civilian targeting" if i2 == "7" else "",
                "iso": "804" if country == "Ukraine" else "643",
                "region": "Europe",
                "country": country,
                "admin1": adm1,
                "admin2": f"{loc} raion",
                "admin3": "",
                "location": loc,
                "latitude": f"{lat:.4f}",
                "longitude": f"{lon:.4f}",
                "geo_precision": str(rng.choice([1, 1, 2, 3])),
                "source": rng.choice(["Ukrinform", "Suspilne; Ukrinform", "Kommersant"]),
                "source_scale": rng.choice(["National", "Subnational-National"]),
                "notes": f"On {day:%d %B %Y}, an event was reported in {loc} ({adm1}).",
                "fatalities": str(fatal),
                "tags": rng.choice(["", "", "casualties unknown"]),
                "timestamp": str(1700000000 + i),
                "id": str(9000000 + i),
                "actor_dyad": f"{a1} - {a2}" if a2 else a1,
            }
        )
        days.append(day)
    return rows, days


UCDP_HEADER = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
]  # fmt: skip


def ucdp_rows(n: int = 300, *, seed: int = 7):
    """``n`` UCDP-GED-shaped rows (dicts of strings) and their true start dates."""
    rng = random.Random(seed)
    rows, days = [], []
    for i in range(n):
        day = date(2022, 2, 24) + timedelta(days=rng.randrange(0, 700))
        loc, adm1, country, lat, lon = rng.choice(PLACES)
        low = rng.randrange(0, 20)
        best = low + rng.randrange(0, 5)
        high = best + rng.randrange(0, 10)
        civ = rng.randrange(0, best + 1)
        stamp = f"{day.isoformat()} 00:00:00.000"
        # events dated less precisely than a day span days (derived from i: the seeded
        # sequence of the other values stays as it was)
        end = f"{(day + timedelta(days=i % 4)).isoformat()} 00:00:00.000"
        rows.append(
            {
                "id": str(500000 + i),
                "relid": f"UKR-2022-1-{i}",
                "year": str(day.year),
                "active_year": "1",
                "code_status": "Clear",
                "type_of_violence": str(rng.choice([1, 1, 3])),
                "conflict_dset_id": "13243",
                "conflict_new_id": "13243",
                "conflict_name": "Russia - Ukraine",
                "dyad_dset_id": "14617",
                "dyad_new_id": "14617",
                "dyad_name": "Government of Russia (Soviet Union) - Government of Ukraine",
                "side_a_dset_id": "57",
                "side_a_new_id": "57",
                "side_a": "Government of Russia (Soviet Union)",
                "side_b_dset_id": "64",
                "side_b_new_id": "64",
                "side_b": "Government of Ukraine",
                "number_of_sources": str(rng.randrange(1, 4)),
                "source_article": f"Wire report {i}",
                "source_office": rng.choice(["Reuters", "Reuters;AFP", "Ukrinform"]),
                "source_date": day.isoformat(),
                "source_headline": f"Shelling reported near {loc}",
                "source_original": "local authorities",
                "where_prec": str(rng.choice([1, 1, 2, 4])),
                "where_coordinates": f"{loc} town",
                "where_description": f"{loc}",
                "adm_1": f"{adm1} oblast",
                "adm_2": "",
                "latitude": f"{lat:.6f}",
                "longitude": f"{lon:.6f}",
                "geom_wkt": f"POINT ({lon:.6f} {lat:.6f})",
                "priogrid_gid": str(180000 + i),
                "country": "Ukraine" if country == "Ukraine" else "Russia (Soviet Union)",
                "country_id": "369" if country == "Ukraine" else "365",
                "region": "Europe",
                "event_clarity": "1",
                "date_prec": str(prec := rng.choice([1, 1, 2, 3])),
                "date_start": stamp,
                "date_end": stamp if prec == 1 else end,
                "deaths_a": "0",
                "deaths_b": str(best - civ),
                "deaths_civilians": str(civ),
                "deaths_unknown": "0",
                "best": str(best),
                "high": str(high),
                "low": str(low),
                "gwnoa": "365",
                "gwnob": "369",
            }
        )
        days.append(day)
    return rows, days

"""Hand-built incident frames and border lines for the mapping tests.

The incident texts are invented for the tests (not taken from any article). Borders are
read from the shared Natural Earth file when it is present (the `borders` module will
supersede this); tests that need it skip cleanly without it.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NE_LINES = (
    SHARED
    / "gazetteer-sources"
    / "admin0_border"
    / "ne_10m_v4.0.0_boundary_lines_land_RUS_UKR_BLR_MDA.geojson"
)
NE_DISPUTED = (
    SHARED / "gazetteer-sources" / "admin0_border" / "ne_10m_v4.0.0_admin_0_disputed_areas.json"
)

_A3 = {
    "RUS": "RU",
    "UKR": "UA",
    "BLR": "BY",
    "MDA": "MD",
    "POL": "PL",
    "LTU": "LT",
    "LVA": "LV",
    "EST": "EE",
    "ROU": "RO",
    "HUN": "HU",
    "SVK": "SK",
    "FIN": "FI",
    "NOR": "NO",
    "GEO": "GE",
    "AZE": "AZ",
    "KAZ": "KZ",
    "CHN": "CN",
    "MNG": "MN",
    "PRK": "KP",
}

#: Payloads placed in every text field by the XSS tests
XSS_PAYLOADS = [
    "<script>window.__xss=(window.__xss||0)+1</script>",
    '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
    "<svg onload=window.__xss=(window.__xss||0)+1>",
    "\"'><b onmouseover=window.__xss=1>`${window.__xss=1}`</b>",
    "javascript:window.__xss=(window.__xss||0)+1",
    "</script><script>window.__xss=1</script>",
    '<a href="javascript:window.__xss=1">click</a> & ` backtick',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    "{{ 7*7 }} {% if true %}jinja{% endif %} {# comment #} ${7*7}",
]


def incident_records() -> list[dict]:
    """Twelve incidents: points, a region-level one, an undated one, an unlocated one."""
    src_a = {
        "name": "Example Wire",
        "url": "https://news.example.org/a/1",
        "published": "2024-05-02",
    }
    src_b = {
        "name": "Regional Desk",
        "url": "https://desk.example.net/story/7",
        "published": "2024-05-03",
    }
    recs = [
        dict(
            incident_id="inc-001",
            date_start="2024-05-01",
            date_end="2024-05-01",
            date_precision=1,
            event_type="Air/drone strike",
            weapon="drone",
            target="power substation",
            place_name="Kharkiv",
            admin1="UA.07",
            country="UA",
            geo_precision=1,
            where_prec=1,
            killed_low=2,
            killed_best=3,
            killed_high=4,
            injured_low=5,
            injured_best=6,
            injured_high=8,
            n_sources=2,
            confidence=0.9,
            sources=[src_a, src_b],
            claims=[
                {
                    "source": "Example Wire",
                    "field": "killed",
                    "qualifier": "at least",
                    "value": 2,
                    "evidence": (
                        "Officials said at least two people died when a drone hit a substation."
                    ),
                },
                {
                    "source": "Regional Desk",
                    "field": "killed",
                    "value": 4,
                    "evidence": "The regional governor later put the toll at four.",
                    "start": 10,
                    "end": 60,
                },
            ],
            lon=36.2547,
            lat=49.9818,
        ),
        dict(
            incident_id="inc-002",
            date_start="2024-05-03",
            date_precision=1,
            event_type="Shelling/artillery/missile attack",
            weapon="artillery",
            place_name="Vovchansk",
            admin1="UA.07",
            country="UA",
            geo_precision=1,
            killed_best=1,
            n_sources=1,
            confidence=0.7,
            sources=[src_a],
            lon=36.9431,
            lat=50.2891,
        ),
        dict(
            incident_id="inc-003",
            date_start="2024-05-06",
            date_precision=1,
            event_type="Shelling/artillery/missile attack",
            place_name="Sumy",
            admin1="UA.21",
            country="UA",
            geo_precision=1,
            killed_best=0,
            injured_best=3,
            n_sources=1,
            sources=["https://news.example.org/s/3"],
            lon=34.7981,
            lat=50.9216,
        ),
        dict(
            incident_id="inc-004",
            date_start="2024-05-08",
            date_precision=2,
            event_type="Air/drone strike",
            place_name="Odesa",
            admin1="UA.17",
            country="UA",
            geo_precision=1,
            killed_best=7,
            killed_low=5,
            killed_high=9,
            n_sources=2,
            sources=[src_b],
            lon=30.7438,
            lat=46.4857,
        ),
        dict(
            incident_id="inc-005",
            date_start="2024-05-10",
            date_precision=1,
            event_type="Shelling/artillery/missile attack",
            place_name="Belgorod",
            admin1="RU.09",
            country="RU",
            geo_precision=1,
            killed_best=2,
            n_sources=1,
            sources=[src_a],
            lon=36.5983,
            lat=50.5977,
        ),
        dict(
            incident_id="inc-006",
            date_start="2024-05-12",
            date_precision=1,
            event_type="Remote explosive/landmine/IED",
            place_name="Kherson",
            admin1="UA.08",
            country="UA",
            geo_precision=1,
            killed_best=1,
            n_sources=1,
            lon=32.6178,
            lat=46.6354,
        ),
        dict(
            incident_id="inc-007",
            date_start="2024-05-14",
            date_precision=3,
            event_type="Air/drone strike",
            place_name="Kharkiv Oblast",
            admin1="UA.07",
            country="UA",
            geo_precision=3,
            where_prec=4,
            killed_best=0,
            n_sources=1,
            sources=[{"name": "Ministry statement", "url": "javascript:alert(1)"}],
            lon=None,
            lat=None,
        ),
        dict(
            incident_id="inc-008",
            date_start="2024-05-15",
            date_precision=1,
            event_type="Shelling/artillery/missile attack",
            place_name="Nikopol",
            admin1="UA.04",
            country="UA",
            geo_precision=2,
            killed_best=1,
            lon=34.4031,
            lat=47.5712,
        ),
        dict(
            incident_id="inc-009",
            date_start=None,
            event_type="Air/drone strike",
            place_name="Zaporizhzhia",
            admin1="UA.26",
            country="UA",
            geo_precision=1,
            killed_best=None,
            lon=35.1396,
            lat=47.8388,
        ),
        dict(
            incident_id="inc-010",
            date_start="2024-05-20",
            date_end="2024-05-22",
            date_precision=2,
            event_type="Armed clash",
            place_name="Chasiv Yar",
            admin1="UA.05",
            country="UA",
            geo_precision=1,
            killed_best=12,
            killed_low=10,
            killed_high=15,
            lon=37.8407,
            lat=48.5861,
        ),
        dict(
            incident_id="inc-011",
            date_start="2024-05-25",
            date_precision=1,
            event_type="Air/drone strike",
            place_name="Dnipro",
            admin1="UA.04",
            country="UA",
            geo_precision=1,
            killed_best=4,
            lon=35.0462,
            lat=48.4647,
        ),
        dict(
            incident_id="inc-012",
            date_start="2024-05-27",
            event_type="Air/drone strike",
            place_name="Somewhere unknown",
            admin1=None,
            country=None,
            geo_precision=None,
            lon=None,
            lat=None,
        ),
    ]
    return recs


def incident_frame(records: list[dict] | None = None) -> gpd.GeoDataFrame:
    """The records as an EPSG:4326 GeoDataFrame (None lon/lat -> null geometry)."""
    recs = [dict(r) for r in (records or incident_records())]
    geoms = []
    for r in recs:
        lon, lat = r.pop("lon"), r.pop("lat")
        geoms.append(None if lon is None else shapely.Point(lon, lat))
    return gpd.GeoDataFrame(recs, geometry=geoms, crs="EPSG:4326")


#: what the fixture map must draw: 10 point markers, 1 region, 1 unlocated (inc-012)
N_POINTS = 10
N_REGION = 1
N_UNLOCATED = 1
#: incidents with a date in 2024-05-01 .. 2024-05-10 (inc-001..005), all points
N_FIRST_TEN_DAYS = 5


def xss_frame() -> gpd.GeoDataFrame:
    """Incidents whose every text field (and the event type) carries an XSS payload."""
    recs = []
    for i, p in enumerate(XSS_PAYLOADS):
        recs.append(
            dict(
                incident_id=p,
                date_start="2024-05-01",
                date_precision=1,
                event_type=f"Strike {p}",
                weapon=p,
                target=p,
                place_name=p,
                admin1="UA.07",
                country="UA",
                geo_precision=1,
                killed_best=i,
                n_sources=1,
                sources=[
                    {"name": p, "url": p},
                    {"name": "ok", "url": "https://example.org/?q=" + p},
                    p,
                ],
                claims=[{"source": p, "qualifier": p, "value": p, "evidence": p}],
                lon=36.0 + 0.05 * i,
                lat=49.9 + 0.03 * i,
            )
        )
    return incident_frame(recs)


def ne_borders() -> gpd.GeoDataFrame | None:
    """Natural Earth land borders + disputed-area outlines in the `borders` schema."""
    if not NE_LINES.is_file():
        return None
    lines = gpd.read_file(NE_LINES)
    a = lines["adm0_a3_l"].map(_A3).fillna(lines["adm0_a3_l"])
    b = lines["adm0_a3_r"].map(_A3).fillna(lines["adm0_a3_r"])
    pairs = [tuple(sorted(x)) for x in zip(a, b, strict=False)]
    out = gpd.GeoDataFrame(
        {
            "country_a": [p[0] for p in pairs],
            "country_b": [p[1] for p in pairs],
            "kind": "international",
            "dataset": "naturalearth",
        },
        geometry=lines.geometry.to_numpy(),
        crs="EPSG:4326",
    )
    if NE_DISPUTED.is_file():
        disp = gpd.read_file(NE_DISPUTED)
        disp = disp[disp.intersects(shapely.box(22, 44, 41, 53))]
        if len(disp):
            d = gpd.GeoDataFrame(
                {
                    "country_a": "UA",
                    "country_b": "RU",
                    "kind": "disputed",
                    "dataset": "naturalearth",
                },
                index=range(len(disp)),
                geometry=disp.boundary.to_numpy(),
                crs="EPSG:4326",
            )
            out = gpd.GeoDataFrame(gpd.pd.concat([out, d], ignore_index=True), crs="EPSG:4326")
    return out


_TYPES = [
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Armed clash",
    "Attack",
]
_OBLASTS = ["UA.04", "UA.05", "UA.07", "UA.08", "UA.14", "UA.17", "UA.21", "UA.26"]


def synthetic_incidents(n: int, seed: int = 0) -> gpd.GeoDataFrame:
    """``n`` random incidents over eastern Ukraine with realistic column contents.

    5 % are region-level (drawn as their oblast), 2 % undated; every incident has a
    source with a URL and one per-source figure with its own evidence sentence.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    lon = rng.uniform(30.0, 39.5, n).round(5)
    lat = rng.uniform(46.3, 51.8, n).round(5)
    types = rng.choice(_TYPES, n)
    start = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 700, n), unit="D")
    dates = pd.Series(start.strftime("%Y-%m-%d"), dtype=object)
    dates[rng.random(n) < 0.02] = None
    killed = rng.geometric(0.3, n) - 1
    region = rng.random(n) < 0.05
    oblast = rng.choice(_OBLASTS, n)
    outlets = [f"Outlet {k}" for k in range(40)]
    sources, claims = [], []
    for i in range(n):
        o = outlets[i % 40]
        url = f"https://news{(i % 40):02d}.example.org/{2023 + i % 2}/story-{i // 3}"
        sources.append([{"name": o, "url": url}])
        claims.append(
            [
                {
                    "field": "killed",
                    "value": int(killed[i]),
                    "qualifier": "at least",
                    "source": o,
                    "sentence": f"At least {int(killed[i])} people were killed in the attack, "
                    f"officials said on day {i % 700}.",
                }
            ]
        )
    gdf = gpd.GeoDataFrame(
        {
            "incident_id": [f"syn-{i:06d}" for i in range(n)],
            "date_start": dates,
            "date_precision": 1,
            "event_type": types,
            "place_name": [f"Place {i % 5000}" for i in range(n)],
            "admin1": oblast,
            "country": "UA",
            "geo_precision": np.where(region, 3, 1),
            "killed_best": killed,
            "n_sources": 1,
            "sources": sources,
            "claims": claims,
        },
        geometry=gpd.points_from_xy(lon, lat),
        crs="EPSG:4326",
    )
    return gdf


def require_offline_assets() -> None:
    """Skip (with the reason) when the offline extra's XStatic packages are not installed."""
    import pytest

    for mod in ("xstatic.pkg.leaflet", "xstatic.pkg.leaflet_markercluster"):
        pytest.importorskip(mod, reason="offline maps need pip install 'geoinc[offline]'")

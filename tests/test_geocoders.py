"""geopy provider: BundledGazetteer and the opt-in OfflineFirst fallback."""

import geopandas
import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geoinc.exceptions import ConfigurationError, CoordinateError, GazetteerNotFound
from geoinc.geocoders import BundledGazetteer, OfflineFirst, get_geocoder


@pytest.fixture(scope="module")
def geocoder():
    return BundledGazetteer()


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)
    assert get_geocoder("bundled") is BundledGazetteer
    with pytest.raises(GazetteerNotFound, match="bundled"):
        get_geocoder("google")


def test_geocode_returns_location(geocoder):
    loc = geocoder.geocode("Kharkiv")
    assert isinstance(loc, Location)
    assert loc.raw["geonameid"] == 706483
    assert loc.latitude == pytest.approx(49.98, abs=0.01)
    assert loc.longitude == pytest.approx(36.25, abs=0.01)
    assert "Kharkiv" in loc.address


def test_geocode_many_and_unknown(geocoder):
    locs = geocoder.geocode("Borova", exactly_one=False, limit=10)
    assert {711621, 711623} <= {loc.raw["geonameid"] for loc in locs}
    assert geocoder.geocode("Qwxzyvillezz") is None
    assert geocoder.geocode(None) is None


def test_reverse_accepts_geopy_forms(geocoder):
    for q in ("50.60, 36.58", (50.60, 36.58)):
        loc = geocoder.reverse(q)
        assert loc.raw["geonameid"] == 578072
        assert loc.raw["country_code"] == "RU" and loc.raw["admin1_code"] == "RU.09"


@pytest.mark.parametrize("bad", ["91, 0", (float("nan"), 0), "north, east", (0, 200)])
def test_reverse_bad_coordinates(geocoder, bad):
    with pytest.raises(CoordinateError):
        geocoder.reverse(bad)


@pytest.mark.parametrize("provider", [BundledGazetteer, BundledGazetteer(country="UA")])
def test_geopandas_geocode_offline(provider):
    gdf = geopandas.tools.geocode(["Kharkiv", "Belgorod", "Qwxzyvillezz"], provider=provider)
    assert isinstance(gdf, geopandas.GeoDataFrame)
    if isinstance(provider, BundledGazetteer):
        # restricted to Ukraine: Belgorod (Russia) has no Ukrainian namesake in cities500
        assert gdf.geometry.iloc[0].y == pytest.approx(49.98, abs=0.01)
        return
    assert gdf.geometry.iloc[0].x == pytest.approx(36.25, abs=0.01)
    assert gdf.geometry.iloc[1].y == pytest.approx(50.60, abs=0.01)
    assert gdf.geometry.iloc[1].x == pytest.approx(36.58, abs=0.01)
    assert gdf.geometry.iloc[2] is None or gdf.geometry.iloc[2].is_empty


def test_geopandas_reverse_geocode_offline():
    from shapely.geometry import Point

    gdf = geopandas.tools.reverse_geocode([Point(36.58, 50.60)], provider=BundledGazetteer)
    assert gdf["address"].iloc[0].startswith("Belgorod")


class _Recorder(Geocoder):
    """A stand-in network geocoder that records what would have been sent."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def geocode(self, query, exactly_one=True, **kw):
        self.calls.append(query)
        return None


def test_offline_first_only_asks_network_for_unknown_names():
    rec = _Recorder()
    g = OfflineFirst(
        user_agent="geoinc-tests/1.0 (tests@example.org)",
        network_geocoder=rec,
        min_delay_seconds=0.0,
    )
    assert g.geocode("Belgorod").raw["geonameid"] == 578072
    assert rec.calls == []
    assert g.geocode("Qwxzyvillezz") is None
    assert rec.calls == ["Qwxzyvillezz"]


@pytest.mark.parametrize("agent", ["", "geopy", "my-application"])
def test_offline_first_refuses_sample_user_agents(agent):
    with pytest.raises(ConfigurationError, match="user_agent"):
        OfflineFirst(user_agent=agent)


def test_offline_first_refuses_faster_than_policy():
    with pytest.raises(ConfigurationError, match="one request per second"):
        OfflineFirst(user_agent="geoinc-tests/1.0 (tests@example.org)", min_delay_seconds=0.1)


def test_import_does_not_touch_network():
    import subprocess
    import sys

    code = (
        "import socket\n"
        "def boom(*a, **k): raise SystemExit('network touched')\n"
        "socket.socket.connect = boom\n"
        "socket.create_connection = boom\n"
        "import geoinc, geoinc.geocoders\n"
        "g = geoinc.geocoders.OfflineFirst(user_agent='geoinc-tests/1.0 (t@example.org)')\n"
        "assert g.geocode('Kharkiv').raw['geonameid'] == 706483\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "ok", out.stderr

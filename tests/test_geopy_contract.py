"""geopy's generic geocoder contract, checked on the offline provider.

The checks every geopy geocoder meets and that apply to one with no network: result
types (``Location``, list, None -- never ``[]``), ``exactly_one``, ``limit``,
``language``, ``timeout``, structured (dict) queries, Unicode names, the three reverse
query forms, geopy's constructor options, async adapters (awaitables and ``async
with``), ``RateLimiter`` wrapping, and ``OfflineFirst`` passing the caller's options on.
"""

from __future__ import annotations

import asyncio

import geopy.geocoders
import pytest
from geopy.adapters import BaseAsyncAdapter
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geoinc.exceptions import ConfigurationError
from geoinc.geocoders import BundledGazetteer, OfflineFirst

KHARKIV = 706483
AGENT = "geoinc-tests/1.0 (tests@example.org)"


class NoNetworkAsyncAdapter(BaseAsyncAdapter):
    """An async geopy adapter that must never be asked for anything."""

    async def get_json(self, url, *, timeout, headers):  # pragma: no cover - never called
        raise AssertionError(f"network request to {url}")

    async def get_text(self, url, *, timeout, headers):  # pragma: no cover - never called
        raise AssertionError(f"network request to {url}")


class NetworkRecorder(Geocoder):
    """Stands in for Nominatim: records each call's query and keywords."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        return None


@pytest.fixture(scope="module")
def g():
    return BundledGazetteer()


# ------------------------------------------------------------------ result types


@pytest.mark.parametrize("exactly_one", [True, False])
def test_found_is_location_or_list(g, exactly_one):
    res = g.geocode("Kharkiv", exactly_one=exactly_one)
    loc = res if exactly_one else res[0]
    assert isinstance(res, Location if exactly_one else list)
    assert loc.raw["geonameid"] == KHARKIV and isinstance(loc.address, str)
    assert (round(loc.latitude, 2), round(loc.longitude, 2)) == (49.98, 36.25)
    assert loc.point == Point(loc.latitude, loc.longitude) and loc[1] == (
        loc.latitude,
        loc.longitude,
    )


@pytest.mark.parametrize("exactly_one", [True, False])
@pytest.mark.parametrize("query", ["Qwxzyvillezz-nowhere", "", None])
def test_nothing_found_is_none_never_empty_list(g, exactly_one, query):
    assert g.geocode(query, exactly_one=exactly_one) is None


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_limit_caps_the_list(g, limit):
    res = g.geocode("Borova", exactly_one=False, limit=limit)
    assert 1 <= len(res) <= limit


def test_no_limit_is_the_documented_default(g):
    res = g.geocode("Borova", exactly_one=False, limit=None)
    assert 2 < len(res) <= 10
    assert isinstance(g.geocode("Borova", limit=3), Location)  # limit ignored for one result


@pytest.mark.parametrize("limit", [0, -1, 1.5, True, "3"])
def test_bad_limit_is_refused_clearly(g, limit):
    with pytest.raises(ConfigurationError, match="limit must be"):
        g.geocode("Borova", exactly_one=False, limit=limit)
    with pytest.raises(ValueError):  # also a ValueError, for code that knows only geopy
        g.geocode("Borova", exactly_one=False, limit=limit)


@pytest.mark.parametrize("language", [None, "en", "uk", "ru", "de-DE"])
def test_language_is_accepted(g, language):
    # addresses stay GeoNames' English names (documented); the call must not fail
    assert g.geocode("Kharkiv", language=language).address == "Kharkiv, Kharkiv Oblast, UA"
    assert g.reverse((49.99, 36.23), language=language).raw["geonameid"] == KHARKIV


@pytest.mark.parametrize("timeout", [None, 1, 30.0])
def test_timeout_is_accepted(g, timeout):
    assert g.geocode("Kharkiv", timeout=timeout).raw["geonameid"] == KHARKIV
    assert g.reverse("49.99, 36.23", timeout=timeout).raw["geonameid"] == KHARKIV


@pytest.mark.parametrize("query", ["Харків", "Харьков", "Charkiw", "KHARKIV", "  Kharkiv  "])
def test_unicode_and_spelling_variants(g, query):
    assert g.geocode(query).raw["geonameid"] == KHARKIV


# ------------------------------------------------------------------ structured queries


@pytest.mark.parametrize(
    ("query", "geonameid"),
    [
        ({"city": "Kharkiv"}, KHARKIV),
        ({"city": "Borova", "state": "Kharkiv Oblast"}, 711623),
        ({"city": "Kharkiv", "country": "Ukraine"}, KHARKIV),
        ({"state": "Kharkiv Oblast"}, 706482),
        ({"country": "UA"}, 690791),
    ],
)
def test_structured_query(g, query, geonameid):
    assert g.geocode(query).raw["geonameid"] == geonameid


@pytest.mark.parametrize(
    ("query", "match"),
    [
        ({"street": "Sumska 1", "city": "Kharkiv"}, "no street data"),
        ({"postalcode": "61000"}, "no postalcode data"),
        ({"town": "Kharkiv"}, "unknown query key"),
    ],
)
def test_structured_query_that_cannot_be_answered_is_refused(g, query, match):
    with pytest.raises(ConfigurationError, match=match):
        g.geocode(query)


def test_country_restriction_in_a_structured_query(g):
    assert g.geocode({"city": "Kharkiv", "country": "RU"}) is None  # a Ukrainian city
    assert g.geocode({"city": "Kharkiv", "country": "UA"}).raw["geonameid"] == KHARKIV


# ------------------------------------------------------------------ reverse


@pytest.mark.parametrize("query", ["50.6, 36.58", (50.6, 36.58), Point(50.6, 36.58), [50.6, 36.58]])
def test_reverse_query_forms(g, query):
    assert g.reverse(query).raw["geonameid"] == 578072


def test_reverse_exactly_one_false_is_a_list(g):
    res = g.reverse("50.6, 36.58", exactly_one=False)
    assert isinstance(res, list) and len(res) == 1 and isinstance(res[0], Location)


# ------------------------------------------------------------------ constructor, wrappers


def test_geopy_constructor_options():
    g = BundledGazetteer(user_agent="my-app/2", timeout=7, proxies="http://proxy:3128")
    assert g.headers["User-Agent"] == "my-app/2" and g.timeout == 7
    assert g.proxies == {"http": "http://proxy:3128", "https": "http://proxy:3128"}
    assert g.geocode("Kharkiv").raw["geonameid"] == KHARKIV  # the proxy is never used


def test_default_timeout_option_is_honoured(monkeypatch):
    monkeypatch.setattr(geopy.geocoders.options, "default_timeout", 11)
    assert BundledGazetteer().timeout == 11


def test_rate_limiter_wraps_it(g):
    geocode = RateLimiter(g.geocode, min_delay_seconds=0)
    assert geocode("Kharkiv").raw["geonameid"] == KHARKIV


# ------------------------------------------------------------------ async


def test_async_adapter_gives_awaitables():
    async def main():
        async with BundledGazetteer(adapter_factory=NoNetworkAsyncAdapter) as ag:
            one = await ag.geocode("Kharkiv")
            many = await ag.geocode("Borova", exactly_one=False, limit=2)
            none = await ag.geocode("Qwxzyvillezz-nowhere")
            back = await ag.reverse("50.6, 36.58")
        return one, many, none, back

    one, many, none, back = asyncio.run(main())
    assert one.raw["geonameid"] == KHARKIV and len(many) == 2 and none is None
    assert back.raw["geonameid"] == 578072


def test_sync_adapter_gives_plain_results(g):
    assert not asyncio.iscoroutine(g.geocode("Kharkiv"))


def test_offline_first_refuses_an_async_adapter_clearly():
    with pytest.raises(ConfigurationError, match="synchronous adapters only"):
        OfflineFirst(user_agent=AGENT, adapter_factory=NoNetworkAsyncAdapter)


# ------------------------------------------------------------------ OfflineFirst


@pytest.mark.parametrize(
    ("kwargs", "sent"),
    [
        ({}, {"timeout": 9}),
        ({"timeout": 3}, {"timeout": 3}),
        ({"timeout": None}, {"timeout": None}),
        ({"language": "uk"}, {"timeout": 9, "language": "uk"}),
        ({"exactly_one": False, "limit": 4}, {"timeout": 9, "limit": 4}),
    ],
)
def test_offline_first_passes_the_callers_options_on(kwargs, sent):
    rec = NetworkRecorder()
    g = OfflineFirst(user_agent=AGENT, network_geocoder=rec, min_delay_seconds=0.0, timeout=9)
    assert g.geocode("Qwxzyvillezz-nowhere", **kwargs) is None
    ((query, got),) = rec.calls
    assert query == "Qwxzyvillezz-nowhere"
    assert {k: v for k, v in got.items() if k != "exactly_one"} == sent


@pytest.mark.parametrize(
    "query",
    [{"street": "Sumska 1", "city": "Kharkiv"}, {"postalcode": "61000", "country": "UA"}],
)
def test_offline_first_sends_street_and_postcode_queries_to_the_network(query):
    # the gazetteer refuses these ("no street data"); OfflineFirst is what its hint names
    rec = NetworkRecorder()
    g = OfflineFirst(user_agent=AGENT, network_geocoder=rec, min_delay_seconds=0.0, timeout=4)
    assert g.geocode(query, language="uk") is None
    assert rec.calls == [(query, {"exactly_one": True, "timeout": 4, "language": "uk"})]


def test_offline_first_gives_nominatim_the_callers_geopy_options():
    from geopy.geocoders import Nominatim

    g = OfflineFirst(user_agent=AGENT, timeout=6, proxies="http://proxy:3128")
    nominatim = g._remote().func.__self__  # built lazily; nothing is sent here
    assert isinstance(nominatim, Nominatim) and nominatim.timeout == 6
    assert nominatim.proxies == {"http": "http://proxy:3128", "https": "http://proxy:3128"}
    assert nominatim.headers["User-Agent"] == AGENT


def test_offline_first_answers_known_names_offline_with_the_same_options():
    rec = NetworkRecorder()
    g = OfflineFirst(user_agent=AGENT, network_geocoder=rec, min_delay_seconds=0.0)
    loc = g.geocode("Kharkiv", language="uk", timeout=1)
    assert loc.raw["geonameid"] == KHARKIV and rec.calls == []
    assert g.geocode({"city": "Borova", "state": "Kharkiv Oblast"}).raw["geonameid"] == 711623

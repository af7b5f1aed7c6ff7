"""A geopy ``Geocoder`` that answers from the bundled offline gazetteer.

It keeps geopy's generic contract: ``geocode``/``reverse`` return a ``Location``, a list
(``exactly_one=False``) or None; ``limit`` is a positive number or None; ``language``,
``timeout`` and structured (dict) queries are accepted; with an async adapter
(``adapter_factory=geopy.adapters.AioHTTPAdapter``) the methods return awaitables, as
every geopy geocoder does, and ``async with`` works.
"""

from __future__ import annotations

from collections.abc import Mapping

from geopy.adapters import BaseAsyncAdapter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geoinc.coordinates import validate_lat_lon
from geoinc.exceptions import ConfigurationError, CoordinateError
from geoinc.gazetteer import Gazetteer, Place

__all__ = ["BundledGazetteer", "place_to_location", "STRUCTURED_KEYS", "NETWORK_ONLY_KEYS"]

#: Keys of a structured (dict) query, most specific first (Nominatim's names).
STRUCTURED_KEYS = ("city", "county", "state", "country")
#: structured-query keys only a network geocoder can answer (no such data offline)
NETWORK_ONLY_KEYS = ("street", "postalcode", "amenity")


def place_to_location(place: Place) -> Location:
    """Wrap a :class:`~geoinc.gazetteer.Place` as a geopy ``Location`` (lat, lon order).

    Examples
    --------
    >>> from geoinc.gazetteer import Gazetteer
    >>> place_to_location(Gazetteer.default().best("Kharkiv")).address
    'Kharkiv, Kharkiv Oblast, UA'
    """
    parts = [place.name]
    if place.kind in ("place", "settlement") and place.admin1_name:
        parts.append(place.admin1_name)
    if place.kind != "country":
        parts.append(place.country)
    raw = place.raw
    # geopy's Location wants (lat, lon): this is the one place we cross into that order.
    return Location(", ".join(parts), Point(place.lat, place.lon), raw)


def _parse_point(query) -> tuple[float, float]:
    # Validate before geopy's Point, which would silently wrap a longitude of 200 to -160.
    if isinstance(query, Point):
        return validate_lat_lon(query.latitude, query.longitude)
    if isinstance(query, str):
        parts = query.replace(";", ",").split(",")
        if len(parts) != 2:
            raise CoordinateError(f"not a 'lat, lon' pair: {query!r}")
        return validate_lat_lon(parts[0], parts[1], parse_strings=True)
    try:
        lat, lon = query
    except (TypeError, ValueError):
        raise CoordinateError(f"not a (lat, lon) pair: {query!r}") from None
    return validate_lat_lon(lat, lon)


class BundledGazetteer(Geocoder):
    """Offline geocoder over geoinc's bundled GeoNames/KATOTTG gazetteer.

    Works anywhere geopy geocoders do, including ``geopandas.tools.geocode``. Nothing
    is sent over the network; ``timeout``, ``proxies`` and the like are accepted for
    interface compatibility and ignored.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the process-wide bundled gazetteer.
    country : str, optional
        Restrict forward geocoding to one country (ISO2 or name).
    kind : str, optional
        Restrict to a kind of record (``"place"``, ``"admin1"``, ``"country"``).
    fuzzy : bool, default True
        Accept close misspellings (their score in ``location.raw["score"]`` is < 1).

    Examples
    --------
    >>> geocoder = BundledGazetteer()
    >>> loc = geocoder.geocode("Kharkov")
    >>> loc.raw["geonameid"], round(loc.latitude, 2)
    (706483, 49.98)
    >>> geocoder.geocode("Nowhere-on-Earth-xyz") is None
    True
    >>> geocoder.reverse("50.60, 36.58").address
    'Belgorod, Belgorod Oblast, RU'
    """

    def __init__(
        self,
        *,
        gazetteer: Gazetteer | None = None,
        country: str | None = None,
        kind: str | None = None,
        fuzzy: bool = True,
        timeout=DEFAULT_SENTINEL,
        proxies=DEFAULT_SENTINEL,
        user_agent: str | None = None,
        ssl_context=DEFAULT_SENTINEL,
        adapter_factory=None,
    ) -> None:
        super().__init__(
            timeout=timeout,
            proxies=proxies,
            user_agent=user_agent,
            ssl_context=ssl_context,
            adapter_factory=adapter_factory,
        )
        self.gazetteer = gazetteer or Gazetteer.default()
        self.country = country
        self.kind = kind
        self.fuzzy = fuzzy

    def __call__(self, **kwargs) -> BundledGazetteer:
        """The geocoder itself, when geopandas calls ``provider(**kwargs)``."""
        # geopandas.tools.geocode instantiates `provider(**kwargs)`; let an instance
        # stand in for the class so a configured geocoder can be passed too.
        return self if not kwargs else type(self)(**kwargs)

    def _answer(self, result):
        """The result, or an awaitable of it when an async adapter was configured."""
        if not isinstance(self.adapter, BaseAsyncAdapter):
            return result

        async def _ready():
            return result

        return _ready()

    def _structured(self, query: Mapping) -> tuple[str, str | None]:
        """A dict query (Nominatim's keys) -> (qualified name, country)."""
        unknown = set(query) - set(STRUCTURED_KEYS) - set(NETWORK_ONLY_KEYS)
        if unknown:
            raise ConfigurationError(
                f"unknown query key(s) {', '.join(sorted(map(str, unknown)))}; "
                f"use {', '.join(STRUCTURED_KEYS)}"
            )
        offline = [k for k in NETWORK_ONLY_KEYS if query.get(k)]
        if offline:
            raise ConfigurationError(
                f"the bundled gazetteer has no {', '.join(offline)} data: query by "
                "city/county/state/country, or use OfflineFirst for street addresses"
            )
        parts = [str(query[k]) for k in ("city", "county", "state") if query.get(k)]
        country = str(query["country"]) if query.get("country") else None
        if not parts and country:  # the country itself, by name or ISO2 code
            code = country.strip().upper()
            if len(code) == 2 and code.isalpha():
                return self.gazetteer.country_place(code).name, None
            return country, None
        return ", ".join(parts), country

    @staticmethod
    def _check_limit(limit) -> None:
        if limit is None:
            return
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ConfigurationError(f"limit must be a whole number >= 1 or None, not {limit!r}")

    def geocode(
        self,
        query,
        *,
        exactly_one: bool = True,
        timeout=DEFAULT_SENTINEL,
        limit: int | None = None,
        language: str | None = None,
        country: str | None = None,
        kind: str | None = None,
    ):
        """Forward geocoding; None when nothing matches (geopy's convention).

        Parameters
        ----------
        query : str or dict
            A place name, optionally qualified ("Borova, Kharkiv Oblast"), or a
            structured query with Nominatim's keys ``city``, ``county``, ``state``,
            ``country`` (``street``/``postalcode`` are refused: no such data offline).
        exactly_one : bool, default True
            Return one ``Location`` rather than a list.
        timeout : float, optional
            Accepted for geopy compatibility (nothing is sent anywhere).
        limit : int, optional
            Most results when ``exactly_one`` is False (default 10); must be >= 1.
        language : str, optional
            Accepted for geopy compatibility. Addresses are GeoNames' English names
            whatever the language: the bundled alternate names (``raw["names"]``) carry
            no language tags, and guessing one from the script picks wrong forms.
        country, kind : str, optional
            Override the instance's restrictions for this call.

        Raises
        ------
        ConfigurationError
            ``limit`` below 1 or not a whole number; an unusable structured query.

        Examples
        --------
        >>> g = BundledGazetteer()
        >>> g.geocode({"city": "Borova", "state": "Kharkiv Oblast"}).raw["geonameid"]
        711623
        >>> len(g.geocode("Borova", exactly_one=False, limit=2))
        2
        """
        self._check_limit(limit)
        if query is None or (isinstance(query, float) and query != query):
            return self._answer(None)
        locations = self._locations(query, exactly_one, limit, country, kind)
        if not locations:
            return self._answer(None)
        return self._answer(locations[0] if exactly_one else locations)

    def _locations(
        self, query, exactly_one: bool, limit: int | None, country: str | None, kind: str | None
    ) -> list[Location]:
        """The matches of a (plain or structured) query, per-call restrictions first."""
        if isinstance(query, Mapping):
            query, wanted = self._structured(query)
            country = wanted or country
        places = self.gazetteer.lookup(
            str(query),
            country=country or self.country,
            kind=kind or self.kind,
            limit=1 if exactly_one else (limit or 10),
            fuzzy=self.fuzzy,
        )
        return [place_to_location(p) for p in places]

    def reverse(
        self,
        query,
        *,
        exactly_one: bool = True,
        timeout=DEFAULT_SENTINEL,
        language: str | None = None,
    ):
        """Reverse geocoding: the nearest populated place.

        Parameters
        ----------
        query : str, tuple or geopy Point
            ``"lat, lon"``, ``(lat, lon)`` or a ``Point`` — geopy's (lat, lon) order.
        language : str, optional
            As for :meth:`geocode`.

        Raises
        ------
        CoordinateError
            For unparseable, NaN or out-of-range coordinates.
        """
        lat, lon = _parse_point(query)
        result = self.gazetteer.reverse(lat, lon)
        loc = place_to_location(result.place)
        raw = dict(
            loc.raw,
            distance_km=result.distance_km,
            admin1_code=result.admin1.admin1 if result.admin1 else "",
            country_code=result.country.country if result.country else result.place.country,
        )
        loc = Location(loc.address, loc.point, raw)
        return self._answer(loc if exactly_one else [loc])

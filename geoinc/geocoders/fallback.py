"""Offline first, network only on request.

Use this when a report names a place too small for the bundled gazetteer and you accept
sending that name to OpenStreetMap's Nominatim. Nominatim's usage policy asks for an
identifying user agent and at most one request per second; :class:`OfflineFirst` enforces
both through geopy's ``RateLimiter``. See https://operations.osmfoundation.org/policies/nominatim/.
"""

from __future__ import annotations

from collections.abc import Mapping

from geopy.adapters import BaseAsyncAdapter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder

from geoinc.exceptions import ConfigurationError
from geoinc.geocoders.bundled import NETWORK_ONLY_KEYS, BundledGazetteer

__all__ = ["OfflineFirst"]

_SAMPLE_AGENTS = {"", "geopy", "my-application", "my_application", "myapp", "test", "geoinc"}


class OfflineFirst(Geocoder):
    """Answer from the bundled gazetteer; fall back to Nominatim for unknown names.

    The network geocoder is created lazily, on the first name the gazetteer does not
    know, so constructing this object never touches the network.

    Parameters
    ----------
    user_agent : str
        Required, identifying your application (Nominatim refuses sample agents).
    min_delay_seconds : float, default 1.0
        Pause between network requests (Nominatim's policy: at most 1 per second).
    max_retries : int, default 2
    network_geocoder : geopy Geocoder, optional
        Use another network geocoder instead of Nominatim.
    timeout, proxies, ssl_context : optional
        geopy's options (defaults from ``geopy.geocoders.options``), given to Nominatim.

    Examples
    --------
    >>> g = OfflineFirst(user_agent="newsroom-factcheck/1.0 (desk@example.org)")
    >>> g.geocode("Belgorod").raw["source"]
    'geonames-cities500'
    """

    def __init__(
        self,
        *,
        user_agent: str,
        min_delay_seconds: float = 1.0,
        max_retries: int = 2,
        network_geocoder: Geocoder | None = None,
        timeout=DEFAULT_SENTINEL,
        proxies=DEFAULT_SENTINEL,
        ssl_context=DEFAULT_SENTINEL,
        **kwargs,
    ) -> None:
        if network_geocoder is None and (user_agent or "").strip().lower() in _SAMPLE_AGENTS:
            raise ConfigurationError(
                "OfflineFirst needs an identifying user_agent for Nominatim, e.g. "
                "'my-newsroom-tool/1.0 (contact@example.org)'"
            )
        adapter_factory = kwargs.pop("adapter_factory", None)
        super().__init__(
            timeout=timeout,
            proxies=proxies,
            user_agent=user_agent,
            ssl_context=ssl_context,
            adapter_factory=adapter_factory,
        )
        if isinstance(self.adapter, BaseAsyncAdapter):
            # the rate limiter and fallback chain are synchronous: say so, never hand back
            # a result where an awaitable was expected
            raise ConfigurationError(
                "OfflineFirst works with synchronous adapters only; use "
                "BundledGazetteer(adapter_factory=...) for async code, or run OfflineFirst "
                "in a thread (asyncio.to_thread)"
            )
        if min_delay_seconds < 1.0 and network_geocoder is None:
            raise ConfigurationError("Nominatim allows at most one request per second")
        self.bundled = BundledGazetteer(**kwargs)
        self._network = network_geocoder
        self._user_agent = user_agent
        self._min_delay = min_delay_seconds
        self._max_retries = max_retries
        self._limited = None

    def _remote(self):
        if self._limited is None:
            from geopy.extra.rate_limiter import RateLimiter

            if self._network is None:
                from geopy.geocoders import Nominatim

                # the caller's geopy options reach the only geocoder that uses them
                self._network = Nominatim(
                    user_agent=self._user_agent,
                    timeout=self.timeout,
                    proxies=self.proxies,
                    ssl_context=self.ssl_context,
                )
            # swallow_exceptions=False: a pipeline must not lose rows quietly.
            self._limited = RateLimiter(
                self._network.geocode,
                min_delay_seconds=self._min_delay,
                max_retries=self._max_retries,
                swallow_exceptions=False,
            )
        return self._limited

    def geocode(
        self,
        query,
        *,
        exactly_one: bool = True,
        timeout=DEFAULT_SENTINEL,
        limit: int | None = None,
        language: str | None = None,
        **kwargs,
    ):
        """Bundled answer when there is one, else the network geocoder's.

        ``timeout``, ``limit`` and ``language`` are passed on to the network geocoder
        (``timeout`` defaults to this geocoder's own); other keywords go to the bundled
        gazetteer only (``country``, ``kind``). A structured query with ``street``,
        ``postalcode`` or ``amenity`` goes straight to the network geocoder.
        """
        # a street or postcode query is the network's by nature: asking the gazetteer
        # would only raise its "no street data" error
        network_only = isinstance(query, Mapping) and any(query.get(k) for k in NETWORK_ONLY_KEYS)
        found = None
        if not network_only:
            found = self.bundled.geocode(
                query, exactly_one=exactly_one, limit=limit, language=language, **kwargs
            )
        if found:
            return found
        remote = {"timeout": self.timeout if timeout is DEFAULT_SENTINEL else timeout}
        if language is not None:
            remote["language"] = language
        if limit is not None and not exactly_one:
            remote["limit"] = limit
        return self._remote()(query, exactly_one=exactly_one, **remote)

    def reverse(
        self,
        query,
        *,
        exactly_one: bool = True,
        timeout=DEFAULT_SENTINEL,
        language: str | None = None,
    ):
        """Reverse geocoding always answers offline (the bundled gazetteer covers the globe)."""
        return self.bundled.reverse(query, exactly_one=exactly_one, language=language)

"""geopy-compatible geocoders.

``BundledGazetteer`` answers from geoinc's offline gazetteer; ``OfflineFirst`` tries it
first and asks a network geocoder (geopy's Nominatim, rate-limited) only for names the
bundled data does not know — an explicit opt-in, never a default.

Examples
--------
>>> import geopandas
>>> gdf = geopandas.tools.geocode(["Kharkiv", "Belgorod"], provider=BundledGazetteer)
>>> [round(p.y, 2) for p in gdf.geometry]
[49.98, 50.6]
"""

from __future__ import annotations

from geoinc.exceptions import GazetteerNotFound
from geoinc.geocoders.bundled import BundledGazetteer
from geoinc.geocoders.fallback import OfflineFirst

__all__ = ["BundledGazetteer", "OfflineFirst", "GEOCODERS", "get_geocoder"]

#: Geocoder classes by the name the CLI and configuration use.
GEOCODERS = {"bundled": BundledGazetteer, "offline-first": OfflineFirst}


def get_geocoder(name: str) -> type:
    """Return the geocoder class registered under ``name``.

    Raises
    ------
    GazetteerNotFound
        With the valid names in the message.
    """
    try:
        return GEOCODERS[name]
    except KeyError:
        raise GazetteerNotFound(
            f"unknown geocoder {name!r}; choose from {', '.join(sorted(GEOCODERS))}"
        ) from None

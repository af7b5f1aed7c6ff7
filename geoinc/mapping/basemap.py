"""What the map is drawn on: tile layers, the bundled vector basemap and place labels.

The vector basemap is built from the bundled country and admin1 polygons (coarse
everywhere, finer in the countries the incidents are in), so a map never needs a tile
server; tile layers are taken the way ``folium.Map(tiles=...)`` takes them.
"""

from __future__ import annotations

import html
import logging
import warnings
from functools import lru_cache

import numpy as np
import shapely

from geoinc.exceptions import ConfigurationError, GeoincError
from geoinc.mapping.geometry import region_frames, to_geojson_geometry

__all__ = ["DEFAULT_TILES", "basemap_collections", "place_labels", "tile_layer"]

log = logging.getLogger("geoinc")

#: Tile layer of online maps (name, URL, attribution)
DEFAULT_TILES = (
    "OpenStreetMap",
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)


def _feature_collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _drop_specks(geoms, min_area: float):
    """Remove polygon parts smaller than ``min_area`` square degrees (islets): drawing only."""
    arr = np.atleast_1d(np.asarray(geoms, dtype=object))
    out = []
    for g in arr:
        if g is None or g.is_empty:
            out.append(g)
            continue
        parts = [p for p in shapely.get_parts(g) if p.area >= min_area]
        if not parts:  # keep the largest part of a small island state
            parts = [max(shapely.get_parts(g), key=lambda p: p.area)]
        out.append(shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0])
    return out if np.ndim(geoms) else out[0]


@lru_cache(maxsize=1)
def _world_features() -> tuple:
    countries, _ = region_frames()
    simple = _drop_specks(
        shapely.simplify(countries.geometry.to_numpy(), 0.1, preserve_topology=False), 0.05
    )
    return tuple(
        (
            iso2,
            {
                "type": "Feature",
                "properties": {"iso2": iso2},
                "geometry": to_geojson_geometry(g, 2),
            },
        )
        for iso2, g in zip(countries["iso2"], simple, strict=False)
        if g is not None and not g.is_empty
    )


@lru_cache(maxsize=64)
def _fine_feature(iso2: str) -> dict | None:
    countries, _ = region_frames()
    hit = countries.loc[countries["iso2"] == iso2, "geometry"]
    if hit.empty:
        return None
    g = _drop_specks(shapely.simplify(hit.iloc[0], 0.02, preserve_topology=False), 0.002)
    return {"type": "Feature", "properties": {"iso2": iso2}, "geometry": to_geojson_geometry(g, 3)}


@lru_cache(maxsize=16)
def _admin1_features(countries_wanted: tuple[str, ...]) -> tuple:
    _, admin1 = region_frames()
    a1 = admin1[admin1["country"].isin(countries_wanted)]
    return tuple(
        {
            "type": "Feature",
            "properties": {"code": code, "name": str(name_en or name)},
            "geometry": to_geojson_geometry(shapely.simplify(g, 0.01, preserve_topology=True), 3),
        }
        for code, name, name_en, g in zip(
            a1["admin1"], a1["name"], a1["name_en"], a1.geometry, strict=False
        )
    )


def basemap_collections(countries_wanted: set[str]) -> tuple[dict, dict]:
    """Country polygons (coarse everywhere, finer where the incidents are) and admin1.

    Parameters
    ----------
    countries_wanted : set of str
        ISO2 codes drawn in detail, whose admin1 regions are included.

    Returns
    -------
    (dict, dict)
        GeoJSON FeatureCollections: countries, admin1 regions.
    """
    feats = []
    for iso2, feat in _world_features():
        fine = _fine_feature(iso2) if iso2 in countries_wanted else None
        feats.append(fine or feat)
    return _feature_collection(feats), _feature_collection(
        list(_admin1_features(tuple(sorted(countries_wanted))))
    )


def place_labels(countries_wanted: set[str], per_country: int = 12) -> list[list]:
    """The largest places of each country as ``[lon, lat, name]`` (none without a gazetteer).

    Parameters
    ----------
    countries_wanted : set of str
        ISO2 codes.
    per_country : int
        How many places per country, largest first.
    """
    return [list(x) for x in _labels_cached(tuple(sorted(countries_wanted)), per_country)]


@lru_cache(maxsize=16)
def _labels_cached(countries_wanted: tuple[str, ...], per_country: int) -> tuple:
    try:
        from geoinc.gazetteer import Gazetteer

        gz = Gazetteer.default()
        out = []
        for iso2 in sorted(countries_wanted):
            for p in gz.largest_places(iso2, n=per_country):
                out.append((round(p.lon, 4), round(p.lat, 4), p.name))
        return tuple(out)
    except (ImportError, GeoincError) as err:
        log.info("map: no basemap labels (%s)", err)
        return ()


def tile_layer(tiles, attr: str | None):
    """A folium ``TileLayer`` from what ``folium.Map(tiles=...)`` takes (None: no tiles).

    Parameters
    ----------
    tiles : str, xyzservices.TileProvider, folium.TileLayer, tuple or None
        A folium/xyzservices provider name ("CartoDB positron"), a provider, a URL
        template (with ``attr``), a ready ``folium.TileLayer`` or the historical
        ``(name, url, attribution)`` tuple.
    attr : str, optional
        Attribution of a URL template.

    Raises
    ------
    ConfigurationError
        Anything else, or a URL template without ``attr``.
    """
    import folium

    if tiles is None:
        return None
    if isinstance(tiles, folium.TileLayer):
        return tiles
    if isinstance(tiles, tuple) and len(tiles) == 3 and all(isinstance(t, str) for t in tiles):
        name, url, attribution = tiles
        return folium.TileLayer(
            tiles=url, attr=attr or attribution, name=html.escape(name), max_zoom=19
        )
    if not isinstance(tiles, str) and not hasattr(tiles, "build_url"):
        raise ConfigurationError(
            f"tiles must be a provider name, a URL template, an xyzservices TileProvider, "
            f"a folium.TileLayer or None, not {type(tiles).__name__}"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # folium's API-key notices
            return folium.TileLayer(tiles=tiles, attr=attr, max_zoom=19)
    except ValueError as err:  # folium: "Custom tiles must have an attribution."
        raise ConfigurationError(f"tiles={tiles!r}: {err} Pass attr=...") from err

"""``incident_map``: compose the layer builders into one folium map."""

from __future__ import annotations

import hashlib
import html
import importlib
import logging
import warnings
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

import numpy as np
import shapely

from geoinc.exceptions import ConfigurationError, GeoincError, MapError
from geoinc.mapping.assets import MAP_CSS, MAP_JS, OfflineFigure
from geoinc.mapping.geometry import (
    geodesic_buffer,
    geodesic_km,
    geodesic_line,
    region_frames,
    to_geojson_geometry,
)
from geoinc.mapping.layers import (
    Admin1Choropleth,
    BorderBand,
    BorderLayer,
    ClaimsLayer,
    DataAttribution,
    FullscreenControl,
    GeoincRuntime,
    HeatLayer,
    IncidentStore,
    IncidentTypeLayer,
    Legend,
    LibraryCheck,
    MeasureControl,
    MiniMap,
    PlaceSearch,
    TileFallback,
    TimeSlider,
    VectorBasemap,
)
from geoinc.mapping.payload import MapData, prepare_incidents

__all__ = ["incident_map", "border_band_geometry", "claim_features", "DEFAULT_TILES"]

log = logging.getLogger("geoinc")

#: Tile layer of online maps (name, URL, attribution)
DEFAULT_TILES = (
    "OpenStreetMap",
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
_DATASET_LABELS = {
    "naturalearth": "Natural Earth 10m",
    "osm": "OpenStreetMap 2017",
}


def _feature_collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _load_borders(dataset: str):
    """Borders from :mod:`geoinc.borders` when that module is installed, else None."""
    try:
        module = importlib.import_module("geoinc.borders")
    except ImportError:
        return None
    loader = getattr(module, "load_borders", None)
    return None if loader is None else loader(dataset=dataset)


def _borders_frame(borders, problems: list[str]):
    if borders is None:
        return None, None
    if isinstance(borders, str):
        frame = _load_borders(borders)
        if frame is None:
            problems.append("borders layer left out: geoinc.borders is not available")
            return None, None
        return frame, borders
    dataset = (
        str(borders["dataset"].iloc[0]) if "dataset" in borders and len(borders) else "borders"
    )
    return borders, dataset


def border_band_geometry(borders, pair: Sequence[str], km: float):
    """Return the area within ``km`` of the international border between two countries.

    Parameters
    ----------
    borders : GeoDataFrame
        With ``country_a``, ``country_b``, ``kind`` and line geometries (EPSG:4326).
    pair : (str, str)
        ISO2 codes, in any order.
    km : float

    Raises
    ------
    MapError
        When ``borders`` has no international line between the two countries.
    """
    a, b = sorted(str(c).upper() for c in pair)
    ca = borders["country_a"].astype(str).str.upper()
    cb = borders["country_b"].astype(str).str.upper()
    same = ((ca == a) & (cb == b)) | ((ca == b) & (cb == a))
    if "kind" in borders:
        same &= borders["kind"].astype(str) == "international"
    lines = borders.geometry[same.to_numpy()]
    if lines.empty:
        raise MapError(f"no international border between {a} and {b} in this border dataset")
    return geodesic_buffer(shapely.union_all(lines.to_numpy()), km)


def _attr(obj, *names, default=None):
    for name in names:
        if isinstance(obj, dict):
            if obj.get(name) is not None:
                return obj[name]
        elif getattr(obj, name, None) is not None:
            return getattr(obj, name)
    return default


def _lonlat(value):
    """(lon, lat) from a Place-like object, a dict, a shapely point or a pair."""
    if value is None:
        return None
    lon = _attr(value, "lon", "longitude")
    lat = _attr(value, "lat", "latitude")
    if lon is None and hasattr(value, "x") and hasattr(value, "y"):
        lon, lat = value.x, value.y
    if lon is None and isinstance(value, (tuple, list)) and len(value) == 2:
        lon, lat = value
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError):
        return None
    if not (np.isfinite(lon) and np.isfinite(lat) and abs(lat) <= 90 and abs(lon) <= 180):
        return None
    return lon, lat


def claim_features(claims: Sequence) -> tuple[list[dict], int]:
    """Turn checked claims into what the claims layer draws.

    Accepts :class:`geoinc.claims.ClaimResult` objects or dicts with the same fields:
    the place (a Place or lon/lat), the nearest border point ``(lon, lat)``, the
    computed km, the verdict and the claim text. A claim without both end points (a
    rank or direction claim, or an unverifiable one) cannot be drawn and is counted.

    Returns
    -------
    (list of dict, int)
        The drawable claims and how many were not drawable.
    """
    out, skipped = [], 0
    for c in claims:
        place = _attr(c, "place")
        start = _lonlat(place) or _lonlat(
            (_attr(c, "place_lon", "lon"), _attr(c, "place_lat", "lat"))
        )
        end = _lonlat(
            _attr(c, "nearest_border_point", "border_point", "nearest_point", "target_point")
        )
        if end is None:  # a distance between two places: draw to the other place
            end = _lonlat(_attr(c, "other"))
        if start is None or end is None:
            skipped += 1
            continue
        computed = _attr(c, "computed", "computed_km", "distance_km")
        if isinstance(computed, dict):  # ClaimResult.computed = {"km": ..., ...}
            computed = computed.get("km")
        try:
            km = float(computed)
        except (TypeError, ValueError):
            km = geodesic_km(*start, *end)
        verdict = str(_attr(c, "verdict", default="unverifiable"))
        place_name = _attr(place, "name") if not isinstance(place, str) else place
        place_name = str(place_name or _attr(c, "place_name", default="place"))
        rows = [
            ["Place", place_name],
            ["Computed", f"{km:.1f} km (geodesic, WGS84)"],
            ["Verdict", verdict],
        ]
        for label, names in (
            ("Stated", ("stated", "claimed", "stated_km", "value")),
            ("Method", ("method",)),
            ("Border dataset", ("dataset", "border_dataset")),
            ("Tolerance", ("tolerance", "tolerance_km")),
            ("Kind", ("kind",)),
            ("Reason", ("reason",)),
        ):
            v = _attr(c, *names)
            if isinstance(v, dict):
                v = v.get("as_written") or ", ".join(f"{k}: {x}" for k, x in v.items())
            if v is not None:
                rows.append([label, str(v)])
        out.append(
            {
                "line": geodesic_line(*start, *end),
                "label": f"{km:.1f} km · {verdict}",
                "title": f"Claim about {place_name}",
                "verdict": verdict,
                "rows": rows,
                "text": str(_attr(c, "sentence", "text", "quote", default="")),
            }
        )
    return out, skipped


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


def _basemap_layers(countries_wanted: set[str]):
    """Country polygons (coarse everywhere, finer where the incidents are) and admin1."""
    feats = []
    for iso2, feat in _world_features():
        fine = _fine_feature(iso2) if iso2 in countries_wanted else None
        feats.append(fine or feat)
    return _feature_collection(feats), _feature_collection(
        list(_admin1_features(tuple(sorted(countries_wanted))))
    )


def _labels(countries_wanted: set[str], per_country: int = 12) -> list[list]:
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


def _stacked_types(payload: dict) -> set[int]:
    """Event types with two or more point incidents at the very same place."""
    seen: dict[tuple, int] = {}
    out = set()
    for t, r, lon, lat in zip(
        payload["type"], payload["region"], payload["lon"], payload["lat"], strict=True
    ):
        if r is not None and r >= 0:
            continue
        key = (t, lon, lat)
        if key in seen:
            out.add(t)
        seen[key] = t
    return out


def _stable_ids(root, seed: str) -> None:
    # folium names elements with random ids; renumbering them makes the same input
    # give the same HTML byte for byte.
    counter = 0
    stack = [root]
    while stack:
        el = stack.pop(0)
        el._id = f"{seed}{counter:06x}"
        counter += 1
        stack.extend(el._children.values())


def _tile_layer(tiles, attr: str | None):
    """A folium ``TileLayer`` from what ``folium.Map(tiles=...)`` takes (None: no tiles).

    Accepts a folium/xyzservices provider name ("CartoDB positron"), an xyzservices
    ``TileProvider``, a URL template (with ``attr``), a ready ``folium.TileLayer`` or the
    historical ``(name, url, attribution)`` tuple.
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


def _packaged_assets() -> bool:
    """True when the XStatic packages that inline Leaflet are installed (geoinc[offline])."""
    import importlib.util

    return all(
        importlib.util.find_spec(name) is not None
        for name in ("xstatic.pkg.leaflet", "xstatic.pkg.leaflet_markercluster")
    )


def _own_map(m, inline: bool):
    """A fresh geoinc map, or the caller's ``folium.Map`` prepared to take geoinc layers."""
    import folium

    if m is None:
        m = folium.Map(location=None, tiles=None, control_scale=True, zoom_start=5)
        # the clusterer needs the map's own zoom range (with tiles it comes from them)
        m.options["max_zoom"] = 18
        m.options["min_zoom"] = 1
        # only what the runtime needs: fewer third-party requests, and nothing to fetch offline
        m.default_js = [MAP_JS[0]]
        m.default_css = [MAP_CSS[0]]
    elif not isinstance(m, folium.Map):
        raise ConfigurationError(f"m must be a folium.Map, not {type(m).__name__}")
    if inline:
        OfflineFigure().add_child(m)
    return m


def _controls_last(m) -> None:
    """Move the caller's LayerControl after geoinc's layers (folium renders in order)."""
    import folium

    for key, child in list(m._children.items()):
        if isinstance(child, folium.LayerControl):
            del m._children[key]
            m.add_child(child, name=key)


def incident_map(
    gdf,
    *,
    m=None,
    offline: bool = False,
    inline: bool | Literal["auto"] = "auto",
    title: str | None = None,
    cluster: bool | Literal["auto"] = "auto",
    canvas: bool | Literal["auto"] = "auto",
    heat: bool = True,
    borders="naturalearth",
    band: Sequence[str] | None = ("RU", "UA"),
    band_km: float = 30.0,
    choropleth: bool = True,
    claims: Sequence | None = None,
    popup_columns: Sequence[str] = (),
    tools: bool = True,
    tiles=DEFAULT_TILES,
    attr: str | None = None,
):
    """Draw incidents as a layered, standalone Leaflet map.

    Layers (each toggleable, one legend): one per event type (marker size by killed,
    colour by type; region-level incidents drawn as their region), a heat map, borders
    (disputed segments apart), a band within ``band_km`` of a border, admin1 regions
    shaded by killed, checked claims. A time slider filters every incident layer, the
    heat map and the shading together. Tools: geodesic measure, full screen, minimap,
    place search.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Incidents (see DESIGN "The incident GeoDataFrame"); only ``geometry`` is required.
    m : folium.Map, optional
        Add geoinc's layers, legend and controls to this map (as geopandas'
        ``explore(m=...)`` does) instead of a new one. Its tiles, view and other
        elements are kept; its ``LayerControl`` is moved after geoinc's layers.
    offline : bool
        Inline Leaflet and Leaflet.markercluster (needs ``geoinc[offline]``) and draw a
        vector basemap from the bundled polygons instead of tiles: the file then works
        with no network at all.
    inline : bool or "auto"
        Inline Leaflet and Leaflet.markercluster (about 190 kB) even when tiles are used.
        "auto" (the default): when ``geoinc[offline]`` is installed and the map is
        geoinc's own. An inlined map never shows a blank page without network: if no
        tile loads it switches to the bundled vector basemap and says so. A map that
        links the CDN shows a plain message when Leaflet cannot be loaded.
    title : str, optional
        Page title and legend heading.
    cluster : bool or "auto"
        Cluster markers client-side ("auto": when more than 300 incidents).
    canvas : bool or "auto"
        Draw markers on a canvas rather than SVG ("auto": above 2,000 incidents).
    heat : bool
        Add a heat-map layer (off when the map opens).
    borders : str, GeoDataFrame or None
        A :func:`geoinc.borders.load_borders` dataset name ("naturalearth", "osm"), a
        frame with ``country_a, country_b, kind, dataset, geometry``, or None for none.
        Lines are drawn within 5° of the incidents.
    band : (str, str) or None
        ISO2 pair whose border gets a "within ``band_km``" band.
    band_km : float
    choropleth : bool
        Shade admin1 regions by killed (best) in the time window.
    claims : sequence, optional
        Checked claims (:func:`geoinc.claims.check_text` results or dicts).
    popup_columns : sequence of str
        Extra columns shown in popups.
    tools : bool
        Measure, full-screen, minimap and search controls.
    tiles : str, xyzservices.TileProvider, folium.TileLayer, tuple or None
        Online tile layer, as ``folium.Map(tiles=...)`` takes it: a provider name
        ("OpenStreetMap", "CartoDB positron"), a URL template (with ``attr``), a
        provider or layer object, or the ``(name, url, attribution)`` tuple; ignored (no
        tiles) when ``offline``. With ``m=`` the default adds none (the map has its own).
    attr : str, optional
        Attribution of a custom tile URL (required by folium for one).

    Returns
    -------
    folium.Map
        ``m.save("map.html")`` writes one self-contained HTML file.

    Raises
    ------
    MapError
        Input that cannot be mapped (not a GeoDataFrame, unknown popup column, no border
        for ``band``); missing offline packages.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> gdf = gpd.GeoDataFrame(
    ...     {"event_type": ["Air/drone strike"], "date_start": ["2024-05-01"],
    ...      "place_name": ["Kharkiv"], "killed_best": [3]},
    ...     geometry=[shapely.Point(36.25, 49.98)], crs="EPSG:4326")
    >>> m = incident_map(gdf, borders=None, band=None)
    >>> html = m.get_root().render()
    >>> "Kharkiv" in html and "geoinc.Store" in html
    True
    """
    import folium

    given_map = m is not None
    if cluster not in (True, False, "auto"):
        raise ConfigurationError(f"cluster must be True, False or 'auto', not {cluster!r}")
    if canvas not in (True, False, "auto"):
        raise ConfigurationError(f"canvas must be True, False or 'auto', not {canvas!r}")
    problems: list[str] = []
    data: MapData = prepare_incidents(gdf, popup_columns=popup_columns)
    payload = data.payload
    n = payload["n"]
    use_cluster = n > 300 if cluster == "auto" else bool(cluster)
    use_canvas = n > 2000 if canvas == "auto" else bool(canvas)

    tile_layer = None
    if not offline and not (given_map and tiles is DEFAULT_TILES):
        tile_layer = _tile_layer(tiles, attr)
    if inline not in (True, False, "auto"):
        raise ConfigurationError(f"inline must be True, False or 'auto', not {inline!r}")
    use_inline = offline or (
        _packaged_assets() and not given_map if inline == "auto" else bool(inline)
    )
    m = _own_map(m, use_inline)
    figure = m.get_root()
    if title or not given_map:
        figure.title = html.escape(title or "geoinc incident map")
    GeoincRuntime().add_to(m)

    countries_wanted = set(data.countries) | ({c.upper() for c in band} if band else set())
    if not countries_wanted:
        countries_wanted = {"UA"}
    countries_fc, admin1_fc = _basemap_layers(countries_wanted)
    if tile_layer is not None:
        tile_layer.add_to(m)
    no_tiles = offline or (tile_layer is None and not given_map)
    basemap = VectorBasemap(countries_fc, admin1_fc, _labels(countries_wanted), show=no_tiles)
    basemap.add_to(m)

    legend_items: list[dict] = []
    frame, dataset = _borders_frame(borders, problems)
    view_bounds = data.bounds
    if frame is not None and len(frame):
        frame = (
            frame.to_crs(4326)
            if frame.crs is not None and not frame.crs.equals("EPSG:4326")
            else frame
        )
        label = _DATASET_LABELS.get(dataset, dataset)
        lines = frame
        if data.bounds is not None:
            (s, w), (nn, e) = data.bounds
            box = shapely.box(w - 5, s - 5, e + 5, nn + 5)
            lines = frame[frame.intersects(box)]
            clipped = shapely.intersection(lines.geometry.to_numpy(), box)
        else:
            clipped = lines.geometry.to_numpy()
        clipped = shapely.simplify(clipped, 0.002)
        feats = []
        for (_, row), g in zip(lines.iterrows(), clipped, strict=False):
            if g is None or g.is_empty:
                continue
            kind = str(row.get("kind", "international"))
            a, b = str(row.get("country_a", "")), str(row.get("country_b", ""))
            feats.append(
                {
                    "type": "Feature",
                    "properties": {"label": f"{a}–{b}" if b else a, "kind": kind, "dataset": label},
                    "geometry": to_geojson_geometry(g, 4),
                }
            )
        bl = BorderLayer(_feature_collection(feats), dataset=label)
        bl.add_to(m)
        legend_items.append(
            {
                "section": f"Borders — {label}",
                "rows": [
                    {"shape": "line", "color": bl.color, "label": "international"},
                    {
                        "shape": "dash",
                        "color": bl.disputed_color,
                        "label": "disputed / line of control",
                    },
                ],
            }
        )
        if band:
            try:
                poly = border_band_geometry(frame, band, band_km)
            except MapError as err:
                problems.append(str(err))
            else:
                a, b = sorted(c.upper() for c in band)
                name = f"Within {band_km:g} km of the {a}–{b} border"
                bb = BorderBand(
                    to_geojson_geometry(poly, 4),
                    label=name,
                    detail=f"geodesic buffer of the {label} line",
                )
                bb.add_to(m)
                legend_items.append(
                    {
                        "section": "Border band",
                        "rows": [
                            {"shape": "rect", "color": bb.color, "label": name + f" ({label})"}
                        ],
                    }
                )
                if view_bounds is None:
                    minx, miny, maxx, maxy = poly.bounds
                    view_bounds = [[miny, minx], [maxy, maxx]]
    elif band and frame is None and borders is not None:
        problems.append("border band left out: no border data")

    chor = None
    if choropleth and admin1_fc["features"]:
        chor = Admin1Choropleth(basemap)
        chor.add_to(m)
        legend_items.append(
            {
                "section": "Regions: killed (best) in window",
                "rows": [
                    {"shape": "rect", "color": c, "label": f"≥ {b}"}
                    for b, c in zip(chor.BREAKS, chor.COLORS, strict=False)
                ],
            }
        )

    groups = {}
    counts = np.bincount(payload["type"], minlength=len(payload["types"])) if n else []
    stacked = _stacked_types(payload) if not use_cluster and not use_canvas else set()
    for j, (tname, color) in enumerate(payload["types"]):
        layer = IncidentTypeLayer(
            j, tname, color, cluster=use_cluster, count=int(counts[j]), stack=j in stacked
        )
        layer.add_to(m)
        groups[j] = layer
    heat_layer = HeatLayer() if heat and n else None
    if heat_layer is not None:
        heat_layer.add_to(m)

    if claims:
        drawable, skipped = claim_features(claims)
        if skipped:
            problems.append(f"{skipped} claim(s) have no place or border point and are not drawn")
        if drawable:
            ClaimsLayer(drawable).add_to(m)
            verdicts = sorted({c["verdict"] for c in drawable})
            legend_items.append(
                {
                    "section": "Claims: place → nearest border point",
                    "rows": [
                        {
                            "shape": "line",
                            "color": ClaimsLayer.COLORS.get(v, ClaimsLayer.COLORS["_other"]),
                            "label": v,
                        }
                        for v in verdicts
                    ],
                }
            )

    store = IncidentStore(payload, groups, heat=heat_layer, choropleth=chor, canvas=use_canvas)
    store.add_to(m)
    TimeSlider(store).add_to(m)
    notes = []
    if data.n_unlocated:
        notes.append(f"{data.n_unlocated} incident(s) without any location are not drawn.")
    if no_tiles:
        notes.append(
            "Basemap: Natural Earth (public domain); Ukrainian oblasts: geoBoundaries (ODbL)."
        )
    legend_cfg = {"title": title or "Incidents", "items": legend_items, "notes": notes}
    Legend(store, legend_cfg).add_to(m)
    if tools:
        MeasureControl().add_to(m)
        FullscreenControl().add_to(m)
        MiniMap(basemap, tiles=None if tile_layer is None else tile_layer.tiles).add_to(m)
        PlaceSearch(store, _labels(countries_wanted, per_country=60)).add_to(m)
    DataAttribution().add_to(m)
    if tile_layer is not None and not offline:
        TileFallback(basemap).add_to(m)
    if not use_inline:
        LibraryCheck().add_to(m)
    if any(isinstance(c, folium.LayerControl) for c in m._children.values()):
        _controls_last(m)
    else:
        folium.LayerControl(collapsed=True).add_to(m)
    if view_bounds is not None and not (given_map and m.location is not None):
        (s, w), (nn, e) = view_bounds
        if s == nn and w == e:  # one point: show its surroundings, not zoom 18
            s, nn, w, e = s - 0.5, nn + 0.5, w - 0.5, e + 0.5
        m.fit_bounds([[s, w], [nn, e]])
    for msg in problems:
        warnings.warn(msg, UserWarning, stacklevel=2)
        log.warning("map: %s", msg)
    m.geoinc_warnings = data.warnings + problems
    seed = hashlib.md5(store.payload_json.encode("utf-8")).hexdigest()[:10]
    _stable_ids(figure, seed)
    return m

"""``incident_map``: compose the layer builders into one folium map.

Each ``_add_*`` function below builds one part of the map -- basemap and tiles, borders
and the border band, regions, incident layers, heat map, claims, the incident store,
legend, tools, page controls, the first view (clear of the controls) -- from the prepared
incidents (:class:`MapData`), adds it to the map and records its legend section and any
problem in the shared :class:`_Build`. :func:`incident_map` calls them in the order
folium renders them.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import logging
import textwrap
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import folium
import numpy as np
import shapely

from geoinc.exceptions import ConfigurationError, MapError
from geoinc.mapping.assets import MAP_CSS, MAP_JS, OfflineFigure
from geoinc.mapping.basemap import DEFAULT_TILES, basemap_collections, place_labels, tile_layer
from geoinc.mapping.claim_lines import claim_features
from geoinc.mapping.geometry import geodesic_buffer, to_geojson_geometry
from geoinc.mapping.layers import (
    Admin1Choropleth,
    BorderBand,
    BorderLayer,
    ClaimsLayer,
    DataAttribution,
    FirstView,
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

_DATASET_LABELS = {
    "naturalearth": "Natural Earth 10m",
    "osm": "OpenStreetMap 2017",
}


@dataclass
class _Build:
    """What the layer builders share while one map is composed."""

    m: folium.Map
    data: MapData
    #: countries drawn in detail (the incidents' and the band's)
    countries: set[str]
    given_map: bool
    offline: bool
    inline: bool
    tiles: object = None  # the folium.TileLayer, or None
    basemap: VectorBasemap | None = None
    has_regions: bool = False
    view_bounds: list | None = None
    legend: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def no_tiles(self) -> bool:
        """True when the vector basemap is the map's only background."""
        return self.offline or (self.tiles is None and not self.given_map)


def _check_choice(name: str, value) -> None:
    if value not in (True, False, "auto"):
        raise ConfigurationError(f"{name} must be True, False or 'auto', not {value!r}")


def _packaged_assets() -> bool:
    """True when the XStatic packages that inline Leaflet are installed (geoinc[offline])."""
    import importlib.util

    return all(
        importlib.util.find_spec(name) is not None
        for name in ("xstatic.pkg.leaflet", "xstatic.pkg.leaflet_markercluster")
    )


def _own_map(m: folium.Map | None, inline: bool) -> folium.Map:
    """A fresh geoinc map, or the caller's ``folium.Map`` prepared to take geoinc layers."""
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


def _start_map(
    m,
    data: MapData,
    band: Sequence[str] | None,
    *,
    offline: bool,
    inline: bool | Literal["auto"],
    title: str | None,
    tiles,
    attr: str | None,
) -> _Build:
    """The map to draw on, with its page title and the geoinc runtime.

    Parameters
    ----------
    m : folium.Map or None
        The caller's map, or None for a new one.
    data : MapData
    band : (str, str) or None
        Its countries are drawn in detail too.
    offline, inline, title, tiles, attr
        As :func:`incident_map` takes them.
    """
    given_map = m is not None
    layer = None
    if not offline and not (given_map and tiles is DEFAULT_TILES):
        layer = tile_layer(tiles, attr)
    _check_choice("inline", inline)
    use_inline = offline or (
        _packaged_assets() and not given_map if inline == "auto" else bool(inline)
    )
    m = _own_map(m, use_inline)
    if title or not given_map:
        m.get_root().title = html.escape(title or "geoinc incident map")
    GeoincRuntime().add_to(m)
    countries = set(data.countries) | ({c.upper() for c in band} if band else set())
    return _Build(
        m=m,
        data=data,
        countries=countries or {"UA"},
        given_map=given_map,
        offline=offline,
        inline=use_inline,
        tiles=layer,
        view_bounds=data.bounds,
    )


def _add_basemap(b: _Build) -> None:
    """The tile layer (if any) and the vector basemap, shown when there are no tiles."""
    countries_fc, admin1_fc = basemap_collections(b.countries)
    if b.tiles is not None:
        b.tiles.add_to(b.m)
    b.basemap = VectorBasemap(countries_fc, admin1_fc, place_labels(b.countries), show=b.no_tiles)
    b.basemap.add_to(b.m)
    b.has_regions = bool(admin1_fc["features"])


def _load_borders(dataset: str):
    """Borders from :mod:`geoinc.borders` when that module is installed, else None."""
    try:
        module = importlib.import_module("geoinc.borders")
    except ImportError:
        return None
    loader = getattr(module, "load_borders", None)
    return None if loader is None else loader(dataset=dataset)


def _borders_frame(borders, problems: list[str]):
    """The border lines and their dataset's name from a dataset name or a frame."""
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


def _border_features(frame, bounds: list | None, label: str) -> dict:
    """The border lines within 5° of the incidents, simplified, as a FeatureCollection.

    Parameters
    ----------
    frame : GeoDataFrame
        Border lines in EPSG:4326.
    bounds : [[south, west], [north, east]] or None
        The incidents' bounds (None: every line).
    label : str
        The dataset's name, a property of every feature.
    """
    lines = frame
    if bounds is not None:
        (s, w), (n, e) = bounds
        box = shapely.box(w - 5, s - 5, e + 5, n + 5)
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
    return {"type": "FeatureCollection", "features": feats}


def _add_border_lines(b: _Build, frame, label: str) -> None:
    """The borders layer (disputed segments apart) and its legend section."""
    layer = BorderLayer(_border_features(frame, b.data.bounds, label), dataset=label)
    layer.add_to(b.m)
    b.legend.append(
        {
            "section": f"Borders — {label}",
            "rows": [
                {"shape": "line", "color": layer.color, "label": "international"},
                {
                    "shape": "dash",
                    "color": layer.disputed_color,
                    "label": "disputed / line of control",
                },
            ],
        }
    )


def _add_band(b: _Build, frame, label: str, band: Sequence[str], band_km: float) -> None:
    """The area within ``band_km`` of the border between the ``band`` countries.

    A pair with no border in ``frame`` is a problem (warned), not an error. With no
    incidents to frame, the map opens on the band.
    """
    try:
        poly = border_band_geometry(frame, band, band_km)
    except MapError as err:
        b.problems.append(str(err))
        return
    a, c = sorted(x.upper() for x in band)
    name = f"Within {band_km:g} km of the {a}–{c} border"
    layer = BorderBand(
        to_geojson_geometry(poly, 4), label=name, detail=f"geodesic buffer of the {label} line"
    )
    layer.add_to(b.m)
    b.legend.append(
        {
            "section": "Border band",
            "rows": [{"shape": "rect", "color": layer.color, "label": name + f" ({label})"}],
        }
    )
    if b.view_bounds is None:
        minx, miny, maxx, maxy = poly.bounds
        b.view_bounds = [[miny, minx], [maxy, maxx]]


def _add_borders(b: _Build, borders, band: Sequence[str] | None, band_km: float) -> None:
    """Border lines and the border band (see :func:`incident_map` for the arguments)."""
    frame, dataset = _borders_frame(borders, b.problems)
    if frame is not None and len(frame):
        if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
            frame = frame.to_crs(4326)
        label = _DATASET_LABELS.get(dataset, dataset)
        _add_border_lines(b, frame, label)
        if band:
            _add_band(b, frame, label, band, band_km)
    elif band and frame is None and borders is not None:
        b.problems.append("border band left out: no border data")


def _add_choropleth(b: _Build) -> Admin1Choropleth | None:
    """Admin1 regions shaded by killed (best) in the time window, with its legend classes."""
    if not b.has_regions:
        return None
    chor = Admin1Choropleth(b.basemap)
    chor.add_to(b.m)
    b.legend.append(
        {
            "section": "Regions: killed (best) in window",
            "rows": [
                {"shape": "rect", "color": c, "label": f"≥ {br}"}
                for br, c in zip(chor.BREAKS, chor.COLORS, strict=False)
            ],
        }
    )
    return chor


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


def _add_incident_layers(b: _Build, *, cluster: bool, stack: bool) -> dict[int, IncidentTypeLayer]:
    """One (empty) layer per event type, named with its count; the store fills them.

    Parameters
    ----------
    b : _Build
    cluster : bool
        Cluster markers client-side.
    stack : bool
        Group incidents at the very same point (spiderfied on click) in the types that
        have such.

    Returns
    -------
    dict of int -> IncidentTypeLayer
        By the type's index in the payload.
    """
    payload = b.data.payload
    counts = np.bincount(payload["type"], minlength=len(payload["types"])) if payload["n"] else []
    stacked = _stacked_types(payload) if stack else set()
    groups = {}
    for j, (tname, color) in enumerate(payload["types"]):
        layer = IncidentTypeLayer(
            j, tname, color, cluster=cluster, count=int(counts[j]), stack=j in stacked
        )
        layer.add_to(b.m)
        groups[j] = layer
    return groups


def _add_heat(b: _Build) -> HeatLayer | None:
    """The heat map of the incidents in the time window (none for an empty map)."""
    if not b.data.payload["n"]:
        return None
    layer = HeatLayer()
    layer.add_to(b.m)
    return layer


def _add_claims(b: _Build, claims: Sequence) -> None:
    """Checked claims as lines to the point they are measured to, coloured by verdict."""
    drawable, skipped = claim_features(claims)
    if skipped:
        b.problems.append(f"{skipped} claim(s) have no place or border point and are not drawn")
    if not drawable:
        return
    ClaimsLayer(drawable).add_to(b.m)
    colors = ClaimsLayer.COLORS
    b.legend.append(
        {
            "section": "Claims: place → nearest border point",
            "rows": [
                {"shape": "line", "color": colors.get(v, colors["_other"]), "label": v}
                for v in sorted({c["verdict"] for c in drawable})
            ],
        }
    )


def _add_store(b: _Build, groups, heat, chor, *, canvas: bool) -> IncidentStore:
    """The incidents' data and the script that fills the layers from it; the time slider.

    Parameters
    ----------
    b : _Build
    groups : dict of int -> IncidentTypeLayer
    heat : HeatLayer or None
    chor : Admin1Choropleth or None
    canvas : bool
        Draw markers on a canvas.
    """
    store = IncidentStore(b.data.payload, groups, heat=heat, choropleth=chor, canvas=canvas)
    store.add_to(b.m)
    TimeSlider(store).add_to(b.m)
    return store


def _add_legend(b: _Build, store: IncidentStore, title: str | None) -> None:
    """One legend: the layers' sections, the incidents not drawn, the basemap's sources."""
    notes = []
    if b.data.n_unlocated:
        notes.append(f"{b.data.n_unlocated} incident(s) without any location are not drawn.")
    if b.no_tiles:
        notes.append(
            "Basemap: Natural Earth (public domain); Ukrainian oblasts: geoBoundaries (ODbL)."
        )
    legend_cfg = {"title": title or "Incidents", "items": b.legend, "notes": notes}
    Legend(store, legend_cfg).add_to(b.m)


def _add_tools(b: _Build, store: IncidentStore) -> None:
    """Geodesic measure, full screen, minimap and place search."""
    MeasureControl().add_to(b.m)
    FullscreenControl().add_to(b.m)
    MiniMap(b.basemap, tiles=None if b.tiles is None else b.tiles.tiles).add_to(b.m)
    PlaceSearch(store, place_labels(b.countries, per_country=60)).add_to(b.m)


def _add_page_controls(b: _Build) -> None:
    """Data attribution, the fallbacks for missing tiles or Leaflet, and the layer control.

    The caller's own ``LayerControl`` is moved after geoinc's layers (folium renders in
    order, and the control lists only the layers before it); otherwise one is added.
    """
    DataAttribution().add_to(b.m)
    if b.tiles is not None and not b.offline:
        TileFallback(b.basemap).add_to(b.m)
    if not b.inline:
        LibraryCheck().add_to(b.m)
    controls = [
        (key, child)
        for key, child in b.m._children.items()
        if isinstance(child, folium.LayerControl)
    ]
    if not controls:
        folium.LayerControl(collapsed=True).add_to(b.m)
    for key, child in controls:
        del b.m._children[key]
        b.m.add_child(child, name=key)


def _fit_view(b: _Build, store: IncidentStore) -> None:
    """Open on the incidents (or the band) with none under a control.

    The runtime fits the bounds with padding measured from the controls laid out in the
    page (:class:`FirstView`; folium's ``fit_bounds`` cannot know their sizes). A
    caller's map with a location keeps it.
    """
    if b.view_bounds is None or (b.given_map and b.m.location is not None):
        return
    (s, w), (n, e) = b.view_bounds
    if s == n and w == e:  # one point: show its surroundings, not zoom 18
        s, n, w, e = s - 0.5, n + 0.5, w - 0.5, e + 0.5
    # added last: the controls are all on the map when it runs
    FirstView(store, [[s, w], [n, e]]).add_to(b.m)


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


def _finish(b: _Build, store: IncidentStore) -> folium.Map:
    """Warn the problems (at the caller of :func:`incident_map`), number the elements."""
    for msg in b.problems:
        warnings.warn(msg, UserWarning, stacklevel=3)
        log.warning("map: %s", msg)
    b.m.geoinc_warnings = b.data.warnings + b.problems
    seed = hashlib.md5(store.payload_json.encode("utf-8")).hexdigest()[:10]
    _stable_ids(b.m.get_root(), seed)
    return b.m


def _doc_sections(**sections: str):
    """Put ``{name}`` sections into the decorated function's docstring (as pandas' ``@doc``).

    Keeps a public function with many parameters short to read, with its full numpydoc
    docstring in ``help()``.
    """

    def fill(func):
        doc = func.__doc__
        if doc is None:  # python -OO strips docstrings
            return func
        for name, text in sections.items():
            at = doc.index("{" + name + "}")
            indent = doc[doc.rindex("\n", 0, at) + 1 : at]
            body = textwrap.indent(textwrap.dedent(text).strip("\n"), indent)
            doc = doc.replace(indent + "{" + name + "}", body)
        func.__doc__ = doc
        return func

    return fill


#: incident_map's docstring between its summary line and its examples
_INCIDENT_MAP_SECTIONS = """
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
"""


@_doc_sections(sections=_INCIDENT_MAP_SECTIONS)
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
) -> folium.Map:
    """Draw incidents as a layered, standalone Leaflet map.

    {sections}

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
    _check_choice("cluster", cluster)
    _check_choice("canvas", canvas)
    data = prepare_incidents(gdf, popup_columns=popup_columns)
    n = data.payload["n"]
    use_cluster = n > 300 if cluster == "auto" else bool(cluster)
    use_canvas = n > 2000 if canvas == "auto" else bool(canvas)
    b = _start_map(
        m, data, band, offline=offline, inline=inline, title=title, tiles=tiles, attr=attr
    )
    _add_basemap(b)
    _add_borders(b, borders, band, band_km)
    chor = _add_choropleth(b) if choropleth else None
    groups = _add_incident_layers(b, cluster=use_cluster, stack=not (use_cluster or use_canvas))
    heat_layer = _add_heat(b) if heat else None
    if claims:
        _add_claims(b, claims)
    store = _add_store(b, groups, heat_layer, chor, canvas=use_canvas)
    _add_legend(b, store, title)
    if tools:
        _add_tools(b, store)
    _add_page_controls(b)
    _fit_view(b, store)
    return _finish(b, store)

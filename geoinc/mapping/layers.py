"""The map's layers and controls, each a small element in folium's own style.

Every class here is a :class:`folium.map.Layer` (so :class:`folium.LayerControl` lists
it) or a :class:`branca.element.MacroElement` with a ``_template`` holding a ``script``
macro. Data go into the page only as escaped JSON (:func:`~geoinc.mapping.payload.escaped_json`)
and are written into the DOM by the runtime with ``textContent``; names shown by
Leaflet's layer control (which uses ``innerHTML``) are HTML-escaped here.

Build order matters the way it does in folium: add the layers, then
:class:`IncidentStore` (which fills the incident layers), then the controls,
:class:`folium.LayerControl`, and :class:`FirstView` last (it measures the controls).
:func:`geoinc.mapping.incident_map` does all that.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from geoinc.mapping.assets import MAP_CSS, MAP_JS, runtime_css, runtime_js
from geoinc.mapping.payload import escaped_json

__all__ = [
    "GeoincRuntime",
    "VectorBasemap",
    "BorderLayer",
    "BorderBand",
    "Admin1Choropleth",
    "IncidentTypeLayer",
    "HeatLayer",
    "ClaimsLayer",
    "IncidentStore",
    "TimeSlider",
    "Legend",
    "MeasureControl",
    "FullscreenControl",
    "MiniMap",
    "PlaceSearch",
    "DataAttribution",
    "TileFallback",
    "LibraryCheck",
    "FirstView",
]

#: The attribution the bundled data's licences require (see gazetteer/README.md).
DATA_ATTRIBUTION = (
    'Places <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0) · '
    'oblasts, RU–UA border © <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
    "contributors (ODbL), geoBoundaries · made with "
    '<a href="https://www.naturalearthdata.com/">Natural Earth</a>'
)


def _control_name(text: str) -> str:
    # Leaflet's layer control writes the name with innerHTML: escape it here; "{" too,
    # because branca re-reads rendered scripts as Jinja templates.
    return html.escape(str(text), quote=True).replace("{", "&#123;").replace("}", "&#125;")


class _Raw(Element):
    """Text placed in the page as it is: never parsed as a Jinja template (which
    branca does to the output of every macro) -- fast for megabytes of data, and
    data can never become template code."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:  # noqa: D102
        return self.text


def _add_island(element: Element, island_id: str, json_text: str) -> None:
    """Put ``json_text`` in the page body as ``<script type="application/json">``."""
    figure = element.get_root()
    figure.html.add_child(
        _Raw(f'<script type="application/json" id="{island_id}">{json_text}</script>'),
        name=island_id,
    )


class GeoincRuntime(JSCSSMixin):
    """The geoinc runtime (inline JS + CSS) and the two libraries it needs.

    Examples
    --------
    >>> import folium
    >>> m = folium.Map(tiles=None)
    >>> _ = GeoincRuntime().add_to(m)
    >>> "window.geoinc" in m.get_root().render()
    True
    """

    default_js = list(MAP_JS)
    default_css = list(MAP_CSS)
    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.js }}</script>
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "GeoincRuntime"
        self.js = runtime_js().replace("</script", "<\\/script")
        self.css = runtime_css()


class _JsonLayer(Layer):
    """A layer made by one ``geoinc.<factory>(data, options)`` call of the runtime."""

    factory = ""
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geoinc.{{ this.factory }}(geoinc.readData({{ this.data_id|tojson }}), {{ this.options_json }});
        {% endmacro %}
        """  # noqa: E501 - JavaScript lines of the template
    )

    def __init__(
        self,
        data,
        options: Mapping,
        *,
        name: str,
        overlay: bool = True,
        control: bool = True,
        show: bool = True,
    ) -> None:
        super().__init__(name=_control_name(name), overlay=overlay, control=control, show=show)
        self._name = type(self).__name__
        self.data_json = escaped_json(data)
        self.options_json = escaped_json(dict(options))

    @property
    def data_id(self) -> str:
        """DOM id of the layer's data island."""
        return "geoinc-data-" + self._id

    def render(self, **kwargs):
        """Render the data island, then the layer's script."""
        _add_island(self, self.data_id, self.data_json)
        super().render(**kwargs)


class VectorBasemap(_JsonLayer):
    """A basemap drawn from country and admin1 polygons: no tiles, works offline.

    Parameters
    ----------
    countries, admin1 : dict
        GeoJSON FeatureCollections (lon/lat).
    labels : list of [lon, lat, name]
        Place labels shown from ``label_zoom`` on.
    """

    factory = "vectorBasemap"

    def __init__(
        self,
        countries: dict,
        admin1: dict | None = None,
        labels: Sequence[Sequence] = (),
        *,
        name: str = "Vector basemap (offline)",
        label_zoom: int = 6,
        show: bool = True,
    ) -> None:
        super().__init__(
            {"countries": countries, "admin1": admin1, "labels": [list(x) for x in labels]},
            {"labelZoom": label_zoom},
            name=name,
            overlay=False,
            show=show,
        )


class BorderLayer(_JsonLayer):
    """International borders; disputed segments dashed in another colour.

    Parameters
    ----------
    features : dict
        GeoJSON FeatureCollection of lines with properties ``label``, ``kind``
        (``"international"`` or ``"disputed"``) and ``dataset``.
    dataset : str
        Named in the layer control and the legend.
    """

    factory = "borderLayer"

    def __init__(
        self,
        features: dict,
        *,
        dataset: str,
        color: str = "#303030",
        disputed_color: str = "#c51b7d",
        show: bool = True,
    ) -> None:
        super().__init__(
            features,
            {"color": color, "disputedColor": disputed_color},
            name=f"Borders ({dataset})",
            show=show,
        )
        self.dataset = dataset
        self.color = color
        self.disputed_color = disputed_color


class BorderBand(_JsonLayer):
    """The area within ``km`` (geodesic) of a border."""

    factory = "bandLayer"

    def __init__(
        self, polygon: dict, *, label: str, detail: str, color: str = "#e6550d", show: bool = True
    ) -> None:
        super().__init__(
            {"type": "Feature", "properties": {}, "geometry": polygon},
            {"color": color, "label": label, "detail": detail},
            name=label,
            show=show,
        )
        self.color = color
        self.label = label


class Admin1Choropleth(Layer):
    """Admin1 regions shaded by the killed (best) of the incidents in the time window.

    The polygons are the ones the :class:`VectorBasemap` already carries (not repeated).
    """

    BREAKS = (1, 5, 20, 50, 100, 250)
    COLORS = ("#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15")
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geoinc.choropleth({{ this.basemap.get_name() }}._data.admin1, {{ this.options_json }});
        {% endmacro %}
        """  # noqa: E501 - JavaScript lines of the template
    )

    def __init__(
        self,
        basemap: VectorBasemap,
        *,
        name: str = "Regions shaded by killed (best)",
        show: bool = False,
    ) -> None:
        super().__init__(name=_control_name(name), overlay=True, show=show)
        self._name = "Admin1Choropleth"
        self.basemap = basemap
        self.options_json = escaped_json({"breaks": list(self.BREAKS), "colors": list(self.COLORS)})


class IncidentTypeLayer(Layer):
    """The (initially empty) layer of one event type; :class:`IncidentStore` fills it.

    Clustered with Leaflet.markercluster when ``cluster`` is true; otherwise, with
    ``stack``, only incidents at the very same point are grouped, and fan out
    ("spiderfy") when clicked.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geoinc.incidentGroup({{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        type_index: int,
        type_name: str,
        color: str,
        *,
        cluster: bool,
        count: int,
        show: bool = True,
        stack: bool = False,
    ) -> None:
        super().__init__(name=_control_name(f"{type_name} ({count})"), overlay=True, show=show)
        self._name = "IncidentTypeLayer"
        self.type_index = type_index
        options = {"cluster": bool(cluster), "color": color}
        if stack and not cluster:  # incidents at one point: spiderfied on click
            options["stack"] = True
        self.options_json = escaped_json(options)


class HeatLayer(Layer):
    """A heat map of the incidents in the time window (canvas, drawn by the runtime)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geoinc.heatLayer({{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(self, *, name: str = "Heat map", radius: int = 14, show: bool = False) -> None:
        super().__init__(name=_control_name(name), overlay=True, show=show)
        self._name = "HeatLayer"
        self.options_json = escaped_json({"radius": radius})


class ClaimsLayer(_JsonLayer):
    """Checked border-distance claims: a geodesic line from the place to the nearest
    border point, labelled with the computed km and the verdict."""

    factory = "claimsLayer"
    COLORS = {
        "consistent": "#1a9641",
        "roughly consistent": "#a6d96a",
        "inconsistent": "#d7191c",
        "unverifiable": "#888888",
        "_other": "#555555",
    }

    def __init__(
        self, claims: list[dict], *, name: str = "Claims checked", show: bool = True
    ) -> None:
        super().__init__(claims, {"colors": self.COLORS}, name=f"{name} ({len(claims)})", show=show)


class IncidentStore(MacroElement):
    """The incidents' data island, and the script that fills the layers from it.

    Parameters
    ----------
    payload : dict
        From :func:`~geoinc.mapping.payload.prepare_incidents`.
    groups : dict of int -> IncidentTypeLayer
    heat : HeatLayer, optional
    choropleth : Admin1Choropleth, optional
    canvas : bool
        Draw markers on a canvas (fast for large sets) instead of SVG.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
          var t0 = performance.now();
          var data = geoinc.readData({{ this.data_id|tojson }});
          var groups = {
            {%- for idx, layer in this.groups.items() %}
            {{ idx }}: {{ layer.get_name() }},
            {%- endfor %}
          };
          var store = new geoinc.Store({{ this._parent.get_name() }}, data, {groups: groups, canvas: {{ this.canvas|tojson }}});
          {%- if this.heat %}
          {{ this.heat.get_name() }}.setStore(store);
          store.heat = {{ this.heat.get_name() }};
          {%- endif %}
          {%- if this.choropleth %}
          {{ this.choropleth.get_name() }}.setStore(store);
          store.choropleth = {{ this.choropleth.get_name() }};
          {%- endif %}
          var entry = geoinc.register({map: {{ this._parent.get_name() }}, store: store, ready: false});
          store.filter(data.dmin === null ? 0 : data.dmin, data.dmax === null ? 0 : data.dmax, true);
          // cluster groups load in chunks; the map is ready when the last chunk is in
          var done = function () {
            entry.ready = true;
            entry.renderMs = performance.now() - t0;
            window.geoincReady = true;
          };
          var check = function () {
            var loading = Object.keys(groups).some(function (k) { return groups[k]._geoincLoading; });
            if (loading) setTimeout(check, 30); else requestAnimationFrame(done);
          };
          check();
          return store;
        })();
        {% endmacro %}
        """  # noqa: E501 - JavaScript lines of the template
    )

    def __init__(
        self,
        payload: dict,
        groups: Mapping[int, IncidentTypeLayer],
        *,
        heat: HeatLayer | None = None,
        choropleth: Admin1Choropleth | None = None,
        canvas: bool = False,
    ) -> None:
        super().__init__()
        self._name = "IncidentStore"
        self.payload_json = escaped_json(payload)
        self.groups = dict(groups)
        self.heat = heat
        self.choropleth = choropleth
        self.canvas = bool(canvas)

    @property
    def data_id(self) -> str:
        """DOM id of the data island."""
        return "geoinc-data-" + self._id

    def render(self, **kwargs):
        """Render the data island, then the script."""
        _add_island(self, self.data_id, self.payload_json)
        super().render(**kwargs)


class _Control(MacroElement):
    """A runtime control: ``new geoinc.<cls>(args...).addTo(map)``."""

    control = ""
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = new geoinc.{{ this.control }}({{ this.args_js }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """  # noqa: E501 - JavaScript lines of the template
    )

    def __init__(self, *args) -> None:
        super().__init__()
        self._name = type(self).__name__
        # elements are kept as references: their names are final only at render time
        self.args = args

    @property
    def args_js(self) -> str:
        """The constructor's arguments as JavaScript."""
        return ", ".join(a.get_name() if hasattr(a, "get_name") else a for a in self.args)


class TimeSlider(_Control):
    """A two-handle date window that filters every incident layer together (and the
    heat map and the choropleth), with a play button and an 'undated' switch."""

    control = "TimeSlider"

    def __init__(self, store: IncidentStore, *, position: str = "bottomleft") -> None:
        super().__init__(store, escaped_json({"position": position}))


class Legend(_Control):
    """One legend for all layers: event types with live counts, marker sizes, region
    drawing, borders (with the dataset), band, choropleth classes and claim verdicts."""

    control = "Legend"

    def __init__(
        self, store: IncidentStore | None, config: dict, *, position: str = "bottomright"
    ) -> None:
        super().__init__(
            store if store is not None else "null",
            escaped_json(config),
            escaped_json({"position": position}),
        )


class MeasureControl(_Control):
    """Click to measure geodesic (WGS84) distances; double-click to finish."""

    control = "MeasureControl"

    def __init__(self, *, position: str = "topleft") -> None:
        super().__init__(escaped_json({"position": position}))


class FullscreenControl(_Control):
    """Toggle full screen."""

    control = "FullscreenControl"

    def __init__(self, *, position: str = "topleft") -> None:
        super().__init__(escaped_json({"position": position}))


class TileFallback(_Control):
    """Switches to the vector basemap, with a note, when no map tile can be loaded."""

    control = "TileFallback"

    def __init__(self, basemap: VectorBasemap, *, position: str = "topright") -> None:
        super().__init__(basemap, escaped_json({"position": position}))


class LibraryCheck(MacroElement):
    """A message in the page when Leaflet (from the CDN) could not be loaded at all.

    Only for maps that link Leaflet from the CDN: then no map code can run, so a plain
    HTML note (shown by a tiny script that needs nothing) replaces the blank page.
    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="geoinc-no-leaflet" class="geoinc-no-leaflet" style="display:none">
        This map needs the Leaflet library from cdn.jsdelivr.net, which could not be loaded
        (no network?). Build a map that works offline with <code>geoinc map --offline</code>
        or <code>incident_map(gdf, offline=True)</code>.</div>
        <script>window.addEventListener("load", function () {
          if (!window.L) document.getElementById("geoinc-no-leaflet").style.display = "block";
        });</script>
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "LibraryCheck"


class MiniMap(_Control):
    """An overview map; draws the vector basemap (offline) or the given tile URL."""

    control = "MiniMap"
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = new geoinc.MiniMap(function () {
          {%- if this.tiles %}
          return L.tileLayer({{ this.tiles|tojson }}, {maxZoom: 18});
          {%- else %}
          return geoinc.vectorBasemap({countries: {{ this.basemap.get_name() }}._data.countries}, {labelZoom: 99});
          {%- endif %}
        }, {{ this.options_json }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """  # noqa: E501 - JavaScript lines of the template
    )

    def __init__(
        self, basemap: VectorBasemap, *, tiles: str | None = None, position: str = "bottomright"
    ) -> None:
        super().__init__()
        self.tiles = tiles
        self.basemap = basemap
        self.options_json = escaped_json({"position": position})


class PlaceSearch(_Control):
    """Search the incidents' places (and optional extra ``[lon, lat, name]`` places)."""

    control = "SearchControl"

    def __init__(
        self,
        store: IncidentStore | None,
        places: Sequence[Sequence] = (),
        *,
        position: str = "topleft",
    ) -> None:
        super().__init__(
            store if store is not None else "null",
            escaped_json([list(p) for p in places]),
            escaped_json({"position": position}),
        )


class DataAttribution(MacroElement):
    """Adds the bundled data's required attribution to the map's attribution control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text_json }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str = DATA_ATTRIBUTION) -> None:
        super().__init__()
        self._name = "DataAttribution"
        self.text_json = escaped_json(text)


class FirstView(MacroElement):
    """Open the map on ``bounds`` with no incident under a control.

    The runtime measures the controls once they are laid out and fits the bounds with
    padding on the sides whose controls would cover an incident (see ``firstView`` in
    ``geoinc-map.js``). Add it last, after every control.

    Parameters
    ----------
    store : IncidentStore or None
        Its incidents are kept clear of the controls (None: the bounds are fitted only).
    bounds : [[south, west], [north, east]]
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geoinc.firstView({{ this._parent.get_name() }}, {{ this.store_js }}, {{ this.bounds_json }});
        {% endmacro %}
        """  # noqa: E501 - JavaScript lines of the template
    )

    def __init__(self, store: IncidentStore | None, bounds: Sequence[Sequence[float]]) -> None:
        super().__init__()
        self._name = "FirstView"
        self.store = store
        self.bounds_json = escaped_json([[float(v) for v in corner] for corner in bounds])

    @property
    def store_js(self) -> str:
        """The store's variable name (final only at render time), or ``null``."""
        return "null" if self.store is None else self.store.get_name()

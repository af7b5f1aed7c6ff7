"""Default QGIS styles stored in a GeoPackage (QGIS's ``layer_styles`` table).

QGIS opens a GeoPackage layer with the row of ``layer_styles`` marked
``useAsDefault``. geoinc stores one for the incident layer (categorised by
``event_type`` in the map's colours, marker size growing with the square root of
killed) and one for the region layer (graduated by killed, the map's choropleth
colours). The QML is written for QGIS 3.x (``<prop>`` symbol properties, which every
3.x release reads).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from xml.sax.saxutils import quoteattr

import pandas as pd

from geoinc.taxonomy import type_color

__all__ = ["incident_style", "region_style", "layer_styles_frame"]

#: marker size in mm: base + factor * sqrt(killed)
_SIZE = 'coalesce(2.4 + 1.2 * sqrt("killed_best"), 2.4 + 1.2 * sqrt("killed_low"), 2.4)'
_BREAKS = ((0, 0, "#f7f7f7"), (1, 4, "#fcbba1"), (5, 19, "#fc9272"), (20, 49, "#fb6a4a"),
           (50, 99, "#de2d26"), (100, 1_000_000, "#a50f15"))  # fmt: skip


def _rgba(hex_color: str, alpha: int = 255) -> str:
    h = hex_color.lstrip("#")
    return ",".join(str(int(h[i : i + 2], 16)) for i in (0, 2, 4)) + f",{alpha}"


def _props(**props) -> str:
    return "".join(f"<prop k={quoteattr(k)} v={quoteattr(str(v))}/>" for k, v in props.items())


def _marker(name: str, color: str) -> str:
    size = (
        '<data_defined_properties><Option type="Map"><Option type="QString" name="name" value=""/>'
        '<Option type="Map" name="properties"><Option type="Map" name="size">'
        '<Option type="bool" name="active" value="true"/>'
        f'<Option type="QString" name="expression" value={quoteattr(_SIZE)}/>'
        '<Option type="int" name="type" value="3"/></Option></Option>'
        '<Option type="QString" name="type" value="collection"/></Option></data_defined_properties>'
    )
    layer = _props(
        color=_rgba(color, 220),
        name="circle",
        outline_color="35,35,35,255",
        outline_width="0.2",
        outline_width_unit="MM",
        size="2.4",
        size_unit="MM",
    )
    return (
        f'<symbol type="marker" name={quoteattr(name)} alpha="1" clip_to_extent="1" '
        f'force_rhr="0"><layer class="SimpleMarker" enabled="1" locked="0" pass="0">'
        f"{layer}{size}</layer></symbol>"
    )


def _fill(name: str, color: str) -> str:
    layer = _props(
        color=_rgba(color, 170),
        style="solid",
        outline_color="120,120,120,255",
        outline_style="solid",
        outline_width="0.26",
        outline_width_unit="MM",
    )
    return (
        f'<symbol type="fill" name={quoteattr(name)} alpha="1" clip_to_extent="1" '
        f'force_rhr="0"><layer class="SimpleFill" enabled="1" locked="0" pass="0">'
        f"{layer}</layer></symbol>"
    )


def _document(renderer: str) -> str:
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        '<qgis version="3.22.0" styleCategories="Symbology">'
        f"{renderer}<blendMode>0</blendMode><featureBlendMode>0</featureBlendMode></qgis>\n"
    )


def incident_style(event_types: Iterable[str]) -> str:
    """QML categorising incidents by ``event_type`` (colours of the HTML maps).

    Examples
    --------
    >>> qml = incident_style(["Air/drone strike"])
    >>> 'attr="event_type"' in qml and "215,25,28,220" in qml
    True
    """
    types = sorted({t for t in event_types if isinstance(t, str) and t})
    cats, syms = [], []
    for i, t in enumerate(types):
        cats.append(
            f'<category render="true" symbol="{i}" value={quoteattr(t)} label={quoteattr(t)}/>'
        )
        syms.append(_marker(str(i), type_color(t)))
    n = len(types)
    cats.append(f'<category render="true" symbol="{n}" value="" label="other or unknown"/>')
    syms.append(_marker(str(n), "#777777"))
    renderer = (
        '<renderer-v2 type="categorizedSymbol" attr="event_type" forceraster="0" '
        'symbollevels="0" enableorderby="0">'
        f"<categories>{''.join(cats)}</categories><symbols>{''.join(syms)}</symbols>"
        "</renderer-v2>"
    )
    return _document(renderer)


def region_style() -> str:
    """QML shading region-level incidents by killed (best, else low).

    Examples
    --------
    >>> "graduatedSymbol" in region_style()
    True
    """
    ranges, syms = [], []
    for i, (lo, hi, color) in enumerate(_BREAKS):
        label = f"{lo}" if lo == hi else (f"{lo}+" if hi >= 1_000_000 else f"{lo}-{hi}")
        ranges.append(
            f'<range render="true" symbol="{i}" lower="{lo - 0.5}" upper="{hi + 0.5}" '
            f"label={quoteattr(label + ' killed')}/>"
        )
        syms.append(_fill(str(i), color))
    renderer = (
        '<renderer-v2 type="graduatedSymbol" attr="coalesce(&quot;killed_best&quot;, '
        '&quot;killed_low&quot;, 0)" graduatedMethod="GraduatedColor" forceraster="0" '
        'symbollevels="0" enableorderby="0">'
        f"<ranges>{''.join(ranges)}</ranges><symbols>{''.join(syms)}</symbols></renderer-v2>"
    )
    return _document(renderer)


def layer_styles_frame(layers: dict[str, str], geometry_column: str = "geom") -> pd.DataFrame:
    """Rows of QGIS's ``layer_styles`` table: one default style per layer.

    Parameters
    ----------
    layers : dict
        Layer name -> QML.
    geometry_column : str
        The GeoPackage geometry column (GDAL writes ``geom``).
    """
    now = datetime.now(timezone.utc).replace(microsecond=0)  # with its zone: a valid DATETIME
    return pd.DataFrame(
        {
            "f_table_catalog": [""] * len(layers),
            "f_table_schema": [""] * len(layers),
            "f_table_name": list(layers),
            "f_geometry_column": [geometry_column] * len(layers),
            "styleName": [f"geoinc {name}" for name in layers],
            "styleQML": list(layers.values()),
            "styleSLD": [""] * len(layers),
            "useAsDefault": [True] * len(layers),
            "description": ["default style written by geoinc"] * len(layers),
            "owner": [""] * len(layers),
            "ui": [""] * len(layers),
            "update_time": pd.Series([now] * len(layers), dtype="datetime64[ms, UTC]"),
        }
    )

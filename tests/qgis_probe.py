"""Open layers with PyQGIS (headless) and print what QGIS sees, as JSON.

Run by ``tests/test_gis_interop.py`` under the interpreter that has QGIS's Python
bindings (Debian: ``/usr/bin/python3`` with ``python3-qgis``), which is not the test
interpreter. Arguments: OGR data source URIs (``file.gpkg|layername=incidents``).
Besides each layer's fields and renderer it reports the OGR drivers QGIS's GDAL has,
so a test can skip a format (GeoParquet needs GDAL's Arrow driver) the build lacks.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    Qgis,
    QgsApplication,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsSymbolLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def _drivers() -> list:
    try:
        from osgeo import ogr
    except ImportError:  # PyQGIS without GDAL's bindings: say nothing rather than guess
        return []
    return [ogr.GetDriver(i).GetName() for i in range(ogr.GetDriverCount())]


def _classes(renderer) -> list:
    """Each category's or range's label, and its marker's data-defined size, if any."""
    items = []  # keep the categories alive: each owns its symbol
    if hasattr(renderer, "categories"):
        items = renderer.categories()
    elif hasattr(renderer, "ranges"):
        items = renderer.ranges()
    out = []
    for item in items:
        props = item.symbol().symbolLayer(0).dataDefinedProperties()
        size = props.property(QgsSymbolLayer.PropertySize)
        out.append(
            {"label": item.label(), "size": size.expressionString() if size.isActive() else None}
        )
    return out


def _painted(layer) -> int:
    """How many pixels the layer's own renderer paints on a white 160x160 image."""
    if not layer.isValid() or layer.featureCount() <= 0:
        return 0
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent().buffered(0.5))
    settings.setOutputSize(QSize(160, 160))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    white = QColor(255, 255, 255).rgb()
    return sum(image.pixel(x, y) != white for x in range(0, 160, 2) for y in range(0, 160, 2))


def _describe(layer) -> dict:
    renderer = layer.renderer()
    return {
        "valid": layer.isValid(),
        "features": layer.featureCount(),
        "crs": layer.crs().authid(),
        "fields": {f.name(): f.typeName() for f in layer.fields()},
        "renderer": renderer.type() if renderer else None,
        "renderer_attribute": getattr(renderer, "classAttribute", lambda: None)(),
        "classes": _classes(renderer) if renderer else [],
        "geometry": [f.geometry().asWkt(3) for f in layer.getFeatures()][:3],
        "painted": _painted(layer),
    }


app = QgsApplication([], False)
app.initQgis()
out = {"version": Qgis.QGIS_VERSION, "drivers": _drivers(), "layers": {}}
for uri in sys.argv[1:]:
    out["layers"][uri] = _describe(QgsVectorLayer(uri, "layer", "ogr"))
print(json.dumps(out), flush=True)
# QGIS 3.22 may crash tearing down its providers after such a script: leave without it
os._exit(0)

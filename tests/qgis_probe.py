"""Open layers with PyQGIS (headless) and print what QGIS sees, as JSON.

Run by ``tests/test_gis_interop.py`` under the interpreter that has QGIS's Python
bindings (Debian: ``/usr/bin/python3`` with ``python3-qgis``), which is not the test
interpreter. Arguments: OGR data source URIs (``file.gpkg|layername=incidents``).
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import Qgis, QgsApplication, QgsVectorLayer  # noqa: E402

app = QgsApplication([], False)
app.initQgis()
out = {"version": Qgis.QGIS_VERSION, "layers": {}}
for uri in sys.argv[1:]:
    layer = QgsVectorLayer(uri, "layer", "ogr")
    renderer = layer.renderer()
    out["layers"][uri] = {
        "valid": layer.isValid(),
        "features": layer.featureCount(),
        "crs": layer.crs().authid(),
        "fields": {f.name(): f.typeName() for f in layer.fields()},
        "renderer": renderer.type() if renderer else None,
        "renderer_attribute": getattr(renderer, "classAttribute", lambda: None)(),
        "geometry": [f.geometry().asWkt(3) for f in layer.getFeatures()][:3],
    }
print(json.dumps(out), flush=True)
# QGIS 3.22 may crash tearing down its providers after such a script: leave without it
os._exit(0)

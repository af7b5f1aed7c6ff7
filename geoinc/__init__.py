"""geoinc: news reports of attacks -> mapped, checked, exportable incident data.

Heavy parts (the gazetteer, geopandas, folium) load lazily, on first use, so
``import geoinc`` is cheap and touches neither disk data nor the network.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it; resolved on first attribute access
_LAZY = {
    "Gazetteer": "geoinc.gazetteer",
    "Place": "geoinc.gazetteer",
    "ReverseResult": "geoinc.gazetteer",
    "BundledGazetteer": "geoinc.geocoders",
    "exceptions": "geoinc.exceptions",
    "geoparse": "geoinc.geoparsing",
    "extract": "geoinc.extraction.pipeline",
    "claims": "geoinc.claims",
    "borders": "geoinc.borders",
    "incident_map": "geoinc.mapping",
    "show_versions": "geoinc.versions",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    modname = _LAZY.get(name)
    if modname is None:
        raise AttributeError(f"module 'geoinc' has no attribute {name!r}")
    module = importlib.import_module(modname)
    value = module if modname.rsplit(".", 1)[-1] == name else getattr(module, name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))

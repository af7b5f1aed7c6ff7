"""Versions of geoinc, its dependencies and its bundled data, for bug reports."""

from __future__ import annotations

import importlib.metadata
import platform
import sys

__all__ = ["show_versions", "versions"]

_DEPENDENCIES = (
    "numpy",
    "pandas",
    "shapely",
    "pyproj",
    "pyogrio",
    "geopandas",
    "geopy",
    "folium",
    "scipy",
    "rapidfuzz",
    "pyahocorasick",
    "tqdm",
    "pyarrow",
    "playwright",
)


def versions() -> dict[str, str | None]:
    """Return ``{name: version or None}`` for geoinc, Python, GDAL/GEOS/PROJ and dependencies.

    Examples
    --------
    >>> v = versions()
    >>> v["geoinc"] is not None and "python" in v
    True
    """
    from geoinc import __version__

    out: dict[str, str | None] = {
        "geoinc": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }
    for name in _DEPENDENCIES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = None
    try:
        import pyogrio
        import pyproj
        import shapely

        out["GDAL"] = pyogrio.__gdal_version_string__
        out["GEOS"] = shapely.geos_version_string
        out["PROJ"] = pyproj.proj_version_str
    except ImportError:  # pragma: no cover - core dependencies
        pass
    try:
        from geoinc._data import data_dir

        out["data"] = str(data_dir())
    except Exception as err:  # noqa: BLE001 - a report tool must not fail
        out["data"] = f"unavailable: {err}"
    return out


def show_versions() -> None:
    """Print :func:`versions` one per line (paste it into bug reports)."""
    for name, version in versions().items():
        print(f"{name:>14}: {version}")

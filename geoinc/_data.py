"""Where the bundled data files live.

Installed from a wheel, the gazetteer ships as the package directory ``geoinc/_data``.
Run from a source checkout (or an editable install), the same files are read from the
top-level ``gazetteer/data`` directory.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from geoinc.exceptions import GazetteerDataError

__all__ = ["data_dir", "data_path"]


@lru_cache(maxsize=1)
def data_dir() -> Path:
    """Return the directory holding the bundled data files."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parent / "gazetteer" / "data"):
        if (candidate / "places.npz").is_file():
            return candidate
    raise GazetteerDataError(
        "geoinc's bundled gazetteer files were not found (looked in "
        f"{here / '_data'} and {here.parent / 'gazetteer' / 'data'}); "
        "reinstall geoinc or run `python gazetteer/build.py` in a source checkout"
    )


def data_path(name: str) -> Path:
    """Return the path of one bundled data file, raising if it is missing."""
    path = data_dir() / name
    if not path.exists():
        raise GazetteerDataError(f"bundled data file {name!r} is missing from {data_dir()}")
    return path

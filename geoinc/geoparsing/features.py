"""The geoparser's supplementary data: continents, second-level divisions, natural
features and a frequency list of name keys that are also English words.

Built by ``gazetteer/build_features.py`` into ``features.tsv.gz`` and
``common_words.tsv`` next to the main gazetteer; read lazily, once per process.
"""

from __future__ import annotations

import gzip
import threading
from functools import lru_cache

from geoinc._data import data_path
from geoinc.exceptions import GazetteerDataError
from geoinc.gazetteer import Place

__all__ = ["Supplement", "supplement"]

_LOCK = threading.Lock()


class Supplement:
    """Supplementary records by name key, and word frequencies.

    Records are turned into :class:`~geoinc.gazetteer.Place` objects only when a name
    that needs them is looked up.

    Parameters
    ----------
    rows : list of str
        Tab-separated records as written by ``gazetteer/build_features.py`` (no header).
    zipf : dict
        Word -> Zipf frequency in English (frequent words and name keys only).
    """

    def __init__(self, rows: list[str], zipf: dict) -> None:
        self._rows = rows
        self.zipf = zipf
        self.by_key: dict[str, list[tuple[int, bool]]] = {}
        for i, row in enumerate(rows):
            for key in row[: row.index("\t")].split("|"):
                weak = key.endswith("~")
                self.by_key.setdefault(key.rstrip("~"), []).append((i, weak))
        self._places: dict[int, tuple[Place, float]] = {}

    def lookup(self, key: str) -> list[tuple[Place, float]]:
        """The records under one normalised name, with their priors."""
        out = []
        for i, weak in self.by_key.get(key, ()):
            got = self._places.get(i)
            if got is None:
                (_, name, names, kind, lat, lon, gid, country, admin1, prior, precision, source) = (
                    self._rows[i].split("\t")
                )
                place = Place(
                    name=name,
                    lat=float(lat),
                    lon=float(lon),
                    geonameid=int(gid) if gid else None,
                    kind=kind,
                    country=country,
                    admin1=admin1,
                    precision=precision,
                    altnames=names,
                    source=source,
                    row=-1,
                )
                got = self._places[i] = (place, float(prior))
            # An admin2 name that is just a town's name is weaker than "X County".
            out.append((got[0], got[1] - (1.5 if weak else 0.0)))
        return out


@lru_cache(maxsize=1)
def supplement() -> Supplement:
    """Load the supplementary files (cached; thread-safe)."""
    with _LOCK:
        try:
            path = data_path("features.tsv.gz")
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                rows = [line for line in fh.read().split("\n")[1:] if line]
            zipf = {}
            for line in data_path("common_words.tsv").read_text(encoding="utf-8").splitlines():
                key, _, z = line.partition("\t")
                if key and z:
                    zipf[key] = float(z)
        except (OSError, ValueError) as err:
            raise GazetteerDataError(
                f"cannot read the geoparser's supplementary data: {err}"
            ) from err
    return Supplement(rows, zipf)

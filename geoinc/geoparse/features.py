"""The geoparser's supplementary data: continents, second-level divisions, natural
features and a frequency list of name keys that are also English words.

Built by ``gazetteer/build_features.py`` into ``features.jsonl.gz`` and
``common_words.tsv`` next to the main gazetteer; read lazily, once per process.
"""

from __future__ import annotations

import gzip
import json
import threading
from dataclasses import dataclass
from functools import lru_cache

from geoinc._data import data_path
from geoinc.exceptions import GazetteerDataError
from geoinc.gazetteer import Place
from geoinc.names import normalize

__all__ = ["Supplement", "supplement"]

_LOCK = threading.Lock()


@dataclass(frozen=True)
class Supplement:
    """Supplementary records by name key, and word frequencies.

    Attributes
    ----------
    by_key : dict
        normalised name -> tuple of (Place, prior) pairs.
    zipf : dict
        one-word name key -> Zipf frequency of the word in English (>= 3.0 only).
    """

    by_key: dict
    zipf: dict


@lru_cache(maxsize=1)
def supplement() -> Supplement:
    """Load the supplementary files (cached; thread-safe)."""
    with _LOCK:
        try:
            path = data_path("features.jsonl.gz")
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                records = [json.loads(line) for line in fh if line.strip()]
            zipf = {}
            for line in data_path("common_words.tsv").read_text(encoding="utf-8").splitlines():
                key, _, z = line.partition("\t")
                if key and z:
                    zipf[key] = float(z)
        except (OSError, ValueError) as err:
            raise GazetteerDataError(f"cannot read the geoparser's supplementary data: {err}") from err
    by_key: dict[str, list] = {}
    for rec in records:
        place = Place(
            name=rec["name"], lat=float(rec["lat"]), lon=float(rec["lon"]),
            geonameid=rec["geonameid"], kind=rec["kind"], country=rec["country"],
            admin1=rec["admin1"], precision=rec["precision"], altnames="|".join(rec["names"]),
            source=rec["source"], row=-1,
        )
        prior = float(rec["prior"])
        core = rec.get("core")
        for name in dict.fromkeys([rec["name"], *rec["names"]]):
            key = normalize(name)
            if not key:
                continue
            # An admin2 name that is just a town's name ("Paris" the département) is
            # weaker than one that says "County".
            p = prior - 1.5 if core is not None and key == core else prior
            by_key.setdefault(key, []).append((place, p))
    return Supplement({k: tuple(v) for k, v in by_key.items()}, zipf)

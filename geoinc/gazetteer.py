"""The bundled offline gazetteer.

One table holds every record geoinc can resolve a name to: countries (GeoNames country
info + Natural Earth names), first-level regions (GeoNames admin1 for every country, with
Ukrainian/Russian names and oblast polygons for Ukraine), populated places (GeoNames
cities500) and the settlements of Ukraine's KATOTTG register. A KATOTTG settlement that
has no GeoNames match is kept as a name-only record located at its oblast, with
``precision="admin1"``: known, never dropped, never given a false pinpoint.

The files are loaded on first use and cached; nothing is read at import time.

Examples
--------
>>> gz = Gazetteer.default()
>>> gz.best("Kharkov").geonameid
706483
>>> gz.best("Borova, Kharkiv Oblast").admin1
'UA.07'
>>> gz.best("Zaporizhzhia region").kind
'admin1'
>>> gz.reverse(50.60, 36.58).place.name
'Belgorod'
"""

from __future__ import annotations

import bisect
import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from geoinc import lang as _lang
from geoinc._data import data_path
from geoinc.coordinates import validate_lat_lon, validate_lat_lon_arrays
from geoinc.exceptions import ConfigurationError, GazetteerDataError, PlaceNotFound
from geoinc.names import CYRILLIC_COUNTRIES, normalize, own_skeletons, skeleton

__all__ = [
    "Gazetteer",
    "Place",
    "ReverseResult",
    "KINDS",
    "parse_query",
    "Query",
    "distance_between",
]

KINDS = ("country", "admin1", "place", "settlement")
_KIND_ALIASES = {
    "country": ("country",),
    "admin1": ("admin1",),
    "region": ("admin1",),
    # a populated place: GeoNames or a name-only KATOTTG settlement
    "place": ("place", "settlement"),
    "settlement": ("settlement",),
}
_EARTH_RADIUS_KM = 6371.0088
_PRECISION = {"country": "country", "admin1": "admin1", "settlement": "admin1", "place": "point"}

_EN = "en"  # query and region words are English (other scripts' words sit in the files)


def _alt(name: str) -> str:
    """The alternatives of ``geoinc/lang/en/NAME.txt`` joined by ``|``, in file order."""
    return "|".join(_lang.phrases(_EN, name))


_SEP = "\x1f"
# Ranking bonus (in log10-population units) for a query that is the record's own name.
_W_OWN_NAME = 2.0
# Words that make a first-level region's name a region's (normalised keys).
_REGION_NAME_WORDS = _lang.words(_EN, "gazetteer_region_name_words")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer record, immutable.

    Attributes
    ----------
    name : str
        Primary name (GeoNames; official Ukrainian transliteration for KATOTTG-only records).
    lat, lon : float
        WGS84 degrees. For ``precision="admin1"`` records this is a point inside the region.
    geonameid : int or None
        None for records GeoNames does not have (name-only KATOTTG settlements).
    kind : {"country", "admin1", "place", "settlement"}
    country : str
        ISO 3166-1 alpha-2.
    admin1 : str
        GeoNames admin1 code with country prefix, e.g. ``"UA.07"``; ``""`` when unknown.
    admin1_name, admin2_name : str
    population : int
    precision : {"point", "admin1", "country"}
        How exactly ``lat``/``lon`` locate the named thing.
    score : float
        Match quality in [0, 1]: 1 for an exact (normalised) name match, lower for fuzzy.
    altnames : str
        Alternate names (Latin and Cyrillic) joined by ``|``; :attr:`names` splits them.
    katottg : str
        KATOTTG code for Ukrainian settlements, else ``""``.
    source : str
    row : int
        Row in the bundled table (stable for one data build).
    """

    name: str
    lat: float
    lon: float
    geonameid: int | None
    kind: str
    country: str
    admin1: str = ""
    admin1_name: str = ""
    admin2_name: str = ""
    population: int = 0
    precision: str = "point"
    score: float = 1.0
    altnames: str = field(default="", repr=False)
    katottg: str = field(default="", repr=False)
    source: str = field(default="", repr=False)
    row: int = field(default=-1, repr=False, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Alternate names (Latin and Cyrillic scripts), split on demand."""
        return tuple(a for a in self.altnames.split("|") if a)

    @property
    def point(self) -> tuple[float, float]:
        """``(lon, lat)``, the GeoJSON/shapely axis order."""
        return (self.lon, self.lat)

    @property
    def raw(self) -> dict:
        """All fields as a plain dict (JSON-serialisable)."""
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "kind": self.kind,
            "country": self.country,
            "admin1": self.admin1,
            "admin1_name": self.admin1_name,
            "admin2_name": self.admin2_name,
            "population": self.population,
            "precision": self.precision,
            "score": self.score,
            "names": list(self.names),
            "katottg": self.katottg,
            "source": self.source,
        }

    @property
    def __geo_interface__(self) -> dict:
        props = self.raw
        del props["lat"], props["lon"]
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [self.lon, self.lat]},
            "properties": props,
        }

    def with_score(self, score: float) -> Place:
        """Return a copy with another match score."""
        return replace(self, score=score)


@dataclass(frozen=True, slots=True)
class ReverseResult:
    """Answer of :meth:`Gazetteer.reverse`.

    ``place`` is the nearest populated place; ``admin1`` and ``country`` are the regions
    containing the query point (by polygon where geoinc has one, else the nearest place's),
    ``distance_km`` the geodesic distance from the query point to ``place``.
    """

    place: Place
    admin1: Place | None
    country: Place | None
    distance_km: float
    method: str = "nearest place; polygons for country"


# --------------------------------------------------------------------------- queries

# Kind words around a query's name ("the village of X", "X Oblast"): lang/en/gazetteer_*
_PREFIX = re.compile(
    rf"^(?:the\s+)?(?P<word>{_alt('gazetteer_prefix_words')})\s+of\s+", re.IGNORECASE
)
_SUFFIX = re.compile(rf"[\s-]+(?P<word>{_alt('gazetteer_suffix_words')})$", re.IGNORECASE)
_PLACE_WORDS = _lang.words(_EN, "gazetteer_place_words")


@dataclass(frozen=True, slots=True)
class Query:
    """A place query split into its core name, implied kind and context qualifiers."""

    core: str
    kind: str | None = None
    context: tuple[str, ...] = ()


def parse_query(text: str) -> Query:
    """Split a query into core name, kind hint and context.

    Examples
    --------
    >>> parse_query("the village of Borova")
    Query(core='Borova', kind='place', context=())
    >>> parse_query("Borova, Kharkiv Oblast")
    Query(core='Borova', kind=None, context=('Kharkiv Oblast',))
    >>> parse_query("Zaporizhzhia region")
    Query(core='Zaporizhzhia', kind='admin1', context=())
    """
    s = " ".join(text.split())
    context: list[str] = []
    m = re.match(r"^(?P<core>[^()]+?)\s*\((?P<ctx>[^()]+)\)\s*$", s)
    if m:
        s, context = m.group("core"), [m.group("ctx")]
    if "," in s:
        parts = [p.strip() for p in s.split(",") if p.strip()]
        if parts:
            s, context = parts[0], parts[1:] + context
    kind = None
    m = _PREFIX.match(s)
    if m:
        word = m.group("word").lower()
        kind = "place" if word in _PLACE_WORDS else "admin1"
        s = s[m.end() :]
    m = _SUFFIX.search(s)
    if m and m.start() > 0:
        kind = "admin1"
        s = s[: m.start()]
    return Query(core=s.strip(), kind=kind, context=tuple(context))


# --------------------------------------------------------------------------- gazetteer


class Gazetteer:
    """Offline gazetteer over the bundled GeoNames/KATOTTG/Natural Earth data.

    Parameters
    ----------
    path : str or Path, optional
        A ``places.npz`` built by ``gazetteer/build.py``; defaults to the bundled one.

    Notes
    -----
    Use :meth:`default` to share one loaded instance per process. Loading happens on
    the first query, takes a fraction of a second and is thread-safe.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self._path = Path(path) if path is not None else None
        self._lock = threading.RLock()
        self._loaded = False
        self._strings: dict[str, list[str]] = {}
        self._kdtree = None
        self._regions = None
        self._fuzzy = None
        self._by_gid = None
        self._best = None
        self._regions_by_code = None
        self._lookup_cache = lru_cache(maxsize=65536)(self._lookup_uncached)

    # ---- loading ----------------------------------------------------------------

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Gazetteer:
        """The process-wide bundled gazetteer (created once, loaded lazily)."""
        return cls()

    def _ensure(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            path = self._path or data_path("places.npz")
            try:
                z = np.load(path, allow_pickle=False)
                self._npz = z
                self._keys = self._unpack(z["index_keys"])
                self._offsets = z["index_offsets"]
                self._rows = z["index_rows"]
                self._gid = z["geonameid"]
                self._lat = z["lat"]
                self._lon = z["lon"]
                self._pop = z["population"]
                self._kind = z["kind"]
                self._country = z["country"]
                self._admin1 = z["admin1"]
                self._t_kinds = self._unpack(z["t_kinds"])
                self._source = z["source"]
                self._t_sources = self._unpack(z["t_sources"])
                self._t_countries = self._unpack(z["t_countries"])
                self._t_admin1 = self._unpack(z["t_admin1"])
                self._t_admin1_names = self._unpack(z["t_admin1_names"])
            except (OSError, KeyError, ValueError) as err:
                raise GazetteerDataError(f"cannot read gazetteer file {path}: {err}") from err
            kind_codes = {k: self._t_kinds.index(k) for k in KINDS}
            self._kind_code = kind_codes
            # Ranking prior: bigger places first; a region ranks below a same-named
            # city unless it is much bigger, a country above both.
            logpop = np.log10(self._pop.astype(np.float64) + 1.0)
            imp = logpop.copy()
            imp[self._kind == kind_codes["country"]] += 1.5
            imp[self._kind == kind_codes["admin1"]] -= 1.0
            imp[self._kind == kind_codes["settlement"]] = 1.0
            self._importance = imp
            self._loaded = True

    @staticmethod
    def _unpack(arr: np.ndarray) -> list[str]:
        return arr.tobytes().decode("utf-8").split(_SEP)

    def _blob(self, name: str) -> tuple[bytes, np.ndarray]:
        col = self._strings.get(name)
        if col is None:
            with self._lock:
                col = self._strings.get(name)
                if col is None:
                    col = (self._npz["s_" + name].tobytes(), self._npz["o_" + name].tolist())
                    self._strings[name] = col
        return col

    def _str(self, name: str, row: int) -> str:
        blob, off = self._blob(name)
        return blob[off[row] : off[row + 1]].decode("utf-8")

    def names_of(self, rows) -> list[str]:
        """Primary names of table rows."""
        blob, off = self._blob("name")
        return [blob[off[r] : off[r + 1]].decode("utf-8") for r in rows]

    def __len__(self) -> int:
        self._ensure()
        return len(self._gid)

    def __repr__(self) -> str:
        state = f"{len(self._gid)} records" if self._loaded else "not loaded yet"
        return f"<Gazetteer {self._path or 'bundled'}: {state}>"

    # ---- records ----------------------------------------------------------------

    def place_at(self, row: int, score: float = 1.0) -> Place:
        """Build the :class:`Place` of one table row."""
        if not self._loaded:
            self._ensure()
        row = int(row)
        kind = self._t_kinds[self._kind[row]]
        a = self._admin1[row]
        return Place(
            self._str("name", row),
            float(self._lat[row]),
            float(self._lon[row]),
            int(self._gid[row]) or None,
            kind,
            self._t_countries[self._country[row]],
            self._t_admin1[a],
            self._t_admin1_names[a],
            self._str("admin2_name", row),
            int(self._pop[row]),
            _PRECISION[kind],
            float(score),
            self._str("altnames", row),
            self._str("katottg", row),
            self._t_sources[self._source[row]],
            row,
        )

    def keys(self) -> list[str]:
        """Every normalised name key of the index, sorted (see :func:`geoinc.names.normalize`)."""
        self._ensure()
        return self._keys

    def rows_for_key(self, key: str) -> np.ndarray:
        """Table rows indexed under one normalised key (empty array when none)."""
        self._ensure()
        i = bisect.bisect_left(self._keys, key)
        if i < len(self._keys) and self._keys[i] == key:
            return self._rows[self._offsets[i] : self._offsets[i + 1]]
        return self._rows[:0]

    def importance(self, rows) -> np.ndarray:
        """The ranking prior of rows (log10 population with a per-kind offset)."""
        self._ensure()
        return self._importance[np.asarray(rows, dtype=np.int64)]

    def get(self, geonameid: int) -> Place:
        """The record with a GeoNames id.

        Raises
        ------
        PlaceNotFound
        """
        self._ensure()
        if self._by_gid is None:
            order = np.argsort(self._gid, kind="stable")
            self._by_gid = (self._gid[order], order)
        gids, order = self._by_gid
        try:
            gid = int(geonameid)
        except (TypeError, ValueError):
            raise PlaceNotFound(f"not a GeoNames id: {geonameid!r}", query=geonameid) from None
        i = int(np.searchsorted(gids, gid))
        if gid <= 0 or i >= len(gids) or gids[i] != gid:
            raise PlaceNotFound(
                f"no record with geonameid {geonameid} in the bundled gazetteer", query=geonameid
            )
        return self.place_at(order[i])

    def _region_rows(self) -> dict[tuple[str, str], int]:
        """Row of every admin1 and country record by ("admin1", code) / ("country", iso2)."""
        if self._regions_by_code is None:
            self._ensure()
            out: dict[tuple[str, str], int] = {}
            for kind, codes, table in (
                ("admin1", self._admin1, self._t_admin1),
                ("country", self._country, self._t_countries),
            ):
                for row in np.flatnonzero(self._kind == self._kind_code[kind]).tolist():
                    out.setdefault((kind, table[codes[row]]), row)
            self._regions_by_code = out
        return self._regions_by_code

    def admin1_place(self, code: str) -> Place:
        """The admin1 record for a code such as ``"UA.07"``.

        Raises
        ------
        PlaceNotFound
        """
        row = self._region_rows().get(("admin1", code))
        if row is None:
            raise PlaceNotFound(f"unknown admin1 code {code!r}", query=code)
        return self.place_at(row)

    def country_place(self, iso2: str) -> Place:
        """The country record for an ISO 3166-1 alpha-2 code.

        Raises
        ------
        PlaceNotFound
        """
        row = self._region_rows().get(("country", str(iso2).upper()))
        if row is None:
            raise PlaceNotFound(f"unknown country code {iso2!r}", query=iso2)
        return self.place_at(row)

    def largest_places(self, country: str, n: int = 10) -> list[Place]:
        """The ``n`` most populous places (kind ``"place"``) of a country, biggest first.

        Examples
        --------
        >>> [p.name for p in Gazetteer.default().largest_places("UA", 2)]
        ['Kyiv', 'Kharkiv']
        """
        self._ensure()
        code = str(country).upper()
        if code not in self._t_countries:
            raise PlaceNotFound(f"unknown country code {country!r}", query=country)
        c = self._t_countries.index(code)
        rows = np.flatnonzero((self._country == c) & (self._kind == self._kind_code["place"]))
        order = rows[np.lexsort((self._gid[rows], -self._pop[rows]))][:n]
        return [self.place_at(r) for r in order]

    # ---- forward lookup ---------------------------------------------------------

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        kind: str | Sequence[str] | None = None,
        limit: int = 10,
        fuzzy: bool = True,
        min_score: float = 0.85,
    ) -> list[Place]:
        """Find the records a name may refer to, best first.

        Matching ignores case, diacritics, apostrophes and hyphens, and knows Cyrillic
        and the common Ukrainian and Russian romanisations. When no name matches exactly,
        close misspellings are returned with ``score < 1`` (``fuzzy=False`` turns that off).

        Parameters
        ----------
        name : str
            A place name, optionally qualified: ``"the village of Borova"``,
            ``"Borova, Kharkiv Oblast"``, ``"Zaporizhzhia region"``.
        country : str, optional
            ISO2 code or country name to restrict to.
        admin1 : str, optional
            Admin1 code (``"UA.07"``) or region name (``"Kharkiv Oblast"``).
        kind : str or sequence of str, optional
            ``"country"``, ``"admin1"`` (alias ``"region"``), ``"place"`` (populated
            places, including name-only settlements) or ``"settlement"``.
        limit : int, default 10
        fuzzy : bool, default True
        min_score : float, default 0.85
            Lowest fuzzy score kept.

        Returns
        -------
        list of Place
            Empty when nothing matches; use :meth:`best` to get an exception instead.

        Examples
        --------
        >>> gz = Gazetteer.default()
        >>> [p.geonameid for p in gz.lookup("Kyiv")][:1]
        [703448]
        >>> gz.lookup("Kharkiv region")[0].admin1
        'UA.07'
        >>> gz.lookup("Kharkif")[0].name, gz.lookup("Kharkif")[0].score < 1
        ('Kharkiv', True)
        >>> gz.lookup("Qwxzyville")
        []
        """
        if not isinstance(name, str):
            raise ConfigurationError(f"a place name must be a string, got {type(name).__name__}")
        if not isinstance(limit, int) or limit < 1:
            raise ConfigurationError(f"limit must be a positive integer, got {limit!r}")
        kinds = self._kinds(kind)
        found = self._lookup_cache(name, country, admin1, kinds, limit, fuzzy, float(min_score))
        return list(found)

    def best(self, name: str, **kwargs) -> Place:
        """The best match for a name.

        Raises
        ------
        PlaceNotFound
            When nothing matches, with the query in the message.
        """
        found = self.lookup(name, limit=1, **kwargs)
        if not found:
            raise PlaceNotFound(f"no place in the bundled gazetteer matches {name!r}", query=name)
        return found[0]

    @staticmethod
    def _kinds(kind) -> tuple[str, ...] | None:
        if kind is None:
            return None
        items = [kind] if isinstance(kind, str) else list(kind)
        out: list[str] = []
        for k in items:
            if k not in _KIND_ALIASES:
                raise ConfigurationError(
                    f"unknown kind {k!r}; valid kinds: {', '.join(sorted(_KIND_ALIASES))}"
                )
            out.extend(_KIND_ALIASES[k])
        return tuple(sorted(set(out)))

    def _lookup_uncached(self, name, country, admin1, kinds, limit, fuzzy, min_score):
        self._ensure()
        q = parse_query(name)
        if kinds is None and q.kind is not None:
            kinds = _KIND_ALIASES[q.kind]
        country_idx, admin1_idx = self._filters(country, admin1, q.context)
        if country_idx == -2 or admin1_idx == -2:
            return ()
        found = []
        if q.core != name.strip() and not q.context:
            # The whole name first when it is one ("Kyiv Oblast" is the oblast, not the
            # city-region "Kyiv" its core would find).
            found = self._match(name, kinds, country_idx, admin1_idx, limit, False, min_score)
        if not found:
            wide = max(limit, 10) if q.kind == "admin1" else limit
            found = self._match(q.core, kinds, country_idx, admin1_idx, wide, fuzzy, min_score)
            if q.kind == "admin1" and len(found) > 1:
                # "Moscow region", "Kyiv Oblast": the oblast, not the city-region.
                found = sorted(found, key=lambda p: not self.region_named(p))[:limit]
        if not found and q.kind == "admin1" and kinds == _KIND_ALIASES["admin1"]:
            # "Tver region" where only the city is known: fall back to any kind.
            found = self._match(q.core, None, country_idx, admin1_idx, limit, fuzzy, min_score)
        if not found and q.core != name.strip():
            found = self._match(name, kinds, country_idx, admin1_idx, limit, fuzzy, min_score)
        return tuple(found)

    def _filters(self, country, admin1, context) -> tuple[int, int]:
        """Turn country/admin1 arguments and query context into table codes.

        -1 means any, -2 none.
        """
        country_idx = admin1_idx = -1
        if country is not None:
            country_idx = self._country_code(country)
            if country_idx < 0:
                return -2, -2
        if admin1 is not None:
            admin1_idx = self._admin1_code(admin1)
            if admin1_idx < 0:
                return -2, -2
        for ctx in context:
            a = self._admin1_code(ctx)
            if a >= 0 and admin1_idx == -1:
                admin1_idx = a
                continue
            c = self._country_code(ctx)
            if c >= 0 and country_idx == -1:
                country_idx = c
        return country_idx, admin1_idx

    def _country_code(self, value: str) -> int:
        v = str(value).strip()
        if len(v) == 2 and v.upper() in self._t_countries:
            return self._t_countries.index(v.upper())
        rows = self.rows_for_key(normalize(v))
        for r in rows:
            if self._kind[r] == self._kind_code["country"]:
                return int(self._country[r])
        return -1

    def _admin1_code(self, value: str) -> int:
        v = str(value).strip()
        if v in self._t_admin1 and v:
            return self._t_admin1.index(v)
        q = parse_query(v)
        for key in (normalize(v), normalize(q.core)):
            rows = self.rows_for_key(key)
            rows = rows[self._kind[rows] == self._kind_code["admin1"]]
            if len(rows):
                best = rows[np.argmax(self._importance[rows])]
                return int(self._admin1[best])
        return -1

    def _filter_rows(self, rows, kinds, country_idx, admin1_idx):
        if kinds is not None:
            codes = [self._kind_code[k] for k in kinds]
            rows = rows[np.isin(self._kind[rows], codes)]
        if country_idx >= 0:
            rows = rows[self._country[rows] == country_idx]
        if admin1_idx >= 0:
            rows = rows[self._admin1[rows] == admin1_idx]
        return rows

    def own_name(self, rows, key: str) -> np.ndarray:
        """Whether ``key`` is each row's own name: its primary name (for places romanised
        from Cyrillic, in any romanisation: :func:`geoinc.names.skeleton`), rather than one
        of its alternate or former names ("Pokrovsk" is Engels's former name, Pokrovsk's
        own).

        Examples
        --------
        >>> gz = Gazetteer.default()
        >>> gz.own_name([gz.get(704422).row], "pokrovsk").tolist()
        [True]
        """
        self._ensure()
        rows = np.asarray(rows, dtype=np.int64)
        wants = own_skeletons(key)
        cyr = [self._t_countries[c] in CYRILLIC_COUNTRIES for c in self._country[rows]]
        return np.array(
            [
                normalize(n) == key or (c and skeleton(normalize(n)) in wants)
                for n, c in zip(self.names_of(rows), cyr, strict=True)
            ],
            dtype=bool,
        )

    @staticmethod
    def region_named(place: Place) -> bool:
        """Whether a first-level region is called a region (oblast, krai, область...)
        in one of its names: Moscow Oblast and Kyiv Oblast are, the city-regions Moscow
        and Kyiv City are not.

        Examples
        --------
        >>> gz = Gazetteer.default()
        >>> gz.region_named(gz.admin1_place("UA.13")), gz.region_named(gz.admin1_place("UA.12"))
        (True, False)
        """
        if place.kind != "admin1":
            return False
        words = set(normalize(" ".join((place.name, *place.names))).split())
        return not words.isdisjoint(_REGION_NAME_WORDS)

    def _rank(self, rows, key: str | None = None) -> np.ndarray:
        if len(rows) < 2:
            return rows
        prior = self._importance[rows]
        if key is not None:
            # A record's own name beats a bigger record's alternate name by two orders of
            # magnitude of population: Pokrovsk (Donetsk) before Engels, once Pokrovsk.
            prior = prior + _W_OWN_NAME * self.own_name(rows, key)
        # geonameid breaks ties so results are deterministic
        return rows[np.lexsort((self._gid[rows], -prior))]

    def _match(self, core, kinds, country_idx, admin1_idx, limit, fuzzy, min_score) -> list[Place]:
        key = normalize(core)
        if not key:
            return []
        rows = self._filter_rows(self.rows_for_key(key), kinds, country_idx, admin1_idx)
        out = [self.place_at(r) for r in self._rank(rows, key)[:limit]]
        if out or not fuzzy or len(key) < 4:
            return out
        hits = self._fuzzy_keys(key, min_score)
        if not hits:
            return []
        offsets = self._offsets
        parts = [self._rows[offsets[k] : offsets[k + 1]] for k, _ in hits]
        rows = np.concatenate(parts).astype(np.int64)
        scores = np.repeat([s for _, s in hits], [len(p) for p in parts])
        rows, scores = self._filter_scored(rows, scores, kinds, country_idx, admin1_idx)
        if not len(rows):
            return []
        # Same score: a record whose own name is close to the query first (Kherzon is a
        # misspelt Kherson, not Hebron's alternate name), then importance.
        own = self._fuzzy_own(rows, key, min_score)
        order = np.lexsort(
            (self._gid[rows], -(self._importance[rows] + _W_OWN_NAME * own), -np.round(scores, 2))
        )
        rows, scores = rows[order], scores[order]
        # a record reached through several keys keeps its best score (its first place)
        _, first = np.unique(rows, return_index=True)
        first.sort()
        return [self.place_at(rows[i], round(float(scores[i]), 4)) for i in first[:limit]]

    def _fuzzy_own(self, rows, key: str, min_score: float) -> np.ndarray:
        from rapidfuzz import fuzz

        names = [normalize(n) for n in self.names_of(rows)]
        return np.array([fuzz.ratio(key, n) >= 100 * min_score for n in names], dtype=bool)

    def _filter_scored(self, rows, scores, kinds, country_idx, admin1_idx):
        keep = np.ones(len(rows), dtype=bool)
        if kinds is not None:
            keep &= np.isin(self._kind[rows], [self._kind_code[k] for k in kinds])
        if country_idx >= 0:
            keep &= self._country[rows] == country_idx
        if admin1_idx >= 0:
            keep &= self._admin1[rows] == admin1_idx
        return rows[keep], scores[keep]

    def _fuzzy_index(self):
        if self._fuzzy is None:
            with self._lock:
                if self._fuzzy is None:
                    self._fuzzy = self._build_fuzzy_index()
        return self._fuzzy

    def _build_fuzzy_index(self):
        # Per key, from the UTF-8 blob and fully vectorised: first byte, byte length and a
        # 64-bit "which bytes occur" mask. A query is compared (by rapidfuzz) only with keys
        # of its first byte and similar length whose masks differ in few bits: one
        # insertion or deletion changes at most one bit per byte of the character.
        blob = self._npz["index_keys"]
        sep = np.flatnonzero(blob == 0x1F)
        starts = np.r_[0, sep + 1]
        ends = np.r_[sep, len(blob)]
        bits = np.left_shift(np.uint64(1), (blob % 64).astype(np.uint64))
        bits[sep] = 0
        masks = np.bitwise_or.reduceat(bits, starts)
        blen = ends - starts
        first = blob[starts].astype(np.int64)
        ok = blen >= 4
        idx = np.flatnonzero(ok)
        sort_key = first[idx] * 1024 + np.minimum(blen[idx], 1023)
        order = np.argsort(sort_key, kind="stable")
        return idx[order], sort_key[order], masks[idx[order]]

    def _fuzzy_keys(self, key: str, min_score: float) -> list[tuple[int, float]]:
        """(key index, score) of the index keys close to ``key``, best first."""
        from rapidfuzz import fuzz, process

        idx, sort_key, masks = self._fuzzy_index()
        raw = key.encode("utf-8", "surrogatepass")  # lone surrogates (broken API text) too
        width = 1 if key.isascii() else 2  # bytes per character
        n = len(raw)
        # fuzz.ratio = 1 - k / (n + m) with k indel edits and m <= n + k, so a match has
        # k <= (1 - s) * 2n / s edits (counted in characters; bytes double for Cyrillic).
        max_indel = int((1.0 - min_score) * 2 * len(key) / min_score + 1e-9) * width
        lo = int(np.searchsorted(sort_key, raw[0] * 1024 + max(0, n - max_indel), "left"))
        hi = int(np.searchsorted(sort_key, raw[0] * 1024 + min(1023, n + max_indel), "right"))
        if hi <= lo:
            return []
        qmask = 0
        for b in raw:
            qmask |= 1 << (b % 64)
        diff = np.bitwise_count(masks[lo:hi] ^ np.uint64(qmask))
        cand = idx[lo:hi][diff <= max_indel]
        keys = self._keys
        cand = cand.tolist()
        hits = process.extract(
            key, [keys[i] for i in cand], scorer=fuzz.ratio, score_cutoff=min_score * 100, limit=25
        )
        return [(cand[j], s / 100.0) for _, s, j in hits]

    def _best_rows(self) -> np.ndarray:
        """Best-ranked record row of every index key (computed once, vectorised)."""
        if self._best is None:
            with self._lock:
                if self._best is None:
                    rows = self._rows.astype(np.int64)
                    # rank postings by importance (ties: smaller geonameid), keep the first per key
                    key_of = np.repeat(np.arange(len(self._keys)), np.diff(self._offsets))
                    order = np.lexsort((self._gid[rows], -self._importance[rows], key_of))
                    first = np.r_[0, np.flatnonzero(np.diff(key_of[order])) + 1]
                    self._best = rows[order[first]]
        return self._best

    def lookup_ids(self, names: Iterable[str]) -> np.ndarray:
        """Vectorised exact lookup: the best GeoNames id for each name (0 where none).

        No qualifier parsing and no fuzzy matching: the fast path for bulk joins. Each
        distinct name is normalised and searched once.

        Examples
        --------
        >>> Gazetteer.default().lookup_ids(["Kharkiv", "Belgorod", "nowhere-at-all"]).tolist()
        [706483, 578072, 0]
        """
        self._ensure()
        best_gid = self._gid[self._best_rows()]
        keys = self._keys
        n = len(keys)
        memo: dict[str, int] = {}
        out = []
        for name in names:
            v = memo.get(name)
            if v is None:
                key = normalize(name)
                i = bisect.bisect_left(keys, key)
                v = int(best_gid[i]) if i < n and keys[i] == key else 0
                memo[name] = v
            out.append(v)
        return np.asarray(out, dtype=np.int64)

    # ---- reverse ----------------------------------------------------------------

    def _tree(self):
        if self._kdtree is None:
            with self._lock:
                if self._kdtree is None:
                    from scipy.spatial import cKDTree

                    self._ensure()
                    rows = np.flatnonzero(self._kind == self._kind_code["place"])
                    self._kdtree = (
                        cKDTree(
                            _unit_vectors(self._lat[rows], self._lon[rows]),
                            balanced_tree=False,
                            compact_nodes=False,
                        ),
                        rows,
                    )
        return self._kdtree

    def _region_layers(self):
        if self._regions is None:
            with self._lock:
                if self._regions is None:
                    import pyogrio
                    import shapely

                    path = data_path("regions.gpkg")
                    layers = {}
                    for layer, key in (("countries", "iso2"), ("admin1", "admin1")):
                        df = pyogrio.read_dataframe(path, layer=layer)
                        geoms = df.geometry.values
                        shapely.prepare(geoms)
                        layers[layer] = (df[key].tolist(), geoms, shapely.STRtree(geoms))
                    self._regions = layers
        return self._regions

    def country_polygon(self, iso2: str):
        """The country's polygon (Natural Earth 10m, Crimea in Ukraine), or None."""
        codes, geoms, _ = self._region_layers()["countries"]
        try:
            return geoms[codes.index(str(iso2).upper())]
        except ValueError:
            return None

    def admin1_polygon(self, code: str):
        """The polygon of an admin1 region (Ukraine's oblasts for now), or None."""
        codes, geoms, _ = self._region_layers()["admin1"]
        try:
            return geoms[codes.index(code)]
        except ValueError:
            return None

    def _containing(self, layer: str, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Code of the polygon containing each point ("" where none), vectorised."""
        import shapely

        codes, geoms, tree = self._region_layers()[layer]
        # Bounding-box candidates from the tree, then one vectorised, prepared
        # point-in-polygon test per polygon (STRtree predicates would prepare the
        # points, not the large polygons, and be ~50x slower).
        point_idx, geom_idx = tree.query(shapely.points(lon, lat))
        found = np.full(len(lon), -1, dtype=np.int64)
        # A point on a shared edge may fall in two polygons: the lowest index wins.
        for g in np.unique(geom_idx)[::-1]:
            sel = point_idx[geom_idx == g]
            inside = shapely.contains_xy(geoms[g], lon[sel], lat[sel])
            found[sel[inside]] = g
        table = np.array([*codes, ""], dtype=object)
        return table[found]

    def reverse_many(self, lats, lons):
        """Vectorised reverse geocoding.

        Parameters
        ----------
        lats, lons : array-like of float

        Returns
        -------
        pandas.DataFrame
            One row per point: ``geonameid``, ``name``, ``distance_km`` (nearest populated
            place), ``admin1``, ``admin1_name``, ``country`` (by polygon where geoinc has
            one, else the nearest place's) and ``admin1_method``/``country_method``.

        Examples
        --------
        >>> df = Gazetteer.default().reverse_many([50.60, 49.99], [36.58, 36.23])
        >>> df["name"].tolist(), df["country"].tolist()
        (['Belgorod', 'Kharkiv'], ['RU', 'UA'])
        """
        import pandas as pd

        la, lo = validate_lat_lon_arrays(lats, lons)
        tree, place_rows = self._tree()
        chord, idx = tree.query(_unit_vectors(la, lo), k=1)
        rows = place_rows[np.asarray(idx, dtype=np.int64)]
        dist = 2.0 * _EARTH_RADIUS_KM * np.arcsin(np.clip(np.asarray(chord) / 2.0, 0, 1))
        near_country = [self._t_countries[c] for c in self._country[rows]]
        near_admin1 = [self._t_admin1[a] for a in self._admin1[rows]]
        poly_country = self._containing("countries", lo, la)
        poly_admin1 = self._containing("admin1", lo, la)
        near_country = np.array(near_country, dtype=object)
        near_admin1 = np.array(near_admin1, dtype=object)
        has_country = poly_country != ""
        country = np.where(has_country, poly_country, near_country)
        cmethod = np.where(has_country, "polygon", "nearest place")
        near_cc = np.array([a.split(".")[0] for a in near_admin1], dtype=object)
        has_a1 = poly_admin1 != ""
        near_ok = ~has_a1 & (near_admin1 != "") & (near_cc == country)
        admin1 = np.where(has_a1, poly_admin1, np.where(near_ok, near_admin1, ""))
        amethod = np.where(has_a1, "polygon", np.where(near_ok, "nearest place", ""))
        a1_names = {a: self._t_admin1_names[i] for i, a in enumerate(self._t_admin1)}
        return pd.DataFrame(
            {
                "lat": la,
                "lon": lo,
                "geonameid": self._gid[rows],
                "name": self.names_of(rows),
                "distance_km": dist,
                "admin1": admin1,
                "admin1_name": [a1_names.get(a, "") for a in admin1.tolist()],
                "country": country,
                "admin1_method": amethod,
                "country_method": cmethod,
                "row": rows,
            }
        )

    def reverse(self, lat: float, lon: float) -> ReverseResult:
        """The nearest populated place to a point, with the admin1 region and country.

        Raises
        ------
        CoordinateError
            For non-numbers, NaN or out-of-range values.

        Examples
        --------
        >>> r = Gazetteer.default().reverse(50.60, 36.58)
        >>> r.place.name, r.admin1.name, r.country.country
        ('Belgorod', 'Belgorod Oblast', 'RU')
        """
        la, lo = validate_lat_lon(lat, lon)
        df = self.reverse_many([la], [lo])
        rec = df.iloc[0]
        place = self.place_at(int(rec["row"]))
        try:
            admin1 = self.admin1_place(rec["admin1"]) if rec["admin1"] else None
        except PlaceNotFound:
            admin1 = None
        try:
            country = self.country_place(rec["country"])
        except PlaceNotFound:
            country = None
        method = (
            f"nearest place (geodesic); admin1 by {rec['admin1_method'] or 'none'}; "
            f"country by {rec['country_method']}"
        )
        return ReverseResult(place, admin1, country, float(rec["distance_km"]), method)

    def within(
        self,
        lat: float,
        lon: float,
        radius_km: float,
        *,
        kind: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[Place, float]]:
        """Places within ``radius_km`` of a point, nearest first, with geodesic distances.

        Examples
        --------
        >>> near = Gazetteer.default().within(49.99, 36.23, 5)
        >>> near[0][0].name
        'Kharkiv'
        """
        la, lo = validate_lat_lon(lat, lon)
        try:
            radius = float(radius_km)
        except (TypeError, ValueError):
            raise ConfigurationError(f"radius_km must be a number, got {radius_km!r}") from None
        if not radius >= 0:
            raise ConfigurationError(f"radius_km must be >= 0, got {radius_km!r}")
        kinds = self._kinds(kind) or ("place",)
        tree, place_rows = self._tree()
        chord = 2.0 * math.sin(min(radius / _EARTH_RADIUS_KM, math.pi) / 2.0)
        idx = tree.query_ball_point(_unit_vectors(np.array([la]), np.array([lo]))[0], chord * 1.001)
        rows = place_rows[np.asarray(sorted(idx), dtype=np.int64)]
        rows = self._filter_rows(rows, kinds, -1, -1)
        if not len(rows):
            return []
        from geoinc.geodesy import geodesic_inverse

        n = len(rows)
        d, _ = geodesic_inverse(np.full(n, lo), np.full(n, la), self._lon[rows], self._lat[rows])
        keep = d <= radius
        rows, d = rows[keep], d[keep]
        order = np.lexsort((self._gid[rows], d))
        if limit is not None:
            order = order[:limit]
        return [(self.place_at(rows[i]), float(d[i])) for i in order]


def distance_between(a, b, *, gazetteer: Gazetteer | None = None):
    """Distance and bearing from ``a`` to ``b``: place names, places or ``(lon, lat)`` pairs.

    Names are resolved with ``gazetteer`` (default: the bundled one), populated places
    first; the measuring is :func:`geoinc.borders.distance_between`'s.

    Returns
    -------
    geoinc.borders.PlaceDistance

    Raises
    ------
    PlaceNotFound
        For a name the gazetteer does not know.

    Examples
    --------
    >>> d = distance_between("Kharkiv", "Belgorod")
    >>> round(d.km, 1), d.direction
    (73.0, 'N')
    """
    from geoinc import borders

    gz = gazetteer or Gazetteer.default()

    def resolve(name: str) -> Place:
        found = gz.lookup(name, kind=["place", "settlement"], limit=1)
        return found[0] if found else gz.best(name)

    return borders.distance_between(a, b, resolve=resolve)


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la = np.radians(np.asarray(lat, dtype=np.float64))
    lo = np.radians(np.asarray(lon, dtype=np.float64))
    c = np.cos(la)
    return np.column_stack((c * np.cos(lo), c * np.sin(lo), np.sin(la)))

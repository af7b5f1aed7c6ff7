"""An incident store that grows: new articles merged into the incidents already kept.

The store is one GeoPackage (a SQLite database). QGIS and :func:`geoinc.read_incidents`
see its ``incidents`` layer as usual; next to it the store keeps its own tables:

``geoinc_articles``
    every article added: content hash, ``doc_id``, source, URL, publication date, status,
    and ``added`` (UTC time of the run that added it) — the provenance;
``geoinc_reports``
    every incident report extracted from those articles (JSON), with the incident it
    belongs to — what a later merge needs;
``geoinc_incidents``
    per incident: when it was first ``added`` and last ``updated`` (also columns of the
    layer);
``geoinc_renamed``
    incidents that a new article joined into another one: the old id and the id kept.

Rules:

* **Idempotent.** An article is known by the hash of its text: adding it again does
  nothing, and a run that brings nothing new does not touch the file (same bytes).
  The same ``doc_id`` with a new text (an updated page) is a new version,
  ``doc_id#2``, whose figures sit next to the first version's.
* **Incremental.** Reports merge only with reports of the same place and event type
  (:func:`geoinc.incidents.merge.merge_reports`), so an update re-merges just the
  partitions the new reports fall into; the rest of the store is not read.
* **Stable ids.** An incident keeps its id when new reports join it (an updated toll
  becomes one more per-source figure in ``claims``). When a report bridges two
  incidents, the one added first keeps its id and the other is recorded as renamed.
* **Safe.** One writer at a time: a lock file (``<store>.lock``, ``flock``, released by
  the system if the writer dies) refuses a second writer with
  :class:`~geoinc.exceptions.StoreLocked`. Every update is one SQLite transaction; a
  writer killed mid-way leaves the store as it was. A new store is written to a temporary
  file and renamed into place.

The merge options (``window_days``, ``min_shared_figure``) are fixed when the store is
created: changing them would change incidents already published.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import partial
from pathlib import Path

from geoinc.exceptions import ConfigurationError, GeoincError, InputError, OutputError, StoreLocked

__all__ = ["IncidentStore", "StoreUpdate", "report_to_json", "report_from_json"]

LAYER = "incidents"
#: Columns the store adds to the incident layer (ISO 8601 UTC times).
PROVENANCE_COLUMNS = ("added", "updated")
# Test seam: called inside the update transaction, just before COMMIT.
_BEFORE_COMMIT: Callable[[], None] | None = None

_TABLES = """
CREATE TABLE IF NOT EXISTS geoinc_store (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS geoinc_articles (
    article_key TEXT PRIMARY KEY, doc_id TEXT NOT NULL, base_id TEXT NOT NULL, label TEXT,
    source TEXT, url TEXT,
    published TEXT, status TEXT NOT NULL, reason TEXT, n_reports INTEGER NOT NULL,
    added TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS geoinc_articles_base ON geoinc_articles (base_id);
CREATE TABLE IF NOT EXISTS geoinc_reports (
    report_key TEXT PRIMARY KEY, article_key TEXT NOT NULL, part TEXT NOT NULL,
    incident_id TEXT NOT NULL, report TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS geoinc_reports_part ON geoinc_reports (part);
CREATE TABLE IF NOT EXISTS geoinc_incidents (
    incident_id TEXT PRIMARY KEY, part TEXT NOT NULL, added TEXT NOT NULL,
    updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS geoinc_renamed (
    old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL, at TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class StoreUpdate:
    """What one :meth:`IncidentStore.add` did.

    Attributes
    ----------
    statuses : list of geoinc.extraction.pipeline.InputStatus
        One per input; ``status`` is ``"known"`` for articles already in the store.
    new_articles : int
    new_reports : int
    incidents : tuple of str
        Ids of the incidents created or changed by this update.
    renamed : dict
        Incidents joined into another one: old id -> id kept.
    written : bool
        False when nothing was new (the file was not touched).
    """

    statuses: list
    new_articles: int
    new_reports: int
    incidents: tuple[str, ...] = ()
    renamed: dict = dataclasses.field(default_factory=dict)
    written: bool = False


# --------------------------------------------------------------------------- reports as JSON


def _tag(value):
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    if dataclasses.is_dataclass(value):
        return {"__place__": {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}}
    raise TypeError(f"cannot store a {type(value).__name__}")


def _untag(obj: dict):
    if "__date__" in obj:
        return date.fromisoformat(obj["__date__"])
    if "__place__" in obj:
        from geoinc.gazetteer import Place

        return Place(**obj["__place__"])
    return obj


def report_to_json(report) -> str:
    """One :class:`~geoinc.incidents.merge.IncidentReport` as JSON text (lossless).

    Examples
    --------
    >>> from geoinc.extraction.documents import document_from_text
    >>> from geoinc.extraction.pipeline import extract_reports
    >>> r = extract_reports(document_from_text("2024-01-02\\n\\nDrones hit Kharkiv.")).reports[0]
    >>> report_from_json(report_to_json(r)) == r
    True
    """
    fields = {f.name: getattr(report, f.name) for f in dataclasses.fields(report)}
    return json.dumps(fields, default=_tag, ensure_ascii=False, sort_keys=True)


def report_from_json(text: str):
    """Inverse of :func:`report_to_json`."""
    from geoinc.incidents.merge import IncidentReport

    data = json.loads(text, object_hook=_untag)
    for f in dataclasses.fields(IncidentReport):
        if isinstance(data.get(f.name), list):
            data[f.name] = tuple(data[f.name])
    return IncidentReport(**data)


def _part(report) -> str:
    """Merge partition of a report: reports only ever merge within one."""
    return json.dumps([list(report.place_key), report.event_type], ensure_ascii=False)


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------- GeoPackage


def _gpkg_envelope(blob: bytes | None) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) of a GeoPackage geometry blob; None when empty."""
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0x10:
        return None
    order = "<" if flags & 1 else ">"
    env = (flags >> 1) & 7
    if env:
        minx, maxx, miny, maxy = struct.unpack_from(order + "4d", blob, 8)
        return minx, maxx, miny, maxy
    wkb_order = "<" if blob[8] == 1 else ">"
    if len(blob) == 29 and struct.unpack_from(wkb_order + "I", blob, 9)[0] == 1:
        x, y = struct.unpack_from(wkb_order + "2d", blob, 13)  # a 2D point, the usual case
        return x, x, y, y
    import shapely

    geom = shapely.from_wkb(bytes(blob[8:]))
    if geom.is_empty:
        return None
    x0, y0, x1, y1 = geom.bounds
    return x0, x1, y0, y1


def _connect(path: Path) -> sqlite3.Connection:
    """A connection with the ``ST_*`` functions GeoPackage's R-tree triggers call."""
    con = sqlite3.connect(path, timeout=0, isolation_level=None)
    con.create_function("ST_IsEmpty", 1, lambda b: int(_gpkg_envelope(b) is None))
    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        con.create_function(name, 1, lambda b, i=i: (_gpkg_envelope(b) or (None,) * 4)[i])
    return con


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class IncidentStore:
    """A GeoPackage of incidents that new articles are merged into.

    Parameters
    ----------
    path : str or Path
        The ``.gpkg`` file; created by the first :meth:`add`.
    window_days, min_shared_figure : int
        Merge options of a new store (see :func:`geoinc.incidents.merge.merge_reports`);
        an existing store keeps its own, and other values are refused.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> store = IncidentStore(folder / "incidents.gpkg")
    >>> text = "2024-01-02\\n\\nA drone hit Kharkiv overnight, injuring four people."
    >>> store.add([text]).new_articles, store.add([text]).written
    (1, False)
    >>> store.read()[["place_name", "injured_best"]].values.tolist()
    [['Kharkiv', 4]]
    """

    def __init__(
        self,
        path: str | Path,
        *,
        window_days: int | None = None,
        min_shared_figure: int | None = None,
    ) -> None:
        self.path = Path(path)
        if self.path.suffix.lower() != ".gpkg":
            raise ConfigurationError(f"an incident store is a .gpkg file, got {self.path.name!r}")
        self._asked = {"window_days": window_days, "min_shared_figure": min_shared_figure}

    def __repr__(self) -> str:
        return f"IncidentStore({str(self.path)!r})"

    # ------------------------------------------------------------------ reading

    def read(self):
        """The incidents, ordered like :func:`geoinc.extract` orders them."""
        from geoinc.incidents.io import read_incidents

        frame = read_incidents(self.path, layer=LAYER)
        if len(frame):
            frame = frame.sort_values(
                ["date_start", "place_name", "incident_id"], na_position="last", kind="mergesort"
            ).reset_index(drop=True)
        return frame

    def articles(self):
        """The provenance table: one row per article added (a pandas DataFrame)."""
        import pandas as pd

        with self._readonly() as con:
            return pd.read_sql_query("SELECT * FROM geoinc_articles ORDER BY added, doc_id", con)

    def options(self) -> dict:
        """The store's merge options (``window_days``, ``min_shared_figure``)."""
        if not self.path.exists():
            return self._options({})
        with self._readonly() as con:
            return self._options(dict(con.execute("SELECT key, value FROM geoinc_store")))

    @contextmanager
    def _readonly(self) -> Iterator[sqlite3.Connection]:
        if not self.path.exists():
            raise InputError(f"{self.path}: no such incident store")
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            if not con.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'geoinc_articles'"
            ).fetchone():
                raise InputError(f"{self.path}: a GeoPackage, but not a geoinc incident store")
            yield con
        finally:
            con.close()

    def _options(self, stored: dict) -> dict:
        out = {}
        for key, default in (("window_days", 1), ("min_shared_figure", 5)):
            have = int(stored[key]) if key in stored else None
            asked = self._asked[key]
            if have is not None and asked is not None and asked != have:
                raise ConfigurationError(
                    f"{self.path.name} was built with {key}={have}; it cannot change to {asked} "
                    "(that would change incidents already published)"
                )
            out[key] = have if have is not None else asked if asked is not None else default
        return out

    # ------------------------------------------------------------------ locking

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's write lock (raise :class:`StoreLocked` if another has it)."""
        import fcntl

        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            fh = open(lock_path, "a+b")  # noqa: SIM115 - held for the whole block
        except OSError as err:
            raise OutputError(f"{lock_path}: cannot create the lock file ({err})") from err
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as err:
                raise StoreLocked(
                    f"{self.path} is being updated by another process; try again when it is done"
                ) from err
            yield
        finally:
            fh.close()  # releases the lock

    # ------------------------------------------------------------------ adding

    def add(
        self,
        inputs,
        *,
        jobs: int | None = 1,
        now: str | None = None,
        progress: Callable[[Iterable], Iterable] | None = None,
        **options,
    ) -> StoreUpdate:
        """Extract incidents from ``inputs`` and merge them into the store.

        Parameters
        ----------
        inputs : str, path, dict, Document or iterable of them
            As for :func:`geoinc.extract`.
        jobs : int, default 1
            Worker processes for extraction (:func:`geoinc.parallel.map_documents`).
        now : str, optional
            The ``added``/``updated`` time to record (ISO 8601); defaults to the current
            UTC time.
        progress : callable, optional
            Wraps the stream of inputs (a progress bar).
        **options
            ``source``, ``url``, ``published``, ``max_bytes``, ``time_budget`` as for
            :func:`geoinc.extract`.

        Returns
        -------
        StoreUpdate

        Raises
        ------
        StoreLocked
            Another process is writing the store.
        ConfigurationError
            Merge options differ from the store's.
        """
        now = now or _now()
        with self.lock():
            opts = self.options()
            batch = _Batch(self, now)
            batch.extract(inputs, jobs=jobs, progress=progress, **options)
            if not batch.articles:
                return StoreUpdate(batch.final_statuses({}), 0, 0)
            if self.path.exists():
                ids, renamed = self._update(batch, opts)
            else:
                ids, renamed = self._create(batch, opts)
        changed = tuple(sorted({i for i in ids.values()}))
        return StoreUpdate(
            batch.final_statuses(ids),
            len(batch.articles),
            len(batch.reports),
            changed,
            renamed,
            True,
        )

    def _create(self, batch: _Batch, opts: dict) -> tuple[dict, dict]:
        merged = _merge_parts([], batch.reports, {}, lambda _id: False, opts, batch.now)
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp.gpkg"):
            stale.unlink(missing_ok=True)  # left by a writer that was killed
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp.gpkg", dir=self.path.parent
        )
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()
            _write_frame(merged.frame(), tmp)
            con = _connect(tmp)
            try:
                con.executescript(_TABLES)
                con.execute(
                    f'CREATE INDEX IF NOT EXISTS geoinc_layer_id ON "{LAYER}" (incident_id)'
                )
                con.execute("BEGIN")
                con.executemany(
                    "INSERT INTO geoinc_store VALUES (?, ?)", [(k, str(v)) for k, v in opts.items()]
                )
                _save(con, batch, merged)
                con.execute("COMMIT")
            finally:
                con.close()
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
        return merged.report_ids, merged.renamed

    def _update(self, batch: _Batch, opts: dict) -> tuple[dict, dict]:
        con = _connect(self.path)
        try:
            parts = sorted({_part(r) for r, _ in batch.reports})
            stored, old = _load_parts(con, parts)

            def taken(incident_id: str) -> bool:
                row = con.execute(
                    "SELECT part FROM geoinc_incidents WHERE incident_id = ?", (incident_id,)
                ).fetchone()
                return row is not None and row[0] not in parts

            merged = _merge_parts(stored, batch.reports, old, taken, opts, batch.now)
            with tempfile.TemporaryDirectory() as tmpdir:
                tmp = Path(tmpdir) / "update.gpkg"
                _write_frame(merged.frame(), tmp)
                con.execute("ATTACH DATABASE ? AS upd", (str(tmp),))
                try:
                    con.execute("BEGIN IMMEDIATE")
                    try:
                        _replace_rows(con, sorted(old), merged)
                        _save(con, batch, merged)
                        if _BEFORE_COMMIT is not None:
                            _BEFORE_COMMIT()
                        con.execute("COMMIT")
                    except BaseException:
                        con.execute("ROLLBACK")
                        raise
                finally:
                    con.execute("DETACH DATABASE upd")
        except sqlite3.OperationalError as err:
            if "locked" in str(err):
                raise StoreLocked(f"{self.path} is locked by another program ({err})") from err
            raise OutputError(f"{self.path}: cannot update the store ({err})") from err
        finally:
            con.close()
        return merged.report_ids, merged.renamed


class _Batch:
    """The new articles and reports of one :meth:`IncidentStore.add`."""

    def __init__(self, store: IncidentStore, now: str) -> None:
        self.store, self.now = store, now
        self.statuses: list[list] = []  # [label, doc_id, status, reason, n_reports]
        self.articles: list[tuple] = []
        self.reports: list[tuple] = []  # (report, report_key)
        self._keys: dict[str, str] = {}  # article key -> doc_id, of this batch
        self._base: dict[str, str] = {}  # article key -> doc_id as read (before "#2")

    def extract(self, inputs, *, jobs, progress, **options) -> None:
        from geoinc.extraction.batch import DEFAULT_TIME_BUDGET, run_isolated
        from geoinc.extraction.documents import DEFAULT_MAX_BYTES, iter_documents
        from geoinc.extraction.pipeline import extract_reports
        from geoinc.parallel import map_documents

        budget = options.pop("time_budget", DEFAULT_TIME_BUDGET)
        meta = {k: v for k, v in options.items() if v is not None}
        items = iter_documents(inputs, max_bytes=meta.pop("max_bytes", DEFAULT_MAX_BYTES), **meta)
        if progress:
            items = progress(items)
        per_doc = partial(run_isolated, extract_reports, time_budget=budget)
        con = (
            sqlite3.connect(f"file:{self.store.path}?mode=ro", uri=True)
            if self.store.path.exists()
            else None
        )
        try:
            new = self._new_documents(items, con)
            for (i, key), doc, res in map_documents(per_doc, new, jobs=jobs):
                self._record(i, key, doc, res)
        finally:
            if con is not None:
                con.close()

    def _new_documents(self, items, con) -> Iterator[tuple]:
        """Documents not yet in the store (by text); the others get their status now."""
        from geoinc.extraction.documents import with_metadata

        for label, item in items:
            i = len(self.statuses)
            if isinstance(item, InputError):
                self.statuses.append([label, None, "error", str(item), 0])
                continue
            key = _text_key(item.text)
            known = self._keys.get(key) or (
                con is not None
                and con.execute(
                    "SELECT doc_id FROM geoinc_articles WHERE article_key = ?", (key,)
                ).fetchone()
            )
            if known:
                doc_id = known if isinstance(known, str) else known[0]
                self.statuses.append([label, doc_id, "known", "already in the store", 0])
                continue
            base = item.doc_id
            versions = sum(1 for d in self._base.values() if d == base)
            if con is not None:
                versions += con.execute(
                    "SELECT count(*) FROM geoinc_articles WHERE base_id = ?", (base,)
                ).fetchone()[0]
            if versions:
                item = with_metadata(item, doc_id=f"{item.doc_id}#{versions + 1}")
            self._keys[key], self._base[key] = item.doc_id, base
            self.statuses.append([label, item.doc_id, "pending", "", 0])
            yield (i, key), item

    def _record(self, i: int, key: str, doc, res) -> None:
        entry = self.statuses[i]
        if isinstance(res, GeoincError):
            entry[2:4] = ["error", f"{type(res).__name__}: {res}"]
            return  # not recorded: a later run may succeed
        entry[2:5] = ["ok" if res.reports else "none", res.reason, len(res.reports)]
        published = doc.published.isoformat() if doc.published else None
        self.articles.append(
            (key, doc.doc_id, self._base[key], str(entry[0]), doc.source, doc.url, published)
            + (entry[2], res.reason, len(res.reports), self.now)
        )
        self.reports.extend((r, f"{key}:{n}") for n, r in enumerate(res.reports))

    def final_statuses(self, ids: dict) -> list:
        from geoinc.extraction.pipeline import InputStatus

        by_doc: dict[str, set] = {}
        for r, rkey in self.reports:
            by_doc.setdefault(r.doc_id, set()).add(ids.get(rkey))
        return [
            InputStatus(label, doc_id, st, reason, n, tuple(sorted(by_doc.get(doc_id, ()))))
            for label, doc_id, st, reason, n in self.statuses
        ]


# --------------------------------------------------------------------------- merging


@dataclass
class _Merged:
    """Incidents of the partitions an update touches, ids settled."""

    records: list
    meta: list  # (incident_id, part, added, updated)
    report_ids: dict  # report key -> incident id
    renamed: dict  # old id -> kept id

    def frame(self):
        import pandas as pd

        from geoinc.incidents.schema import build_frame

        frame = build_frame(self.records)
        for n, col in enumerate(PROVENANCE_COLUMNS, start=2):
            frame[col] = pd.Series([m[n] for m in self.meta], index=frame.index, dtype=object)
        if len(frame):
            frame = frame.sort_values(
                ["date_start", "place_name", "incident_id"], na_position="last", kind="mergesort"
            ).reset_index(drop=True)
        return frame


def _load_parts(con: sqlite3.Connection, parts: list[str]) -> tuple[list, dict]:
    """Stored reports ``(report, key, incident_id)`` and incidents of some partitions."""
    stored, old = [], {}
    for start in range(0, len(parts), 500):  # SQLite's bound-parameter limit
        chunk = parts[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = con.execute(
            f"SELECT report, report_key, incident_id FROM geoinc_reports WHERE part IN ({marks})",
            chunk,
        )
        stored.extend((report_from_json(text), key, iid) for text, key, iid in rows)
        rows = con.execute(
            f"SELECT incident_id, added, updated FROM geoinc_incidents WHERE part IN ({marks})",
            chunk,
        )
        old.update((iid, (added, updated)) for iid, added, updated in rows)
    return stored, old


def _merge_parts(stored, new, old: dict, taken: Callable[[str], bool], opts: dict, now: str):
    """Merge stored and new reports; keep ids of incidents that grow (oldest wins)."""
    from geoinc.incidents.merge import incident_record, merge_reports

    key_of = {id(r): k for r, k, _ in stored} | {id(r): k for r, k in new}
    old_id = {id(r): iid for r, _, iid in stored}
    groups = merge_reports([r for r, _, _ in stored] + [r for r, _ in new], **opts)
    used: set[str] = set()
    out = _Merged([], [], {}, {})
    for group in groups:
        rec = incident_record(group)
        mine = sorted(
            {old_id[id(r)] for r in group if id(r) in old_id} - used, key=lambda i: (old[i][0], i)
        )
        iid = mine[0] if mine else rec["incident_id"]
        n = 1
        while not mine and (iid in used or iid in old or taken(iid)):
            n += 1
            iid = f"{rec['incident_id']}-{n}"
        used.add(iid)
        rec["incident_id"] = iid
        fresh = any(id(r) not in old_id for r in group) or len(mine) > 1
        added = old[iid][0] if iid in old else now
        updated = now if fresh or iid not in old else old[iid][1]
        out.records.append(rec)
        out.meta.append((iid, _part(group[0]), added, updated))
        out.report_ids.update((key_of[id(r)], iid) for r in group)
    for r, _, iid in stored:
        if iid not in used:
            out.renamed[iid] = out.report_ids[key_of[id(r)]]
    return out


def _write_frame(frame, path: Path) -> None:
    from geoinc.incidents.io import write_incidents

    write_incidents(frame, path, driver="gpkg", layer=LAYER, regions=False)


def _replace_rows(con: sqlite3.Connection, old_ids: list[str], merged: _Merged) -> None:
    """Swap the touched incidents of the layer for their merged rows (in a transaction)."""
    cols = [r[1] for r in con.execute(f'PRAGMA table_info("{LAYER}")') if r[1] != "fid"]
    new_cols = {r[1] for r in con.execute(f'PRAGMA upd.table_info("{LAYER}")')}
    cols = ", ".join(f'"{c}"' for c in cols if c in new_cols)
    for start in range(0, len(old_ids), 500):
        chunk = old_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        con.execute(f'DELETE FROM "{LAYER}" WHERE incident_id IN ({marks})', chunk)
        con.execute(f"DELETE FROM geoinc_incidents WHERE incident_id IN ({marks})", chunk)
    con.execute(f'INSERT INTO "{LAYER}" ({cols}) SELECT {cols} FROM upd."{LAYER}" ORDER BY fid')
    ext = con.execute(
        f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "rtree_{LAYER}_geom"'
    ).fetchone()
    con.execute(
        "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
        "min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
        (*ext, LAYER),
    )


def _save(con: sqlite3.Connection, batch: _Batch, merged: _Merged) -> None:
    """Articles, reports and incident provenance of one update (in a transaction)."""
    con.executemany(
        "INSERT INTO geoinc_articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch.articles
    )
    con.executemany(
        "INSERT INTO geoinc_reports VALUES (?, ?, ?, ?, ?)",
        [
            (key, key.rsplit(":", 1)[0], _part(r), merged.report_ids[key], report_to_json(r))
            for r, key in batch.reports
        ],
    )
    new_keys = {key for _, key in batch.reports}
    con.executemany(
        "UPDATE geoinc_reports SET incident_id = ? WHERE report_key = ?",
        [(iid, key) for key, iid in merged.report_ids.items() if key not in new_keys],
    )
    con.executemany("INSERT OR REPLACE INTO geoinc_incidents VALUES (?, ?, ?, ?)", merged.meta)
    con.executemany(
        "INSERT OR REPLACE INTO geoinc_renamed VALUES (?, ?, ?)",
        [(o, n, batch.now) for o, n in merged.renamed.items()],
    )

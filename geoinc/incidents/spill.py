"""A batch's reports on disk, merged one place at a time: memory that does not grow.

:func:`~geoinc.incidents.merge.merge_reports` only ever groups reports of the same place
and event type, so a batch need not hold all its reports to merge them. A
:class:`ReportSpill` keeps them in a temporary SQLite file, bucketed by that key, as
they arrive; :meth:`ReportSpill.merge` then merges one bucket at a time and stores each
incident's record with its sort key; :meth:`ReportSpill.records` hands the records back
in the frame's order (date, place name, id), a chunk at a time. The groups are those of
one ``merge_reports`` over every report (within a bucket the reports keep their arrival
order, as in one list), so the incidents and their ids are identical.

What stays in memory: one bucket's reports while it is merged, one chunk of records
while it is written. The per-input statuses go to the same file, with the incidents
each input's reports ended in.

Examples
--------
>>> from geoinc.incidents.merge import IncidentReport
>>> from geoinc.gazetteer import Place
>>> from datetime import date
>>> kharkiv = Place("Kharkiv", 49.98, 36.25, 706483, "settlement", "UA")
>>> r = IncidentReport("a.txt", "AFP", kharkiv, 0.9, date(2024, 5, 1), date(2024, 5, 1), 1)
>>> with ReportSpill() as spill:
...     spill.add_status("a.txt", "a.txt", "ok", "", [r])
...     spill.merge()
...     [rec["place_name"] for chunk in spill.records() for rec in chunk]
1
['Kharkiv']
"""

from __future__ import annotations

import functools
import pickle
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from geoinc.exceptions import OutputError
from geoinc.incidents.merge import IncidentReport, incident_record, merge_reports

F = TypeVar("F", bound=Callable)

__all__ = ["ReportSpill"]

_SCHEMA = """
CREATE TABLE reports (bucket TEXT NOT NULL, seq INTEGER NOT NULL, report BLOB NOT NULL);
CREATE TABLE statuses (
    seq INTEGER PRIMARY KEY, label TEXT, doc_id TEXT, status TEXT, reason TEXT, n INTEGER
);
CREATE TABLE incidents (
    date_start TEXT, place_name TEXT, incident_id TEXT NOT NULL, record BLOB NOT NULL
);
CREATE TABLE links (doc_id TEXT NOT NULL, incident_id TEXT NOT NULL);
"""

# the frame's order: date (undated last), place name, id
_ORDER = "date_start IS NULL, date_start, place_name IS NULL, place_name, incident_id"

#: Rows per INSERT batch and per chunk handed back: small next to any batch, large
#: enough that SQLite's per-statement cost is amortised.
CHUNK = 500


def _disk_errors(func: F) -> F:
    """A full or read-only disk under the spill file is an OutputError, not a crash."""

    @functools.wraps(func)
    def wrapper(self, *args, **kwargs):
        try:
            return func(self, *args, **kwargs)
        except (sqlite3.OperationalError, OSError) as err:
            raise OutputError(
                f"could not write the batch's temporary file in {self.directory} ({err}); "
                "free space there or choose another folder (spill_dir, TMPDIR)"
            ) from err

    return wrapper  # type: ignore[return-value]


def _bucket(r: IncidentReport) -> str:
    # the merge's own grouping key, as text (repr, as merge_reports orders buckets)
    return repr((r.place_key, r.event_type))


class ReportSpill:
    """Reports and input statuses of one batch in a temporary SQLite file.

    Parameters
    ----------
    directory : str or Path, optional
        Where the temporary file goes (default: the system's temporary folder). It is
        deleted by :meth:`close` (or leaving the ``with`` block).
    """

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory or tempfile.gettempdir())
        self._db = None
        try:
            self._dir = tempfile.TemporaryDirectory(prefix=".geoinc-spill-", dir=self.directory)
        except OSError as err:
            raise OutputError(f"cannot write a temporary file in {self.directory} ({err})") from err
        self._seq = 0
        self.n_reports = 0
        self.n_incidents = 0
        self.n_inputs = 0
        try:
            self._open()
        except BaseException:
            self._dir.cleanup()
            raise

    @_disk_errors
    def _open(self) -> None:
        self._db = sqlite3.connect(Path(self._dir.name) / "batch.sqlite", isolation_level=None)
        # a scratch file: durability would only cost time
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        self._db.execute("BEGIN")

    def __enter__(self) -> ReportSpill:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Delete the temporary file."""
        if self._db is not None:
            self._db.close()
            self._db = None
        self._dir.cleanup()

    @_disk_errors
    def add_status(
        self,
        label: str,
        doc_id: str | None,
        status: str,
        reason: str,
        reports: Sequence[IncidentReport] = (),
    ) -> None:
        """Record one input, in input order, and spill its reports."""
        self._db.execute(
            "INSERT INTO statuses VALUES (?, ?, ?, ?, ?, ?)",
            (self.n_inputs, label, doc_id, status, reason, len(reports)),
        )
        self.n_inputs += 1
        rows = []
        for r in reports:
            rows.append((_bucket(r), self._seq, pickle.dumps(r, pickle.HIGHEST_PROTOCOL)))
            self._seq += 1
        if rows:
            self._db.executemany("INSERT INTO reports VALUES (?, ?, ?)", rows)
            self.n_reports += len(rows)

    @_disk_errors
    def merge(self, *, window_days: int = 1, min_shared_figure: int = 5) -> int:
        """Merge every bucket and store the incident records; returns their number."""
        db = self._db
        db.execute("CREATE INDEX reports_bucket ON reports (bucket, seq)")
        buckets = [b for (b,) in db.execute("SELECT DISTINCT bucket FROM reports")]
        for bucket in buckets:
            rows = db.execute("SELECT report FROM reports WHERE bucket = ? ORDER BY seq", (bucket,))
            reports = [pickle.loads(blob) for (blob,) in rows]
            groups = merge_reports(
                reports, window_days=window_days, min_shared_figure=min_shared_figure
            )
            self._store(groups)
        db.execute("DELETE FROM reports")
        db.execute("CREATE INDEX links_doc ON links (doc_id)")
        db.execute("COMMIT")
        db.execute("BEGIN")
        return self.n_incidents

    def _store(self, groups: list) -> None:
        rows, links = [], set()
        for g in groups:
            rec = incident_record(g)
            start = rec.get("date_start")
            key = (None if start is None else start.isoformat(), rec["place_name"])
            rows.append((*key, rec["incident_id"], pickle.dumps(rec, pickle.HIGHEST_PROTOCOL)))
            links.update((r.doc_id, rec["incident_id"]) for r in g)
        self._db.executemany("INSERT INTO incidents VALUES (?, ?, ?, ?)", rows)
        self._db.executemany("INSERT INTO links VALUES (?, ?)", sorted(links))
        self.n_incidents += len(rows)

    def records(self, chunk: int = CHUNK) -> Iterator[list[dict]]:
        """The incident records in the frame's order (date, NaT last; place; id), in chunks."""
        # an index in the frame's order: SQLite then reads the rows in order instead of
        # sorting every record (blobs included) at once
        self._db.execute(f"CREATE INDEX IF NOT EXISTS incidents_order ON incidents ({_ORDER})")
        cur = self._db.execute(f"SELECT record FROM incidents ORDER BY {_ORDER}")
        while rows := cur.fetchmany(chunk):
            yield [pickle.loads(blob) for (blob,) in rows]

    def statuses(self) -> Iterator[tuple]:
        """``(label, doc_id, status, reason, n_reports, incident_ids)`` in input order."""
        cur = self._db.execute("SELECT label, doc_id, status, reason, n FROM statuses ORDER BY seq")
        ids = self._db.cursor()
        while rows := cur.fetchmany(CHUNK):
            for label, doc_id, status, reason, n in rows:
                found = ids.execute(
                    "SELECT DISTINCT incident_id FROM links WHERE doc_id = ? ORDER BY incident_id",
                    (doc_id,),
                )
                yield label, doc_id, status, reason, n, tuple(i for (i,) in found)

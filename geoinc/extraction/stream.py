"""A batch of any size through extraction with flat memory: reports spilled, rows streamed.

:func:`extract` returns one frame, so its memory grows with the batch: every report is
held for the merge, then every incident row. For a batch written to a file that is not
needed. :func:`extract_streamed` runs the same per-document stage (with ``jobs``
worker processes, as ``extract``), spills each input's reports to a temporary SQLite
file as they arrive (:class:`~geoinc.incidents.spill.ReportSpill`), merges them one
place at a time, and hands back a :class:`StreamedBatch` whose rows and statuses are
read back a chunk at a time. The incidents, their ids and their order are those of
``extract`` on the same inputs; the GeoJSON and CSV written are byte-identical.

``geoinc extract ... -o FILE`` runs this way.

Examples
--------
>>> import tempfile, pathlib, json
>>> text = "2024-05-02\\n\\nA Russian drone struck Kharkiv on Wednesday, injuring four people."
>>> out = pathlib.Path(tempfile.mkdtemp()) / "incidents.geojson"
>>> with extract_streamed([text]) as batch:
...     _ = batch.write(out)
...     [s.status for s in batch.statuses()], batch.n_incidents
(['ok'], 1)
>>> json.loads(out.read_text())["features"][0]["properties"]["injured_best"]
4
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Literal

from geoinc.extraction.batch import DEFAULT_TIME_BUDGET
from geoinc.extraction.documents import DEFAULT_MAX_BYTES
from geoinc.extraction.pipeline import InputStatus, plan_batch
from geoinc.incidents.spill import CHUNK

__all__ = ["extract_streamed", "StreamedBatch"]

_NOT_PLAN = ("texts_or_paths", "min_shared_figure", "spill_dir")


class StreamedBatch:
    """The merged incidents and input statuses of one batch, read back in chunks.

    Attributes
    ----------
    n_inputs, n_reports, n_incidents : int
    counts : dict
        Inputs per status ("ok", "none", "error").
    """

    def __init__(self, spill, counts: dict[str, int]) -> None:
        self._spill = spill
        self.counts = counts
        self.n_inputs = spill.n_inputs
        self.n_reports = spill.n_reports
        self.n_incidents = spill.n_incidents

    @property
    def readable(self) -> bool:
        """At least one input could be read."""
        return self.counts["ok"] + self.counts["none"] > 0

    def frames(self, chunk: int | None = None) -> Iterator:
        """The incident frame in consecutive parts (``extract``'s rows and order)."""
        from geoinc.incidents.schema import build_frame

        for records in self._spill.records(chunk or CHUNK):
            yield build_frame(records)

    def statuses(self) -> Iterator[InputStatus]:
        """One :class:`~geoinc.extraction.pipeline.InputStatus` per input, in input order."""
        for row in self._spill.statuses():
            yield InputStatus(*row)

    def write(self, path: str | Path, **kwargs) -> Path:
        """Write the incidents (:func:`~geoinc.incidents.chunked.write_incident_chunks`)."""
        from geoinc.incidents.chunked import write_incident_chunks

        return write_incident_chunks(self.frames(), path, **kwargs)


@contextmanager
def extract_streamed(
    texts_or_paths,
    *,
    gazetteer=None,
    source: str | None = None,
    url: str | None = None,
    published: date | str | None = None,
    lang: str | None = None,
    window_days: int = 1,
    min_shared_figure: int = 5,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: Literal["raise", "warn", "record"] = "warn",
    progress: bool | Callable[[Iterable], Iterable] = False,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    jobs: int | None = 1,
    spill_dir: str | Path | None = None,
) -> Iterator[StreamedBatch]:
    """Extract and merge a batch with memory that does not grow with it.

    Parameters are those of :func:`geoinc.extraction.pipeline.extract`, plus
    ``spill_dir``: where the temporary file of reports and rows goes (the system's
    temporary folder by default; about 3 kB per report). The batch is valid inside the
    ``with`` block; the file is deleted when it ends.

    Yields
    ------
    StreamedBatch
    """
    options = {k: v for k, v in locals().items() if k not in _NOT_PLAN}  # the parameters
    plan = plan_batch(texts_or_paths, **options)
    from geoinc.incidents.spill import ReportSpill

    with ReportSpill(spill_dir) as spill:
        counts = _spill_outcomes(spill, plan)
        spill.merge(window_days=plan.window_days, min_shared_figure=min_shared_figure)
        yield StreamedBatch(spill, counts)


def _spill_outcomes(spill, plan) -> dict[str, int]:
    """Run the batch into ``spill``; inputs per status (a warning for errors when asked)."""
    counts = {"ok": 0, "none": 0, "error": 0}
    errors: list[str] = []
    # nothing kept here: no table of shared objects for the reports
    for label, doc_id, status, reason, reports in plan.outcomes(share=False):
        spill.add_status(label, doc_id, status, reason, reports)
        counts[status] += 1
        if status == "error" and len(errors) < 3:
            errors.append(reason)
    if counts["error"] and plan.on_error == "warn":
        warnings.warn(
            f"{counts['error']} of {spill.n_inputs} inputs could not be read: "
            + "; ".join(errors)
            + (" …" if counts["error"] > 3 else ""),
            UserWarning,
            stacklevel=5,  # the caller of extract_streamed (through contextlib)
        )
    return counts

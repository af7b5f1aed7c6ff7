"""Extraction over archives with Dask: documents on the workers, a partitioned merge.

``geoinc.dask.extract(paths_or_bag)`` gives the same incidents as
:func:`geoinc.extract` (tested on a ``LocalCluster``), computed on a Dask cluster:

1. **Per document** (map): every worker reads its share of the files and runs
   :func:`~geoinc.extraction.pipeline.extract_reports` (the gazetteer is loaded once per
   worker process). Only the small reports travel on.
2. **Across documents** (a partitioned reduce): reports merge only with reports of the
   same place and event type (:func:`geoinc.incidents.merge.merge_reports`), dated ones
   when their dates chain within ``window_days``. Reports are shuffled into partitions
   by **region and date window** (``partition_days`` wide) with an **overlap** on both
   sides, ``max report span + window_days + 1`` days wide, so that no chain can enter a
   window's core without leaving a report in its overlap. Each partition merges its
   reports and keeps an incident only if its first date lies in the partition's core:
   an incident straddling an edge is kept by exactly one partition. An incident whose
   chain reaches the far end of the overlap might go on in the next window; its place
   is merged again as a whole in a second pass, as are places with undated reports (an
   undated report can join an incident of any date).

:func:`extract` collects the incidents into one GeoDataFrame; for an archive too large
for that, :func:`write_parquet` has the workers write a partitioned GeoParquet dataset
(and the per-input statuses as JSON lines) and returns only counts, and
:func:`to_dask_geopandas` gives the incidents as a lazy ``dask_geopandas.GeoDataFrame``
(one partition per partition of the merge, nothing collected); :func:`read_parquet`
reads the dataset back as one.

Dask and dask-geopandas are optional dependencies (``pip install 'geoinc[dask]'``),
imported when a function here is called. To run on a cluster, pass its scheduler address
(``scheduler="tcp://host:8786"``) or a ``distributed.Client``; with ``scheduler=None``
Dask's default applies (a ``Client`` already created in the session, or the
``DASK_SCHEDULER_ADDRESS`` setting). See ``docs/scale.md``.

This module is named after the package it drives; it imports ``dask`` absolutely, so
``import dask`` inside it is the real Dask.
"""

from __future__ import annotations

import warnings
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from geoinc.exceptions import ConfigurationError, GeoincError, InputError

__all__ = [
    "extract",
    "extract_with_status",
    "write_parquet",
    "to_dask_geopandas",
    "read_parquet",
    "partitioned_merge",
    "DEFAULT_PARTITION_DAYS",
]

#: Width of the merge's date windows. Narrow windows spread one region's reports over
#: more tasks; each window also carries the overlap, so much narrower than the longest
#: report span only repeats work.
DEFAULT_PARTITION_DAYS = 30
# Buckets for places merged whole (undated reports, incidents reaching a window's edge).
_PLACE_BUCKETS = 32
_LOCAL_SCHEDULERS = ("threads", "threading", "processes", "multiprocessing", "sync", "synchronous")


def _bag_module():
    try:
        import dask.bag
    except ImportError as err:  # pragma: no cover - exercised without the extra only
        raise ConfigurationError(
            "geoinc.dask needs Dask: pip install 'geoinc[dask]' (dask[distributed])"
        ) from err
    return dask.bag


# --------------------------------------------------------------------------- inputs


def _leaves(inputs) -> list:
    """Inputs expanded into ``(label, item)``, one per document; label ``None`` means
    the one ``iter_documents`` gives. Folders are listed here (cheap), files are read on
    the workers."""
    from geoinc.extraction.documents import (
        TEXT_SUFFIXES,
        Document,
        _looks_like_path,
        _walk,
        portable_id,
    )

    if isinstance(inputs, (str, Path, Document, dict)):
        inputs = [inputs]
    out: list = []
    for i, item in enumerate(inputs):
        if isinstance(item, str) and item == "-":
            raise ConfigurationError("stdin ('-') cannot be read by a cluster; give files")
        if isinstance(item, Path) or (isinstance(item, str) and _looks_like_path(item)):
            p = Path(item)
            if not p.is_dir():
                out.append((None, item))
                continue
            for f, reason in _walk(p):
                if reason:
                    out.append((str(f), InputError(f"{f}: {reason}")))
                elif f.suffix.lower() not in TEXT_SUFFIXES:
                    msg = f"{f}: skipped, not a text or HTML file (suffix {f.suffix or 'none'!r})"
                    out.append((str(f), InputError(msg)))
                else:  # read on a worker, under the id iter_documents gives it
                    out.append((str(f), {"path": str(f), "doc_id": portable_id(f, p)}))
        elif isinstance(item, str):
            out.append((f"text:{i}", item))  # numbered by its place in the whole input
        else:
            out.append((None, item))
    return out


def _read(leaf, options: dict) -> Iterator[tuple[str, object]]:
    """Documents of one leaf; a bag given by the caller holds bare inputs."""
    from geoinc.extraction.documents import iter_documents

    label, item = leaf if isinstance(leaf, tuple) and len(leaf) == 2 else (None, leaf)
    if isinstance(item, InputError):
        yield label, item
        return
    for own, doc in iter_documents([item], **options):
        yield label or own, doc


def _extract_partition(items: Iterable, options: dict, time_budget) -> list:
    """Per-document stage on a worker: ``(label, doc_id, status, reason, n, reports)``."""
    from geoinc.extraction.batch import run_isolated
    from geoinc.extraction.pipeline import extract_reports

    out = []
    for item in items:
        for label, doc in _read(item, options):
            if isinstance(doc, InputError):
                out.append((label, None, "error", str(doc), 0, ()))
                continue
            try:
                res = run_isolated(extract_reports, doc, time_budget=time_budget)
            except GeoincError as err:
                out.append((label, doc.doc_id, "error", f"{type(err).__name__}: {err}", 0, ()))
                continue
            status = "ok" if res.reports else "none"
            out.append((label, doc.doc_id, status, res.reason, len(res.reports), res.reports))
    return out


# --------------------------------------------------------------------------- the merge


def _place(report) -> str:
    return repr((report.place_key, report.event_type))


def _span(report) -> int:
    return ((report.date_end or report.date_start) - report.date_start).days


def _windows(report, width: int, overlap: int) -> list[tuple]:
    """Every (region, window) whose extended range holds the report's first date."""
    s = report.date_start.toordinal()
    region = f"{report.place.country}|{report.place.admin1}"
    lo, hi = (s - overlap) // width - 1, (s + overlap) // width + 1
    return [
        ((region, k), report)
        for k in range(lo, hi + 1)
        if k * width - overlap <= s < (k + 1) * width + overlap
    ]


def _window_items(reports: Iterable, width: int, span: int, window_days: int) -> list:
    """``((region, window), report)`` for every window a report belongs to."""
    overlap = span + window_days + 1
    return [kv for r in reports for kv in _windows(r, width, overlap)]


def _merge_windows(items: Iterable, width: int, span: int, opts: dict) -> list[tuple]:
    """:func:`_merge_window` over a partition of ``((region, window), [(key, report)])``."""
    overlap = span + opts["window_days"] + 1
    out: list[tuple] = []
    for key, pairs in items:
        out += _merge_window((key, [r for _, r in pairs]), width, overlap, opts)
    return out


def _merge_window(item, width: int, overlap: int, opts: dict) -> list[tuple]:
    """Groups of one (region, window): ``("ok", group)`` or ``("edge", place)``."""
    from geoinc.incidents.merge import merge_reports

    (_, k), reports = item
    core_start, far_end = k * width, (k + 1) * width + overlap
    out = []
    for group in merge_reports(reports, **opts):
        start = min(r.date_start for r in group).toordinal()
        if not core_start <= start < core_start + width:
            continue  # another window's core holds its first date: that one keeps it
        end = max((r.date_end or r.date_start) for r in group).toordinal()
        if end + opts["window_days"] >= far_end:
            out.append(("edge", _place(group[0])))  # may go on beyond the overlap
        else:
            out.append(("ok", group))
    return out


def _merge_whole(item, opts: dict) -> list:
    from geoinc.incidents.merge import merge_reports

    return merge_reports(item[1], **opts)


def _bucket(report) -> int:
    return zlib.crc32(_place(report).encode("utf-8")) % _PLACE_BUCKETS


def _dated(report) -> bool:
    return report.date_start is not None


def _undated(report) -> bool:
    return report.date_start is None


def _union(sets: Iterable[set]) -> set:
    return set().union(*sets)


def _places_in(reports: Iterable, places: set, inside: bool) -> list:
    return [r for r in reports if (_place(r) in places) == inside]


def _edge_places(items: Iterable[tuple]) -> set:
    return {t[1] for t in items if t[0] == "edge"}


def _safe_groups(items: Iterable[tuple], whole: set) -> list:
    return [t[1] for t in items if t[0] == "ok" and _place(t[1][0]) not in whole]


def _lazy(item):
    """A bag reduction as a ``Delayed`` over the bag's own task names. An ``Item`` passed
    as an argument is optimised apart, its tasks fused and renamed, so its whole graph
    (the extraction included) would run again for it."""
    return item.to_delayed(optimize_graph=False)


def partitioned_merge(
    reports,
    *,
    window_days: int = 1,
    min_shared_figure: int = 5,
    partition_days: int = DEFAULT_PARTITION_DAYS,
):
    """Merge a Dask bag of reports as :func:`~geoinc.incidents.merge.merge_reports` does.

    Nothing is computed here: the statistics the windows need (the longest report span,
    the places with undated reports, the places with a group at a window's edge) are
    reductions inside the returned bag's graph, so one ``compute`` runs the whole merge
    and every report is extracted once.

    Parameters
    ----------
    reports : dask.bag.Bag of IncidentReport
    window_days, min_shared_figure : int
        As for :func:`~geoinc.incidents.merge.merge_reports`.
    partition_days : int, default :data:`DEFAULT_PARTITION_DAYS`
        Width of the date windows (see the module docstring).

    Returns
    -------
    dask.bag.Bag of list of IncidentReport
        The same groups as ``merge_reports`` gives over all the reports (in another
        order); every report is in exactly one group.

    Examples
    --------
    >>> import dask.bag as db
    >>> from geoinc.extraction.documents import document_from_text
    >>> from geoinc.extraction.pipeline import extract_reports
    >>> texts = [f"2024-01-0{d}\\n\\nDrones hit Sumy on {w}." for d, w in ((2, "Tuesday"),
    ...          (3, "Wednesday"), (9, "Tuesday"))]
    >>> reps = [r for t in texts for r in extract_reports(document_from_text(t)).reports]
    >>> groups = partitioned_merge(db.from_sequence(reps), partition_days=3)
    >>> groups = groups.compute(scheduler="sync")
    >>> sorted(len(g) for g in groups)
    [1, 2]
    """
    import dask
    import dask.bag

    if partition_days < 1:
        raise ConfigurationError(f"partition_days must be at least 1, got {partition_days!r}")
    opts = {"window_days": window_days, "min_shared_figure": min_shared_figure}
    dated = reports.filter(_dated)
    span = _lazy(dated.map(_span).fold(max, max, initial=0))
    undated = _lazy(reports.filter(_undated).map(_place).reduction(set, _union))
    windows = _merged_windows(dated, undated, partition_days, span, opts)
    # a place with a group reaching a window's edge is merged whole, as undated ones are
    edges = _lazy(windows.map_partitions(_edge_places).reduction(set, _union))
    whole = dask.delayed(set.union)(undated, edges)
    safe = windows.map_partitions(_safe_groups, whole)
    return dask.bag.concat([safe, _merged_places_whole(reports, whole, opts)])


def _merged_windows(dated, undated, partition_days: int, span, opts: dict):
    """Dated reports of the places without undated reports merged per date window: a bag
    of ``("ok", group)`` and ``("edge", place)`` items (see :func:`_merge_window`)."""
    return (
        dated.map_partitions(_places_in, undated, False)
        .map_partitions(_window_items, partition_days, span, opts["window_days"])
        .groupby(lambda kv: kv[0], shuffle="tasks")
        .map_partitions(_merge_windows, partition_days, span, opts)
    )


def _merged_places_whole(reports, whole, opts: dict):
    """All reports of the places in ``whole``, merged per place bucket, every date at once."""
    return (
        reports.map_partitions(_places_in, whole, True)
        .groupby(_bucket, shuffle="tasks")
        .map(_merge_whole, opts)
        .flatten()
    )


# --------------------------------------------------------------------------- the API


@contextmanager
def _scheduler(scheduler):
    """A scheduler for ``compute``: an address opens (and closes) a client. ``None``
    takes the address from Dask's configuration (``DASK_SCHEDULER_ADDRESS``) if set."""
    if scheduler is None:
        import dask

        scheduler = dask.config.get("scheduler-address", None)
    if isinstance(scheduler, str) and scheduler not in _LOCAL_SCHEDULERS:
        try:
            from distributed import Client
        except ImportError as err:  # pragma: no cover
            raise ConfigurationError(
                "a scheduler address needs dask.distributed: pip install 'geoinc[dask]'"
            ) from err
        try:
            client = Client(scheduler, set_as_default=False)  # distributed.comm.timeouts.connect
        except OSError as err:
            raise ConfigurationError(
                f"cannot reach the Dask scheduler {scheduler!r}: {err}"
            ) from err
        with client:
            yield client
    else:
        yield scheduler


_DOC_OPTIONS = ("source", "url", "published", "max_bytes")


def _documents(paths_or_bag, npartitions, time_budget, options: dict):
    """The bag of per-document results ``(label, doc_id, status, reason, n, reports)``."""
    from geoinc.extraction.batch import DEFAULT_TIME_BUDGET

    db = _bag_module()
    unknown = sorted(set(options) - set(_DOC_OPTIONS))
    if unknown:  # found here, not as a TypeError on every worker
        raise ConfigurationError(f"unknown option(s) for the Dask path: {', '.join(unknown)}")
    options = {k: v for k, v in options.items() if v is not None}
    budget = DEFAULT_TIME_BUDGET if time_budget is None else time_budget
    if isinstance(paths_or_bag, db.Bag):
        bag = paths_or_bag
    else:
        leaves = _leaves(paths_or_bag)
        n = npartitions or min(64, 1 + len(leaves) // 200)  # ~200 documents a task
        bag = db.from_sequence(leaves, npartitions=n)
    return bag.map_partitions(_extract_partition, options, budget)


def _status(doc: tuple) -> tuple:
    return doc[:5]


def _reports(doc: tuple):
    return doc[5]


def _documents_and_groups(paths_or_bag, npartitions, time_budget, merge: dict, options: dict):
    """The per-document bag and the merged groups built from it, both lazy: computed
    together they share the extraction."""
    docs = _documents(paths_or_bag, npartitions, time_budget, options)
    return docs, partitioned_merge(docs.map(_reports).flatten(), **merge)


def _with_docs(group) -> tuple:
    from geoinc.incidents.merge import incident_record

    return incident_record(group), sorted({r.doc_id for r in group})


def extract_with_status(
    paths_or_bag,
    *,
    scheduler=None,
    npartitions: int | None = None,
    partition_days: int = DEFAULT_PARTITION_DAYS,
    window_days: int = 1,
    min_shared_figure: int = 5,
    on_error: str = "warn",
    time_budget: float | None = None,
    **options,
):
    """Like :func:`extract`, also returning one status per input (as the pipeline does)."""
    import dask

    from geoinc.extraction.pipeline import InputStatus

    if on_error not in ("raise", "warn", "record"):
        raise ConfigurationError(f"on_error must be 'raise', 'warn' or 'record', got {on_error!r}")
    merge = {
        "window_days": window_days,
        "min_shared_figure": min_shared_figure,
        "partition_days": partition_days,
    }
    docs, groups = _documents_and_groups(paths_or_bag, npartitions, time_budget, merge, options)
    with _scheduler(scheduler) as sched:
        statuses, rows = dask.compute(docs.map(_status), groups.map(_with_docs), scheduler=sched)
    return _finish(rows, statuses, on_error, InputStatus)


def _sorted_frame(records: list):
    """One partition's incident frame, rows in the order :func:`extract` gives."""
    from geoinc.incidents.schema import build_frame

    frame = build_frame(records)
    if len(frame):
        frame = frame.sort_values(
            ["date_start", "place_name", "incident_id"], na_position="last", kind="mergesort"
        ).reset_index(drop=True)
    return frame


def _frame_part(groups: list):
    from geoinc.incidents.merge import incident_record

    return _sorted_frame([incident_record(g) for g in groups])


def _write_part(groups: list, path: str) -> int:
    from geoinc.incidents.io import write_incidents

    frame = _frame_part(groups)
    write_incidents(frame, path, driver="parquet")
    return len(frame)


def _write_statuses(rows: list, path: str) -> int:
    import json

    keys = ("input", "doc_id", "status", "reason", "n_reports")
    text = "".join(
        json.dumps(dict(zip(keys, r, strict=True)), ensure_ascii=False) + "\n" for r in rows
    )
    Path(path).write_text(text, encoding="utf-8")
    return len(rows)


def write_parquet(
    paths_or_bag,
    folder: str | Path,
    *,
    scheduler=None,
    npartitions: int | None = None,
    partition_days: int = DEFAULT_PARTITION_DAYS,
    window_days: int = 1,
    min_shared_figure: int = 5,
    time_budget: float | None = None,
    **options,
) -> dict:
    """Extract on the cluster and write the incidents as a partitioned GeoParquet dataset.

    For archives too large to collect into one frame: nothing but counts comes back to
    the caller. The workers write ``folder/incidents/part-NNNNN.parquet`` (GeoParquet,
    columns and types as :func:`geoinc.incidents.io.write_incidents` writes them; read
    one with :func:`geoinc.read_incidents`, or all with ``geopandas.read_parquet``) and
    ``folder/inputs/part-NNNNN.jsonl`` (one status per input). Parameters as for
    :func:`extract`; ``folder`` must be on storage the workers share.

    Returns
    -------
    dict
        ``{"incidents": n, "inputs": n, "files": [...]}``.

    Examples
    --------
    >>> import tempfile, geopandas
    >>> out = write_parquet(["2024-01-02\\n\\nA drone hit Kharkiv, injuring 4."],
    ...                     tempfile.mkdtemp(), scheduler="sync")
    >>> out["incidents"], out["inputs"]
    (1, 1)
    """
    import dask

    folder = Path(folder)
    for sub in ("incidents", "inputs"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    merge = {
        "window_days": window_days,
        "min_shared_figure": min_shared_figure,
        "partition_days": partition_days,
    }
    docs, groups = _documents_and_groups(paths_or_bag, npartitions, time_budget, merge, options)
    # unoptimised: each bag fused apart would rename, and so repeat, the extraction
    parts = [
        dask.delayed(_write_part)(part, str(folder / "incidents" / f"part-{i:05d}.parquet"))
        for i, part in enumerate(groups.to_delayed(optimize_graph=False))
    ]
    status_parts = [
        dask.delayed(_write_statuses)(part, str(folder / "inputs" / f"part-{i:05d}.jsonl"))
        for i, part in enumerate(docs.map(_status).to_delayed(optimize_graph=False))
    ]
    with _scheduler(scheduler) as sched:
        counts = dask.compute(parts, status_parts, scheduler=sched)
    files = sorted(str(p) for p in (folder / "incidents").glob("part-*.parquet"))
    return {"incidents": sum(counts[0]), "inputs": sum(counts[1]), "files": files}


def _finish(rows: list, statuses: list, on_error: str, status_type):
    """The frame and statuses, ordered as :func:`geoinc.extract_with_status` orders them."""
    from geoinc.incidents.schema import build_frame

    errors = [s for s in statuses if s[2] == "error"]
    if errors and on_error == "raise":
        raise InputError(errors[0][3])
    frame = build_frame([rec for rec, _ in rows])
    if len(frame):
        frame = frame.sort_values(
            ["date_start", "place_name", "incident_id"], na_position="last", kind="mergesort"
        ).reset_index(drop=True)
    ids: dict[str, set] = defaultdict(set)
    for rec, doc_ids in rows:
        for d in doc_ids:
            ids[d].add(rec["incident_id"])
    out = [
        status_type(label, doc_id, st, reason, n, tuple(sorted(ids.get(doc_id, ()))))
        for label, doc_id, st, reason, n in statuses
    ]
    if errors and on_error == "warn":
        warnings.warn(
            f"{len(errors)} of {len(out)} inputs could not be read: "
            + "; ".join(s[3] for s in errors[:3])
            + (" …" if len(errors) > 3 else ""),
            UserWarning,
            stacklevel=3,
        )
    frame.attrs["geoinc_inputs"] = [s.as_dict() for s in out]
    return frame, out


def extract(paths_or_bag, **kwargs):
    """Turn news reports into an incident GeoDataFrame on a Dask cluster.

    Parameters
    ----------
    paths_or_bag : str, path, list or dask.bag.Bag
        Files, folders and texts as for :func:`geoinc.extract`, or a Dask bag of them
        (a bag of file paths on storage the workers share, for instance).
    scheduler : str or distributed.Client, optional
        A scheduler address (``"tcp://host:8786"``), a client, a local scheduler name
        (``"processes"``, ``"threads"``, ``"sync"``) or ``None`` for Dask's default.
    npartitions : int, optional
        Partitions of the document bag (default: up to 64).
    partition_days : int, default :data:`DEFAULT_PARTITION_DAYS`
        Width of the merge's date windows.
    window_days, min_shared_figure, on_error, time_budget, source, url, published, max_bytes
        As for :func:`geoinc.extract`.

    Returns
    -------
    geopandas.GeoDataFrame
        Identical to :func:`geoinc.extract` on the same inputs.

    Examples
    --------
    >>> gdf = extract(["2024-01-02\\n\\nA drone hit Kharkiv, injuring 4."], scheduler="sync")
    >>> gdf[["place_name", "injured_best"]].values.tolist()
    [['Kharkiv', 4]]
    """
    frame, _ = extract_with_status(paths_or_bag, **kwargs)
    return frame


def _geopandas_module():
    """``dask.dataframe``, with ``dask_geopandas`` registered (its frames are geo-aware)."""
    try:
        import dask.dataframe as dd
        import dask_geopandas  # noqa: F401  (registers GeoDataFrame partitions)
    except ImportError as err:  # pragma: no cover - exercised without the extra only
        raise ConfigurationError(
            "a dask-geopandas frame needs dask-geopandas: pip install 'geoinc[dask]'"
        ) from err
    return dd


def _lazy_frame(dd, parts: list):
    """A dask-geopandas frame of delayed incident frames, typed as the schema says.

    Built with Dask's string conversion off: it would turn the list columns (``weapon``,
    ``claims``...) into their text and the ``str`` columns into another dtype.
    """
    import dask

    from geoinc.incidents.schema import empty_frame

    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_delayed(parts, meta=empty_frame(), verify_meta=False)


def to_dask_geopandas(
    paths_or_bag,
    *,
    npartitions: int | None = None,
    partition_days: int = DEFAULT_PARTITION_DAYS,
    window_days: int = 1,
    min_shared_figure: int = 5,
    time_budget: float | None = None,
    **options,
):
    """The incidents as a lazy ``dask_geopandas.GeoDataFrame``, nothing computed yet.

    Each partition holds the incidents of one partition of the merge (built on a worker,
    never collected in the client), with the columns and dtypes of
    :func:`geoinc.extract`'s frame and CRS EPSG:4326, rows in its order within a
    partition (each partition has its own ``RangeIndex``). Computed on a cluster it
    holds the same incidents as :func:`extract` gives; work on it with Dask (filters,
    ``to_parquet``, spatial joins) or compute it with the scheduler of your choice
    (``frame.compute(scheduler=client)``, or a default ``Client``). Input errors are
    left out silently here; :func:`write_parquet` records one status per input.

    Parameters
    ----------
    paths_or_bag, npartitions, partition_days, window_days, min_shared_figure, time_budget
        As for :func:`extract`; ``source``, ``url``, ``published`` and ``max_bytes`` too.

    Returns
    -------
    dask_geopandas.GeoDataFrame
        Two partitions per partition of the document bag.

    Examples
    --------
    >>> frame = to_dask_geopandas(["2024-01-02\\n\\nA drone hit Kharkiv, injuring 4."])
    >>> frame.crs.to_string(), str(frame.dtypes["injured_best"])
    ('EPSG:4326', 'Int64')
    >>> frame.compute(scheduler="sync")[["place_name", "injured_best"]].values.tolist()
    [['Kharkiv', 4]]
    """
    import dask

    dd = _geopandas_module()
    merge = {
        "window_days": window_days,
        "min_shared_figure": min_shared_figure,
        "partition_days": partition_days,
    }
    _, groups = _documents_and_groups(paths_or_bag, npartitions, time_budget, merge, options)
    return _lazy_frame(
        dd, [dask.delayed(_frame_part)(p) for p in groups.to_delayed(optimize_graph=False)]
    )


def read_parquet(folder: str | Path):
    """The dataset :func:`write_parquet` wrote, as a lazy ``dask_geopandas.GeoDataFrame``.

    One partition per file, each read with :func:`geoinc.read_incidents` (the ``weapon``,
    ``claims``... columns back to lists, every column its schema type), so it equals
    :func:`to_dask_geopandas` on the same inputs. ``dask_geopandas.read_parquet`` reads
    the same files too, the list columns then as their JSON text.

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> _ = write_parquet(["2024-01-02\\n\\nA drone hit Kharkiv, injuring 4."], out,
    ...                   scheduler="sync")
    >>> read_parquet(out).compute(scheduler="sync")["place_name"].tolist()
    ['Kharkiv']
    """
    import dask

    from geoinc.incidents.io import read_incidents

    dd = _geopandas_module()
    folder = Path(folder)
    files = sorted((folder / "incidents").glob("part-*.parquet")) or sorted(
        folder.glob("part-*.parquet")
    )
    if not files:
        raise InputError(f"{folder}: no part-*.parquet files (written by write_parquet)")
    return _lazy_frame(dd, [dask.delayed(read_incidents)(f) for f in files])

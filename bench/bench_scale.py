"""Scale: articles/s on 1, 2 and all cores and on a Dask LocalCluster; memory against
batch size; the incident store's update cost as it grows.

    python bench/bench_scale.py [--articles 100000] [--corpus DIR] [--stages all]
                                [--memory-sizes 2000,20000,100000] [--store-sizes 1000,10000]

The corpus is built once (and reused) by recombining the sentences of the development
texts in ../shared/eval (the four geoparsing corpora and uaru-dev, English): each article
gets a dateline and 4-10 sentences, mostly from one source text, some from another,
drawn with a fixed seed. It is written under the system's temporary folder (never into
the repository: the sentences belong to their outlets).

Stages (``--stages`` takes a comma-separated subset):

* ``throughput``: ``geoinc.extract(folder, jobs=N)`` for N = 1, 2 and every core, and
  ``geoinc.dask.extract`` on a 2-worker ``LocalCluster`` (processes, 1 thread each),
  on the first ``--throughput-articles`` articles; articles/s and speed-up over 1 job;
* ``dask``: the Dask path's outputs on one warm 2-worker ``LocalCluster``, alternated:
  ``extract`` (collected in the client), ``to_dask_geopandas(...).compute()``, the
  frame's ``len`` (built on the workers, counts only come back) and ``write_parquet``,
  on the first ``--dask-articles`` articles;
* ``memory``: peak resident memory of ``geoinc extract --jobs 2`` run in a fresh process
  for each batch size (the parent and its workers separately);
* ``merge``: ``merge_reports`` alone over synthetic one-figure reports spread over
  10,000 real places and three years, up to a million reports (close to a million
  incidents), and the cost of building one incident row;
* ``store``: an incident store grown to each size with synthetic reports (real gazetteer
  places, dates over three years), then the time to add 100 new articles' reports to it,
  and the in-memory ``merge_reports`` time for the same number of reports.

Numbers depend on the machine and on its load; the script prints the CPU count and the
load average so they can be read with that in mind.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
if str(HERE.parent) not in sys.path:  # run from a source checkout without installing
    sys.path.insert(0, str(HERE.parent))

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def source_texts() -> list[str]:
    files = sorted((SHARED / "eval").glob("*.dev.jsonl")) + [SHARED / "eval/uaru-dev/en.jsonl"]
    texts = []
    for path in files:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    if not texts:
        sys.exit(f"no development texts under {SHARED / 'eval'}")
    return texts


def build_corpus(folder: Path, n: int, seed: int = 16) -> Path:
    """Write ``n`` recombined articles into ``folder`` (skipped when already complete)."""
    done = folder / ".complete"
    if done.exists() and int(done.read_text()) >= n:
        return folder
    rng = random.Random(seed)
    docs = [[s.strip() for s in _SENTENCE.split(t) if len(s.strip()) > 20] for t in source_texts()]
    docs = [d for d in docs if len(d) >= 3]
    start = date(2022, 3, 1)
    for i in range(n):
        main, other = rng.choice(docs), rng.choice(docs)
        k = rng.randint(4, 10)
        first = rng.randrange(len(main))
        sents = [main[(first + j) % len(main)] for j in range(min(k - 1, len(main)))]
        sents.insert(rng.randrange(len(sents) + 1), rng.choice(other))
        day = start + timedelta(days=rng.randrange(1000))
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = f"{day:%B %d, %Y}\n\n" + " ".join(sents) + "\n"
        (sub / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    done.write_text(str(n))
    return folder


def subset(corpus: Path, n: int) -> list[Path]:
    return sorted(corpus.rglob("*.txt"))[:n]


def _rate(label: str, n: int, seconds: float, base: float | None) -> float:
    speed = "" if base is None else f"  x{(n / seconds) / base:.2f} vs 1 job"
    print(f"  {label:<34} {n:>7} articles  {seconds:8.1f} s  {n / seconds:8.1f} articles/s{speed}")
    return n / seconds


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its finished children (user + system)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _cpu_line(n: int, jobs: int, parent: float, workers: float, serial: float) -> None:
    """CPU time split and the speed-up it allows on idle cores: the parent's part runs
    once, the workers' part spreads over ``jobs`` cores (load on a shared machine
    hides this in wall time, not in CPU time)."""
    ideal = max(parent, workers / jobs) if workers else parent
    print(
        f"  {'':<34} cpu: parent {parent:6.1f} s, workers {workers:6.1f} s; "
        f"on {jobs} idle core(s): {n / ideal:7.1f} articles/s, x{serial / ideal:.2f} vs 1 job"
    )


def _warm() -> None:
    from geoinc.extraction.pipeline import extract

    extract(["2024-01-02\n\nDrones hit Kyiv."])


def bench_throughput(files: list[Path]) -> None:
    import geoinc
    import geoinc.dask as gdask

    print(f"throughput ({len(files)} articles)")
    geoinc.extract(files[:20], on_error="record")  # warm this process's tables
    base = None
    cores = os.cpu_count() or 1
    serial = None
    for jobs in sorted({1, 2, cores}):
        c0, t0 = _cpu(), time.perf_counter()
        geoinc.extract(files, jobs=jobs, on_error="record")
        rate = _rate(f"extract(jobs={jobs})", len(files), time.perf_counter() - t0, base)
        c1 = _cpu()
        parent, workers = c1[0] - c0[0], c1[1] - c0[1]
        serial = serial or parent
        _cpu_line(len(files), jobs, parent, workers, serial)
        base = base or rate
    _streamed_throughput(files, sorted({1, 2, cores}), base)
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as lc,
        Client(lc) as client,
    ):
        client.run(_warm)
        t0 = time.perf_counter()
        gdask.extract(files, scheduler=client, on_error="record")
        _rate("dask LocalCluster (2 workers)", len(files), time.perf_counter() - t0, base)


def _streamed_throughput(files: list[Path], jobs_list: list[int], base: float) -> None:
    """What ``geoinc extract -o out.gpkg --jobs N`` does: reports spilled, rows streamed."""
    from geoinc.extraction.stream import extract_streamed

    for jobs in jobs_list:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            with extract_streamed(files, jobs=jobs, on_error="record", spill_dir=tmp) as batch:
                batch.write(Path(tmp) / "out.gpkg")
            _rate(f"streamed to GPKG (jobs={jobs})", len(files), time.perf_counter() - t0, base)


def _dask_variants(gdask, files: list, client, folder: Path) -> dict:
    """The ways to get the incidents out of the Dask path; each returns the incident count."""
    variants = {
        "extract (collect)": lambda: len(gdask.extract(files, scheduler=client, on_error="record")),
        "write_parquet": lambda: gdask.write_parquet(files, folder, scheduler=client)["incidents"],
    }
    if hasattr(gdask, "to_dask_geopandas"):  # absent in an A/B against an older revision
        variants["to_dask_geopandas().compute()"] = lambda: len(
            gdask.to_dask_geopandas(files).compute(scheduler=client)
        )
        variants["len(to_dask_geopandas())"] = lambda: _frame_len(gdask, files, client)
    return variants


def _frame_len(gdask, files: list, client) -> int:
    """``len`` of the lazy frame: built and counted on the workers, counts come back."""
    import dask

    with dask.config.set(scheduler=client):
        return len(gdask.to_dask_geopandas(files))


def bench_dask(files: list[Path], repeats: int = 3) -> None:
    """The Dask path's ways of returning incidents, alternated on one warm 2-worker
    LocalCluster (processes, 1 thread each); median wall time of ``repeats`` runs."""
    import statistics

    from distributed import Client, LocalCluster

    import geoinc.dask as gdask

    print(f"dask ({len(files)} articles, LocalCluster 2 workers x 1 thread, median of {repeats})")
    times: dict[str, list[float]] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as lc,
        Client(lc) as client,
    ):
        client.run(_warm)
        variants = _dask_variants(gdask, files, client, Path(tmp))
        counts = {}
        for _ in range(repeats):
            for name, run in variants.items():
                t0 = time.perf_counter()
                counts[name] = run()
                times.setdefault(name, []).append(time.perf_counter() - t0)
    base = statistics.median(times["extract (collect)"])
    for name, ts in times.items():
        med = statistics.median(ts)
        print(
            f"  {name:<34} {counts[name]:>6} incidents {med:7.1f} s  "
            f"{len(files) / med:7.1f} articles/s  x{med / base:.2f} time vs collect  "
            f"(runs {', '.join(f'{t:.1f}' for t in ts)})"
        )


_MEMORY_CHILD = """
import os, resource, sys, tempfile, time
import geoinc
from geoinc.extraction.stream import extract_streamed
files = [l.rstrip("\\n") for l in open(sys.argv[1], encoding="utf-8")]
jobs, mode = int(sys.argv[2]), sys.argv[3]
t0 = time.perf_counter()
if mode == "frame":  # the API: one GeoDataFrame in memory
    n = len(geoinc.extract(files, jobs=jobs, on_error="record"))
else:  # what `geoinc extract -o out.gpkg` does: reports spilled, rows streamed
    out = os.path.join(tempfile.mkdtemp(), "out.gpkg")
    with extract_streamed(files, jobs=jobs, on_error="record") as batch:
        batch.write(out)
        n = batch.n_incidents
        sum(1 for _ in batch.statuses())
dt = time.perf_counter() - t0
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(n, dt, me, kids)
"""


def bench_memory(corpus: Path, sizes: list[int], jobs: int = 2, modes=("stream", "frame")) -> None:
    """Peak RSS of the parent and the largest worker, a fresh process per batch size.

    ``stream``: ``geoinc extract -o out.gpkg`` (:mod:`geoinc.extraction.stream`);
    ``frame``: ``geoinc.extract`` returning the whole frame.
    """
    every = subset(corpus, max(sizes))
    for mode in modes:
        print(f"peak memory, {mode}, jobs {jobs}, fresh process per batch")
        for n in sizes:
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
                fh.write("\n".join(map(str, every[:n])))
            out = subprocess.run(
                [sys.executable, "-c", _MEMORY_CHILD, fh.name, str(jobs), mode],
                capture_output=True,
                text=True,
                check=True,
            )
            os.unlink(fh.name)
            incidents, dt, parent, worker = out.stdout.split()
            print(
                f"  {n:>7} articles  {int(incidents):>6} incidents  {float(dt):7.1f} s  "
                f"parent {float(parent):6.0f} MB  largest worker {float(worker):6.0f} MB",
                flush=True,
            )


def _synthetic_reports(n: int, seed: int, day0: int = 0) -> list:
    """Reports at real places (Ukrainian and Russian towns), dates over three years."""
    from geoinc.gazetteer import Gazetteer
    from geoinc.incidents.merge import IncidentReport

    gz = Gazetteer.default()
    names = "Kharkiv Kyiv Odesa Dnipro Kherson Sumy Belgorod Kursk Lviv Poltava Mykolaiv".split()
    names += "Zaporizhzhia Chernihiv Izium Kupiansk Bryansk Voronezh Kramatorsk Pokrovsk".split()
    places = [gz.best(x) for x in names]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        start = date(2022, 2, 24) + timedelta(days=day0 + rng.randrange(1100))
        k = rng.randrange(1, 30)
        claim = {"field": "killed", "value": k, "low": k, "high": k, "qualifier": "exact"}
        claim |= {"text": str(k), "source": f"s{i % 40}", "doc_id": f"d{seed}-{i}", "start": 0}
        claim |= {"end": 1, "sentence": "", "sentence_start": 0, "sentence_end": 1}
        out.append(
            IncidentReport(
                doc_id=f"d{seed}-{i}",
                source=f"s{i % 40}",
                place=places[rng.randrange(len(places))] if i % 3 else places[i % 5],
                place_confidence=0.9,
                date_start=start,
                date_end=start,
                date_precision=1,
                claims=(claim,),
            )
        )
    return out


def _spread_reports(n: int, places: list, seed: int) -> list:
    """``n`` one-figure reports over many places and three years (mostly one per incident)."""
    from geoinc.incidents.merge import IncidentReport

    rng = random.Random(seed)
    out = []
    for i in range(n):
        start = date(2022, 2, 24) + timedelta(days=rng.randrange(1100))
        k = rng.randrange(1, 30)
        claim = {
            "field": "killed",
            "value": k,
            "low": k,
            "high": k,
            "qualifier": "exact",
            "text": str(k),
            "source": f"s{i % 40}",
            "doc_id": f"m{i}",
            "start": 0,
            "end": 1,
            "sentence": "",
            "sentence_start": 0,
            "sentence_end": 1,
        }
        out.append(
            IncidentReport(
                doc_id=f"m{i}",
                source=f"s{i % 40}",
                place=places[rng.randrange(len(places))],
                place_confidence=0.9,
                date_start=start,
                date_end=start,
                date_precision=1,
                claims=(claim,),
            )
        )
    return out


def bench_merge(sizes: list[int]) -> None:
    """The cross-document merge alone, up to a million reports (~1M incidents)."""
    from geoinc.gazetteer import Gazetteer
    from geoinc.incidents.merge import incident_record, merge_reports

    gz = Gazetteer.default()
    places = gz.largest_places("UA", 6000) + gz.largest_places("RU", 4000)
    print(f"merge_reports in memory, reports over {len(places)} places and 1,100 days")
    for n in sizes:
        reports = _spread_reports(n, places, seed=n)
        t0 = time.perf_counter()
        groups = merge_reports(reports)
        took = time.perf_counter() - t0
        sample = groups[:: max(1, len(groups) // 2000)]
        t1 = time.perf_counter()
        for g in sample:
            incident_record(g)
        per_row = (time.perf_counter() - t1) / len(sample)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"  {n:>8} reports -> {len(groups):>8} incidents: merge {took:6.2f} s "
            f"({took / n * 1e6:5.1f} us/report); a row {per_row * 1e3:5.2f} ms "
            f"(all rows ~{per_row * len(groups):6.0f} s); peak RSS {rss:6.0f} MB"
        )
        del reports, groups


def _fill(store, reports: list, now: str) -> float:
    """Add reports to a store as one update (one pseudo-article per report)."""
    from geoinc.store import _Batch

    batch = _Batch(store, now)
    for i, r in enumerate(reports):
        key = f"{r.doc_id}-{i}"
        batch.articles.append((key, r.doc_id, r.doc_id, r.doc_id, r.source, None, None))
        batch.articles[-1] += ("ok", "", 1, now)
        batch.reports.append((r, f"{key}:0"))
    opts = {"window_days": 1, "min_shared_figure": 5}
    t0 = time.perf_counter()
    with store.lock():
        (store._update if store.path.exists() else store._create)(batch, opts)
    return time.perf_counter() - t0


def bench_store(sizes: list[int], batch: int = 100) -> None:
    from geoinc.incidents.merge import merge_reports
    from geoinc.store import IncidentStore

    print(f"incident store: adding {batch} articles' reports to a store of each size")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            store = IncidentStore(Path(tmp) / "s.gpkg")
            grow = _fill(store, _synthetic_reports(n, seed=n), "2024-01-01T00:00:00Z")
            incidents = len(store.read())
            add = _fill(store, _synthetic_reports(batch, seed=7), "2024-01-02T00:00:00Z")
            size = store.path.stat().st_size / 1e6
        reports = _synthetic_reports(n, seed=n)
        t0 = time.perf_counter()
        merge_reports(reports)
        mem = time.perf_counter() - t0
        print(
            f"  {n:>8} reports -> {incidents:>7} incidents ({size:6.1f} MB, built in "
            f"{grow:6.1f} s): add {batch} = {add:5.2f} s; merge_reports over all "
            f"{n} in memory = {mem:5.2f} s"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000, help="corpus size (built once)")
    ap.add_argument("--corpus", type=Path, help="corpus folder (default: in the temp folder)")
    ap.add_argument("--throughput-articles", type=int, default=20_000)
    ap.add_argument("--memory-sizes", default="2000,20000,100000")
    ap.add_argument("--memory-modes", default="stream,frame", help="stream and/or frame")
    ap.add_argument("--store-sizes", default="1000,10000,100000")
    ap.add_argument("--merge-sizes", default="10000,100000,1000000")
    ap.add_argument("--dask-articles", type=int, default=4_000)
    ap.add_argument("--stages", default="throughput,memory,store,merge")
    args = ap.parse_args()
    stages = set(args.stages.split(","))
    corpus = args.corpus or Path(tempfile.gettempdir()) / f"geoinc-scale-{args.articles}"
    print(f"cpus {os.cpu_count()}, load average {os.getloadavg()}, python {sys.version.split()[0]}")
    if stages & {"throughput", "memory", "dask"}:
        t0 = time.perf_counter()
        build_corpus(corpus, args.articles)
        print(f"corpus: {args.articles} articles in {corpus} ({time.perf_counter() - t0:.1f} s)")
    if "throughput" in stages:
        bench_throughput(subset(corpus, min(args.throughput_articles, args.articles)))
    if "dask" in stages:
        bench_dask(subset(corpus, min(args.dask_articles, args.articles)))
    if "memory" in stages:
        sizes = [int(x) for x in args.memory_sizes.split(",") if int(x) <= args.articles]
        bench_memory(corpus, sizes, modes=args.memory_modes.split(","))
    if "store" in stages:
        bench_store([int(x) for x in args.store_sizes.split(",")])
    if "merge" in stages:
        bench_merge([int(x) for x in args.merge_sizes.split(",")])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()

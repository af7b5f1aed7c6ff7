"""Throughput and peak memory of the full extraction pipeline, on one core.

Runs over the development corpora in ../shared/eval/ (806 news articles) and the seeds,
and times `geotext` (place recognition only, no resolution, no events) on the same
texts in the same run as a reference. Target: >= 1,000 articles/s for the full pipeline.

    python bench/bench_extract.py [--repeats 3] [--limit N]

Prints, per stage, the median over repeats of articles/s and the ratio to geotext, and
the process's peak resident memory. Stages:

* ``events``: sentence analysis only (no places) — this package's own cost;
* ``pipeline``: geoparse + events + per-article reports (what one worker does);
* ``extract``: the public ``geoinc.extract`` on all texts, merge and frame included.

Articles without any attack sentence skip place resolution in the pipeline (no incident
can come out of them); the script prints how many there are, since the share decides
how far the pipeline's rate is above the geoparser's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
if str(HERE.parent) not in sys.path:  # run from a source checkout without installing
    sys.path.insert(0, str(HERE.parent))


def load_texts(limit: int | None) -> list[str]:
    texts: list[str] = []
    for path in sorted((SHARED / "eval").glob("*.dev.jsonl")):
        with path.open(encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    texts.extend(p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt")))
    if not texts:
        sys.exit(f"no texts found under {SHARED} (need ../shared/eval and ../shared/seeds)")
    return texts[:limit] if limit else texts


def peak_mb() -> float:
    # ru_maxrss is in kB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    texts = load_texts(args.limit)
    n = len(texts)
    chars = sum(map(len, texts))
    print(
        f"{n} articles, {chars / n:.0f} characters on average, 1 core, "
        f"median of {args.repeats} runs"
    )

    base = peak_mb()
    t0 = time.perf_counter()
    from geotext import GeoText

    GeoText("Kharkiv")
    t_geotext_load = time.perf_counter() - t0

    import geoinc
    from geoinc.extraction.documents import document_from_text
    from geoinc.extraction.events import analyse_text
    from geoinc.extraction.pipeline import extract_reports
    from geoinc.gazetteer import Gazetteer
    from geoinc.geoparsing import geoparse

    t0 = time.perf_counter()
    gz = Gazetteer.default()
    geoparse("Drones hit Kharkiv.", gazetteer=gz)  # loads the gazetteer and the recogniser
    # first call imports geopandas & co. and builds the frame machinery: load, not throughput
    geoinc.extract(["Drones hit Kharkiv on Monday."], gazetteer=gz, published="2024-01-03")
    t_load = time.perf_counter() - t0
    docs = [document_from_text(t) for t in texts]
    attack = sum(
        1 for d in docs if any(s.is_event and not s.is_title for s in analyse_text(d.text, None))
    )
    print(
        f"{attack} of {n} articles have an attack sentence; the others skip place resolution "
        "in the pipeline (nothing to locate)"
    )

    runs = {
        "geotext (recognition only)": timed(
            lambda: [GeoText(t).cities for t in texts], args.repeats
        ),
        "events (no places)": timed(
            lambda: [analyse_text(d.text, d.published) for d in docs], args.repeats
        ),
        "geoparse only": timed(
            lambda: [geoparse(d.text, gazetteer=gz) for d in docs], args.repeats
        ),
        "pipeline (geoparse+events+reports)": timed(
            lambda: [extract_reports(d, gazetteer=gz) for d in docs], args.repeats
        ),
        "extract (API: read, merge, frame)": timed(
            lambda: geoinc.extract(texts, gazetteer=gz, on_error="record"), args.repeats
        ),
    }
    ref = n / statistics.median(runs["geotext (recognition only)"])
    print(
        f"load (once per process): geoinc gazetteer, recogniser, geopandas {t_load:.2f} s; "
        f"geotext {t_geotext_load:.2f} s"
    )
    print(f"{'stage':38s} {'articles/s':>11s} {'min..max':>17s} {'vs geotext':>10s}")
    for name, ts in runs.items():
        rates = [n / t for t in ts]
        med = statistics.median(rates)
        print(f"{name:38s} {med:11.0f} {min(rates):8.0f}..{max(rates):<8.0f} {med / ref:9.2f}x")
    print(
        f"peak memory (RSS): {peak_mb():.0f} MB "
        f"(interpreter and imports before loading: {base:.0f} MB)"
    )
    target = n / statistics.median(runs["extract (API: read, merge, frame)"])
    print(
        "target >= 1000 articles/s for the full pipeline: "
        f"{'met' if target >= 1000 else 'NOT met'} "
        f"({target:.0f}/s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Throughput of Ukrainian/Russian extraction against English, on one core, in one run.

Reads the annotated conflict-news passages in ../shared/eval/uaru-dev/ (``uk-ru.jsonl``
and ``en.jsonl``), repeats each set to ``--n`` articles, and times per article:

* ``detect``: language detection (:func:`geoinc.language.detect`);
* ``events``: sentence analysis only (:func:`geoinc.extraction.events.analyse_text`);
* ``geoparse``: place names found and resolved (:func:`geoinc.geoparsing.geoparse`);
* ``pipeline``: the per-article pipeline (:func:`geoinc.extraction.pipeline.extract_reports`),
  the language detected, as ``geoinc.extract`` runs it.

Warm caches are measured (the gazetteer and dictionaries are loaded once before timing;
the Ukrainian/Russian per-word caches, dictionary forms and romanisations, are cleared
between repeats so that words are analysed again; two last rows give the pipeline with
them kept, and cleared before every article). Target: >= 500 uk/ru articles/s for the
pipeline.

    python bench/bench_slavic.py [--repeats 3] [--n 400] [--cpu]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "eval" / "uaru-dev"
if str(HERE.parent) not in sys.path:  # run from a source checkout without installing
    sys.path.insert(0, str(HERE.parent))


def load(name: str, n: int) -> list[dict]:
    path = DEV / name
    if not path.is_file():
        sys.exit(f"{path} not found (the uaru-dev passages live in ../shared/eval/uaru-dev)")
    recs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [recs[i % len(recs)] for i in range(n)]


CLOCK = time.perf_counter


def rate(fn, items: list, repeats: int, reset=None) -> float:
    """Median articles per second of ``fn`` over ``items``."""
    times = []
    for _ in range(repeats):
        if reset is not None:
            reset()
        t0 = CLOCK()
        for it in items:
            fn(it)
        times.append(CLOCK() - t0)
    return len(items) / statistics.median(times)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--n", type=int, default=400, help="articles per language set")
    ap.add_argument(
        "--cpu",
        action="store_true",
        help="time in CPU seconds of this process (steadier on a machine shared with other jobs)",
    )
    args = ap.parse_args(argv)
    global CLOCK
    CLOCK = time.process_time if args.cpu else time.perf_counter

    from geoinc.extraction.documents import document_from_text
    from geoinc.extraction.events import analyse_text
    from geoinc.extraction.pipeline import extract_reports
    from geoinc.gazetteer import Gazetteer
    from geoinc.geoparsing import geoparse
    from geoinc.geoparsing import slavic as geoparse_slavic
    from geoinc.language import detect

    gz = Gazetteer.default()
    sets = {"en": load("en.jsonl", args.n), "uk/ru": load("uk-ru.jsonl", args.n)}
    docs = {
        k: [
            document_from_text(r["text"], published=_day(r.get("published")), doc_id=str(i))
            for i, r in enumerate(v)
        ]
        for k, v in sets.items()
    }
    for d in docs["uk/ru"][:40] + docs["en"][:40]:  # warm-up: data loaded, regexes compiled
        extract_reports(d, gazetteer=gz)
    reset = geoparse_slavic.clear_caches  # per-word caches: words are analysed anew
    clock = "CPU" if args.cpu else "wall"
    print(f"{args.n} articles per set, median of {args.repeats} runs, one core, {clock} time")
    print(f"pymorphy3 dictionaries read by {_dawg_reader()}")
    print(f"{'stage':<10} {'en /s':>9} {'uk/ru /s':>9} {'uk/ru : en':>11}")
    stages = {
        "detect": lambda d: detect(d.text),
        "events": lambda d: analyse_text(d.text, d.published, d.lang or detect(d.text)),
        "geoparse": lambda d: geoparse(d.text, gazetteer=gz, lang=d.lang or detect(d.text)),
        "pipeline": lambda d: extract_reports(d, gazetteer=gz),
    }
    for name, fn in stages.items():
        en = rate(fn, docs["en"], args.repeats)
        ukru = rate(fn, docs["uk/ru"], args.repeats, reset)
        print(f"{name:<10} {en:>9.0f} {ukru:>9.0f} {ukru / en:>11.2f}")
    # the same pipeline with the per-word caches kept between repeats, as in a long batch,
    # and cleared before every article (each article's words all analysed anew)
    ukru = rate(stages["pipeline"], docs["uk/ru"], args.repeats)
    print(f"{'(warm)':<10} {'':>9} {ukru:>9.0f}   uk/ru pipeline, word caches kept")
    cold = rate(lambda d: (reset(), extract_reports(d, gazetteer=gz)), docs["uk/ru"], args.repeats)
    print(f"{'(cold)':<10} {'':>9} {cold:>9.0f}   uk/ru pipeline, word caches cleared per article")


def _dawg_reader() -> str:
    """Which DAWG reader pymorphy3 uses: the C extension (DAWG2, the extra ``fast``) reads
    a word's analyses about three times faster than the pure-Python one."""
    from pymorphy3 import dawg

    return "the C extension (DAWG2)" if dawg.EXTENSION_AVAILABLE else "pure Python (dawg2-python)"


def _day(value):
    return value if value and len(value) == 10 else None


if __name__ == "__main__":
    main()

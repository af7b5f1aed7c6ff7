#!/usr/bin/env python3
"""Benchmark geoinc's geoparser against geotext on the development corpora and seeds.

Run on demand (not part of the test suite)::

    pip install ".[bench]"
    python bench/bench_geoparse.py [--repeat 5] [--eval-dir ../shared/eval] \
        [--seeds ../shared/seeds]

Prints articles per second on one core (CPU time of this process, so other load on the
machine counts against it as little as possible: the median and the best of the runs;
the wall-clock median too; the first pass, which also fills the per-name caches, on its
own) for
``geoinc.geoparsing.geoparse`` (recognition, resolution in context and roles) and for
``geotext.GeoText`` (recognition only, a dictionary matcher) timed in the same run over
the same texts, the median of ``--repeat`` runs and the ratio between them; then the cold
start (first call, which loads the gazetteer) and the peak memory of each in a fresh
interpreter.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_ARTICLES_PER_S = 1_000


def _texts(eval_dir: Path, seeds: Path) -> list[str]:
    texts = []
    for path in sorted(eval_dir.glob("*.dev.jsonl")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                texts.append(json.loads(line)["text"])
    texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    if not texts:
        sys.exit(f"no texts found in {eval_dir} or {seeds}")
    return texts


def _rates(func, texts: list[str], repeat: int) -> dict[str, float]:
    """Articles per CPU second (median and best run) and per wall-clock second (median)."""
    cpu, wall = [], []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        for t in texts:
            func(t)
        cpu.append(len(texts) / max(time.process_time() - c0, 1e-9))
        wall.append(len(texts) / max(time.perf_counter() - w0, 1e-9))
    return {"cpu": statistics.median(cpu), "best": max(cpu), "wall": statistics.median(wall)}


def _cold(code: str) -> tuple[float, float]:
    # Peak RSS from /proc (VmHWM): getrusage's ru_maxrss survives exec on Linux, so a
    # child started from this (already large) process would report our own peak.
    wrapped = code + (
        "\nprint([int(l.split()[1]) / 1024 for l in open('/proc/self/status')"
        " if l.startswith('VmHWM')][0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapped], capture_output=True, text=True, cwd=REPO, check=True
    ).stdout.split()
    return float(out[-2]), float(out[-1])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    p.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    args = p.parse_args(argv)

    from geotext import GeoText

    from geoinc.geoparsing import geoparse

    texts = _texts(args.eval_dir, args.seeds)
    chars = sum(map(len, texts))
    print(
        f"{len(texts)} articles, {chars / len(texts):.0f} characters on average; "
        f"median of {args.repeat} runs"
    )
    geoparse(texts[0])  # load the gazetteer and build the index outside the timing
    GeoText(texts[0])
    # The first pass also fills the per-name candidate caches (built the first time a
    # name is seen); it is reported on its own, the later passes are the steady state.
    first = _rates(geoparse, texts, 1)["cpu"]
    g = _rates(geoparse, texts, args.repeat)
    r = _rates(GeoText, texts, args.repeat)
    print(f"{'articles per second':42} {'CPU median':>11} {'CPU best':>9} {'wall median':>12}")
    for label, m in (
        ("geoinc geoparse (recognise+resolve+roles)", g),
        ("geotext GeoText (recognition only)", r),
    ):
        print(f"{label:42} {m['cpu']:11.0f} {m['best']:9.0f} {m['wall']:12.0f}")

    print(f"{'geoinc first pass (name caches cold)':42} {first:11.0f}")

    def verdict(rate: float) -> str:
        return "met" if rate >= TARGET_ARTICLES_PER_S else "NOT met"

    print(
        f"ratio geoinc / geotext (CPU median): {g['cpu'] / r['cpu']:.3f}; target >= "
        f"{TARGET_ARTICLES_PER_S} articles/s: median {verdict(g['cpu'])}, "
        f"best run {verdict(g['best'])}"
    )

    geoinc_code = (
        "import time; t = time.perf_counter()\nfrom geoinc.geoparsing import geoparse\n"
        "geoparse('Shelling hit Kharkiv.')\nprint(time.perf_counter() - t)"
    )
    geotext_code = (
        "import time; t = time.perf_counter()\nfrom geotext import GeoText\n"
        "GeoText('Shelling hit Kharkiv.')\nprint(time.perf_counter() - t)"
    )
    print(f"\n{'cold start (first call) and peak memory':42} {'seconds':>8} {'peak RSS MB':>12}")
    for label, code in (("geoinc geoparse", geoinc_code), ("geotext GeoText", geotext_code)):
        secs, rss = _cold(code)
        print(f"{label:42} {secs:8.2f} {rss:12.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

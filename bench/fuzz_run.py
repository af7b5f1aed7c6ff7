"""On-demand fuzz run: 100,000+ generated inputs through every public entry point.

Inputs are built from adversarial fragments (absurd and negative numbers, markup that
hides text, CR/LF/NUL, lone surrogates, formula starters, dates and place lists, runs of
hyphens, "Mr. ") mixed with random Unicode, and sometimes blown up to ~100 KB. Targets:

* ``quantity``: :func:`geoinc.extraction.numbers.parse_quantity`;
* ``document``: :func:`geoinc.extraction.documents.document_from_text` and ``strip_html``;
* ``cells``: CSV cell neutralisation round trip;
* ``pipeline``: :func:`geoinc.extraction.pipeline.extract_with_status` on small batches
  (every input must get exactly one status);
* ``files``: folders of random files, FIFOs, devices, broken and looping links through
  :func:`geoinc.extraction.documents.iter_documents` (every entry must get a status);
* ``io``: frames with random text, 64-bit integers and floats written as CSV and GeoJSON
  and read back (equal, or refused with a geoinc error);
* ``gazetteer``: ``lookup`` and ``reverse`` with random arguments.

An input *crashes* when it raises anything but a :class:`~geoinc.exceptions.GeoincError`
or breaks a target's invariant; crashes are written to ``--crashes`` (JSON lines) to be
replayed. Prints inputs tried, refusals, crashes, the slowest input per target in
seconds per 100 KB (inputs under 10 KB count as 10 KB), every input over 2 s per 100 KB
(an input under 100 KB: over 2 s) and the peak resident memory. Times are the process's
CPU seconds, so that a loaded machine does not count its other work; the longest call
in wall-clock time is printed too. Exits 1 on any crash or input over the bound.

    python bench/fuzz_run.py [--n 100000] [--seed 13] [--crashes fuzz_crashes.jsonl]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a source checkout without installing
    sys.path.insert(0, str(HERE.parent))

FRAGMENTS = [
    "December 31, 2023\n\n",
    "A drone strike hit Kharkiv on Saturday, ",
    "Missiles struck Odesa overnight; ",
    "Shelling of Belgorod killed ",
    "at least 22 people were killed",
    "up to 18 were wounded",
    "two men and a woman died",
    "9" * 300,
    "9" * 5000,
    str(2**63),
    str(2**64 + 1),
    "10^400 killed",
    "-5 people were injured",
    "−7 dead",
    "2023 people were killed",
    "1,000,000,000,000 dead",
    "twenty-one thousand hundred",
    "<title>News <style>",
    "<title><svg>",
    "</title>",
    "<svg>",
    "<script>alert(1)</script>",
    "<head>",
    "<p>",
    "<!--",
    "<a",
    "</",
    "<?",
    "<a href='",
    "<![CDATA[",
    "&#0;&#xD800;&amp;",
    "\r",
    "\r\n",
    "\ud800",
    "\udfff",
    "=HYPERLINK(1)",
    "@SUM(A1)",
    "+1",
    "Mr. ",
    "Kharkiv" + "-" * 200,
    "on Monday, on 3 May, on Tuesday night, ",
    "Sunday (31/12/2023) ",
    "0001-01-01 ",
    "Kharkiv, Kyiv, Lviv, Dnipro, Sumy, ",
    "url:\n\n\n",
    "Original url: https://example.org/a\n",
    "٣٤ ",
    "² ",
    " 30 km from the border",
    "the northeastern city of Kharkiv ",
    "\n\n",
    ". ",
    "\u202e",
    "\ufeff",
]


def _text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 24)):
        r = rng.random()
        if r < 0.7:
            parts.append(rng.choice(FRAGMENTS))
        else:
            n = rng.randint(1, 30)
            parts.append("".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(n)))
    if rng.random() < 0.03:  # NUL: rarer, or too many texts would be refused as binary
        parts.insert(rng.randint(0, len(parts)), "\x00")
    text = "".join(parts)
    if rng.random() < 0.01:  # blow one fragment up to ~100 KB
        piece = rng.choice(FRAGMENTS)
        text += piece * (100_000 // max(1, len(piece)))
    return text


class Run:
    """Counters of one fuzz run."""

    def __init__(self, crashes_path: Path | None) -> None:
        self.tried = Counter()
        self.refused = Counter()
        self.crashes: list[dict] = []
        self.slowest: dict[str, tuple[float, float, int]] = {}  # target -> (s/100KB, s, size)
        self.slowest_input: dict[str, str] = {}
        self.statuses = Counter()  # pipeline statuses: ok / none / error
        self.timeouts = 0  # pipeline inputs stopped by their time budget
        self.answered = Counter()  # inputs that returned, were refused or crashed
        self.over: list[dict] = []  # inputs over LIMIT_S per 100 KB (100 KB at least)
        self.longest = (0.0, 0, "")  # the longest single call: (s, bytes, target)
        self.longest_wall = (0.0, 0, "")
        self.crashes_path = crashes_path

    def call(self, target: str, size: int, func, *args, n: int = 1, **kwargs):
        """Run one input; returns the result, or None when it was refused or crashed."""
        from geoinc.exceptions import GeoincError

        self.tried[target] += n
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        except GeoincError:
            self.refused[target] += n
            return None
        except Exception as err:  # the thing being hunted: record it and go on
            self.crash(target, args, f"{type(err).__name__}: {str(err)[:300]}")
            return None
        finally:
            self.answered[target] += n
            # CPU seconds: on a shared machine (and under nice) wall time measures the
            # neighbours too; the longest wall time is reported beside it
            dt, wall = time.process_time() - c0, time.perf_counter() - t0
            self.longest_wall = max(self.longest_wall, (wall, size, target))
            rate = dt * 102_400 / max(size, 10_240)
            if rate > self.slowest.get(target, (0.0,))[0]:
                self.slowest[target] = (rate, dt, size)
                self.slowest_input[target] = repr(args)[:300]
            if dt > self.longest[0]:
                self.longest = (dt, size, target)
            if dt > LIMIT_S * max(size, 102_400) / 102_400:
                self.over.append({"target": target, "s": round(dt, 3), "bytes": size,
                                  "input": repr(args)[:300]})  # fmt: skip

    def crash(self, target: str, args, message: str) -> None:
        entry = {"target": target, "error": message, "input": repr(args)[:2000]}
        self.crashes.append(entry)
        if self.crashes_path:
            with open(self.crashes_path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(entry, ensure_ascii=True) + "\n")


def _quantity(run: Run, rng: random.Random) -> None:
    from geoinc.extraction.numbers import MAX_FIGURE, parse_quantity

    text = _text(rng)
    q = run.call("quantity", len(text), parse_quantity, text)
    if q is not None and q.value is not None and not 0 <= q.value <= MAX_FIGURE:
        run.crash("quantity", (text,), f"value out of range: {q.value}")


def _document(run: Run, rng: random.Random) -> None:
    from geoinc.extraction.documents import document_from_text, strip_html

    text = _text(rng)
    html = rng.choice([None, True, False])
    doc = run.call("document", len(text), document_from_text, text, html=html)
    if doc is not None and any("\ud800" <= c <= "\udfff" for c in doc.text):
        run.crash("document", (text,), "lone surrogate kept in Document.text")
    run.call("html", len(text), strip_html, text)


def _cells(run: Run, rng: random.Random) -> None:
    from geoinc.incidents.cells import neutralise_cell, restore_cell

    text = _text(rng)[:200]
    back = run.call("cells", len(text), lambda t: restore_cell(neutralise_cell(t)), text)
    if back != text:
        run.crash("cells", (text,), "neutralise/restore is not a round trip")


def _pipeline(run: Run, rng: random.Random, gz) -> None:
    from geoinc.extraction.pipeline import extract_with_status

    batch = [_text(rng) for _ in range(rng.randint(1, 8))]
    size = sum(len(t) for t in batch)
    got = run.call(
        "pipeline",
        size,
        extract_with_status,
        batch,
        gazetteer=gz,
        on_error="record",
        time_budget=BUDGET,
        n=len(batch),
    )
    if got is not None and len(got[1]) != len(batch):
        run.crash("pipeline", (batch,), f"{len(batch)} inputs, {len(got[1])} statuses")
    if got is not None:
        run.statuses.update(s.status for s in got[1])
        for text, s in zip(batch, got[1], strict=True):
            if s.reason.startswith("DocumentTimeout"):
                run.timeouts += 1
                run.over.append({"target": "pipeline", "s": BUDGET, "bytes": len(text),
                                 "input": repr(text)[:300]})  # fmt: skip
        for s in got[1]:  # a bug the per-document boundary caught: a crash all the same
            if s.reason.startswith("ExtractionError"):
                run.crash("pipeline", (batch,), f"caught by the boundary: {s.reason[:300]}")


def _files(run: Run, rng: random.Random, root: Path, k: int) -> None:
    from geoinc.extraction.documents import iter_documents

    d = root / f"f{k}"
    d.mkdir()
    names = set()
    for i in range(rng.randint(1, 8)):
        kind = rng.choice(["text", "bytes", "fifo", "broken", "loop", "dev", "dir", "big"])
        name = f"{i}.{rng.choice(['txt', 'html', 'md', 'png'])}"
        p = d / name
        if kind == "text":
            p.write_bytes(_text(rng).encode("utf-8", "surrogatepass"))
        elif kind == "bytes":
            p.write_bytes(rng.randbytes(rng.randint(0, 3000)))
        elif kind == "fifo":
            os.mkfifo(p)
        elif kind == "broken":
            p.symlink_to(d / "nowhere")
        elif kind == "loop":
            p.symlink_to(d)
        elif kind == "dev":
            p.symlink_to("/dev/zero")
        elif kind == "dir":
            p.mkdir()
        else:
            p.write_bytes(b"Shelling in Kharkiv. " * 300_000)  # over the 5 MB limit
        names.add(name)
    got = run.call("files", 0, lambda: dict(iter_documents(d)), n=len(names))
    if got is not None and {Path(k).name for k in got} != names:
        run.crash("files", (sorted(names),), f"entries without a status: {sorted(got)}")


def _io(run: Run, rng: random.Random, root: Path, k: int) -> None:
    from geoinc.incidents.io import read_incidents, write_incidents
    from geoinc.incidents.schema import build_frame

    n = rng.randint(1, 5)
    names = ["".join(c for c in _text(rng)[:40] if not "\ud800" <= c <= "\udfff") for _ in range(n)]
    ints = [rng.choice([rng.randint(-(2**63), 2**63 - 1), 2**53 + 1, 0, -1]) for _ in range(n)]
    recs = [
        {"incident_id": f"i{i}", "place_name": names[i], "geonameid": ints[i], "lon": 36.0,
         "lat": 50.0, "sources": [_text(rng)[:30]]}
        for i in range(n)
    ]  # fmt: skip
    fmt = rng.choice(["csv", "geojson"])
    out = root / f"io{k}.{fmt}"

    def trip():
        frame = build_frame(recs)
        frame["score"] = [rng.choice([0.1, -0.0, 1e308, math.inf, 5e-324]) for _ in range(n)]
        write_incidents(frame, out)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return read_incidents(out)

    back = run.call("io", 0, trip)
    if back is None:
        return
    if [int(v) for v in back["geonameid"]] != ints:
        run.crash("io", (recs,), "integers changed on the way")
    if [("" if v is None or v != v else v) for v in back["place_name"]] != names:
        run.crash("io", (recs,), f"text changed on the way ({fmt})")


def _gazetteer(run: Run, rng: random.Random, gz) -> None:
    text = _text(rng)[:200]
    run.call("gazetteer", len(text), gz.lookup, text)
    lat = rng.choice([rng.uniform(-100, 100), math.nan, math.inf, 1e308, -90.0, 90.0])
    lon = rng.choice([rng.uniform(-200, 200), math.nan, -math.inf, 180.0, -180.0])
    run.call("gazetteer", 0, gz.reverse, lat, lon)


# share of the inputs per target (pipeline batches count each text)
PLAN = {"quantity": 30, "document": 30, "cells": 12, "gazetteer": 12, "pipeline": 10,
        "files": 3, "io": 1}  # fmt: skip
#: Per-document time budget of the pipeline target (seconds).
BUDGET = 5.0
#: The bound every input must keep: seconds per 100 KB (an input under 100 KB: 2 s).
LIMIT_S = 2.0


def _warm_up(gz) -> None:
    """Load what is loaded once per process (indexes, automata) before anything is timed."""
    from geoinc.extraction.pipeline import extract_with_status

    gz.lookup("Kharkiv")
    gz.lookup("Kharkiw")  # the fuzzy index
    gz.reverse(50.0, 36.2)
    english = FRAGMENTS[0] + FRAGMENTS[1] + FRAGMENTS[4]
    slavic = "Дрони атакували Харків, загинули двоє людей."
    extract_with_status([english, slavic], gazetteer=gz)  # both grammars
    with tempfile.TemporaryDirectory(prefix="geoinc-fuzz-") as tmp:  # GDAL drivers, writers
        rng = random.Random(0)
        for k in range(4):
            _io(Run(None), rng, Path(tmp), k)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="inputs to try (default 100,000)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--crashes", type=Path, help="append crashing inputs here (JSON lines)")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    from geoinc.gazetteer import Gazetteer

    gz = Gazetteer.default()
    _warm_up(gz)
    rng = random.Random(args.seed)
    run = Run(args.crashes)
    targets = list(PLAN)
    weights = [PLAN[t] for t in targets]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="geoinc-fuzz-") as tmp:
        root = Path(tmp)
        k = 0
        while sum(run.tried.values()) < args.n:
            target = rng.choices(targets, weights)[0]
            k += 1
            if target == "quantity":
                _quantity(run, rng)
            elif target == "document":
                _document(run, rng)
            elif target == "cells":
                _cells(run, rng)
            elif target == "pipeline":
                _pipeline(run, rng, gz)
            elif target == "files":
                _files(run, rng, root, k)
            elif target == "io":
                _io(run, rng, root, k)
            else:
                _gazetteer(run, rng, gz)
    elapsed = time.perf_counter() - started
    _report(run, elapsed)
    return 1 if run.crashes or run.over else 0


def _report(run: Run, elapsed: float) -> None:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = sum(run.tried.values())
    print(f"inputs tried: {total:,} in {elapsed:.0f} s; crashes: {len(run.crashes)}")
    print(f"{'target':10s} {'inputs':>8s} {'refused':>8s} {'slowest s/100KB':>16s} (s, bytes)")
    for t in sorted(run.tried):
        rate, dt, size = run.slowest.get(t, (0.0, 0.0, 0))
        print(f"{t:10s} {run.tried[t]:8,d} {run.refused[t]:8,d} {rate:16.3f} ({dt:.3f}, {size:,})")
    worst = max(run.slowest.items(), key=lambda kv: kv[1][0])
    print(f"slowest input: {worst[0]}, {worst[1][0]:.3f} s per 100 KB")
    print(f"  {run.slowest_input.get(worst[0], '')[:300]}")
    print(
        f"pipeline statuses: {dict(run.statuses)}; stopped by the {BUDGET:g} s budget: "
        f"{run.timeouts}"
    )
    print(f"peak memory: {peak_mb:.0f} MB")
    answered = sum(run.answered.values())
    print(f"accounted for: {answered:,} of {total:,} inputs (returned, refused or crashed)")
    dt, size, target = run.longest
    print(f"longest call: {dt:.3f} s CPU ({target}, {size:,} bytes)")
    dt, size, target = run.longest_wall
    print(f"longest call in wall time: {dt:.3f} s ({target}, {size:,} bytes)")
    print(f"inputs over {LIMIT_S:g} s per 100 KB: {len(run.over)}")
    for o in run.over[:10]:
        print(f"SLOW {o['target']} {o['s']} s {o['bytes']:,} bytes: {o['input'][:200]}")
    for c in run.crashes[:20]:
        print(f"CRASH {c['target']}: {c['error']}")


if __name__ == "__main__":
    raise SystemExit(main())

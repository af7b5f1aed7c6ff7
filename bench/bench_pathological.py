"""Cost of pathological inputs: time per KB as the input grows (flat = linear).

Each case builds one adversarial article of a given size (a sentence made only of
numbers, a list of place names, blank lines, "Mr. " repeated, a name with a run of
hyphens, a sentence full of dates...) and times one stage on it, doubling the size from
``--min-kb`` until ``--max-kb`` or until one run takes longer than ``--stop-s`` (a
quadratic path shows up as ms/KB growing with the size). The full pipeline case runs
with the per-document time budget off, so it measures the real cost.

    python bench/bench_pathological.py [--min-kb 1] [--max-kb 1024] [--stop-s 10] [--case NAME]

Prints one line per case and size: seconds (best of three when under 0.3 s), ms per KB,
and the ratio of that ms/KB to the first; then a Markdown table with each case's growth,
the ms/KB at the largest size over the smallest ms/KB seen (about 1 for a linear stage,
doubling with every doubling of the size for a quadratic one).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a source checkout without installing
    sys.path.insert(0, str(HERE.parent))


def _repeat(unit: str, kb: int) -> str:
    return (unit * (kb * 1024 // len(unit) + 1))[: kb * 1024]


def _numbers(kb: int) -> str:
    body = _repeat("3, 14, 15, 92, 65, 35, 89, 79, 32, 38, ", kb)
    return f"December 31, 2023\n\nA drone strike hit Kharkiv, killing {body}people."


def _places(kb: int) -> str:
    return "Drones hit " + _repeat("Kharkiv, Odesa, Lviv, Dnipro, Sumy, Poltava, ", kb) + "Kyiv."


def _blank_lines(kb: int) -> str:
    return "Drones hit Kharkiv.\n" + "\n" * (kb * 1024) + "url: x"


def _mr(kb: int) -> str:
    return "Drones hit Kharkiv, Mr. " + _repeat("Mr. ", kb) + "Smith said."


def _hyphens(kb: int) -> str:
    return "Kharkiv" + "-" * (kb * 1024) + "Oblast"


def _dates(kb: int) -> str:
    body = _repeat("on Monday, on 3 May, on Tuesday, on December 30, ", kb)
    return f"December 31, 2023\n\nA missile struck Kharkiv {body}officials said."


def _events(kb: int) -> str:
    body = _repeat("missiles struck Odesa overnight; drones hit Kharkiv on Monday; ", kb)
    return f"December 31, 2023\n\nA drone strike hit Kharkiv, {body}officials said."


def _dense_numbers(kb: int) -> str:
    return "December 31, 2023\n\nShelling of Kharkiv killed " + _repeat("+1 ", kb) + "people."


def _stages() -> dict[str, tuple[Callable[[int], str], Callable[[str], object]]]:
    import re

    from geoinc.claims import check_text
    from geoinc.extraction.documents import document_from_text, strip_html
    from geoinc.extraction.events import analyse_text, find_figures
    from geoinc.extraction.numbers import QUANTITY_PATTERN
    from geoinc.extraction.pipeline import extract_reports
    from geoinc.gazetteer import Gazetteer
    from geoinc.geoparsing import geoparse

    quantities = re.compile(QUANTITY_PATTERN, re.I)
    gz = Gazetteer.default()
    return {
        "numbers.QUANTITY_PATTERN": (_numbers, lambda t: sum(1 for _ in quantities.finditer(t))),
        "events.find_figures": (_numbers, find_figures),
        "documents.document_from_text (blank lines)": (_blank_lines, document_from_text),
        "documents.strip_html (unclosed comments)": (
            lambda kb: "<title>T</title><p>Drones hit Kharkiv." + _repeat("<!--", kb),
            strip_html,
        ),
        "geoparse (list of places)": (_places, lambda t: geoparse(t, gazetteer=gz)),
        "claims.check_text (Mr. repeated)": (_mr, check_text),
        "gazetteer.lookup (run of hyphens)": (_hyphens, gz.lookup),
        "events.analyse_text (dates)": (_dates, lambda t: analyse_text(t, None)),
        "pipeline.extract_reports (dates)": (
            _dates,
            lambda t: extract_reports(document_from_text(t), gazetteer=gz),
        ),
        "pipeline.extract_reports (numbers)": (
            _numbers,
            lambda t: extract_reports(document_from_text(t), gazetteer=gz),
        ),
        "pipeline.extract_reports (dense numbers)": (
            _dense_numbers,
            lambda t: extract_reports(document_from_text(t), gazetteer=gz),
        ),
        "pipeline.extract_reports (places)": (
            _places,
            lambda t: extract_reports(document_from_text(t), gazetteer=gz),
        ),
        "pipeline.extract_reports (attacks in one sentence)": (
            _events,
            lambda t: extract_reports(document_from_text(t), gazetteer=gz),
        ),
    }


def _time(stage: Callable[[str], object], text: str) -> tuple[float, str]:
    """Seconds for one stage on one text (best of three when that is quick: less noise)."""
    best, note = float("inf"), ""
    for _ in range(3):
        t0 = time.perf_counter()
        try:
            stage(text)
        except Exception as err:  # a refusal is an answer too; say which
            note = f"  ({type(err).__name__}: {str(err)[:60]})"
        best = min(best, time.perf_counter() - t0)
        if best > 0.3:
            break
    return best, note


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-kb", type=int, default=1)
    ap.add_argument("--max-kb", type=int, default=1024)
    ap.add_argument("--stop-s", type=float, default=10.0)
    ap.add_argument("--case", help="run only the cases whose name contains this")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    stages = _stages()
    summary = []
    for name, (make, stage) in stages.items():
        if args.case and args.case not in name:
            continue
        stage(make(1))  # warm caches (lexicons, automata)
        rows = []
        kb = args.min_kb
        while kb <= args.max_kb:
            dt, note = _time(stage, make(kb))
            rows.append((kb, dt * 1000 / kb))
            print(
                f"{name:50s} {kb:6d} KB {dt:8.3f} s {rows[-1][1]:8.3f} ms/KB "
                f"x{rows[-1][1] / rows[0][1]:6.1f}{note}",
                flush=True,
            )
            if dt > args.stop_s:
                break
            kb *= 2
        summary.append((name, rows))
    # growth: ms/KB at the largest size over the smallest ms/KB seen (about 1 when linear;
    # a quadratic stage doubles it with every doubling of the size)
    print("\n| stage (input) | sizes | ms/KB at 4 KB | ms/KB at largest | growth |")
    print("|---|---|---|---|---|")
    for name, rows in summary:
        at4 = next((r for k, r in rows if k >= 4), rows[0][1])
        low = min(r for _, r in rows)
        print(
            f"| {name} | {rows[0][0]} KB – {rows[-1][0]} KB | {at4:.2f} | {rows[-1][1]:.2f} "
            f"| ×{rows[-1][1] / low:.1f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

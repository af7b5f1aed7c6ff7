"""``geoinc eval``: geoparsing accuracy on annotated corpora."""

from __future__ import annotations

import argparse
import json
import sys
import warnings

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``geoinc eval``."""
    p = subparsers.add_parser(
        "eval",
        help="measure geoparsing accuracy on annotated JSON Lines corpora",
        description="Recognition P/R/F1 on exact spans and resolution accuracy (exact GeoNames "
        "id, acc@10/25/161 km, mean/median error, AUC), per corpus and pooled. "
        "Corpus format: one {text, toponyms:[{start, end, name, lat, lon, "
        "geonameid}]} object per line.",
    )
    p.add_argument("corpora", nargs="+", metavar="CORPUS.jsonl", help="annotated corpus files")
    p.add_argument("--json", action="store_true", help="print the full report as JSON")
    p.add_argument(
        "--gold-spans",
        action="store_true",
        help="also resolve the gold spans (measures the resolver alone)",
    )
    p.add_argument(
        "--worst",
        type=int,
        default=10,
        metavar="N",
        help="list the N worst errors of each category (default 10)",
    )
    return p


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print tables (or JSON) on stdout."""
    from geoinc.evaluation import evaluate

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = evaluate(args.corpora, gold_spans=args.gold_spans, worst=max(0, args.worst))
    for w in caught:
        print(f"geoinc: warning: {w.message}", file=sys.stderr)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print(report.format_table())
    if args.worst:
        print("\nWorst errors")
        for e in report.errors:
            km = "" if e.error_km is None else f" {e.error_km:.0f} km"
            print(
                f"- {e.category}: {e.corpus}/{e.doc_id} {e.text!r} gold={e.gold or '-'} "
                f"predicted={e.predicted or '-'}{km} | {e.context}"
            )
    return 0

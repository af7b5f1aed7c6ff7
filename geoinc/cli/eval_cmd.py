"""``geoinc eval``: accuracy on annotated corpora.

Two formats, told apart by their first record: geoparsing corpora (``toponyms``) and
annotated conflict news (``incidents``: mentions, incidents and claims are scored).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``geoinc eval``."""
    p = subparsers.add_parser(
        "eval",
        help="measure accuracy on annotated JSON Lines corpora",
        description="Geoparsing corpora ({text, toponyms:[{start, end, name, lat, lon, "
        "geonameid}]} per line): recognition P/R/F1 on exact spans and resolution accuracy "
        "(exact GeoNames id, acc@10/25/161 km, mean/median error, AUC), per corpus and "
        "pooled. Annotated conflict news ({text, places, incidents, claims} per line, the "
        "uaru-dev format): place mentions, incidents (main and all P/R/F1; date, killed, "
        "injured, weapon on matched incidents; incidents at metonyms, organisation names, "
        "datelines and traps) and geographic claims, per language and pooled.",
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
    from geoinc.evaluation.conflict import is_conflict_corpus

    missing = [c for c in args.corpora if not os.path.isfile(c)]
    if missing:
        print(f"geoinc: error: no such corpus file: {missing[0]}", file=sys.stderr)
        return 2
    conflict = [c for c in args.corpora if is_conflict_corpus(c)]
    if conflict and len(conflict) != len(args.corpora):
        print(
            "geoinc: error: give conflict-news corpora and geoparsing corpora in separate runs",
            file=sys.stderr,
        )
        return 2
    if conflict:
        return _run_conflict(args)
    return _run_geoparsing(args)


def _run_conflict(args: argparse.Namespace) -> int:
    from geoinc.evaluation.conflict import evaluate_conflict

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = evaluate_conflict(args.corpora, worst=max(0, args.worst))
    for w in caught[:5]:
        print(f"geoinc: warning: {w.message}", file=sys.stderr)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, indent=1, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
        return 0
    print(report.format_table())
    if args.worst:
        print("\nWorst errors")
        for part in (report.incidents, report.mentions, report.claims):
            for e in (part or {}).get("errors", ()):
                print(
                    f"- {e['category']}: {e['id']} {e.get('text')!r} gold={e.get('gold')} "
                    f"predicted={e.get('predicted')}"
                )
    return 0


def _run_geoparsing(args: argparse.Namespace) -> int:
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

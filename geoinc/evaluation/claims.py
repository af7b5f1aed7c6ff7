"""Geographic claims on annotated conflict news (the ``uaru-dev`` format).

Each record's ``text`` is run through :func:`geoinc.claims.check_text` (in the record's
``lang``, default English) and the predicted claims are compared with the record's
``claims[]``: ``text, start, end, kind, subject, object`` and, where the annotator could
measure it, ``computed_check {verdict, ...}``.

Matching rule
-------------
A gold claim is **found** when a predicted claim's evidence span (``start``–``end``)
overlaps the gold span by at least one character **and** the predicted kind can stand for
the gold kind (:data:`KIND_MATCHES`: geoinc's ``place_distance`` answers both the
annotators' ``distance_between`` and ``bearing``; its ``country`` claim — "the Russian city
of Belgorod" — is what they call ``admin_membership`` or ``position_in_country``). Gold
claims of kind ``other`` are found by any overlapping prediction. An overlapping
prediction of an incompatible kind is listed as a ``kind`` error, not counted as found.

A predicted claim is **correct** for precision when it overlaps any gold claim, of any
kind. Annotators skipped some claims, so the ``spurious`` errors are worth reading: some
are true claims nobody annotated.

Verdict agreement is measured on found gold claims whose ``computed_check`` carries a
verdict. Gold verdict strings are normalised (``"not computable"`` is ``unverifiable``,
underscores are spaces). The predicted verdict is that of the best overlapping claim of a
compatible kind (the longest overlap); when geoinc judged a distance and a direction
together, the part the gold kind names is used (``computed["distance_verdict"]`` or
``computed["direction_verdict"]``). ``verdict_agreement_end_to_end`` counts a missed
claim as a disagreement; ``verdict_agreement_measured`` leaves out the claims geoinc
found but marked unverifiable (a data gap rather than a wrong judgement).

Metrics are given per language and pooled (``"all"``).

Examples
--------
>>> rec = {"id": "demo", "lang": "en",
...        "text": "Drones hit Belgorod, a city some 30 km from the border, on Friday.",
...        "claims": [{"text": "some 30 km from the border", "start": 28, "end": 54,
...                    "kind": "distance_to_border",
...                    "computed_check": {"verdict": "consistent"}}]}
>>> out = score_claims([rec])
>>> m = out["metrics"]["all"]
>>> m["recall"], m["precision"], m["verdict_agreement"]
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

from collections import Counter, defaultdict

from geoinc.exceptions import GeoincError

__all__ = ["KIND_MATCHES", "PRIMARY", "ISSUE_KINDS", "normalise_verdict", "score_claims"]

#: geoinc claim kind -> annotation kinds it can stand for.
KIND_MATCHES: dict[str, frozenset[str]] = {
    # no annotation kind states a front line or a river bank: they answer only ``other``
    "front_distance": frozenset(),
    "river_bank": frozenset(),
    "border_distance": frozenset({"distance_to_border"}),
    "place_distance": frozenset({"distance_between", "bearing"}),
    "direction": frozenset({"bearing"}),
    "region_direction": frozenset({"position_in_country"}),
    "adjacency": frozenset({"adjacency", "distance_between"}),
    "border_city": frozenset({"border_proximity"}),
    "border_proximity": frozenset({"border_proximity", "adjacency"}),
    "country": frozenset({"admin_membership", "position_in_country", "attribute"}),
    "region": frozenset({"admin_membership"}),
    "rank": frozenset({"rank"}),
    "population": frozenset({"population"}),
    "attribute": frozenset({"attribute"}),
}

#: annotation kind -> the geoinc kinds that state that relation itself (preferred for the
#: verdict when several predictions overlap one annotated claim).
PRIMARY: dict[str, frozenset[str]] = {
    "distance_to_border": frozenset({"border_distance"}),
    "distance_between": frozenset({"place_distance"}),
    "bearing": frozenset({"direction", "place_distance"}),
    "position_in_country": frozenset({"region_direction"}),
    "admin_membership": frozenset({"region"}),
    "border_proximity": frozenset({"border_proximity", "border_city"}),
    "adjacency": frozenset({"adjacency"}),
    "rank": frozenset({"rank"}),
    "population": frozenset({"population"}),
    "attribute": frozenset({"attribute"}),
}

#: The annotation kinds the claims issue asks for (everything but ``other``).
ISSUE_KINDS = frozenset(
    {
        "distance_to_border",
        "border_proximity",
        "distance_between",
        "bearing",
        "position_in_country",
        "admin_membership",
        "adjacency",
        "rank",
        "population",
        "attribute",
    }
)

_VERDICTS = ("consistent", "roughly consistent", "inconsistent", "unverifiable")
_CONTEXT = 80


def normalise_verdict(value) -> str | None:
    """One of the four verdict strings, or None for a missing/unknown verdict.

    Examples
    --------
    >>> normalise_verdict("roughly_consistent"), normalise_verdict("not computable")
    ('roughly consistent', 'unverifiable')
    >>> normalise_verdict(None) is None
    True
    """
    if not isinstance(value, str):
        return None
    v = " ".join(value.replace("_", " ").lower().split())
    if v in ("not computable", "not checkable", "uncheckable", "n/a"):
        return "unverifiable"
    return v if v in _VERDICTS else None


def _predict(rec: dict) -> list:
    from geoinc.claims import check_text

    try:
        return check_text(rec.get("text") or "", lang=rec.get("lang") or "en")
    except GeoincError:  # a language without claim vocabulary: nothing found
        return []


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _compatible(pred_kind: str, gold_kind: str) -> bool:
    if gold_kind == "other":
        return True
    return gold_kind in KIND_MATCHES.get(pred_kind, frozenset())


def _pred_verdict(pred, gold_kind: str) -> str:
    part = {"distance_between": "distance_verdict", "bearing": "direction_verdict"}.get(gold_kind)
    if part and isinstance(pred.computed, dict) and pred.computed.get(part):
        return pred.computed[part]
    return pred.verdict


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - _CONTEXT) : end + _CONTEXT]


def _brief(pred) -> dict:
    return {
        "kind": pred.kind,
        "text": pred.text,
        "start": pred.start,
        "end": pred.end,
        "verdict": pred.verdict,
        "place": getattr(pred.place, "name", None),
        "reason": pred.reason,
    }


def _err(category: str, rec: dict, text: str, gold, predicted, span) -> dict:
    return {
        "category": category,
        "id": rec.get("id"),
        "lang": rec.get("lang") or "en",
        "text": text,
        "gold": gold,
        "predicted": predicted,
        "context": _context(rec.get("text") or "", *span),
    }


def _score_gold(tally: Counter, errors: list, rec: dict, gold: dict, preds: list) -> None:
    kind = gold.get("kind", "other")
    g0, g1 = int(gold["start"]), int(gold["end"])
    tally[f"n:{kind}"] += 1
    overlapping = [p for p in preds if _overlap(p.start, p.end, g0, g1) > 0]
    fitting = [p for p in overlapping if _compatible(p.kind, kind)]
    gverdict = normalise_verdict((gold.get("computed_check") or {}).get("verdict"))
    if gverdict is not None:
        tally["verdict_n"] += 1
    gold_brief = {k: gold.get(k) for k in ("kind", "subject", "object")}
    gold_brief["verdict"] = gverdict
    if not fitting:
        category = "kind" if overlapping else "missed"
        errors.append(
            _err(
                category,
                rec,
                gold.get("text"),
                gold_brief,
                [_brief(p) for p in overlapping] or None,
                (g0, g1),
            )
        )
        return
    tally[f"found:{kind}"] += 1
    if gverdict is None:
        return
    tally["verdict_found"] += 1
    # a claim of the kind that states the gold relation itself ("Sevastopol in Crimea" for
    # a membership) before one that only touches it ("the Russian city of Sevastopol")
    best = max(
        fitting,
        key=lambda p: (p.kind in PRIMARY.get(kind, ()), _overlap(p.start, p.end, g0, g1), -p.start),
    )
    pverdict = _pred_verdict(best, kind)
    if pverdict != "unverifiable":
        tally["verdict_measured"] += 1
        tally["verdict_measured_agree"] += pverdict == gverdict
    if pverdict == gverdict:
        tally["verdict_agree"] += 1
    else:
        errors.append(_err("verdict", rec, gold.get("text"), gold_brief, _brief(best), (g0, g1)))


def _score_record(tally: Counter, errors: list, rec: dict, preds: list) -> None:
    golds = [c for c in rec.get("claims") or () if "start" in c and "end" in c]
    for gold in golds:
        _score_gold(tally, errors, rec, gold, preds)
    for p in preds:
        tally["pred_n"] += 1
        if any(_overlap(p.start, p.end, int(g["start"]), int(g["end"])) for g in golds):
            tally["pred_ok"] += 1
        else:
            errors.append(_err("spurious", rec, p.text, None, _brief(p), (p.start, p.end)))


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _metrics(t: Counter) -> dict:
    kinds = sorted({k.split(":", 1)[1] for k in t if k.startswith("n:")})
    by_kind = {
        k: {
            "found": t[f"found:{k}"],
            "n": t[f"n:{k}"],
            "recall": _ratio(t[f"found:{k}"], t[f"n:{k}"]),
        }
        for k in kinds
    }
    n_all = sum(t[f"n:{k}"] for k in kinds)
    f_all = sum(t[f"found:{k}"] for k in kinds)
    n_iss = sum(t[f"n:{k}"] for k in kinds if k in ISSUE_KINDS)
    f_iss = sum(t[f"found:{k}"] for k in kinds if k in ISSUE_KINDS)
    return {
        "gold": n_all,
        "predicted": t["pred_n"],
        "recall": _ratio(f_all, n_all),
        "recall_issue_kinds": _ratio(f_iss, n_iss),
        "recall_by_kind": by_kind,
        "precision": _ratio(t["pred_ok"], t["pred_n"]),
        "verdict_checked": t["verdict_n"],
        "verdict_found": t["verdict_found"],
        "verdict_agreement": _ratio(t["verdict_agree"], t["verdict_found"]),
        "verdict_agreement_end_to_end": _ratio(t["verdict_agree"], t["verdict_n"]),
        "verdict_measured": t["verdict_measured"],
        "verdict_agreement_measured": _ratio(t["verdict_measured_agree"], t["verdict_measured"]),
    }


def score_claims(records: list[dict], *, worst: int = 10, predictions=None) -> dict:
    """Score geoinc's claims against the annotated ``claims[]`` of conflict news.

    Parameters
    ----------
    records : list of dict
        Parsed lines of a ``uaru-dev`` file (``id, lang, text, claims[]``).
    worst : int, default 10
        How many errors of each category (``missed``, ``kind``, ``spurious``,
        ``verdict``) to keep.
    predictions : list of list of ClaimResult, optional
        Claims already checked, one list per record; by default each text is checked.

    Returns
    -------
    dict
        ``{"metrics": {lang: {...}, "all": {...}}, "errors": [...]}``; each error has
        ``category, id, lang, text, gold, predicted, context``.

    Examples
    --------
    >>> rec = {"id": "x", "text": "Nothing happened here.", "claims": []}
    >>> score_claims([rec])["metrics"]["all"]["predicted"]
    0
    """
    tallies: dict[str, Counter] = defaultdict(Counter)
    errors: list[dict] = []
    for i, rec in enumerate(records):
        preds = predictions[i] if predictions is not None else _predict(rec)
        lang = rec.get("lang") or "en"
        local: Counter = Counter()
        _score_record(local, errors, rec, preds)
        tallies[lang].update(local)
        tallies["all"].update(local)
    tallies.setdefault("all", Counter())
    seen: Counter = Counter()
    kept = []
    for e in errors:
        seen[e["category"]] += 1
        if seen[e["category"]] <= worst:
            kept.append(e)
    return {"metrics": {k: _metrics(v) for k, v in sorted(tallies.items())}, "errors": kept}

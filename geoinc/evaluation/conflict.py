"""Evaluation on annotated conflict news (the ``uaru-dev`` format).

One JSON object per line: ``text``, ``published``, ``lang``, ``places[]``, ``incidents[]``,
``claims[]``, ``non_location_traps[]`` (the format's README gives the schema). Each passage
is run through the per-document pipeline on its own (no cross-document merge), and scored
in three parts: place mentions (:mod:`geoinc.evaluation.mentions`), incidents (here) and
geographic claims (:mod:`geoinc.evaluation.claims`).

Incident matching
-----------------
A predicted incident matches a gold one when

* the place agrees: the two points lie within 25 km, or either side is region-level
  (an oblast, raion, hromada or country) and both lie in the same first-order region,
  or both name the same country (a round-up of a country's regions);
  a gold place without coordinates is placed at its parent's point;
* the date agrees, when the gold incident has one: the gold day lies inside the
  predicted range and the range is at most 2 days long (an "overnight" attack spans
  two days); a gold incident without a date accepts any prediction.

Pairs are matched one-to-one, closest first. ``main`` scores predicted main incidents
(``role == "main"``, or every incident when the pipeline gives no role) against gold main
incidents; ``all`` scores everything against everything.

Attributes are scored on the ``all`` matches: a figure is right when the predicted best
value equals the gold value (an explicit zero must be 0, not missing); the weapon class
(drone, missile, air, artillery) when the gold one names a weapon.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from geoinc.exceptions import InputError

__all__ = [
    "load_records",
    "predict_incidents",
    "score_incidents",
    "evaluate_conflict",
    "ConflictReport",
    "is_conflict_corpus",
]

_MATCH_KM = 25.0
_REGION_TYPES = {"admin1", "admin2", "hromada", "country", "sea", "oblast", "raion"}
_PRED_REGION_KINDS = {"admin1", "admin2", "country", "region"}


def is_conflict_corpus(path: str | Path) -> bool:
    """True when the first record of a JSON Lines file has ``incidents`` (this format)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    return "incidents" in json.loads(line)
                except json.JSONDecodeError:
                    return False
    return False


def load_records(paths) -> list[dict]:
    """Parsed records of one or more files; ``lang`` defaults to ``"en"``."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as err:
                    raise InputError(f"{path}:{n}: not JSON ({err.msg})") from None
                rec.setdefault("lang", "en")
                rec["_corpus"] = Path(path).stem
                out.append(rec)
    return out


# --------------------------------------------------------------------------- prediction


def predict_incidents(rec: dict, *, gazetteer=None) -> list[dict]:
    """Incident records the pipeline gives for one passage (no cross-document merge)."""
    from geoinc.extraction.documents import document_from_text
    from geoinc.extraction.pipeline import extract_reports
    from geoinc.incidents.merge import incident_record, merge_reports

    doc = document_from_text(
        rec["text"],
        doc_id=rec.get("id"),
        source=rec.get("outlet") or rec.get("site"),
        url=rec.get("source"),
        published=rec.get("published"),
        lang=rec.get("lang") or "en",
    )
    reports = extract_reports(doc, gazetteer=gazetteer).reports
    out = []
    for group in merge_reports(list(reports)):
        r = incident_record(group)
        r.setdefault("role", group[0].extra.get("role", "main") if group[0].extra else "main")
        r["_offsets"] = sorted(
            (e["start"], e["end"]) for e in r["evidence"] if e.get("field") == "place"
        )
        out.append(r)
    return out


# --------------------------------------------------------------------------- gold side


def _gold_point(inc: dict, rec: dict) -> tuple[float, float] | None:
    ref = inc.get("place_referent") or {}
    if ref.get("lat") is not None and ref.get("lon") is not None:
        return float(ref["lon"]), float(ref["lat"])
    parent = ref.get("parent")
    for p in rec.get("places", ()):
        r = p.get("referent") or {}
        if parent and r.get("key") == parent and r.get("lat") is not None:
            return float(r["lon"]), float(r["lat"])
    return None


def _gold_region_level(inc: dict) -> bool:
    ref = inc.get("place_referent") or {}
    return ref.get("type") in _REGION_TYPES or ref.get("coord_precision") == "approx_centroid"


def _same_country_level(gold: dict, pred: dict) -> bool:
    ref = gold.get("place_referent") or {}
    return (
        ref.get("type") == "country"
        and pred.get("place_kind") == "country"
        and bool(ref.get("country_code"))
        and ref.get("country_code") == pred.get("country")
    )


@lru_cache(maxsize=1)
def _weapon_class_rules() -> tuple[tuple[str, re.Pattern], ...]:
    from geoinc import lang

    table = lang.table("en", "evaluation_weapon_classes")
    return tuple((cls, re.compile(rx, re.I)) for cls, rx in table.items())


def weapon_classes_of_text(text: str | None) -> tuple[str, ...]:
    """Every coarse weapon class a free-text weapon description names, in the table's
    order (``()`` if unspecified): "missiles and Shahed drones" names two.

    Examples
    --------
    >>> weapon_classes_of_text("cruise missiles and attack drones")
    ('drone', 'missile')
    >>> weapon_classes_of_text("unspecified aerial targets")
    ()
    """
    return tuple(cls for cls, rx in _weapon_class_rules() if rx.search(text or ""))


def weapon_class_of_text(text: str | None) -> str | None:
    """Coarse weapon class of a free-text weapon description (``None`` if unspecified):
    the first of :func:`weapon_classes_of_text`."""
    classes = weapon_classes_of_text(text)
    return classes[0] if classes else None


def _pred_weapon_class(pred: dict) -> str | None:
    from geoinc.taxonomy import weapon_kind

    return weapon_kind(pred.get("weapon") or ())


def _parse_day(value) -> date | None:
    if not value or not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------- matching


def _admin1_of(lon: float, lat: float, gazetteer) -> str | None:
    res = gazetteer.reverse(lat, lon)
    return res.admin1.admin1 if res.admin1 is not None else None


def _pairs(
    golds: list[dict], preds: list[dict], rec: dict, gazetteer, *, use_date: bool = True
) -> list[tuple]:
    from geoinc.borders import geodesic_distance

    found = []
    for gi, g in enumerate(golds):
        gpt = _gold_point(g, rec)
        if gpt is None:
            continue
        gday = _parse_day(g.get("date"))
        g_admin1 = None
        for pi, p in enumerate(preds):
            if p.get("lon") is None or p.get("lat") is None:
                continue
            km = float(geodesic_distance(gpt[0], gpt[1], p["lon"], p["lat"])[0])
            ok = km <= _MATCH_KM
            if not ok and _same_country_level(g, p):
                ok = True  # one country named at both sides: its points are conventions
            if not ok and (_gold_region_level(g) or p.get("place_kind") in _PRED_REGION_KINDS):
                if g_admin1 is None:
                    g_admin1 = _admin1_of(gpt[0], gpt[1], gazetteer) or ""
                ok = bool(g_admin1) and g_admin1 == (p.get("admin1") or "")
            if not ok:
                continue
            s, e = p.get("date_start"), p.get("date_end") or p.get("date_start")
            date_ok = gday is None or (s is not None and s <= gday <= e and (e - s).days <= 1)
            if use_date and not date_ok:
                continue
            found.append((not date_ok, km, gi, pi))  # ties by place go to the right date
    found.sort()
    used_g, used_p, out = set(), set(), []
    for _, km, gi, pi in found:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, km))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "predicted": n_pred,
        "gold": n_gold,
    }


@dataclass
class _Tally:
    counts: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)

    def rate(self, ok: str, n: str) -> float | None:
        return round(self.counts[ok] / self.counts[n], 4) if self.counts[n] else None


def _figure_checks(t: _Tally, g: dict, p: dict, rec: dict, fld: str) -> None:
    gold = g.get(fld)
    if not gold or gold.get("value") is None:
        return
    want, got = gold["value"], p.get(f"{fld}_best")
    got = None if got is None or (isinstance(got, float) and math.isnan(got)) else int(got)
    t.counts[f"{fld}_n"] += 1
    if got == want:
        t.counts[f"{fld}_ok"] += 1
    else:
        t.errors.append(_err(f"{fld} wrong", rec, gold.get("text"), want, got))
    if gold.get("qualifier") == "none" and want == 0:
        t.counts[f"{fld}_zero_n"] += 1
        t.counts[f"{fld}_zero_ok"] += got == 0


def _err(category: str, rec: dict, text, gold, predicted) -> dict:
    return {
        "category": category,
        "id": rec.get("id"),
        "lang": rec.get("lang"),
        "text": text,
        "gold": gold,
        "predicted": predicted,
    }


def _score_attributes(t: _Tally, g: dict, p: dict, rec: dict) -> None:
    gday = _parse_day(g.get("date"))
    if gday is not None and _parse_day(rec.get("published")) is not None:
        t.counts["date_n"] += 1
        s = p.get("date_start")
        e = p.get("date_end") or s
        if s is not None and s <= gday <= e and (e - s).days <= 1:
            t.counts["date_ok"] += 1
        else:
            t.errors.append(
                _err("date wrong", rec, g.get("date_text"), str(gday), f"{s}..{e}" if s else None)
            )
    for fld in ("killed", "injured"):
        _figure_checks(t, g, p, rec, fld)
    gw = weapon_classes_of_text(g.get("weapon"))
    if gw:
        t.counts["weapon_n"] += 1
        pw = _pred_weapon_class(p)
        if pw in gw:  # a mixed attack ("missiles and drones"): any class it names
            t.counts["weapon_ok"] += 1
        else:
            t.errors.append(_err("weapon wrong", rec, g.get("weapon"), "/".join(gw), pw))


def _trap_spans(rec: dict) -> list[tuple[int, int, str]]:
    out = []
    for p in rec.get("places", ()):
        for flag in ("metonymy", "in_org_name", "dateline"):
            if p.get(flag):
                out.append((p["start"], p["end"], flag))
    text = rec["text"]
    for trap in rec.get("non_location_traps", ()):
        s = trap if isinstance(trap, str) else trap.get("text") or trap.get("surface") or ""
        i = text.find(s) if s else -1
        while i >= 0:
            out.append((i, i + len(s), "trap"))
            i = text.find(s, i + 1)
    return out


def score_incidents(records: list[dict], predictions: list[list[dict]], *, gazetteer=None) -> dict:
    """Score predicted incidents against the gold ones (see the module docstring).

    Parameters
    ----------
    records : list of dict
        Parsed gold records (:func:`load_records`).
    predictions : list of list of dict
        Per record, incident records as :func:`predict_incidents` returns them.

    Returns
    -------
    dict
        ``{"metrics": {lang: {...}, "all": {...}}, "errors": [...]}``.
    """
    if gazetteer is None:
        from geoinc.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    by_lang: dict[str, _Tally] = defaultdict(_Tally)
    for rec, preds in zip(records, predictions, strict=True):
        for key in (rec.get("lang") or "en", "all"):
            _score_record(by_lang[key], rec, preds, gazetteer, log=key == "all")
    metrics = {k: _metrics(t) for k, t in sorted(by_lang.items())}
    return {"metrics": metrics, "errors": by_lang["all"].errors}


def _score_record(t: _Tally, rec: dict, preds: list[dict], gazetteer, log: bool) -> None:
    golds = rec.get("incidents", [])
    errs = t.errors if log else []
    t.counts["passages"] += 1
    matched = _pairs(golds, preds, rec, gazetteer)
    t.counts["all_tp"] += len(matched)
    t.counts["all_pred"] += len(preds)
    t.counts["all_gold"] += len(golds)
    gmain = [g for g in golds if g.get("role") == "main"]
    pmain = [p for p in preds if p.get("role", "main") == "main"]
    t.counts["main_place_tp"] += len(_pairs(gmain, pmain, rec, gazetteer, use_date=False))
    mm = _pairs(gmain, pmain, rec, gazetteer)
    t.counts["main_tp"] += len(mm)
    t.counts["main_pred"] += len(pmain)
    t.counts["main_gold"] += len(gmain)
    hit_g = {gi for gi, _, _ in mm}
    hit_p = {pi for _, pi, _ in mm}
    for gi, g in enumerate(gmain):
        if gi not in hit_g:
            errs.append(_err("main missed", rec, g.get("place_text"), g.get("date"), None))
    for pi, p in enumerate(pmain):
        if pi not in hit_p:
            errs.append(
                _err("spurious main", rec, p.get("place_name"), None, str(p.get("date_start")))
            )
    traps = _trap_spans(rec)
    for p in preds:
        for s, e in p.get("_offsets", ()):
            hit = next((f for a, b, f in traps if a < e and s < b), None)
            if hit:
                t.counts["at_trap"] += 1
                # a planted trap ("trap") counted apart: "at_trap" is the total
                t.counts["at_planted" if hit == "trap" else f"at_{hit}"] += 1
                errs.append(
                    _err(f"incident at {hit}", rec, rec["text"][s:e], None, p.get("place_name"))
                )
                break
    sub = _Tally(t.counts, errs)
    # attributes (the date among them) on matches by place alone
    for gi, pi, _ in _pairs(golds, preds, rec, gazetteer, use_date=False):
        _score_attributes(sub, golds[gi], preds[pi], rec)


def _metrics(t: _Tally) -> dict:
    c = t.counts
    return {
        "passages": c["passages"],
        "main": _prf(c["main_tp"], c["main_pred"], c["main_gold"]),
        "all": _prf(c["all_tp"], c["all_pred"], c["all_gold"]),
        "main_place_only": _prf(c["main_place_tp"], c["main_pred"], c["main_gold"]),
        "date_right": t.rate("date_ok", "date_n"),
        "killed_right": t.rate("killed_ok", "killed_n"),
        "injured_right": t.rate("injured_ok", "injured_n"),
        "killed_zero_right": t.rate("killed_zero_ok", "killed_zero_n"),
        "injured_zero_right": t.rate("injured_zero_ok", "injured_zero_n"),
        "weapon_class_right": t.rate("weapon_ok", "weapon_n"),
        "n": {
            k: c[k]
            for k in (
                "date_n",
                "killed_n",
                "injured_n",
                "killed_zero_n",
                "injured_zero_n",
                "weapon_n",
            )
        },
        "incidents_at_traps": c["at_trap"],
        "incidents_at": {
            **{k[3:]: c[k] for k in ("at_metonymy", "at_in_org_name", "at_dateline")},
            "trap": c["at_planted"],
        },
    }


# --------------------------------------------------------------------------- report


@dataclass
class ConflictReport:
    """Mentions, incidents and claims scores of one evaluation run."""

    incidents: dict
    mentions: dict | None = None
    claims: dict | None = None
    per_passage: list = field(default_factory=list)

    def to_dict(self) -> dict:
        """The report as plain JSON-ready data (what ``geoinc eval --json`` prints)."""
        return {
            "incidents": self.incidents,
            "mentions": self.mentions,
            "claims": self.claims,
            "per_passage": self.per_passage,
        }

    def format_table(self) -> str:
        """A short plain-text summary (one block per part, one line per language)."""
        lines = [
            "Incidents (main P/R/F1 | all P/R/F1 | date killed injured zero-k zero-i "
            "weapon | at traps)"
        ]
        for lang, m in self.incidents["metrics"].items():
            mn, al = m["main"], m["all"]
            rates = " ".join(
                _pct(m[k])
                for k in (
                    "date_right",
                    "killed_right",
                    "injured_right",
                    "killed_zero_right",
                    "injured_zero_right",
                    "weapon_class_right",
                )
            )
            lines.append(
                f"  {lang:4} {mn['precision']:.2f}/{mn['recall']:.2f}/{mn['f1']:.2f} "
                f"({mn['tp']}/{mn['predicted']}/{mn['gold']}) | "
                f"{al['precision']:.2f}/{al['recall']:.2f}/{al['f1']:.2f} | {rates} | "
                f"{m['incidents_at_traps']}"
            )
        for name, part, keys in (
            ("Mentions", self.mentions, _MENTION_KEYS),
            ("Claims", self.claims, _CLAIM_KEYS),
        ):
            if part:
                lines.append(name + " (" + ", ".join(k for k, _ in keys) + ")")
                for lang, m in part.get("metrics", {}).items():
                    vals = [_dig(m, path) for _, path in keys]
                    lines.append(f"  {lang:4} " + " ".join(_pct(v) for v in vals))
        return "\n".join(lines)


_MENTION_KEYS = (
    ("P", ("exact", "precision")),
    ("R", ("exact", "recall")),
    ("F1", ("exact", "f1")),
    ("overlap F1", ("overlap", "f1")),
    ("exact id", ("resolution", "exact_id")),
    ("acc@161", ("resolution", "acc@161km")),
)
_CLAIM_KEYS = (
    ("recall", ("recall",)),
    ("precision", ("precision",)),
    ("verdict agreement", ("verdict_agreement",)),
)


def _dig(m: dict, path: tuple):
    for k in path:
        if not isinstance(m, dict) or k not in m:
            return None
        m = m[k]
    return m if isinstance(m, (int, float)) else None


def _pct(v) -> str:
    return "  -  " if v is None else f"{100 * v:5.1f}"


def _optional_part(module: str, func: str, records: list[dict], worst: int):
    import importlib

    try:
        fn = getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError):
        return None
    return fn(records, worst=worst)


def evaluate_conflict(
    paths, *, worst: int = 10, gazetteer=None, parts=("mentions", "incidents", "claims")
):
    """Evaluate the pipeline on annotated conflict news.

    Parameters
    ----------
    paths : path or list of paths
        ``uaru-dev``-format JSON Lines files.
    worst : int, default 10
        How many errors of each category to keep.
    parts : tuple of str
        Which of ``"mentions"``, ``"incidents"``, ``"claims"`` to score.

    Returns
    -------
    ConflictReport
    """
    if gazetteer is None:
        from geoinc.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    records = load_records(paths)
    inc = {"metrics": {}, "errors": []}
    per = []
    if "incidents" in parts:
        preds = [predict_incidents(r, gazetteer=gazetteer) for r in records]
        inc = score_incidents(records, preds, gazetteer=gazetteer)
        inc["errors"] = _cap(inc["errors"], worst)
        per = [
            {
                "id": r.get("id"),
                "lang": r.get("lang"),
                "gold": len(r.get("incidents", ())),
                "predicted": [_brief(p) for p in ps],
            }
            for r, ps in zip(records, preds, strict=True)
        ]
    men = (
        _optional_part("geoinc.evaluation.mentions", "score_mentions", records, worst)
        if "mentions" in parts
        else None
    )
    cl = (
        _optional_part("geoinc.evaluation.claims", "score_claims", records, worst)
        if "claims" in parts
        else None
    )
    return ConflictReport(inc, men, cl, per)


def _cap(errors: list[dict], worst: int) -> list[dict]:
    seen: Counter = Counter()
    out = []
    for e in errors:
        seen[e["category"]] += 1
        if seen[e["category"]] <= worst:
            out.append(e)
    return out


def _brief(p: dict) -> dict:
    return {
        "place": p.get("place_name"),
        "role": p.get("role", "main"),
        "date": None if p.get("date_start") is None else str(p["date_start"]),
        "killed": p.get("killed_best"),
        "injured": p.get("injured_best"),
    }

"""Place-mention accuracy on annotated conflict news (the ``uaru-dev`` format).

Each record's ``text`` is run through :func:`geoinc.geoparsing.geoparse` (with the record's
``lang``, ``"en"`` when absent) and its mentions are compared with the gold ``places[]``.

What counts
-----------
*Recognition* (``exact`` and ``overlap``): every gold place is a target, including names
inside organisation names, metonyms and datelines (they are place names in the text);
every predicted mention is a prediction except demonyms ("Russian", "Ukrainians"), which
the format does not annotate. ``exact`` needs the same ``(start, end)``; ``overlap``
counts a gold place as found when a prediction shares a character with it, and a
prediction as right when it shares one with a gold place.

*Resolution* is scored on **literal** mentions only: not ``in_org_name``, not
``metonymy``, not ``dateline`` (those name no place where something happens, so their
referent is not what the pipeline needs). A gold place is paired with the prediction of
the same span, else the overlapping prediction with the most shared characters. A missed
place counts as wrong, so end-to-end accuracy is bounded by recall:

* ``exact_id``: over literal places whose gold referent has a GeoNames id, the share
  resolved to it (or to the id of its ``acceptable_alternative_referent``);
* ``acc@10km`` / ``acc@161km``: over literal places with gold coordinates
  (``coord_precision`` not ``"none"``), the share resolved within that distance of the
  gold point or of the alternative's (geodesic on WGS84,
  :func:`geoinc.borders.geodesic_distance`; the right id counts as 0 km, and so does a
  predicted country that is the gold country: gold countries carry a centroid).

*Roles* are scored apart, over the flagged places that were found (overlap):
``organisation`` (share of ``in_org_name`` places given role ``"organisation"``),
``metonym`` (share given ``"actor"``, and how many got ``"location"``: those would become
incident places), ``dateline`` (share given ``"dateline"``, the role the geoparser gives
a dateline's place names).

Metrics come per language (the ``lang`` field; ``"en"`` when absent) and pooled
(``"all"``).

Examples
--------
>>> text = "Drones hit Kharkiv overnight, officials said."
>>> rec = {"id": "x", "text": text, "places": [
...     {"surface": "Kharkiv", "start": 11, "end": 18, "in_org_name": False,
...      "metonymy": False, "dateline": False,
...      "referent": {"geonameid": 706483, "lat": 49.98, "lon": 36.25,
...                   "coord_precision": "geonames", "type": "city"}}]}
>>> m = score_mentions([rec])["metrics"]["all"]
>>> m["exact"]["f1"], m["resolution"]["exact_id"], m["resolution"]["acc@161km"]
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from geoinc.exceptions import InputError

__all__ = ["score_mentions"]

_THRESHOLDS_KM = (10, 161)
_FLAGS = ("in_org_name", "metonymy", "dateline")
_ROLE_OF_FLAG = {"in_org_name": "organisation", "metonymy": "actor", "dateline": "dateline"}
_FLAG_NAME = {"in_org_name": "organisation", "metonymy": "metonym", "dateline": "dateline"}


@dataclass
class _Tally:
    n: dict = field(default_factory=lambda: defaultdict(int))

    def add(self, key: str, value: int = 1) -> None:
        self.n[key] += value


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {
        "predicted": n_pred,
        "gold": n_gold,
        "tp": tp_gold,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


def _metrics(t: _Tally) -> dict:
    n = t.n
    out = {
        "passages": n["passages"],
        "exact": _prf(n["exact_tp"], n["pred"], n["exact_tp"], n["gold"]),
        "overlap": _prf(n["overlap_pred"], n["pred"], n["overlap_gold"], n["gold"]),
        "resolution": {
            "literal": n["literal"],
            "with_geonameid": n["with_id"],
            "exact_id": _ratio(n["id_right"], n["with_id"]),
            "exact_id_found": _ratio(n["id_right"], n["id_found"]),
            "with_coordinates": n["with_coord"],
            **{f"acc@{k}km": _ratio(n[f"within_{k}"], n["with_coord"]) for k in _THRESHOLDS_KM},
        },
        "roles": {},
    }
    for flag in _FLAGS:
        name = _FLAG_NAME[flag]
        role = _ROLE_OF_FLAG[flag]
        part = {
            "gold": n[f"{flag}_gold"],
            "found": n[f"{flag}_found"],
            f"as_{role}": _ratio(n[f"{flag}_as_role"], n[f"{flag}_found"]),
            "as_location": n[f"{flag}_as_location"],
        }
        out["roles"][name] = part
    return out


def _is_demonym(text: str) -> bool:
    from geoinc.geoparsing.lexicon import DEMONYMS
    from geoinc.names import normalize

    key = normalize(text)
    return key in DEMONYMS or (key.endswith("s") and key[:-1] in DEMONYMS)


def _gold_places(rec: dict) -> list[dict]:
    """The gold places of one record, one per span, offsets checked."""
    text = rec["text"]
    seen: dict[tuple[int, int], dict] = {}
    for p in rec.get("places") or ():
        try:
            a, b = int(p["start"]), int(p["end"])
        except (KeyError, TypeError, ValueError) as err:
            raise InputError(f"record {rec.get('id')!r}: a place without offsets") from err
        if not (0 <= a < b <= len(text)):
            raise InputError(f"record {rec.get('id')!r}: place offsets {a}-{b} outside the text")
        seen.setdefault((a, b), p)
    return [seen[k] for k in sorted(seen)]


def _pair(gold: dict, preds: list) -> object | None:
    """The prediction for a gold place: same span, else the largest overlap."""
    a, b = int(gold["start"]), int(gold["end"])
    best, best_len = None, 0
    for m in preds:
        if m.start == a and m.end == b:
            return m
        shared = min(b, m.end) - max(a, m.start)
        if shared > best_len:
            best, best_len = m, shared
    return best


def _referents(gold: dict) -> list[dict]:
    refs = [gold.get("referent") or {}]
    alt = gold.get("acceptable_alternative_referent")
    if isinstance(alt, dict):
        refs.append(alt)
    return refs


def _gid(value) -> int | None:
    try:
        gid = int(value)
    except (TypeError, ValueError):
        return None
    return gid if gid > 0 else None


def _error_km(refs: list[dict], place) -> float | None:
    """Smallest distance from the predicted place to a gold referent with coordinates."""
    from geoinc.borders import geodesic_distance

    best = None
    for ref in refs:
        if place is not None and _gid(ref.get("geonameid")) == place.geonameid:
            return 0.0
        if ref.get("coord_precision") == "none" or ref.get("lat") is None:
            continue
        if ref.get("lon") is None or place is None:
            continue
        if (
            place.kind == "country"
            and ref.get("type") == "country"
            and (ref.get("country_code") == place.country)
        ):
            return 0.0
        km, _ = geodesic_distance(place.lon, place.lat, float(ref["lon"]), float(ref["lat"]))
        best = km if best is None else min(best, km)
    return best


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    return " ".join(text[max(0, start - width) : end + width].split())


def _describe(m) -> str | None:
    if m is None:
        return None
    if m.place is None:
        return f"{m.text!r} (unresolved) role={m.role}"
    p = m.place
    return f"{m.text!r} -> {p.name} ({p.geonameid}, {p.country}, {p.kind}) role={m.role}"


def _gold_desc(g: dict) -> str:
    ref = g.get("referent") or {}
    flags = [f for f in _FLAGS if g.get(f)]
    tail = f" [{', '.join(flags)}]" if flags else ""
    return f"{g['surface']!r} -> {ref.get('canonical')} ({ref.get('geonameid')}){tail}"


def _score_record(rec: dict, t: _Tally, errors: list, gazetteer) -> None:
    from geoinc.geoparsing import geoparse

    text = rec.get("text")
    if not isinstance(text, str):
        raise InputError(f"record {rec.get('id')!r} has no text")
    lang = rec.get("lang") or "en"
    gold = _gold_places(rec)
    preds = [m for m in geoparse(text, gazetteer=gazetteer, lang=lang) if not _is_demonym(m.text)]
    spans = {(int(g["start"]), int(g["end"])) for g in gold}
    t.add("passages")
    t.add("gold", len(gold))
    t.add("pred", len(preds))

    def err(category, g, m, extra=None):
        a = int(g["start"]) if g is not None else m.start
        b = int(g["end"]) if g is not None else m.end
        errors.append(
            {
                "category": category,
                "id": rec.get("id"),
                "lang": lang,
                "text": text[a:b],
                "gold": None if g is None else _gold_desc(g),
                "predicted": _describe(m),
                "context": _context(text, a, b),
                "error_km": extra,
            }
        )

    for m in preds:
        if (m.start, m.end) in spans:
            t.add("exact_tp")
        if any(m.start < int(g["end"]) and int(g["start"]) < m.end for g in gold):
            t.add("overlap_pred")
        else:
            err("spurious", None, m)
    for g in gold:
        m = _pair(g, preds)
        if m is not None:
            t.add("overlap_gold")
            if (m.start, m.end) != (int(g["start"]), int(g["end"])):
                err("boundary", g, m)
        else:
            err("missed", g, None)
        flags = [f for f in _FLAGS if g.get(f)]
        for flag in flags:
            t.add(f"{flag}_gold")
            if m is None:
                continue
            t.add(f"{flag}_found")
            if m.role == _ROLE_OF_FLAG[flag]:
                t.add(f"{flag}_as_role")
            else:
                err(f"{_FLAG_NAME[flag]} role", g, m)
            if m.role == "location":
                t.add(f"{flag}_as_location")
        if not flags:
            _score_literal(g, m, t, err)


def _score_literal(g: dict, m, t: _Tally, err) -> None:
    t.add("literal")
    refs = _referents(g)
    place = None if m is None else m.place
    ids = {_gid(r.get("geonameid")) for r in refs} - {None}
    if ids:
        t.add("with_id")
        if place is not None:
            t.add("id_found")
            if place.geonameid in ids:
                t.add("id_right")
    has_coord = any(r.get("coord_precision") != "none" and r.get("lat") is not None for r in refs)
    if not has_coord and not ids:
        return
    km = _error_km(refs, place)
    if has_coord:
        t.add("with_coord")
        for k in _THRESHOLDS_KM:
            if km is not None and km <= k:
                t.add(f"within_{k}")
    wrong = (ids and place is not None and place.geonameid not in ids) or (
        km is not None and km > 161
    )
    if m is not None and (place is None or wrong):
        err("wrong place", g, m, None if km is None else round(km, 1))


def score_mentions(records: list[dict], *, worst: int = 10, gazetteer=None) -> dict:
    """Score the geoparser's place mentions on annotated conflict news.

    Parameters
    ----------
    records : list of dict
        Parsed lines of a ``uaru-dev``-format file (see the module notes).
    worst : int, default 10
        How many errors of each category to keep (wrong places: the farthest first).
    gazetteer : geoinc.gazetteer.Gazetteer, optional
        Defaults to the bundled one.

    Returns
    -------
    dict
        ``{"metrics": {lang: {...}, "all": {...}}, "errors": [...]}``; each error has
        ``category`` (missed, spurious, boundary, wrong place, organisation role,
        metonym role, dateline role), ``id``, ``lang``, ``text``, ``gold``,
        ``predicted``, ``context`` and ``error_km``.

    Raises
    ------
    InputError
        When a record has no text or a place's offsets fall outside it.

    Examples
    --------
    >>> score_mentions([])["metrics"]["all"]["exact"]["f1"]
    0.0
    """
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    pooled = _Tally()
    errors: list[dict] = []
    for rec in records:
        t = _Tally()
        _score_record(rec, t, errors, gazetteer)
        lang = rec.get("lang") or "en"
        for key, value in t.n.items():
            tallies[lang].add(key, value)
            pooled.add(key, value)
    metrics = {lang: _metrics(tallies[lang]) for lang in sorted(tallies)}
    metrics["all"] = _metrics(pooled)
    return {"metrics": metrics, "errors": _worst(errors, worst)}


def _worst(errors: list[dict], worst: int) -> list[dict]:
    by_cat: dict[str, list[dict]] = defaultdict(list)
    for e in errors:
        by_cat[e["category"]].append(e)
    out = []
    for cat in sorted(by_cat):
        items = by_cat[cat]
        if cat == "wrong place":
            items = sorted(items, key=lambda e: -(e["error_km"] or 0.0))
        out.extend(items[:worst])
    return out

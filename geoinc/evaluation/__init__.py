"""Geoparsing accuracy on annotated corpora (GeoWebNews, LGL, TR-News, GeoVirus format).

A corpus is JSON Lines, one document per line::

    {"corpus": "LGL", "doc_id": "...", "text": "...",
     "toponyms": [{"start": 0, "end": 10, "name": "Alexandria", "lat": 31.31,
                   "lon": -92.44, "geonameid": "4314550", "type": null}, ...]}

What counts as a gold toponym
    A row with coordinates. GeoWebNews also annotates expressions and non-toponyms
    ("Literal_Expression", "Non_Toponym", "Demonym" without coordinates, "Language",
    "Homonym"); those have no coordinates and are left out of both recognition and
    resolution. Rows with the same span are counted once.

Metrics
    *Recognition*: precision, recall and F1 over exact ``(start, end)`` spans; every
    mention :func:`geoinc.geoparsing.geoparse` returns is a prediction, whatever its role,
    except institution metonyms ("the Kremlin", "the White House"), which the parser
    reports as actors but which no corpus annotates as toponyms.
    *Resolution*: over the gold toponyms with a GeoNames id, the share whose span was
    found **and** resolved to that id (``exact_id``; a missed toponym counts as wrong, so
    end-to-end accuracy is bounded by recall); over the gold toponyms with coordinates,
    the share resolved within 10, 25 and 161 km (geodesic, WGS84; the right GeoNames id
    counts as 0 km, whatever coordinates the two gazetteers give it, and so does a gold
    point inside the polygon of the predicted country), the mean and median
    error of the resolved ones, and the AUC of the error curve (Gritta et al. 2018:
    errors scaled by ``log(1 + km) / log(1 + 20039)``, a missed toponym counting as the
    maximum; lower is better). ``exact_id_found`` is the exact-id share over the
    toponyms the parser found. With ``gold_spans=True`` the gold spans are handed to
    :func:`geoinc.geoparsing.resolve_spans` instead, which measures the resolver alone.

Examples
--------
>>> doc = {"corpus": "demo", "doc_id": "1", "text": "Shells hit Kharkiv.",
...        "toponyms": [{"start": 11, "end": 18, "name": "Kharkiv", "lat": 49.98,
...                      "lon": 36.25, "geonameid": "706483"}]}
>>> report = evaluate([doc])
>>> report.pooled["f1"], report.pooled["exact_id"]
(1.0, 1.0)
"""

from __future__ import annotations

import json
import math
import statistics
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from geoinc.exceptions import InputError

__all__ = [
    "CorpusWarning",
    "load_corpus",
    "gold_toponyms",
    "evaluate",
    "EvalReport",
    "ErrorCase",
    "MAX_ERROR_KM",
]

#: Half the Earth's circumference: the error given to a toponym that was not resolved.
MAX_ERROR_KM = 20039.0
_THRESHOLDS_KM = (10, 25, 161)
_NOT_TOPONYM_TYPES = frozenset(
    {
        "Non_Toponym",
        "Non_Lit_Expression",
        "Literal_Expression",
        "Language",
        "Homonym",
    }
)


class CorpusWarning(UserWarning):
    """A corpus row was left out of the evaluation (the message says which and why)."""


def load_corpus(path: str | Path) -> list[dict]:
    """Read one JSON Lines corpus file.

    Toponym rows whose offsets do not match the text are left out with a
    :class:`CorpusWarning` naming them.

    Raises
    ------
    InputError
        When the file is missing, a line is not JSON, or a document lacks
        ``text``/``toponyms``.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").split(
            "\n"
        )  # not splitlines: U+2028 occurs inside texts
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read corpus {path}: {err}") from err
    docs = []
    bad: list[str] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{n}: not a JSON object: {err}") from err
        if (
            not isinstance(doc, dict)
            or not isinstance(doc.get("text"), str)
            or not isinstance(doc.get("toponyms"), list)
        ):
            raise InputError(f"{path}:{n}: a document needs 'text' (str) and 'toponyms' (list)")
        good = []
        for t in doc["toponyms"]:
            try:
                start, end = int(t["start"]), int(t["end"])
                ok = 0 <= start < end and doc["text"][start:end] == t["name"]
            except (KeyError, TypeError, ValueError):
                ok = False
            if ok:
                good.append(t)
            else:
                bad.append(f"{n}:{t.get('start')}-{t.get('end')}")
        doc["toponyms"] = good
        doc.setdefault("corpus", path.name.split(".")[0])
        doc.setdefault("doc_id", str(n))
        docs.append(doc)
    if bad:
        # Left out, and said so: a corpus row whose offsets do not match its text
        # cannot be scored either way.
        warnings.warn(
            f"{path.name}: {len(bad)} toponym rows whose span does not match the "
            f"text were left out (line:start-end {', '.join(bad[:5])}"
            f"{', ...' if len(bad) > 5 else ''})",
            CorpusWarning,
            stacklevel=2,
        )
    return docs


def gold_toponyms(doc: dict) -> list[dict]:
    """The resolution and recognition targets of one document (see module notes)."""
    seen = {}
    for t in doc["toponyms"]:
        if t.get("type") in _NOT_TOPONYM_TYPES:
            continue
        if t.get("lat") is None or t.get("lon") is None:
            continue
        key = (int(t["start"]), int(t["end"]))
        if key not in seen or (seen[key].get("geonameid") is None and t.get("geonameid")):
            seen[key] = t
    return [seen[k] for k in sorted(seen)]


@dataclass(frozen=True, slots=True)
class ErrorCase:
    """One error, for the worst-errors list."""

    category: str  # "missed" | "spurious" | "wrong referent" | "wrong country"
    corpus: str
    doc_id: str
    start: int
    end: int
    text: str
    gold: str
    predicted: str
    error_km: float | None
    context: str

    def as_dict(self) -> dict:
        """Plain dict (JSON-serialisable)."""
        return {f: getattr(self, f) for f in self.__slots__}


@dataclass
class _Tally:
    n_docs: int = 0
    tp: int = 0
    n_gold: int = 0
    n_pred: int = 0
    n_id: int = 0
    n_id_correct: int = 0
    n_id_found: int = 0
    n_coord: int = 0
    errors_km: list = field(default_factory=list)  # resolved gold toponyms only
    scaled: list = field(default_factory=list)  # every gold toponym with coordinates
    within: dict = field(default_factory=lambda: {k: 0 for k in _THRESHOLDS_KM})

    def add(self, other: _Tally) -> None:
        for f in (
            "n_docs",
            "tp",
            "n_gold",
            "n_pred",
            "n_id",
            "n_id_correct",
            "n_id_found",
            "n_coord",
        ):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        self.errors_km.extend(other.errors_km)
        self.scaled.extend(other.scaled)
        for k in _THRESHOLDS_KM:
            self.within[k] += other.within[k]

    def summary(self, recognition: bool) -> dict:
        def ratio(a, b):
            return round(a / b, 4) if b else None

        out = {"documents": self.n_docs, "gold": self.n_gold}
        if recognition:
            p = self.tp / self.n_pred if self.n_pred else 0.0
            r = self.tp / self.n_gold if self.n_gold else 0.0
            out.update(
                {
                    "predicted": self.n_pred,
                    "true_positives": self.tp,
                    "precision": round(p, 4),
                    "recall": round(r, 4),
                    "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                }
            )
        out.update(
            {
                "with_geonameid": self.n_id,
                "exact_id": ratio(self.n_id_correct, self.n_id),
                "exact_id_found": ratio(self.n_id_correct, self.n_id_found),
                "with_coordinates": self.n_coord,
            }
        )
        for k in _THRESHOLDS_KM:
            out[f"acc@{k}km"] = ratio(self.within[k], self.n_coord)
        errs = self.errors_km
        out["mean_error_km"] = round(statistics.fmean(errs), 1) if errs else None
        out["median_error_km"] = round(statistics.median(errs), 1) if errs else None
        out["auc"] = round(_auc(self.scaled), 4) if self.scaled else None
        return out


def _auc(scaled: list[float]) -> float:
    """Area under the sorted scaled-error curve (0 perfect, 1 worst)."""
    ys = np.sort(np.asarray(scaled, dtype=np.float64))
    if len(ys) == 1:
        return float(ys[0])
    return float(np.trapezoid(ys, dx=1.0 / (len(ys) - 1)))


def _scaled(km: float) -> float:
    return math.log1p(km) / math.log1p(MAX_ERROR_KM)


@dataclass
class EvalReport:
    """Per-corpus and pooled metrics, end to end and (optionally) with gold spans.

    Attributes
    ----------
    corpora : dict
        corpus name -> ``{"end_to_end": {...}, "gold_spans": {...}}``.
    pooled : dict
        End-to-end metrics over every document (micro-averaged).
    pooled_gold_spans : dict or None
    errors : list of ErrorCase
        The worst errors (largest first within each category).
    error_counts : dict
        category -> count, end to end.
    """

    corpora: dict
    pooled: dict
    pooled_gold_spans: dict | None
    errors: list[ErrorCase]
    error_counts: dict

    def to_dict(self) -> dict:
        """Everything as plain JSON-serialisable data."""
        return {
            "corpora": self.corpora,
            "pooled": self.pooled,
            "pooled_gold_spans": self.pooled_gold_spans,
            "error_counts": self.error_counts,
            "worst_errors": [e.as_dict() for e in self.errors],
        }

    def format_table(self) -> str:
        """Markdown tables: end to end, then with gold spans."""
        items = [*((n, c["end_to_end"]) for n, c in self.corpora.items()), ("pooled", self.pooled)]
        rows = [_E2E_HEADER]
        for name, m in items:
            rows.append(
                (name, m["documents"], m["gold"], *_recognition_cells(m), *_resolution_cells(m))
            )
        out = ["End to end (recognition + resolution from raw text)", "", _markdown(rows)]
        if self.pooled_gold_spans is not None:
            items = [(n, c["gold_spans"]) for n, c in self.corpora.items()]
            rows = [_GOLD_HEADER]
            for name, m in [*items, ("pooled", self.pooled_gold_spans)]:
                rows.append((name, m["gold"], *_resolution_cells(m)))
            out += ["", "Resolution given the gold spans", "", _markdown(rows)]
        counts = ", ".join(f"{k} {v}" for k, v in self.error_counts.items())
        out += ["", f"Errors end to end: {counts}"]
        return "\n".join(out)


_RESOLUTION_HEADER = ("exact id", "acc@10", "acc@25", "acc@161", "mean km", "median km", "AUC")
_E2E_HEADER = ("corpus", "docs", "gold", "P", "R", "F1", *_RESOLUTION_HEADER)
_GOLD_HEADER = ("corpus", "gold", *_RESOLUTION_HEADER)


def _recognition_cells(m: dict) -> tuple[str, ...]:
    """P, R, F1 of one summary, in per cent."""
    return _pct(m["precision"]), _pct(m["recall"]), _pct(m["f1"])


def _resolution_cells(m: dict) -> tuple[str, ...]:
    """The cells under :data:`_RESOLUTION_HEADER` for one summary."""
    return (
        _pct(m["exact_id"]),
        _pct(m["acc@10km"]),
        _pct(m["acc@25km"]),
        _pct(m["acc@161km"]),
        _num(m["mean_error_km"]),
        _num(m["median_error_km"]),
        _num(m["auc"], 3),
    )


def _pct(v) -> str:
    return "–" if v is None else f"{100 * v:.1f}"


def _num(v, digits: int = 0) -> str:
    return "–" if v is None else f"{v:.{digits}f}"


def _markdown(rows) -> str:
    lines = [
        "| " + " | ".join(str(c) for c in rows[0]) + " |",
        "|" + "|".join("---" for _ in rows[0]) + "|",
    ]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def _geodesic_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Geodesic distances (km) between pairs of points (:mod:`geoinc.geodesy`)."""
    from geoinc.geodesy import geodesic_inverse

    if not len(lat1):
        return np.zeros(0)
    return geodesic_inverse(lon1, lat1, lon2, lat2)[0]


def _inside_country_is_zero(km: np.ndarray, pairs: list) -> np.ndarray:
    """A country names all of its territory: a gold point inside the predicted
    country's polygon is 0 km away (corpora give countries arbitrary points)."""
    import shapely

    from geoinc.gazetteer import Gazetteer

    gz = Gazetteer.default()
    km = km.copy()
    for k, (t, m) in enumerate(pairs):
        if m.place.kind != "country" or km[k] == 0.0:
            continue
        poly = gz.country_polygon(m.place.country)
        if poly is not None and shapely.intersects_xy(poly, float(t["lon"]), float(t["lat"])):
            km[k] = 0.0
    return km


def _gid(value) -> int | None:
    try:
        gid = int(value)
    except (TypeError, ValueError):
        return None
    return gid if gid > 0 else None


def _score_doc(
    doc: dict,
    gold: list[dict],
    predicted: dict,
    recognition: bool,
    errors: list[ErrorCase] | None,
    counts: dict | None,
) -> _Tally:
    """Tally one document. ``predicted`` maps (start, end) -> Mention."""
    tally = _Tally(n_docs=1, n_gold=len(gold), n_pred=len(predicted) if recognition else 0)
    found = [(t, predicted.get((int(t["start"]), int(t["end"])))) for t in gold]
    if recognition:
        tally.tp = sum(1 for _, m in found if m is not None)
    scored = _resolution_errors(found)
    for _, m, gid, e in scored:
        _tally_toponym(tally, m, gid, e)
    if errors is None:
        return tally
    for t, m, gid, e in scored:
        case = _gold_error_case(doc, t, m, gid, e)
        if case is not None:
            counts[case.category] = counts.get(case.category, 0) + 1
            errors.append(case)
    if recognition:
        _add_spurious(doc, predicted, errors, counts)
    return tally


def _resolution_errors(found: list) -> list[tuple]:
    """``(gold, mention, geonameid, error_km)`` per gold toponym; ``error_km`` is None
    when the toponym was not resolved."""
    pairs = [(t, m) for t, m in found if m is not None and m.place is not None]
    km = _geodesic_km(
        [t["lon"] for t, _ in pairs],
        [t["lat"] for t, _ in pairs],
        [m.place.lon for _, m in pairs],
        [m.place.lat for _, m in pairs],
    )
    km = _inside_country_is_zero(km, pairs)
    err_of = {id(t): float(k) for (t, _), k in zip(pairs, km, strict=False)}
    out = []
    for t, m in found:
        gid = _gid(t.get("geonameid"))
        e = err_of.get(id(t))
        if e is not None and gid is not None and m.place.geonameid == gid:
            # The right record: coordinates of one referent differ between gazetteers
            # (GeoNames vs Natural Earth country points), which is no error.
            e = 0.0
        out.append((t, m, gid, e))
    return out


def _tally_toponym(tally: _Tally, m, gid: int | None, e: float | None) -> None:
    """Count one gold toponym's resolution (``e``: error in km, None if unresolved)."""
    tally.n_coord += 1
    tally.scaled.append(_scaled(MAX_ERROR_KM if e is None else e))
    if e is not None:
        tally.errors_km.append(e)
        for k in _THRESHOLDS_KM:
            tally.within[k] += e <= k
    if gid is not None:
        tally.n_id += 1
        if m is not None and m.place is not None:
            tally.n_id_found += 1
            tally.n_id_correct += m.place.geonameid == gid


def _place_label(place) -> str:
    return f"{place.name} ({place.geonameid}, {place.country})"


def _gold_error_case(doc: dict, t: dict, m, gid: int | None, e: float | None) -> ErrorCase | None:
    """The error made on gold toponym ``t``, or None when it was resolved right
    (the right id, or within 161 km)."""
    if m is None or m.place is None:
        cat, pred = "missed", ""
    elif (gid is not None and m.place.geonameid == gid) or (e is not None and e <= 161):
        return None
    else:
        cat = "wrong referent"
        pred = _place_label(m.place)
        gold_country = t.get("country") or ""
        if gold_country and gold_country.casefold() != _country_name(m.place.country).casefold():
            cat = "wrong country"
    start, end = int(t["start"]), int(t["end"])
    return ErrorCase(
        cat,
        doc["corpus"],
        str(doc["doc_id"]),
        start,
        end,
        t["name"],
        f"{t['name']} ({t.get('geonameid')})",
        pred,
        e,
        _context(doc["text"], start, end),
    )


def _add_spurious(doc: dict, predicted: dict, errors: list[ErrorCase], counts: dict) -> None:
    """Predicted spans that match no annotated row (of any type) are spurious."""
    gold_spans = {(int(t["start"]), int(t["end"])) for t in doc["toponyms"]}
    for (a, b), m in predicted.items():
        if (a, b) in gold_spans:
            continue
        counts["spurious"] = counts.get("spurious", 0) + 1
        pred = "" if m.place is None else _place_label(m.place)
        errors.append(
            ErrorCase(
                "spurious",
                doc["corpus"],
                str(doc["doc_id"]),
                a,
                b,
                m.text,
                "",
                pred,
                None,
                _context(doc["text"], a, b),
            )
        )


_COUNTRY_NAMES: dict[str, str] = {}


def _country_name(iso2: str) -> str:
    # The bundled gazetteer knows every country: no extra dependency for a label.
    name = _COUNTRY_NAMES.get(iso2)
    if name is None:
        from geoinc.exceptions import PlaceNotFound
        from geoinc.gazetteer import Gazetteer

        try:
            name = Gazetteer.default().country_place(iso2).name
        except PlaceNotFound:
            name = iso2
        _COUNTRY_NAMES[iso2] = name
    return name


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"{left}[{text[start:end]}]{right}"


def evaluate(
    corpora: Iterable[str | Path | dict],
    *,
    gold_spans: bool = True,
    gazetteer=None,
    parser: Callable | None = None,
    worst: int = 30,
) -> EvalReport:
    """Measure geoparsing accuracy on annotated documents.

    Parameters
    ----------
    corpora : iterable of path or dict
        JSON Lines corpus files, or already-loaded documents.
    gold_spans : bool, default True
        Also measure resolution given the gold spans.
    gazetteer : geoinc.gazetteer.Gazetteer, optional
    parser : callable, optional
        ``parser(text) -> list of Mention``; defaults to :func:`geoinc.geoparsing.geoparse`.
    worst : int, default 30
        How many errors of each category to keep in :attr:`EvalReport.errors`.

    Returns
    -------
    EvalReport
    """
    from geoinc.geoparsing import geoparse, resolve_spans

    docs = _load_docs(corpora)
    if parser is None:

        def parser(text):
            return geoparse(text, gazetteer=gazetteer)

    per_corpus: dict[str, dict[str, _Tally]] = {}
    errors: list[ErrorCase] = []
    counts: dict[str, int] = {"missed": 0, "spurious": 0, "wrong referent": 0, "wrong country": 0}
    for doc in docs:
        gold = gold_toponyms(doc)
        predicted = _predicted(parser(doc["text"]))
        tallies = per_corpus.setdefault(doc.get("corpus", ""), {"e2e": _Tally(), "gold": _Tally()})
        tallies["e2e"].add(_score_doc(doc, gold, predicted, True, errors, counts))
        if gold_spans:
            offsets = [(int(t["start"]), int(t["end"])) for t in gold]
            resolved = resolve_spans(doc["text"], offsets, gazetteer=gazetteer)
            given = {o: m for o, m in zip(offsets, resolved, strict=False) if m is not None}
            tallies["gold"].add(_score_doc(doc, gold, given, False, None, None))
    corpora_out, pooled, pooled_gold = _summaries(per_corpus, gold_spans)
    return EvalReport(
        corpora_out,
        pooled.summary(True),
        pooled_gold.summary(False) if gold_spans else None,
        _worst_cases(errors, counts, worst),
        counts,
    )


def _load_docs(corpora: Iterable[str | Path | dict]) -> list[dict]:
    """Documents given as they are, corpus files read with :func:`load_corpus`."""
    docs: list[dict] = []
    for item in corpora:
        if isinstance(item, dict):
            docs.append(item)
        else:
            docs.extend(load_corpus(item))
    return docs


def _predicted(mentions) -> dict:
    """(start, end) -> the first mention on that span, institution metonyms left out."""
    from geoinc.geoparsing.lexicon import INSTITUTIONS
    from geoinc.names import normalize

    predicted = {}
    for m in mentions:
        if normalize(m.text) in INSTITUTIONS:
            continue  # "the Kremlin", "the White House": buildings, not toponyms
        predicted.setdefault((m.start, m.end), m)
    return predicted


def _summaries(per_corpus: dict, gold_spans: bool) -> tuple[dict, _Tally, _Tally]:
    """Per-corpus summaries (in name order) and the pooled tallies."""
    corpora_out = {}
    pooled, pooled_gold = _Tally(), _Tally()
    for name in sorted(per_corpus):
        t = per_corpus[name]
        pooled.add(t["e2e"])
        pooled_gold.add(t["gold"])
        corpora_out[name] = {"end_to_end": t["e2e"].summary(True)}
        if gold_spans:
            corpora_out[name]["gold_spans"] = t["gold"].summary(False)
    return corpora_out, pooled, pooled_gold


def _worst_cases(errors: list[ErrorCase], counts: dict, worst: int) -> list[ErrorCase]:
    """The ``worst`` largest errors of each category, categories in ``counts`` order."""
    worst_cases: list[ErrorCase] = []
    for cat in counts:
        cases = [e for e in errors if e.category == cat]
        cases.sort(key=lambda e: (-(e.error_km or 0.0), e.corpus, e.doc_id, e.start))
        worst_cases.extend(cases[:worst])
    return worst_cases

"""Find checkable geographic statements in text and verify them.

:func:`check_text` finds, sentence by sentence, statements a fact-checker would check by
hand and measures each against the bundled gazetteer and border lines. Each claim kind is
one registered checker (a pattern built from the language's ``claims_*`` vocabulary files
and a check); :func:`kinds` lists them:

``border_distance``   "Belgorod, a Russian city about 35 km (22 miles) from the border"
``place_distance``    "Kramatorsk, about 70 km north of Donetsk"
``adjacency``         "Kharkiv, just across the border from Belgorod", "Makiivka, near Donetsk"
``direction``         "Irpin, north-west of Kyiv"
``region_direction``  "the northeastern city of Kharkiv", "Lviv in western Ukraine"
``border_proximity``  "Sumy, near the Russian border", "a region which borders Ukraine"
``rank``              "Ukraine's second-largest city", "Kharkiv, Ukraine's third largest"
``population``        "Kharkiv, a city of 1.4 million people"
``attribute``         "the port city of Odesa", "the capital Kyiv"
``border_city``       "the Russian border city of Belgorod"
``river_bank``        "Kherson, on the right bank of the Dnipro"
``front_distance``    "Kramatorsk, some 20 km from the front line" (never judged: no front line)
``region``            "Izium, in the Kharkiv region", "Russia's Belgorod region"
``country``           "the Ukrainian city of Kharkiv", "Belgorod, a Russian city"

Each :class:`ClaimResult` carries the stated value, the computed value, the verdict
(``consistent`` · ``roughly consistent`` · ``inconsistent`` · ``unverifiable``), the
tolerance and method used and the evidence with character offsets. The tolerance policy
is documented in ``docs/claims.md``; distances are geodesic on WGS84 and borders are the
internationally recognised ones (Crimea in Ukraine). A claim about a place the gazetteer
does not know is ``unverifiable``; nothing here raises on odd text.

Examples
--------
>>> [r] = check_text("Belgorod, a city 5 km from the border, was hit.")
>>> r.kind, r.verdict, r.place.name
('border_distance', 'inconsistent', 'Belgorod')
>>> round(r.computed["km"], 1), r.dataset
(32.1, 'osm')
"""

from __future__ import annotations

from geoinc.claims import (  # noqa: F401 - importing registers each kind's checker
    kinds_attribute,
    kinds_distance,
    kinds_membership,
    kinds_position,
    kinds_proximity,
    kinds_river,
    kinds_size,
    kinds_slavic,
    kinds_slavic_membership,
)
from geoinc.claims._measure import DENSITY_PER_KM2, city_radius_km
from geoinc.claims._model import (
    CONSISTENT,
    INCONSISTENT,
    ROUGHLY,
    UNVERIFIABLE,
    VERDICTS,
    ClaimResult,
)
from geoinc.claims._registry import CHECKERS, check_text, kinds, register

__all__ = [
    "VERDICTS",
    "CONSISTENT",
    "ROUGHLY",
    "INCONSISTENT",
    "UNVERIFIABLE",
    "ClaimResult",
    "CHECKERS",
    "DENSITY_PER_KM2",
    "check_text",
    "city_radius_km",
    "kinds",
    "register",
]

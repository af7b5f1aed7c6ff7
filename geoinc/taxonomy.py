"""The incident taxonomy: event types, sub-event types, weapon kinds and type colours.

One table that extraction, merging, export and the map all read, so that adding an
event type or a weapon is one edit. Event types follow ACLED: ``event_type``
"Explosions/Remote violence" with the sub-event types "Air/drone strike" (drones,
aircraft, glide bombs) and "Shelling/artillery/missile attack" (missiles, rockets,
artillery, cluster munitions).

The weapon vocabulary is data: ``geoinc/lang/en/taxonomy_weapons.tsv`` maps each
canonical weapon name (the name every language's weapon lexicon gives, English labels
like ACLED's) to its kind; the kind decides the sub-event type. The table is read on
first use and cached.

This module sits below :mod:`geoinc.extract`, :mod:`geoinc.incidents` and
:mod:`geoinc.mapping` and imports none of them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from geoinc import lang

__all__ = [
    "EVENT_TYPE",
    "SUB_AIR",
    "SUB_SHELLING",
    "KIND_SUB_EVENT",
    "EVENT_COLORS",
    "PALETTE",
    "weapon_kinds",
    "generic_weapons",
    "weapon_kind",
    "classify_weapons",
    "type_color",
]

#: ACLED event type of every incident geoinc extracts.
EVENT_TYPE = "Explosions/Remote violence"
#: ACLED sub-event type of drone, aircraft and glide-bomb attacks.
SUB_AIR = "Air/drone strike"
#: ACLED sub-event type of missile, rocket and artillery attacks.
SUB_SHELLING = "Shelling/artillery/missile attack"

#: Weapon kind -> ACLED sub-event type.
KIND_SUB_EVENT: Mapping[str, str] = {
    "drone": SUB_AIR,
    "air": SUB_AIR,
    "missile": SUB_SHELLING,
    "artillery": SUB_SHELLING,
}

#: Colours of the ACLED-style event types; other types get a stable colour from PALETTE.
EVENT_COLORS = {
    "Air/drone strike": "#d7191c",
    "Explosions/Remote violence": "#e66101",
    "Shelling/artillery/missile attack": "#fd8d3c",
    "Remote explosive/landmine/IED": "#7b3294",
    "Armed clash": "#2c7bb6",
    "Attack": "#a6611a",
    "Grenade": "#018571",
    "Suicide bomb": "#542788",
    "Unknown type": "#777777",
}
PALETTE = (
    "#1b9e77",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#386cb0",
    "#f0027f",
    "#bf5b17",
    "#666666",
    "#7570b3",
)


@lru_cache(maxsize=1)
def weapon_kinds() -> Mapping[str, str]:
    """Canonical weapon name -> kind (``"drone"``, ``"air"``, ``"missile"``, ``"artillery"``).

    Examples
    --------
    >>> weapon_kinds()["Shahed drones"], weapon_kinds()["glide bombs"]
    ('drone', 'air')
    """
    # canonical names are English labels whatever the article's language
    return MappingProxyType(dict(lang.table("en", "taxonomy_weapons")))


@lru_cache(maxsize=1)
def generic_weapons() -> frozenset[str]:
    """Canonical names that name a way of attacking more than a weapon ("shelling": a
    "rocket shelling" is a rocket attack); they vote only when nothing more specific does.

    Examples
    --------
    >>> "shelling" in generic_weapons(), "artillery" in generic_weapons()
    (True, False)
    """
    return lang.words("en", "taxonomy_generic_weapons")


def _voters(weapons: Iterable[str]) -> list[str]:
    """The weapons that vote: those with a kind, without the generic ones when a
    specific one is named."""
    kinds = weapon_kinds()
    named = [w for w in weapons if w in kinds]
    specific = [w for w in named if w not in generic_weapons()]
    return specific or named


def weapon_kind(weapons: Iterable[str]) -> str | None:
    """The kind of an incident's weapons: majority vote, a tie to the kind named first.

    Parameters
    ----------
    weapons : iterable of str
        Canonical weapon names in text order; repeats are votes, names without a kind
        are ignored, and generic ones (:func:`generic_weapons`) count only alone.

    Returns
    -------
    str or None
        ``"drone"``, ``"air"``, ``"missile"``, ``"artillery"``, or ``None``.

    Examples
    --------
    >>> weapon_kind(["shelling", "missiles"]), weapon_kind(["shelling"])
    ('missile', 'artillery')
    >>> weapon_kind(["drones", "missiles"]), weapon_kind([]) is None
    ('drone', True)
    """
    votes = Counter(weapon_kinds()[w] for w in _voters(weapons))
    return votes.most_common(1)[0][0] if votes else None


def classify_weapons(weapons: Iterable[str]) -> str | None:
    """ACLED sub-event type from weapon names (majority vote; a tie goes to drones).

    Parameters
    ----------
    weapons : iterable of str
        Canonical weapon names; names without a kind are ignored, generic ones
        (:func:`generic_weapons`, "shelling") count only when no other is named.

    Returns
    -------
    str or None
        :data:`SUB_AIR`, :data:`SUB_SHELLING`, or ``None`` when no weapon has a kind.

    Examples
    --------
    >>> classify_weapons(["Shahed drones", "drones", "missiles"])
    'Air/drone strike'
    >>> classify_weapons(["Vampire rockets", "cluster munitions"])
    'Shelling/artillery/missile attack'
    >>> classify_weapons(["shelling", "shelling", "drones"])
    'Air/drone strike'
    >>> classify_weapons([]) is None
    True
    """
    kinds = weapon_kinds()
    votes = Counter(KIND_SUB_EVENT.get(kinds.get(w)) for w in _voters(weapons))
    votes.pop(None, None)
    if not votes:
        return None
    if votes[SUB_AIR] >= votes[SUB_SHELLING]:
        return SUB_AIR
    return SUB_SHELLING


def type_color(name: str) -> str:
    """Return the colour of an event type (stable across runs and machines).

    Examples
    --------
    >>> type_color("Air/drone strike")
    '#d7191c'
    >>> type_color("Naval attack") == type_color("Naval attack")
    True
    """
    if name in EVENT_COLORS:
        return EVENT_COLORS[name]
    digest = hashlib.md5(name.encode("utf-8")).digest()
    return PALETTE[digest[0] % len(PALETTE)]

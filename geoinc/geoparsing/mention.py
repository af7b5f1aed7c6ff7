"""The value object the geoparser returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from geoinc.gazetteer import Place

__all__ = ["Mention", "ROLES"]

#: Every role a mention can take, see :class:`Mention`.
ROLES = ("location", "actor", "origin", "organisation", "dateline", "other")


@dataclass(frozen=True, slots=True)
class Mention:
    """One place name found in a text, resolved in context.

    Attributes
    ----------
    start, end : int
        Character offsets into the text (``text[start:end] == self.text``).
    text : str
        The words as written.
    place : Place or None
        The chosen gazetteer record; ``None`` when the name looks like a place (for
        example "the village of X") but nothing in the gazetteer or the context places it.
    role : {"location", "actor", "origin", "organisation", "dateline", "other"}
        ``"location"`` a place where something is or happens; ``"actor"`` a metonym
        standing for a government or army ("Moscow said", "the Kremlin"); ``"origin"``
        where a thing comes from ("Iranian-made"); ``"organisation"`` a name inside an
        organisation's name ("Kyiv Independent"); ``"dateline"`` the place name that
        opens a report ("KYIV, Ukraine —"); ``"other"`` anything else (demonyms
        such as "Ukrainian", a place used as a modifier).
    confidence : float
        0..1, how sure the resolver is of ``place``.
    candidates : tuple of Place
        The best alternatives considered (at most three), best first.

    Examples
    --------
    >>> from geoinc.geoparsing import geoparse
    >>> [(m.text, m.place.geonameid, m.role) for m in geoparse("Shelling hit Kharkiv.")]
    [('Kharkiv', 706483, 'location')]
    """

    start: int
    end: int
    text: str
    place: Place | None
    role: str = "location"
    confidence: float = 0.0
    candidates: tuple[Place, ...] = field(default=(), repr=False)

    @property
    def __geo_interface__(self) -> dict:
        """GeoJSON Feature of the mention (null geometry when unresolved)."""
        geom = (
            None
            if self.place is None
            else {"type": "Point", "coordinates": [self.place.lon, self.place.lat]}
        )
        return {
            "type": "Feature",
            "geometry": geom,
            "properties": {
                "start": self.start,
                "end": self.end,
                "text": self.text,
                "role": self.role,
                "confidence": self.confidence,
                "geonameid": None if self.place is None else self.place.geonameid,
                "name": None if self.place is None else self.place.name,
            },
        }

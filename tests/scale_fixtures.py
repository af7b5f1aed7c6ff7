"""Small dispatches written for the scale tests (parallel runs, the store, Dask).

The sentences are the project's own; places and figures vary with the index, so a
corpus has reports of the same incident from several outlets, incidents in several
regions and dates, articles without an attack, and a bad file or two.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

PLACES = ["Kharkiv", "Belgorod", "Odesa", "Dnipro", "Kherson", "Zaporizhzhia", "Sumy", "Kursk"]
OUTLETS = ["Wire One", "Daily Two", "Radio Three"]

_ATTACK = (
    "{day:%B %d, %Y}\n\nBy {outlet}\n\n"
    "Drones struck {place} overnight, killing {killed} people and injuring {injured}, "
    "the regional governor said on {day:%A}.\n"
    "Emergency crews worked through the morning to clear the rubble of a damaged school."
)
_SHELLING = (
    "{day:%B %d, %Y}\n\nBy {outlet}\n\n"
    "Artillery shelling hit a residential district of {place} on {day:%A}, leaving "
    "{killed} civilians dead, local officials said.\n"
    "Several apartment blocks lost their windows and heating."
)
_QUIET = (
    "{day:%B %d, %Y}\n\nBy {outlet}\n\n"
    "The city council of {place} voted on {day:%A} to repaint the tram depot before winter.\n"
)


def dispatch(i: int, start: date = date(2024, 3, 1)) -> str:
    """The ``i``-th dispatch: three outlets report each (place, day); every 7th is quiet."""
    incident = i // 3
    place = PLACES[incident % len(PLACES)]
    day = start + timedelta(days=incident // len(PLACES))
    outlet = OUTLETS[i % 3]
    killed = 2 + incident % 5 + (i % 3 == 2)  # the third outlet has a revised toll
    template = _QUIET if i % 7 == 6 else _SHELLING if incident % 2 else _ATTACK
    return template.format(day=day, outlet=outlet, place=place, killed=killed, injured=killed + 3)


def write_corpus(folder: Path, n: int, *, bad: bool = True, start: int = 0) -> Path:
    """Write dispatches ``start .. start+n-1`` as text files (plus an empty and a binary
    file when ``bad``) into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"d{i:05d}.txt").write_text(dispatch(i), encoding="utf-8")
    if bad:
        (folder / "d00002_empty.txt").write_text("", encoding="utf-8")
        (folder / "d00005_binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return folder

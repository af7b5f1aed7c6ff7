"""Language data: word lists, phrase lists and tables, one folder per language.

Each language is a folder (``geoinc/lang/en/``, ``geoinc/lang/uk/`` ...) of plain data
files; code keeps the grammar (how patterns combine), these files keep the vocabulary.
A language argument is either a code of a bundled folder ("en") or a path to a folder
laid out the same way, so a new language is a new folder, not a code change.

File kinds (chosen by extension):

* ``NAME.txt`` -- one entry per line; a line starting with ``#``, or `` #`` after an
  entry, is a comment; blank lines are ignored.
  Read with :func:`words` (a frozenset) or :func:`phrases` (a tuple, file order kept).
* ``NAME.tsv`` -- tab-separated ``key<TAB>value`` rows, comments as above. Read with
  :func:`table` (a dict of str to str).
* ``NAME.json`` -- any JSON value. Read with :func:`data`.

Everything is read once and cached; nothing is read at import time.

Examples
--------
>>> from geoinc import lang
>>> "killed" in lang.data("en", "casualties")["killed_verbs"]
True
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from geoinc.exceptions import ConfigurationError

__all__ = ["DEFAULT", "folder", "words", "phrases", "table", "data", "available"]

DEFAULT = "en"
_HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    """Codes of the bundled languages."""
    return sorted(p.name for p in _HERE.iterdir() if p.is_dir() and not p.name.startswith("_"))


@lru_cache(maxsize=64)
def folder(lang: str | Path = DEFAULT) -> Path:
    """The data folder of ``lang`` (a bundled code or a path to a folder)."""
    key = str(lang)
    bundled = _HERE / key
    if key.isidentifier() and bundled.is_dir():
        return bundled
    path = Path(key)
    if path.is_dir():
        return path.resolve()
    raise ConfigurationError(
        f"unknown language {key!r}: bundled languages are {', '.join(available())}, "
        "or pass a folder of language data"
    )


def _lines(lang: str | Path, name: str, ext: str) -> list[str]:
    path = folder(lang) / f"{name}.{ext}"
    if not path.is_file():
        raise ConfigurationError(f"language {str(lang)!r} has no data file {path.name!r}")
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.lstrip().startswith("#"):
            continue
        line = re.split(r"\s#", raw, maxsplit=1)[0].rstrip()  # a comment needs space before #
        if line.strip():
            out.append(line.strip() if ext == "txt" else line)
    return out


@lru_cache(maxsize=512)
def phrases(lang: str | Path, name: str) -> tuple[str, ...]:
    """Entries of ``NAME.txt`` in file order (duplicates removed)."""
    return tuple(dict.fromkeys(_lines(lang, name, "txt")))


@lru_cache(maxsize=512)  # rules ask per name found: a new frozenset each time cost most
def words(lang: str | Path, name: str) -> frozenset[str]:
    """Entries of ``NAME.txt`` as a set (matching code decides about case)."""
    return frozenset(phrases(lang, name))


@lru_cache(maxsize=256)
def table(lang: str | Path, name: str) -> dict[str, str]:
    """Rows of ``NAME.tsv`` as a dict; a row without a tab maps the key to ``""``."""
    out: dict[str, str] = {}
    for line in _lines(lang, name, "tsv"):
        key, _, value = line.partition("\t")
        out[key.strip()] = value.strip()
    return out


@lru_cache(maxsize=256)
def data(lang: str | Path, name: str):
    """The JSON value of ``NAME.json``."""
    path = folder(lang) / f"{name}.json"
    if not path.is_file():
        raise ConfigurationError(f"language {str(lang)!r} has no data file {path.name!r}")
    return json.loads(path.read_text(encoding="utf-8"))

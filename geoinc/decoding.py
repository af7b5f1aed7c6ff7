"""Raw bytes to text: detect UTF-8 (with or without BOM), UTF-16 and cp1251, refuse binary.

Shared by the readers of articles (:mod:`geoinc.extraction.documents`) and of incident
tables (:mod:`geoinc.incidents`); it sits below both and imports neither.
"""

from __future__ import annotations

import re

from geoinc.exceptions import InputError

__all__ = ["decode_bytes"]

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"\w+")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes, detecting UTF-8 (with or without BOM), UTF-16 and cp1251.

    Parameters
    ----------
    data : bytes

    Returns
    -------
    tuple of (str, str)
        The text and the name of the encoding used.

    Raises
    ------
    InputError
        For empty or whitespace-only input and for binary data (NUL bytes or many
        control characters), which no text encoding explains.

    Examples
    --------
    >>> decode_bytes("Харків".encode("cp1251"))
    ('Харків', 'cp1251')
    >>> decode_bytes(b"Kharkiv")
    ('Kharkiv', 'utf-8')
    """
    if not data.strip():
        raise InputError("empty input (no text)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError("binary input (contains NUL bytes), not text")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(sample) * 0.01:
        raise InputError(
            f"binary input ({controls} control bytes in the first {len(sample)}), not text"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8: the single-byte candidates always decode, so choose by plausibility.
    # Read as cp1251, Cyrillic text gives whole Cyrillic words; Western text (cp1252)
    # gives Latin words with a stray Cyrillic letter inside ("Cafй", "Zьrich").
    as1251 = data.decode("cp1251", errors="replace")
    words = _WORD.findall(as1251)
    cyrillic = sum(1 for w in words if _CYRILLIC.search(w) and not _ASCII_LETTER.search(w))
    mixed = sum(1 for w in words if _CYRILLIC.search(w) and _ASCII_LETTER.search(w))
    if cyrillic > mixed:
        return as1251, "cp1251"
    return data.decode("cp1252", errors="replace"), "cp1252"

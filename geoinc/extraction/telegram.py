"""Telegram channel exports (Telegram Desktop's ``result.json``) as input.

Oblast administrations, mayors and governors post first on Telegram, and analysts keep
those channels with Telegram Desktop's "Export chat history" (JSON). Each message with
text becomes one :class:`~geoinc.extraction.documents.Document`: its date is the publication
time, the channel's name the source, and the message link (``https://t.me/<channel>/<id>``
when the channel's public address is given, else ``https://t.me/c/<chat id>/<id>``) the URL.
Service messages (joins, pins) and messages without text (a photo alone) are skipped and
counted; the language of each message is detected later, per document.

Examples
--------
>>> import json, tempfile, pathlib
>>> export = {"name": "Example channel", "type": "public_channel", "id": 42, "messages": [
...     {"id": 7, "type": "message", "date": "2024-08-12T06:30:00",
...      "text": ["Уночі ", {"type": "bold", "text": "Суми"}, " атакували дрони."]}]}
>>> path = pathlib.Path(tempfile.mkdtemp()) / "result.json"
>>> _ = path.write_text(json.dumps(export), encoding="utf-8")
>>> [(d.text, d.source, d.url, str(d.published)) for d in read_export(path, channel="examplech")]
[('Уночі Суми атакували дрони.', 'Example channel', 'https://t.me/examplech/7', '2024-08-12')]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from geoinc.exceptions import InputError
from geoinc.extraction.documents import DEFAULT_MAX_BYTES, Document, document_from_text

__all__ = ["read_export", "iter_export", "is_telegram_export"]

# Telegram Desktop writes these keys at the top of every chat export.
_HEAD_KEYS = ('"messages"', '"type"')


def is_telegram_export(path: str | Path) -> bool:
    """True when ``path`` looks like a Telegram Desktop JSON export (cheap: its head).

    Examples
    --------
    >>> is_telegram_export("no-such-file.json")
    False
    """
    p = Path(path)
    if p.suffix.lower() != ".json" or not p.is_file():
        return False
    with p.open(encoding="utf-8", errors="replace") as fh:
        head = fh.read(4096)
    return head.lstrip().startswith("{") and all(k in head for k in _HEAD_KEYS)


def _flatten(text) -> str:
    """Message text: a string, or a list of strings and ``{"type", "text"}`` pieces."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in text)
    return ""


def _link(channel: str | None, chat_id, msg_id) -> str | None:
    if msg_id is None:
        return None
    if channel:
        return f"https://t.me/{channel.lstrip('@').rstrip('/').rsplit('/', 1)[-1]}/{msg_id}"
    if chat_id is not None:
        return f"https://t.me/c/{chat_id}/{msg_id}"
    return None


def iter_export(
    path: str | Path,
    *,
    channel: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **metadata,
) -> Iterator[tuple[str, Document | InputError]]:
    """``(label, document or error)`` per message, as
    :func:`~geoinc.extraction.documents.iter_documents` yields them.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``result.json`` written by Telegram Desktop.
    channel : str, optional
        The channel's public address ("synegubov", "@synegubov" or its t.me URL), for
        message links; without it links use the numeric chat id.
    max_bytes : int
        Larger files are refused.
    **metadata
        ``source`` or ``lang`` applied to every message (the channel's name is the
        default source).
    """
    p = Path(path)
    try:
        export = _load(p, max_bytes)
    except InputError as err:
        yield str(p), err
        return
    source = metadata.pop("source", None) or export.get("name") or None
    chat_id = export.get("id")
    for msg in export["messages"]:
        if not isinstance(msg, dict) or msg.get("type") != "message":
            continue
        text = _flatten(msg.get("text")).strip()
        if not text:
            continue
        label = f"{p}#{msg.get('id')}"
        try:
            yield (
                label,
                document_from_text(
                    text,
                    doc_id=f"telegram:{chat_id}:{msg.get('id')}",
                    source=source,
                    url=_link(channel, chat_id, msg.get("id")),
                    published=_day(msg.get("date")),
                    detect_dateline=False,
                    **metadata,
                ),
            )
        except InputError as err:
            yield label, err


def _load(p: Path, max_bytes: int) -> dict:
    """The parsed export; :class:`InputError` when it is unreadable or no chat export."""
    try:
        if p.stat().st_size > max_bytes * 20:  # an export holds many articles
            raise InputError(f"{p}: too large for a Telegram export (> {max_bytes * 20} bytes)")
        export = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"{p}: not a readable Telegram export ({err})") from err
    if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
        raise InputError(f"{p}: no 'messages' list (not a Telegram chat export)")
    return export


def read_export(path: str | Path, *, channel: str | None = None, **metadata) -> list[Document]:
    """The messages of a Telegram export as documents (unreadable ones raise).

    Raises
    ------
    InputError
        When the file is no Telegram export or a message cannot be read.
    """
    out = []
    for _, doc in iter_export(path, channel=channel, **metadata):
        if isinstance(doc, InputError):
            raise doc
        out.append(doc)
    return out


def _day(value) -> date | None:
    """The publication day of a message ("2024-08-12T06:30:00" -> 2024-08-12)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None

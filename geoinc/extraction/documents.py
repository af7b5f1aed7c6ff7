"""Reading inputs into :class:`Document` objects.

Inputs are untrusted: a file may be empty, binary, huge, in an unexpected encoding or
an HTML page full of scripts. Every function here either returns a :class:`Document` or
raises :class:`~geoinc.exceptions.InputError` with a message that says what was wrong, so
the pipeline can record one status per input and carry on.

Everything is a pure function of its arguments (no global state), so documents can be
read in parallel workers.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

from geoinc.decoding import decode_bytes  # re-exported: shared with geoinc.incidents
from geoinc.exceptions import InputError

__all__ = [
    "Document",
    "DEFAULT_MAX_BYTES",
    "decode_bytes",
    "strip_html",
    "looks_like_html",
    "document_from_text",
    "read_document",
    "iter_documents",
]

#: Largest input accepted by default. News articles are a few kB; a multi-megabyte
#: "article" is almost always a dump or a wrong file and is refused with a clear status.
DEFAULT_MAX_BYTES = 5_000_000

#: File suffixes read when a folder is given (other files are reported, not read).
TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")


@dataclass(frozen=True, slots=True)
class Document:
    """One input article, decoded and stripped to plain text.

    Attributes
    ----------
    text : str
        Plain text (HTML already stripped).
    doc_id : str
        Stable identifier: for a file, its path inside the folder given as input
        ("dispatches/01_wire.txt") or its name (see :func:`portable_id`); else a hash
        of the text.
    source : str or None
        Outlet or author the figures are attributed to ("AFP", "themoscowtimes.com").
    url : str or None
    published : datetime.date or None
        Publication date, given or detected; ``None`` when unknown.
    published_how : str or None
        ``"given"``, ``"given-month"`` / ``"given-year"`` (only a month or a year was
        given: ``published`` stays ``None``), ``"dateline"`` (a date in the header) or
        ``"latest-cited"`` (the latest full date the text cites, a weaker guess);
        ``None`` when unknown.
    title : str or None
    path : str or None
    encoding : str or None
        The encoding the bytes were decoded with (``None`` for text given as ``str``).
    lang : str or None
        Language code ("en", "uk", "ru"), given or detected; ``None`` means English
        unless a detector says otherwise.
    period_end : datetime.date or None
        With ``"given-month"`` / ``"given-year"``: the last day of that month or year
        (a day and month in the text, "on August 3", take their year from it).
    """

    text: str
    doc_id: str
    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_how: str | None = None
    title: str | None = None
    path: str | None = None
    encoding: str | None = None
    lang: str | None = None
    period_end: date | None = None

    def __repr__(self) -> str:
        return (
            f"Document(doc_id={self.doc_id!r}, source={self.source!r}, "
            f"published={self.published!r}, chars={len(self.text)})"
        )


# --------------------------------------------------------------------------- decoding

_SURROGATE = re.compile(r"[\ud800-\udfff]")


# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer "
    "blockquote pre figure figcaption hr title main aside nav dd dt".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg iframe object head".split())
# markup first (after a BOM, an XML declaration or comments): a page or a fragment
_MARKUP_START = re.compile(
    r"[\s\ufeff]*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*){0,20}"
    r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|article|section|main|span|a|b|i|em|"
    r"strong|h[1-6]|ul|ol|li|table|br|img|figure|header|nav|link)\b",
    re.I | re.S,
)
# structural tags of prose in HTML (not <script>: text about HTML mentions that one)
_PROSE_TAG = re.compile(
    r"</?(?:p|div|br|span|li|ul|ol|h[1-6]|article|section|body|html|head|em|strong|table|tr|td)"
    r"\b[^<>]{0,300}>",
    re.I,
)
_MIN_PROSE_TAGS = 4


def looks_like_html(text: str) -> bool:
    """Return True when ``text`` is (probably) an HTML document or fragment.

    Decided by content: the text starts with markup, or holds several structural tags
    (``<p>``, ``<div>``, ``<br>``...). A plain text that mentions a tag ("the page's
    ``<script>`` element") is not HTML and keeps all its words.

    Examples
    --------
    >>> looks_like_html("<p>Strike in <b>Kharkiv</b></p>")
    True
    >>> looks_like_html("3 < 4 and 5 > 2")
    False
    >>> looks_like_html("The page hid a <script> tag. Drones hit Kharkiv.")
    False
    """
    head = text[:65536]
    if _MARKUP_START.match(head):
        return True
    tags = _PROSE_TAG.finditer(head)
    return sum(1 for _, _m in zip(range(_MIN_PROSE_TAGS), tags, strict=False)) >= _MIN_PROSE_TAGS


class _TextExtractor(HTMLParser):
    """Collect visible text, the title and a few metadata fields of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._unclosed: tuple[str, int] | None = None  # (buffer, a "<!--" never closed in it)

    def parse_comment(self, i: int, report: int = 1) -> int:
        # An unclosed comment has no close after it, nor has any later "<!--": remember
        # that, or the parser searches to the end of the page for every "<!--" ("<!--"
        # repeated was quadratic, 100 KB took minutes).
        raw = self.rawdata
        if self._unclosed is not None and self._unclosed[0] is raw and i >= self._unclosed[1]:
            return -1
        k = super().parse_comment(i, report)
        if k < 0:
            self._unclosed = (raw, i)
        return k

    def set_cdata_mode(self, elem: str) -> None:
        # inside <title> everything is text (RCDATA): a <style> there must not swallow the page
        if not self.in_title:
            super().set_cdata_mode(elem)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.in_title:
            return  # markup inside <title> is text to a browser; it opens nothing
        if tag == "body":
            self.skip_depth = 0  # an unclosed <head>, <svg>, ... before the body hides nothing
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
            return
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP_TAGS:
            self.skip_depth += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag in ("p", "div", "article", "section") else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <meta/>: never opens a skipped region
        if self.in_title:
            return
        if tag == "meta":
            self.handle_starttag(tag, attrs)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif self.in_title:
            return
        elif tag in _SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip_depth:
            self.parts.append(data)


def _inert_tail(html: str) -> str:
    """After the last ``>`` no tag, comment or declaration can end: its ``<`` are text.

    Written as ``&lt;`` (read back as ``<``), or ``html.parser`` looks for a ``>`` to the
    end of the page from every one of them when it closes ("<a" repeated: 256 KB took
    two minutes).
    """
    last = html.rfind(">")
    if html.find("<", last + 1) < 0:
        return html
    return html[: last + 1] + html[last + 1 :].replace("<", "&lt;")


def strip_html(html: str) -> tuple[str, dict[str, str]]:
    """Strip tags, scripts and styles from HTML, keeping paragraph breaks.

    Parameters
    ----------
    html : str

    Returns
    -------
    tuple of (str, dict)
        The visible text and metadata found in the page (``title`` and ``<meta>``
        properties such as ``article:published_time``, ``og:url``, ``og:site_name``).

    Examples
    --------
    >>> page = "<title>T</title><script>alert(1)</script><p>Drones hit Kharkiv.</p>"
    >>> text, meta = strip_html(page)
    >>> text, meta["title"]
    ('Drones hit Kharkiv.', 'T')
    """
    parser = _TextExtractor()
    parser.feed(_inert_tail(html))
    parser.close()
    if parser.in_title:  # a <title> never closed: what follows it is the page, not the title
        parser.parts.extend(parser.title_parts)
        parser.title_parts = []
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    meta = dict(parser.meta)
    title = " ".join("".join(parser.title_parts).split())
    if title:
        meta["title"] = title
    return text, meta


# --------------------------------------------------------------------------- metadata

_MD_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\((?:[^()\s]{0,500})\)")
# [ \t]* not \s*: a \s* at every line start re-scans all following blank lines (quadratic)
_URL_LINE = re.compile(
    r"(?im)^[ \t]*(?:original[ \t]+url|source[ \t]+url|url)[ \t]*:[ \t]*\n?\s{0,8}<?"
    r"(https?://[^\s>]+)>?"
)
_BYLINE = re.compile(r"(?im)^\s*by\s+\[?([A-Z][\w.&' -]{1,40}?)\]?(?:\(#?\))?\s*$")


def _detect_source(text: str, url: str | None) -> str | None:
    if url:
        host = re.sub(r"^https?://(?:www\.)?", "", url).split("/", 1)[0].lower()
        if host:
            return host
    m = _BYLINE.search(text[:2000])
    return m.group(1).strip() if m else None


def _stable_id(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_PARTIAL_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2]))?$")


def _given_date(value):
    """A caller's or a page's publication date, checked (1900–2100) or :class:`InputError`."""
    from geoinc.exceptions import ConfigurationError
    from geoinc.extraction.batch import check_published

    try:
        return check_published(value)
    except ConfigurationError as err:
        raise InputError(str(err)) from None


def _plain_text(text: str, html: bool | None) -> tuple[str, dict[str, str]]:
    """The text without markup, with one kind of line break, and the HTML's metadata."""
    meta: dict[str, str] = {}
    if html or (html is None and looks_like_html(text)):
        text, meta = strip_html(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # lone surrogates (broken UTF-16 from some APIs) cannot be stored or written as UTF-8;
    # one replacement character for one, so offsets into the text stay right
    text = _SURROGATE.sub("\ufffd", text)
    # Markdown links ("were [killed](#)") keep their words; the link target is noise here.
    text = _MD_LINK.sub(r"\1", text)
    if not text.strip():
        raise InputError("no text (empty, or only markup and scripts)")
    return text, meta


def _labels(text: str, meta: dict[str, str], url, source, title) -> tuple:
    """URL, source and title: given, else from the HTML's metadata, else found in the text."""
    url = url or meta.get("og:url") or (m.group(1) if (m := _URL_LINE.search(text)) else None)
    source = source or meta.get("og:site_name") or _detect_source(text, url)
    title = title or meta.get("title") or meta.get("og:title")
    return url, source, title


def _dated(published, meta: dict[str, str], text: str, detect_dateline: bool) -> dict:
    """The :class:`Document` fields of its date: :func:`_publication` and the last day of
    a month or year given without its day."""
    day, how = _publication(published, meta, text, detect_dateline)
    end = _period_end(published) if how in ("given-month", "given-year") else None
    return {"published": day, "published_how": how, "period_end": end}


def _publication(
    published, meta: dict[str, str], text: str, detect_dateline: bool
) -> tuple[date | None, str | None]:
    """The publication date and how it was known: given, in the HTML, or detected."""
    from geoinc.extraction.dates import find_publication_date, parse_iso_date

    if published is not None:
        published = _given_date(published)
    if isinstance(published, str) and _PARTIAL_DATE.match(published.strip()):
        # a month or a year is not a day: relative dates ("on Monday") cannot use it
        return None, f"given-{'month' if '-' in published else 'year'}"
    if published is not None:
        return (parse_iso_date(published) if isinstance(published, str) else published), "given"
    for key in ("article:published_time", "datepublished", "date", "pubdate"):
        if key in meta:
            try:
                return _given_date(parse_iso_date(meta[key][:10])), "given"
            except (ValueError, InputError):  # unreadable or absurd: detect instead
                continue
    if detect_dateline:
        return find_publication_date(text)
    return None, None


def document_from_text(
    text: str,
    *,
    doc_id: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: date | str | None = None,
    title: str | None = None,
    path: str | None = None,
    encoding: str | None = None,
    detect_dateline: bool = True,
    lang: str | None = None,
    html: bool | None = None,
) -> Document:
    """Build a :class:`Document` from text, detecting what metadata is not given.

    HTML is stripped when the text looks like HTML. The publication date is detected from
    the header ("December 31, 2023", "Sunday (31/12/2023)", "date 2023-12-31"), else it is
    the latest full date the text cites.

    Parameters
    ----------
    text : str
    doc_id, source, url, title, path, encoding : str, optional
    published : datetime.date or ISO date string, optional
        Given publication date; wins over detection.
    detect_dateline : bool, default True
        Detect the publication date when it is not given.
    lang : str, optional
        Language code; ``None``: English unless a detector says otherwise.
    html : bool, optional
        Whether the text is HTML (:func:`read_document`: ``.html`` files); ``None`` decides
        by content (:func:`looks_like_html`).

    Raises
    ------
    InputError
        The text is empty once HTML is stripped, or ``published`` is no date in 1900–2100.

    Examples
    --------
    >>> doc = document_from_text("December 31, 2023\\n\\nDrones hit Kharkiv overnight.")
    >>> doc.published, doc.published_how
    (datetime.date(2023, 12, 31), 'dateline')
    """
    text, meta = _plain_text(text, html)
    url, source, title = _labels(text, meta, url, source, title)
    dated = _dated(published, meta, text, detect_dateline)
    return Document(
        text=text,
        doc_id=doc_id or path or _stable_id(text),
        source=source,
        url=url,
        title=title,
        path=path,
        encoding=encoding,
        lang=lang,
        **dated,
    )


def _period_end(given) -> date | None:
    """The last day of a month ("2024-08") or year ("2024") given as publication date."""
    text = str(_given_date(given)).strip()
    year, _, month = text.partition("-")
    if not month:
        return date(int(year), 12, 31)
    nxt = date(int(year) + (month == "12"), int(month) % 12 + 1, 1)
    return nxt - timedelta(days=1)


def read_document(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **metadata,
) -> Document:
    """Read one file (``"-"`` for stdin) into a :class:`Document`.

    Parameters
    ----------
    path : str or pathlib.Path
    max_bytes : int, default :data:`DEFAULT_MAX_BYTES`
        Larger inputs are refused with :class:`InputError`.
    **metadata
        ``source``, ``url``, ``published`` passed to :func:`document_from_text`.

    Raises
    ------
    InputError
        Missing, unreadable, empty, binary or too large input.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as f:
    ...     _ = f.write("Удар по Харкову.".encode("cp1251"))
    >>> read_document(f.name).encoding
    'cp1251'
    >>> os.unlink(f.name)
    """
    label = str(path)
    try:
        if label == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            data = _read_regular(Path(path), label, max_bytes)
    except FileNotFoundError as err:
        raise InputError(f"{label}: no such file") from err
    except PermissionError as err:
        raise InputError(f"{label}: permission denied") from err
    except OSError as err:
        raise InputError(f"{label}: cannot read ({err.strerror or err})") from err
    if len(data) > max_bytes:
        raise InputError(f"{label}: too large (> {max_bytes / 1e6:.1f} MB limit)")
    suffix = Path(label).suffix.lower()
    try:
        text, encoding = decode_bytes(data)
        return document_from_text(
            text,
            path=None if label == "-" else label,
            doc_id=metadata.pop("doc_id", None) or label,
            encoding=encoding,
            html=True if suffix in _HTML_SUFFIXES else None,
            **metadata,
        )
    except InputError as err:
        raise InputError(f"{label}: {err}") from None


_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _read_regular(p: Path, label: str, max_bytes: int) -> bytes:
    """Bytes of a regular file, at most ``max_bytes + 1`` of them.

    Opened non-blocking and checked on the open descriptor (no race with a swap), so a
    FIFO never hangs and ``/dev/zero`` is refused, not read until memory runs out; the
    size is checked while reading, not trusted from ``st_size`` (a file may grow, a
    /proc file says 0).
    """
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{label}: is a folder (use iter_documents to read folders)")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{label}: {_kind(st.st_mode)}, not a file; only files are read")
        if st.st_size > max_bytes:
            raise InputError(
                f"{label}: too large ({st.st_size / 1e6:.1f} MB > limit {max_bytes / 1e6:.1f} MB)"
            )
        chunks, n = [], 0
        while n <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - n))
            if not chunk:
                break
            chunks.append(chunk)
            n += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _walk(folder: Path, ancestors: frozenset = frozenset()) -> Iterator[tuple[Path, str | None]]:
    """Every non-hidden entry under ``folder``, sorted by path: ``(file, None)`` for a
    regular file to read, ``(entry, reason)`` for one that cannot be (a FIFO, a device,
    a broken or looping link, an unreadable or empty folder). Linked folders are followed
    once per branch, so a link loop ends with a status instead of recursing forever."""
    try:
        st = folder.stat()
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            yield folder, "symbolic link loop (a link back to a folder being read)"
            return
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        yield folder, f"cannot read the folder ({err.strerror or err})"
        return
    ancestors = ancestors | {key}
    n = 0
    for e in entries:
        if e.name.startswith("."):
            continue
        n += 1
        p = Path(e.path)
        try:
            mode = os.stat(e.path).st_mode  # follows links
        except FileNotFoundError:
            yield p, "broken symbolic link" if e.is_symlink() else "vanished while reading"
            continue
        except OSError as err:
            loop = err.errno == errno.ELOOP
            yield p, "symbolic link loop" if loop else f"cannot read ({err.strerror or err})"
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(p, ancestors)
        elif stat.S_ISREG(mode):
            yield p, None
        else:
            yield p, f"{_kind(mode)}, not a file; only files are read"
    if not n:
        yield folder, "folder has no files"


def _looks_like_path(item: str) -> bool:
    if item == "-":
        return True
    if not item.strip() or "\n" in item or len(item) > 1024:
        return False
    try:
        return Path(item).exists()
    except (OSError, ValueError):  # "File name too long", embedded NUL: it is text, not a path
        return False


def iter_documents(
    inputs: Iterable[str | Path | Document] | str | Path | Document,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **metadata,
) -> Iterator[tuple[str, Document | InputError]]:
    """Expand inputs (texts, files, folders, ``"-"``) into ``(label, document or error)``.

    Every input yields at least one pair, so callers can account for all of them:
    a folder yields one pair per file inside it (recursively, sorted by path, hidden files
    skipped), a bad file yields its :class:`InputError` instead of raising.

    A ``str`` is a path when such a file or folder exists (or it is ``"-"``) and has no
    newline; otherwise it is the text itself. A ``dict`` carries one input's own
    metadata: ``{"text": ..., "source": ..., "url": ..., "published": ..., "doc_id": ...}``
    (or ``"path"`` instead of ``"text"``); its keys win over ``**metadata``.

    Examples
    --------
    >>> [(label[:9], type(d).__name__) for label, d in iter_documents(["Drones hit Kharkiv.", ""])]
    [('text:0', 'Document'), ('text:1', 'InputError')]
    """
    if isinstance(inputs, (str, Path, Document, dict)):
        inputs = [inputs]
    for i, item in enumerate(inputs):
        if isinstance(item, Document):
            yield item.doc_id, item
        elif isinstance(item, dict):
            yield from _from_mapping(i, item, max_bytes, metadata)
        elif isinstance(item, Path) or (isinstance(item, str) and _looks_like_path(item)):
            yield from _from_path(item, max_bytes, metadata)
        elif isinstance(item, str):
            yield _from_text(i, item, max_bytes, metadata)
        else:
            yield (
                f"input:{i}",
                InputError(
                    f"input {i}: expected text, a path or a Document, got {type(item).__name__}"
                ),
            )


def _from_path(item: str | Path, max_bytes: int, metadata: dict):
    """The documents of a file, a folder (recursively) or ``"-"``, or their errors."""
    p = Path(item)
    if str(item) != "-" and p.is_dir():
        for f, reason in _walk(p):
            if reason:
                yield str(f), InputError(f"{f}: {reason}")
            elif f.suffix.lower() not in TEXT_SUFFIXES:
                suffix = f.suffix or "none"
                yield (
                    str(f),
                    InputError(f"{f}: skipped, not a text or HTML file (suffix {suffix!r})"),
                )
            else:
                yield from _read_one(f, max_bytes, {"doc_id": portable_id(f, p), **metadata})
    elif isinstance(item, Path) and str(item) != "-" and not p.exists():
        yield str(p), InputError(f"{p}: no such file")
    elif p.suffix.lower() == ".json" and _telegram().is_telegram_export(p):
        # Telegram Desktop's result.json: one document per message
        yield from _telegram().iter_export(p, max_bytes=max_bytes, **metadata)
    else:
        own = {} if str(item) == "-" else {"doc_id": portable_id(p)}
        yield from _read_one(item, max_bytes, {**own, **metadata})


def portable_id(path: Path, folder: Path | None = None) -> str:
    """A file's ``doc_id``: its name, or its path inside the folder given as input, under
    that folder's name ("dispatches/01_wire.txt") -- never the path as typed, so the
    output is the same from any working directory and holds no machine path.

    Examples
    --------
    >>> portable_id(Path("/data/news/2024/a.txt"), Path("/data/news"))
    'news/2024/a.txt'
    >>> portable_id(Path("../reports/b.html"))
    'b.html'
    """
    if folder is None:
        return path.name
    name = folder.resolve().name or "input"
    return f"{name}/{path.relative_to(folder).as_posix()}"


def _from_text(i: int, item: str, max_bytes: int, metadata: dict):
    """``(label, document or error)`` of the ``i``-th input, a text."""
    label = f"text:{i}"
    try:
        if len(item.encode("utf-8", "surrogatepass")) > max_bytes:
            raise InputError(f"too large (> {max_bytes / 1e6:.1f} MB limit)")
        if "\x00" in item:
            raise InputError("binary input (contains NUL characters), not text")
        return label, document_from_text(item, **metadata)
    except InputError as err:
        return label, err


_MAPPING_KEYS = {"text", "path", "source", "url", "published", "doc_id", "title", "lang"}


def _from_mapping(
    i: int, item: dict, max_bytes: int, metadata: dict
) -> Iterator[tuple[str, Document | InputError]]:
    unknown = set(item) - _MAPPING_KEYS
    label = str(item.get("doc_id") or item.get("path") or f"text:{i}")
    if unknown or ("text" in item) == ("path" in item):
        yield (
            label,
            InputError(
                f"input {i}: a dict needs exactly one of 'text' or 'path' and only the keys "
                f"{', '.join(sorted(_MAPPING_KEYS))} (got {', '.join(sorted(map(str, item)))})"
            ),
        )
        return
    meta = {**metadata, **{k: v for k, v in item.items() if k not in ("text", "path")}}
    if "path" in item:
        yield from _read_one(item["path"], max_bytes, meta)
        return
    try:
        text = item["text"]
        if not isinstance(text, str):
            raise InputError(f"input {i}: 'text' must be a string, got {type(text).__name__}")
        if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
            raise InputError(f"too large (> {max_bytes / 1e6:.1f} MB limit)")
        yield label, document_from_text(text, **meta)
    except (InputError, ValueError) as err:
        yield label, err if isinstance(err, InputError) else InputError(f"input {i}: {err}")


def _read_one(
    path: str | Path, max_bytes: int, metadata: dict
) -> Iterator[tuple[str, Document | InputError]]:
    try:
        yield str(path), read_document(path, max_bytes=max_bytes, **dict(metadata))
    except InputError as err:
        yield str(path), err


def with_metadata(doc: Document, **changes) -> Document:
    """Return a copy of ``doc`` with some fields replaced (documents are immutable)."""
    return replace(doc, **changes)


def _telegram():
    from geoinc.extraction import telegram  # imported late: it builds on this module

    return telegram

"""Reading inputs: encodings, HTML, metadata, and bad inputs that must not crash a run."""

from __future__ import annotations

import io
import sys
from datetime import date

import pytest

from geoinc.exceptions import InputError
from geoinc.extraction.documents import (
    decode_bytes,
    document_from_text,
    iter_documents,
    looks_like_html,
    read_document,
    strip_html,
)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Drones hit Kharkiv.".encode(), "Drones hit Kharkiv.", "utf-8"),
        ("\ufeffХарків".encode(), "Харків", "utf-8-sig"),
        (
            "Удар по Харкову, троє загиблих".encode("cp1251"),
            "Удар по Харкову, троє загиблих",
            "cp1251",
        ),
        ("Ракетний удар по Бєлгороду".encode("cp1251"), "Ракетний удар по Бєлгороду", "cp1251"),
        ("Café in Zürich".encode("cp1252"), "Café in Zürich", "cp1252"),
        ("Kharkiv".encode("utf-16"), "Kharkiv", "utf-16"),
    ],
)
def test_decode_bytes_detects_encoding(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"PK\x03\x04\x00\x00binary", "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
    ],
)
def test_decode_bytes_refuses_non_text(data, message):
    with pytest.raises(InputError, match=message):
        decode_bytes(data)


def test_strip_html_drops_scripts_styles_and_keeps_paragraphs():
    html = (
        "<html><head><title>Strike</title><style>p{}</style>"
        "<script>var killed = 999; document.write('<p>Paris</p>')</script></head>"
        "<body><p>Missiles hit <b>Kharkiv</b>.</p><noscript>enable js</noscript>"
        "<p>Second.</p></body></html>"
    )
    text, meta = strip_html(html)
    assert text == "Missiles hit Kharkiv.\n\nSecond."
    assert "999" not in text and "Paris" not in text and "enable" not in text
    assert meta["title"] == "Strike"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>x</p>", True),
        ("<!DOCTYPE html><html>", True),
        ("3 < 4 > 2", False),
        ("plain text", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


@pytest.mark.parametrize(
    ("header", "published", "how"),
    [
        ("December 31, 2023\n\nDrones hit Kharkiv.", date(2023, 12, 31), "dateline"),
        ("Reported on Sunday (31/12/2023), drones hit Kharkiv.", date(2023, 12, 31), "dateline"),
        (" date 2023-12-31 Drones hit Kharkiv", date(2023, 12, 31), "dateline"),
        ("31 December 2023 — Drones hit Kharkiv.", date(2023, 12, 31), "dateline"),
        (
            "Drones hit Kharkiv."
            + " More text." * 60
            + " Posted December 30, 2023 and Jan 2, 2024.",
            date(2024, 1, 2),
            "latest-cited",
        ),
        ("Drones hit Kharkiv on Saturday.", None, None),
    ],
)
def test_publication_date_detection(header, published, how):
    doc = document_from_text(header)
    assert (doc.published, doc.published_how) == (published, how)


def test_given_metadata_wins_and_html_meta_is_read():
    doc = document_from_text("December 31, 2023\n\nText.", published="2024-02-01", source="AFP")
    assert (doc.published, doc.published_how, doc.source) == (date(2024, 2, 1), "given", "AFP")
    html = (
        '<html><head><meta property="article:published_time" content="2024-01-01T09:30:00Z">'
        '<meta property="og:site_name" content="Monitor"></head><body><p>Text.</p></body></html>'
    )
    doc = document_from_text(html)
    assert (doc.published, doc.source, doc.text) == (date(2024, 1, 1), "Monitor", "Text.")


def test_markdown_links_and_url_line():
    doc = document_from_text(
        "At least two people were [killed](#) there.\n\nOriginal url:\n\n"
        "<https://www.example.org/2023/12/31/story>"
    )
    assert "were killed there" in doc.text
    assert doc.url == "https://www.example.org/2023/12/31/story"
    assert doc.source == "example.org"


@pytest.fixture
def bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(2000))
    (tmp_path / "cp1251.txt").write_bytes("Харків: вибухи вночі.".encode("cp1251"))
    (tmp_path / "scripts.html").write_text(
        "<html><script>alert('Kyiv')</script><p>Rockets hit Kharkiv.</p></html>"
    )
    (tmp_path / "noplace.txt").write_text("Nothing happened anywhere today.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("ignored")
    big = tmp_path / "big.txt"
    line = b"Shelling continued in the city of Kharkiv on Monday, officials said. " * 14
    with big.open("wb") as fh:
        for _ in range(10_500_000 // len(line) + 1):
            fh.write(line + b"\n")
    return tmp_path


def test_iter_documents_accounts_for_every_file(bad_inputs):
    got = dict(iter_documents(bad_inputs))
    names = {k.rsplit("/", 1)[-1]: v for k, v in got.items()}
    assert set(names) == {
        "empty.txt",
        "binary.txt",
        "cp1251.txt",
        "scripts.html",
        "noplace.txt",
        "image.png",
        "big.txt",
    }
    assert isinstance(names["empty.txt"], InputError) and "empty" in str(names["empty.txt"])
    assert isinstance(names["binary.txt"], InputError) and "binary" in str(names["binary.txt"])
    assert isinstance(names["big.txt"], InputError) and "too large" in str(names["big.txt"])
    assert isinstance(names["image.png"], InputError) and "not a text" in str(names["image.png"])
    assert names["cp1251.txt"].encoding == "cp1251" and names["cp1251.txt"].text.startswith(
        "Харків"
    )
    assert names["scripts.html"].text == "Rockets hit Kharkiv."


def test_read_document_limits_and_missing(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Drones hit Kharkiv.")
    with pytest.raises(InputError, match="too large"):
        read_document(p, max_bytes=5)
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_document(tmp_path)


def test_read_stdin(monkeypatch):
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO("Вибух у Харкові.".encode("cp1251")))
    )
    doc = read_document("-")
    assert doc.text == "Вибух у Харкові." and doc.encoding == "cp1251" and doc.path is None


def test_long_single_line_text_is_text_not_a_path():
    text = "Rockets hit Kharkiv on Monday and " * 20  # one line, longer than a file name may be
    ((label, doc),) = iter_documents([text.strip()[:1000]])
    assert label == "text:0" and doc.text.startswith("Rockets")


def test_text_inputs_and_wrong_types():
    got = list(iter_documents(["Drones hit Kharkiv.", "", "bad\x00text", 42]))
    assert [type(d).__name__ for _, d in got] == [
        "Document",
        "InputError",
        "InputError",
        "InputError",
    ]
    assert got[0][1].doc_id.startswith("sha1:")
    assert got[0][1].doc_id == next(iter(iter_documents("Drones hit Kharkiv.")))[1].doc_id

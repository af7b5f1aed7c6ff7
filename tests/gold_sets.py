"""Shared checks for the gold sets the project wrote in its own words (``tests/data``)."""

import json
from pathlib import Path


def read_records(path: Path) -> list[dict]:
    """The records of a JSON-lines gold set."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def assert_spans_and_incidents(records: list[dict]) -> None:
    """Every place span is its surface, every incident's place text is in the passage and
    its role is main or secondary (the uaru-dev schema)."""
    for rec in records:
        for p in rec["places"]:
            assert rec["text"][p["start"] : p["end"]] == p["surface"]
        for inc in rec["incidents"]:
            assert inc["place_text"] in rec["text"]
            assert inc["role"] in ("main", "secondary")

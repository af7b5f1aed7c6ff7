"""No tracked file copies wording from the outlets' articles the project is measured on.

The articles of ``../shared/eval/uaru-dev/*.jsonl`` and ``../shared/seeds/*.txt`` belong
to their outlets: code, comments, tests, docs, language data and examples are written in
the project's own words. A run of :data:`N` or more consecutive words (``\\w+`` tokens,
case-insensitive) shared with one of those texts is a copied phrase and fails the test,
which prints the file and the phrase.

Binary files and files over :data:`MAX_BYTES` (bundled gazetteer data) are not read.
``tests/data/provenance_allowlist.txt`` holds the few phrases that are boilerplate any
writer would use (one a line, ``phrase | reason``); the test skips cleanly when
``../shared`` is absent.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ALLOWLIST = REPO / "tests" / "data" / "provenance_allowlist.txt"
N = 8  # words in a row that make a copied phrase
MAX_BYTES = 4_000_000
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + N]) for i in range(len(words) - N + 1)}


def _source_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("seeds/*.txt"))]
    for path in sorted(SHARED.glob("eval/uaru-dev/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def _allowlist() -> list[tuple[str, str]]:
    """(phrase, reason) of each allowlist line; comments and blank lines skipped."""
    out = []
    for line in ALLOWLIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            phrase, _, reason = line.partition("|")
            out.append((phrase.strip(), reason.strip()))
    return out


def _tracked_texts():
    """(path, text) of each tracked text file of the repository."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: no list of tracked files")
    for name in listed.decode("utf-8").split("\0"):
        path = REPO / name
        if not name or not path.is_file() or path.stat().st_size > MAX_BYTES:
            continue
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary
        try:
            yield name, data.decode("utf-8")
        except UnicodeDecodeError:
            continue


def _shared_phrases(words: list[str], source: set, allowed: set) -> list[str]:
    """The longest runs of ``words`` whose every N-gram is in ``source`` and not allowed."""
    hits = [
        i
        for i in range(len(words) - N + 1)
        if (g := tuple(words[i : i + N])) in source and g not in allowed
    ]
    phrases: list[list[int]] = []
    for i in hits:
        if phrases and i <= phrases[-1][1]:
            phrases[-1][1] = i + N
        else:
            phrases.append([i, i + N])
    return [" ".join(words[a:b]) for a, b in phrases]


def _candidate_runs(words: list[str], vocab: set) -> list[list[str]]:
    """Stretches of at least N words all found in the sources (the rest cannot match)."""
    runs, cur = [], []
    for w in words:
        if w in vocab:
            cur.append(w)
            continue
        if len(cur) >= N:
            runs.append(cur)
        cur = []
    if len(cur) >= N:
        runs.append(cur)
    return runs


@pytest.fixture(scope="module")
def sources():
    texts = _source_texts() if SHARED.is_dir() else []
    if not texts:
        pytest.skip("../shared (seeds, uaru-dev) is not present")
    source: set = set()
    vocab: set = set()
    for t in texts:
        words = _words(t)
        vocab.update(words)
        source |= _grams(words)
    return source, vocab


def test_allowlist_is_tiny_and_every_entry_has_a_reason():
    entries = _allowlist()
    assert len(entries) <= 5
    for phrase, reason in entries:
        assert len(_words(phrase)) >= N and reason, phrase


def test_no_tracked_file_shares_a_phrase_with_the_outlets_articles(sources):
    source, vocab = sources
    allowed = set().union(*(_grams(_words(p)) for p, _ in _allowlist()))
    found = []
    for name, text in _tracked_texts():
        for run in _candidate_runs(_words(text), vocab):
            found += [f"{name}: {p!r}" for p in _shared_phrases(run, source, allowed)]
    assert not found, "phrases copied from ../shared articles:\n" + "\n".join(found)


def test_a_copied_phrase_is_found():
    source = _grams(_words("Rescuers pulled four people from the rubble of a house on Monday."))
    words = _words("a test that says: they PULLED four people from the rubble of a house.")
    phrase = "pulled four people from the rubble of a house"
    assert _shared_phrases(words, source, set()) == [phrase]
    allowed = _grams(_words(phrase))
    assert _shared_phrases(words, source, allowed) == []

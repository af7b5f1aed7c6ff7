"""No word list in a ``.py`` file outside the language folder ``geoinc/lang/``.

Vocabulary (word lists, phrase lists, trigger words) lives in data files under
``geoinc/lang/<code>/`` so that a language is data; code keeps grammar. This test reads
the source with :mod:`ast` (nothing is imported) and counts the word-like items of

* a tuple, list or set literal of strings (``frozenset({...})`` included),
* a dict literal of constants keyed by strings (a lookup table such as month names),
* a ``"a b c".split()`` call,
* a regular expression literal passed to ``re.compile`` / ``re.search`` ...: the
  alternatives of its ``|`` that hold a word (two letters or more).

A word-like item is two characters or more of letters, spaces, hyphens, apostrophes or
dots (no digits, no underscores: identifiers and column names with ``_`` are not words).
A table with more than :data:`LIMIT` such items is a word list.

:data:`KNOWN` holds today's word lists with their size: one may shrink, never grow, and
no new one may appear; a listed one that is gone or under the limit must leave the list.
:data:`NOT_VOCABULARY` lists tables that are words but no language's vocabulary (schema
columns, HTML tags, inflection endings ...), each with its reason.

A table is named ``path::NAME`` after the name it is assigned to (``Class.attr``,
``function.name`` inside a function), or ``path::function`` when it has no name;
a second table under one name gets ``#2``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LIMIT = 8

#: "path::name" -> word-like items when listed. Move to geoinc/lang/<code>/, don't grow.
KNOWN: dict[str, int] = {}  # empty: every word list is data now

#: "path::name" -> why the table is no language's vocabulary.
NOT_VOCABULARY = {
    "geoinc/__init__.py::_LAZY": "names of the package's modules (lazy imports)",
    "geoinc/cli/geocode_cmd.py::COLUMNS": "output column names of the CLI",
    "geoinc/extraction/documents.py::_BLOCK_TAGS": "HTML tag names",
    "geoinc/extraction/documents.py::_MARKUP_START": "HTML tag names",
    "geoinc/extraction/documents.py::_PROSE_TAG": "HTML tag names",
    "geoinc/geoparsing/slavic.py::_NOT_NAME_POS": "part-of-speech tag codes of the analyser",
    "geoinc/geoparsing/slavic.py::_SK_CASE": "inflection endings (grammar, not words)",
    "geoinc/incidents/acled.py::ACLED_COLUMNS": "ACLED schema column names",
    "geoinc/incidents/schema.py::COLUMNS": "incident schema column names",
    "geoinc/incidents/ucdp.py::UCDP_COLUMNS": "UCDP schema column names",
    "geoinc/names.py::CYRILLIC_COUNTRIES": "ISO 3166-1 country codes",
    "geoinc/versions.py::_DEPENDENCIES": "package names",
}

_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.\- ])+$")
_ESCAPE = re.compile(r"\\[A-Za-z]")  # \b, \s, \w ... are no letters of a word
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_RE_CALLS = frozenset(
    {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}
)


def _text(node: ast.AST) -> str | None:
    """A string literal's text (an f-string's literal parts), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        # a pattern built with + ("(?:" + "|".join(words) + ")"): its literal parts
        left, right = _text(node.left), _text(node.right)
        if left is not None or right is not None:
            return (left or "{}") + (right or "{}")
    return None


def _literal(node: ast.AST) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError):
        return False
    return True


def _wordlike(items) -> int:
    return sum(1 for s in items if isinstance(s, str) and _WORD.match(s.strip()))


def _alternatives(pattern: str) -> int:
    """How many ``|`` alternatives of a pattern hold a word."""
    if "|" not in pattern:
        return 0
    return sum(1 for p in _ESCAPE.sub(" ", pattern).split("|") if _LETTERS.search(p))


def table_size(node: ast.AST) -> int:
    """Word-like items of one node when it is a table (0 otherwise)."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return _wordlike(e.value for e in node.elts if isinstance(e, ast.Constant))
    if isinstance(node, ast.Dict):
        if all(isinstance(k, ast.Constant) for k in node.keys) and all(map(_literal, node.values)):
            return _wordlike(k.value for k in node.keys)
        return 0  # a record built from variables, not a lookup table
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return 0
    if node.func.attr == "split" and (text := _text(node.func.value)) is not None:
        return _wordlike(text.split())
    if (
        node.func.attr in _RE_CALLS
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "re"
        and node.args
        and (text := _text(node.args[0])) is not None
    ):
        return _alternatives(text)
    return 0


def word_tables(source: str, limit: int = LIMIT) -> dict[str, int]:
    """Name -> size of every table above ``limit`` in one module (``__all__`` skipped)."""
    out: dict[str, int] = {}

    def visit(node: ast.AST, scope: str, name: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                visit(child, scope + child.name + ".", None)
                continue
            here = name
            if isinstance(child, (ast.Assign, ast.AnnAssign)):
                target = child.targets[0] if isinstance(child, ast.Assign) else child.target
                here = scope + ast.unparse(target)
            if here == "__all__":
                continue
            size = table_size(child)
            if size > limit:
                key = here or scope.rstrip(".") or "<module>"
                while key in out:
                    key += "#2"
                out[key] = size
            elif size == 0:
                visit(child, scope, here)

    visit(ast.parse(source), "", None)
    return out


def all_tables() -> dict[str, int]:
    out = {}
    for path in sorted((REPO / "geoinc").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        if rel.startswith("geoinc/lang/"):
            continue
        for name, n in word_tables(path.read_text(encoding="utf-8")).items():
            out[f"{rel}::{name}"] = n
    return out


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("X = ('a', 'bb', 'cc', 'dd')\n", {"X": 3}),
        ("X = frozenset({'said', 'told', 'wrote', 'x1', 'a_b'})\n", {"X": 3}),
        ("def f():\n    return w in ['one', 'two', 'three']\n", {"f": 3}),
        ("X = {'january': 1, 'june': 6, 'jul': 7}\n", {"X": 3}),
        ("X = {'a1': f(x), 'bb': 2}\n", {}),
        ("X = {'kremlin': ('RU', 'moscow'), 'bankova': ('UA', 'kyiv')}\n", {}),
        ("X = {'kremlin': ('RU', 'moscow'), 'bankova': ('UA', 'kyiv'), 'x y': ()}\n", {"X": 3}),
        ("X = 'one two three'.split()\n", {"X": 3}),
        ("import re\nX = re.compile(r'\\b(?:said|told|wrote)\\b|\\d+')\n", {"X": 3}),
        ("import re\nX = re.compile(r'(?:on|by|at|in)\\s+(' + '|'.join(W) + ')')\n", {"X": 4}),
        ("__all__ = ['one', 'two', 'three']\n", {}),
        ("class A:\n    W = ('one', 'two', 'three')\n", {"A.W": 3}),
    ],
)
def test_tables_are_found(source, expected):
    assert word_tables(source, limit=2) == expected


def test_no_new_word_list():
    new = {k: n for k, n in all_tables().items() if k not in KNOWN and k not in NOT_VOCABULARY}
    assert not new, (
        f"word lists of more than {LIMIT} words in .py files (move them to geoinc/lang/<code>/ "
        f"data files, see geoinc/lang/__init__.py): {new}"
    )


def test_known_word_lists_do_not_grow():
    sizes = all_tables()
    grown = {k: f"{sizes[k]} > {n}" for k, n in KNOWN.items() if sizes.get(k, 0) > n}
    assert not grown, f"listed word lists grew (move them to geoinc/lang/ instead): {grown}"


def test_known_debt_is_current():
    sizes = all_tables()
    done = sorted(k for k in (*KNOWN, *NOT_VOCABULARY) if k not in sizes)
    assert not done, f"gone or at most {LIMIT} words now, delete from the lists: {done}"

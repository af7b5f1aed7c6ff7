"""No function in geoinc/ over 60 lines.

A function's length is its ``def`` line to its last line, docstring included (that is
what a reader scrolls through). :data:`KNOWN_LONG` is empty: every function is guarded.
Should debt ever be listed there again, with its length, it may shrink, never grow, and
must leave the list once gone or back under the limit.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LIMIT = 60

#: "path::qualified.name" -> its length in lines when it was listed. Split, don't grow.
KNOWN_LONG: dict[str, int] = {}


def function_lengths(source: str) -> dict[str, int]:
    """Qualified name (``Class.method``, ``outer.inner``) -> length in lines."""
    out: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = prefix + child.name
                out[name] = child.end_lineno - child.lineno + 1
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return out


def all_lengths() -> dict[str, int]:
    out = {}
    for path in sorted((REPO / "geoinc").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        for name, n in function_lengths(path.read_text(encoding="utf-8")).items():
            out[f"{rel}::{name}"] = n
    return out


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    return 1\n", {"f": 2}),
        ("class A:\n    def m(self):\n        pass\n", {"A.m": 2}),
        ("def f():\n    def g():\n        pass\n    return g\n", {"f": 4, "f.g": 2}),
        ("if True:\n    async def h():\n        pass\n", {"h": 2}),
    ],
)
def test_lengths_are_counted(source, expected):
    assert function_lengths(source) == expected


def test_no_new_long_function():
    new = {k: n for k, n in all_lengths().items() if n > LIMIT and k not in KNOWN_LONG}
    assert not new, f"functions over {LIMIT} lines (split them): {new}"


def test_known_long_functions_do_not_grow():
    lengths = all_lengths()
    grown = {k: f"{lengths[k]} > {n}" for k, n in KNOWN_LONG.items() if lengths.get(k, 0) > n}
    assert not grown, f"listed long functions grew (split them instead): {grown}"


def test_known_debt_is_current():
    lengths = all_lengths()
    done = sorted(k for k in KNOWN_LONG if lengths.get(k, 0) <= LIMIT)
    assert not done, f"gone or under {LIMIT} lines now, delete from KNOWN_LONG: {done}"

"""Entry point of the ``geoinc`` command.

Each subcommand lives in its own module of :mod:`geoinc.cli` and exposes
``add_parser(subparsers)`` and ``run(args) -> int``. Logging is configured here and only
here; :class:`~geoinc.exceptions.GeoincError` is mapped to exit codes in one place.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import logging
import sys
from collections.abc import Sequence

from geoinc.cli.signals import EXIT_INTERRUPTED, Terminated, signals_as_exceptions
from geoinc.exceptions import (
    ConfigurationError,
    CoordinateError,
    GeoincError,
    InputError,
    PlaceNotFound,
)

__all__ = ["main", "COMMANDS"]

#: Subcommand modules, in the order ``geoinc --help`` lists them.
COMMANDS = ("geocode", "reverse", "extract", "check", "distance", "map", "eval")

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NOT_FOUND = 0, 1, 2, 3


def _build_parser() -> argparse.ArgumentParser:
    from geoinc import __version__

    parser = argparse.ArgumentParser(
        prog="geoinc",
        description="Offline geoparsing, incident extraction, claim checking and maps for news reports.",
    )
    parser.add_argument("--version", action="version", version=f"geoinc {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr")
    parser.add_argument("-q", "--quiet", action="count", default=0, help="less log output on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        modname = f"geoinc.cli.{name}_cmd"
        if importlib.util.find_spec(modname) is None:
            continue  # not built yet in this version
        module = importlib.import_module(modname)
        p = module.add_parser(sub)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``geoinc`` command line and return its exit code."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING + 10 * (args.quiet - args.verbose)
    logging.basicConfig(level=max(logging.DEBUG, level), format="geoinc: %(levelname)s: %(message)s",
                        stream=sys.stderr)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        with signals_as_exceptions():
            return int(args._run(args) or 0)
    except PlaceNotFound as err:
        print(f"geoinc: {err}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except (CoordinateError, InputError) as err:
        print(f"geoinc: {err}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigurationError as err:  # a bad option value is bad input, like argparse's
        print(f"geoinc: {type(err).__name__}: {err}", file=sys.stderr)
        return EXIT_USAGE
    except GeoincError as err:
        print(f"geoinc: {type(err).__name__}: {err}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `geoinc geocode ... | head`
        return EXIT_OK
    except KeyboardInterrupt:
        print("geoinc: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated as sig:
        print(f"geoinc: stopped by {sig}", file=sys.stderr)
        return sig.exit_code
    except Exception as err:  # a bug, not the user's fault: one line, traceback with -v
        if args.verbose:
            import traceback

            traceback.print_exc()
        print(f"geoinc: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())

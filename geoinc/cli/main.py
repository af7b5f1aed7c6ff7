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

from geoinc.cli.output import add_verbosity
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
COMMANDS = ("geocode", "reverse", "extract", "import", "check", "distance", "map", "eval")
#: Python package -> the pip line that installs it (missing extras get one line, no traceback)
INSTALL_HINTS = {
    "pyarrow": "pip install 'geoinc[parquet]'",
    "xstatic": "pip install 'geoinc[offline]'",
    "numba": "pip install 'geoinc[fast]'",
}

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_NOT_FOUND = 0, 1, 2, 3


def _build_parser() -> argparse.ArgumentParser:
    from geoinc import __version__

    parser = argparse.ArgumentParser(
        prog="geoinc",
        description="Offline geoparsing, incident extraction, claim checking and maps "
        "for news reports.",
    )
    parser.add_argument("--version", action="version", version=f"geoinc {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more log output on stderr"
    )
    parser.add_argument(
        "-q", "--quiet", action="count", default=0, help="less log output on stderr"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        modname = f"geoinc.cli.{name}_cmd"
        if importlib.util.find_spec(modname) is None:
            continue  # not built yet in this version
        module = importlib.import_module(modname)
        p = module.add_parser(sub)
        add_verbosity(p)
        p.set_defaults(_run=module.run)
    return parser


def _configure_logging(args: argparse.Namespace) -> None:
    """-v/-q (global and per subcommand) -> ``args.verbosity`` and the log level.

    ``args.verbosity`` is 0 by default, < 0 with ``-q`` (commands then print only
    problems), > 0 with ``-v``. Python warnings go through logging, so ``-q`` silences
    them too and ``-qq`` leaves errors only.
    """
    args.verbosity = (args.verbose + getattr(args, "sub_verbose", 0)) - (
        args.quiet + getattr(args, "sub_quiet", 0)
    )
    level = min(logging.CRITICAL, max(logging.DEBUG, logging.WARNING - 10 * args.verbosity))
    root = logging.getLogger()
    for handler in list(root.handlers):  # main() may run several times in one process
        if getattr(handler, "_geoinc", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler._geoinc = True
    handler.setFormatter(logging.Formatter("geoinc: %(levelname)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)


def _install_hint(err: ImportError) -> str:
    name = (getattr(err, "name", None) or str(err)).split(".")[0]
    hint = INSTALL_HINTS.get(name, f"pip install {name}")
    return f"this needs the Python package {name!r}, which is not installed: {hint}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``geoinc`` command line and return its exit code."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args)
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
    except ImportError as err:  # an optional package is missing: say which and how
        print(f"geoinc: {_install_hint(err)}", file=sys.stderr)
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
        if getattr(args, "verbosity", args.verbose) > 0:  # -v before or after the command
            import traceback

            traceback.print_exc()
        print(f"geoinc: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())

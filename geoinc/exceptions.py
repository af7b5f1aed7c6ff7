"""The one exception hierarchy of geoinc.

Every error geoinc raises on purpose derives from :class:`GeoincError`. Where it makes
sense a class also derives from the matching builtin (``ValueError``, ``LookupError``,
``TimeoutError``) so callers that do not know geoinc can still catch it.
"""

from __future__ import annotations

__all__ = [
    "GeoincError",
    "ConfigurationError",
    "CoordinateError",
    "GazetteerError",
    "GazetteerDataError",
    "GazetteerNotFound",
    "GazetteerTimeout",
    "RateLimited",
    "PlaceNotFound",
    "ExtractionError",
    "InputError",
    "DocumentTimeout",
    "SchemaError",
    "OutputError",
    "StoreLocked",
    "BorderError",
    "ClaimError",
    "MapError",
]


class GeoincError(Exception):
    """Root of every error raised by geoinc."""


class ConfigurationError(GeoincError, ValueError):
    """An option or argument has a value geoinc cannot work with."""


class CoordinateError(GeoincError, ValueError):
    """A latitude/longitude is missing, not a number, NaN or out of range."""


class GazetteerError(GeoincError):
    """A gazetteer (bundled or remote) could not answer."""


class GazetteerDataError(GazetteerError):
    """The bundled gazetteer files are missing or unreadable."""


class GazetteerNotFound(GazetteerError, LookupError):
    """No gazetteer is registered under the requested name."""


class GazetteerTimeout(GazetteerError, TimeoutError):
    """A remote gazetteer did not answer in time."""


class RateLimited(GazetteerError):
    """A remote gazetteer refused a request because of its rate limit.

    Parameters
    ----------
    message : str
    retry_after : float, optional
        Seconds the service asked us to wait, when it said.
    """

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PlaceNotFound(GeoincError, LookupError):
    """Nothing in the gazetteer matches a name (or a coordinate)."""

    def __init__(self, message: str, *, query: object = None) -> None:
        super().__init__(message)
        self.query = query


class ExtractionError(GeoincError):
    """Text could not be turned into mentions, events or incidents."""


class InputError(ExtractionError, ValueError):
    """An input document is unreadable (empty, binary, too large, undecodable)."""


class DocumentTimeout(ExtractionError, TimeoutError):
    """One document took longer than its time budget; the rest of the batch goes on."""


class SchemaError(GeoincError, ValueError):
    """A value does not fit its column's type (an integer beyond 64 bits, a bad date)."""


class OutputError(GeoincError):
    """An output file cannot be written (missing folder, read-only, disk full).

    Raised before the work when the location is checked up front, and instead of a
    half-written file otherwise: the previous output, if any, is left untouched.
    """


class StoreLocked(OutputError, BlockingIOError):
    """An incident store is being written by another process; nothing was changed."""


class BorderError(GeoincError):
    """A border dataset or country pair is unknown."""


class ClaimError(GeoincError):
    """A claim could not be parsed or verified."""


class MapError(GeoincError):
    """A map could not be built from the given frame."""

"""Incidents: the GeoDataFrame schema, the multi-source merge and file I/O."""

from geoinc.incidents.schema import COLUMNS, build_frame, coerce, empty_frame

__all__ = ["COLUMNS", "build_frame", "coerce", "empty_frame"]

"""Layered, standalone (and optionally offline) HTML maps of incidents.

``incident_map(gdf)`` returns a :class:`folium.Map` composed of the small layer
builders in :mod:`geoinc.mapping.layers`; ``m.save("map.html")`` writes one file.
See ``docs/maps.md``.
"""

from __future__ import annotations

from geoinc.mapping.build import border_band_geometry, claim_features, incident_map
from geoinc.mapping.layers import (
    Admin1Choropleth,
    BorderBand,
    BorderLayer,
    ClaimsLayer,
    FullscreenControl,
    GeoincRuntime,
    HeatLayer,
    IncidentStore,
    IncidentTypeLayer,
    Legend,
    MeasureControl,
    MiniMap,
    PlaceSearch,
    TimeSlider,
    VectorBasemap,
)
from geoinc.mapping.payload import prepare_incidents

__all__ = [
    "incident_map",
    "prepare_incidents",
    "border_band_geometry",
    "claim_features",
    "GeoincRuntime",
    "VectorBasemap",
    "BorderLayer",
    "BorderBand",
    "Admin1Choropleth",
    "IncidentTypeLayer",
    "HeatLayer",
    "ClaimsLayer",
    "IncidentStore",
    "TimeSlider",
    "Legend",
    "MeasureControl",
    "FullscreenControl",
    "MiniMap",
    "PlaceSearch",
]

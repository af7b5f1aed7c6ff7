"""Tests of geoinc.geodesy: the one geodesic distance, longitude first everywhere."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from pyproj import Geod

from geoinc import borders, geodesy
from geoinc.exceptions import CoordinateError

GEOD = Geod(ellps="WGS84")
KYIV, KHARKIV = (30.5238, 50.45466), (36.25475, 49.98177)


def test_distance_is_pyprojs_to_the_bit():
    rng = np.random.default_rng(3)
    lon1, lon2 = rng.uniform(-180, 180, (2, 500))
    lat1, lat2 = rng.uniform(-89, 89, (2, 500))
    az, _, m = GEOD.inv(lon1, lat1, lon2, lat2)
    km, bearing = geodesy.geodesic_distance(lon1, lat1, lon2, lat2)
    np.testing.assert_array_equal(km, np.asarray(m) / 1000.0)
    np.testing.assert_array_equal(bearing, np.mod(az, 360.0))
    km0, az0 = geodesy.geodesic_inverse(lon1, lat1, lon2, lat2)
    np.testing.assert_array_equal(km0, km)
    np.testing.assert_array_equal(az0, az)


def test_scalars_in_floats_out():
    km, bearing = geodesy.geodesic_distance(*KYIV, *KHARKIV)
    assert isinstance(km, float) and isinstance(bearing, float)
    assert round(km) == 412 and 90 < bearing < 100


def test_borders_reexports_the_same_function():
    assert borders.geodesic_distance is geodesy.geodesic_distance


@pytest.mark.parametrize(
    "func", [geodesy.geodesic_distance, geodesy.geodesic_inverse, geodesy.lambert_km]
)
def test_longitude_first(func):
    assert list(inspect.signature(func).parameters)[:4] == ["lon1", "lat1", "lon2", "lat2"]


def test_swapped_coordinates_get_a_hint():
    with pytest.raises(CoordinateError, match="swapped"):
        geodesy.geodesic_distance(50.45, 120.0, 36.25, 49.98)
    with pytest.raises(CoordinateError, match="NaN"):
        geodesy.geodesic_distance(float("nan"), 50.0, 36.25, 49.98)


def test_lambert_is_within_a_metre_below_1000_km():
    rng = np.random.default_rng(5)
    lon1 = rng.uniform(20, 40, 300)
    lat1 = rng.uniform(44, 52, 300)
    lon2, lat2 = lon1 + rng.uniform(-5, 5, 300), lat1 + rng.uniform(-4, 4, 300)
    exact, _ = geodesy.geodesic_inverse(lon1, lat1, lon2, lat2)
    fast = geodesy.lambert_km(lon1, lat1, lon2, lat2)
    assert np.abs(fast - exact)[exact < 1000].max() < 1e-3
    assert float(geodesy.lambert_km(*KYIV, *KYIV)) == 0.0

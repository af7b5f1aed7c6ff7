#!/usr/bin/env python3
"""Benchmark geodesic border distance: vectorised geoinc vs a per-point loop.

Run on demand (not part of the test suite)::

    python bench/bench_borders.py [--points 1000000] [--loop-points 2000] [--repeat 3]
        [--engines numpy compiled]

Two point sets around the Russia–Ukraine border (OSM line, 1,950 km): ``box``, uniform
in the border's bounding box plus 1° (most points 20–200 km away), and ``near``, within
25 km of the line. For each, geoinc's vectorised :func:`geoinc.borders.distance_to_border`
(``geodesic="exact"``, pyproj Geod, and ``"fast"``, Andoyer–Lambert) is timed on all the
points, with each of its two search engines: ``numpy`` (k-d tree candidates, array code;
always available) and ``compiled`` (numba, used for calls of ``ACCEL_MIN_POINTS`` or more
when numba is installed). The baseline -- a Python loop of ``shapely.ops.nearest_points``
(planar, in degrees) plus ``geopy.distance.geodesic`` -- runs on a subsample in the same
run. Prints medians of ``--repeat`` runs, points per second, the speed-up, how far the
baseline's planar nearest point is from the true geodesic one, the floor that
``pyproj.Geod.inv`` alone (one thread) sets for ``geodesic="exact"``, and the load average
(the numbers are wall-clock times).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_PER_S = 1_000_000


def point_sets(n: int, seed: int = 42) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    import shapely
    from pyproj import Geod

    from geoinc.borders import load_borders

    line = load_borders("osm").geometry.iloc[0]
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = line.bounds
    box = (rng.uniform(minx - 1, maxx + 1, n), rng.uniform(miny - 1, maxy + 1, n))
    parts = shapely.get_parts(line)
    lengths = shapely.length(parts)
    which = rng.choice(len(parts), size=n, p=lengths / lengths.sum())
    on = shapely.line_interpolate_point(parts[which], rng.uniform(0, 1, n), normalized=True)
    lon, lat, _ = Geod(ellps="WGS84").fwd(
        shapely.get_x(on), shapely.get_y(on), rng.uniform(0, 360, n), rng.uniform(0, 25_000, n)
    )
    return {"box": box, "near": (np.asarray(lon), np.asarray(lat))}


def time_vectorised(lon, lat, geodesic: str, repeat: int, engine: str) -> tuple[float, np.ndarray]:
    from geoinc import borders
    from geoinc.borders import distance_to_border

    borders.ACCEL_MIN_POINTS = 0 if engine == "compiled" else 10**12
    times, res = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        res = distance_to_border(lon, lat, border=("RU", "UA"), dataset="osm", geodesic=geodesic)
        times.append(time.perf_counter() - t)
    return statistics.median(times), res.distance_km


def time_loop(lon, lat, repeat: int) -> tuple[float, np.ndarray]:
    from geopy.distance import geodesic
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    from geoinc.borders import load_borders

    line = load_borders("osm").geometry.iloc[0]
    times, out = [], np.empty(len(lon))
    for _ in range(repeat):
        t = time.perf_counter()
        for i, (x, y) in enumerate(zip(lon, lat, strict=True)):
            _, near = nearest_points(Point(x, y), line)
            out[i] = geodesic((y, x), (near.y, near.x)).km  # geopy takes (lat, lon)
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--loop-points", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--engines", nargs="+", default=["numpy", "compiled"], choices=["numpy", "compiled"]
    )
    args = parser.parse_args(argv)

    import os

    from pyproj import Geod

    from geoinc import borders
    from geoinc.borders import distance_to_border

    print(f"load average (1, 5, 15 min) at start: {os.getloadavg()}; {os.cpu_count()} CPUs")
    t = time.perf_counter()
    distance_to_border(36.58, 50.60, border=("RU", "UA"), dataset="osm")  # load data, build index
    print(f"first call (read borders.gpkg, build index): {time.perf_counter() - t:.2f} s")
    engines = ["numpy"]
    if borders._kernels() is not None:
        import numba

        borders.ACCEL_MIN_POINTS = 0
        t = time.perf_counter()
        distance_to_border([36.58], [50.60], border=("RU", "UA"), dataset="osm")
        print(
            f"first compiled call (load or compile numba code, build caps): "
            f"{time.perf_counter() - t:.2f} s; numba {numba.__version__}, "
            f"{numba.get_num_threads()} threads"
        )
        engines.append("compiled")
    else:
        print("numba is not installed: only the numpy engine is measured")
    engines = [e for e in engines if e in args.engines]
    for name, (lon, lat) in point_sets(args.points).items():
        print(f"\n[{name}] {args.points:,} points, median of {args.repeat}")
        m = args.loop_points
        loop_s, loop_km = time_loop(lon[:m], lat[:m], args.repeat)
        loop_rate = m / loop_s
        print(
            f"  baseline loop (shapely nearest_points + geopy geodesic): "
            f"{loop_rate:>12,.0f} points/s "
            f"({m:,} points)"
        )
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            Geod(ellps="WGS84").inv(lon, lat, lon + 0.1, lat + 0.1)
            times.append(time.perf_counter() - t)
        print(
            f"  pyproj Geod.inv alone, one thread (geoinc splits it over threads): "
            f"{args.points / statistics.median(times):>12,.0f} points/s"
        )
        for engine, geodesic in [(e, g) for e in engines for g in ("exact", "fast")]:
            sec, km = time_vectorised(lon, lat, geodesic, args.repeat, engine)
            rate = args.points / sec
            flag = "meets" if rate >= TARGET_PER_S else "below"
            print(
                f"  geoinc {engine:8} geodesic={geodesic:5}: {rate:>12,.0f} points/s  "
                f"({sec:.2f} s; x{rate / loop_rate:,.0f} vs loop; "
                f"{flag} the {TARGET_PER_S:,}/s target)"
            )
            diff = loop_km - km[:m]
            print(
                f"    baseline minus geoinc on the subsample: "
                f"median {np.median(diff) * 1000:.1f} m, "
                f"max {diff.max() * 1000:.1f} m, min {diff.min() * 1000:.1f} m "
                f"(positive: the planar nearest point is not the geodesic nearest)"
            )
        print(f"  distances: median {np.median(km):.1f} km, max {km.max():.1f} km")
    print(f"\nload average (1, 5, 15 min) at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

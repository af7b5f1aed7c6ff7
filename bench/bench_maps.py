#!/usr/bin/env python3
"""Benchmark: incident maps at 10k and 100k synthetic incidents.

For each size, in the same run:
- geoinc ``incident_map`` (one data island, client-side clustering): build seconds
  (median of ``--repeat`` runs), file MB, seconds until the map is ready in headless
  Chromium (median of ``--repeat`` page loads);
- the reference: folium with one ``folium.Marker`` (with a popup) per incident, the way
  maps are usually made: build seconds, file MB and (at 10k only, unless
  ``--reference-render-all``) seconds to render in Chromium.

Targets (issue 5): 100k incidents build in <= 10 s and <= 20 MB.

Usage::

    python bench/bench_maps.py [--sizes 10000 100000] [--repeat 3] [--no-browser]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [
    str(REPO),
    str(REPO / "tests"),
]  # run from a checkout; data generator shared with the tests

from map_fixtures import synthetic_incidents  # noqa: E402

from geoinc.mapping import incident_map  # noqa: E402


def build_geoinc(gdf, path: Path, offline: bool) -> float:
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        m = incident_map(gdf, offline=offline, borders="naturalearth")
    m.save(str(path))
    return time.perf_counter() - t0


def build_folium_reference(gdf, path: Path) -> float:
    import folium

    t0 = time.perf_counter()
    m = folium.Map(location=[49, 35], zoom_start=6)
    for row in gdf.itertuples():
        folium.Marker(
            [row.geometry.y, row.geometry.x],
            popup=folium.Popup(f"{row.event_type} {row.place_name} {row.date_start}"),
            tooltip=str(row.place_name),
        ).add_to(m)
    m.save(str(path))
    return time.perf_counter() - t0


def render_seconds(ctx, path: Path, *, geoinc_page: bool, timeout_s: float = 300) -> float:
    from geoinc.mapping.browser import open_map

    if geoinc_page:
        page, report = open_map(ctx, path, timeout_s=timeout_s)
        secs = report.load_seconds if report.ready else float("nan")
    else:
        # folium's page has no ready flag: time the load event (all scripts run)
        page = ctx.new_page()
        page.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
        )
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="load", timeout=timeout_s * 1000)
        secs = time.perf_counter() - t0
    page.close()
    return secs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--offline", action="store_true", help="benchmark offline maps (inlined JS)")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument(
        "--reference-render-all",
        action="store_true",
        help="also render the folium reference above 10k (slow: minutes)",
    )
    ap.add_argument(
        "--reference-max",
        type=int,
        default=10_000,
        help="largest size for which the folium reference is built (it takes ~7 s per "
        "1,000 markers; default 10000)",
    )
    args = ap.parse_args(argv)

    ctx_cm = None
    ctx = None
    if not args.no_browser:
        from geoinc.mapping.browser import chromium, find_chromium

        if find_chromium() is None:
            print("no Chromium: render times skipped")
        else:
            ctx_cm = chromium()
            ctx = ctx_cm.__enter__()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            for n in args.sizes:
                gdf = synthetic_incidents(n, seed=42)
                gpath = tmp / f"geoinc_{n}.html"
                builds = [build_geoinc(gdf, gpath, args.offline) for _ in range(args.repeat)]
                g_mb = gpath.stat().st_size / 1e6
                g_render = float("nan")
                if ctx is not None:
                    g_render = statistics.median(
                        render_seconds(ctx, gpath, geoinc_page=True) for _ in range(args.repeat)
                    )
                fpath = tmp / f"folium_{n}.html"
                f_build = f_mb = f_render = float("nan")
                if n <= args.reference_max:
                    f_build = build_folium_reference(gdf, fpath)
                    f_mb = fpath.stat().st_size / 1e6
                if (
                    n <= args.reference_max
                    and ctx is not None
                    and (n <= 10_000 or args.reference_render_all)
                ):
                    f_render = render_seconds(ctx, fpath, geoinc_page=False)
                rows.append(
                    (
                        n,
                        statistics.median(builds),
                        min(builds),
                        g_mb,
                        g_render,
                        f_build,
                        f_mb,
                        f_render,
                    )
                )
                print(
                    f"n={n}: geoinc build median {statistics.median(builds):.2f} s (runs "
                    f"{', '.join(f'{b:.2f}' for b in builds)}), {g_mb:.2f} MB, "
                    f"render {g_render:.2f} s | folium Marker-per-point build {f_build:.2f} s, "
                    f"{f_mb:.1f} MB, render {f_render:.2f} s",
                    flush=True,
                )
    finally:
        if ctx_cm is not None:
            ctx_cm.__exit__(None, None, None)

    print()
    print(
        f"{'n':>8} {'build s':>8} {'MB':>7} {'render s':>9} | "
        f"{'folium s':>9} {'MB':>7} {'render s':>9}"
        f" | {'build x':>8} {'size x':>7} {'target':>7}"
    )
    for n, b, _bmin, mb, r, fb, fmb, fr in rows:
        ok = "ok" if (n < 100_000 or (b <= 10 and mb <= 20)) else "MISSED"
        print(
            f"{n:>8} {b:>8.2f} {mb:>7.2f} {r:>9.2f} | {fb:>9.2f} {fmb:>7.1f} {fr:>9.2f}"
            f" | {fb / b:>7.1f}x {fmb / mb:>6.1f}x {ok:>7}"
        )
    print(
        "build x / size x: folium one-Marker-per-point divided by geoinc (higher = geoinc better);"
        " nan = reference not run at that size (--reference-max)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Regenerate the map gallery from the project's example corpus.

    python maps/build_gallery.py            # maps + PNG screenshots (needs Chromium)
    python maps/build_gallery.py --no-png   # maps only

Reads ``examples/dispatches/`` with :func:`geoinc.extract`, checks the border claims in
each dispatch with :func:`geoinc.claims.check_text` when that module is installed, and
writes to ``maps/``:

- ``dispatches.html`` — the default map (OpenStreetMap tiles; Leaflet inlined when
  ``geoinc[offline]`` is installed, else linked from the CDN);
- ``dispatches_offline.html`` — the same map for use with no network (everything inlined,
  vector basemap);
- ``dispatches_osm_borders.html`` — offline, with the OpenStreetMap-derived RU–UA border
  and its 30 km band instead of Natural Earth's;

and one PNG screenshot per map, taken in headless Chromium with the network blocked
(the online map switches to its vector basemap there, with a note, since tiles cannot
load).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

import geoinc  # noqa: E402
from geoinc.mapping import incident_map  # noqa: E402


def corpus_claims(folder: Path) -> list:
    """Checked claims of every dispatch (empty when geoinc.claims is not installed)."""
    try:
        claims_mod = importlib.import_module("geoinc.claims")
    except ImportError:
        print("geoinc.claims not available: maps drawn without the claims layer")
        return []
    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix in (".txt", ".html"):
            out.extend(claims_mod.check_text(path.read_text(encoding="utf-8")))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Regenerate maps/ from examples/dispatches")
    ap.add_argument("--no-png", action="store_true", help="skip the Chromium screenshots")
    args = ap.parse_args(argv)

    corpus = REPO / "examples" / "dispatches"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        gdf = geoinc.extract(str(corpus))
        claims = corpus_claims(corpus)
        title = "Example dispatches, late December 2023"
        maps = {
            "dispatches": incident_map(gdf, title=title, claims=claims),
            "dispatches_offline": incident_map(gdf, title=title, claims=claims, offline=True),
            "dispatches_osm_borders": incident_map(
                gdf, title=title + " (OSM border)", claims=claims, offline=True, borders="osm"
            ),
        }
    written = []
    for name, m in maps.items():
        path = HERE / f"{name}.html"
        m.save(str(path))
        written.append(path)
        print(f"{path.relative_to(REPO)}: {len(gdf)} incidents, {path.stat().st_size / 1e6:.2f} MB")
    if args.no_png:
        return 0
    from geoinc.mapping.browser import chromium, find_chromium, open_map

    if find_chromium() is None:
        print("no Chromium: screenshots skipped")
        return 0
    with chromium() as ctx:
        for path in written:
            page, report = open_map(ctx, path)
            if report.console_errors or not report.ready:
                print(f"{path.name}: ready={report.ready} errors={report.console_errors}")
                return 1
            if page.locator("img.leaflet-tile").count():  # online map: show the vector basemap
                page.hover(".leaflet-control-layers")
                page.locator(".leaflet-control-layers label", has_text="Vector basemap").click()
                page.mouse.move(600, 400)
            page.wait_for_timeout(500)
            png = path.with_suffix(".png")
            page.screenshot(path=str(png))
            page.close()
            print(f"{png.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

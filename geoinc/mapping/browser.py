"""Open a map in a real headless Chromium: screenshots, render timing, checks.

Used by the browser tests, the benchmark and the gallery. Needs the Debian ``chromium``
package and the PyPI package ``playwright`` (its Python driver only: the browser is the
system one, never a downloaded build).

Network policy of :func:`open_map`: ``file:`` and ``data:`` URLs load; the CDN copies of
Leaflet/markercluster are answered from the packaged XStatic files (so an *online* map
can be checked on a machine with no internet, exactly as it would load from the CDN);
map tiles get a blank tile; every other request is blocked and reported.
"""

from __future__ import annotations

import base64
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from geoinc.exceptions import MapError
from geoinc.mapping.assets import MAP_CSS, MAP_JS, asset_text

__all__ = ["CHROMIUM_ARGS", "find_chromium", "chromium", "open_map", "PageReport", "screenshot"]

#: flags for a quiet, reproducible headless Chromium that phones nowhere
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# 1x1 transparent PNG, returned for tile requests
_BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
_CDN = {
    url: ("application/javascript" if url.endswith(".js") else "text/css")
    for _, url in MAP_JS + MAP_CSS
}


def find_chromium() -> str | None:
    """Path of the system Chromium, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@contextmanager
def chromium(executable: str | None = None) -> Iterator:
    """A headless Chromium (playwright ``Browser``) with an empty, temporary profile."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise MapError("driving Chromium needs the PyPI package 'playwright'") from err
    exe = executable or find_chromium()
    if exe is None:
        raise MapError("no Chromium found (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="geoinc-chromium-") as profile, sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            profile,
            executable_path=exe,
            headless=True,
            args=list(CHROMIUM_ARGS),
            viewport={"width": 1200, "height": 800},
        )
        try:
            yield ctx
        finally:
            ctx.close()


@dataclass
class PageReport:
    """What happened while a map loaded."""

    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    network: list[str] = field(default_factory=list)
    load_seconds: float = float("nan")
    ready: bool = False


def open_map(
    context,
    path: str | Path,
    *,
    serve_cdn: bool = True,
    timeout_s: float = 60.0,
    viewport: tuple[int, int] = (1200, 800),
):
    """Open a map file in a new page and wait until the runtime says it is ready.

    Returns
    -------
    (page, PageReport)
    """
    page = context.new_page()
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    report = PageReport()
    page.on(
        "console", lambda m: report.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda e: report.console_errors.append(f"uncaught: {e}"))

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            return r.continue_()
        report.network.append(url)
        if serve_cdn and url in _CDN:
            return r.fulfill(
                status=200,
                content_type=_CDN[url],
                body=asset_text(url),
                headers={"Access-Control-Allow-Origin": "*"},
            )
        if serve_cdn and "tile" in url and url.endswith(".png"):
            return r.fulfill(status=200, content_type="image/png", body=_BLANK_PNG)
        report.blocked.append(url)
        return r.abort()

    page.route("**/*", route)
    t0 = time.perf_counter()
    page.goto(Path(path).resolve().as_uri(), timeout=timeout_s * 1000)
    try:
        page.wait_for_function("window.geoincReady === true", timeout=timeout_s * 1000, polling=50)
        report.ready = True
    except Exception:  # playwright's TimeoutError: the report says not ready
        report.ready = False
    report.load_seconds = time.perf_counter() - t0
    return page, report


def screenshot(
    context, html_path: str | Path, png_path: str | Path, *, settle_ms: int = 400
) -> PageReport:
    """Open ``html_path`` offline-style and save a PNG of the page."""
    page, report = open_map(context, html_path)
    page.wait_for_timeout(settle_ms)
    page.screenshot(path=str(png_path))
    page.close()
    return report

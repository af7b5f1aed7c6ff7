"""JavaScript/CSS the maps need, linked from a CDN or inlined for offline use.

A geoinc map loads only Leaflet and Leaflet.markercluster (plus its own small runtime,
which is always inlined). Online, they come from jsDelivr; with ``offline=True`` every
``<script src>``/``<link href>`` in the page is replaced by the file's content taken from
the XStatic packages on PyPI (``pip install geoinc[offline]``: ``xstatic-leaflet``,
``xstatic-leaflet-markercluster``), with Leaflet's CSS images turned into ``data:`` URIs,
so the HTML opens with the network off.
"""

from __future__ import annotations

import base64
import importlib
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from branca.element import CssLink, Element, Figure, JavascriptLink

from geoinc.exceptions import MapError

__all__ = ["MAP_JS", "MAP_CSS", "OfflineFigure", "runtime_js", "runtime_css", "asset_text"]

#: (name, URL) of the scripts a geoinc map needs; names match folium's where they overlap
MAP_JS = [
    ("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"),
    (
        "markerclusterjs",
        "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/leaflet.markercluster.js",
    ),
]
#: (name, URL) of the style sheets a geoinc map needs
MAP_CSS = [
    ("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"),
    (
        "markerclustercss",
        "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/MarkerCluster.css",
    ),
]

# URL -> (XStatic module, file inside its data dir, pip package). Keyed by URL rather
# than by name so that a user element pointing at another version is not silently
# swapped for ours.
_PACKAGED = {
    MAP_JS[0][1]: ("xstatic.pkg.leaflet", "leaflet.js", "xstatic-leaflet"),
    MAP_JS[1][1]: (
        "xstatic.pkg.leaflet_markercluster",
        "leaflet.markercluster.js",
        "xstatic-leaflet-markercluster",
    ),
    MAP_CSS[0][1]: ("xstatic.pkg.leaflet", "leaflet.css", "xstatic-leaflet"),
    MAP_CSS[1][1]: (
        "xstatic.pkg.leaflet_markercluster",
        "MarkerCluster.css",
        "xstatic-leaflet-markercluster",
    ),
    "https://code.jquery.com/jquery-3.7.1.min.js": (
        "xstatic.pkg.jquery",
        "jquery.min.js",
        "xstatic-jquery",
    ),
}


def _static(name: str) -> str:
    return resources.files("geoinc.mapping").joinpath("static", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def runtime_js() -> str:
    """Return the geoinc map runtime (JavaScript), read once from the package."""
    return _static("geoinc-map.js")


@lru_cache(maxsize=1)
def runtime_css() -> str:
    """Return the geoinc map runtime's style sheet."""
    return _static("geoinc-map.css")


def _css_images_inline(css: str, base: Path) -> str:
    # Leaflet's CSS points at images/*.png next to it; a data: URI keeps it offline.
    def repl(match: re.Match) -> str:
        ref = match.group(1).strip("'\"")
        if ref.startswith(("data:", "#")):
            return match.group(0)
        path = (base / ref).resolve()
        if not path.is_file():
            return match.group(0)
        mime = "image/png" if path.suffix == ".png" else "image/svg+xml"
        return f"url(data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')})"

    return re.sub(r"url\(([^)]+)\)", repl, css)


@lru_cache(maxsize=None)
def asset_text(url: str) -> str:
    """Return the packaged copy of one CDN asset.

    Parameters
    ----------
    url : str
        One of the URLs in :data:`MAP_JS` / :data:`MAP_CSS` (or jQuery 3.7.1).

    Raises
    ------
    MapError
        When no packaged copy of ``url`` is known or its XStatic package is missing.

    Examples
    --------
    >>> asset_text(MAP_JS[0][1])[:40]  # doctest: +SKIP
    '/* @preserve\\n * Leaflet 1.9.3, a JS libr'
    """
    entry = _PACKAGED.get(url)
    if entry is None:
        raise MapError(
            f"offline map: no packaged copy of {url!r}; remove the element that needs it "
            "or build the map without offline=True"
        )
    modname, fname, dist = entry
    try:
        module = importlib.import_module(modname)
    except ImportError as err:
        raise MapError(
            f"offline maps need the PyPI package {dist!r} (pip install 'geoinc[offline]')"
        ) from err
    path = Path(module.BASE_DIR) / fname
    text = path.read_text(encoding="utf-8")
    if fname.endswith(".css"):
        text = _css_images_inline(text, path.parent)
    return text


class _InlineScript(Element):
    def __init__(self, code: str) -> None:
        super().__init__()
        # "</script" inside the code would end the element early; the sequence is
        # legal to split in JS string/regex literals where it occurs.
        self.code = code.replace("</script", "<\\/script")

    def render(self, **kwargs) -> str:  # noqa: D102
        return f"<script>{self.code}</script>"


class _InlineStyle(Element):
    def __init__(self, css: str) -> None:
        super().__init__()
        self.css = css.replace("</style", "<\\/style")

    def render(self, **kwargs) -> str:  # noqa: D102
        return f"<style>{self.css}</style>"


class OfflineFigure(Figure):
    """A :class:`branca.element.Figure` whose scripts and style sheets are inlined.

    Every :class:`~branca.element.JavascriptLink` and :class:`~branca.element.CssLink`
    the elements register is replaced, at render time, by the packaged file's content.
    An asset with no packaged copy raises :class:`~geoinc.exceptions.MapError` instead of
    producing a page that silently needs the network.
    """

    def render(self, **kwargs) -> str:
        """Render the page with every JS/CSS link inlined."""
        for child in self._children.values():
            child.render(**kwargs)
        header = self.header._children
        for name, child in list(header.items()):
            if isinstance(child, JavascriptLink):
                header[name] = _InlineScript(asset_text(child.url))
            elif isinstance(child, CssLink):
                header[name] = _InlineStyle(asset_text(child.url))
        return self._template.render(this=self, kwargs=kwargs)

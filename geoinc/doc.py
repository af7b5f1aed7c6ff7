"""One document flowing through named stages (after spaCy's ``Doc`` and ``nlp.pipeline``).

A :class:`Doc` carries a text, its metadata and its annotations. Each annotation
("sentences", "events", "mentions", ...) is computed once, by the pipeline component of
that name, the first time a stage reads it, and kept: every later stage reads the same
sentences and the same place mentions instead of splitting or geoparsing again.

A :class:`Pipeline` is an ordered list of named components ``(name, func)``;
``func(doc)`` returns the annotation ``name``. A component may read the annotations of
the components before it, never of one after it (:class:`~geoinc.exceptions.ConfigurationError`
otherwise): the order is the data flow. ``pipeline(doc)`` runs every component in order;
``doc[name]`` computes only what that annotation needs, which lets extraction skip
geoparsing for an article without an attack sentence.

This module knows no stage: the drivers that assemble pipelines sit above the stages
(:mod:`geoinc.extraction.pipeline` for extraction).

Examples
--------
>>> from geoinc.text import split_sentences
>>> nlp = Pipeline([
...     ("sentences", lambda doc: split_sentences(doc.text, doc.lang)),
...     ("n_sentences", lambda doc: len(doc["sentences"])),
... ])
>>> nlp.pipe_names
('sentences', 'n_sentences')
>>> doc = nlp("Drones hit Kharkiv. Two people were hurt.")
>>> doc["n_sentences"], doc.sentences[1]
(2, (20, 41, 0))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from geoinc.exceptions import ConfigurationError

__all__ = ["Doc", "Pipeline", "Component"]

Component = Callable[["Doc"], Any]


class Doc:
    """A text with its metadata and lazily computed, cached annotations.

    Parameters
    ----------
    text : str
    pipeline : Pipeline
        Where annotations come from.
    lang : str, default "en"
    meta : object, optional
        What the text came with (a :class:`geoinc.extraction.documents.Document`, a dict ...).
    resources : mapping, optional
        Shared read-only tools the components use (a gazetteer ...).
    """

    __slots__ = ("text", "lang", "meta", "resources", "pipeline", "_values", "_running")

    def __init__(
        self,
        text: str,
        pipeline: Pipeline,
        *,
        lang: str = "en",
        meta: Any = None,
        resources: Mapping[str, Any] | None = None,
    ) -> None:
        self.text = text
        self.lang = lang
        self.meta = meta
        self.resources = dict(resources or {})
        self.pipeline = pipeline
        self._values: dict[str, Any] = {}
        self._running: list[int] = []  # positions of the components being computed

    def __getitem__(self, name: str) -> Any:
        """The annotation ``name``, computed by its component on first read."""
        if name in self._values:
            return self._values[name]
        pos, func = self.pipeline._component(name)
        if self._running and pos >= self._running[-1]:
            reader = self.pipeline.pipe_names[self._running[-1]]
            raise ConfigurationError(
                f"pipeline component {reader!r} reads {name!r}, which comes after it "
                f"(order: {', '.join(self.pipeline.pipe_names)})"
            )
        self._running.append(pos)
        try:
            value = func(self)
        finally:
            self._running.pop()
        self._values[name] = value
        return value

    def __contains__(self, name: str) -> bool:
        """Whether ``name`` has been computed (reading it would not run anything)."""
        return name in self._values

    def get(self, name: str, default: Any = None) -> Any:
        """The annotation ``name`` when the pipeline has such a component, else ``default``."""
        if name in self._values or name in self.pipeline.pipe_names:
            return self[name]
        return default

    @property
    def sentences(self) -> list[tuple[int, int, int]]:
        """``(start, end, paragraph)`` of every sentence (the ``"sentences"`` component)."""
        return self["sentences"]

    @property
    def mentions(self) -> list:
        """Place mentions in text order (the ``"mentions"`` component)."""
        return self["mentions"]

    @property
    def annotations(self) -> tuple[str, ...]:
        """Names of the annotations computed so far, in pipeline order."""
        return tuple(n for n in self.pipeline.pipe_names if n in self._values)

    def __repr__(self) -> str:
        head = self.text[:40].replace("\n", " ") + ("…" if len(self.text) > 40 else "")
        return f"Doc({head!r}, lang={self.lang!r}, annotations={list(self.annotations)})"


class Pipeline:
    """Named components run in order over a :class:`Doc`.

    Parameters
    ----------
    components : iterable of (name, func)
        ``func(doc)`` computes the annotation ``name``; names are unique.
    """

    def __init__(self, components: Iterable[tuple[str, Component]]) -> None:
        self.pipeline: tuple[tuple[str, Component], ...] = tuple(components)
        self.pipe_names: tuple[str, ...] = tuple(n for n, _ in self.pipeline)
        if len(set(self.pipe_names)) != len(self.pipe_names):
            raise ConfigurationError(f"pipeline component names repeat: {self.pipe_names}")
        self._index = {n: (i, f) for i, (n, f) in enumerate(self.pipeline)}

    def _component(self, name: str) -> tuple[int, Component]:
        try:
            return self._index[name]
        except KeyError:
            raise ConfigurationError(
                f"no pipeline component {name!r} (have {', '.join(self.pipe_names)})"
            ) from None

    def get_pipe(self, name: str) -> Component:
        """The component that computes ``name``."""
        return self._component(name)[1]

    def replace_pipe(self, name: str, func: Component) -> Pipeline:
        """A copy of this pipeline with the component ``name`` replaced by ``func``."""
        self._component(name)
        return Pipeline((n, func if n == name else f) for n, f in self.pipeline)

    def make_doc(
        self,
        text: str,
        *,
        lang: str = "en",
        meta: Any = None,
        resources: Mapping[str, Any] | None = None,
    ) -> Doc:
        """A :class:`Doc` of ``text`` with nothing computed yet."""
        return Doc(text, self, lang=lang, meta=meta, resources=resources)

    def __call__(self, doc: Doc | str, **kwargs) -> Doc:
        """Run every component in order (``doc`` may be a text: see :meth:`make_doc`)."""
        if isinstance(doc, str):
            doc = self.make_doc(doc, **kwargs)
        for name in self.pipe_names:
            doc[name]
        return doc

    def __repr__(self) -> str:
        return f"Pipeline({list(self.pipe_names)})"

"""Packages that are also functions: ``geoinc.extract(...)``, ``geoinc.geoparse(...)``.

A subpackage and the function users call share one name, and the import system sets the
package as the attribute of :mod:`geoinc` as soon as any of its submodules is imported.
So the package installs, in its place in ``sys.modules``, a :class:`PackageFunction`:
to callers, ``help()``, :func:`inspect.signature` and ``__doc__`` it is the function;
every other attribute is the package's, so ``geoinc.extract.pipeline``,
``import geoinc.extract.events`` and ``from geoinc.extract import Document`` keep working.

Tools that need the module object itself (:func:`doctest.testmod`,
:func:`importlib.reload`) find it as ``__package_module__``.

Examples
--------
>>> import inspect, geoinc
>>> from geoinc.extract.pipeline import extract
>>> inspect.signature(geoinc.extract) == inspect.signature(extract)
True
>>> geoinc.extract.__doc__ == extract.__doc__, geoinc.extract.pipeline.__name__
(True, 'geoinc.extract.pipeline')
"""

from __future__ import annotations

import importlib
import inspect
import sys
import types
from collections.abc import Callable
from typing import Any

__all__ = ["PackageFunction", "make_callable"]


class PackageFunction:
    """A package module that calls, documents and describes itself as one function.

    Parameters
    ----------
    package : module
        The package module; every attribute not about the function is read from (and
        written to) it.
    target : str
        ``"package.module:function"``; imported on first use, not at import time, and
        looked up on every call (so patching the function takes effect).

    The class docstring gives way to the function's (``__doc__`` is a property):
    see the module's examples.
    """

    __slots__ = ("__package_module__", "_target")

    def __init__(self, package: types.ModuleType, target: str) -> None:
        object.__setattr__(self, "__package_module__", package)
        object.__setattr__(self, "_target", target)

    @property
    def __wrapped__(self) -> Callable[..., Any]:
        module, _, name = self._target.partition(":")
        return getattr(importlib.import_module(module), name)

    @property
    def __signature__(self) -> inspect.Signature:
        return inspect.signature(self.__wrapped__)

    @property
    def __doc__(self) -> str | None:  # type: ignore[override]
        return self.__wrapped__.__doc__

    def __call__(self, *args, **kwargs):
        return self.__wrapped__(*args, **kwargs)

    # A descriptor, as functions are: pydoc and inspect then document it as a routine
    # (signature and docstring) rather than as a data object.
    def __get__(self, obj, objtype=None):
        return self if obj is None else types.MethodType(self, obj)

    def __getattr__(self, name: str):
        return getattr(self.__package_module__, name)

    def __setattr__(self, name: str, value) -> None:
        # the import system sets each submodule on its parent: keep them on the package
        setattr(self.__package_module__, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self.__package_module__, name)

    def __dir__(self) -> list[str]:
        return dir(self.__package_module__)

    def __reduce__(self):
        # unpickles to the object in sys.modules, like a module reference would
        return importlib.import_module, (self.__package_module__.__name__,)

    def __repr__(self) -> str:
        return f"<function {self.__package_module__.__name__} ({self._target.replace(':', '.')})>"


def make_callable(module_name: str, target: str) -> None:
    """Make the package ``module_name`` callable as ``target`` (``"pkg.mod:func"``).

    Called at the end of the package's ``__init__``: the import system then hands the
    :class:`PackageFunction` it finds in ``sys.modules`` to every importer.
    """
    sys.modules[module_name] = PackageFunction(sys.modules[module_name], target)

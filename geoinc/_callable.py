"""Packages that are also functions: ``geoinc.extract(...)``, ``geoinc.geoparse(...)``.

A subpackage and the function users call share one name, and Python sets the package as
the attribute of :mod:`geoinc` as soon as any of its submodules is imported. Making the
package module callable keeps ``geoinc.extract(texts)`` working whatever was imported first.
"""

from __future__ import annotations

import importlib
import sys
import types

__all__ = ["make_callable"]


def make_callable(module_name: str, target: str) -> None:
    """Let the module ``module_name`` be called as the function ``target`` ("pkg.mod:func")."""
    target_module, _, func_name = target.partition(":")

    class _CallableModule(types.ModuleType):
        def __call__(self, *args, **kwargs):
            func = getattr(importlib.import_module(target_module), func_name)
            return func(*args, **kwargs)

    _CallableModule.__call__.__doc__ = f"Call :func:`{target_module}.{func_name}`."
    sys.modules[module_name].__class__ = _CallableModule

"""What changes: rule records, hand-written transforms and generated tables.

Every module in this package except the infrastructure ones (``registry``,
``tables``, ``api``, ``syntax``, names starting with ``_``) is a rule family and is imported by
:func:`load_all`, which registers its rules with :data:`registry.REGISTRY`.
Adding a family is adding a module; nothing else needs editing.
"""
from __future__ import annotations

import importlib
import pkgutil

from .registry import REGISTRY, Registry, Rule

_INFRASTRUCTURE = {"registry", "tables", "api", "syntax"}
_loaded = False
# A small TF 1.x module whose conversion loads what most files need (the rule modules, the
# rename and symbol tables): the files layer converts it once before its workers fork.
WARM_UP_SOURCE = "import tensorflow as tf\nx = tf.log(tf.placeholder(tf.float32))\n"


def load_all() -> Registry:
    global _loaded
    if not _loaded:
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
            if info.name in _INFRASTRUCTURE or info.name.startswith("_") or info.ispkg:
                continue
            importlib.import_module(f"{__name__}.{info.name}")
        _loaded = True
    return REGISTRY


__all__ = ["REGISTRY", "Registry", "Rule", "load_all"]

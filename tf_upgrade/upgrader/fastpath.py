"""Can this file need the upgrader at all?  A cheap text test, run before any parse.

Every rule acts on names bound by a TensorFlow import (the resolver tracks
nothing else, and the engine stops when a file has no TF binding), so a file
in which no ``import ... tensorflow`` / ``from tensorflow...`` statement can
be written needs no libcst parse: it comes back byte-identical with no
diagnostics.  The test errs only on the side of parsing: ``tensorflow`` after
``import`` in a string or comment still counts.

Costs about a microsecond per kilobyte; a module with no TensorFlow text at
all is rejected by one substring search.
"""
from __future__ import annotations

import re

# `import a, tensorflow as tf` / `import tensorflow.compat.v1` (also after `;`,
# on an `if x: import ...` line, or continued with a backslash), and
# `from tensorflow... import ...`.  `\b` keeps `tensorflow_addons` and
# `my_tensorflow` out, as the resolver does.
_TF_IMPORT = re.compile(
    r"\bimport(?:[^#\r\n\\]|\\(?:\r\n|\r|\n)?)*?(?<![\w.])tensorflow\b"
    r"|\bfrom(?:[ \t\f]|\\(?:\r\n|\r|\n))+tensorflow\b")


def may_import_tensorflow(text: str) -> bool:
    """False only when no TensorFlow import statement can occur in ``text``."""
    return "tensorflow" in text and _TF_IMPORT.search(text) is not None


def may_need_upgrade(path: str, text: str) -> bool:
    """The fast path's question for one file; other file kinds (notebooks) only need the word."""
    if path.endswith(".py") or not path.endswith(".ipynb"):
        return may_import_tensorflow(text)
    return "tensorflow" in text

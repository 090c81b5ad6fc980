"""Can this text need the upgrader at all?  A cheap test, run before any parse.

Every rule acts on what the resolver finds: names bound by a TensorFlow
import, or, in a module with no such import (a notebook cell, a snippet), the
conventional names ``tf``/``slim``/``contrib_*`` used as ``tf.x``
(:data:`IMPLICIT_BINDINGS`).  A text in which no ``import ... tensorflow`` /
``from tensorflow ...`` statement can be written and no ``tf.``-style name
appears needs no libcst parse: it comes back byte-identical with no
diagnostics.  Nor does one without such a name that does not call a method only
TensorFlow objects have (:func:`methods_without_import`).  The engine applies this
same test (``engine.upgrade_text``), so the file layer (``file_job``) can decide without
importing libcst at all.  The test errs
only on the side of parsing (``import tensorflow`` in a string still counts).

It costs about a microsecond per kilobyte; a module with neither the word
``tensorflow`` nor a ``tf.`` is rejected by two substring searches.
"""
from __future__ import annotations

import re

# Names that mean TensorFlow by convention in code that never imports it: a
# notebook cell after the one with the imports, a snippet, a doc example.
# The resolver uses them only when a module has no TensorFlow import at all.
IMPLICIT_BINDINGS = {"tf": "tf", "slim": "tf.contrib.slim"}
IMPLICIT_PREFIX = "contrib_"  # `contrib_layers.x`: Google-style `from tensorflow.contrib import layers as contrib_layers`
IMPLICIT_HINT = re.compile(r"(?<![\w.])(?:%s|%s\w+)\." % ("|".join(IMPLICIT_BINDINGS), IMPLICIT_PREFIX))

# `import a, tensorflow as tf` / `import tensorflow.compat.v1` (also after `;`,
# on an `if x: import ...` line, or continued with a backslash), and
# `from tensorflow... import ...`.  `\b` keeps `tensorflow_addons` and
# `my.tensorflow` out, as the resolver does.
_TF_IMPORT = re.compile(
    r"\bimport(?:[^#\r\n\\]|\\(?:\r\n|\r|\n)?)*?(?<![\w.])tensorflow\b"
    r"|\bfrom(?:[ \t\f]|\\(?:\r\n|\r|\n))+tensorflow\b")


def may_import_tensorflow(text: str) -> bool:
    """False only when no TensorFlow import statement can occur in ``text``."""
    return "tensorflow" in text and _TF_IMPORT.search(text) is not None


def may_need_upgrade(text: str) -> bool:
    """False only when the engine would return ``text`` unchanged without a diagnostic."""
    return may_import_tensorflow(text) or (
        ("tf." in text or "slim." in text or IMPLICIT_PREFIX in text) and IMPLICIT_HINT.search(text) is not None
    ) or any(m in text for m in methods_without_import())


def file_may_need_upgrade(path: str, text: str) -> bool:
    """The same question for a file's whole text: a notebook's JSON only needs the words."""
    if path.endswith(".ipynb"):
        return ("tensorflow" in text or IMPLICIT_HINT.search(text) is not None
                or any(m in text for m in methods_without_import()))
    return may_need_upgrade(text)


def methods_without_import():
    """Methods only TensorFlow objects have (``ds.make_one_shot_iterator()``): their hooks run even
    in a module that got its dataset from elsewhere and never imports TensorFlow.  Registered as
    ``on_method(..., without_import=True)``; read from the list ``tools/gen_rule_docs.py`` writes
    from the registrations, so this process need not import the rules (nor libcst)."""
    from ..rules import tables

    return tables.methods_without_import()

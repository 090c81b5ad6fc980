"""What a TensorFlow reference says about the dialect a file is written in (TF 1.x or TF 2).

The engine's dialect decision (``upgrader/dialect.py``) asks these questions of
every reference and call in a file; the answers come from the generated symbol
tables, so they follow TensorFlow's own API:

* TF 1.x evidence: a name TF 1.x has and no TF 2 release we ship tables for
  has (``tf.placeholder``, ``tf.Session``, ``tf.contrib.*``, ``tf.log``); a
  keyword TF 2 removed or renamed for that function (``keep_dims=``,
  ``keep_prob=``); ``import tensorflow.compat.v1 as tf``.
* TF 2 evidence: a name only TF 2 has (``tf.summary.create_file_writer``), the
  idioms of TF 2 code below (``tf.function``, ``tf.GradientTape``... which
  late 1.x releases had too, but which TF 1.x code rarely used), an explicit
  ``tf.compat.v1.X`` under a plain ``import tensorflow`` (the author spells
  TF 1.x names out, so the bare ones are TF 2: this is also what converted
  code looks like, which keeps a second run a fixed point), ``tf.compat.v2``.

A site is TF 1.x *by itself* when its own name or keywords do not exist in
TF 2: such a call is converted in any file, since TF 2 could not run it anyway.
"""
from __future__ import annotations

from functools import lru_cache
from typing import FrozenSet, Iterable, Optional

from . import tables
from .registry import rule

AMBIGUOUS_CALL = rule(
    "TFU130", "dialect-ambiguous", "a transform whose TF 1.x and TF 2 meanings differ, in a file whose dialect "
    "is mixed or unknown, is reported instead of applied",
    fix="manual", severity="warning", modes=("default", "safety"),
    why="tf.nn.dropout(x, 0.2), tf.strings.split(s), tf.saved_model.load(p)... are valid TF 1.x and TF 2 code "
        "with different meanings. Rewritten as TF 1.x they would break TF 2 code; the file's own references do "
        "not say which it is, so the tool asks instead of guessing: state it with `# tf-upgrade: dialect=tf1` "
        "(or tf2) in the file, or `dialect`/`per-file-dialect` in [tool.tf-upgrade].")

# Names that mark TF 2 code although late TF 1.x releases exported them too: people wrote
# them when writing for TF 2 (eager execution, Keras-centred training, object checkpoints).
TF2_IDIOMS = frozenset({
    "tf.function", "tf.GradientTape", "tf.Module", "tf.saved_model.save", "tf.train.Checkpoint",
    "tf.train.CheckpointManager", "tf.summary.create_file_writer", "tf.random.Generator", "tf.data.AUTOTUNE",
    "tf.TensorSpec", "tf.config.run_functions_eagerly", "tf.keras.optimizers.schedules",
    "tf.distribute.MirroredStrategy", "tf.experimental", "tf.autograph.experimental",
})


# Names ``tensorflow.compat.v2`` exports besides TF 2's ``tf.*`` API (for TF 1.15 code opting into
# TF 2; TF 2.21 still has it there).  Through a compat.v2 import they exist and are no TF 1.x evidence.
COMPAT_V2_EXTRAS = frozenset({"tf.enable_v2_behavior"})


@lru_cache(maxsize=None)
def _tf2_sets():
    sets = []
    for version in tables.available_versions():
        sets.append((tables.symbols_for(version), version))
    return tuple(sets)


@lru_cache(maxsize=65536)
def exists_in_tf2(qualname: str) -> bool:
    """Does ``qualname`` exist in some TF 2 release we ship tables for (with tf_keras too)?

    An attribute of a known object (``tf.float32.max``) counts as the object. With
    no tables at all every name is taken to exist (nothing is evidence)."""
    sets = _tf2_sets()
    if not sets or qualname == "tf":
        return True
    return any(qualname in symbols or tables.availability(qualname, version) != "no" for symbols, version in sets)


@lru_cache(maxsize=65536)
def _in_v1(qualname: str) -> bool:
    v1 = tables.v1_symbols()
    parts = qualname.split(".")
    for i in range(len(parts), 1, -1):
        prefix = ".".join(parts[:i])
        if prefix in v1:
            return i == len(parts) or not tables.is_namespace(prefix)
    return False


def _is_idiom(qualname: str) -> bool:
    return any(qualname == name or qualname.startswith(name + ".") for name in TF2_IDIOMS)


def reference_evidence(qualname: str, compat_v1_binding: bool = False,
                       compat_v2_binding: bool = False) -> Optional[str]:
    """``"tf1"``, ``"tf2"`` or None (no evidence either way) for one reference's canonical name.

    ``compat_v1_binding``: the file imports ``tensorflow.compat.v1`` as a module, so its
    ``tf.compat.v1.X`` names are its TF 1.x API (counted once, at the import).
    ``compat_v2_binding``: it imports ``tensorflow.compat.v2``, whose extras (COMPAT_V2_EXTRAS)
    are TF 2 API there."""
    if compat_v2_binding and qualname in COMPAT_V2_EXTRAS:
        return None  # the import itself counted
    if qualname.startswith("tf.compat.v1.") or qualname == "tf.compat.v1":
        return None if compat_v1_binding else "tf2"
    if qualname.startswith("tf.compat.v2") or qualname.startswith("tf.compat."):
        return "tf2" if qualname.startswith("tf.compat.v2") else None
    if qualname == "tf.contrib" or qualname.startswith("tf.contrib."):
        return "tf1"
    if not exists_in_tf2(qualname):
        return "tf1" if _in_v1(qualname) else None  # in neither: a typo or private name, not evidence
    if _is_idiom(qualname) or not _in_v1(qualname):
        return "tf2"
    return None


def removed_keywords(qualname: str, keywords: Iterable[str]) -> FrozenSet[str]:
    """The keywords of a call of ``qualname`` that TF 2's function has no more (``keep_dims``)."""
    renamed = tables.keyword_renames().get(qualname)
    gone = set(tables.removed_keywords().get(qualname, ())) | set(renamed.all if renamed else ())
    return frozenset(k for k in keywords if k in gone)


def site_is_tf1(qualname: str, keywords: Iterable[str] = ()) -> bool:
    """A reference or call that TF 2 could not run, or that calls the TF 1.x API by name
    (``tf.compat.v1.get_variable``): a TF 1.x meaning is right for it in any file."""
    if qualname.startswith("tf.compat.v1."):
        return True
    if qualname.startswith("tf.compat."):
        return False
    return not exists_in_tf2(qualname) or bool(removed_keywords(qualname, keywords))

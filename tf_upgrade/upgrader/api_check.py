"""Which TensorFlow references in a module do not exist in a TensorFlow version?

Used by ``tf-upgrade check`` and by tests that verify converted code: every
reference is resolved exactly as the upgrader resolves it, then its longest
known prefix is looked up in the version's generated symbol set (class
members and attributes of objects are not in the tables, so ``tf.float32.max``
counts as present when ``tf.float32`` is).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..rules import tables
from ..rules.dialect import COMPAT_V2_EXTRAS
from .resolve import resolve


@dataclass(frozen=True)
class MissingReference:
    line: int
    column: int  # 1-based
    qualname: str  # as written, canonical (tf.contrib.layers.xavier_initializer)
    missing: str  # the first part that does not exist (tf.contrib)


def first_missing(qualname: str, target: Tuple[int, int]) -> str:
    """'' if ``qualname`` exists in ``target`` (or is an attribute of something that does),
    else its first missing prefix."""
    symbols = tables.symbols_for(target)
    parts = qualname.split(".")
    dunder = next((i for i, p in enumerate(parts) if p.startswith("__")), None)
    if dunder is not None:
        # module attributes (tf.__version__, tf.nn.__name__, TF 2's tf.__internal__) are in no
        # API table: what counts is whether the module holding them exists
        return first_missing(".".join(parts[:dunder]), target) if dunder > 1 else ""
    if target >= (2, 0) and (qualname == "tf.compat.v2" or qualname.startswith("tf.compat.v2.")):
        qualname = "tf" + qualname[len("tf.compat.v2"):]  # tensorflow.compat.v2 is the TF 2 API itself
        if qualname in COMPAT_V2_EXTRAS:
            return ""  # ...plus these
        if qualname == "tf":
            return ""
    parts = qualname.split(".")
    if len(parts) == 1:
        return ""  # the package itself (`hasattr(tf, "contrib")`, `m = tf`) exists in every version
    for i in range(len(parts), 1, -1):
        prefix = ".".join(parts[:i])
        if prefix in symbols:
            if i == len(parts) or not tables.is_namespace(prefix, target):
                return ""  # the name itself, or an attribute of a class/function/constant
            return ".".join(parts[:i + 1])
    return ".".join(parts[:2])


def as_written(ref) -> str:
    """A reference's canonical name as its import spells it: through ``import tensorflow.compat.v2
    as tf`` (read as TF 2's ``tf``), ``tf.compat.v2.X``, which :func:`first_missing` knows."""
    b = ref.binding
    if b.written and b.written != b.qualname and b.written.startswith("tf.compat.v2"):
        return b.written + ref.qualname[len(b.qualname):]
    return ref.qualname


def missing_references(module: cst.Module, target: Tuple[int, int]) -> List[MissingReference]:
    resolution = resolve(module)
    positions = None
    out = []
    for node, ref in resolution.references.items():
        missing = first_missing(as_written(ref), target)
        if not missing:
            continue
        if positions is None:
            positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        pos = positions[node].start
        out.append(MissingReference(pos.line, pos.column + 1, ref.qualname, missing))
    # import statements: `from tensorflow.contrib import slim` binds without a reference node
    for b in resolution.bindings:
        if b.alias is None:
            continue
        missing = first_missing(b.qualname, target) if b.qualname != "tf" else ""
        if missing:
            if positions is None:
                positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
            pos = positions[b.alias].start
            out.append(MissingReference(pos.line, pos.column + 1, b.qualname, missing))
    return sorted(set(out), key=lambda m: (m.line, m.column))

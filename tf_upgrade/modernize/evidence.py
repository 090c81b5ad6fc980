"""Is this file a TF 1.x graph program that runs its graph in a Session?

The structural evidence the modernizer relies on: ``import tensorflow as tf`` and a
``tf.Session``/``InteractiveSession`` (a TF 1.x-only name) that runs what the file builds.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional, Tuple

from .names import tf_alias
from .session import Session, find_session


@dataclass
class Found:
    alias: str
    session: Session

    @property
    def stmt(self):
        return self.session.stmt


def session_program(tree: ast.Module) -> Optional[Tuple[int, Found]]:
    alias = tf_alias(tree)
    if alias is None:
        return None
    found = find_session(tree, alias)
    if found is None:
        return None
    index, session = found
    return index, Found(alias, session)


# constructs only TF 2 code has: a file using one, and no name that TF 2 lacks, reads as TF 2
TF2_MARKERS = ("tf.function", "tf.GradientTape", "tf.summary.create_file_writer", "tf.keras", "tf.train.Checkpoint",
               "tf.TensorSpec")


def reads_as_tf2(tree: ast.Module) -> bool:
    """Every TF name exists in TF 2 and some construct is TF 2-only (e.g. modernize's own output).

    Such a file comes back byte-identical from ``modernize``: the ordinary conversion would
    read ``tf.summary.scalar(..., step=)`` as the TF 1.x op.
    """
    from ..rules.tables import availability, is_namespace, newest_version
    from .names import qualname, tf_references

    try:
        alias = tf_alias(tree)
    except Exception:  # noqa: BLE001 - an import form modernize declines is not TF 2 evidence
        return False
    if alias is None:
        return False
    version = newest_version()
    marker = False
    for ref in tf_references(tree, alias):
        q = qualname(ref, alias)
        if any(q == m or q.startswith(m + ".") for m in TF2_MARKERS):
            marker = True
        elif availability(q, version) != "yes" and not is_namespace(q, version):
            return False
    return marker

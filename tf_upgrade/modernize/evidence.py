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

"""A TF 1.x reference in any position Python evaluates an expression in is converted or reported
at its own line, whether it is written out or reached through an assigned alias
(``M = tf.contrib.eager; M.Variable``) -- never silently left as it was.

The cases (tests/position_cases.py) put each reference of a set (renamed, compat.v1, removed,
a class attribute, a module alias) into every position, at module level, in a function and in
a class body.  For each, at the reference's line, the first run either reports a diagnostic or
changes what the line refers to (re-resolving the output: ``M.dense`` is converted when
``M = tf.layers`` became ``M = tf.compat.v1.layers``); the output parses and a second run
changes nothing.
"""
from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path
from typing import Set

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from tf_upgrade import upgrade_source
from tf_upgrade.upgrader.resolve import resolve

sys.path.insert(0, str(Path(__file__).resolve().parent))
from position_cases import MARK, POSITIONS, all_cases  # noqa: E402

CASES = list(all_cases())


def qualnames_at_marked_line(text: str) -> Set[str]:
    """The TF names referred to on the line marked ``# <-``."""
    line = next(i for i, s in enumerate(text.split("\n"), start=1) if s.endswith(MARK))
    wrapper = MetadataWrapper(cst.parse_module(text), unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    return {ref.qualname for node, ref in resolve(wrapper.module).references.items()
            if positions[node].start.line == line}


def _converted_or_reported(case) -> str:
    """'' when the case holds, else what went wrong."""
    before = qualnames_at_marked_line(case.text)
    if not any(q == case.ref.qualname or q.startswith(case.ref.qualname + ".") for q in before):
        return f"the reference is not resolved: {sorted(before)}"
    r = upgrade_source(case.text, "m.py")
    if not r.ok:
        return "conversion failed: " + "; ".join(d.format() for d in r.diagnostics)
    ast.parse(r.code)
    again = upgrade_source(r.code, "m.py")
    if again.code != r.code:
        return "a second run changed the output:\n" + again.code
    if any(d.line == case.line for d in r.diagnostics):
        return ""
    if r.changed and qualnames_at_marked_line(r.code) != before:
        return ""
    return "neither converted nor reported:\n" + r.code


@pytest.mark.parametrize("position", sorted(POSITIONS))
def test_reference_is_converted_or_reported_in_every_position(position):
    failures = []
    for case in CASES:
        if case.position == position:
            problem = _converted_or_reported(case)
            if problem:
                failures.append(f"{case.id}\n{case.text}--> {problem}")
    assert not failures, "\n\n".join(failures[:5]) + f"\n\n({len(failures)} failing)"


def test_the_cases_cover_every_position_reference_alias_and_wrap():
    kinds = Counter((c.alias, c.wrap) for c in CASES)
    assert set(kinds) == {("direct", "module"), ("direct", "function"), ("direct", "class"),
                          ("module alias", "module"), ("module alias", "function"), ("module alias", "class"),
                          ("function alias", "function")}
    refs = Counter(c.ref for c in CASES if c.alias != "direct")
    assert len(refs) == 8 and min(refs.values()) >= len(POSITIONS) // 2
    assert len(CASES) > 900


# ---- what an alias assignment itself becomes ---------------------------------------------

ALIASES = '''\
import tensorflow as tf
tfe = tf.contrib.eager
layers = tf.layers
slim = tf.contrib.slim
Modes = tf.estimator.ModeKeys
K = tf.keras.backend
log = tf.log
v = tfe.Variable(1.0)
y = layers.dense(x, 3)
net = slim.conv2d(x, 3, [3, 3])
if mode == Modes.TRAIN:
    K.set_session(sess)
z = log(y)
'''


def test_uses_through_assigned_aliases_are_converted_or_reported_at_their_line():
    r = upgrade_source(ALIASES, "m.py", target_version="2.21")
    lines = r.code.split("\n")
    reported = {(d.line, d.rule) for d in r.diagnostics}
    assert (2, "TFU110") in reported and (8, "TFU110") in reported  # tf.contrib.eager, and its Variable
    assert "layers = tf.compat.v1.layers" in lines  # the alias follows the rename...
    assert "y = layers.dense(x, 3)" in lines  # ...so its uses keep their spelling
    assert (9, "TFU302") in reported  # and are reported where the rules report tf.layers.dense
    assert "import tf_slim" in lines and "slim = tf_slim" in lines and "net = slim.conv2d(x, 3, [3, 3])" in lines
    assert (5, "TFU330") in reported  # tf.estimator: gone in 2.16...
    assert 'if mode == "train":' in lines  # ...but its ModeKeys constants are strings (TFU232)
    # Keras 3 (the default for 2.21) has no set_session: reported at the use, left as written
    assert (12, "TFU370") in reported and "    K.set_session(sess)" in lines
    # keeping Keras 2 (tf_keras), a use whose new name does not lie under the alias's is
    # spelled through TensorFlow itself
    kept = upgrade_source(ALIASES, "m.py", target_version="2.21", keras="tf_keras").code.split("\n")
    assert "    tf.compat.v1.keras.backend.set_session(sess)" in kept
    assert "log = tf.math.log" in lines and "z = log(y)" in lines
    assert upgrade_source(r.code, "m.py", target_version="2.21").code == r.code

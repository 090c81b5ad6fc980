"""TF 1.x names inside the code the lifter copies (``tf.log``, ``tf.random_normal``...) get
their TF 2 spelling from the ordinary upgrader, in one libcst pass over all the pieces.

The lifter's own output (Keras objects, tf.function, tf.summary with step) never goes
through the upgrader: in TF 1.x terms ``tf.summary.scalar`` is the v1 op it would keep as
compat.v1.  Pieces are marked in the lifted text with a token; :meth:`resolve` swaps them.
"""
from __future__ import annotations

import ast
import re
import textwrap
from typing import Dict, List, Tuple

from .names import Decline

_TOKEN = re.compile(r"^([ \t]*)@@TFU_FRAGMENT_(\d+)@@\n?", re.M)
_EXPR_TOKEN = re.compile(r"@@TFU_EXPR_(\d+)@@")


class _At:
    """A position for a Decline raised about a copied piece (its line in the original)."""

    def __init__(self, line: int):
        self.lineno, self.col_offset = line, 0


class Fragments:
    def __init__(self, filename: str, settings):
        self.filename = filename
        self.settings = settings
        self.pieces: List[Tuple[str, str, int]] = []  # (kind, text, original line)
        self.diagnostics = []

    def statement(self, text: str, line: int) -> str:
        """A token standing for the statement(s) ``text`` (any indentation; re-indented where used)."""
        self.pieces.append(("stmt", textwrap.dedent(text).rstrip("\n"), line))
        return f"@@TFU_FRAGMENT_{len(self.pieces) - 1}@@\n"

    def expression(self, text: str, line: int) -> str:
        if "tf." not in text:
            return text
        self.pieces.append(("expr", text, line))
        return f"@@TFU_EXPR_{len(self.pieces) - 1}@@"

    def _upgrade(self) -> Dict[int, str]:
        if not self.pieces:
            return {}

        parts = ["import tensorflow as tf\n"]
        for i, (kind, text, _) in enumerate(self.pieces):
            body = text if kind == "stmt" else f"_ = ({text})"
            parts.append(f"def _tfu_fragment_{i}():\n{textwrap.indent(body, '    ')}\n")
        module = "\n".join(parts)
        result = self.upgrade(module)
        tree = ast.parse(result.code)
        lines = result.code.splitlines(keepends=True)
        out = {}
        for fn in tree.body:
            if isinstance(fn, ast.FunctionDef) and fn.name.startswith("_tfu_fragment_"):
                i = int(fn.name.rsplit("_", 1)[1])
                kind = self.pieces[i][0]
                if kind == "stmt":
                    text = "".join(lines[fn.body[0].lineno - 1: fn.body[-1].end_lineno])
                    out[i] = textwrap.dedent(text).rstrip("\n")
                else:
                    value = fn.body[0].value
                    out[i] = ast.get_source_segment(result.code, value)
        starts = {}
        for fn in tree.body:
            if isinstance(fn, ast.FunctionDef) and fn.name.startswith("_tfu_fragment_"):
                starts[int(fn.name.rsplit("_", 1)[1])] = (fn.lineno, fn.end_lineno)
        for i, text in out.items():
            if "compat.v1" in text:
                kind, original, line = self.pieces[i]
                raise Decline("TFU510", _At(line), f"`{original.strip().splitlines()[0][:60]}` has no TF 2 spelling "
                                                   "the lifter can use (the upgrader keeps it as tf.compat.v1)")
        for d in result.diagnostics:
            for i, (a, b) in starts.items():
                if a <= d.line <= b:
                    line = self.pieces[i][2]
                    if d.severity == "error":
                        raise Decline("TFU510", None, f"line {line}: the TF 2 spelling of this code needs a manual "
                                                      f"change ({d.rule}: {d.message})")
                    self.diagnostics.append((d, line))
        return out

    def upgrade(self, module: str):
        from ..upgrader.engine import upgrade_text
        from ..upgrader.result import Settings

        # the pieces are TF 1.x by the modernizer's evidence (a graph run in a Session): say so, so
        # that rules whose TF 1.x and TF 2 meanings differ apply to them as to the whole file
        return upgrade_text(module, self.filename, Settings(
            target_version=self.settings.target_version if self.settings else None, dialect="tf1",
            dialect_source="modernize: the file runs its graph in a tf.Session"))

    def resolve(self, text: str) -> str:
        done = self._upgrade()

        def stmt(m):
            return textwrap.indent(done[int(m.group(2))], m.group(1)) + "\n"

        text = _TOKEN.sub(stmt, text)
        return _v2(_EXPR_TOKEN.sub(lambda m: done[int(m.group(1))], text))


def _v2(text: str) -> str:
    """``tf.compat.v2.x`` is ``tf.x`` on TF 2 (the upgrader spells TF 2-semantics ops that way so
    that TF 1.x readers of the file see the difference; the modernized file is TF 2 only)."""
    return re.sub(r"\btf\.compat\.v2\.", "tf.", text)


"""The engine names no TensorFlow symbol: what a rule needs from it comes from the registrations.

The upgrader knows TensorFlow's package layout (``tensorflow``, ``tensorflow.compat.v1``/``v2``
and the names code uses for it without importing it: ``tf``, ``slim``, ``contrib_*``), never
an API symbol, a method a rule watches or a name a rule looks up.  Docstrings and comments
may use examples; string literals that the code acts on may not.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from tf_upgrade.rules import load_all, tables

ROOT = Path(__file__).resolve().parents[1]
UPGRADER = ROOT / "tf_upgrade" / "upgrader"
# the package layout and the conventional bindings (fastpath.IMPLICIT_BINDINGS): not API symbols
LAYOUT = {"tf", "tf.compat", "tf.compat.v1", "tf.compat.v2", "tf.contrib", "tf.contrib.slim"}
DOTTED = re.compile(r"(?<![\w.])(?:tf|tensorflow)(?:\.\w+)+")


def _literals(path: Path):
    """(line, text) of each string literal in ``path`` that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def _tf_symbols():
    known = set(tables.symbol_renames()) | set(tables.symbol_renames().values())
    for version in tables.available_versions():
        known |= set(tables.symbols_for(version))
    return known


def test_the_engine_names_no_tf_symbol():
    registry = load_all()
    watched = {m for h in registry.hooks if h.kind == "method" for m in h.keys}
    looked_up = {n for h in registry.hooks for n in h.looks_up}
    symbols = _tf_symbols()
    assert "tf.placeholder" in symbols and "make_one_shot_iterator" in watched and "main" in looked_up
    found = []
    for path in sorted(UPGRADER.rglob("*.py")):
        for line, text in _literals(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if text in watched or text in looked_up:
                found.append(f"{where}: {text!r} is a rule's method or looked-up name (say it in the registration)")
            for name in DOTTED.findall(text):
                canonical = "tf" + name[len("tensorflow"):] if name.startswith("tensorflow") else name
                if canonical not in LAYOUT and (canonical in symbols or canonical.rstrip(".") in symbols):
                    found.append(f"{where}: {name} is a TensorFlow symbol (it belongs in rules/)")
    assert not found, "\n".join(found)

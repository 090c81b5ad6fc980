"""Calls whose arguments changed names or positions between TF 1.x and TF 2.

Both tables are generated (tools/gen_rules.py).  ``positional.json`` gives, per
TF 1.x function, the first position TF 2 reads
differently (``tf.argmax``: TF 1.x's third parameter is ``name``, TF 2's is
``output_type``; ``tf.Variable``: ``collections`` became ``validate_shape``).
Only a call that passes an argument at or after that position binds differently
in TF 2, so only those arguments are passed by keyword, with their TF 1.x names;
renamed keywords then get their TF 2 names::

    tf.argmax(x, 1)                   -> unchanged (binds the same in TF 2)
    tf.argmax(x, 1, "n")              -> tf.argmax(x, 1, name="n")
    tf.Variable(v)                    -> unchanged
    tf.reduce_sum(x, keep_dims=True)  -> tf.reduce_sum(x, keepdims=True)

Arguments before the first changed position stay positional (they mean the same
in both); the exception is a trailing TF 1.x parameter whose TF 2 name is one of
them (``dimension`` -> ``axis``): then every argument is passed by keyword, or
the call would name ``axis`` twice.  A positional argument in a TF 1.x call
that TF 2 reads differently is a meaning that differs between the dialects
(``Rule.meaning_differs``): applied to TF 1.x code only.
"""
from __future__ import annotations

from functools import lru_cache
from typing import List, Mapping, Tuple, Union

import libcst as cst

from . import tables
from ._keras import keras3
from .registry import on_call, rule
from .syntax import fix_commas, keyword_arg

POSITIONAL = rule(
    "TFU103", "positional-to-keyword",
    "positional arguments whose position changed meaning in TF 2 are passed by keyword",
    why="TF 2 reordered some parameters (tf.argmax's name moved after output_type): by position they'd bind wrongly.",
    meaning_differs=True)
KEYWORDS = rule(
    "TFU102", "keyword-rename", "renamed keyword arguments get their TF 2 names (keep_dims -> keepdims)",
    why="TF 2 removed the deprecated aliases of many arguments.")
AMBIGUOUS = rule(
    "TFU106", "hidden-arguments", "a call whose *args/**kwargs hide arguments that changed in TF 2",
    fix="manual", severity="warning",
    why="The tool cannot see which parameters *args or **kwargs fill, so it cannot rename or reorder them.")


@lru_cache(maxsize=None)
def first_moved(q: str) -> int:
    """The first position of TF 1.x function ``q`` that TF 2 binds to another parameter.

    The table's ``first_changed`` also counts a parameter TF 2 only renamed
    (``tf.zeros_like``'s ``tensor`` is ``input``, ``tf.device``'s ``device_name_or_function``
    is ``device_name``): by position it binds the same."""
    info = tables.positional().get(q)
    if not info:
        return 1 << 30
    entry = tables.keyword_renames().get(q)
    renamed = entry.all if entry else {}
    for i, name in enumerate(info.args):
        if i >= len(info.v2_args) or renamed.get(name, name) != info.v2_args[i]:
            return i
    return len(info.args)


def _reorders(q: str, env, shape) -> bool:
    if not shape.positional or q not in tables.positional():
        return False
    return shape.positional > first_moved(q) or shape.star


@on_call(POSITIONAL, "*", screen=_reorders)
def positional_to_keyword(ctx, call):
    info = tables.positional().get(call.qualname)
    if not info:
        return None
    names, first = info.args, first_moved(call.qualname)
    positional = [a for a in call.node.args if a.keyword is None and a.star != "**"]
    starred = any(a.star == "*" for a in positional)
    if not positional or not (starred or len(positional) > first):
        return None  # every argument passed binds the same in TF 2
    if ctx.renamed_to.get(id(call.original.func), "").startswith("tf.compat.v1."):
        return None  # the call keeps the TF 1.x function, and its signature
    if starred or len(positional) > len(names):
        ctx.report(AMBIGUOUS, call.original, f"{call.qualname}: the meaning of its positional arguments "
                   f"changed in TF 2 and *args hides where they land",
                   hint=f"pass {', '.join(names[first:first + 3])}... by keyword")
        return None
    entry = tables.keyword_renames().get(call.qualname)
    renamed = entry.all if entry else {}
    moved = {renamed.get(n, n) for n in names[first:len(positional)]}
    start = 0 if moved & set(names[:first]) else first
    if call.qualname.startswith("tf.keras.") and keras3(ctx.settings, ctx.target):
        names = _keras3_names(names, info.v2_args)
    out = []
    index = 0
    for a in call.node.args:
        if a.keyword is None and a.star != "**":
            out.append(keyword_arg(names[index], a.value, like=a) if index >= start else a)
            index += 1
        else:
            out.append(a)
    return call.with_args(out)


def _keras3_names(names, v2_names):
    """Keras 3 renamed some positional parameters (to_categorical's y is x, LeakyReLU's alpha is
    negative_slope): a Keras 2 name Keras 3 lacks, at a position whose Keras 3 name Keras 2 lacked,
    is that renamed parameter.  (The keyword-rename table has no tf.keras entries.)"""
    out = list(names)
    for i, name in enumerate(names):
        if i < len(v2_names) and name not in v2_names and v2_names[i] not in names:
            out[i] = v2_names[i]
    return out


def renamed_keywords(call, renames: Mapping[str, str]) -> Union[List[cst.Arg], Tuple[str, str], None]:
    """The call's arguments with the keywords of ``renames`` (old -> new) renamed; ``(old, new)``
    when the call passes both (TF 2 would refuse it: the caller reports it); None when none is passed."""
    present = {a.keyword.value for a in call.node.args if a.keyword is not None}
    out = []
    changed = False
    for a in call.node.args:
        new = renames.get(a.keyword.value) if a.keyword is not None else None
        if new is None:
            out.append(a)
            continue
        if new in present:
            return a.keyword.value, new
        out.append(a.with_changes(keyword=cst.Name(new)))
        changed = True
    return out if changed else None


def _passes_renamed(q: str, env, shape) -> bool:
    table = tables.metadata_keyword_renames().get(q)
    return table is not None and not shape.keywords.isdisjoint(table)


@on_call(KEYWORDS, "*", screen=_passes_renamed)
def rename_keywords(ctx, call):
    table = tables.metadata_keyword_renames().get(call.qualname)
    if not table:
        return None  # (also called by _calls.settled, without the screen)
    args = renamed_keywords(call, table)
    if isinstance(args, tuple):
        old, new = args
        ctx.report(AMBIGUOUS, call.original, f"{call.qualname}: both {old}= and {new}= given; "
                   f"TF 2 only accepts {new}=", severity="error", hint=f"remove {old}=")
        return None
    return call.with_args(fix_commas(args)) if args is not None else None

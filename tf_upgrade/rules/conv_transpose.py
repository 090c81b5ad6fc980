"""``tf.nn.conv2d_backprop_input`` -> ``tf.nn.conv2d_transpose``, TF 2's name for the same op.

TF 1.x's ``conv2d_backprop_input(input_sizes, filter, out_backprop, strides,
padding, ...)`` is the gradient of conv2d with respect to its input, which TF 2
exports as ``conv2d_transpose(input=out_backprop, filters=filter,
output_shape=input_sizes, ...)`` (it calls the same kernel).  The arguments are
bound by their TF 1.x names and passed by their TF 2 names; ``use_cudnn_on_gpu``
was an implementation hint and is dropped.  Only the op's default name differs
(``conv2d_transpose`` instead of ``Conv2DBackpropInput``); pass ``name=`` where
code looks tensors up by name.  A call that hides arguments in
``*args``/``**kwargs`` or lacks one of the five required ones keeps
``tf.compat.v1.nn.conv2d_backprop_input``.
"""
from __future__ import annotations

from typing import Optional

from . import tables
from ._calls import call_to
from .registry import AS_WRITTEN, SPECIFIC, Rename, on_call, on_reference, rule
from .syntax import keyword_arg

TRANSPOSE = rule(
    "TFU235", "conv2d-backprop-input",
    "tf.nn.conv2d_backprop_input(sizes, filter, grad, ...) becomes tf.nn.conv2d_transpose(grad, filter, sizes, ...)",
    why="TF 2 dropped the conv2d_backprop_input name; conv2d_transpose runs the same op with the arguments in "
        "another order (output gradient first, the input size as output_shape).")

NAME = "tf.nn.conv2d_backprop_input"
V2_NAMES = {"out_backprop": "input", "filter": "filters", "input_sizes": "output_shape", "strides": "strides",
            "padding": "padding", "data_format": "data_format", "dilations": "dilations", "name": "name"}
V2_ORDER = ("out_backprop", "filter", "input_sizes", "strides", "padding", "data_format", "dilations", "name")


@on_reference(TRANSPOSE, priority=SPECIFIC + 20, screen=lambda q, env: q == NAME)
def transpose_reference(ctx, ref) -> Optional[Rename]:
    if ctx.is_called(ref.node) and _convertible(ctx.parent(ref.node)):
        return Rename(TRANSPOSE, None)  # the call hook writes the call
    return None


def _bound(args, name):
    """The v1 argument for ``name`` in a libcst argument list (keyword first, else by position)."""
    for a in args:
        if a.keyword is not None and (a.keyword.value == name or (name == "filter" and a.keyword.value == "filters")):
            return a
    positional = [a for a in args if a.keyword is None]
    index = tables.v1_args(NAME).index(name)
    return positional[index] if index < len(positional) else None


def _convertible(call_node) -> bool:
    if call_node is None or any(a.star for a in call_node.args):
        return False
    return all(_bound(call_node.args, n) is not None for n in tables.v1_args(NAME)[:5])


@on_call(TRANSPOSE, NAME, priority=AS_WRITTEN)
def conv2d_backprop_input(ctx, call):
    if not _convertible(call.original) or not ctx.exists("tf.nn.conv2d_transpose"):
        return None
    args = []
    for name in V2_ORDER:
        arg = _bound(call.node.args, name)
        if arg is not None:
            args.append(keyword_arg(V2_NAMES[name], arg.value))
    return call_to(ctx, call, "tf.nn.conv2d_transpose", args)

"""``tf.image.resize_bilinear`` & co. become ``tf.image.resize(..., method=...)``.

TF 2's ``tf.image.resize`` samples at half-pixel centres and has no
``align_corners``: it equals the v1 op called with ``half_pixel_centers=True``
(AREA: with the v1 defaults).  Calls that set ``align_corners`` (or pass it as
an expression) keep the exact v1 op under ``tf.compat.v1``; calls on the v1
default grid are converted and get a warning, as the sampled pixels move by half a
pixel (nearest neighbour then picks other pixels).
"""
from __future__ import annotations

import libcst as cst

from . import tables
from ._calls import UNKNOWN, call_to, hidden, literal, locate, replace_arg, settled, with_value
from .registry import AFTER_ARGUMENTS, on_call, rule
from .syntax import keyword_arg

RESIZE = rule(
    "TFU203", "image-resize", "tf.image.resize_bilinear/nearest_neighbor/bicubic/area become tf.image.resize(method=...)",
    why="The per-method resize functions only exist under tf.compat.v1 in TF 2. tf.image.resize equals the v1 op "
        "with half_pixel_centers=True (AREA: the v1 default); on v1's default grid the sampled pixels move by half a "
        "pixel, which is reported (a warning: other numbers) with the compat.v1 spelling that keeps them. align_corners has no TF 2 "
        "equivalent, so those calls stay on tf.compat.v1.")

# A warning, not a note: the converted program computes other numbers (a DQN's nearest-neighbour frames moved
# its values by 6.6e-3), which is the user's to accept or to keep with the compat.v1 spelling.
_NEAREST = " (nearest neighbour picks other source pixels)"

METHODS = {
    "tf.image.resize_bilinear": "BILINEAR", "tf.image.resize_nearest_neighbor": "NEAREST_NEIGHBOR",
    "tf.image.resize_bicubic": "BICUBIC", "tf.image.resize_area": "AREA",
}


@on_call(RESIZE, *METHODS, priority=AFTER_ARGUMENTS)
def resize(ctx, call):
    short = call.qualname.rsplit(".", 1)[1]
    v1 = tables.v1_args(call.qualname)
    if call.has_star_args():
        if hidden(call, v1, "align_corners") or hidden(call, v1, "images"):
            ctx.report(RESIZE, call.original, f"{call.qualname}(*args/**kwargs): align_corners cannot be located; "
                       f"kept tf.compat.v1.image.{short}", hint="pass the arguments by keyword")
        return None
    images, size = locate(call, v1, "images"), locate(call, v1, "size")
    align = locate(call, v1, "align_corners")
    half = locate(call, v1, "half_pixel_centers")
    name = locate(call, v1, "name")
    align_value = False if align is None else literal(align.value)
    half_value = False if half is None else literal(half.value)
    if images is None or size is None:
        return None
    if align_value is not False or half_value is UNKNOWN:
        ctx.report(RESIZE, call.original, f"{call.qualname}: align_corners has no tf.image.resize equivalent; "
                   f"kept tf.compat.v1.image.{short}",
                   hint="drop align_corners (TF 2 uses half-pixel centres) to move to tf.image.resize")
        return None
    method = METHODS[call.qualname]
    if method != "AREA" and half_value is not True:
        ctx.report(RESIZE, call.original, f"tf.image.resize samples at half-pixel centres: its results differ "
                   f"from {short}'s default grid{_NEAREST if method == 'NEAREST_NEIGHBOR' else ''}",
                   severity="warning", hint=f"tf.compat.v1.image.{short} keeps the old grid exactly")
    args = [images, size, keyword_arg("method", ctx.spell(f"tf.image.ResizeMethod.{method}",
                                                          near=call.reference_binding))]
    if name is not None:
        args.append(keyword_arg("name", name.value))
    args = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in args]
    return settled(ctx, call, call_to(ctx, call, "tf.image.resize", args), "tf.image.resize")


# tf.image.resize_images (TF 1.x) took ResizeMethod as ints; TF 2's tf.image.resize takes strings.
INT_METHODS = {0: "BILINEAR", 1: "NEAREST_NEIGHBOR", 2: "BICUBIC", 3: "AREA"}


@on_call(RESIZE, "tf.image.resize_images", "tf.image.resize", priority=AFTER_ARGUMENTS,
         screen=lambda q, env, shape: q == "tf.image.resize_images" or "method" in shape.keywords
         or shape.positional > 2)
def resize_images(ctx, call):
    """tf.image.resize_images -> tf.image.resize is a table rename; fix what it leaves behind."""
    if call.has_star_args() or not ctx.exists("tf.image.resize"):
        return None
    method = locate(call, tables.v1_args(call.qualname), "method")
    value = "BILINEAR" if method is None else literal(method.value)
    if isinstance(value, int) and not isinstance(value, bool) and value in INT_METHODS:
        value = INT_METHODS[value]
        spelled = ctx.spell(f"tf.image.ResizeMethod.{value}", near=call.reference_binding)
        node = call.with_args(replace_arg(call.node.args, method, with_value(method, spelled)))
    else:
        node = None
        if method is not None and ctx.qualname(_original(call, method)) is not None:
            value = ctx.qualname(_original(call, method)).rsplit(".", 1)[-1]
    if call.qualname == "tf.image.resize_images" and value != "AREA":
        ctx.report(RESIZE, call.original, "tf.image.resize samples at half-pixel centres: its results differ "
                   "from resize_images' grid" + (_NEAREST if value == "NEAREST_NEIGHBOR" else ""),
                   severity="warning", hint="tf.compat.v1.image.resize_images keeps the old grid exactly")
    return node


def _original(call, arg):
    """The original-tree value of keyword/positional ``arg`` (for name resolution)."""
    for old, new in zip(call.original.args, call.node.args):
        if new is arg:
            return old.value
    for old in call.original.args:
        if arg.keyword is not None and old.keyword is not None and old.keyword.value == arg.keyword.value:
            return old.value
    return arg.value

"""TensorFlow 0.x names still found in TF 1.x-era code: ``tf.mul`` -> ``tf.multiply`` and the rest.

TF 1.0 renamed these (``tf.mul``, ``tf.sub``, ``tf.neg``, ``tf.pack``,
``tf.unpack``, ``tf.select``, ``tf.batch_matmul``, the ``*_summary`` ops...)
and dropped the old names, so they are in no generated table; code that kept
them ran on a pinned 0.x release.  Each one maps to its TF 2 spelling with the
arguments bound by their 0.x names: a positional argument stays positional where
the new function has the same parameter at that position, otherwise it is
passed by keyword under its new name (``batch_matmul(x, y, True)`` ->
``matmul(x, y, adjoint_a=True)``).  What has no counterpart (the op ``name`` of
a summary, which TF 1.x derived from the tag) is reported, not dropped.
"""
from __future__ import annotations

from typing import Dict, NamedTuple, Optional, Tuple

import libcst as cst

from .registry import AS_WRITTEN, SPECIFIC, Rename, on_call, on_reference, rule
from .syntax import keyword_arg

TF0 = rule(
    "TFU227", "tf0-names",
    "TensorFlow 0.x names (tf.mul, tf.sub, tf.pack, tf.histogram_summary, ...) get their TF 2 names",
    why="TF 1.0 renamed these functions and removed the old names; their TF 2 spellings take the same "
        "arguments under partly different names (tf.select's t/e are tf.compat.v1.where's x/y).")


class Old(NamedTuple):
    new: str  # TF 2 spelling
    params: Tuple[str, ...]  # the 0.x positional parameters
    new_params: Tuple[str, ...]  # the new function's positional parameters
    renamed: Dict[str, Optional[str]] = {}  # 0.x keyword -> new keyword (None: no counterpart)


_SUMMARY = ("name", "tensor", "collections", "family")
TABLE: Dict[str, Old] = {
    "tf.mul": Old("tf.multiply", ("x", "y", "name"), ("x", "y", "name")),
    "tf.sub": Old("tf.subtract", ("x", "y", "name"), ("x", "y", "name")),
    "tf.neg": Old("tf.negative", ("x", "name"), ("x", "name")),
    "tf.inv": Old("tf.math.reciprocal", ("x", "name"), ("x", "name")),
    "tf.complex_abs": Old("tf.abs", ("x", "name"), ("x", "name")),
    "tf.pack": Old("tf.stack", ("values", "axis", "name"), ("values", "axis", "name")),
    "tf.unpack": Old("tf.unstack", ("value", "num", "axis", "name"), ("value", "num", "axis", "name")),
    "tf.select": Old("tf.compat.v1.where", ("condition", "t", "e", "name"), ("condition", "x", "y", "name"),
                     {"t": "x", "e": "y"}),
    "tf.batch_matmul": Old("tf.linalg.matmul", ("x", "y", "adj_x", "adj_y", "name"),
                           ("a", "b", "transpose_a", "transpose_b", "adjoint_a", "adjoint_b"),
                           {"x": "a", "y": "b", "adj_x": "adjoint_a", "adj_y": "adjoint_b"}),
    "tf.listdiff": Old("tf.compat.v1.setdiff1d", ("x", "y", "out_idx", "name"), ("x", "y", "index", "name"),
                       {"out_idx": "index_dtype"}),
    "tf.scalar_summary": Old("tf.compat.v1.summary.scalar", ("tags", "values", "collections", "name"), _SUMMARY,
                             {"tags": "name", "values": "tensor", "name": None}),
    "tf.histogram_summary": Old("tf.compat.v1.summary.histogram", ("tag", "values", "collections", "name"),
                                ("name", "values", "collections", "family"), {"tag": "name", "name": None}),
    "tf.image_summary": Old("tf.compat.v1.summary.image", ("tag", "tensor", "max_images", "collections", "name"),
                            ("name", "tensor", "max_outputs", "collections", "family"),
                            {"tag": "name", "max_images": "max_outputs", "name": None}),
    "tf.audio_summary": Old("tf.compat.v1.summary.audio",
                            ("tag", "tensor", "sample_rate", "max_outputs", "collections", "name"),
                            ("name", "tensor", "sample_rate", "max_outputs", "collections", "family"),
                            {"tag": "name", "name": None}),
    "tf.merge_summary": Old("tf.compat.v1.summary.merge", ("inputs", "collections", "name"),
                            ("inputs", "collections", "name")),
    "tf.merge_all_summaries": Old("tf.compat.v1.summary.merge_all", ("key",), ("key", "scope", "name")),
    # TF 0.x's batch_* linear-algebra ops (the unbatched names took over their batching in 0.12)
    "tf.batch_matrix_diag": Old("tf.linalg.diag", ("diagonal", "name"), ("diagonal", "name")),
    "tf.batch_matrix_diag_part": Old("tf.linalg.diag_part", ("input", "name"), ("input", "name")),
    "tf.batch_matrix_set_diag": Old("tf.linalg.set_diag", ("input", "diagonal", "name"),
                                    ("input", "diagonal", "name")),
    "tf.batch_matrix_band_part": Old("tf.linalg.band_part", ("input", "num_lower", "num_upper", "name"),
                                     ("input", "num_lower", "num_upper", "name")),
    "tf.batch_matrix_transpose": Old("tf.linalg.matrix_transpose", ("a", "name"), ("a", "name")),
    "tf.batch_matrix_determinant": Old("tf.linalg.det", ("input", "name"), ("input", "name")),
    "tf.batch_matrix_inverse": Old("tf.linalg.inv", ("input", "adjoint", "name"), ("input", "adjoint", "name")),
    "tf.batch_cholesky": Old("tf.linalg.cholesky", ("input", "name"), ("input", "name")),
    "tf.batch_cholesky_solve": Old("tf.linalg.cholesky_solve", ("chol", "rhs", "name"), ("chol", "rhs", "name")),
    "tf.batch_matrix_solve": Old("tf.linalg.solve", ("matrix", "rhs", "adjoint", "name"),
                                 ("matrix", "rhs", "adjoint", "name")),
    "tf.batch_matrix_triangular_solve": Old("tf.linalg.triangular_solve",
                                            ("matrix", "rhs", "lower", "adjoint", "name"),
                                            ("matrix", "rhs", "lower", "adjoint", "name")),
    "tf.batch_matrix_solve_ls": Old("tf.linalg.lstsq", ("matrix", "rhs", "l2_regularizer", "fast", "name"),
                                    ("matrix", "rhs", "l2_regularizer", "fast", "name")),
    # 0.x's svd put compute_uv before full_matrices; TF 1.0 swapped them
    "tf.batch_svd": Old("tf.linalg.svd", ("tensor", "compute_uv", "full_matrices", "name"),
                        ("tensor", "full_matrices", "compute_uv", "name")),
    "tf.batch_fft": Old("tf.signal.fft", ("input", "name"), ("input", "name")),
    "tf.batch_ifft": Old("tf.signal.ifft", ("input", "name"), ("input", "name")),
    "tf.batch_fft2d": Old("tf.signal.fft2d", ("input", "name"), ("input", "name")),
    "tf.batch_ifft2d": Old("tf.signal.ifft2d", ("input", "name"), ("input", "name")),
    "tf.batch_fft3d": Old("tf.signal.fft3d", ("input", "name"), ("input", "name")),
    "tf.batch_ifft3d": Old("tf.signal.ifft3d", ("input", "name"), ("input", "name")),
    "tf.image.per_image_whitening": Old("tf.image.per_image_standardization", ("image",), ("image",)),
    "tf.list_diff": Old("tf.compat.v1.setdiff1d", ("x", "y", "out_idx", "name"), ("x", "y", "index", "name"),
                        {"out_idx": "index_dtype"}),
    "tf.contrib.deprecated.scalar_summary": Old("tf.compat.v1.summary.scalar",
                                                ("tags", "values", "collections", "name"), _SUMMARY,
                                                {"tags": "name", "values": "tensor", "name": None}),
    "tf.contrib.deprecated.histogram_summary": Old("tf.compat.v1.summary.histogram",
                                                   ("tag", "values", "collections", "name"),
                                                   ("name", "values", "collections", "family"),
                                                   {"tag": "name", "name": None}),
    # the first releases' name for the transposed convolution
    "tf.nn.deconv2d": Old("tf.nn.conv2d_transpose", ("value", "filter", "output_shape", "strides", "padding", "name"),
                          ("input", "filters", "output_shape", "strides", "padding", "data_format", "dilations",
                           "name"), {"value": "input", "filter": "filters"}),
    # 0.x's static RNNs lived in tf.nn under these names (TF 1.x: tf.nn.static_rnn...)
    "tf.nn.rnn": Old("tf.compat.v1.nn.static_rnn",
                     ("cell", "inputs", "initial_state", "dtype", "sequence_length", "scope"),
                     ("cell", "inputs", "initial_state", "dtype", "sequence_length", "scope")),
    "tf.nn.bidirectional_rnn": Old("tf.compat.v1.nn.static_bidirectional_rnn",
                                   ("cell_fw", "cell_bw", "inputs", "initial_state_fw", "initial_state_bw",
                                    "dtype", "sequence_length", "scope"),
                                   ("cell_fw", "cell_bw", "inputs", "initial_state_fw", "initial_state_bw",
                                    "dtype", "sequence_length", "scope")),
    "tf.nn.state_saving_rnn": Old("tf.compat.v1.nn.static_state_saving_rnn",
                                  ("cell", "inputs", "state_saver", "state_name", "sequence_length", "scope"),
                                  ("cell", "inputs", "state_saver", "state_name", "sequence_length", "scope")),
    "tf.train.SummaryWriter": Old("tf.compat.v1.summary.FileWriter",
                                  ("logdir", "graph", "max_queue", "flush_secs", "graph_def"),
                                  ("logdir", "graph", "max_queue", "flush_secs", "graph_def")),
}


def new_name(qualname: str) -> str:
    """The TF 2 spelling of a TF 0.x name (other names as they are): what other rules see on a second run."""
    old = TABLE.get(qualname)
    return old.new if old is not None else qualname


def _same_signature(old: Old) -> bool:
    """Can a use that is not a call (``f = tf.mul``) be renamed: every argument binds the same?"""
    return not old.renamed and old.params == old.new_params[:len(old.params)]


SEQ2SEQ = "tf.nn.seq2seq"  # 0.x's module; TF 1.x's tf.contrib.legacy_seq2seq, gone in TF 2


def _is_seq2seq(qualname: str) -> bool:
    return qualname == SEQ2SEQ or qualname.startswith(SEQ2SEQ + ".")


@on_reference(TF0, priority=SPECIFIC + 20, screen=lambda q, env: q in TABLE or _is_seq2seq(q))
def tf0_reference(ctx, ref) -> Optional[Rename]:
    if _is_seq2seq(ref.qualname):
        return Rename(TF0, None, severity="error",
                      message=f"{ref.qualname} is TensorFlow 0.x's sequence-to-sequence library; TF 1.x moved it to "
                              "tf.contrib.legacy_seq2seq, which TF 2 removed",
                      hint="port it to Keras layers (tf.keras.layers.RNN/Attention) or keep the code on "
                           "tf.compat.v1 with a copy of the legacy_seq2seq functions")
    old = TABLE[ref.qualname]
    if ctx.is_called(ref.node):
        return Rename(TF0, None)  # the call hook below binds the arguments (and reports)
    if not ctx.exists(old.new):
        return None
    if _same_signature(old):
        return Rename(TF0, old.new)
    return Rename(TF0, None, severity="warning",
                  message=f"{ref.qualname} is a TensorFlow 0.x name; its TF 2 spelling {old.new} names "
                          "some parameters differently, so passing it around cannot be converted here",
                  hint=f"call {old.new} with its own parameter names")


@on_call(TF0, *TABLE, priority=AS_WRITTEN)
def tf0_call(ctx, call):
    old = TABLE[call.qualname]
    if not ctx.exists(old.new):
        return None
    if call.has_star_args():
        if _same_signature(old):
            return call.node.with_changes(func=ctx.spell(old.new, near=call.reference_binding))
        ctx.report(TF0, call.original, f"{call.qualname}(*args/**kwargs): the tool cannot see which arguments "
                   f"become which parameters of {old.new}", severity="warning",
                   hint=f"call {old.new} with its own parameter names")
        return None
    args = []
    index = 0
    for a in call.node.args:
        name = a.keyword.value if a.keyword is not None else (old.params[index] if index < len(old.params) else None)
        if name is None:
            return None  # more positionals than the function took: it failed in 0.x too
        new = old.renamed.get(name, name)
        if new is None:
            ctx.report(TF0, call.original, f"{call.qualname}({name}=...): {old.new} has no such parameter (TF 1.x "
                       "names summary ops after their tag)", severity="warning",
                       hint=f"drop {name}= and call {old.new}")
            return None
        if a.keyword is None:
            keep = index < len(old.new_params) and old.new_params[index] == new and len(args) == index
            args.append(a if keep else keyword_arg(new, a.value, like=a))
            index += 1
        else:
            args.append(a if new == name else a.with_changes(keyword=cst.Name(new)))
    if call.qualname == "tf.scalar_summary" and args and isinstance(args[0].value, (cst.List, cst.Tuple)):
        ctx.report(TF0, call.original, "tf.scalar_summary with a list of tags wrote one summary per tag; "
                   "tf.compat.v1.summary.scalar takes one name", severity="warning",
                   hint="call tf.compat.v1.summary.scalar once per tag")
        return None
    node = call.node.with_changes(func=ctx.spell(old.new, near=call.reference_binding))
    return call.with_args(args).with_changes(func=node.func)

"""Keras ``model.fit_generator(...)`` & co. become ``model.fit(...)`` / ``evaluate`` / ``predict``.

The ``*_generator`` methods were deprecated in TF 2.1 and are gone from Keras 3
(TF 2.16+): ``fit``/``evaluate``/``predict`` take generators directly.  Their
parameters after the first are in a different order, so they are passed by
keyword; the queue/worker knobs (``max_queue_size``, ``workers``,
``use_multiprocessing``) only tuned data loading and are dropped; and
``evaluate_generator``/``predict_generator`` printed nothing by default, so
``verbose=0`` is written where the call relied on that.
"""
from __future__ import annotations

import libcst as cst

from .registry import on_method, rule
from .syntax import fix_commas, keyword_arg

GENERATORS = rule(
    "TFU214", "keras-generator-methods",
    "model.fit_generator / evaluate_generator / predict_generator become fit / evaluate / predict",
    why="Keras 3 (tf.keras since TF 2.16) removed the *_generator methods; the plain methods accept "
        "generators and keras.utils.PyDataset.")

PARAMS = {
    "fit_generator": ("generator", "steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data",
                      "validation_steps", "validation_freq", "class_weight", "max_queue_size", "workers",
                      "use_multiprocessing", "shuffle", "initial_epoch"),
    "evaluate_generator": ("generator", "steps", "callbacks", "max_queue_size", "workers", "use_multiprocessing",
                           "verbose"),
    "predict_generator": ("generator", "steps", "callbacks", "max_queue_size", "workers", "use_multiprocessing",
                          "verbose"),
}
LOADING_ONLY = {"max_queue_size", "workers", "use_multiprocessing"}
QUIET_BY_DEFAULT = {"evaluate_generator", "predict_generator"}


@on_method(GENERATORS, *PARAMS)
def generator_method(ctx, call):
    method = call.node.func.attr.value
    names = PARAMS[method]
    if any(a.star for a in call.node.args):
        ctx.report(GENERATORS, call.original, f"{method}(*args/**kwargs): the arguments cannot be mapped onto "
                   f"{method[:-len('_generator')]}()", severity="warning", hint="convert this call by hand")
        return None
    out = []
    index = 0
    seen = set()
    for a in call.node.args:
        name = a.keyword.value if a.keyword is not None else (names[index] if index < len(names) else None)
        if a.keyword is None:
            index += 1
        if name is None:
            return None  # more positional arguments than the method takes: leave it to Python's error
        seen.add(name)
        if name in LOADING_ONLY:
            continue
        if name == "generator":
            out.append(a if a.keyword is None else a.with_changes(keyword=cst.Name("x")))
        elif a.keyword is None:
            out.append(keyword_arg(name, a.value, like=a))
        else:
            out.append(a)
    if out:
        # kept arguments keep their own commas (and line breaks); the new last one ends like the old last
        last_comma = call.node.args[-1].comma
        if out[-1] is not call.node.args[-1]:
            out[-1] = out[-1].with_changes(comma=last_comma)
    if method in QUIET_BY_DEFAULT and "verbose" not in seen:
        verbose = keyword_arg("verbose", cst.Integer("0"))
        if out:
            # the old last argument takes the separator style, the new one the old ending
            separator = out[-2].comma if len(out) > 1 else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            verbose = verbose.with_changes(comma=out[-1].comma)
            out[-1] = out[-1].with_changes(comma=separator)
        out.append(verbose)
    new_func = call.node.func.with_changes(attr=cst.Name(method[:-len("_generator")]))
    return call.node.with_changes(func=new_func, args=fix_commas(out))

"""Summary ops that take a tag: TF 0.x's ``tf.scalar_summary``, ``tf.histogram_summary``, ``tf.image_summary``,
``tf.merge_summary``, ``tf.merge_all_summaries`` (kept in TF 1.x as ``tf.contrib.deprecated.*``).

TF 1.0 replaced them with ``tf.summary.*``, which take a name and prefix it with the name scope; these write
the tag exactly as given (the op itself is still named in the scope), and ``scalar_summary`` takes a list of
tags with one value each. The ops are the ``tf.summary`` ones (same kernels and event records).
"""
import numpy as np

from ..graph import GraphKeys, Tensor, constant_value, convert_to_tensor, get_default_graph
from ..namespace import export
from . import merge


def _static_tag(tag, plural):
    if isinstance(tag, Tensor):
        value = constant_value(tag)
        if value is None:
            raise TypeError("a summary tag computed at run time (%s) is not supported by tf_upgrade.compat_v1: "
                            "pass a string" % tag.name)
        tag = value
    if isinstance(tag, np.ndarray):
        tag = tag.tolist()
    if isinstance(tag, (list, tuple)):
        if not plural:
            raise TypeError("this summary takes one tag, got %r" % (tag,))
        return tuple(t.decode() if isinstance(t, bytes) else str(t) for t in tag)
    return tag.decode() if isinstance(tag, bytes) else str(tag)


def _tagged_summary(op_type, default_name, tag, values, collections, name, plural=False, **attrs):
    g = get_default_graph()
    tag = _static_tag(tag, plural)
    with g.name_scope(name or default_name) as scope:
        t = convert_to_tensor(values)
        out = g.create_op(op_type, [t], dict(attrs, tag=tag), name=scope).outputs[0]
    for key in (collections if collections is not None else [GraphKeys.SUMMARIES]):
        g.add_to_collection(key, out)
    return out


@export("tf.scalar_summary", "tf.contrib.deprecated.scalar_summary")
def scalar_summary(tags, values, collections=None, name=None):
    return _tagged_summary("ScalarSummary", "ScalarSummary", tags, values, collections, name, plural=True)


@export("tf.histogram_summary", "tf.contrib.deprecated.histogram_summary")
def histogram_summary(tag, values, collections=None, name=None):
    return _tagged_summary("HistogramSummary", "HistogramSummary", tag, values, collections, name)


@export("tf.image_summary", "tf.contrib.deprecated.image_summary")
def image_summary(tag, tensor, max_images=3, collections=None, name=None):
    return _tagged_summary("ImageSummary", "ImageSummary", tag, tensor, collections, name,
                           max_outputs=int(max_images))


@export("tf.merge_summary", "tf.contrib.deprecated.merge_summary")
def merge_summary(inputs, collections=None, name=None):
    return merge(inputs, collections, name or "MergeSummary")


@export("tf.merge_all_summaries", "tf.contrib.deprecated.merge_all_summaries")
def merge_all_summaries(key=GraphKeys.SUMMARIES):
    summaries = get_default_graph().get_collection(key)
    return merge_summary(summaries) if summaries else None

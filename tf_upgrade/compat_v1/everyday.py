"""The everyday pieces real TF 1.x programs use around their graphs, joined to the namespaces by
`install(tf_module)` (called at the end of `extensions.install`): `tf.compat`, `tf.device`, the
eager-mode switches TF 1.15 code calls, and the namespaces of the modules beside this one."""
import sys

from .namespace import Namespace


def _as_bytes(bytes_or_text, encoding="utf-8"):
    if isinstance(bytes_or_text, bytearray):
        return bytes(bytes_or_text)
    if isinstance(bytes_or_text, str):
        return bytes_or_text.encode(encoding)
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text
    raise TypeError("Expected binary or unicode string, got %r" % (bytes_or_text,))


def _as_text(bytes_or_text, encoding="utf-8"):
    if isinstance(bytes_or_text, str):
        return bytes_or_text
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text.decode(encoding)
    raise TypeError("Expected binary or unicode string, got %r" % (bytes_or_text,))


def _as_str_any(value):
    return _as_text(value) if isinstance(value, bytes) else str(value)


def _graph_mode_already():
    """disable_eager_execution / disable_v2_behavior: this runtime only has graph mode."""


def _executing_eagerly():
    return False


def install(tf):
    from . import graph
    from .extensions import _extend
    compat = Namespace("tf.compat", v1=tf, as_bytes=_as_bytes, as_text=_as_text, as_str=_as_text,
                       as_str_any=_as_str_any, as_bytes_or_text=_as_text,
                       bytes_or_text_types=(bytes, str), integral_types=(int,), real_types=(int, float))
    _extend(tf, {
        "compat": compat, "device": graph.device,
        "disable_eager_execution": _graph_mode_already, "disable_v2_behavior": _graph_mode_already,
        "executing_eagerly": _executing_eagerly,
    })

"""``tf.summary``: summary ops producing serialized ``Summary`` protos and ``FileWriter``.

The protos and the event-file records are encoded by :mod:`..io_formats.events`.
"""
import sys
import time

import numpy as np

from ..dtypes import DType as _DType
from ..graph import GraphKeys, convert_to_tensor, get_default_graph
from ..io_formats import events as _ev
from ..io_formats import wire as _wire
from ..namespace import export, export_namespace
from ..ops import registry as R

_dt = sys.modules[_DType.__module__]  # the dtypes module (package attr `dtypes` is tf.dtypes)


def _bytes_out(value):
    return np.asarray(value, dtype=object)


def _scalar_kernel(x, tag):
    v = np.asarray(x)
    if isinstance(tag, tuple):  # TF 0.x's scalar_summary(tags, values): one value per tag
        if v.shape != (len(tag),):
            raise ValueError("tags and values not the same shape: [%d] != %s" % (len(tag), list(v.shape)))
        return _bytes_out(b"".join(_ev.scalar_summary(t, float(x)) for t, x in zip(tag, v)))
    if v.size != 1:
        raise ValueError("tags and values not the same shape: [] != %s (tag '%s')" % (list(v.shape), tag))
    return _bytes_out(_ev.scalar_summary(tag, float(v.reshape(()))))


def _histogram_kernel(x, tag):
    return _bytes_out(_ev.histogram_summary(tag, np.asarray(x, dtype=np.float64)))


def _merge_kernel(*inputs):
    return _bytes_out(_ev.merge_summaries([bytes(np.asarray(s, dtype=object).item()) for s in inputs]))


def _png(img):
    """Encode an HxWxC uint8 array as PNG (zlib from the standard library)."""
    import struct
    import zlib
    h, w, c = img.shape
    color = {1: 0, 2: 4, 3: 2, 4: 6}[c]
    raw = b"".join(b"\0" + img[r].tobytes() for r in range(h))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, color, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _to_uint8(batch):
    """TF's rule: float images are scaled (in float32) so the largest magnitude maps to 255, or to 127
    around an offset of 128 when there are negative values, then truncated; uint8 images pass through."""
    if batch.dtype == np.uint8:
        return batch
    x = batch.astype(np.float32)
    out = np.empty(x.shape, np.uint8)
    for i, img in enumerate(x):
        lo, hi = img.min(), img.max()
        if lo >= 0:
            scale = np.float32(255.0) / hi if hi > 0 else np.float32(0.0)
            offset = np.float32(0.0)
        else:
            scale = np.float32(127.0) / max(-lo, hi)
            offset = np.float32(128.0)
        out[i] = np.clip(img * scale + offset, 0, 255).astype(np.uint8)
    return out


def _image_kernel(x, tag, max_outputs):
    batch = _to_uint8(np.asarray(x))[:max_outputs]
    values = b""
    for i, img in enumerate(batch):
        h, w, c = img.shape
        image = (_wire.f_varint(1, h) + _wire.f_varint(2, w) + _wire.f_varint(3, c)
                 + _wire.f_bytes(4, _png(np.ascontiguousarray(img))))
        name = "%s/image" % tag if max_outputs == 1 else "%s/image/%d" % (tag, i)
        values += _wire.f_message(1, _wire.f_bytes(1, name) + _wire.f_message(4, image))
    return _bytes_out(values)


def _text_kernel(x, tag):
    """A tensor summary of strings for TensorBoard's text plugin."""
    arr = np.asarray(x, dtype=object)
    shape = b"".join(_wire.f_message(2, _wire.f_varint(1, d, skip_default=False)) for d in arr.shape)
    tensor = _wire.f_varint(1, 7) + _wire.f_message(2, shape)
    for v in arr.reshape(-1):
        tensor += _wire.f_bytes(8, v if isinstance(v, bytes) else str(v).encode(), skip_default=False)
    metadata = _wire.f_message(1, _wire.f_bytes(1, "text"))
    value = _wire.f_bytes(1, tag) + _wire.f_message(8, tensor) + _wire.f_message(9, metadata)
    return _bytes_out(_wire.f_message(1, value))


_STRING = R.fixed(_dt.string, [])
R.register("TextSummary", kernel=_text_kernel, infer=_STRING, grad=R.NO_GRADIENT)
R.register("ImageSummary", kernel=_image_kernel, infer=_STRING, grad=R.NO_GRADIENT)
R.register("ScalarSummary", kernel=_scalar_kernel, infer=_STRING, grad=R.NO_GRADIENT)
R.register("HistogramSummary", kernel=_histogram_kernel, infer=_STRING, grad=R.NO_GRADIENT)
R.register("MergeSummary", kernel=_merge_kernel, infer=_STRING, grad=R.NO_GRADIENT)


def _clean_tag(name):
    """TF replaces characters that are invalid in op names by '_' (and drops leading slashes)."""
    import re
    cleaned = re.sub(r"[^-/\w\.]", "_", name).lstrip("/")
    if cleaned != name:
        from ..platform import tf_logging
        tf_logging.info("Summary name %s is illegal; using %s instead.", name, cleaned)
    return cleaned


def _summary(op_type, name, tensor, collections, family, **attrs):
    g = get_default_graph()
    name = _clean_tag(name)
    scope_name = name if family is None else "%s/%s" % (family, name)
    with g.name_scope(scope_name) as scope:
        tag = scope[:-1]
        if family is not None:
            tag = "%s/%s" % (family, tag)
        t = convert_to_tensor(tensor)
        out = g.create_op(op_type, [t], dict(attrs, tag=tag), name=scope).outputs[0]
    for key in (collections if collections is not None else [GraphKeys.SUMMARIES]):
        g.add_to_collection(key, out)
    return out


def scalar(name, tensor, collections=None, family=None):
    return _summary("ScalarSummary", name, tensor, collections, family)


def histogram(name, values, collections=None, family=None):
    return _summary("HistogramSummary", name, values, collections, family)


def image(name, tensor, max_outputs=3, collections=None, family=None):
    return _summary("ImageSummary", name, tensor, collections, family, max_outputs=int(max_outputs))


def text(name, tensor, collections=None):
    return _summary("TextSummary", name, tensor, collections, None)


def merge(inputs, collections=None, name=None):
    g = get_default_graph()
    inputs = [convert_to_tensor(i) for i in inputs]
    out = g.create_op("MergeSummary", inputs, {}, name=name or "Merge/MergeSummary").outputs[0]
    for key in collections or []:
        g.add_to_collection(key, out)
    return out


def merge_all(key=GraphKeys.SUMMARIES, scope=None, name=None):
    summaries = get_default_graph().get_collection(key, scope=scope)
    if not summaries:
        return None
    return merge(summaries, name=name)


# ---- Summary proto objects (tf.Summary / tf.summary.Summary) ----------------------------

@export("tf.HistogramProto")
class _HistogramProto:
    def __init__(self, min=0.0, max=0.0, num=0.0, sum=0.0, sum_squares=0.0, bucket_limit=(), bucket=()):  # noqa: A002
        self.min, self.max, self.num, self.sum, self.sum_squares = min, max, num, sum, sum_squares
        self.bucket_limit = list(bucket_limit)
        self.bucket = list(bucket)

    def SerializeToString(self):  # noqa: N802
        return (_wire.f_double(1, self.min) + _wire.f_double(2, self.max) + _wire.f_double(3, self.num)
                + _wire.f_double(4, self.sum) + _wire.f_double(5, self.sum_squares)
                + _wire.f_packed_doubles(6, self.bucket_limit) + _wire.f_packed_doubles(7, self.bucket))


@export("tf.Summary")
class Summary:
    """Enough of the ``Summary`` message to build scalar/histogram summaries by hand."""

    class Value:
        def __init__(self, tag="", simple_value=None, histo=None, node_name=None, **kwargs):
            self.tag = tag
            self.simple_value = simple_value
            self.histo = histo

        def SerializeToString(self):  # noqa: N802
            out = _wire.f_bytes(1, self.tag)
            if self.simple_value is not None:
                out += _wire.f_float(2, float(self.simple_value), skip_default=False)
            if self.histo is not None:
                out += _wire.f_message(5, self.histo.SerializeToString())
            return out

    def __init__(self, value=None):
        self.value = list(value or [])

    def SerializeToString(self):  # noqa: N802
        return b"".join(_wire.f_message(1, v.SerializeToString()) for v in self.value)

    def ParseFromString(self, data):  # noqa: N802
        self.value = [Summary.Value(tag=v["tag"], simple_value=v.get("simple_value"),
                                    histo=_HistogramProto(**v["histo"]) if "histo" in v else None)
                      for v in _ev.summary_values(data)]
        return len(data)

    @classmethod
    def FromString(cls, data):  # noqa: N802
        s = cls()
        s.ParseFromString(data)
        return s


HistogramProto = _HistogramProto


def _graph_def_bytes(graph):
    """A GraphDef (nodes: name, op, inputs) so TensorBoard can draw the graph."""
    out = b""
    for op in graph.get_operations():
        node = _wire.f_bytes(1, op.name) + _wire.f_bytes(2, op.type)
        for t in op.inputs:
            node += _wire.f_bytes(3, op_input_name(t), skip_default=False)
        for c in op.control_inputs:
            node += _wire.f_bytes(3, "^" + c.name, skip_default=False)
        out += _wire.f_message(1, node)
    return out + _wire.f_message(4, _wire.f_varint(1, 27))


def op_input_name(t):
    return t.op.name if t.value_index == 0 else "%s:%d" % (t.op.name, t.value_index)


@export("tf.train.SummaryWriter")  # TF 0.x's name
class FileWriter:
    """Writes ``events.out.tfevents.*`` files TensorBoard reads."""

    def __init__(self, logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None, filename_suffix=None,
                 session=None):
        self._logdir = str(logdir)
        self._suffix = filename_suffix or ""
        self._writer = _ev.EventFileWriter(self._logdir, self._suffix)
        self._closed = False
        if graph is not None or graph_def is not None:
            self.add_graph(graph, graph_def=graph_def)

    def get_logdir(self):
        return self._logdir

    def add_summary(self, summary, global_step=None):
        if hasattr(summary, "SerializeToString"):
            summary = summary.SerializeToString()
        if isinstance(summary, np.ndarray):
            summary = summary.item()
        self._reopen_if_closed()
        self._writer.add_summary(bytes(summary), 0 if global_step is None else int(global_step))

    def add_graph(self, graph, global_step=None, graph_def=None):
        if graph is None:
            return
        self._reopen_if_closed()
        self._writer.add_event(_ev.encode_event(time.time(), step=int(global_step or 0),
                                                graph_def=_graph_def_bytes(graph)))

    def add_session_log(self, session_log, global_step=None):
        pass

    def add_run_metadata(self, run_metadata, tag, global_step=None):
        pass

    def add_meta_graph(self, meta_graph_def, global_step=None):
        pass

    def add_event(self, event):
        if hasattr(event, "SerializeToString"):
            event = event.SerializeToString()
        self._writer.add_event(bytes(event))

    def _reopen_if_closed(self):
        if self._closed:
            self.reopen()

    def flush(self):
        self._writer.flush()

    def close(self):
        if not self._closed:
            self._writer.close()
            self._closed = True

    def reopen(self):
        if self._closed:
            self._writer = _ev.EventFileWriter(self._logdir, self._suffix)
            self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@export("tf.train.SummaryWriterCache")  # TF 0.x's name
class FileWriterCache:
    _cache = {}

    @staticmethod
    def get(logdir):
        w = FileWriterCache._cache.get(logdir)
        if w is None:
            w = FileWriterCache._cache[logdir] = FileWriter(logdir)
        return w

    @staticmethod
    def clear():
        for w in FileWriterCache._cache.values():
            w.close()
        FileWriterCache._cache.clear()


@export("tf.train.summary_iterator")
def summary_iterator(path):
    """Yields decoded events (dicts) -- a convenience, not TF's proto objects."""
    return iter(_ev.read_events(path))


__all__ = ["FileWriter", "FileWriterCache", "HistogramProto", "Summary", "histogram", "image", "merge", "merge_all", "text",
           "scalar", "summary_iterator"]

export_namespace(sys.modules[__name__], "tf.summary")

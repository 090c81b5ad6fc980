"""``tf.parse_single_example`` / ``tf.parse_example`` with ``FixedLenFeature``, and the TFRecord
writer/iterator of ``tf.python_io``."""
import collections
import sys

import numpy as np

from .. import errors
from ..dtypes import DType as _DType
from ..graph import convert_to_tensor, get_default_graph
from ..io_formats import events as _records
from ..io_formats import example as _example
from ..kernels.stacking import stack
from ..namespace import export
from ..ops import registry as R
from ..shapes import TensorShape, as_shape

_dt = sys.modules[_DType.__module__]  # the dtypes module (package attr `dtypes` is tf.dtypes)


@export("tf.FixedLenFeature", "tf.io.FixedLenFeature")
class FixedLenFeature(collections.namedtuple("FixedLenFeature", ["shape", "dtype", "default_value"])):
    def __new__(cls, shape, dtype, default_value=None):
        return super().__new__(cls, shape, dtype, default_value)


@export("tf.VarLenFeature", "tf.io.VarLenFeature")
class VarLenFeature(collections.namedtuple("VarLenFeature", ["dtype"])):
    pass


def _parse_one(serialized, keys, specs, op):
    feats = _example.parse_features(serialized if isinstance(serialized, bytes) else bytes(serialized))
    out = []
    for key, spec in zip(keys, specs):
        dtype = _dt.as_dtype(spec.dtype)
        shape = [int(d) for d in as_shape(spec.shape).as_list()]
        n = int(np.prod(shape)) if shape else 1
        if key in feats:
            kind, values = feats[key]
            want = {"string": "bytes_list", "float32": "float_list", "int64": "int64_list"}[dtype.name]
            if kind != want and values:
                raise errors.InvalidArgumentError(None, op, "Name: <unknown>, Key: %s, Index: 0.  Data types don't "
                                                  "match. Expected type: %s" % (key, dtype.name))
            if len(values) != n:
                raise errors.InvalidArgumentError(None, op, "Name: <unknown>, Key: %s, Index: 0.  Number of "
                                                  "values != expected.  Values size: %d but output shape: %s"
                                                  % (key, len(values), shape))
        elif spec.default_value is not None:
            values = np.broadcast_to(np.asarray(spec.default_value, dtype=object if dtype == _dt.string else
                                                dtype.as_numpy_dtype), shape).reshape(-1).tolist()
        else:
            raise errors.InvalidArgumentError(None, op, "Name: <unknown>, Feature: %s (data type: %s) is required "
                                              "but could not be found." % (key, dtype.name))
        if dtype == _dt.string:
            arr = np.empty(n, dtype=object)
            for i, v in enumerate(values):
                arr[i] = v
            out.append(arr.reshape(shape))
        else:
            out.append(np.asarray(values, dtype=dtype.as_numpy_dtype).reshape(shape))
    return out


def _parse_kernel(op, session):
    keys, specs, batched = op.attrs["keys"], op.attrs["specs"], op.attrs["batched"]

    def kernel(serialized):
        s = np.asarray(serialized, dtype=object)
        if not batched:
            vals = _parse_one(s.item() if s.ndim == 0 else s, keys, specs, op)
        else:
            rows = [_parse_one(x, keys, specs, op) for x in s.reshape(-1)]
            vals = []
            for k, spec in enumerate(specs):
                dtype = _dt.as_dtype(spec.dtype)
                if rows:
                    vals.append(stack([r[k] for r in rows], None if dtype == _dt.string else dtype.as_numpy_dtype,
                                      dtype == _dt.string))
                else:
                    vals.append(np.zeros((0,) + tuple(as_shape(spec.shape).as_list()),
                                         object if dtype == _dt.string else dtype.as_numpy_dtype))
        return vals[0] if len(vals) == 1 else vals
    return kernel


def _parse_infer(op):
    lead = [] if not op.attrs["batched"] else [op.inputs[0]._shape.as_list()[0] if op.inputs[0]._shape.ndims
                                               else None]
    return [(_dt.as_dtype(s.dtype), TensorShape(lead + as_shape(s.shape).as_list())) for s in op.attrs["specs"]]


R.register("ParseExample", kernel_factory=_parse_kernel, infer=_parse_infer, grad=R.NO_GRADIENT)


def _parse(serialized, features, batched, name):
    keys = sorted(features)
    specs = [features[k] for k in keys]
    for k, spec in zip(keys, specs):
        if not isinstance(spec, FixedLenFeature):
            raise NotImplementedError("only FixedLenFeature is supported by the numpy runtime (feature %r)" % k)
    op = get_default_graph().create_op("ParseExample", [convert_to_tensor(serialized, dtype=_dt.string)],
                                       {"keys": keys, "specs": specs, "batched": batched},
                                       name=name or ("ParseExample" if batched else "ParseSingleExample"))
    return dict(zip(keys, op.outputs))


@export("tf.parse_single_example", "tf.io.parse_single_example")
def parse_single_example(serialized, features, name=None, example_names=None):
    return _parse(serialized, features, False, name)


@export("tf.parse_example", "tf.io.parse_example")
def parse_example(serialized, features, name=None, example_names=None):
    return _parse(serialized, features, True, name)


@export("tf.io.TFRecordWriter", "tf.python_io.TFRecordWriter")
class TFRecordWriter(_records.TFRecordWriter):
    def __init__(self, path, options=None):
        if options not in (None, "", 0) and getattr(options, "compression_type", 0) not in (None, 0, ""):
            raise NotImplementedError("compressed TFRecord files are not supported")
        super().__init__(path)


@export("tf.io.tf_record_iterator", "tf.python_io.tf_record_iterator")
def tf_record_iterator(path, options=None):
    return _records.read_records(path)


@export("tf.python_io.TFRecordOptions")
class TFRecordOptions:
    def __init__(self, compression_type=None, **kwargs):
        self.compression_type = compression_type


@export("tf.python_io.TFRecordCompressionType")
class TFRecordCompressionType:
    NONE, ZLIB, GZIP = 0, 1, 2

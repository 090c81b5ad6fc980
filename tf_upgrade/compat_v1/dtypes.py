"""TF1 dtype objects (`tf.float32` ...) backed by numpy dtypes."""
import builtins
import sys

import numpy as np

from .namespace import export, export_namespace, export_value


@export("tf.DType", "tf.dtypes.DType")
class DType:
    """A TensorFlow dtype: compares equal to itself, its name and its numpy type."""

    __slots__ = ("name", "as_numpy_dtype", "_np")

    def __init__(self, name, np_type):
        self.name = name
        self.as_numpy_dtype = np_type
        self._np = np.dtype(np_type) if np_type is not object else np.dtype(object)

    @property
    def base_dtype(self):
        return self

    @property
    def real_dtype(self):
        return self

    @property
    def is_floating(self):
        return self._np.kind == "f"

    @property
    def is_integer(self):
        return self._np.kind in "iu"

    @property
    def is_unsigned(self):
        return self._np.kind == "u"

    @property
    def is_bool(self):
        return self._np.kind == "b"

    @property
    def is_complex(self):
        return self._np.kind == "c"

    @property
    def is_numpy_compatible(self):
        return True

    @property
    def size(self):
        return self._np.itemsize

    @property
    def min(self):
        return np.finfo(self._np).min if self.is_floating else np.iinfo(self._np).min

    @property
    def max(self):
        return np.finfo(self._np).max if self.is_floating else np.iinfo(self._np).max

    @property
    def is_differentiable(self):
        return self.is_floating or self.is_complex

    def is_compatible_with(self, other):
        return self == as_dtype(other)

    def __eq__(self, other):
        if other is self:
            return True
        try:
            return self.name == as_dtype(other).name
        except (TypeError, ValueError):
            return False

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return "tf." + self.name

    def __str__(self):
        return "<dtype: %r>" % self.name

    def __reduce__(self):
        return as_dtype, (self.name,)


float16 = half = DType("float16", np.float16)
export_value(float16, "tf.float16", "tf.half", "tf.dtypes.float16")
float32 = DType("float32", np.float32)
export_value(float32, "tf.float32", "tf.dtypes.float32")
float64 = double = DType("float64", np.float64)
export_value(double, "tf.double", "tf.float64", "tf.dtypes.float64")
int8 = DType("int8", np.int8)
export_value(int8, "tf.int8", "tf.dtypes.int8")
int16 = DType("int16", np.int16)
export_value(int16, "tf.int16", "tf.dtypes.int16")
int32 = DType("int32", np.int32)
export_value(int32, "tf.int32", "tf.dtypes.int32")
int64 = DType("int64", np.int64)
export_value(int64, "tf.int64", "tf.dtypes.int64")
uint8 = DType("uint8", np.uint8)
export_value(uint8, "tf.uint8", "tf.dtypes.uint8")
uint16 = DType("uint16", np.uint16)
export_value(uint16, "tf.uint16")
uint32 = DType("uint32", np.uint32)
export_value(uint32, "tf.uint32")
uint64 = DType("uint64", np.uint64)
export_value(uint64, "tf.uint64")
bool = DType("bool", np.bool_)  # noqa: A001 - TF's public name
export_value(bool, "tf.bool", "tf.dtypes.bool")
complex64 = DType("complex64", np.complex64)
export_value(complex64, "tf.complex64", "tf.dtypes.complex64")
complex128 = DType("complex128", np.complex128)
export_value(complex128, "tf.complex128", "tf.dtypes.complex128")
string = DType("string", object)
export_value(string, "tf.string", "tf.dtypes.string")
# Handle to a variable's storage (what VarHandleOp outputs); never fetched as data.
resource = DType("resource", object)
export_value(resource, "tf.resource")

ALL = (float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32,
       uint64, bool, complex64, complex128, string, resource)
_BY_NAME = {d.name: d for d in ALL}
# TF also accepts the C type names: tf.placeholder("float"), tf.cast(x, "double").
_BY_NAME.update(half=float16, double=float64, float=float32)
_BY_NP = {d._np: d for d in ALL if d._np.kind != "O"}


@export("tf.as_dtype", "tf.dtypes.as_dtype")
def as_dtype(value):
    """Convert a DType, name, numpy dtype or python type into a DType."""
    if isinstance(value, DType):
        return value
    if isinstance(value, str):
        try:
            return _BY_NAME[value]
        except KeyError:
            raise TypeError("Cannot convert value %r to a TensorFlow DType." % (value,)) from None
    if value is str or value is bytes:
        return string
    try:
        npd = np.dtype(value)
    except TypeError:
        raise TypeError("Cannot convert value %r to a TensorFlow DType." % (value,)) from None
    if npd.kind in "USO":
        return string
    try:
        return _BY_NP[npd]
    except KeyError:
        raise TypeError("Cannot convert value %r to a TensorFlow DType." % (value,)) from None


def infer_dtype(value):
    """The dtype TF1 gives to a python/numpy constant (python floats -> float32, ints -> int32)."""
    if isinstance(value, np.ndarray) or isinstance(value, np.generic):
        d = as_dtype(value.dtype)
        return d
    if isinstance(value, (builtins.bool, np.bool_)):
        return bool
    if isinstance(value, int):
        return int32 if -2**31 <= value < 2**31 else int64
    if isinstance(value, float):
        return float32
    if isinstance(value, (str, bytes)):
        return string
    if isinstance(value, (list, tuple)):
        arr = np.asarray(value)
        if arr.dtype.kind == "f":
            return float32
        if arr.dtype.kind in "iu":
            return int32 if arr.size == 0 or (arr.min() >= -2**31 and arr.max() < 2**31) else int64
        if arr.size == 0:
            return float32
        return as_dtype(arr.dtype)
    return as_dtype(np.asarray(value).dtype)


# TF's DataTypeString names, used in messages so they read like TF's.
_TF_TYPE_NAMES = {"float32": "float", "float64": "double", "float16": "half"}


def tf_type_name(dtype):
    return _TF_TYPE_NAMES.get(dtype.name, dtype.name)


def as_bytes_array(value):
    """TF strings are bytes: python str elements are UTF-8 encoded (object array, like TF's fetch results)."""
    arr = np.asarray(value, dtype=object)
    flat = [v.encode("utf-8") if isinstance(v, str) else bytes(v) if isinstance(v, np.bytes_) else v
            for v in arr.reshape(-1)]
    out = np.empty(len(flat), dtype=object)
    out[:] = flat
    return out.reshape(arr.shape)


# This module is tf.dtypes (so `from . import dtypes` inside the runtime is this module, whatever the package
# binds): its TF names are the exported ones (`tf.dtypes.cast` is array_ops.cast).
__all__ = []
export_namespace(sys.modules[__name__], "tf.dtypes")

"""`tf.read_file` / `tf.write_file` (`tf.io.read_file` / `tf.io.write_file`): whole files as string scalars."""
import os
import sys

import numpy as np

from .. import errors
from ..dtypes import DType as _DType
from ..namespace import export
from ..shapes import TensorShape
from . import registry as R
from .common import make, make_op, tensor

_dt = sys.modules[_DType.__module__]  # the dtypes module (the package attribute `dtypes` is tf.dtypes)


def _path(filename):
    name = np.asarray(filename, dtype=object).item()
    return name.decode("utf-8") if isinstance(name, bytes) else str(name)


def _read_file(filename):
    path = _path(filename)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, "%s; No such file or directory" % path) from None
    out = np.empty((), dtype=object)
    out[()] = data
    return out


def _write_file(filename, contents):
    path = _path(filename)
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)  # TF creates missing parent directories
    data = np.asarray(contents, dtype=object).item()
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return ()


R.register("ReadFile", kernel=_read_file, infer=lambda op: [(_dt.string, TensorShape([]))], grad=R.NO_GRADIENT,
           stateful=True)
R.register("WriteFile", kernel=_write_file, infer=lambda op: [], grad=R.NO_GRADIENT, stateful=True)


@export("tf.read_file", "tf.io.read_file")
def read_file(filename, name=None):
    return make("ReadFile", [tensor(filename, dtype=_dt.string)], None, name or "ReadFile")


@export("tf.write_file", "tf.io.write_file")
def write_file(filename, contents, name=None):
    return make_op("WriteFile", [tensor(filename, dtype=_dt.string), tensor(contents, dtype=_dt.string)], None,
                   name or "WriteFile")

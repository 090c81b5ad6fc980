"""Lookup tables: `tf.contrib.lookup` (HashTable, KeyValueTensorInitializer, index_table_from_tensor/file,
index_to_string_table_from_tensor/file), `tf.lookup` (StaticHashTable, ...) and `tf.tables_initializer`.

A table is a session resource (like a variable): `HashTableV2` names it, the initializer op fills it
(and is added to the TABLE_INITIALIZERS collection, which `tf.tables_initializer()` runs), lookups read
it. A lookup before initialization fails as in TF ("Table not initialized."). Out-of-vocabulary hash
buckets (`num_oov_buckets > 0`) use TF's fingerprint hash, which is not reproduced: they raise.
"""
import sys

import numpy as np

from . import errors
from .dtypes import DType as _DType
from .graph import GraphKeys, add_to_collection, convert_to_tensor, get_collection
from .namespace import Namespace, export, export_value
from .ops import registry as R
from .ops.common import make, make_op, scope, tensor
from .ops.control_flow_ops import group
from .shapes import TensorShape

_dt = sys.modules[_DType.__module__]  # the dtypes module (the package attribute `dtypes` is tf.dtypes)


class _TableCell:
    __slots__ = ("name", "mapping")

    def __init__(self, name):
        self.name = name
        self.mapping = None


def _handle_factory(op, session):
    cell = session.resources.get(op)
    if cell is None:
        cell = session.resources[op] = _TableCell(op.name)
    return lambda: cell


def _key(value):
    return value.item() if isinstance(value, np.generic) else value


def _initialize(cell, keys, values):
    if cell.mapping is not None:
        return ()  # TF: initializing an initialized table is a no-op
    keys, values = np.asarray(keys).reshape(-1), np.asarray(values).reshape(-1)
    if keys.shape != values.shape:
        raise errors.InvalidArgumentError(None, None, "Expected shape %s for keys, got %s"
                                          % (list(values.shape), list(keys.shape)))
    cell.mapping = {_key(k): v for k, v in zip(keys.tolist() if keys.dtype != object else keys, values)}
    return ()


def _find_factory(op, session):
    np_dtype = op.attrs["value_dtype"].as_numpy_dtype

    def find(cell, keys, default):
        if cell.mapping is None:
            raise errors.FailedPreconditionError(None, op, "Table not initialized.")
        keys = np.asarray(keys)
        default = np.asarray(default).item() if np.ndim(default) == 0 else default
        get = cell.mapping.get
        flat = [get(_key(k), default) for k in keys.reshape(-1)]
        out = np.empty(len(flat), dtype=np_dtype)
        out[:] = flat
        return out.reshape(keys.shape)
    return find


def _size(cell):
    return np.int64(0 if cell.mapping is None else len(cell.mapping))


R.register("HashTableV2", kernel_factory=_handle_factory, infer=lambda op: [(_dt.resource, TensorShape([]))],
           stateful=True)
R.register("InitializeTableV2", kernel=_initialize, infer=lambda op: [], stateful=True, grad=R.NO_GRADIENT)
R.register("LookupTableFindV2", kernel_factory=_find_factory,
           infer=lambda op: [(op.attrs["value_dtype"], op.inputs[1].shape)], grad=R.NO_GRADIENT)
R.register("LookupTableSizeV2", kernel=_size, infer=lambda op: [(_dt.int64, TensorShape([]))], grad=R.NO_GRADIENT)


@export("tf.lookup.KeyValueTensorInitializer", "tf.contrib.lookup.KeyValueTensorInitializer")
class KeyValueTensorInitializer:
    def __init__(self, keys, values, key_dtype=None, value_dtype=None, name=None):
        self._keys = convert_to_tensor(keys, dtype=key_dtype, name="keys")
        self._values = convert_to_tensor(values, dtype=value_dtype, name="values")
        self._name = name or "key_value_init"
        self.key_dtype, self.value_dtype = self._keys.dtype, self._values.dtype

    def initialize(self, table):
        with scope(self._name, "key_value_init"):
            op = make_op("InitializeTableV2", [table.resource_handle, self._keys, self._values])
        add_to_collection(GraphKeys.TABLE_INITIALIZERS, op)
        return op


@export("tf.lookup.TextFileIndex", "tf.contrib.lookup.TextFileIndex")
class TextFileIndex:
    WHOLE_LINE = -2
    LINE_NUMBER = -1


@export("tf.lookup.TextFileInitializer", "tf.contrib.lookup.TextFileInitializer")
class TextFileInitializer:
    """Keys and values from the columns of a text file (or the whole line / the line number)."""

    def __init__(self, filename, key_dtype, key_index, value_dtype, value_index, vocab_size=None, delimiter="\t",
                 name=None):
        self._filename, self._key_index, self._value_index = filename, key_index, value_index
        self._vocab_size, self._delimiter = vocab_size, delimiter
        self.key_dtype, self.value_dtype = _dt.as_dtype(key_dtype), _dt.as_dtype(value_dtype)
        self._name = name or "text_file_init"

    def _column(self, lines, index, dtype):
        if index == TextFileIndex.LINE_NUMBER:
            values = list(range(len(lines)))
        elif index == TextFileIndex.WHOLE_LINE:
            values = lines
        else:
            values = [line.split(self._delimiter)[index] for line in lines]
        if dtype == _dt.string:
            return np.array([v.encode("utf-8") if isinstance(v, str) else v for v in values] or [b""][:0],
                            dtype=object)
        return np.array([int(v) if dtype.is_integer else float(v) for v in values], dtype=dtype.as_numpy_dtype)

    def initialize(self, table):
        filename = self._filename
        if hasattr(filename, "op"):
            from .graph import constant_value
            filename = constant_value(filename)
            if filename is None:
                raise errors.UnimplementedError(None, None, "a vocabulary file name must be known when the "
                                                            "graph is built in the numpy runtime")
            filename = np.asarray(filename, dtype=object).item()
        filename = filename.decode() if isinstance(filename, bytes) else filename
        with open(filename, encoding="utf-8") as f:
            lines = [line.rstrip("\r\n") for line in f]
        if self._vocab_size is not None:
            lines = lines[:self._vocab_size]
        keys = self._column(lines, self._key_index, self.key_dtype)
        values = self._column(lines, self._value_index, self.value_dtype)
        return KeyValueTensorInitializer(keys, values, self.key_dtype, self.value_dtype, self._name).initialize(table)


@export("tf.lookup.StaticHashTable", "tf.contrib.lookup.HashTable")
class HashTable:
    """An immutable table filled by its initializer (`tf.contrib.lookup.HashTable`, `tf.lookup.StaticHashTable`)."""

    def __init__(self, initializer, default_value, shared_name=None, name=None):
        with scope(name, "hash_table") as s:
            self._handle = make("HashTableV2", [], {"key_dtype": initializer.key_dtype,
                                                   "value_dtype": initializer.value_dtype,
                                                   "shared_name": shared_name or ""}, s)
            self._default_value = convert_to_tensor(default_value, dtype=initializer.value_dtype)
            self.key_dtype, self.value_dtype = initializer.key_dtype, initializer.value_dtype
            self._init_op = initializer.initialize(self)

    resource_handle = property(lambda self: self._handle)
    initializer = property(lambda self: self._init_op)
    init = initializer
    default_value = property(lambda self: self._default_value)
    name = property(lambda self: self._handle.op.name)

    def lookup(self, keys, name=None):
        keys = convert_to_tensor(keys, dtype=self.key_dtype, name="keys")
        if keys.dtype != self.key_dtype:
            raise TypeError("Signature mismatch. Keys must be dtype %s, got %s." % (self.key_dtype.name,
                                                                                  keys.dtype.name))
        return make("LookupTableFindV2", [self._handle, keys, self._default_value],
                    {"value_dtype": self.value_dtype}, name or "hash_table_Lookup")

    def size(self, name=None):
        return make("LookupTableSizeV2", [self._handle], None, name or "hash_table_Size")


def _no_oov(num_oov_buckets, what):
    if num_oov_buckets:
        raise errors.UnimplementedError(None, None, "%s(num_oov_buckets > 0) is not implemented by the numpy "
                                                    "runtime (TF's bucket hash is not reproduced)" % what)


@export("tf.contrib.lookup.index_table_from_tensor")
def index_table_from_tensor(vocabulary_list=None, num_oov_buckets=0, default_value=-1, hasher_spec=None,
                            dtype=_dt.string, name=None, mapping=None):
    _no_oov(num_oov_buckets, "index_table_from_tensor")
    keys = tensor(vocabulary_list if vocabulary_list is not None else mapping, dtype=dtype)
    with scope(name, "string_to_index"):
        n = keys.shape[0].value
        values = np.arange(n, dtype=np.int64) if n is not None else None
        if values is None:
            raise errors.UnimplementedError(None, None, "index_table_from_tensor needs a vocabulary of static size")
        return HashTable(KeyValueTensorInitializer(keys, values), default_value)


@export("tf.contrib.lookup.index_to_string_table_from_tensor")
def index_to_string_table_from_tensor(vocabulary_list=None, default_value="UNK", name=None, mapping=None):
    values = tensor(vocabulary_list if vocabulary_list is not None else mapping, dtype=_dt.string)
    with scope(name, "index_to_string"):
        n = values.shape[0].value
        return HashTable(KeyValueTensorInitializer(np.arange(n, dtype=np.int64), values), default_value)


@export("tf.contrib.lookup.index_table_from_file")
def index_table_from_file(vocabulary_file=None, num_oov_buckets=0, vocab_size=None, default_value=-1,
                          hasher_spec=None, key_dtype=_dt.string, name=None, key_column_index=TextFileIndex.WHOLE_LINE,
                          value_column_index=TextFileIndex.LINE_NUMBER, delimiter="\t"):
    _no_oov(num_oov_buckets, "index_table_from_file")
    with scope(name, "string_to_index"):
        return HashTable(TextFileInitializer(vocabulary_file, key_dtype, key_column_index, _dt.int64,
                                             value_column_index, vocab_size, delimiter), default_value)


@export("tf.contrib.lookup.index_to_string_table_from_file")
def index_to_string_table_from_file(vocabulary_file, vocab_size=None, default_value="UNK", name=None,
                                    key_column_index=TextFileIndex.LINE_NUMBER,
                                    value_column_index=TextFileIndex.WHOLE_LINE, delimiter="\t"):
    with scope(name, "index_to_string"):
        return HashTable(TextFileInitializer(vocabulary_file, _dt.int64, key_column_index, _dt.string,
                                             value_column_index, vocab_size, delimiter), default_value)


@export("tf.initialize_all_tables", "tf.tables_initializer")
def tables_initializer(name="init_all_tables"):
    initializers = get_collection(GraphKeys.TABLE_INITIALIZERS)
    return group(*initializers, name=name)


contrib_lookup = Namespace(
    "tf.contrib.lookup", HashTable=HashTable, KeyValueTensorInitializer=KeyValueTensorInitializer,
    TextFileInitializer=TextFileInitializer, TextFileIndex=TextFileIndex,
    index_table_from_tensor=index_table_from_tensor, index_to_string_table_from_tensor=index_to_string_table_from_tensor,
    index_table_from_file=index_table_from_file, index_to_string_table_from_file=index_to_string_table_from_file)
export_value(contrib_lookup, "tf.contrib.lookup")
tf_lookup = Namespace("tf.lookup", StaticHashTable=HashTable, KeyValueTensorInitializer=KeyValueTensorInitializer,
                      TextFileInitializer=TextFileInitializer, TextFileIndex=TextFileIndex)
export_value(tf_lookup, "tf.lookup")

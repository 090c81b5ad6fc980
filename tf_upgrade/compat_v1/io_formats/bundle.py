"""TensorFlow's V2 checkpoint format ("tensor bundle") and the ``checkpoint`` state file.

A checkpoint ``prefix`` is two or more files:

* ``prefix.index`` -- a table (see :mod:`.sstable`) whose key ``""`` holds a
  ``BundleHeaderProto`` (num_shards=1, endianness=2, version=3 {producer=1})
  and whose other keys are tensor names mapping to ``BundleEntryProto``
  (dtype=1, shape=2, shard_id=3, offset=4, size=5, crc32c=6 (fixed32,
  masked CRC-32C of the tensor bytes)).
* ``prefix.data-00000-of-00001`` -- the raw little-endian tensor bytes,
  concatenated in key order.

The ``checkpoint`` file next to them is a text-format ``CheckpointState``.
"""
import os
import re

import numpy as np

from . import crc32c, sstable, wire

# DataType enum values (types.proto) <-> numpy
_DTYPES = {
    1: np.float32, 2: np.float64, 3: np.int32, 4: np.uint8, 5: np.int16, 6: np.int8,
    8: np.complex64, 9: np.int64, 10: np.bool_, 17: np.uint16, 18: np.complex128,
    19: np.float16, 22: np.uint32, 23: np.uint64,
}
_ENUM_OF = {np.dtype(v): k for k, v in _DTYPES.items()}
DT_STRING = 7
BUNDLE_VERSION = 1


class CheckpointError(ValueError):
    pass


def dtype_enum(dtype):
    try:
        return _ENUM_OF[np.dtype(dtype)]
    except KeyError:
        raise CheckpointError("cannot store dtype %s in a checkpoint" % np.dtype(dtype)) from None


def data_filename(prefix, shard=0, num_shards=1):
    return "%s.data-%05d-of-%05d" % (prefix, shard, num_shards)


def _shape_proto(shape):
    return b"".join(wire.f_message(2, wire.f_varint(1, d)) for d in shape)


def _parse_shape(raw):
    dims = []
    for dim in wire.parse(raw).get(2, []):
        dims.append(wire.to_signed64(wire.first(wire.parse(dim), 1, 0)))
    return tuple(dims)


def encode_header(num_shards=1):
    return (wire.f_varint(1, num_shards) + wire.f_varint(2, 0)
            + wire.f_message(3, wire.f_varint(1, BUNDLE_VERSION)))


def encode_entry(dtype, shape, shard_id, offset, size, crc):
    return (wire.f_varint(1, dtype) + wire.f_message(2, _shape_proto(shape))
            + wire.f_varint(3, shard_id) + wire.f_varint(4, offset) + wire.f_varint(5, size)
            + wire.f_fixed32(6, crc))


class Entry:
    __slots__ = ("name", "dtype", "shape", "shard_id", "offset", "size", "crc32c")

    def __init__(self, name, raw):
        f = wire.parse(raw)
        self.name = name
        self.dtype = wire.first(f, 1, 0)
        self.shape = _parse_shape(wire.first(f, 2, b""))
        self.shard_id = wire.first(f, 3, 0)
        self.offset = wire.first(f, 4, 0)
        self.size = wire.first(f, 5, 0)
        self.crc32c = wire.first(f, 6)
        if f.get(7):
            raise CheckpointError("partitioned (sliced) variable %r is not supported" % name)


def write_bundle(prefix, tensors):
    """Write ``{name: array}`` as a single-shard V2 checkpoint at ``prefix``."""
    dirname = os.path.dirname(prefix)
    if dirname:
        os.makedirs(dirname, exist_ok=True)
    names = sorted(tensors, key=lambda n: n.encode("utf-8"))
    entries = []
    offset = 0
    tmp_data = data_filename(prefix) + ".tempstate"
    with open(tmp_data, "wb") as f:
        for name in names:
            arr = np.asarray(tensors[name])
            if arr.dtype.kind in "OUS":
                raise CheckpointError("string tensors are not supported (%r)" % name)
            arr = np.require(arr.astype(arr.dtype.newbyteorder("<"), copy=False), requirements="C")
            data = arr.tobytes()
            f.write(data)
            entries.append((name, encode_entry(dtype_enum(arr.dtype), arr.shape, 0, offset, len(data),
                                               crc32c.masked_value(data))))
            offset += len(data)
    tmp_index = prefix + ".index.tempstate"
    with open(tmp_index, "wb") as f:
        table = sstable.TableWriter(f)
        table.add(b"", encode_header())
        for name, raw in entries:
            table.add(name.encode("utf-8"), raw)
        table.finish()
    os.replace(tmp_data, data_filename(prefix))
    os.replace(tmp_index, prefix + ".index")
    return prefix


def read_index(prefix):
    """``(header_fields, [Entry...])`` from ``prefix.index``."""
    path = prefix + ".index"
    if not os.path.exists(path):
        raise CheckpointError("no checkpoint index at %s" % path)
    with open(path, "rb") as f:
        pairs = sstable.read_table(f.read())
    header = None
    entries = []
    for k, v in pairs:
        if k == b"":
            header = wire.parse(v)
        else:
            entries.append(Entry(k.decode("utf-8"), v))
    if header is None:
        raise CheckpointError("%s has no bundle header" % path)
    if wire.first(header, 2, 0) != 0:
        raise CheckpointError("big-endian checkpoints are not supported")
    return header, entries


class BundleReader:
    """Lazy reader: ``names()``, ``shape(name)``, ``dtype(name)``, ``get(name)``."""

    def __init__(self, prefix, verify=True):
        self.prefix = prefix
        self.verify = verify
        header, entries = read_index(prefix)
        self.num_shards = wire.first(header, 1, 1)
        self.entries = {e.name: e for e in entries}
        self._shards = {}

    def names(self):
        return list(self.entries)

    def __contains__(self, name):
        return name in self.entries

    def shape(self, name):
        return self.entries[name].shape

    def dtype(self, name):
        e = self.entries[name]
        if e.dtype not in _DTYPES:
            raise CheckpointError("tensor %r has unsupported dtype enum %d" % (name, e.dtype))
        return np.dtype(_DTYPES[e.dtype])

    def _shard(self, shard_id):
        if shard_id not in self._shards:
            with open(data_filename(self.prefix, shard_id, self.num_shards), "rb") as f:
                self._shards[shard_id] = f.read()
        return self._shards[shard_id]

    def get(self, name):
        if name not in self.entries:
            raise KeyError("tensor %r not found in checkpoint %s" % (name, self.prefix))
        e = self.entries[name]
        dtype = self.dtype(name).newbyteorder("<")
        data = self._shard(e.shard_id)[e.offset:e.offset + e.size]
        if len(data) != e.size:
            raise CheckpointError("data for %r is truncated" % name)
        if self.verify and e.crc32c is not None and crc32c.masked_value(data) != e.crc32c:
            raise CheckpointError("checksum mismatch for tensor %r" % name)
        return np.frombuffer(data, dtype=dtype).reshape(e.shape).astype(dtype.newbyteorder("="))

    def to_dict(self):
        return {n: self.get(n) for n in self.entries}


def read_bundle(prefix):
    return BundleReader(prefix).to_dict()


def checkpoint_exists(prefix):
    return os.path.exists(prefix + ".index")


# --- the ``checkpoint`` state file -------------------------------------------------

class CheckpointState:
    def __init__(self, model_checkpoint_path="", all_model_checkpoint_paths=()):
        self.model_checkpoint_path = model_checkpoint_path
        self.all_model_checkpoint_paths = list(all_model_checkpoint_paths)

    def __repr__(self):
        return "model_checkpoint_path: %r\nall_model_checkpoint_paths: %r" % (
            self.model_checkpoint_path, self.all_model_checkpoint_paths)


def _quote(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


_LINE = re.compile(r'^\s*(\w+)\s*:\s*"((?:[^"\\]|\\.)*)"\s*$')


def _unquote(s):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def write_checkpoint_state(save_dir, model_checkpoint_path, all_model_checkpoint_paths=None,
                           latest_filename="checkpoint", relative=False):
    """`relative`: store every path relative to save_dir (Saver(save_relative_paths=True))."""
    if all_model_checkpoint_paths is None:
        all_model_checkpoint_paths = [model_checkpoint_path]
    if model_checkpoint_path not in all_model_checkpoint_paths:
        all_model_checkpoint_paths = list(all_model_checkpoint_paths) + [model_checkpoint_path]
    all_model_checkpoint_paths = list(all_model_checkpoint_paths)
    if relative:
        def rel(p):
            return os.path.relpath(os.path.abspath(p), os.path.abspath(save_dir))
        model_checkpoint_path = rel(model_checkpoint_path)
        all_model_checkpoint_paths = [rel(p) for p in all_model_checkpoint_paths]
    elif not os.path.isabs(save_dir):  # relative paths are stored relative to save_dir (as TF does)
        def rel(p):
            return p if os.path.isabs(p) else os.path.relpath(p, save_dir)
        model_checkpoint_path = rel(model_checkpoint_path)
        all_model_checkpoint_paths = [rel(p) for p in all_model_checkpoint_paths]
    text = "model_checkpoint_path: %s\n" % _quote(model_checkpoint_path)
    text += "".join("all_model_checkpoint_paths: %s\n" % _quote(p) for p in all_model_checkpoint_paths)
    path = os.path.join(save_dir, latest_filename or "checkpoint")
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    path = os.path.join(checkpoint_dir, latest_filename or "checkpoint")
    if not os.path.exists(path):
        return None
    state = CheckpointState()
    with open(path) as f:
        for line in f:
            m = _LINE.match(line)
            if not m:
                continue
            value = _unquote(m.group(2))
            if m.group(1) == "model_checkpoint_path":
                state.model_checkpoint_path = value
            elif m.group(1) == "all_model_checkpoint_paths":
                state.all_model_checkpoint_paths.append(value)
    if not state.model_checkpoint_path:
        return None
    # relative paths are relative to the directory holding the state file
    def join(p):
        return p if os.path.isabs(p) else os.path.join(checkpoint_dir, p)
    state.model_checkpoint_path = join(state.model_checkpoint_path)
    state.all_model_checkpoint_paths = [join(p) for p in state.all_model_checkpoint_paths]
    return state


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    state = get_checkpoint_state(checkpoint_dir, latest_filename)
    if state is None:
        return None
    if checkpoint_exists(state.model_checkpoint_path):
        return state.model_checkpoint_path
    return None

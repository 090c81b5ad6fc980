"""``tf.train.Example`` and friends: the protos TFRecord files of training data usually hold.

Example{features=1: Features{feature=1: map<string, Feature>}};
Feature{bytes_list=1 | float_list=2 | int64_list=3}, each a ``repeated value = 1``
(floats and int64s packed).
"""
import struct

from ..namespace import export
from . import wire


class _List:
    _kind = None

    def __init__(self, value=()):
        self.value = list(value)

    def __repr__(self):
        return "%s(value=%r)" % (type(self).__name__, self.value)

    def __eq__(self, other):
        return type(self) is type(other) and self.value == other.value


@export("tf.train.BytesList")
class BytesList(_List):
    def _encode(self):
        return b"".join(wire.f_bytes(1, v if isinstance(v, bytes) else str(v).encode(), skip_default=False)
                        for v in self.value)


@export("tf.train.FloatList")
class FloatList(_List):
    def _encode(self):
        if not self.value:
            return b""
        return wire.f_bytes(1, struct.pack("<%df" % len(self.value), *[float(v) for v in self.value]))


@export("tf.train.Int64List")
class Int64List(_List):
    def _encode(self):
        if not self.value:
            return b""
        return wire.f_bytes(1, b"".join(wire.encode_varint(int(v)) for v in self.value))


@export("tf.train.Feature")
class Feature:
    def __init__(self, bytes_list=None, float_list=None, int64_list=None):
        self.bytes_list, self.float_list, self.int64_list = bytes_list, float_list, int64_list

    def WhichOneof(self, name):  # noqa: N802 - protobuf API
        for k in ("bytes_list", "float_list", "int64_list"):
            if getattr(self, k) is not None:
                return k
        return None

    def _encode(self):
        for field, k in ((1, "bytes_list"), (2, "float_list"), (3, "int64_list")):
            v = getattr(self, k)
            if v is not None:
                return wire.f_message(field, v._encode())
        return b""


@export("tf.train.Features")
class Features:
    def __init__(self, feature=None):
        self.feature = dict(feature or {})

    def _encode(self):
        out = b""
        for key in sorted(self.feature):
            entry = wire.f_bytes(1, key, skip_default=False) + wire.f_message(2, self.feature[key]._encode())
            out += wire.f_message(1, entry)
        return out


@export("tf.train.Example")
class Example:
    def __init__(self, features=None):
        self.features = features if features is not None else Features()

    def SerializeToString(self):  # noqa: N802
        return wire.f_message(1, self.features._encode())

    def ParseFromString(self, data):  # noqa: N802
        self.features = Features({k: _feature_from(v) for k, v in parse_features(data).items()})
        return len(data)

    @classmethod
    def FromString(cls, data):  # noqa: N802
        e = cls()
        e.ParseFromString(data)
        return e


def _feature_from(kind_values):
    kind, values = kind_values
    return Feature(**{kind: {"bytes_list": BytesList, "float_list": FloatList, "int64_list": Int64List}[kind](values)})


def _unpack_varints(buf):
    out, pos = [], 0
    while pos < len(buf):
        v, pos = wire.decode_varint(buf, pos)
        out.append(wire.to_signed64(v))
    return out


def parse_features(serialized):
    """{name: (kind, [values])} from a serialized Example."""
    out = {}
    ex = wire.parse(serialized)
    for feats in ex.get(1, []):
        for entry in wire.parse(feats).get(1, []):
            e = wire.parse(entry)
            key = wire.first(e, 1, b"").decode("utf-8")
            feature = wire.parse(wire.first(e, 2, b""))
            if 1 in feature:
                out[key] = ("bytes_list", list(wire.parse(feature[1][-1]).get(1, [])))
            elif 2 in feature:
                vals = []
                for v in wire.parse(feature[2][-1]).get(1, []):
                    vals.extend(struct.unpack("<%df" % (len(v) // 4), v) if isinstance(v, bytes)
                                else [wire.as_float(v)])
                out[key] = ("float_list", vals)
            elif 3 in feature:
                vals = []
                for v in wire.parse(feature[3][-1]).get(1, []):
                    vals.extend(_unpack_varints(v) if isinstance(v, bytes) else [wire.to_signed64(v)])
                out[key] = ("int64_list", vals)
            else:
                out[key] = ("float_list", [])
    return out

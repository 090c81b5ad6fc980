"""Minimal protobuf wire-format encoding/decoding (no protobuf dependency).

Only what TensorFlow's small on-disk protos need: varints, 32/64-bit fixed
fields, length-delimited fields, packed repeated doubles.
"""
import struct

VARINT, FIXED64, LENGTH, FIXED32 = 0, 1, 2, 5


def encode_varint(value):
    if value < 0:
        value += 1 << 64  # int32/int64 negatives use ten-byte two's complement
    out = bytearray()
    while True:
        bits = value & 0x7F
        value >>= 7
        if value:
            out.append(bits | 0x80)
        else:
            out.append(bits)
            return bytes(out)


def decode_varint(buf, pos):
    result = 0
    shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift >= 70:
            raise ValueError("varint too long")


def to_signed64(value):
    return value - (1 << 64) if value >= 1 << 63 else value


def key(field, wire_type):
    return encode_varint((field << 3) | wire_type)


def f_varint(field, value, skip_default=True):
    if skip_default and not value:
        return b""
    return key(field, VARINT) + encode_varint(int(value))


def f_bytes(field, data, skip_default=True):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if skip_default and not data:
        return b""
    return key(field, LENGTH) + encode_varint(len(data)) + bytes(data)


def f_message(field, data):
    """Submessages are written even when empty (their presence matters)."""
    return key(field, LENGTH) + encode_varint(len(data)) + bytes(data)


def f_fixed32(field, value):
    return key(field, FIXED32) + struct.pack("<I", value & 0xFFFFFFFF)


def f_float(field, value, skip_default=True):
    if skip_default and value == 0:
        return b""
    return key(field, FIXED32) + struct.pack("<f", value)


def f_double(field, value, skip_default=True):
    if skip_default and value == 0:
        return b""
    return key(field, FIXED64) + struct.pack("<d", value)


def f_packed_doubles(field, values):
    if not len(values):
        return b""
    return f_bytes(field, struct.pack("<%dd" % len(values), *values))


def parse(buf):
    """Decode one message into ``{field_number: [values...]}``.

    Varints come back as unsigned ints, fixed32/fixed64 as raw ints, and
    length-delimited fields as ``bytes``.
    """
    buf = bytes(buf)
    fields = {}
    pos = 0
    n = len(buf)
    while pos < n:
        k, pos = decode_varint(buf, pos)
        field, wt = k >> 3, k & 7
        if wt == VARINT:
            v, pos = decode_varint(buf, pos)
        elif wt == FIXED64:
            v = struct.unpack_from("<Q", buf, pos)[0]
            pos += 8
        elif wt == LENGTH:
            ln, pos = decode_varint(buf, pos)
            v = buf[pos:pos + ln]
            pos += ln
        elif wt == FIXED32:
            v = struct.unpack_from("<I", buf, pos)[0]
            pos += 4
        else:
            raise ValueError("unsupported wire type %d" % wt)
        fields.setdefault(field, []).append(v)
    return fields


def first(fields, field, default=None):
    vals = fields.get(field)
    return vals[-1] if vals else default


def as_double(raw):
    return struct.unpack("<d", struct.pack("<Q", raw))[0]


def as_float(raw):
    return struct.unpack("<f", struct.pack("<I", raw))[0]


def unpack_doubles(values):
    """Repeated double field: packed (bytes) or not (raw fixed64 ints)."""
    out = []
    for v in values:
        if isinstance(v, bytes):
            out.extend(struct.unpack("<%dd" % (len(v) // 8), v))
        else:
            out.append(as_double(v))
    return out

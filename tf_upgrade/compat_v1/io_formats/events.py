"""TensorBoard event files: TFRecord framing plus ``Event`` / ``Summary`` protos.

Written by hand instead of depending on tensorboardX: tensorboardX needs the
protobuf runtime, while the few records TF1 programs produce (file version,
scalar and histogram summaries, graph placeholders) are a page of code on top
of the CRC and wire helpers the checkpoint format already needs.  The output
is checked against bytes produced by TensorFlow's own summary ops and read
back with TensorFlow's ``summary_iterator`` (tools/compat_v1_make_fixtures.py).

TFRecord record: ``uint64 length | uint32 masked_crc32c(length) | data |
uint32 masked_crc32c(data)``, all little endian.
"""
import os
import socket
import struct
import time

import numpy as np

from . import crc32c, wire

FILE_VERSION = "brain.Event:2"


# --- TFRecord ------------------------------------------------------------------------

def encode_record(data):
    header = struct.pack("<Q", len(data))
    return (header + struct.pack("<I", crc32c.masked_value(header)) + bytes(data)
            + struct.pack("<I", crc32c.masked_value(data)))


def read_records(path_or_bytes, verify=True):
    if isinstance(path_or_bytes, (bytes, bytearray)):
        buf = bytes(path_or_bytes)
    else:
        with open(path_or_bytes, "rb") as f:
            buf = f.read()
    pos = 0
    while pos + 12 <= len(buf):
        header = buf[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        (hcrc,) = struct.unpack_from("<I", buf, pos + 8)
        if verify and hcrc != crc32c.masked_value(header):
            raise ValueError("corrupt record length at offset %d" % pos)
        data = buf[pos + 12:pos + 12 + length]
        if len(data) < length:
            return  # truncated final record (writer still running)
        (dcrc,) = struct.unpack_from("<I", buf, pos + 12 + length)
        if verify and dcrc != crc32c.masked_value(data):
            raise ValueError("corrupt record data at offset %d" % pos)
        yield data
        pos += 16 + length


class TFRecordWriter:
    def __init__(self, path):
        self._f = open(path, "wb")

    def write(self, record):
        self._f.write(encode_record(record))

    def flush(self):
        self._f.flush()

    def close(self):
        if not self._f.closed:
            self._f.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# --- Summary protos ------------------------------------------------------------------

def scalar_summary(tag, value):
    """Serialized ``Summary`` with one ``simple_value``."""
    val = wire.f_bytes(1, tag) + wire.f_float(2, float(value), skip_default=False)
    return wire.f_message(1, val)


def _default_bucket_limits():
    pos = []
    v = 1.0e-12
    while v < 1.0e20:
        pos.append(v)
        v *= 1.1
    pos.append(np.finfo(np.float64).max)
    return np.array([-x for x in reversed(pos)] + [0.0] + pos)


_LIMITS = _default_bucket_limits()


def histogram_proto(values):
    """Serialized ``HistogramProto`` with TensorFlow's default exponential buckets."""
    v = np.asarray(values, dtype=np.float64).ravel()
    if v.size and not np.all(np.isfinite(v)):
        raise ValueError("Nan in summary histogram")
    counts = np.bincount(np.searchsorted(_LIMITS, v, side="right"), minlength=len(_LIMITS))
    counts = counts[:len(_LIMITS)].astype(np.float64)
    limits_out, counts_out = [], []
    i = 0
    n = len(counts)
    while i < n:  # runs of empty buckets collapse into their last limit
        end, c = _LIMITS[i], counts[i]
        i += 1
        if c <= 0:
            while i < n and counts[i] <= 0:
                end, c = _LIMITS[i], counts[i]
                i += 1
        limits_out.append(float(end))
        counts_out.append(float(c))
    if v.size:
        lo, hi = float(v.min()), float(v.max())
    else:
        lo, hi = float(_LIMITS[-1]), -float(_LIMITS[-1])
    # TF accumulates in double, element by element
    total = 0.0
    squares = 0.0
    for x in v.tolist():
        total += x
        squares += x * x
    return (wire.f_double(1, lo) + wire.f_double(2, hi) + wire.f_double(3, float(v.size))
            + wire.f_double(4, total) + wire.f_double(5, squares)
            + wire.f_packed_doubles(6, limits_out) + wire.f_packed_doubles(7, counts_out))


def histogram_summary(tag, values):
    return wire.f_message(1, wire.f_bytes(1, tag) + wire.f_message(5, histogram_proto(values)))


def merge_summaries(serialized):
    """Concatenating serialized ``Summary`` messages merges their repeated ``value``s."""
    tags = set()
    out = b""
    for s in serialized:
        s = bytes(s)
        for t in summary_values(s):
            if t["tag"] in tags:
                raise ValueError("Duplicate tag %s found in summary inputs" % t["tag"])
            tags.add(t["tag"])
        out += s
    return out


def summary_values(serialized):
    """Decode a ``Summary`` into ``[{'tag', 'simple_value' | 'histo'}...]``."""
    out = []
    for raw in wire.parse(serialized).get(1, []):
        f = wire.parse(raw)
        item = {"tag": wire.first(f, 1, b"").decode("utf-8")}
        if 2 in f:
            item["simple_value"] = wire.as_float(wire.first(f, 2))
        if 5 in f:
            h = wire.parse(wire.first(f, 5))
            item["histo"] = {
                "min": wire.as_double(wire.first(h, 1, 0)), "max": wire.as_double(wire.first(h, 2, 0)),
                "num": wire.as_double(wire.first(h, 3, 0)), "sum": wire.as_double(wire.first(h, 4, 0)),
                "sum_squares": wire.as_double(wire.first(h, 5, 0)),
                "bucket_limit": wire.unpack_doubles(h.get(6, [])),
                "bucket": wire.unpack_doubles(h.get(7, [])),
            }
        out.append(item)
    return out


# --- Event protos --------------------------------------------------------------------

def encode_event(wall_time, step=0, file_version=None, summary=None, graph_def=None):
    out = wire.f_double(1, wall_time) + wire.f_varint(2, step)
    if file_version is not None:
        out += wire.f_bytes(3, file_version, skip_default=False)
    if graph_def is not None:
        out += wire.f_bytes(4, graph_def, skip_default=False)
    if summary is not None:
        out += wire.f_message(5, summary)
    return out


def decode_event(raw):
    f = wire.parse(raw)
    ev = {"wall_time": wire.as_double(wire.first(f, 1, 0)), "step": wire.to_signed64(wire.first(f, 2, 0))}
    if 3 in f:
        ev["file_version"] = wire.first(f, 3).decode("utf-8")
    if 4 in f:
        ev["graph_def"] = wire.first(f, 4)
    if 5 in f:
        ev["summary"] = summary_values(wire.first(f, 5))
    return ev


def read_events(path):
    return [decode_event(r) for r in read_records(path)]


class EventFileWriter:
    """Appends events to ``logdir/events.out.tfevents.<time>.<host>``."""

    def __init__(self, logdir, filename_suffix=""):
        os.makedirs(logdir, exist_ok=True)
        now = time.time()
        name = "events.out.tfevents.%010d.%s%s" % (int(now), socket.gethostname(), filename_suffix)
        self.path = os.path.join(logdir, name)
        n = 1
        while os.path.exists(self.path):  # two writers in one second: keep both files
            self.path = os.path.join(logdir, "%s.%d" % (name, n))
            n += 1
        self._writer = TFRecordWriter(self.path)
        self._writer.write(encode_event(now, file_version=FILE_VERSION))
        self._writer.flush()

    def add_event(self, encoded_event):
        self._writer.write(encoded_event)

    def add_summary(self, summary, step=0):
        self.add_event(encode_event(time.time(), step=int(step or 0), summary=bytes(summary)))

    def flush(self):
        self._writer.flush()

    def close(self):
        self._writer.close()

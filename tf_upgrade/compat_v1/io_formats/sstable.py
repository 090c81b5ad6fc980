"""The immutable sorted key/value table behind checkpoint ``.index`` files.

TensorFlow's ``tensorflow/core/lib/io/table`` uses LevelDB's layout:

* data blocks of prefix-compressed entries
  (``varint shared, varint non_shared, varint value_len, key_delta, value``)
  followed by ``uint32`` restart offsets and their ``uint32`` count;
* after each block a 5-byte trailer: compression type (0 = none, 1 = snappy)
  and the masked CRC-32C of block contents plus the type byte;
* an (empty) meta-index block and an index block mapping a separator key
  >= the last key of each data block to that block's handle
  (``varint offset, varint size``);
* a 48-byte footer: both handles, zero padding to 40 bytes, then the 64-bit
  magic number ``0xdb4775248b80fb57`` little endian.

The writer follows the same rules as the reference builder (restart interval
16, block size 256 KiB, shortest separators) so its output matches
TensorFlow's byte for byte.
"""
import struct

from . import crc32c
from .wire import decode_varint, encode_varint

MAGIC = 0xDB4775248B80FB57
FOOTER_SIZE = 48
BLOCK_TRAILER_SIZE = 5
NO_COMPRESSION = 0
SNAPPY = 1


class TableError(ValueError):
    pass


def _shortest_separator(start, limit):
    n = min(len(start), len(limit))
    i = 0
    while i < n and start[i] == limit[i]:
        i += 1
    if i >= n:
        return start  # one is a prefix of the other
    b = start[i]
    if b < 0xFF and b + 1 < limit[i]:
        return start[:i] + bytes([b + 1])
    return start


def _short_successor(key):
    for i, b in enumerate(key):
        if b != 0xFF:
            return key[:i] + bytes([b + 1])
    return key


class _BlockBuilder:
    def __init__(self, restart_interval):
        self.restart_interval = restart_interval
        self.reset()

    def reset(self):
        self.buf = bytearray()
        self.restarts = [0]
        self.counter = 0
        self.last_key = b""
        self.empty = True

    def add(self, key, value):
        shared = 0
        if self.counter < self.restart_interval:
            n = min(len(key), len(self.last_key))
            while shared < n and key[shared] == self.last_key[shared]:
                shared += 1
        else:
            self.restarts.append(len(self.buf))
            self.counter = 0
        self.buf += encode_varint(shared) + encode_varint(len(key) - shared) + encode_varint(len(value))
        self.buf += key[shared:]
        self.buf += value
        self.last_key = key
        self.counter += 1
        self.empty = False

    def size_estimate(self):
        return len(self.buf) + 4 * len(self.restarts) + 4

    def finish(self):
        out = bytes(self.buf) + struct.pack("<%dI" % len(self.restarts), *self.restarts)
        return out + struct.pack("<I", len(self.restarts))


def _handle(offset, size):
    return encode_varint(offset) + encode_varint(size)


class TableWriter:
    """Write a table to a binary file object; keys must be added in sorted order."""

    def __init__(self, fileobj, block_size=262144, restart_interval=16):
        self.f = fileobj
        self.offset = 0
        self.block_size = block_size
        self.data = _BlockBuilder(restart_interval)
        self.index = _BlockBuilder(1)
        self.last_key = None
        self.pending_handle = None

    def _write_block(self, contents):
        trailer_type = bytes([NO_COMPRESSION])
        crc = crc32c.mask(crc32c.value(trailer_type, crc32c.value(contents)))
        handle = (self.offset, len(contents))
        self.f.write(contents)
        self.f.write(trailer_type + struct.pack("<I", crc))
        self.offset += len(contents) + BLOCK_TRAILER_SIZE
        return handle

    def add(self, key, value):
        key = key.encode() if isinstance(key, str) else bytes(key)
        if self.last_key is not None and key <= self.last_key:
            raise TableError("keys must be added in strictly increasing order: %r after %r" % (key, self.last_key))
        if self.pending_handle is not None:
            self.index.add(_shortest_separator(self.last_key, key), _handle(*self.pending_handle))
            self.pending_handle = None
        self.data.add(key, bytes(value))
        self.last_key = key
        if self.data.size_estimate() >= self.block_size:
            self._flush()

    def _flush(self):
        if self.data.empty:
            return
        self.pending_handle = self._write_block(self.data.finish())
        self.data.reset()

    def finish(self):
        self._flush()
        meta = _BlockBuilder(16)
        meta_handle = self._write_block(meta.finish())
        if self.pending_handle is not None:
            self.index.add(_short_successor(self.last_key), _handle(*self.pending_handle))
            self.pending_handle = None
        index_handle = self._write_block(self.index.finish())
        footer = _handle(*meta_handle) + _handle(*index_handle)
        footer += b"\0" * (FOOTER_SIZE - 8 - len(footer)) + struct.pack("<Q", MAGIC)
        self.f.write(footer)
        self.offset += len(footer)


def snappy_decompress(src):
    """Decode a raw snappy block (only needed for tables written compressed)."""
    n, pos = decode_varint(src, 0)
    out = bytearray()
    while pos < len(src):
        tag = src[pos]
        pos += 1
        kind = tag & 3
        if kind == 0:  # literal
            ln = tag >> 2
            if ln >= 60:
                extra = ln - 59
                ln = int.from_bytes(src[pos:pos + extra], "little")
                pos += extra
            ln += 1
            out += src[pos:pos + ln]
            pos += ln
            continue
        if kind == 1:
            ln = ((tag >> 2) & 7) + 4
            off = ((tag >> 5) << 8) | src[pos]
            pos += 1
        elif kind == 2:
            ln = (tag >> 2) + 1
            off = int.from_bytes(src[pos:pos + 2], "little")
            pos += 2
        else:
            ln = (tag >> 2) + 1
            off = int.from_bytes(src[pos:pos + 4], "little")
            pos += 4
        if off == 0 or off > len(out):
            raise TableError("corrupt snappy block")
        for _ in range(ln):  # copies may overlap their own output
            out.append(out[-off])
    if len(out) != n:
        raise TableError("corrupt snappy block length")
    return bytes(out)


def _read_block(data, handle, verify=True):
    offset, size = handle
    end = offset + size
    if end + BLOCK_TRAILER_SIZE > len(data):
        raise TableError("block handle points past the end of the table")
    contents = data[offset:end]
    ctype = data[end]
    if verify:
        stored = struct.unpack_from("<I", data, end + 1)[0]
        actual = crc32c.mask(crc32c.value(data[end:end + 1], crc32c.value(contents)))
        if stored != actual:
            raise TableError("block checksum mismatch at offset %d" % offset)
    if ctype == SNAPPY:
        contents = snappy_decompress(contents)
    elif ctype != NO_COMPRESSION:
        raise TableError("unknown block compression type %d" % ctype)
    return contents


def _block_entries(block):
    if len(block) < 4:
        raise TableError("block too short")
    num_restarts = struct.unpack_from("<I", block, len(block) - 4)[0]
    limit = len(block) - 4 - 4 * num_restarts
    pos = 0
    key = b""
    while pos < limit:
        shared, pos = decode_varint(block, pos)
        non_shared, pos = decode_varint(block, pos)
        vlen, pos = decode_varint(block, pos)
        key = key[:shared] + block[pos:pos + non_shared]
        pos += non_shared
        yield key, block[pos:pos + vlen]
        pos += vlen


def read_table(data, verify=True):
    """Return all ``(key, value)`` pairs (bytes) of a table given as bytes."""
    data = bytes(data)
    if len(data) < FOOTER_SIZE:
        raise TableError("file too short to be a table")
    footer = data[-FOOTER_SIZE:]
    if struct.unpack_from("<Q", footer, 40)[0] != MAGIC:
        raise TableError("bad table magic number")
    pos = 0
    _meta_off, pos = decode_varint(footer, pos)
    _meta_size, pos = decode_varint(footer, pos)
    idx_off, pos = decode_varint(footer, pos)
    idx_size, pos = decode_varint(footer, pos)
    index = _read_block(data, (idx_off, idx_size), verify)
    out = []
    for _sep, handle in _block_entries(index):
        off, p = decode_varint(handle, 0)
        size, _ = decode_varint(handle, p)
        out.extend(_block_entries(_read_block(data, (off, size), verify)))
    return out

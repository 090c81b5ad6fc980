"""CRC-32C (Castagnoli polynomial), as used by TFRecord, tensor bundles and tables.

Small inputs go through a plain table-driven loop.  Large inputs are cut into
equal chunks whose CRCs are computed side by side with numpy (one table lookup
per byte position over all chunks at once) and then folded together using the
linearity of CRCs: ``raw(A || B) = shift(raw(A), len(B)) ^ raw(B)`` where
``shift`` appends zero bytes, a linear map on the 32-bit state.
"""
import numpy as np

_POLY = 0x82F63B78  # reflected Castagnoli polynomial
_MASK_DELTA = 0xA282EAD8


def _make_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ _POLY if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _make_table()
_NP_TABLE = np.array(_TABLE, dtype=np.uint32)
_SMALL = 4096
_CHUNK = 512


def _raw_small(data, state):
    t = _TABLE
    for b in data:
        state = t[(state ^ b) & 0xFF] ^ (state >> 8)
    return state


# --- GF(2) linear maps on 32-bit states, stored as the images of the 32 unit vectors

def _apply(mat, v):
    out = 0
    i = 0
    while v:
        if v & 1:
            out ^= mat[i]
        v >>= 1
        i += 1
    return out


def _compose(a, b):
    """Matrix of ``a(b(x))``."""
    return [_apply(a, col) for col in b]


_ONE_ZERO_BYTE = [_raw_small(b"\0", 1 << i) for i in range(32)]
_SHIFT_CACHE = {}


def _shift_matrix(nbytes):
    """Linear map: state -> state after feeding ``nbytes`` zero bytes."""
    m = _SHIFT_CACHE.get(nbytes)
    if m is not None:
        return m
    result = [1 << i for i in range(32)]
    power = _ONE_ZERO_BYTE
    n = nbytes
    while n:
        if n & 1:
            result = _compose(power, result)
        n >>= 1
        if n:
            power = _compose(power, power)
    if len(_SHIFT_CACHE) < 256:
        _SHIFT_CACHE[nbytes] = result
    return result


def _apply_np(mat, v):
    out = np.zeros_like(v)
    for i in range(32):
        out ^= np.where((v >> np.uint32(i)) & np.uint32(1), np.uint32(mat[i]), np.uint32(0))
    return out


def _raw_large(buf):
    """CRC register after feeding ``buf`` from a zero register (no pre/post xor)."""
    n = len(buf)
    nchunks = 1
    while nchunks * _CHUNK < n:
        nchunks *= 2
    padded = np.zeros(nchunks * _CHUNK, dtype=np.uint8)
    # leading zero bytes leave a zero register unchanged
    padded[nchunks * _CHUNK - n:] = np.frombuffer(buf, dtype=np.uint8)
    lanes = padded.reshape(nchunks, _CHUNK)
    state = np.zeros(nchunks, dtype=np.uint32)
    for j in range(_CHUNK):
        state = _NP_TABLE[(state ^ lanes[:, j]) & np.uint32(0xFF)] ^ (state >> np.uint32(8))
    length = _CHUNK
    while len(state) > 1:
        left, right = state[0::2], state[1::2]
        state = _apply_np(_shift_matrix(length), left) ^ right
        length *= 2
    return int(state[0])


def value(data, crc=0):
    """CRC-32C of ``data`` (bytes-like), optionally continuing from ``crc``."""
    data = memoryview(data).cast("B")
    n = len(data)
    start = (crc ^ 0xFFFFFFFF) & 0xFFFFFFFF
    if n < _SMALL:
        return _raw_small(data, start) ^ 0xFFFFFFFF
    raw = _raw_large(data) ^ _apply(_shift_matrix(n), start)
    return raw ^ 0xFFFFFFFF


def mask(crc):
    """TensorFlow/LevelDB masked CRC (so CRCs of CRCs stay well distributed)."""
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + _MASK_DELTA) & 0xFFFFFFFF


def unmask(masked):
    rot = (masked - _MASK_DELTA) & 0xFFFFFFFF
    return ((rot >> 17) | (rot << 15)) & 0xFFFFFFFF


def masked_value(data):
    return mask(value(data))

"""Checkpoint (tensor bundle) and event-file formats against bytes written by real TensorFlow."""
import json
import os
import struct

import numpy as np
import pytest

from tf_env import import_tf
from tf_upgrade.compat_v1.io_formats import bundle, crc32c, events, sstable, wire

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures", "tf_ckpt")
REF = json.load(open(os.path.join(HERE, "references", "formats.json")))


def test_crc32c_known_values():
    assert crc32c.value(b"123456789") == 0xE3069283
    assert crc32c.value(b"") == 0
    assert crc32c.unmask(crc32c.mask(0x12345678)) == 0x12345678


@pytest.mark.parametrize("n", [0, 1, 4095, 4096, 4097, 70001, 1 << 20])
def test_crc32c_large_path_matches_bytewise(n):
    data = np.random.RandomState(n).randint(0, 256, n).astype(np.uint8).tobytes()
    slow = crc32c._raw_small(data, 0xFFFFFFFF) ^ 0xFFFFFFFF if n < 100000 else None
    fast = crc32c.value(data)
    if slow is not None:
        assert fast == slow
    half = n // 2
    assert crc32c.value(data[half:], crc32c.value(data[:half])) == fast


def test_varints():
    for v in [0, 1, 127, 128, 300, 2 ** 35, 2 ** 63]:
        assert wire.decode_varint(wire.encode_varint(v), 0)[0] == v
    assert wire.to_signed64(wire.decode_varint(wire.encode_varint(-5), 0)[0]) == -5


def test_read_tensorflow_checkpoint():
    values = bundle.read_bundle(os.path.join(FIX, "model.ckpt-7"))
    expect = REF["checkpoint_values"]
    assert sorted(values) == sorted(expect)
    assert values["dense/kernel"].dtype == np.float32
    assert values["scale64"].dtype == np.float64
    assert values["counts"].dtype == np.int32
    assert values["global_step"].dtype == np.int64 and values["global_step"].shape == ()
    for name, v in expect.items():
        np.testing.assert_array_equal(values[name], np.asarray(v, dtype=values[name].dtype))


def test_written_checkpoint_is_byte_identical_to_tensorflow(tmp_path):
    values = bundle.read_bundle(os.path.join(FIX, "model.ckpt-7"))
    prefix = str(tmp_path / "model.ckpt-7")
    bundle.write_bundle(prefix, values)
    for suffix in (".index", ".data-00000-of-00001"):
        with open(prefix + suffix, "rb") as a, open(os.path.join(FIX, "model.ckpt-7" + suffix), "rb") as b:
            assert a.read() == b.read(), suffix


def test_index_structure_of_written_checkpoint(tmp_path):
    prefix = str(tmp_path / "m")
    arrs = {"b": np.arange(3, dtype=np.float32), "a": np.ones((2, 2), np.int64)}
    bundle.write_bundle(prefix, arrs)
    raw = open(prefix + ".index", "rb").read()
    # footer: magic, then handles of meta-index and index blocks
    assert struct.unpack("<Q", raw[-8:])[0] == sstable.MAGIC
    meta_off, p = wire.decode_varint(raw[-48:], 0)
    meta_size, p = wire.decode_varint(raw[-48:], p)
    idx_off, p = wire.decode_varint(raw[-48:], p)
    idx_size, p = wire.decode_varint(raw[-48:], p)
    assert meta_size == 8 and raw[meta_off:meta_off + 8] == b"\0\0\0\0\1\0\0\0"
    # every block trailer: type byte 0 and masked crc of contents+type
    for off, size in [(meta_off, meta_size), (idx_off, idx_size)]:
        assert raw[off + size] == 0
        assert struct.unpack("<I", raw[off + size + 1:off + size + 5])[0] == crc32c.masked_value(raw[off:off + size + 1])
    # first data block starts with the header entry (empty key)
    assert raw[:3] == bytes([0, 0, 6]) and raw[3:9] == bytes.fromhex("08011a020801")
    pairs = sstable.read_table(raw)
    assert [k for k, _ in pairs] == [b"", b"a", b"b"]
    e = bundle.Entry("a", pairs[1][1])
    assert (e.dtype, e.shape, e.offset, e.size) == (9, (2, 2), 0, 32)
    data = open(bundle.data_filename(prefix), "rb").read()
    assert e.crc32c == crc32c.masked_value(data[:32])


def test_many_entries_span_blocks_and_restarts(tmp_path):
    prefix = str(tmp_path / "big")
    arrs = {"layer_%03d/w" % i: np.full((2,), i, np.float32) for i in range(300)}
    # a small block size forces several data blocks and shortest separators in the index
    orig = sstable.TableWriter.__init__.__defaults__
    sstable.TableWriter.__init__.__defaults__ = (512, 16)
    try:
        bundle.write_bundle(prefix, arrs)
    finally:
        sstable.TableWriter.__init__.__defaults__ = orig
    back = bundle.read_bundle(prefix)
    assert list(back) == sorted(arrs)
    for k in arrs:
        np.testing.assert_array_equal(back[k], arrs[k])


def test_corruption_is_detected(tmp_path):
    prefix = str(tmp_path / "m")
    bundle.write_bundle(prefix, {"x": np.arange(4, dtype=np.float32)})
    path = bundle.data_filename(prefix)
    data = bytearray(open(path, "rb").read())
    data[0] ^= 1
    open(path, "wb").write(bytes(data))
    with pytest.raises(bundle.CheckpointError):
        bundle.read_bundle(prefix)


def test_snappy_decompress():
    # literal "abcd" then copy (offset 4, len 8) -> "abcdabcdabcd"
    block = bytes([12, (3 << 2) | 0]) + b"abcd" + bytes([((8 - 4) << 2) | 1, 4])
    assert sstable.snappy_decompress(block) == b"abcdabcdabcd"


def test_checkpoint_state_file(tmp_path):
    d = str(tmp_path)
    assert bundle.latest_checkpoint(d) is None
    bundle.write_bundle(os.path.join(d, "model-2"), {"v": np.zeros(1, np.float32)})
    bundle.write_checkpoint_state(d, os.path.join(d, "model-2"), [os.path.join(d, "model-1"), os.path.join(d, "model-2")])
    text = open(os.path.join(d, "checkpoint")).read()
    assert text.startswith('model_checkpoint_path: "%s"\n' % os.path.join(d, "model-2"))
    state = bundle.get_checkpoint_state(d)
    assert state.all_model_checkpoint_paths == [os.path.join(d, "model-1"), os.path.join(d, "model-2")]
    assert bundle.latest_checkpoint(d) == os.path.join(d, "model-2")
    # relative paths resolve against the directory (as in the committed fixture)
    assert bundle.latest_checkpoint(FIX) == os.path.join(FIX, "model.ckpt-7")


def test_summary_bytes_match_tensorflow():
    s = REF["summaries"]
    v = np.array(s["inputs"], np.float32)
    assert events.scalar_summary("loss", v.mean()).hex() == s["scalar"]
    assert events.histogram_summary("values", v).hex() == s["histogram"]
    merged = events.merge_summaries([events.scalar_summary("loss", v.mean()), events.histogram_summary("values", v)])
    assert merged.hex() == s["merged"]
    with pytest.raises(ValueError):
        events.merge_summaries([events.scalar_summary("a", 1), events.scalar_summary("a", 2)])


def test_event_file_roundtrip(tmp_path):
    w = events.EventFileWriter(str(tmp_path))
    w.add_summary(events.scalar_summary("loss", 0.5), step=3)
    w.add_summary(events.histogram_summary("h", [1.0, 2.0]), step=4)
    w.close()
    name = os.path.basename(w.path)
    assert name.startswith("events.out.tfevents.")
    evs = events.read_events(w.path)
    assert evs[0]["file_version"] == "brain.Event:2"
    assert evs[1]["step"] == 3 and evs[1]["summary"] == [{"tag": "loss", "simple_value": 0.5}]
    assert evs[2]["summary"][0]["histo"]["num"] == 2.0
    # records are framed with masked CRCs
    raw = open(w.path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    assert struct.unpack("<I", raw[8:12])[0] == crc32c.masked_value(raw[:8])
    assert struct.unpack("<I", raw[12 + n:16 + n])[0] == crc32c.masked_value(raw[12:12 + n])


@pytest.mark.tf
def test_tensorboard_reads_event_file(tmp_path):
    import_tf()  # tensorboard comes with tensorflow: present wherever TF is
    from tensorboard.backend.event_processing import event_accumulator as ea
    w = events.EventFileWriter(str(tmp_path))
    w.add_summary(events.scalar_summary("loss", 0.25), step=1)
    w.close()
    acc = ea.EventAccumulator(str(tmp_path))
    acc.Reload()
    assert [e.value for e in acc.Scalars("loss")] == [0.25]


def test_text_summary_bytes_match_tensorflow():
    import tf_upgrade.compat_v1 as tf
    tf.reset_default_graph()
    a = tf.summary.text("notes", tf.constant("hello *world*"))
    b = tf.summary.text("multi", tf.constant([["a", "b"], ["c", "d"]]))
    with tf.Session() as sess:
        got = sess.run([a, b])
    # produced by tf.compat.v1.summary.text in TensorFlow 2.21
    assert got[0].hex() == "0a260a056e6f746573421308071200420d68656c6c6f202a776f726c642a4a080a060a0474657874"
    assert got[1].hex() == ("0a2b0a056d756c746942180807120812020802120208024201614201624201634201644a080a060a04"
                            "74657874")

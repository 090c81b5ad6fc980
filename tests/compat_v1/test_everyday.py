"""The everyday pieces (issue 18): numbers against real TensorFlow's (references/everyday_programs.json,
made by `$TF_UPGRADE_TF_PYTHON tools/compat_v1_references.py everyday_programs`), and behaviour of
the pieces TF 2.21 no longer has (contrib HParams) or that touch files (gfile, read_file, tf.test)."""
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf

from . import everyday_programs
from .core_checking import CheckingSession
from .test_core_programs import assert_same

REFS = os.path.join(os.path.dirname(__file__), "references", "everyday_programs.json")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

with open(REFS) as _f:
    REFERENCES = json.load(_f)["results"]


@pytest.mark.parametrize("name", sorted(everyday_programs.PROGRAMS))
def test_program_matches_tensorflow(name, monkeypatch):
    monkeypatch.setattr(tf, "Session", CheckingSession)  # every kernel output matches its static dtype/shape
    actual = json.loads(json.dumps(everyday_programs.PROGRAMS[name](tf)))
    assert_same(actual, REFERENCES[name], name)


def test_references_cover_every_program():
    assert sorted(REFERENCES) == sorted(everyday_programs.PROGRAMS)


# ---- sampling: distribution and shape (numpy's generator, not TF's numbers) ----

def test_multinomial_and_categorical_follow_the_logits():
    with tf.Graph().as_default():
        logits = tf.log(tf.constant([[0.2, 0.8], [0.9, 0.1]]))
        draws = tf.multinomial(logits, 4000, seed=3)
        cat = tf.random.categorical(logits, 7, seed=1, dtype=tf.int32)
        assert draws.dtype == tf.int64 and draws.shape.as_list() == [2, 4000] and cat.dtype == tf.int32
        with tf.Session() as sess:
            d, c = sess.run([draws, cat])
    assert abs(d[0].mean() - 0.8) < 0.03 and abs(d[1].mean() - 0.1) < 0.03
    assert c.shape == (2, 7) and set(np.unique(c)) <= {0, 1}


def test_random_crop_takes_a_contiguous_window():
    x = np.arange(48).reshape(6, 8)
    with tf.Graph().as_default():
        crop = tf.random_crop(tf.constant(x), [3, 5], seed=2)
        assert crop.shape.as_list() == [3, 5]
        with tf.Session() as sess:
            windows = [sess.run(crop) for _ in range(20)]
    for w in windows:
        r, c = np.argwhere(x == w[0, 0])[0]
        np.testing.assert_array_equal(w, x[r:r + 3, c:c + 5])
    assert len({w[0, 0] for w in windows}) > 1
    with tf.Graph().as_default(), tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(tf.random_crop(tf.constant(x), [7, 2]))


# ---- files ----

def test_gfile_and_io_gfile(tmp_path):
    d = str(tmp_path / "a" / "b")
    tf.gfile.MakeDirs(d)
    with tf.gfile.GFile(os.path.join(d, "f.txt"), "w") as f:
        f.write("line1\nline2\n")
    assert tf.gfile.Exists(d) and tf.io.gfile.isdir(d)
    assert tf.gfile.ListDirectory(d) == ["f.txt"] == tf.io.gfile.listdir(d)
    with tf.gfile.Open(os.path.join(d, "f.txt")) as f:
        assert list(f) == ["line1\n", "line2\n"]
    with tf.gfile.FastGFile(os.path.join(d, "f.txt"), "rb") as f:
        assert f.read() == b"line1\nline2\n"
    tf.gfile.Copy(os.path.join(d, "f.txt"), os.path.join(d, "g.txt"))
    with pytest.raises(tf.errors.AlreadyExistsError):
        tf.gfile.Copy(os.path.join(d, "f.txt"), os.path.join(d, "g.txt"))
    tf.io.gfile.rename(os.path.join(d, "g.txt"), os.path.join(d, "h.txt"))
    assert tf.gfile.Glob(os.path.join(d, "*.txt")) == [os.path.join(d, "f.txt"), os.path.join(d, "h.txt")]
    assert tf.gfile.Stat(os.path.join(d, "f.txt")).length == 12
    assert [w[0] for w in tf.gfile.Walk(str(tmp_path))] == [str(tmp_path), str(tmp_path / "a"), d]
    with pytest.raises(tf.errors.NotFoundError):
        tf.gfile.GFile(os.path.join(d, "missing"))
    with pytest.raises(tf.errors.AlreadyExistsError):
        tf.gfile.MkDir(d)
    tf.gfile.DeleteRecursively(str(tmp_path / "a"))
    assert not tf.gfile.Exists(d)


def test_read_and_write_file(tmp_path):
    target = str(tmp_path / "out" / "x.bin")
    with tf.Graph().as_default(), tf.Session() as sess:
        sess.run(tf.write_file(target, tf.constant(b"\x00bytes")))
        assert sess.run(tf.read_file(target)) == b"\x00bytes"
        assert sess.run(tf.io.read_file(tf.constant(target))) == b"\x00bytes"
        with pytest.raises(tf.errors.NotFoundError):
            sess.run(tf.read_file(str(tmp_path / "nope")))


# ---- contrib.training.HParams ----

def test_hparams_parse_and_types():
    hp = tf.contrib.training.HParams(learning_rate=0.1, layers=3, sizes=[16, 32], name="bert", use_tpu=False)
    hp.parse("learning_rate=0.5,sizes=[8,8,4],use_tpu=true,name=gpt")
    assert hp.learning_rate == 0.5 and hp.sizes == [8, 8, 4] and hp.use_tpu is True and hp.name == "gpt"
    hp.set_hparam("learning_rate", 1)
    assert isinstance(hp.learning_rate, float)
    hp.add_hparam("dropout", 0.1)
    assert hp.values()["dropout"] == 0.1 and "dropout" in hp and hp.get("missing", 7) == 7
    assert json.loads(hp.to_json())["layers"] == 3
    with pytest.raises(ValueError):
        hp.parse("unknown=1")
    with pytest.raises(ValueError):
        hp.parse("layers=2.5")
    with pytest.raises(ValueError):
        hp.set_hparam("layers", "three")


# ---- IndexedSlices, assert family at build, device ----

def test_indexed_slices_convert_to_dense_summing_duplicates():
    with tf.Graph().as_default():
        s = tf.IndexedSlices(tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([2, 2]), tf.constant([4, 2]))
        assert s.dtype == tf.float32 and s.shape.as_list() == [4, 2]
        dense = tf.convert_to_tensor(s) * 1.0
        with tf.Session() as sess:
            np.testing.assert_array_equal(sess.run(dense), [[0, 0], [0, 0], [4, 6], [0, 0]])


def test_contrib_conv2d_rejects_what_it_cannot_do_instead_of_ignoring_it():
    """contrib.layers.conv2d once took **kwargs and dropped rate/normalizer_fn/data_format silently."""
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [1, 8, 8, 3])
        with pytest.raises(TypeError):
            tf.contrib.layers.conv2d(x, 2, 3, no_such_argument=1)
        with pytest.raises(ValueError, match="dilation_rate"):
            tf.contrib.layers.conv2d(x, 2, 3, stride=2, rate=2)
        with pytest.raises(NotImplementedError, match="NHWC"):
            tf.contrib.layers.convolution2d(tf.placeholder(tf.float32, [1, 3, 8, 8]), 2, 3, data_format="NCHW")
        with pytest.raises(ValueError, match="rank 4"):
            tf.contrib.layers.conv2d(tf.placeholder(tf.float32, [8, 3]), 2, 3)


def test_device_is_accepted_and_ignored():
    with tf.Graph().as_default():
        with tf.device("/gpu:0"):
            x = tf.constant(2.0) * 3.0
        with tf.Session() as sess:
            assert sess.run(x) == 6.0


# ---- tf.image decode/encode (Pillow is optional) ----

def test_png_round_trip_and_jpeg_decode(tmp_path):
    pytest.importorskip("PIL")
    img = (np.arange(5 * 4 * 3) * 7 % 256).astype(np.uint8).reshape(5, 4, 3)
    with tf.Graph().as_default(), tf.Session() as sess:
        png = sess.run(tf.image.encode_png(tf.constant(img)))
        back, gray = sess.run([tf.image.decode_png(png), tf.image.decode_png(png, channels=1)])
        np.testing.assert_array_equal(back, img)
        assert gray.shape == (5, 4, 1)
        jpeg = sess.run(tf.image.encode_jpeg(tf.constant(img), quality=100))
        decoded = sess.run(tf.image.decode_image(jpeg))
        assert decoded.shape == (5, 4, 3) and np.abs(decoded.astype(int) - img).max() < 40


def test_image_decoding_without_pillow_names_the_missing_library(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_pil(name, *args, **kwargs):
        if name == "PIL" or name.startswith("PIL."):
            raise ImportError("No module named 'PIL'")
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", no_pil)
    with tf.Graph().as_default():
        with pytest.raises(tf.errors.UnimplementedError, match="tf.image.decode_png needs Pillow"):
            tf.image.decode_png(tf.constant(b""))


# ---- tf.test, through the run command (a TF 1.x test file run unmodified) ----

TEST_FILE = '''
import numpy as np
import tensorflow as tf
from tensorflow.python.platform import test


class MathTest(tf.test.TestCase):

    def test_add(self):
        with self.test_session() as sess:
            x = tf.constant([1.0, 2.0])
            self.assertAllClose(sess.run(x + 1.0), [2.0, 3.0])
            self.assertAllEqual((x * 2.0).eval(), [2.0, 4.0])
            self.assertShapeEqual(np.zeros(2), x)

    def test_cached_session_and_evaluate(self):
        with self.cached_session():
            self.assertAllClose(self.evaluate({"a": tf.constant(1.5)}), {"a": 1.5})
        self.assertTrue(tf.gfile.Exists(self.get_temp_dir()))

    def test_op_error(self):
        with self.session() as sess:
            with self.assertRaisesOpError("assertion failed"):
                sess.run(tf.Assert(tf.constant(False), [tf.constant(1)]))

    def test_gradient_check(self):
        with self.cached_session():
            x = tf.placeholder(tf.float64, [3])
            y = tf.square(x) * 2.0
            err = tf.test.compute_gradient_error(x, [3], y, [3], x_init_value=np.array([1.0, -2.0, 0.5]))
            self.assertLess(err, 1e-6)

    def test_fails(self):
        self.assertAllClose([1.0], [1.1])


if __name__ == "__main__":
    test.main()
'''


@pytest.mark.slow
def test_tf_test_case_file_runs_through_the_run_command(tmp_path):
    script = tmp_path / "math_test.py"
    script.write_text(textwrap.dedent(TEST_FILE))
    proc = subprocess.run([sys.executable, "-m", "tf_upgrade.compat_v1", str(script), "-v"], cwd=str(tmp_path),
                          env=dict(os.environ, PYTHONPATH=ROOT), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # one deliberately failing test
    for name in ("test_add", "test_cached_session_and_evaluate", "test_op_error", "test_gradient_check"):
        assert "%s (__main__.MathTest" % name in proc.stderr and "ok" in proc.stderr
    assert "FAILED (failures=1)" in proc.stderr and "test_fails" in proc.stderr, proc.stderr


# ---- contrib.lookup (gone from TF 2; the tf.lookup program above checks the shared parts against TF) ----

def test_contrib_lookup_index_tables(tmp_path):
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("[PAD]\nhello\nworld\n")
    with tf.Graph().as_default():
        to_id = tf.contrib.lookup.index_table_from_tensor(tf.constant(["x", "y", "z"]))
        to_word = tf.contrib.lookup.index_to_string_table_from_tensor(["x", "y", "z"], default_value="UNK")
        from_file = tf.contrib.lookup.index_table_from_file(str(vocab), default_value=0)
        word_back = tf.contrib.lookup.index_to_string_table_from_file(str(vocab))
        ids = to_id.lookup(tf.constant([["z", "q"], ["x", "y"]]))
        with tf.train.MonitoredSession() as sess:  # the Scaffold runs tf.tables_initializer()
            got = sess.run([ids, to_word.lookup(tf.constant([2, 5], tf.int64)),
                            from_file.lookup(tf.constant(["world", "nope"])),
                            word_back.lookup(tf.constant([1], tf.int64))])
    np.testing.assert_array_equal(got[0], [[2, -1], [0, 1]])
    assert list(got[1]) == [b"z", b"UNK"] and list(got[2]) == [2, 0] and list(got[3]) == [b"hello"]
    with tf.Graph().as_default():
        with pytest.raises(tf.errors.UnimplementedError, match="num_oov_buckets"):
            tf.contrib.lookup.index_table_from_tensor(["a"], num_oov_buckets=1)


@pytest.mark.tf
def test_programs_match_tensorflow_run_now():
    """The same programs under the TensorFlow of TF_UPGRADE_TF_PYTHON, now (not the committed numbers)."""
    from tests.tf_env import tf_python
    proc = subprocess.run([tf_python(), os.path.join(ROOT, "tools", "compat_v1_references.py"), "everyday_programs",
                           "--stdout"], capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    live = json.loads(proc.stdout)["results"]
    for name, program in everyday_programs.PROGRAMS.items():
        assert_same(json.loads(json.dumps(program(tf))), live[name], name)

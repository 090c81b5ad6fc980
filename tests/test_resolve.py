"""Name resolution: what each name really refers to."""
import libcst as cst

from tf_upgrade.upgrader.resolve import resolve


def names(src, **kw):
    res = resolve(cst.parse_module(src), **kw)
    return sorted(r.qualname for r in res.references.values())


def test_import_forms():
    src = ("import tensorflow as tf\nimport tensorflow.contrib.slim as slim\n"
           "from tensorflow import nn, layers as L\nfrom tensorflow.compat import v1\n"
           "tf.a; slim.b; nn.c; L.d; v1.e\n")
    assert names(src) == ["tf.a", "tf.compat.v1.e", "tf.contrib.slim.b", "tf.layers.d", "tf.nn.c"]


def test_unaliased_import_binds_root():
    assert names("import tensorflow.contrib.slim\ntensorflow.contrib.slim.x\n") == ["tf.contrib.slim.x"]


def test_compat_v1_read_as_v1_on_request():
    src = "import tensorflow.compat.v1 as tf\ntf.log\n"
    assert names(src) == ["tf.compat.v1.log"]
    assert names(src, upgrade_compat_v1_import=True) == ["tf.log"]


def test_shadowing_by_scope():
    src = """
import tensorflow as tf
def f(tf): tf.p
def g():
    tf.q
    tf = 1
def outer():
    tf = 3
    def inner():
        tf.s
class C:
    tf = 4
    def m(self): tf.t
[tf.u for tf in x]
with open(f) as tf: tf.v
"""
    assert names(src) == ["tf.t"]


def test_global_rebinding_ends_the_binding():
    src = "import tensorflow as tf\ntf.a\ndef h():\n    global tf\n    tf = 2\ntf.b\n"
    assert names(src) == ["tf.a"]


def test_non_tensorflow_imports_and_relative_imports_are_ignored():
    src = "import numpy as tf\nfrom . import tensorflow\nfrom .tensorflow import log\ntf.log; log\n"
    assert names(src) == []


def test_keyword_argument_names_are_not_references():
    assert names("import tensorflow as tf\nf(tf=1, x=tf.y)\n") == ["tf.y"]

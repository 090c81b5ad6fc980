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


def test_every_expression_position_is_seen():
    src = '''
import tensorflow as tf
[v for v in tf.a1()]
{k: tf.a2 for k in x if tf.a3}
sum(tf.a4(w) for w in y)
{tf.a5 for _ in z}
def f(p=tf.b1, *, q=tf.b2, r: tf.b3 = 1, **kw: tf.b4) -> tf.b5:
    pass
g = lambda p=tf.c1, *, q=tf.c2: tf.c3
@tf.d1
@tf.d2(1)
class C(tf.d3, metaclass=tf.d4):
    pass
tf.e1.KEY = 'k'
tf.e2.KEY += 1
tf.e3.KEY: str = 'k'
del tf.e4.KEY
tf.e5[0] = 1
(a, tf.e6.x), *b = 1, 2, 3
if (n := tf.f1):
    pass
s = f"{tf.f2!r:{tf.f3}}"
match tf.g1:
    case tf.g2.X:
        pass
    case tf.g3(attr=tf.g4.Y, other=z):
        pass
    case {'k': tf.g5.Z, **rest}:
        pass
try:
    pass
except (tf.h1, tf.h2) as err:
    pass
with tf.h3() as (w1, w2), tf.h4:
    pass
for tf.h5.x in y:
    pass
assert tf.h6, tf.h7
'''
    assert names(src) == sorted(
        ["tf.a1", "tf.a2", "tf.a3", "tf.a4", "tf.a5", "tf.b1", "tf.b2", "tf.b3", "tf.b4", "tf.b5",
         "tf.c1", "tf.c2", "tf.c3", "tf.d1", "tf.d2", "tf.d3", "tf.d4", "tf.e1.KEY", "tf.e2.KEY", "tf.e3.KEY",
         "tf.e4.KEY", "tf.e5", "tf.e6.x", "tf.f1", "tf.f2", "tf.f3", "tf.g1", "tf.g2.X", "tf.g3", "tf.g4.Y",
         "tf.g5.Z", "tf.h1", "tf.h2", "tf.h3", "tf.h4", "tf.h5.x", "tf.h6", "tf.h7"])


def test_attribute_names_and_pattern_keywords_are_not_references():
    src = ("import tensorflow as tf\nf().tf\nmatch x:\n    case P(tf=1):\n        pass\n"
           "    case tf:\n        tf.after_capture\n")
    assert names(src) == []


def test_comprehension_scopes():
    src = '''
import tensorflow as tf
[tf for tf in tf.outer_iterable()]
[x for tf in y for x in tf.inner_iterable]
{tf: tf.key for tf in z}
[tf.elt for v in w if tf.cond]
def f():
    [(tf := 1) for _ in x]
    tf.walrus_binds_in_the_function
'''
    assert names(src) == ["tf.cond", "tf.elt", "tf.outer_iterable"]


def test_class_bodies_run_in_order_and_do_not_enclose():
    src = '''
import tensorflow as tf
class C:
    a = tf.before_rebinding
    tf = 4
    b = tf.after_rebinding
    c = [tf.comprehension_sees_the_module for _ in x]
    d = [v for v in tf.first_iterable_is_the_class_body]
    def m(self, p=tf.default_is_the_class_body):
        return tf.method_sees_the_module
'''
    assert names(src) == ["tf.before_rebinding", "tf.comprehension_sees_the_module", "tf.method_sees_the_module"]


def test_parameters_shadow_the_body_not_their_defaults():
    src = "import tensorflow as tf\ndef f(tf=tf.default):\n    tf.body\ng = lambda tf=tf.lam: tf.lam_body\n"
    assert names(src) == ["tf.default", "tf.lam"]


def test_nonlocal_binds_in_the_enclosing_function():
    src = '''
import tensorflow as tf
def outer():
    def inner():
        nonlocal tf
        tf = 2
    tf = 1
    tf.outer_local
def other():
    def inner():
        tf.free_in_inner
    inner()
'''
    assert names(src) == ["tf.free_in_inner"]


# ---- assigned aliases -------------------------------------------------------------------

def test_assigned_module_aliases_are_followed():
    src = '''
import tensorflow as tf
tfe = tf.contrib.eager
layers = tf.layers
Modes = tf.estimator.ModeKeys
V = tfe.Variable
tfe.Variable(1.0)
layers.dense(x, 3)
Modes.TRAIN
V(2.0)
def f():
    return layers.conv2d(x), Modes.EVAL
'''
    assert names(src) == sorted([
        "tf.contrib.eager", "tf.layers", "tf.estimator.ModeKeys", "tf.contrib.eager.Variable",
        "tf.contrib.eager.Variable", "tf.layers.dense", "tf.estimator.ModeKeys.TRAIN",
        "tf.contrib.eager.Variable", "tf.layers.conv2d", "tf.estimator.ModeKeys.EVAL"])


def test_aliases_respect_shadowing_and_rebinding():
    src = '''
import tensorflow as tf
layers = tf.layers
def f(layers):
    layers.shadowed_by_parameter
def g():
    layers.seen_from_function
layers = something_else
layers.rebound
'''
    assert names(src) == ["tf.layers", "tf.layers.seen_from_function"]


def test_aliases_in_functions_are_decided_for_the_whole_function():
    src = '''
import tensorflow as tf
def f():
    K = tf.keras.backend
    K.get_session()
    def inner():
        return K.learning_phase()
def g(flag):
    K = tf.keras.backend
    if flag:
        K = other
    K.ambiguous
def h(tf):
    K = tf.keras.backend
    K.not_tensorflow
def i():
    K = tf.keras.backend
    K = tf.keras.backend
    K.same_alias_twice
'''
    assert names(src) == sorted([
        "tf.keras.backend", "tf.keras.backend.get_session", "tf.keras.backend.learning_phase",
        "tf.keras.backend", "tf.keras.backend", "tf.keras.backend", "tf.keras.backend.same_alias_twice"])


def test_bare_alias_names_count_only_where_called():
    src = "import tensorflow as tf\nINFO = tf.logging.INFO\nf(INFO)\nlog = tf.log\nlog(x)\n"
    assert names(src) == ["tf.log", "tf.log", "tf.logging.INFO"]


def test_alias_bindings_are_listed_with_their_value():
    module = cst.parse_module("import tensorflow as tf\nlayers = tf.layers\ndef f():\n    K = tf.keras.backend\n")
    res = resolve(module)
    aliases = {b.name: b for b in res.bindings if b.value is not None}
    assert {n: (b.qualname, b.module_level) for n, b in aliases.items()} == {
        "layers": ("tf.layers", True), "K": ("tf.keras.backend", False)}
    assert res.references[aliases["layers"].value].qualname == "tf.layers"
    assert res.alias_values[id(aliases["layers"].value)] == [aliases["layers"]]


def test_type_parameters_and_type_aliases():
    """PEP 695 (Python 3.12 syntax, which libcst parses on any Python)."""
    src = ("import tensorflow as tf\ntype X = tf.alias_value\n"
           "def f[T: tf.bound](x: T, y=tf.default) -> T:\n    return tf.body\n"
           "class C[T: tf.class_bound](tf.base):\n    pass\n")
    assert names(src) == ["tf.alias_value", "tf.base", "tf.body", "tf.bound", "tf.class_bound", "tf.default"]

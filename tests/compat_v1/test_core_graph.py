"""Graph model, Session, variables, scopes and errors of the compat_v1 core (behaviour as in TF1)."""
import collections
import subprocess
import sys

import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf
from tf_upgrade.compat_v1.ops import registry as R
from tf_upgrade.compat_v1.ops.common import make


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


# ---------------------------------------------------------------- graph & names

def test_unique_names_are_case_insensitive_and_scoped():
    a = tf.placeholder(tf.float32, name="a")
    assert [(a + a).name, (a + a).name, tf.add(a, a).name] == ["add:0", "add_1:0", "Add_2:0"]
    with tf.name_scope("s"):
        assert tf.identity(a).name == "s/Identity:0"
        with tf.name_scope("t") as scope:
            assert scope == "s/t/"
            assert tf.identity(a, name="x").name == "s/t/x:0"
    with tf.name_scope("s"):
        assert tf.identity(a).name == "s_1/Identity:0"
    with tf.name_scope("s/t/"):  # absolute: re-enter
        assert tf.identity(a).name == "s/t/Identity:0"
    g = tf.get_default_graph()
    assert g.get_tensor_by_name("s/t/x:0").op is g.get_operation_by_name("s/t/x")
    with pytest.raises(KeyError, match="does not exist"):
        g.get_tensor_by_name("nope:0")
    with pytest.raises(ValueError):
        g.get_tensor_by_name("s/t/x")


def test_graphs_and_default_graph():
    g = tf.Graph()
    with g.as_default():
        c = tf.constant(1.0)
        assert tf.get_default_graph() is g
    assert c.graph is g and tf.get_default_graph() is not g
    old = tf.get_default_graph()
    tf.reset_default_graph()
    assert tf.get_default_graph() is not old
    with g.as_default():
        with pytest.raises(AssertionError):
            tf.reset_default_graph()


def test_collections():
    tf.add_to_collection("stuff", 1)
    tf.add_to_collections(["stuff", "other"], 2)
    assert tf.get_collection("stuff") == [1, 2]
    v = tf.Variable(1.0, name="scope1/v")
    with tf.variable_scope("scope2"):
        w = tf.get_variable("w", [1])
    assert tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="scope2") == [w]
    assert tf.global_variables() == [v, w]
    ref = tf.get_collection_ref("stuff")
    ref.append(3)
    assert tf.get_collection("stuff") == [1, 2, 3]
    assert tf.GraphKeys.TRAINABLE_VARIABLES == "trainable_variables"


def test_static_shapes_and_dtypes():
    x = tf.placeholder(tf.float32, [None, 3])
    assert x.shape.as_list() == [None, 3] and x.get_shape().ndims == 2
    assert tf.matmul(x, tf.ones([3, 5])).shape.as_list() == [None, 5]
    assert tf.reduce_sum(x, 1, keepdims=True).shape.as_list() == [None, 1]
    assert tf.reshape(tf.ones([2, 6]), [3, -1]).shape.as_list() == [3, 4]
    assert tf.concat([x, x], 1).shape.as_list() == [None, 6]
    assert x[:, 1].shape.as_list() == [None]
    y = tf.placeholder(tf.float32)
    y.set_shape([2, None])
    y.set_shape([None, 4])
    assert y.shape.as_list() == [2, 4]
    with pytest.raises(ValueError):
        y.set_shape([3, 4])
    assert tf.constant(1.0).dtype == tf.float32 and tf.constant(1).dtype == tf.int32
    assert tf.constant(np.float64(1)).dtype == tf.float64 and tf.constant(True).dtype == tf.bool
    assert tf.float32 == np.float32 and tf.float32 == "float32" and tf.float32.as_numpy_dtype is np.float32
    assert tf.as_dtype("int64") is tf.int64 and tf.float32.is_floating and not tf.int32.is_floating
    s = tf.TensorShape([None, 3])
    assert s.is_compatible_with([2, 3]) and not s.is_compatible_with([2, 4])
    assert s.merge_with([5, None]).as_list() == [5, 3]
    assert tf.TensorShape(None).ndims is None and s[1].value == 3
    with pytest.raises(ValueError):
        tf.ones([2, 3]) + tf.ones([4, 3])
    with pytest.raises(TypeError, match="float32"):
        tf.constant(1.0) + tf.constant(1)


def test_tensor_python_protocols():
    x = tf.constant([1.0, 2.0])
    with pytest.raises(TypeError):
        bool(x)
    with pytest.raises(TypeError):
        iter(x)
    assert "Tensor(\"Const:0\", shape=(2,), dtype=float32)" == str(x)
    assert {x: 1}[x] == 1


# ---------------------------------------------------------------- session

Pair = collections.namedtuple("Pair", "a b")


def test_fetch_structures():
    a = tf.constant(1.0)
    b = tf.constant([2, 3])
    op = tf.no_op()
    with tf.Session() as sess:
        assert sess.run(a) == 1.0 and isinstance(sess.run(a), np.float32)
        assert sess.run(op) is None
        out = sess.run({"x": [a, (b, op)], "p": Pair(a, {"deep": [b]})})
        assert out["x"][0] == 1.0 and out["x"][1][1] is None and isinstance(out["x"][1], tuple)
        assert isinstance(out["p"], Pair) and out["p"].b["deep"][0].tolist() == [2, 3]
        assert sess.run("Const:0") == 1.0
        assert sess.run([]) == []
        od = sess.run(collections.OrderedDict([("z", a), ("y", b)]))
        assert isinstance(od, collections.OrderedDict) and list(od) == ["z", "y"]


def test_feeding_any_tensor_and_pruning():
    x = tf.placeholder(tf.float32, [])
    unused = tf.placeholder(tf.float32, [])
    c = tf.constant(3.0)
    y = c * 2.0
    z = y + 1.0
    _ = unused * 2.0
    with tf.Session() as sess:
        assert sess.run(z) == 7.0
        assert sess.run(z, {y: 10.0}) == 11.0  # feeding an intermediate tensor
        assert sess.run(z, {c: 0.0}) == 1.0
        assert sess.run(x * 2.0, {x: 4.0}) == 8.0
        assert sess.run(y, {y: 5.0}) == 5.0  # a fed tensor fetches its fed value
        assert sess.run(z, feed_dict={"Const:0": 1.0}) == 3.0


def test_each_op_runs_at_most_once_per_run():
    calls = []

    def factory(op, session):
        def kernel(x):
            calls.append(1)
            return x + 1
        return kernel
    R.register("TestOnlyCounter", kernel_factory=factory, infer=R.same_as_input)
    try:
        x = tf.constant(1.0)
        counted = make("TestOnlyCounter", [x])
        a, b = counted * 2.0, counted * 3.0
        with tf.Session() as sess:
            assert sess.run([a, b, counted, a + b]) == [4.0, 6.0, 2.0, 10.0]
        assert len(calls) == 1
    finally:
        del R.REGISTRY["TestOnlyCounter"]


def test_missing_feed_and_feed_checks():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = x * 2.0
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"You must feed a value for placeholder tensor 'x' with dtype float and shape \[\?,3\]"):
            sess.run(y)
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(2, 4\) for Tensor x:0, which has shape \(None, 3\)"):
            sess.run(y, {x: np.zeros((2, 4))})
        with pytest.raises(TypeError, match="cannot be a tf.Tensor"):
            sess.run(y, {x: tf.zeros([1, 3])})
        out = sess.run(y, {x: np.ones((1, 3), np.float64)})
        assert out.dtype == np.float32
        with pytest.raises(ValueError, match="x:0"):
            sess.run(y, {x: [["a", "b", "c"]]})


def test_placeholder_with_default():
    x = tf.placeholder_with_default(tf.constant([1.0, 2.0]), [None])
    with tf.Session() as sess:
        assert sess.run(x).tolist() == [1.0, 2.0]
        assert sess.run(x, {x: [5.0]}).tolist() == [5.0]


@pytest.mark.parametrize("compiled", [True, False])
def test_kernel_errors_name_the_op(compiled, monkeypatch):
    from tf_upgrade.compat_v1 import session as session_module
    if not compiled:  # plans above CODEGEN_MAX_STEPS are interpreted instead of compiled
        monkeypatch.setattr(session_module, "CODEGEN_MAX_STEPS", 0)
    a = tf.placeholder(tf.float32, [None, None])
    c = tf.identity(a) * 2.0
    b = tf.matmul(c, c, name="mm")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"node mm \(op type MatMul\)") as info:
            sess.run([c, b], {a: np.ones((2, 3))})
        assert info.value.op.name == "mm"
        assert sess.run(c, {a: np.ones((1, 1))}).tolist() == [[2.0]]


def test_default_session_eval_and_run():
    x = tf.constant(2.0)
    v = tf.Variable(1.0)
    with pytest.raises(ValueError, match="No default session"):
        x.eval()
    with tf.Session() as sess:
        v.initializer.run()
        assert x.eval() == 2.0 and v.eval() == 1.0
        assert tf.get_default_session() is sess
    sess2 = tf.Session()
    with sess2.as_default():
        assert (x * 2.0).eval() == 4.0
    sess2.close()
    with pytest.raises(RuntimeError, match="closed Session"):
        sess2.run(x)
    inter = tf.InteractiveSession()
    assert x.eval() == 2.0
    inter.close()
    assert tf.get_default_session() is None


def test_session_on_explicit_graph_rejects_foreign_tensors():
    g = tf.Graph()
    with g.as_default():
        c = tf.constant(1.0)
    other = tf.constant(2.0)
    with tf.Session(graph=g) as sess:
        assert sess.run(c) == 1.0
        with pytest.raises(ValueError):
            sess.run(other)


def test_plan_cache_and_make_callable():
    a = tf.placeholder(tf.float32, [])
    b = tf.placeholder(tf.float32, [])
    c = a + b
    with tf.Session() as sess:
        for i in range(3):
            assert sess.run(c, {a: i, b: 1.0}) == i + 1
        assert len(sess._plans) == 1
        f = sess.make_callable(c, [a, b])
        assert f(2.0, 3.0) == 5.0


def test_control_dependencies_order_and_group():
    v = tf.Variable(1.0)
    inc = v.assign_add(1.0)
    with tf.control_dependencies([inc]):
        after = v.read_value() * 10.0
        ident = tf.identity(v)
    g = tf.group(inc, tf.no_op())
    assert after.op.control_inputs and g.type == "NoOp"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(after) == 20.0
        assert sess.run(ident) == 3.0
        sess.run(g)
        assert sess.run(v) == 4.0
    with tf.control_dependencies([inc]):
        with tf.control_dependencies(None):
            free = tf.constant(1.0)
    assert not free.op.control_inputs


# ---------------------------------------------------------------- variables & scopes

def test_uninitialized_variable_error_names_it():
    v = tf.Variable(tf.zeros([2]), name="weights")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value weights"):
            sess.run(v * 2.0)
        assert sess.run(tf.report_uninitialized_variables()).tolist() == [b"weights"]
        sess.run(tf.variables_initializer([v]))
        assert sess.run(tf.report_uninitialized_variables()).tolist() == []
        assert sess.run(tf.is_variable_initialized(v))


def test_variable_assignments_and_collections():
    v = tf.Variable([1.0, 2.0], name="v")
    frozen = tf.Variable(0, trainable=False, name="frozen")
    assert v.name == "v:0" and v.op.name == "v" and v.dtype == tf.float32 and v.shape.as_list() == [2]
    assert tf.trainable_variables() == [v] and tf.global_variables() == [v, frozen]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(v.assign([3.0, 4.0])).tolist() == [3.0, 4.0]
        assert sess.run(v.assign_add([1.0, 1.0])).tolist() == [4.0, 5.0]
        assert sess.run(v.assign_sub([0.5, 0.5])).tolist() == [3.5, 4.5]
        assert sess.run(frozen.assign_add(2)) == 2
        before = sess.run(v)
        sess.run(v.assign([0.0, 0.0]))
        assert before.tolist() == [3.5, 4.5]  # fetched values never change afterwards
        v.load([7.0, 8.0], sess)
        assert sess.run(v).tolist() == [7.0, 8.0]
        assert sess.run(v + 1.0).tolist() == [8.0, 9.0] and sess.run(v[1]) == 8.0
    with pytest.raises(ValueError):
        v.assign([1.0, 2.0, 3.0])


def test_variables_are_per_session():
    v = tf.Variable(1.0)
    inc = v.assign_add(1.0)
    s1, s2 = tf.Session(), tf.Session()
    s1.run(v.initializer)
    s2.run(v.initializer)
    s1.run(inc)
    assert s1.run(v) == 2.0 and s2.run(v) == 1.0


def test_initialized_value_chain():
    a = tf.Variable(3.0)
    b = tf.Variable(a.initialized_value() * 2.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(b) == 6.0


def test_get_variable_reuse_rules():
    with tf.variable_scope("layer"):
        w = tf.get_variable("w", [2, 3], initializer=tf.ones_initializer())
        with pytest.raises(ValueError, match="Variable layer/w already exists, disallowed"):
            tf.get_variable("w", [2, 3])
    with tf.variable_scope("layer", reuse=True):
        assert tf.get_variable("w") is w
        with pytest.raises(ValueError, match="Trying to share variable layer/w, but specified shape"):
            tf.get_variable("w", [3, 3])
        with pytest.raises(ValueError, match="Variable layer/missing does not exist"):
            tf.get_variable("missing", [1])
        with tf.variable_scope("inner"):  # reuse is inherited
            assert tf.get_variable_scope().reuse is True
    with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
        a1 = tf.get_variable("a", [1])
        a2 = tf.get_variable("a", [1])
    assert a1 is a2 and a1.name == "auto/a:0"
    with tf.variable_scope("layer") as scope:
        scope.reuse_variables()
        assert tf.get_variable("w") is w
    with tf.variable_scope(scope, reuse=True):
        assert tf.get_variable("w") is w
    with pytest.raises(ValueError, match="must be fully defined"):
        tf.get_variable("noshape")
    with tf.variable_scope(None, default_name="block"):
        b1 = tf.get_variable("k", [1])
    with tf.variable_scope(None, default_name="block"):
        b2 = tf.get_variable("k", [1])
    assert (b1.name, b2.name) == ("block/k:0", "block_1/k:0")


def test_variable_scope_defaults_and_names():
    with tf.variable_scope("s", initializer=tf.constant_initializer(2.5), dtype=tf.float32):
        v = tf.get_variable("v", [2])
        x = tf.identity(v)
        with tf.variable_scope("t"):
            u = tf.get_variable("u", [1], initializer=tf.zeros_initializer())
    with tf.variable_scope("s", reuse=True):
        y = tf.identity(v)
    assert (v.name, u.name, x.name, y.name) == ("s/v:0", "s/t/u:0", "s/Identity:0", "s_1/Identity:0")
    reg = tf.get_variable("r", [2], regularizer=lambda w: tf.reduce_sum(w) * 0.0)
    assert len(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)) == 1 and reg.name == "r:0"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(v).tolist() == [2.5, 2.5] and sess.run(u).tolist() == [0.0]


def test_initializers():
    shapes = {"z": tf.zeros_initializer(), "o": tf.ones_initializer(), "c": tf.constant_initializer([1.0, 2.0, 3.0]),
              "n": tf.random_normal_initializer(1.0, 2.0, seed=1), "t": tf.truncated_normal_initializer(0.0, 1.0, seed=2),
              "g": tf.glorot_uniform_initializer(seed=3), "u": tf.random_uniform_initializer(-1.0, 1.0, seed=4),
              "vs": tf.variance_scaling_initializer(2.0, seed=5)}
    vs = {}
    for k, init in shapes.items():
        shape = [3] if k == "c" else [200, 300]
        vs[k] = tf.get_variable(k, shape, initializer=init)
    default = tf.get_variable("default", [200, 300])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run(vs)
        dflt = sess.run(default)
    assert out["z"].sum() == 0 and out["o"].mean() == 1 and out["c"].tolist() == [1.0, 2.0, 3.0]
    assert abs(out["n"].mean() - 1.0) < 0.05 and abs(out["n"].std() - 2.0) < 0.05
    assert np.abs(out["t"]).max() <= 2.0 and abs(out["t"].std() - 0.88) < 0.03
    limit = np.sqrt(6.0 / 500)
    assert np.abs(out["g"]).max() <= limit and np.abs(dflt).max() <= limit and out["g"].std() > limit / 2
    assert out["u"].min() >= -1 and out["u"].max() < 1
    assert abs(out["vs"].std() - np.sqrt(2.0 / 200)) < 0.01


# ---------------------------------------------------------------- random ops

def test_random_ops_distribution_and_seeds():
    tf.set_random_seed(42)
    n = tf.random_normal([20000], mean=2.0, stddev=0.5)
    u = tf.random_uniform([20000], 1.0, 3.0)
    t = tf.truncated_normal([20000])
    i = tf.random_uniform([1000], 0, 5, dtype=tf.int32)
    with tf.Session() as s1:
        a = s1.run([n, u, t, i])
        again = s1.run(n)
    with tf.Session() as s2:
        b = s2.run([n, u, t, i])
    assert abs(a[0].mean() - 2.0) < 0.02 and abs(a[0].std() - 0.5) < 0.02
    assert a[1].min() >= 1.0 and a[1].max() < 3.0 and abs(a[1].mean() - 2.0) < 0.03
    assert np.abs(a[2]).max() <= 2.0 and a[3].min() >= 0 and a[3].max() <= 4 and a[3].dtype == np.int32
    assert all(np.array_equal(x, y) for x, y in zip(a, b))  # same graph seed -> same sequence per session
    assert not np.array_equal(a[0], again)  # successive runs draw new numbers


def test_dropout():
    x = tf.ones([100, 100])
    keep = tf.placeholder(tf.float32, [])
    d = tf.nn.dropout(x, keep_prob=keep)
    with tf.Session() as sess:
        out = sess.run(d, {keep: 0.25})
        assert set(np.unique(out).tolist()) <= {0.0, 4.0} and abs((out > 0).mean() - 0.25) < 0.03
        assert (sess.run(d, {keep: 1.0}) == 1.0).all()
    assert tf.nn.dropout(x, rate=0.5).shape.as_list() == [100, 100]


# ---------------------------------------------------------------- errors & namespace

def test_unsupported_symbols_raise_clear_errors():
    for expr, name in ((lambda: tf.definitely_missing_symbol, "tf.definitely_missing_symbol"), (lambda: tf.nn.conv3d_transpose_xyz, "tf.nn.conv3d_transpose_xyz"),
                       (lambda: tf.train.SomethingMissing, "tf.train.SomethingMissing"),
                       (lambda: tf.losses.foo, "tf.losses.foo"), (lambda: tf.math.foo, "tf.math.foo")):
        with pytest.raises(NotImplementedError) as info:
            expr()
        assert name in str(info.value) and "not implemented" in str(info.value)
        assert isinstance(info.value, AttributeError)
    assert not hasattr(tf, "definitely_not_a_symbol")


def test_errors_module():
    for name in ("InvalidArgumentError", "FailedPreconditionError", "NotFoundError", "OutOfRangeError",
                 "UnimplementedError", "ResourceExhaustedError", "AbortedError", "CancelledError"):
        cls = getattr(tf.errors, name)
        assert issubclass(cls, tf.errors.OpError)
    e = tf.errors.OutOfRangeError(None, None, "End of sequence")
    assert str(e) == "End of sequence" and e.error_code == tf.errors.OUT_OF_RANGE


@pytest.mark.slow
def test_supported_list_cli_and_import_isolation():
    out = subprocess.run([sys.executable, "-m", "tf_upgrade.compat_v1", "--supported"], capture_output=True,
                         text=True, check=True).stdout
    for sym in ("tf.Session", "tf.placeholder", "tf.nn.softmax_cross_entropy_with_logits_v2",
                "tf.train.AdamOptimizer", "tf.gradients", "tf.variable_scope"):
        assert "  %s\n" % sym in out
    code = "import sys, tf_upgrade.compat_v1; print('libcst' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_global_step_and_decay():
    gs = tf.train.get_or_create_global_step()
    assert tf.train.get_or_create_global_step() is gs and gs.name == "global_step:0" and gs.dtype == tf.int64
    lr = tf.train.exponential_decay(0.1, gs, 10, 0.5, staircase=True)
    lr_smooth = tf.train.exponential_decay(0.1, gs, 10, 0.5)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(gs.assign(15))
        assert np.isclose(sess.run(lr), 0.05) and np.isclose(sess.run(lr_smooth), 0.1 * 0.5 ** 1.5)
        assert tf.train.global_step(sess, gs) == 15


def test_optimizer_api():
    w = tf.Variable([1.0, 2.0])
    u = tf.Variable(5.0)
    loss = tf.reduce_sum(w * w)
    opt = tf.train.AdamOptimizer(0.1)
    gv = opt.compute_gradients(loss)
    assert [v for _, v in gv] == [w, u] and gv[1][0] is None
    train = opt.apply_gradients(gv)
    assert opt.get_slot(w, "m").name == "Variable/Adam:0" and opt.get_slot(w, "v").name == "Variable/Adam_1:0"
    assert train.name == "Adam"
    with pytest.raises(ValueError, match="No gradients provided"):
        tf.train.GradientDescentOptimizer(0.1).minimize(tf.constant(1.0) + 0.0 * tf.reduce_sum(tf.ones([1])),
                                                        var_list=[u])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        # first Adam step moves each coordinate by ~lr against the gradient sign
        np.testing.assert_allclose(sess.run(w), [0.9, 1.9], rtol=1e-5)


def test_fed_output_of_an_op_that_still_runs_keeps_the_fed_value():
    x = tf.constant([1.0, 2.0, 3.0, 4.0])
    first, second = tf.split(x, 2)
    total = first * 10.0 + second
    c = tf.constant(1.0)
    with tf.control_dependencies([c.op]):
        after = tf.identity(c) + 0.0
    with tf.Session() as sess:
        # `second` needs the Split op to run; `first` is fed and must keep the fed value
        assert sess.run(total, {first: [0.0, 0.0]}).tolist() == [3.0, 4.0]
        assert sess.run(after, {c: 5.0}) == 5.0


@pytest.mark.parametrize("make_opt", [lambda: tf.train.AdamOptimizer(0.1), lambda: tf.train.MomentumOptimizer(0.1, 0.9),
                                      lambda: tf.train.GradientDescentOptimizer(0.1)])
def test_in_place_updates_never_change_fetched_values(make_opt):
    w = tf.Variable([1.0, -2.0])
    read = tf.identity(w)
    train = make_opt().minimize(tf.reduce_sum(w * w))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fetched, via_identity = sess.run([w, read])
        sess.run(train)
        sess.run(train)
        assert fetched.tolist() == [1.0, -2.0] and via_identity.tolist() == [1.0, -2.0]
        assert sess.run(w).tolist() != [1.0, -2.0]


def test_numpy_operands_defer_to_tensor_operators():
    x = tf.constant([1.0, 2.0])
    v = tf.Variable([3.0, 4.0])
    exprs = [np.float32(2.0) * x, np.array([1.0, 1.0], np.float32) + x, np.ones(2, np.float32) - v,
             np.float64(2.0) * v, 2 * v]
    assert all(isinstance(e, tf.Tensor) and e.dtype == tf.float32 for e in exprs)
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert [e.tolist() for e in sess.run(exprs)] == [[2.0, 4.0], [2.0, 3.0], [-2.0, -3.0], [6.0, 8.0],
                                                         [6.0, 8.0]]
    with pytest.raises(NotImplementedError, match="symbolic Tensor"):
        np.mean(x)


def test_user_defined_optimizer_with_slots():
    class AccumulatingSGD(tf.train.Optimizer):
        def __init__(self, lr):
            super().__init__(False, "AccumulatingSGD")
            self._lr = lr

        def _create_slots(self, var_list):
            for v in var_list:
                self._zeros_slot(v, "acc", self._name)

        def _apply_dense(self, grad, var):
            acc = self.get_slot(var, "acc")
            new_acc = acc.assign(acc * 0.5 + grad)
            return var.assign_sub(self._lr * new_acc)

    w = tf.Variable([1.0, 2.0], name="w")
    opt = AccumulatingSGD(0.1)
    train = opt.minimize(tf.reduce_sum(w * w))
    assert opt.get_slot(w, "acc").name == "w/AccumulatingSGD:0"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        np.testing.assert_allclose(sess.run(w), [0.8, 1.6], rtol=1e-6)
        sess.run(train)  # acc = 0.5 * [2, 4] + [1.6, 3.2]
        np.testing.assert_allclose(sess.run(w), [0.8 - 0.26, 1.6 - 0.52], rtol=1e-6)


def test_hessians():
    x = tf.placeholder(tf.float64, [3])
    h = tf.hessians(tf.reduce_sum(x ** 3) + x[0] * x[1], x)[0]
    with tf.Session() as sess:
        out = sess.run(h, {x: [1.0, 2.0, 3.0]})
    np.testing.assert_allclose(out, [[6.0, 1.0, 0.0], [1.0, 12.0, 0.0], [0.0, 0.0, 18.0]])


def test_assertions_fail_at_run_time():
    a = tf.constant([1, 2])
    bad = tf.assert_equal(a, tf.constant([1, 3]), message="mismatch")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="mismatch"):
            sess.run(bad)
        sess.run(tf.assert_less(a, 5))
        with tf.control_dependencies([tf.Assert(tf.reduce_all(a > 0), [a])]):
            guarded = tf.identity(a)
        assert sess.run(guarded).tolist() == [1, 2]


def test_static_dimensions_work_as_shape_arguments():
    x = tf.placeholder(tf.float32, [None, 2, 3])
    assert tf.reshape(x, [-1, x.shape[1] * x.shape[2]]).shape.as_list() == [None, 6]
    assert tf.zeros([x.shape[1], 4]).shape.as_list() == [2, 4]
    assert tf.ones(x.get_shape()[1:]).shape.as_list() == [2, 3]
    assert tf.constant(x.shape[2]).dtype == tf.int32
    assert x.shape[1].value == 2 and int(x.shape[2]) == 3 and x.shape[0].value is None


def test_unknown_attributes_of_tf_objects_name_the_symbol():
    x = tf.constant(1.0)
    v = tf.Variable(1.0)
    for obj, attr, qualified in ((x, "numpy", "tf.Tensor.numpy"), (x.op, "traceback", "tf.Operation.traceback"),
                                 (v, "count_up_to", "tf.Variable.count_up_to"),
                                 (tf.get_default_graph(), "prevent_feeding", "tf.Graph.prevent_feeding")):
        with pytest.raises(NotImplementedError, match=qualified.replace(".", r"\.")):
            getattr(obj, attr)
        assert not hasattr(obj, attr)
    with pytest.raises(AttributeError) as info:
        x._private_thing  # noqa: B018 (the attribute read is what raises)
    assert not isinstance(info.value, NotImplementedError)


def test_strings_are_bytes():
    c = tf.constant(["ab", "c"])
    p = tf.placeholder(tf.string, [None])
    assert c.dtype == tf.string
    with tf.Session() as sess:
        out, fed, scalar = sess.run([c, tf.identity(p), tf.constant("x")], {p: ["q", b"r"]})
    assert out.tolist() == [b"ab", b"c"] and fed.tolist() == [b"q", b"r"] and scalar == b"x"


def test_inf_and_nan_propagate_without_warnings():
    import warnings
    x = tf.placeholder(tf.float32, [3])
    y = tf.log(x) / x
    with tf.Session() as sess, warnings.catch_warnings():
        warnings.simplefilter("error")
        out = sess.run(y, {x: [0.0, -1.0, 1.0]})
    assert np.isneginf(out[0]) and np.isnan(out[1]) and out[2] == 0.0

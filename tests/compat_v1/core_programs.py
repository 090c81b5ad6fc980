"""TF1-style programs for the compat_v1 core, run under real TensorFlow (tools/compat_v1_references.py,
to produce tests/compat_v1/references/core_programs.json) and under the shim (test_core_programs.py).

Each `program_*` takes the `tf` module (tensorflow.compat.v1 with eager disabled, or
tf_upgrade.compat_v1) and returns a dict of JSON-able results. All data and initial weights are
numpy arrays from fixed seeds, fed or used as constant initializers, so both runtimes see the same inputs.
"""
import numpy as np


def _data(seed, *shape):
    return np.random.RandomState(seed).randn(*shape).astype(np.float32)


def _tolist(x):
    if isinstance(x, dict):
        return {k: _tolist(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_tolist(v) for v in x]
    if isinstance(x, bytes):
        return x.decode()
    if isinstance(x, (np.ndarray, np.generic)):
        return np.asarray(x).tolist()
    return x


def program_linear_regression(tf):
    X = _data(1, 50, 3)
    Y = X @ np.array([[1.5], [-2.0], [0.7]], np.float32) + 0.3
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        y = tf.placeholder(tf.float32, [None, 1], name="y")
        W = tf.Variable(tf.zeros([3, 1]), name="W")
        b = tf.Variable(0.0, name="b")
        pred = tf.matmul(x, W) + b
        loss = tf.reduce_mean(tf.square(pred - y))
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        losses = []
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(30):
                _, step_loss = sess.run([train, loss], feed_dict={x: X, y: Y})
                losses.append(step_loss)
            w, bb = sess.run([W, b])
    return _tolist({"losses": losses, "W": w, "b": bb, "names": [pred.name, loss.name]})


def program_logistic_regression(tf):
    X = _data(2, 80, 4)
    Y = (X[:, :1] - 0.5 * X[:, 1:2] > 0).astype(np.float32)
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 4])
        y = tf.placeholder(tf.float32, [None, 1])
        W = tf.Variable(_data(3, 4, 1) * 0.1)
        b = tf.Variable(tf.zeros([1]))
        logits = tf.matmul(x, W) + b
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
        acc = tf.reduce_mean(tf.cast(tf.equal(tf.cast(logits > 0, tf.float32), y), tf.float32))
        train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            losses = [sess.run([train, loss], {x: X, y: Y})[1] for _ in range(25)]
            final = sess.run({"loss": loss, "acc": acc, "W": W, "sig": tf.sigmoid(logits)[:5]}, {x: X, y: Y})
    return _tolist({"losses": losses, "final": final})


def program_softmax_classifier(tf):
    X = _data(4, 60, 5)
    labels = (np.abs(X[:, 0] * 3).astype(np.int64) % 3)
    onehot = np.eye(3, dtype=np.float32)[labels]
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 5])
        y = tf.placeholder(tf.float32, [None, 3])
        yi = tf.placeholder(tf.int64, [None])
        W = tf.Variable(_data(5, 5, 3) * 0.1, name="W")
        b = tf.Variable(tf.zeros([3]), name="b")
        logits = tf.nn.bias_add(tf.matmul(x, W), b)
        xent = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))
        sparse = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=yi, logits=logits))
        v1 = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=logits))
        pred = tf.argmax(tf.nn.softmax(logits), 1)
        acc = tf.reduce_mean(tf.cast(tf.equal(pred, yi), tf.float32))
        grads = tf.gradients([xent, sparse, v1], [W, b])
        train = tf.train.GradientDescentOptimizer(0.3).minimize(xent + 0.01 * tf.nn.l2_loss(W))
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            feed = {x: X, y: onehot, yi: labels}
            first = sess.run({"xent": xent, "sparse": sparse, "v1": v1, "grads": grads,
                              "log_softmax": tf.nn.log_softmax(logits)[:3]}, feed)
            losses = [sess.run([train, xent], feed)[1] for _ in range(20)]
            final = sess.run({"acc": acc, "W": W, "b": b, "pred": pred}, feed)
    return _tolist({"first": first, "losses": losses, "final": final})


def program_xor_mlp(tf):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], np.float32)
    Y = np.array([[0], [1], [1], [0]], np.float32)
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 2])
        y = tf.placeholder(tf.float32, [None, 1])
        W1 = tf.Variable(_data(6, 2, 8), name="W1")
        b1 = tf.Variable(tf.zeros([8]), name="b1")
        W2 = tf.Variable(_data(7, 8, 1), name="W2")
        b2 = tf.Variable(tf.zeros([1]), name="b2")
        h = tf.nn.tanh(tf.matmul(x, W1) + b1)
        h2 = tf.nn.relu(h) + 0.1 * h
        out = tf.sigmoid(tf.matmul(h2, W2) + b2)
        loss = tf.losses.mean_squared_error(y, out)
        train = tf.train.AdamOptimizer(0.05).minimize(loss)
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            losses = [sess.run([train, loss], {x: X, y: Y})[1] for _ in range(60)]
            final = sess.run(out, {x: X})
    return _tolist({"losses": losses, "out": final, "loss_name": loss.name})


def program_shared_weights(tf):
    A, B = _data(8, 4, 3), _data(9, 4, 3)
    init = _data(10, 3, 2)

    def tower(inp):
        w = tf.get_variable("w", initializer=tf.constant(init))
        b = tf.get_variable("b", [2], initializer=tf.constant_initializer(0.5))
        return tf.nn.relu(tf.matmul(inp, w) + b)

    with tf.Graph().as_default() as g:
        a = tf.placeholder(tf.float32, [None, 3])
        bb = tf.placeholder(tf.float32, [None, 3])
        with tf.variable_scope("tower"):
            ya = tower(a)
        with tf.variable_scope("tower", reuse=True):
            yb = tower(bb)
        with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
            za = tower(a)
            zb = tower(bb)
        loss = tf.reduce_sum(tf.square(ya - yb)) + tf.reduce_mean(za * zb)
        opt = tf.train.MomentumOptimizer(0.05, 0.9)
        gv = opt.compute_gradients(loss)
        train = opt.apply_gradients(gv)
        names = sorted(v.name for v in tf.trainable_variables())
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            losses = [sess.run([train, loss], {a: A, bb: B})[1] for _ in range(10)]
            values = sess.run({v.op.name: v for v in tf.trainable_variables()})
    return _tolist({"names": names, "losses": losses, "values": values,
                    "ops": [ya.name, yb.name, za.name, zb.name]})


def program_manual_gradients(tf):
    X = _data(11, 20, 3)
    Y = _data(12, 20, 1)
    with tf.Graph().as_default() as g:
        x = tf.constant(X)
        w = tf.Variable(_data(13, 3, 1), name="w")
        c = tf.Variable(0.1, name="c")
        pred = tf.matmul(x, w) * c + tf.reduce_sum(w)
        loss = tf.reduce_mean(tf.square(pred - Y))
        gw, gc = tf.gradients(loss, [w, c])
        # second order: gradient of the gradient norm
        ggw = tf.gradients(tf.reduce_sum(tf.square(gw)), w)[0]
        lr = tf.placeholder(tf.float32, [])
        step = tf.group(w.assign_sub(lr * gw), c.assign(c - lr * gc))
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            first = sess.run({"gw": gw, "gc": gc, "ggw": ggw})
            # feeding a gradient tensor overrides it
            fed = sess.run(tf.reduce_sum(gw), {gw: np.ones((3, 1), np.float32)})
            losses = []
            for _ in range(15):
                sess.run(step, {lr: 0.05})
                losses.append(sess.run(loss))
            final = sess.run([w, c])
    return _tolist({"first": first, "fed": fed, "losses": losses, "final": final})


def _optimizer_run(tf, make_opt, steps=12):
    X = _data(14, 16, 4)
    Y = _data(15, 16, 2)
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 4])
        W = tf.Variable(_data(16, 4, 2) * 0.5, name="W")
        b = tf.Variable(np.array([0.1, -0.2], np.float32), name="b")
        loss = tf.reduce_mean(tf.square(tf.nn.tanh(tf.matmul(x, W) + b) - Y))
        gs = tf.train.get_or_create_global_step()
        train = make_opt(tf, gs).minimize(loss, global_step=gs)
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            losses = [sess.run([train, loss], {x: X})[1] for _ in range(steps)]
            w, bb, step = sess.run([W, b, gs])
    return {"losses": losses, "W": w, "b": bb, "global_step": step}


OPTIMIZERS = {
    "sgd": lambda tf, gs: tf.train.GradientDescentOptimizer(0.2),
    "momentum": lambda tf, gs: tf.train.MomentumOptimizer(0.1, 0.9),
    "nesterov": lambda tf, gs: tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True),
    "adam": lambda tf, gs: tf.train.AdamOptimizer(0.05),
    "adam_eps": lambda tf, gs: tf.train.AdamOptimizer(0.01, beta1=0.8, beta2=0.99, epsilon=0.1),
    "adagrad": lambda tf, gs: tf.train.AdagradOptimizer(0.3),
    "adadelta": lambda tf, gs: tf.train.AdadeltaOptimizer(1.0, rho=0.9, epsilon=1e-6),
    "rmsprop": lambda tf, gs: tf.train.RMSPropOptimizer(0.01),
    "rmsprop_momentum": lambda tf, gs: tf.train.RMSPropOptimizer(0.01, decay=0.8, momentum=0.5, epsilon=1e-3),
    "rmsprop_centered": lambda tf, gs: tf.train.RMSPropOptimizer(0.01, momentum=0.3, centered=True),
    "sgd_exp_decay": lambda tf, gs: tf.train.GradientDescentOptimizer(
        tf.train.exponential_decay(0.3, gs, 3, 0.5, staircase=True)),
    "adam_exp_decay": lambda tf, gs: tf.train.AdamOptimizer(tf.train.exponential_decay(0.05, gs, 4, 0.7)),
}


def program_optimizers(tf):
    return _tolist({name: _optimizer_run(tf, make) for name, make in OPTIMIZERS.items()})


def program_ops_forward(tf):
    """Forward values of many ops on fixed inputs."""
    a = _data(20, 3, 4)
    bvec = _data(21, 4)
    pos = np.abs(_data(22, 3, 4)) + 0.5
    idx = np.array([2, 0, 1, 2], np.int32)
    with tf.Graph().as_default() as g:
        x = tf.constant(a)
        p = tf.constant(pos)
        v = tf.constant(bvec)
        out = {
            "reshape": tf.reshape(x, [2, -1]),
            "sum_axis": tf.reduce_sum(x, axis=1),
            "sum_keep": tf.reduce_sum(x, 0, keep_dims=True),
            "mean_ri": tf.reduce_mean(x, reduction_indices=[0, 1]),
            "max": tf.reduce_max(x, 1, keepdims=True),
            "min": tf.reduce_min(x),
            "prod": tf.reduce_prod(p, 1),
            "argmax": tf.argmax(x, dimension=1),
            "argmin": tf.argmin(x, 0),
            "compare": tf.cast(tf.logical_and(tf.less(x, 0.5), tf.greater_equal(x, -0.5)), tf.int32),
            "logical": tf.cast(tf.logical_or(tf.logical_not(x > 0), tf.equal(x, x)), tf.float32),
            "concat": tf.concat([x, p], 1),
            "stack": tf.stack([x, p], axis=1),
            "split": tf.split(x, 2, axis=1),
            "split_sizes": tf.split(x, [1, 3], 1),
            "squeeze": tf.squeeze(tf.expand_dims(x, 0)),
            "expand": tf.expand_dims(v, 1),
            "transpose": tf.transpose(x),
            "gather": tf.gather(x, [2, 0]),
            "gather_axis1": tf.gather(x, idx[:3], axis=1),
            "one_hot": tf.one_hot(idx, 3),
            "tile": tf.tile(v[None, :], [2, 1]),
            "pad": tf.pad(x, [[1, 0], [0, 2]]),
            "slice1": x[1:, ::2],
            "slice2": x[-1],
            "slice3": x[:, 1:3][None, ...],
            "unary": [tf.square(x), tf.sqrt(p), tf.exp(x), tf.log(p), tf.abs(x), tf.pow(p, 1.5), tf.rsqrt(p)],
            "clip": tf.clip_by_value(x, -0.3, 0.4),
            "maxmin": [tf.maximum(x, v), tf.minimum(x, 0.0)],
            "where": tf.where(x > 0, x, -x * 2),
            "div": [x / p, tf.div(x, p), tf.truediv(tf.constant([7, 3]), tf.constant([2, 2])),
                    tf.floordiv(tf.constant([7, -3]), 2), tf.mod(tf.constant([7, -3]), 3)],
            "nn": [tf.nn.relu(x), tf.nn.sigmoid(x), tf.nn.tanh(x), tf.nn.softmax(x), tf.nn.log_softmax(x),
                   tf.nn.l2_loss(x), tf.nn.bias_add(x, v)],
            "sigmoid_xent": tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.sigmoid(p), logits=x),
            "mse": tf.losses.mean_squared_error(x, p),
            "operators": [x + p, x - 1.0, 2.0 * x, 1.0 / p, -x, x ** 2, p // 1.0, abs(x), x @ tf.transpose(p)],
            "cast": tf.cast(x * 3, tf.int32),
            "shape": tf.shape(x),
            "size_rank": [tf.size(x), tf.rank(x)],
            "fill": [tf.zeros([2, 2]), tf.ones_like(x[0]), tf.fill([2], 3.5)],
            "range": tf.range(1, 10, 3),
            "unstack": tf.unstack(x, axis=1),
            "add_n": tf.add_n([x, p, x]),
            "squared_difference": tf.squared_difference(x, p),
            "logsumexp": tf.reduce_logsumexp(x, 1),
        }
        with tf.Session(graph=g) as sess:
            res = sess.run(out)
    return _tolist(res)


def program_broadcast_gradients(tf):
    """Gradients through broadcasting binary ops and reductions (TF sums them back to input shapes)."""
    a = _data(30, 3, 1, 4)
    b = _data(31, 5, 1)
    c = _data(32, 4)
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 1, 4])
        y = tf.constant(b)
        z = tf.Variable(c)
        s = tf.Variable(2.0)
        expr = (x * y + z) / (1.5 + tf.abs(y)) - tf.maximum(x, z) * s + tf.pow(tf.abs(z) + 1.0, y) - x ** 2
        loss = tf.reduce_sum(expr * tf.constant(_data(33, 3, 5, 4))) + tf.reduce_mean(tf.reduce_max(expr, axis=1))
        grads = tf.gradients(loss, [x, y, z, s])
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            res = sess.run({"loss": loss, "grads": grads}, {x: a})
    return _tolist(res)


def program_op_gradients(tf):
    """Gradients of shape ops, slicing, gather, softmax etc. against TF's (values, not just numerics)."""
    a = _data(40, 4, 3)
    w = _data(41, 3, 6)
    with tf.Graph().as_default() as g:
        x = tf.Variable(a)
        exprs = {
            "reshape_transpose": tf.transpose(tf.reshape(x, [3, 4])) * tf.constant(_data(42, 4, 3)),
            "concat_split": tf.concat(tf.split(x, 3, axis=1)[::-1], 0) * 1.5,
            "stack_unstack": tf.stack(tf.unstack(x)[1:], axis=1) ** 2,
            "slice": x[1:3, ::2] * x[0, ::2],
            "gather": tf.gather(x, [0, 2, 2]) * 2.0,
            "tile_pad": tf.pad(tf.tile(x, [2, 1]), [[1, 1], [0, 1]]) * tf.constant(_data(43, 10, 4)),
            "softmax": tf.nn.softmax(x) * tf.constant(_data(44, 4, 3)),
            "log_softmax": tf.nn.log_softmax(x) * tf.constant(_data(45, 4, 3)),
            "matmul": tf.matmul(tf.nn.relu(tf.matmul(x, tf.constant(w))), tf.constant(w), transpose_b=True),
            "reductions": tf.reduce_prod(x + 2.0, 1) + tf.reduce_min(x, 0)[0] + tf.reduce_mean(x, 1, keepdims=True)[:, 0],
            "activations": tf.sigmoid(x) * tf.tanh(x) + tf.nn.relu(x) * tf.exp(-x),
            "clip_sqrt_log": tf.sqrt(tf.clip_by_value(x, 0.1, 0.8)) + tf.log(tf.square(x) + 1.0),
            "where_select": tf.where(x > 0, x * 3.0, tf.square(x)),
            "xent": tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.nn.softmax(x * 0.5), logits=x),
        }
        # convert_to_tensor: TF returns IndexedSlices for gather; compare the dense value
        grads = {k: tf.convert_to_tensor(tf.gradients(tf.reduce_sum(e * e), x)[0]) for k, e in exprs.items()}
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            res = sess.run(grads)
    return _tolist(res)


def program_names(tf):
    """Op/tensor names exactly as TF1 makes them."""
    with tf.Graph().as_default() as g:
        a = tf.placeholder(tf.float32, [None, 3], name="a")
        b = tf.constant(1.0)
        names = [b.name, (a + b).name, (a + b).name, tf.add(a, b).name, tf.multiply(a, b).name, (a * b).name,
                 (a + 1.0).name, (2.0 - a).name, (a / 2.0).name, (-a).name, tf.identity(a).name,
                 tf.matmul(a, tf.ones([3, 2])).name, tf.reduce_sum(a).name, tf.reduce_mean(a, 1).name,
                 tf.reshape(a, [-1]).name, a[0].name, tf.cast(a, tf.int32).name, tf.nn.relu(a).name,
                 tf.concat([a, a], 0).name, tf.stack([a, a]).name, tf.argmax(a, 1).name, tf.square(a).name]
        with tf.name_scope("outer"):
            names.append((a - b).name)
            with tf.name_scope("inner"):
                names.append(tf.identity(a, name="named").name)
            with tf.name_scope("inner"):
                names.append(tf.identity(a).name)
        with tf.name_scope("outer"):
            names.append(tf.identity(a).name)
        with tf.variable_scope("vs"):
            v = tf.get_variable("v", [2])
            names += [v.name, v.op.name, tf.identity(v).name]
            with tf.variable_scope("inner"):
                names.append(tf.get_variable("u", [1]).name)
        with tf.variable_scope("vs", reuse=True):
            names.append(tf.get_variable("v").name)
            names.append(tf.identity(a).name)
        var = tf.Variable(1.0, name="var")
        var2 = tf.Variable(2.0, name="var")
        names += [var.name, var2.name, tf.Variable(3.0).name]
        names.append(tf.global_variables_initializer().name)
        names.append(tf.group(a, b).name)
        names.append(tf.no_op().name)
        names.append(tf.no_op(name="noop").name)
        names.append(g.get_tensor_by_name("a:0").name)
        names.append(g.get_operation_by_name("outer/sub").name)
        names.append(tf.train.GradientDescentOptimizer(0.1).minimize(var * var).name)
        names.append(tf.nn.softmax(a).name)
        shapes = [str(t.get_shape().as_list()) for t in (a, tf.reduce_sum(a, 0), a[:, 1:], tf.expand_dims(a, 1),
                                                         tf.matmul(a, tf.ones([3, 5])), tf.transpose(a))]
    return {"names": names, "shapes": shapes}


def program_idioms(tf):
    """Common TF1 idioms mixing static and dynamic shapes."""
    v = np.arange(12, dtype=np.float32).reshape(2, 2, 3)
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 2, 3])
        batch = tf.shape(x)[0]
        am = tf.argmax(x, axis=-1)
        out = {
            "reshape_dynamic": tf.reshape(x, [batch, -1]),
            "zeros_dynamic": tf.zeros([batch, 4]),
            "mean_last": tf.reduce_mean(x, axis=-1),
            "argmax_last": am,
            "squeeze_expand": tf.squeeze(tf.expand_dims(x, -1), axis=-1),
            "one_hot": tf.one_hot(tf.cast(am, tf.int32), 3, on_value=2.0, off_value=-1.0),
            "where_indices": tf.where(tf.reduce_sum(x, [1, 2]) > 20),
            "stack_slices": tf.stack([x[:, 0], x[:, 1]], axis=1),
            "size": tf.cast(tf.size(x), tf.float32),
            "batch": batch,
            "concat_neg_axis": tf.concat([x, x], axis=-1),
            "accuracy": tf.reduce_mean(tf.cast(tf.equal(am, tf.argmax(x[:, ::-1], -1)), tf.float32)),
            "int_ops": [tf.reduce_sum(tf.constant([[1, 2], [3, 4]]), 0), tf.reduce_mean(tf.constant([1, 2, 4])),
                        tf.constant([5, 7]) // 2, tf.constant([5, -7]) % 3, tf.reduce_max(tf.constant([3, 9, 2]))],
        }
        shapes = {k: str(t.shape.as_list()) for k, t in out.items() if not isinstance(t, list)}
        with tf.Session(graph=g) as sess:
            values = sess.run(out, {x: v})
    return _tolist({"values": values, "shapes": shapes})


def program_more_ops(tf):
    """gather_nd/scatter_nd, top_k, boolean_mask, sequence_mask, cumsum, norms, batch_normalization, py_func."""
    a = _data(50, 3, 4)
    with tf.Graph().as_default() as g:
        x = tf.Variable(a)
        values, indices = tf.nn.top_k(x, 2)
        mean, var = tf.nn.moments(x, [0])
        bn = tf.nn.batch_normalization(x, mean, var, tf.constant([0.1, 0.2, 0.3, 0.4]), 2.0, 1e-3)
        out = {
            "gather_nd": tf.gather_nd(x, [[0, 1], [2, 3]]),
            "scatter_nd": tf.scatter_nd([[1], [3], [1]], tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), [4, 2]),
            "top_k": [values, indices],
            "boolean_mask": tf.boolean_mask(x, [True, False, True]),
            "sequence_mask": tf.cast(tf.sequence_mask([1, 3, 0], 4), tf.int32),
            "cumsum": [tf.cumsum(x, 1), tf.cumsum(x, 0, exclusive=True, reverse=True)],
            "count_nonzero": tf.count_nonzero(tf.nn.relu(x), axis=1),
            "norm": [tf.norm(x), tf.norm(x, ord=1, axis=0)],
            "linspace": tf.lin_space(0.0, 1.0, 5),
            "eye": tf.eye(2, 3),
            "batchnorm": bn,
            "xw_plus_b": tf.nn.xw_plus_b(x, tf.ones([4, 2]), tf.constant([1.0, -1.0])),
            "log_sigmoid": tf.log_sigmoid(x),
            "py_func": tf.py_func(lambda v: (v * 2).astype(np.float32), [x], tf.float32),
        }
        loss = tf.reduce_sum(values ** 2) + tf.reduce_sum(bn * tf.constant(_data(51, 3, 4))) + \
            tf.reduce_sum(tf.gather_nd(x, [[0, 1], [0, 1]]) ** 3) + tf.reduce_sum(tf.boolean_mask(x, x[:, 0] > 0) ** 2)
        out["grad"] = tf.gradients(loss, x)[0]
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            res = sess.run(out)
    return _tolist(res)


def program_moving_average(tf):
    """ExponentialMovingAverage with num_updates, applied after each training step."""
    X = _data(60, 8, 3)
    with tf.Graph().as_default() as g:
        w = tf.Variable(_data(61, 3, 1), name="w")
        b = tf.Variable(0.5, name="b")
        loss = tf.reduce_mean(tf.square(tf.matmul(tf.constant(X), w) + b))
        gs = tf.train.get_or_create_global_step()
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
        ema = tf.train.ExponentialMovingAverage(0.9, num_updates=gs)
        with tf.control_dependencies([train]):
            train_ema = ema.apply([w, b])
        names = [ema.average(w).name, ema.average(b).name, ema.average_name(w), train_ema.name]
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            trace = [sess.run([ema.average(w), ema.average(b)]) for _ in range(1)]
            for _ in range(6):
                sess.run(train_ema)
                trace.append(sess.run([ema.average(w), ema.average(b), w]))
    return _tolist({"names": names, "trace": trace})


def program_typical_script(tf):
    """A TF1-tutorial-style classifier: get_variable + regularizer, tf.losses, decayed Adam, dropout at keep 1."""
    X = _data(70, 32, 6)
    labels = (np.abs(X[:, 0] + X[:, 1]) * 2).astype(np.int32) % 4
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 6], name="x")
        y = tf.placeholder(tf.int32, [None], name="y")
        keep = tf.placeholder_with_default(1.0, [], name="keep_prob")
        reg = lambda w: 0.01 * tf.nn.l2_loss(w)  # noqa: E731
        with tf.variable_scope("hidden"):
            w1 = tf.get_variable("weights", initializer=tf.constant(_data(71, 6, 8) * 0.5), regularizer=reg)
            b1 = tf.get_variable("biases", [8], initializer=tf.constant_initializer(0.1))
            h = tf.nn.dropout(tf.nn.relu(tf.matmul(x, w1) + b1), keep_prob=keep)
        with tf.variable_scope("out"):
            w2 = tf.get_variable("weights", initializer=tf.constant(_data(72, 8, 4) * 0.5), regularizer=reg)
            b2 = tf.get_variable("biases", [4], initializer=tf.zeros_initializer())
            logits = tf.nn.xw_plus_b(h, w2, b2)
        xent = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)
        total = tf.losses.get_total_loss()
        gs = tf.train.get_or_create_global_step()
        lr = tf.train.exponential_decay(0.05, gs, 5, 0.8)
        train = tf.train.AdamOptimizer(lr).minimize(total, global_step=gs)
        correct = tf.equal(tf.argmax(logits, 1, output_type=tf.int32), y)
        accuracy = tf.reduce_mean(tf.cast(correct, "float"))
        with tf.Session(graph=g) as sess:
            sess.run(tf.global_variables_initializer())
            trace = []
            for _ in range(12):
                _, t, a = sess.run([train, total, accuracy], {x: X, y: labels})
                trace.append([t, a])
            final = sess.run({"xent": xent, "reg": tf.losses.get_regularization_loss(), "lr": lr, "gs": gs,
                              "w2": w2}, {x: X, y: labels})
        names = [v.name for v in tf.global_variables()] + [xent.name, total.name, accuracy.name]
    return _tolist({"trace": trace, "final": final, "names": names})


PROGRAMS = {name[len("program_"):]: fn for name, fn in sorted(globals().items()) if name.startswith("program_")}

"""TF1 programs over the everyday pieces (tf.sort, tf.image, contrib layer_norm, scatter updates, the
assert family), run under real TensorFlow to produce references/everyday_programs.json
(`$TF_UPGRADE_TF_PYTHON tools/compat_v1_references.py everyday_programs`) and under the shim
(test_everyday.py). Same conventions as core_programs.py: `program(tf)` -> JSON-able dict.
"""
import numpy as np

from .core_programs import _data, _tolist


def _contrib_layers(tf):
    contrib = getattr(tf, "contrib", None)
    if contrib is not None:
        return contrib.layers
    import tf_slim  # TensorFlow 2.x: contrib.layers lives on as tf_slim
    return tf_slim.layers


def _layer_norm(tf):
    return _contrib_layers(tf).layer_norm


def program_sort(tf):
    x = np.array([[3, 1, 2, 1, 5], [0, -2, 7, 7, 1]], np.float32)
    with tf.Graph().as_default():
        t = tf.constant(x)
        out = {"asc": tf.sort(t), "desc": tf.sort(t, direction="DESCENDING"), "axis0": tf.sort(t, axis=0),
               "argsort": tf.argsort(t), "argsort_desc": tf.argsort(t, direction="DESCENDING"),
               "argsort_axis0": tf.argsort(t, axis=0),
               "ints": tf.sort(tf.constant([[4, -1, 3]], tf.int32), direction="DESCENDING"),
               "grad": tf.gradients(tf.reduce_sum(tf.sort(t) * tf.constant(_data(3, 2, 5))), t)[0]}
        with tf.Session() as sess:
            return _tolist(sess.run(out))


def program_image(tf):
    img = (_data(5, 2, 5, 7, 3) * 40 + 100).astype(np.float32)
    u8 = np.clip(_data(6, 6, 5, 3) * 60 + 128, 0, 255).astype(np.uint8)
    with tf.Graph().as_default():
        f, b = tf.constant(img), tf.constant(u8)
        image = tf.image
        out = {
            "resize_bilinear_down": image.resize_images(f, [3, 4]),
            "resize_bilinear_up": image.resize_images(f, [8, 11]),
            "resize_bilinear_align": image.resize_images(f, [8, 11], align_corners=True),
            "resize_bilinear_half_pixel": image.resize_bilinear(f, [4, 9], half_pixel_centers=True),
            "resize_nearest": image.resize_images(f, [8, 4], method=image.ResizeMethod.NEAREST_NEIGHBOR),
            "resize_nearest_align": image.resize_nearest_neighbor(f, [3, 9], align_corners=True),
            "resize_nearest_half_pixel": image.resize_nearest_neighbor(f, [9, 4], half_pixel_centers=True),
            "resize_uint8_3d": image.resize_images(b, [4, 7]),
            "crop_or_pad": image.resize_image_with_crop_or_pad(b, 4, 8),
            "crop_or_pad_batch": image.resize_image_with_crop_or_pad(f, 7, 3),
            "crop": image.crop_to_bounding_box(b, 1, 2, 3, 2),
            "pad": image.pad_to_bounding_box(b, 2, 1, 9, 8),
            "central_crop": image.central_crop(f, 0.6),
            "flip_lr": image.flip_left_right(b),
            "flip_ud": image.flip_up_down(f),
            "transpose": image.transpose_image(b),
            "rot90_1": image.rot90(b), "rot90_2": image.rot90(b, 2), "rot90_3": image.rot90(b, 3),
            "to_float": image.convert_image_dtype(b, tf.float32),
            "to_uint8": image.convert_image_dtype(tf.constant([[[0.0, 0.5, 0.999]]]), tf.uint8),
            "to_uint8_saturate": image.convert_image_dtype(tf.constant([[[-0.5, 1.5, 0.25]]]), tf.uint8,
                                                           saturate=True),
            "to_int32": image.convert_image_dtype(b, tf.int32),
            "int16_to_uint8": image.convert_image_dtype(tf.constant([[[-300, 0, 32767]]], tf.int16), tf.uint8),
            "standardize": image.per_image_standardization(b),
            "standardize_batch": image.per_image_standardization(f),
            "gray": image.rgb_to_grayscale(b),
            "gray_float": image.rgb_to_grayscale(f),
            "gray_to_rgb": image.grayscale_to_rgb(image.rgb_to_grayscale(b)),
            "brightness": image.adjust_brightness(b, 0.2),
            "brightness_float": image.adjust_brightness(f, -3.0),
        }
        with tf.Session() as sess:
            return _tolist(sess.run(out))


def program_layer_norm(tf):
    x = _data(7, 4, 3, 6)
    layer_norm = _layer_norm(tf)
    with tf.Graph().as_default():
        inp = tf.placeholder(tf.float32, [None, 3, 6])
        with tf.variable_scope("enc"):
            y = layer_norm(inp, begin_norm_axis=-1, begin_params_axis=-1)
            z = layer_norm(inp, begin_norm_axis=1, center=False, scope="all_axes")
            w = layer_norm(inp, activation_fn=tf.nn.relu, begin_norm_axis=2, scope="relu")
        gamma = [v for v in tf.global_variables() if v.name == "enc/LayerNorm/gamma:0"][0]
        loss = tf.reduce_sum(y * tf.constant(_data(8, 4, 3, 6))) + tf.reduce_sum(z * z) + tf.reduce_sum(w)
        grads = tf.gradients(loss, [inp, gamma])
        names = sorted(v.name for v in tf.global_variables())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            y_, z_, w_, g = sess.run([y, z, w, grads], {inp: x})
    return _tolist({"y": y_, "z": z_, "w": w_, "grad_x": g[0], "grad_gamma": g[1], "variables": names})


def program_contrib_conv2d(tf):
    """contrib.layers.conv2d / convolution2d as openai/baselines' conv_only network uses them: default 'Conv'
    scopes made unique, strides, VALID/SAME, dilation (rate), a normalizer in place of biases, no biases,
    no activation; outputs, gradients, the variables and the model-variables collection."""
    layers = _contrib_layers(tf)
    x = _data(9, 2, 9, 8, 3)
    with tf.Graph().as_default():
        inp = tf.placeholder(tf.float32, [None, 9, 8, 3])
        def init(shape, dtype=None, partition_info=None):  # numpy-drawn, as baselines' ortho_init: same in both
            return (np.random.RandomState(int(np.prod(shape))).randn(*shape) * 0.3).astype(np.float32)
        with tf.variable_scope("convnet"):
            a = layers.convolution2d(inp, num_outputs=4, kernel_size=3, stride=2, weights_initializer=init,
                                     biases_initializer=tf.constant_initializer(0.1))
            b = layers.conv2d(a, 5, [2, 3], padding="VALID", weights_initializer=init,
                              biases_initializer=tf.constant_initializer(-0.05))
            c = layers.conv2d(inp, 2, 3, rate=2, activation_fn=None, weights_initializer=init,
                              normalizer_fn=layers.layer_norm, normalizer_params={"center": False})
            d = layers.conv2d(inp, 3, 1, activation_fn=tf.tanh, biases_initializer=None, weights_initializer=init,
                              scope="pointwise")
        loss = tf.reduce_sum(b * b) + tf.reduce_sum(c * tf.constant(_data(10, 2, 9, 8, 2))) + tf.reduce_sum(d)
        params = tf.trainable_variables()
        grads = tf.gradients(loss, [inp] + params)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out = sess.run({"a": a, "b": b, "c": c, "d": d, "grads": grads}, {inp: x})
        out["variables"] = [v.name for v in params]
        out["model_variables"] = [v.name for v in tf.get_collection(tf.GraphKeys.MODEL_VARIABLES)]
        out["shapes"] = [t.get_shape().as_list() for t in (a, b, c, d)]
    return _tolist(out)


def program_scatter(tf):
    base = _data(9, 5, 3)
    with tf.Graph().as_default():
        results = {}
        cases = [("update", tf.scatter_update, [4, 0], _data(10, 2, 3)),
                 ("add", tf.scatter_add, [1, 1, 3], _data(11, 3, 3)),
                 ("sub", tf.scatter_sub, [2, 0], _data(12, 2, 3)),
                 ("mul", tf.scatter_mul, [3], _data(13, 1, 3)),
                 ("div", tf.scatter_div, [0, 4], _data(14, 2, 3) + 3.0),
                 ("max", tf.scatter_max, [1, 2], _data(15, 2, 3)),
                 ("min", tf.scatter_min, [1, 2], _data(16, 2, 3)),
                 ("nd_update", tf.scatter_nd_update, [[0, 1], [4, 2]], np.array([7.0, -7.0], np.float32)),
                 ("nd_add", tf.scatter_nd_add, [[1], [1]], _data(17, 2, 3)),
                 ("nd_sub", tf.scatter_nd_sub, [[3, 0]], np.array([2.5], np.float32))]
        ops = {}
        for name, fn, idx, upd in cases:
            v = tf.Variable(base, name="v_" + name)
            ops[name] = (v, fn(v, tf.constant(idx), tf.constant(upd)))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for name, (v, op) in ops.items():
                first = sess.run(op)
                second = sess.run(op)  # applied twice: the variable really changed
                results[name] = {"first": first, "second": second, "variable": sess.run(v)}
    return _tolist(results)


def program_asserts(tf):
    """Each check built and run; constant inputs are checked at build time by TF, fed ones at run time."""
    def fed(value, dtype=None):
        return tf.placeholder_with_default(np.asarray(value, dtype), np.asarray(value).shape)

    checks = {
        "less_equal_ok": lambda: tf.assert_less_equal(tf.constant([1, 2]), tf.constant([1, 3])),
        "less_equal_bad": lambda: tf.assert_less_equal(tf.constant([1, 4]), tf.constant([1, 3])),
        "less_equal_bad_fed": lambda: tf.assert_less_equal(fed([1, 4], np.int32), fed([1, 3], np.int32)),
        "greater_equal_bad": lambda: tf.assert_greater_equal(tf.constant([0.5]), tf.constant([1.0])),
        "greater_equal_bad_fed": lambda: tf.assert_greater_equal(fed([0.5], np.float32), fed([1.0], np.float32)),
        "positive_ok": lambda: tf.assert_positive(tf.constant([1.0, 2.0])),
        "positive_bad_fed": lambda: tf.assert_positive(fed([1.0, 0.0], np.float32)),
        "non_negative_ok_fed": lambda: tf.assert_non_negative(fed([0, 2], np.int32)),
        "negative_bad": lambda: tf.assert_negative(tf.constant([-1, 2])),
        "non_positive_ok_fed": lambda: tf.assert_non_positive(fed([-1.0, 0.0], np.float32)),
        "none_equal_bad_fed": lambda: tf.assert_none_equal(fed([1, 2], np.int32), fed([3, 2], np.int32)),
        "none_equal_ok": lambda: tf.assert_none_equal(tf.constant([1, 2]), tf.constant([3, 4])),
        "rank_ok": lambda: tf.assert_rank(tf.placeholder(tf.float32, [None, 3]), 2),
        "rank_at_least_ok": lambda: tf.assert_rank_at_least(tf.placeholder(tf.float32, [None, 3]), 1),
        "near_ok_fed": lambda: tf.debugging.assert_near(fed([1.0], np.float32), fed([1.0 + 1e-7], np.float32)),
        "near_bad_fed": lambda: tf.debugging.assert_near(fed([1.0], np.float32), fed([1.1], np.float32)),
    }
    results = {}
    for name, build in sorted(checks.items()):
        with tf.Graph().as_default():
            try:
                op = build()
                with tf.Session() as sess:
                    feed = {t: np.zeros((2, 3), np.float32) for o in tf.get_default_graph().get_operations()
                            if o.type == "Placeholder" for t in o.outputs}
                    sess.run(op, feed)
                results[name] = "ok"
            except tf.errors.InvalidArgumentError:
                results[name] = "InvalidArgumentError"
    for name, build in [("rank_static_bad", lambda: tf.assert_rank(tf.constant([1, 2]), 2)),
                        ("type_bad", lambda: tf.assert_type(tf.constant([1, 2]), tf.float32))]:
        with tf.Graph().as_default():
            try:
                build()
                results[name] = "built"
            except (ValueError, TypeError) as e:
                results[name] = type(e).__name__
    return results


def program_lookup(tf):
    import os
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        vocab = os.path.join(d, "vocab.txt")
        with open(vocab, "w") as f:
            f.write("the\ncat\nsat\n")
        with tf.Graph().as_default():
            words = tf.placeholder(tf.string, [None])
            table = tf.lookup.StaticHashTable(
                tf.lookup.KeyValueTensorInitializer(tf.constant(["a", "b", "c"]), tf.constant([10, 20, 30],
                                                                                          tf.int64)), -1)
            ids = tf.lookup.StaticHashTable(tf.lookup.TextFileInitializer(
                vocab, tf.string, tf.lookup.TextFileIndex.WHOLE_LINE, tf.int64,
                tf.lookup.TextFileIndex.LINE_NUMBER), -7)
            back = tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer(
                tf.constant([1, 2], tf.int64), tf.constant([0.5, 1.5])), 0.0)
            out = {"abc": table.lookup(words), "vocab": ids.lookup(words), "size": table.size(),
                   "floats": back.lookup(tf.constant([[2, 3], [1, 1]], tf.int64))}
            with tf.Session() as sess:
                try:
                    sess.run(out["abc"], {words: ["a"]})
                    before = "ran"
                except tf.errors.FailedPreconditionError:
                    before = "FailedPreconditionError"
                sess.run(tf.tables_initializer())
                result = sess.run(out, {words: ["c", "cat", "zzz", "a", "sat"]})
    result = _tolist(result)
    result["before_init"] = before
    return result


def program_small_ops(tf):
    with tf.Graph().as_default():
        x = tf.constant(_data(18, 3, 4))
        y = tf.constant(np.array([0.0, 2.0, -0.5, 0.0], np.float32))
        q = tf.div_no_nan(x, y)
        out = {"div_no_nan": q, "divide_no_nan": tf.math.divide_no_nan(x, 4.0),
               "grad": tf.gradients(tf.reduce_sum(q * q), x)[0], "to_double": tf.to_double(y)}
        with tf.Session() as sess:
            return _tolist(sess.run(out))


def _moving_averages(tf):
    if tf.__name__.startswith("tf_upgrade"):
        from tf_upgrade.compat_v1.train import moving_averages
    else:
        from tensorflow.python.training import moving_averages
    return moving_averages


def program_moving_average_and_gathers(tf):
    moving_averages = _moving_averages(tf)
    with tf.Graph().as_default():
        value = tf.placeholder(tf.float32, [3])
        avg = tf.Variable(tf.zeros([3]), trainable=False, name="avg")
        plain = tf.Variable(tf.ones([3]), trainable=False, name="plain")
        debiased = moving_averages.assign_moving_average(avg, value, 0.9)
        second = moving_averages.assign_moving_average(avg, value * 2.0, 0.5)  # biased_1 / local_step_1
        undebiased = moving_averages.assign_moving_average(plain, value, 0.8, zero_debias=False)
        params = tf.constant(_data(19, 2, 3, 4))
        idx = tf.constant([[[2, 0], [1, 1], [0, 2]], [[1, 0], [2, 2], [0, 1]]])
        gathered = tf.batch_gather(params, idx)
        grad = tf.gradients(tf.reduce_sum(gathered * tf.constant(_data(20, 2, 3, 2))), params)[0]
        y, i = tf.unique(tf.constant([4, 1, 4, 7, 1, 1]))
        y2, i2, c2 = tf.unique_with_counts(tf.constant([3.0, 3.0, -1.0]), out_idx=tf.int64)
        names = sorted(v.op.name for v in tf.global_variables())
        results = {"names": names}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for step in range(3):
                feed = {value: _data(21 + step, 3)}
                results["step%d" % step] = sess.run([debiased, second, undebiased], feed)
            results.update(sess.run({"gathered": gathered, "grad": grad, "unique": [y, i],
                                     "unique_counts": [y2, i2, c2]}))
    return _tolist(results)


PROGRAMS = {name[len("program_"):]: fn for name, fn in sorted(globals().items()) if name.startswith("program_")}

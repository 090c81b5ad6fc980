"""tf.metrics, summary.image, conv1d (nn + layers), reverse_sequence, contrib batch_norm,
MonitoredTrainingSession with StopAtStepHook / CheckpointSaverHook / LoggingTensorHook."""
import os

import numpy as np

from ._util import det, load_deterministic, tolist


def _contrib_layers(tf):
    if hasattr(tf, "contrib"):
        return tf.contrib.layers
    import tf_slim  # reference side: contrib.layers lives on as tf_slim
    from tensorflow.python.framework import ops
    if not hasattr(ops, "Tensor"):  # tf_slim still looks for ops.Tensor, gone in TF 2.21
        ops.Tensor = tf.Tensor
    return tf_slim


def run(tf, workdir):
    tf.reset_default_graph()
    out = {}
    labels = tf.placeholder(tf.int64, [None])
    preds = tf.placeholder(tf.int64, [None])
    acc, acc_up = tf.metrics.accuracy(labels, preds)
    vals = tf.placeholder(tf.float32, [None])
    mean, mean_up = tf.metrics.mean(vals)
    mse, mse_up = tf.metrics.mean_squared_error(tf.cast(labels, tf.float32), vals)
    img = tf.constant(np.concatenate([det([2, 4, 5, 3], 1, 1.0), np.abs(det([2, 4, 5, 3], 2, 1.0))]))
    img_sum = tf.summary.image("pics", img, max_outputs=3)
    x1 = tf.constant(det([2, 7, 3], 3, 1.0))
    c1 = tf.nn.conv1d(x1, tf.constant(det([3, 3, 2], 4, 1.0)), stride=2, padding="SAME")
    lc1 = tf.layers.conv1d(x1, 4, 2, padding="valid", activation=tf.nn.relu)
    rs = tf.reverse_sequence(tf.reshape(tf.range(12.0), [3, 4]), [2, 4, 1], seq_axis=1, batch_axis=0)
    grs = tf.gradients(tf.reduce_sum(rs * tf.range(4.0)), [])
    bn_x = tf.constant(det([4, 3, 3, 2], 5, 2.0))
    layers = _contrib_layers(tf)
    bn = layers.batch_norm(bn_x, decay=0.9, scale=True, is_training=True, updates_collections=None)
    ema_w = tf.Variable([1.0, 2.0], name="ema_w")
    ema_step = tf.Variable(0, trainable=False, name="ema_step")
    ema = tf.train.ExponentialMovingAverage(0.9, ema_step)
    ema_op = ema.apply([ema_w])
    ema_fetch = [ema.average(ema_w)]
    ema_restore = sorted(ema.variables_to_restore([ema_w]))
    lrn_in = tf.constant(det([2, 3, 3, 7], 9, 2.0))
    lrn = tf.nn.lrn(lrn_in, depth_radius=2, bias=1.0, alpha=0.1, beta=0.75)
    lrn_grad = tf.gradients(tf.reduce_sum(lrn * lrn), [lrn_in])[0]
    emb = tf.constant(det([12, 4], 10, 1.0))
    nce_b = tf.constant(det([12], 11, 0.5))
    words = tf.constant(det([3, 4], 12, 1.0))
    sampled = (tf.constant([5, 0, 9], tf.int64), tf.constant(det([3, 1], 13, 0.2)) + 0.5,
               tf.constant(det([3], 14, 0.2)) + 0.5)
    lbl = tf.constant([[1], [5], [11]], tf.int64)
    nce = tf.nn.nce_loss(emb, nce_b, lbl, words, 3, 12, sampled_values=sampled)
    ssm = tf.nn.sampled_softmax_loss(emb, nce_b, lbl, words, 3, 12, sampled_values=sampled)
    sampled_grads = [tf.convert_to_tensor(g) for g in tf.gradients(tf.reduce_sum(nce) + tf.reduce_sum(ssm), [emb, words])]
    out["names"] = [v.name for v in tf.global_variables()]
    out["local_names"] = [v.name for v in tf.local_variables()]
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        load_deterministic(tf, sess, [v for v in tf.global_variables()
                                      if "BatchNorm" not in v.name and "ema" not in v.name.lower()])
        steps = []
        for lab, pr, vv in [([1, 2, 3], [1, 0, 3], [0.5, 1.5, 2.0]), ([0, 0], [0, 1], [4.0, -1.0])]:
            steps.append(sess.run([acc_up, mean_up, mse_up], {labels: lab, preds: pr, vals: vv}))
        out["metrics"] = [steps, sess.run([acc, mean, mse])]
        out["image_summary"] = sess.run(img_sum).hex()
        out["conv1d"] = sess.run([c1, lc1, rs])
        out["bn"] = sess.run(bn)
        out["bn_moving"] = sess.run([v for v in tf.global_variables() if "moving" in v.name])
        ema_vals = []
        for k in range(3):
            sess.run(ema_w.assign([3.0 + k, 4.0 - k]))
            sess.run(ema_step.assign(k * 5))
            sess.run(ema_op)
            ema_vals.append(sess.run(ema_fetch))
        out["ema"] = [ema_vals, ema_restore]
        out["lrn"] = sess.run([lrn, lrn_grad])
        out["sampled_losses"] = sess.run([nce, ssm, sampled_grads])

    tf.reset_default_graph()
    xs = tf.constant(det([8, 3], 6, 1.0))
    ys = tf.constant(det([8, 1], 7, 1.0))
    pred = tf.layers.dense(xs, 1, kernel_initializer=tf.constant_initializer(det([3, 1], 8)))
    loss = tf.reduce_mean(tf.square(pred - ys))
    gs = tf.train.get_or_create_global_step()
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
    ckdir = os.path.join(workdir, "mts")
    hooks = [tf.train.StopAtStepHook(last_step=7), tf.train.LoggingTensorHook({"loss": loss}, every_n_iter=3)]
    losses = []
    with tf.train.MonitoredTrainingSession(checkpoint_dir=ckdir, hooks=hooks, save_checkpoint_steps=3,
                                           save_summaries_steps=None) as sess:
        while not sess.should_stop():
            losses.append(sess.run([loss, train])[0])
    out["mts_losses"] = losses
    out["mts_ckpts"] = sorted(f for f in os.listdir(ckdir) if f.endswith(".index"))
    # resume: a second session restores global_step 7 and stops at 9
    with tf.train.MonitoredTrainingSession(checkpoint_dir=ckdir, hooks=[tf.train.StopAtStepHook(last_step=9)],
                                           save_summaries_steps=None) as sess:
        resumed = 0
        while not sess.should_stop():
            sess.run(train)
            resumed += 1
    out["mts_resumed"] = [resumed, sorted(f for f in os.listdir(ckdir) if f.endswith(".index"))]
    return tolist(out)

"""contrib.seq2seq / legacy_seq2seq sequence losses against numpy, and tf.train.Supervisor."""
import os

import numpy as np

import tf_upgrade.compat_v1 as tf


def _xent(logits, targets):
    z = logits - logits.max(-1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(-1, keepdims=True))
    return -np.take_along_axis(logp, targets[..., None], -1)[..., 0]


def test_sequence_losses_match_numpy():
    rng = np.random.RandomState(0)
    logits = rng.randn(2, 3, 5).astype(np.float32)
    targets = rng.randint(0, 5, (2, 3))
    weights = np.array([[1, 1, 0], [1, 1, 1]], np.float32)
    ce = _xent(logits.astype(np.float64), targets) * weights
    tf.reset_default_graph()
    full = tf.contrib.seq2seq.sequence_loss(logits, targets, weights)
    per_step = tf.contrib.seq2seq.sequence_loss(logits, targets, weights, average_across_timesteps=False)
    per_seq = tf.contrib.seq2seq.sequence_loss(logits, targets, weights, average_across_batch=False)
    legacy = tf.contrib.legacy_seq2seq.sequence_loss_by_example(
        [logits[:, t] for t in range(3)], [targets[:, t] for t in range(3)], [weights[:, t] for t in range(3)])
    with tf.Session() as sess:
        f, s, q, lg = sess.run([full, per_step, per_seq, legacy])
    np.testing.assert_allclose(f, ce.sum() / weights.sum(), rtol=1e-5)
    np.testing.assert_allclose(s, ce.sum(0) / weights.sum(0), rtol=1e-5)
    np.testing.assert_allclose(q, ce.sum(1) / weights.sum(1), rtol=1e-5)
    np.testing.assert_allclose(lg, ce.sum(1) / (weights.sum(1) + 1e-12), rtol=1e-5)


def test_supervisor_initializes_saves_and_restores(tmp_path):
    logdir = str(tmp_path)
    for expected_start in (0, 3):
        tf.reset_default_graph()
        w = tf.Variable(1.0, name="w")
        gs = tf.train.get_or_create_global_step()
        step = tf.group(tf.assign_add(w, 1.0), tf.assign_add(gs, 1))
        tf.summary.scalar("w", w)
        sv = tf.train.Supervisor(logdir=logdir)
        with sv.managed_session() as sess:
            assert sess.run(gs) == expected_start
            for _ in range(3):
                if sv.should_stop():
                    break
                sess.run(step)
                sv.summary_computed(sess, sess.run(sv.summary_op))
    assert tf.train.latest_checkpoint(logdir).endswith("model.ckpt-6")
    assert any(f.startswith("events.out.tfevents") for f in os.listdir(logdir))

"""tf.estimator on the runtime: the protocol facts (checkpoint names and retention, step counting,
metrics, prediction order). Numbers against TF 2.15's estimator: models/estimator_loop.py."""
import os

import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf

X = np.linspace(-1, 1, 40).reshape(20, 2).astype(np.float32)
Y = (X[:, 0] > X[:, 1]).astype(np.int32)


def model_fn(features, labels, mode, params):
    logits = tf.layers.dense(features["x"], 2, kernel_initializer=tf.constant_initializer(0.1), name="out")
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions={"logits": logits, "class": tf.argmax(logits, 1)})
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    if mode == tf.estimator.ModeKeys.EVAL:
        return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops={
            "accuracy": tf.metrics.accuracy(labels, tf.argmax(logits, 1))})
    train_op = tf.train.GradientDescentOptimizer(params.get("lr", 0.5)).minimize(
        loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


def _input(batch=4, epochs=None, y=Y):
    return tf.estimator.inputs.numpy_input_fn({"x": X}, y, batch_size=batch, num_epochs=epochs, shuffle=False)


def test_checkpoints_steps_and_retention(tmp_path):
    config = tf.estimator.RunConfig(save_checkpoints_steps=3, keep_checkpoint_max=2, log_step_count_steps=None)
    est = tf.estimator.Estimator(model_fn, model_dir=str(tmp_path), config=config, params={})
    est.train(_input(), steps=7)
    assert est.latest_checkpoint() == os.path.join(str(tmp_path), "model.ckpt-7")
    # saved at 0, 3, 6 and 7; two kept, written relative to model_dir
    assert sorted(f for f in os.listdir(tmp_path) if f.endswith(".index")) == ["model.ckpt-6.index",
                                                                                "model.ckpt-7.index"]
    assert 'model_checkpoint_path: "model.ckpt-7"' in (tmp_path / "checkpoint").read_text()
    est.train(_input(), max_steps=7)  # already there: nothing to do
    assert est.get_variable_value("global_step") == 7
    est.train(_input(), steps=2)
    assert est.get_variable_value("global_step") == 9
    assert set(est.get_variable_names()) == {"global_step", "out/bias", "out/kernel"}


def test_input_running_out_ends_training_and_evaluation(tmp_path):
    est = tf.estimator.Estimator(model_fn, model_dir=str(tmp_path), params={"lr": 0.1})
    est.train(_input(batch=6, epochs=1))  # 20 rows: batches of 6, 6, 6, 2
    assert est.get_variable_value("global_step") == 4
    result = est.evaluate(_input(batch=8, epochs=1))
    assert sorted(result) == ["accuracy", "global_step", "loss"] and result["global_step"] == 4
    assert os.listdir(est.eval_dir())
    assert est.evaluate(_input(batch=8, epochs=None), steps=2, name="two")["global_step"] == 4
    assert os.path.isdir(os.path.join(str(tmp_path), "eval_two"))


def test_predict_yields_examples_in_order(tmp_path):
    est = tf.estimator.Estimator(model_fn, model_dir=str(tmp_path), params={})
    fn = tf.estimator.inputs.numpy_input_fn({"x": X[:5]}, batch_size=2, shuffle=False)
    preds = list(est.predict(fn))  # no checkpoint: initial values
    assert len(preds) == 5 and sorted(preds[0]) == ["class", "logits"]
    np.testing.assert_allclose(preds[3]["logits"], X[3].sum() * 0.1 + np.zeros(2), rtol=1e-6)
    batches = list(est.predict(fn, predict_keys=["class"], yield_single_examples=False))
    assert [b["class"].shape for b in batches] == [(2,), (2,), (1,)]


def test_train_and_evaluate_evaluates_new_checkpoints(tmp_path):
    config = tf.estimator.RunConfig(model_dir=str(tmp_path), save_checkpoints_steps=4)
    est = tf.estimator.Estimator(model_fn, config=config, params={})
    seen = []

    class Listener(tf.train.CheckpointSaverListener):
        def after_save(self, session, step):
            seen.append(step)

    metrics, exports = tf.estimator.train_and_evaluate(
        est, tf.estimator.TrainSpec(_input(), max_steps=10, saving_listeners=[Listener()]),
        tf.estimator.EvalSpec(_input(epochs=1), throttle_secs=0))
    assert seen == [0, 4, 8, 10] and metrics["global_step"] == 10 and exports == []


def test_spec_and_config_errors(tmp_path):
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="Missing train_op"):
            tf.estimator.EstimatorSpec(tf.estimator.ModeKeys.TRAIN, loss=tf.constant(1.0))
        with pytest.raises(ValueError, match="Loss must be scalar"):
            tf.estimator.EstimatorSpec("eval", loss=tf.constant([1.0, 2.0]))
        assert tf.estimator.EstimatorSpec("eval", loss=tf.constant([1.0])).loss.shape.ndims == 0
    with pytest.raises(ValueError, match="both"):
        tf.estimator.RunConfig(save_checkpoints_steps=1, save_checkpoints_secs=1)
    assert tf.estimator.RunConfig().save_checkpoints_secs == 600
    assert tf.estimator.RunConfig(save_checkpoints_steps=5).save_checkpoints_secs is None
    assert tf.estimator.RunConfig().replace(save_checkpoints_steps=2).save_checkpoints_secs is None
    with pytest.raises(ValueError, match="does not include params"):
        tf.estimator.Estimator(lambda features, labels, mode: None, params={"a": 1})
    est = tf.estimator.Estimator(lambda features, mode: None, model_dir=str(tmp_path))
    with pytest.raises(ValueError, match="does not take labels"):
        est.train(_input(), steps=1)
    with pytest.raises(ValueError, match="shuffle must be provided"):
        tf.estimator.inputs.numpy_input_fn({"x": X})

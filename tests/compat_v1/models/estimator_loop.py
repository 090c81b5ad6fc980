"""An Estimator program in the TF 1.x style: a model_fn with tf.layers, EstimatorSpec per mode (TRAIN with
an optimizer and the global step, EVAL with tf.metrics, PREDICT with a dict), numpy_input_fn inputs,
RunConfig checkpointing every N steps, train / evaluate / train_and_evaluate / predict, and the model_dir's
checkpoints read back. tf.estimator is gone from TensorFlow 2.16+; its reference comes from TF 2.15.

    python -m tf_upgrade.compat_v1 estimator_loop.py OUT_DIR      (writes OUT_DIR/results.json)
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf


def model_fn(features, labels, mode, params):
    x = tf.concat([features["x"], tf.expand_dims(features["bias"], 1)], axis=1)
    w0 = np.sin(np.arange(5 * params["hidden"]) * 0.37).reshape(5, params["hidden"]) * 0.5
    w1 = np.cos(np.arange(params["hidden"] * 3) * 0.5).reshape(params["hidden"], 3) * 0.3
    h = tf.layers.dense(x, params["hidden"], activation=tf.nn.relu, kernel_initializer=tf.constant_initializer(w0),
                        name="hidden")
    logits = tf.layers.dense(h, 3, kernel_initializer=tf.constant_initializer(w1), name="logits")
    predictions = {"class": tf.argmax(logits, 1), "probabilities": tf.nn.softmax(logits)}
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions=predictions)
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    if mode == tf.estimator.ModeKeys.EVAL:
        return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops={
            "accuracy": tf.metrics.accuracy(labels, predictions["class"]),
            "mean_confidence": tf.metrics.mean(tf.reduce_max(predictions["probabilities"], 1))})
    optimizer = tf.train.MomentumOptimizer(params["learning_rate"], momentum=0.9)
    train_op = optimizer.minimize(loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


rng = np.random.RandomState(0)
x = rng.randn(100, 4).astype(np.float32)
bias = rng.rand(100).astype(np.float32)
y = ((x[:, 0] > 0).astype(np.int32) + (x[:, 1] + bias > 0.5).astype(np.int32))

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
model_dir = os.path.join(out_dir, "model")
config = tf.estimator.RunConfig(model_dir=model_dir, save_checkpoints_steps=10, keep_checkpoint_max=3,
                                log_step_count_steps=None, tf_random_seed=1)
estimator = tf.estimator.Estimator(model_fn, config=config, params={"hidden": 8, "learning_rate": 0.05})
train_input = tf.estimator.inputs.numpy_input_fn({"x": x, "bias": bias}, y, batch_size=16, num_epochs=None,
                                                 shuffle=False)
eval_input = tf.estimator.inputs.numpy_input_fn({"x": x, "bias": bias}, y, batch_size=32, num_epochs=1,
                                                shuffle=False)

results = {}
estimator.train(train_input, steps=25)
results["after_train"] = {k: float(v) for k, v in estimator.evaluate(eval_input).items()}
results["eval_2_steps"] = {k: float(v) for k, v in estimator.evaluate(eval_input, steps=2, name="short").items()}
metrics, _ = tf.estimator.train_and_evaluate(
    estimator, tf.estimator.TrainSpec(train_input, max_steps=45),
    tf.estimator.EvalSpec(eval_input, steps=None, throttle_secs=0))
results["train_and_evaluate"] = {k: float(v) for k, v in metrics.items()}
estimator.train(tf.estimator.inputs.numpy_input_fn({"x": x, "bias": bias}, y, batch_size=30, num_epochs=1,
                                                   shuffle=False))  # runs until the input ends: 4 steps
predict_input = tf.estimator.inputs.numpy_input_fn({"x": x[:7], "bias": bias[:7]}, batch_size=3, shuffle=False)
predictions = list(estimator.predict(predict_input))
results["predictions"] = [{"class": int(p["class"]), "probabilities": p["probabilities"].tolist()}
                          for p in predictions]
results["checkpoints"] = sorted(f for f in os.listdir(model_dir) if f.startswith("model.ckpt") and
                                f.endswith(".index"))
results["latest"] = os.path.basename(estimator.latest_checkpoint())
results["variables"] = {name: np.asarray(estimator.get_variable_value(name)).tolist()
                        for name in estimator.get_variable_names() if "Momentum" not in name}
results["eval_dirs"] = sorted(d for d in os.listdir(model_dir) if d.startswith("eval"))

with open(os.path.join(out_dir, "results.json"), "w") as f:
    json.dump(results, f)
print("Estimator: accuracy %.3f after %d steps" % (results["train_and_evaluate"]["accuracy"],
                                                    results["variables"]["global_step"]))

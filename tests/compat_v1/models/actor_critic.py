"""An advantage actor-critic in the style of openai/baselines' A2C (TF 1.x): a conv policy on uint8 frames
(nature_cnn with orthogonal initialisation), an LSTM policy with episode-done masks (batch_to_seq / lstm /
seq_to_batch over tf.split), a categorical policy head (neglogp, entropy, Gumbel-max sampling), the A2C loss
(policy gradient, value loss, entropy bonus), clip_by_global_norm and RMSProp with its learning rate fed
each update from a linear schedule. As in baselines, a step model (NENV frames, one step) and a train model
(NENV x NSTEPS) share their weights through variable_scope(reuse=tf.AUTO_REUSE); rollouts run the step model
NSTEPS times, carrying the LSTM state, and feed it only the placeholders it has (`Tensor._op.type`); the
feed-forward policy's state is an empty constant. Sampling noise comes from numpy through a placeholder so
TF and the runtime take the same actions.

    python -m tf_upgrade.compat_v1 actor_critic.py OUT_DIR      (writes OUT_DIR/results.json)
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

NENV, NSTEPS, NACT, H, W, C, NLSTM = 2, 3, 4, 12, 12, 2, 16
NBATCH = NENV * NSTEPS
weights_rng = np.random.RandomState(11)


def ortho_init(scale=1.0):
    def _ortho_init(shape, dtype, partition_info=None):
        shape = tuple(shape)
        flat_shape = (shape[0], np.prod(shape[1:])) if len(shape) == 2 else (np.prod(shape[:-1]), shape[-1])
        a = weights_rng.normal(0.0, 1.0, flat_shape)
        u, _, v = np.linalg.svd(a, full_matrices=False)
        q = u if u.shape == flat_shape else v
        return (scale * q.reshape(shape)[:shape[0], :shape[1]] if len(shape) == 2
                else scale * q.reshape(shape)).astype(np.float32)
    return _ortho_init


def conv(x, scope, nf, rf, stride, pad="VALID", init_scale=1.0):
    with tf.variable_scope(scope):
        nin = x.get_shape()[3].value
        w = tf.get_variable("w", [rf, rf, nin, nf], initializer=ortho_init(init_scale))
        b = tf.get_variable("b", [1, 1, 1, nf], initializer=tf.constant_initializer(0.0))
        return b + tf.nn.conv2d(x, w, strides=[1, stride, stride, 1], padding=pad)


def fc(x, scope, nh, init_scale=1.0, init_bias=0.0):
    with tf.variable_scope(scope):
        nin = x.get_shape()[1].value
        w = tf.get_variable("w", [nin, nh], initializer=ortho_init(init_scale))
        b = tf.get_variable("b", [nh], initializer=tf.constant_initializer(init_bias))
        return tf.matmul(x, w) + b


def conv_to_fc(x):
    nh = np.prod([v.value for v in x.get_shape()[1:]])
    return tf.reshape(x, [-1, nh])


def nature_cnn(unscaled_images):
    scaled_images = tf.cast(unscaled_images, tf.float32) / 255.
    h = tf.nn.relu(conv(scaled_images, "c1", nf=8, rf=3, stride=2, init_scale=np.sqrt(2)))
    h2 = tf.nn.relu(conv(h, "c2", nf=8, rf=3, stride=1, init_scale=np.sqrt(2)))
    return tf.nn.relu(fc(conv_to_fc(h2), "fc1", nh=32, init_scale=np.sqrt(2)))


def batch_to_seq(h, nbatch, nsteps, flat=False):
    h = tf.reshape(h, [nbatch, nsteps]) if flat else tf.reshape(h, [nbatch, nsteps, -1])
    return [tf.squeeze(v, [1]) for v in tf.split(axis=1, num_or_size_splits=nsteps, value=h)]


def seq_to_batch(h, flat=False):
    shape = h[0].get_shape().as_list()
    if not flat:
        return tf.reshape(tf.concat(axis=1, values=h), [-1, shape[-1]])
    return tf.reshape(tf.stack(values=h, axis=1), [-1])


def lstm(xs, ms, s, scope, nh, init_scale=1.0):
    nin = xs[0].get_shape()[1].value
    with tf.variable_scope(scope):
        wx = tf.get_variable("wx", [nin, nh * 4], initializer=ortho_init(init_scale))
        wh = tf.get_variable("wh", [nh, nh * 4], initializer=ortho_init(init_scale))
        b = tf.get_variable("b", [nh * 4], initializer=tf.constant_initializer(0.0))
    c, h = tf.split(axis=1, num_or_size_splits=2, value=s)
    for idx, (x, m) in enumerate(zip(xs, ms)):
        c = c * (1 - m)
        h = h * (1 - m)
        z = tf.matmul(x, wx) + tf.matmul(h, wh) + b
        i, f, o, u = tf.split(axis=1, num_or_size_splits=4, value=z)
        i, f, o, u = tf.nn.sigmoid(i), tf.nn.sigmoid(f), tf.nn.sigmoid(o), tf.tanh(u)
        c = f * c + i * u
        h = o * tf.tanh(c)
        xs[idx] = h
    return xs, tf.concat(axis=1, values=[c, h])


class CategoricalPd:
    def __init__(self, logits):
        self.logits = logits

    def neglogp(self, x):
        assert x.dtype in {tf.uint8, tf.int32, tf.int64}  # actions as sampled (argmax: int64)
        one_hot = tf.one_hot(x, self.logits.get_shape().as_list()[-1])
        return tf.nn.softmax_cross_entropy_with_logits_v2(logits=self.logits, labels=tf.stop_gradient(one_hot))

    def entropy(self):
        a0 = self.logits - tf.reduce_max(self.logits, axis=-1, keepdims=True)
        ea0 = tf.exp(a0)
        z0 = tf.reduce_sum(ea0, axis=-1, keepdims=True)
        p0 = ea0 / z0
        return tf.reduce_sum(p0 * (tf.log(z0) - a0), axis=-1)

    def sample(self, u):
        return tf.argmax(self.logits - tf.log(-tf.log(u)), axis=-1)


class Policy:
    def __init__(self, kind, nbatch, nsteps):
        nenv = nbatch // nsteps
        self.X = tf.placeholder(shape=(nbatch, H, W, C), dtype=np.dtype("uint8"), name="Ob")
        self.U = tf.placeholder(tf.float32, [nbatch, NACT], name="noise")
        self.state = tf.constant([])
        self.initial_state = None
        with tf.variable_scope("pi", reuse=tf.AUTO_REUSE):
            h = nature_cnn(tf.to_float(self.X))
            if kind == "lstm":
                self.M = tf.placeholder(tf.float32, [nbatch])
                self.S = tf.placeholder(tf.float32, [nenv, NLSTM * 2])
                xs = batch_to_seq(h, nenv, nsteps)
                ms = batch_to_seq(self.M, nenv, nsteps)
                h5, self.state = lstm(xs, ms, self.S, "lstm1", nh=NLSTM)
                h = seq_to_batch(h5)
                self.initial_state = np.zeros(self.S.shape.as_list(), dtype=float)
        h = tf.layers.flatten(h)
        self.pd = CategoricalPd(fc(h, "pi", NACT, init_scale=0.01))
        self.vf = fc(h, "v", 1)[:, 0]
        self.action = self.pd.sample(self.U)

    def step(self, sess, obs, noise, **extra_feed):
        feed = {self.X: obs, self.U: noise}
        for name, value in extra_feed.items():
            placeholder = self.__dict__.get(name)
            if isinstance(placeholder, tf.Tensor) and placeholder._op.type == "Placeholder":
                feed[placeholder] = value
        actions, values, state = sess.run([self.action, self.vf, self.state], feed)
        return actions, values, (None if state.size == 0 else state)


def linear_schedule(lr, total):
    for n in range(total):
        yield lr * (1 - n / total)


def a2c(train, alpha=0.99, epsilon=1e-5, ent_coef=0.01, vf_coef=0.5, max_grad_norm=0.5):
    A = tf.placeholder(train.action.dtype, train.action.shape)
    ADV = tf.placeholder(tf.float32, [NBATCH])
    R = tf.placeholder(tf.float32, [NBATCH])
    LR = tf.placeholder(tf.float32, [])
    neglogpac = train.pd.neglogp(A)
    entropy = tf.reduce_mean(train.pd.entropy())
    pg_loss = tf.reduce_mean(ADV * neglogpac)
    vf_loss = tf.losses.mean_squared_error(tf.squeeze(train.vf), R)
    loss = pg_loss - entropy * ent_coef + vf_loss * vf_coef
    with tf.variable_scope(train.scope):
        params = tf.trainable_variables(train.scope)
    grads = tf.gradients(loss, params)
    grads, grad_norm = tf.clip_by_global_norm(grads, max_grad_norm)
    trainer = tf.train.RMSPropOptimizer(learning_rate=LR, decay=alpha, epsilon=epsilon)
    train_op = trainer.apply_gradients(list(zip(grads, params)))
    return A, ADV, R, LR, params, [pg_loss, vf_loss, entropy, grad_norm, train_op]


def build(kind):
    scope = kind + "_model"
    with tf.variable_scope(scope, reuse=tf.AUTO_REUSE):
        step_model = Policy(kind, NENV, 1)
        train_model = Policy(kind, NBATCH, NSTEPS)
    train_model.scope = scope
    return step_model, train_model


env_rng = np.random.RandomState(2)
results = {}
models = {kind: build(kind) for kind in ("cnn", "lstm")}
trainers = {kind: a2c(models[kind][1]) for kind in models}
with tf.Session() as sess:
    tf.global_variables_initializer().run(session=sess)
    for kind, (step_model, train_model) in models.items():
        A, ADV, R, LR, params, ops = trainers[kind]
        state = step_model.initial_state
        dones = np.zeros(NENV, np.float32)
        obs = env_rng.randint(0, 256, (NENV, H, W, C)).astype(np.uint8)
        record = {"actions": [], "values": [], "losses": [], "learning_rates": []}
        for lr in linear_schedule(7e-4, 3):
            mb_obs, mb_actions, mb_values, mb_dones, mb_rewards = [], [], [], [], []
            mb_state = state
            for _ in range(NSTEPS):
                noise = env_rng.uniform(1e-6, 1 - 1e-6, (NENV, NACT))
                actions, values, state = step_model.step(sess, obs, noise, S=state, M=dones)
                mb_obs.append(obs)
                mb_actions.append(actions)
                mb_values.append(values)
                mb_dones.append(dones)
                obs = env_rng.randint(0, 256, (NENV, H, W, C)).astype(np.uint8)
                dones = (env_rng.rand(NENV) < 0.2).astype(np.float32)
                mb_rewards.append(env_rng.rand(NENV).astype(np.float32))
            # batch of steps -> batch of rollouts (env-major), as baselines' Runner
            batch = [np.asarray(x).swapaxes(1, 0).reshape((NBATCH,) + np.asarray(x).shape[2:])
                     for x in (mb_obs, mb_actions, mb_values, mb_dones, mb_rewards)]
            b_obs, b_actions, b_values, b_masks, b_rewards = batch
            returns = b_rewards + 0.99 * b_values
            feed = {train_model.X: b_obs, A: b_actions, ADV: returns - b_values, R: returns, LR: lr}
            if mb_state is not None:
                feed.update({train_model.S: mb_state, train_model.M: b_masks})
            pg, vf, ent, gnorm, _ = sess.run(ops, feed)
            record["actions"].append(b_actions.tolist())
            record["values"].append(b_values.tolist())
            record["losses"].append([float(pg), float(vf), float(ent), float(gnorm)])
            record["learning_rates"].append(lr)
        record["final_state"] = None if state is None else state.tolist()
        record["params"] = {v.op.name: sess.run(v).ravel()[:10].tolist() for v in params}
        results[kind] = record

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
with open(os.path.join(out_dir, "results.json"), "w") as f:
    json.dump(results, f)
print("A2C: cnn losses %s; lstm losses %s" % (results["cnn"]["losses"][-1], results["lstm"]["losses"][-1]))

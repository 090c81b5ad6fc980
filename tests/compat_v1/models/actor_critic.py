"""An advantage actor-critic in the style of openai/baselines' A2C (TF 1.x): a conv policy on uint8 frames
(nature_cnn with orthogonal initialisation), an LSTM policy with episode-done masks (batch_to_seq / lstm /
seq_to_batch over tf.split), a categorical policy head (neglogp, entropy, Gumbel-max sampling), the A2C loss
(policy gradient, value loss, entropy bonus), clip_by_global_norm and RMSProp. Sampling noise comes from
numpy through a placeholder so TF and the runtime take the same actions.

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
    def __init__(self, kind, scope):
        self.X = tf.placeholder(tf.uint8, [NBATCH, H, W, C], name=scope + "_ob")
        self.U = tf.placeholder(tf.float32, [NBATCH, NACT], name=scope + "_noise")
        self.M = tf.placeholder(tf.float32, [NBATCH], name=scope + "_mask")
        self.S = tf.placeholder(tf.float32, [NENV, NLSTM * 2], name=scope + "_state")
        with tf.variable_scope(scope):
            h = nature_cnn(self.X)
            if kind == "lstm":
                xs = batch_to_seq(h, NENV, NSTEPS)
                ms = batch_to_seq(self.M, NENV, NSTEPS)
                h5, self.snew = lstm(xs, ms, self.S, "lstm1", nh=NLSTM)
                h = seq_to_batch(h5)
            else:
                self.snew = self.S
            self.pd = CategoricalPd(fc(h, "pi", NACT, init_scale=0.01))
            self.vf = fc(h, "v", 1)[:, 0]
        self.action = self.pd.sample(self.U)
        self.params = tf.trainable_variables(scope)


def a2c(policy, lr=7e-4, alpha=0.99, epsilon=1e-5, ent_coef=0.01, vf_coef=0.5, max_grad_norm=0.5):
    A = tf.placeholder(tf.int32, [NBATCH])
    ADV = tf.placeholder(tf.float32, [NBATCH])
    R = tf.placeholder(tf.float32, [NBATCH])
    neglogpac = policy.pd.neglogp(A)
    entropy = tf.reduce_mean(policy.pd.entropy())
    pg_loss = tf.reduce_mean(ADV * neglogpac)
    vf_loss = tf.losses.mean_squared_error(tf.squeeze(policy.vf), R)
    loss = pg_loss - entropy * ent_coef + vf_loss * vf_coef
    grads = tf.gradients(loss, policy.params)
    grads, grad_norm = tf.clip_by_global_norm(grads, max_grad_norm)
    trainer = tf.train.RMSPropOptimizer(learning_rate=lr, decay=alpha, epsilon=epsilon)
    train = trainer.apply_gradients(list(zip(grads, policy.params)))
    return A, ADV, R, [pg_loss, vf_loss, entropy, grad_norm, train]


env_rng = np.random.RandomState(2)
results = {}
policies = {kind: Policy(kind, kind + "_model") for kind in ("cnn", "lstm")}
trainers = {kind: a2c(policies[kind]) for kind in policies}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for kind, policy in policies.items():
        A, ADV, R, ops = trainers[kind]
        state = np.zeros((NENV, NLSTM * 2), np.float32)
        record = {"actions": [], "values": [], "losses": []}
        for update in range(3):
            obs = env_rng.randint(0, 256, (NBATCH, H, W, C)).astype(np.uint8)
            masks = (env_rng.rand(NBATCH) < 0.2).astype(np.float32)
            feed = {policy.X: obs, policy.U: env_rng.uniform(1e-6, 1 - 1e-6, (NBATCH, NACT)),
                    policy.M: masks, policy.S: state}
            actions, values, new_state = sess.run([policy.action, policy.vf, policy.snew], feed)
            rewards = env_rng.rand(NBATCH).astype(np.float32)
            returns = rewards + 0.99 * values
            feed.update({A: actions, ADV: returns - values, R: returns})
            pg, vf, ent, gnorm, _ = sess.run(ops, feed)
            record["actions"].append(actions.tolist())
            record["values"].append(values.tolist())
            record["losses"].append([float(pg), float(vf), float(ent), float(gnorm)])
            state = new_state
        record["final_state"] = state.tolist()
        record["params"] = {v.op.name: sess.run(v).ravel()[:10].tolist() for v in policy.params}
        results[kind] = record

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
with open(os.path.join(out_dir, "results.json"), "w") as f:
    json.dump(results, f)
print("A2C: cnn losses %s; lstm losses %s" % (results["cnn"]["losses"][-1], results["lstm"]["losses"][-1]))

import tensorflow as tf


def learning_rate(base, decay_steps):
    global_step = tf.train.get_global_step()
    lr = tf.train.piecewise_constant(global_step, [1000, 2000], [base, base * 0.1, base * 0.01])
    warm = tf.train.polynomial_decay(base, global_step, decay_steps, end_learning_rate=1e-5, power=1.0)
    tf.summary.scalar("learning_rate", lr)
    return tf.minimum(lr, warm)

"""Python control flow converted by AutoGraph inside tf.function."""
import tensorflow as tf


@tf.function
def collatz(n):
    steps = tf.constant(0)
    while n > 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


@tf.function(reduce_retracing=True)
def cumulative(xs):
    acc = tf.TensorArray(tf.float32, size=tf.shape(xs)[0])
    total = tf.constant(0.0)
    for i in tf.range(tf.shape(xs)[0]):
        total += xs[i]
        acc = acc.write(i, total)
    return acc.stack()


result = tf.cond(tf.constant(True), lambda: tf.constant(1), lambda: tf.constant(2))
loop = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [tf.constant(0)])
print(collatz(tf.constant(27)), cumulative(tf.constant([1.0, 2.0, 3.0])))

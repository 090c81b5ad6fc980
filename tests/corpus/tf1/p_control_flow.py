import tensorflow as tf

i = tf.constant(0)
result = tf.while_loop(lambda i: i < 10, lambda i: [i + 1], [i], return_same_structure=True)
value = tf.cond(tf.less(i, 5), lambda: tf.constant(1.0), lambda: tf.constant(2.0))

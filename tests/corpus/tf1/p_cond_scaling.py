import tensorflow as tf

pred = tf.placeholder(tf.bool, [])
value = tf.cond(pred, fn1=lambda: tf.constant(1.0), fn2=lambda: tf.constant(0.0), strict=True)
init = tf.uniform_unit_scaling_initializer(factor=1.15)
kernel = tf.get_variable("kernel", [4, 4], initializer=init)

import tensorflow as tf

step = tf.Variable(0, trainable=False, name="step", collections=[tf.GraphKeys.LOCAL_VARIABLES])
counter = tf.Variable(0, use_resource=True)
with tf.name_scope("loss", "loss_scope", [step]):
    value = tf.constant(3.0, verify_shape=True)
grads = tf.gradients(value, [step], colocate_gradients_with_ops=True)
grads2 = tf.gradients(value, [step], colocate_gradients_with_ops=False)
ones = tf.ones_like(value, optimize=True)

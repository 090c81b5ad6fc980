"""Pure math that runs eagerly once converted."""
import tensorflow as tf

values = tf.constant([[1.0, 2.0], [3.0, 4.0]])
total = tf.reduce_sum(values, reduction_indices=1, keep_dims=True)
as_int = tf.to_int32(values)
logs = tf.log(values)
picked = tf.batch_gather(values, tf.constant([[1], [0]]))
noisy = tf.nn.dropout(values, keep_prob=1.0)
print(total, as_int, logs, picked, noisy)

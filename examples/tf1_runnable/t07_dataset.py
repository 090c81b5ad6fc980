"""tf.data with a one-shot iterator consumed in a Session until OutOfRangeError."""
import numpy as np
import tensorflow as tf

values = np.arange(10, dtype=np.float32)
dataset = tf.data.Dataset.from_tensor_slices(values).map(lambda v: v * 2.0).batch(3)
iterator = dataset.make_one_shot_iterator()
next_batch = iterator.get_next()
total = tf.reduce_sum(next_batch)

seen = 0.0
with tf.Session() as sess:
    while True:
        try:
            seen += sess.run(total)
        except tf.errors.OutOfRangeError:
            break
assert seen == 90.0, seen
print("t07 ok", seen)

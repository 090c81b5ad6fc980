import numpy as np
import tensorflow as tf

features = np.random.rand(100, 4).astype(np.float32)
dataset = tf.data.Dataset.from_tensor_slices(features).shuffle(100).batch(10)
iterator = dataset.make_one_shot_iterator()
next_batch = iterator.get_next()
init_iter = tf.data.Dataset.range(5).make_initializable_iterator()

with tf.Session() as sess:
    sess.run(init_iter.initializer)
    print(sess.run(next_batch).shape, sess.run(init_iter.get_next()))

"""Image ops that run eagerly once converted."""
import numpy as np
import tensorflow as tf

images = tf.constant(np.random.rand(2, 8, 8, 3).astype(np.float32))
small = tf.image.resize_area(images, [4, 4])
big = tf.image.resize_bilinear(images, [16, 16], half_pixel_centers=True)
draws = tf.multinomial(tf.log([[0.5, 0.5]]), 4)
words = tf.strings.split(tf.constant(["a b", "c"]), sep=" ")
print(small.shape, big.shape, draws.shape, words.dense_shape)

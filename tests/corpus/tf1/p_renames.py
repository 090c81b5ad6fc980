import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
log_x = tf.log(x + 1.0)
sq = tf.squared_difference(x, 1.0)
m = tf.reduce_max(x, reduction_indices=[1], keep_dims=True)
arg = tf.argmax(x, dimension=1)
rnd = tf.random_normal([3], stddev=0.5)
trunc = tf.truncated_normal([3])
unif = tf.random_uniform([2, 2], minval=-1, maxval=1)

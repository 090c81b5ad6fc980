import tensorflow as tf

cell = tf.contrib.rnn.BasicLSTMCell(32)
mnist = tf.contrib.learn.datasets.load_dataset("mnist")
init = tf.contrib.layers.xavier_initializer(dtype=tf.float16)

import tensorflow as tf

images = tf.placeholder(tf.float32, [None, 28, 28, 1])
kernel = tf.get_variable("kernel", [5, 5, 1, 32], initializer=tf.truncated_normal_initializer(stddev=0.1))
conv = tf.nn.conv2d(images, kernel, [1, 1, 1, 1], "SAME", use_cudnn_on_gpu=True)
pool = tf.nn.max_pool(tf.nn.relu(conv), ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
flat = tf.reshape(pool, [-1, 14 * 14 * 32])
logits = tf.layers.dense(flat, 10)

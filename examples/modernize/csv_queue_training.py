"""Logistic regression trained from a CSV file read through queues: string_input_producer with
num_epochs, TextLineReader skipping the header, decode_csv, tf.train.batch, and the usual
Coordinator / start_queue_runners / OutOfRangeError loop."""
import os
import tempfile

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(5)
path = os.path.join(tempfile.mkdtemp(), "train.csv")
with open(path, "w") as f:
    f.write("x1,x2,x3,x4,label\n")
    for row in rng.rand(50, 4):
        f.write("%f,%f,%f,%f,%d\n" % (tuple(row) + (int(row.sum() > 2.0),)))

filename_queue = tf.train.string_input_producer([path], num_epochs=2, shuffle=False)
reader = tf.TextLineReader(skip_header_lines=1)
_, line = reader.read(filename_queue)
x1, x2, x3, x4, label = tf.decode_csv(line, record_defaults=[[0.0], [0.0], [0.0], [0.0], [0]])
features = tf.stack([x1, x2, x3, x4])
target = tf.cast(label, tf.float32)
feature_batch, target_batch = tf.train.batch([features, target], batch_size=8)

w = tf.Variable(tf.zeros([4, 1]), name="w")
b = tf.Variable(0.0, name="b")
logits = tf.squeeze(tf.matmul(feature_batch, w), axis=1) + b
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=target_batch, logits=logits))
train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(tf.local_variables_initializer())
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(sess=sess, coord=coord)
    step = 0
    try:
        while not coord.should_stop():
            _, value = sess.run([train_op, loss])
            step += 1
            if step % 4 == 0:
                print("step", step, "loss", value)
    except tf.errors.OutOfRangeError:
        print("done after %d steps (2 epochs of 50 rows, batches of 8)" % step)
    finally:
        coord.request_stop()
    coord.join(threads)

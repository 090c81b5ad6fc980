"""A queue-based CSV reader (string_input_producer + TextLineReader + decode_csv + tf.train.batch + Coordinator)."""
import os
import tempfile

import tensorflow as tf

path = os.path.join(tempfile.mkdtemp(), "data.csv")
with open(path, "w") as f:
    for i in range(20):
        f.write("%d,%f,%f\n" % (i % 2, i * 0.1, i * 0.2))

filename_queue = tf.train.string_input_producer([path], shuffle=False)
reader = tf.TextLineReader()
_, line = reader.read(filename_queue)
label, a, b = tf.decode_csv(line, record_defaults=[[0], [0.0], [0.0]])
features = tf.stack([a, b])
feature_batch, label_batch = tf.train.batch([features, label], batch_size=5)

with tf.Session() as sess:
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(sess=sess, coord=coord)
    for _ in range(3):
        print(sess.run([feature_batch, label_batch]))
    coord.request_stop()
    coord.join(threads)

"""Reading CSV files with a queue pipeline (the TF1 "Reading data" guide) and training on it."""
import numpy as np
import tf_upgrade.compat_v1 as tf

rng = np.random.RandomState(3)
for k in range(3):
    with open("data%d.csv" % k, "w") as f:
        for _ in range(100):
            a, b = rng.rand(2)
            f.write("%f,%f,%f\n" % (a, b, 3 * a - 2 * b + 0.5))

filename_queue = tf.train.string_input_producer(["data0.csv", "data1.csv", "data2.csv"], num_epochs=5)
reader = tf.TextLineReader()
key, value = reader.read(filename_queue)
record_defaults = [[1.0], [1.0], [1.0]]
col1, col2, col3 = tf.decode_csv(value, record_defaults=record_defaults)
features = tf.stack([col1, col2])
feature_batch, label_batch = tf.train.shuffle_batch([features, col3], batch_size=20, capacity=200,
                                                    min_after_dequeue=50)

w = tf.Variable(tf.zeros([2, 1]))
b = tf.Variable(0.0)
pred = tf.squeeze(tf.matmul(feature_batch, w), 1) + b
loss = tf.reduce_mean(tf.square(pred - label_batch))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(tf.local_variables_initializer())
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(coord=coord)
    steps = 0
    try:
        while not coord.should_stop():
            _, l = sess.run([train, loss])
            steps += 1
    except tf.errors.OutOfRangeError:
        print("Done training -- epoch limit reached after", steps, "steps")
    finally:
        coord.request_stop()
    coord.join(threads)
    wv, bv = sess.run([w, b])
    print("w", wv.ravel(), "b", bv, "last loss", l)
    assert steps == 75 and l < 0.05
    print("RESULT ok")

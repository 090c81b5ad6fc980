"""The TF 1.x "Importing Data" guide patterns: CSV files through list_files / TextLineDataset /
decode_csv, and tf.train.Example records through TFRecordWriter / TFRecordDataset /
parse_single_example, each feeding a small regression model."""
import numpy as np
import tf_upgrade.compat_v1 as tf

tf.set_random_seed(0)
rng = np.random.RandomState(11)
for k in range(3):
    with open("train-%d.csv" % k, "w") as f:
        f.write("x1,x2,y\n")
        for _ in range(100):
            a, b = rng.rand(2)
            f.write("%.5f,%.5f,%.5f\n" % (a, b, 2 * a - b + 0.3))

with tf.python_io.TFRecordWriter("train.tfrecord") as writer:
    for _ in range(300):
        a, b = rng.rand(2)
        example = tf.train.Example(features=tf.train.Features(feature={
            "x": tf.train.Feature(float_list=tf.train.FloatList(value=[a, b])),
            "y": tf.train.Feature(float_list=tf.train.FloatList(value=[2 * a - b + 0.3]))}))
        writer.write(example.SerializeToString())


def parse_csv(line):
    x1, x2, y = tf.decode_csv(line, record_defaults=[[0.0], [0.0], [0.0]])
    return tf.stack([x1, x2]), y


def parse_record(serialized):
    parsed = tf.parse_single_example(serialized, {"x": tf.FixedLenFeature([2], tf.float32),
                                                  "y": tf.FixedLenFeature([], tf.float32)})
    return parsed["x"], parsed["y"]


csv_ds = (tf.data.Dataset.list_files("train-*.csv", shuffle=False)
          .interleave(lambda f: tf.data.TextLineDataset(f).skip(1), cycle_length=3)
          .map(parse_csv).shuffle(300, seed=1).batch(30).repeat(20))
rec_ds = tf.data.TFRecordDataset(["train.tfrecord"]).map(parse_record).shuffle(300, seed=2).batch(30).repeat(20)

results = {}
for name, ds in (("csv", csv_ds), ("tfrecord", rec_ds)):
    with tf.variable_scope(name):
        features, target = ds.make_one_shot_iterator().get_next()
        pred = tf.squeeze(tf.layers.dense(features, 1), 1)
        loss = tf.losses.mean_squared_error(target, pred)
        train = tf.train.AdamOptimizer(0.05).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        steps = 0
        try:
            while True:
                _, l = sess.run([train, loss])
                steps += 1
        except tf.errors.OutOfRangeError:
            pass
    results[name] = (steps, l)
    print(name, "steps", steps, "final loss", l)
assert results["csv"][0] == 200 and results["tfrecord"][0] == 200
assert results["csv"][1] < 1e-3 and results["tfrecord"][1] < 1e-3
print("RESULT ok")

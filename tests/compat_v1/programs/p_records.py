"""tf.train.Example written with tf.python_io.TFRecordWriter, read back through TFRecordDataset +
parse_single_example, the queue path (TFRecordReader + parse_example) and tf_record_iterator."""
import os

import numpy as np

from ._util import tolist


def _examples(tf):
    out = []
    for i in range(5):
        feature = {
            "image": tf.train.Feature(float_list=tf.train.FloatList(value=[i * 0.5, -i, 1.25])),
            "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[i - 2])),
            "name": tf.train.Feature(bytes_list=tf.train.BytesList(value=[("item%d" % i).encode()])),
        }
        out.append(tf.train.Example(features=tf.train.Features(feature=feature)))
    return out


def _as_dict(example):
    out = {}
    for key in sorted(example.features.feature):
        f = example.features.feature[key]
        kind = f.WhichOneof("kind")
        out[key] = [kind, list(getattr(f, kind).value)]
    return out


def run(tf, workdir):
    tf.reset_default_graph()
    path = os.path.join(workdir, "data.tfrecord")
    examples = _examples(tf)
    with tf.python_io.TFRecordWriter(path) as writer:
        for ex in examples:
            writer.write(ex.SerializeToString())
    spec = {"image": tf.FixedLenFeature([3], tf.float32), "label": tf.FixedLenFeature([], tf.int64),
            "name": tf.FixedLenFeature([], tf.string), "weight": tf.FixedLenFeature([], tf.float32, default_value=1.5)}
    ds = tf.data.TFRecordDataset([path]).map(lambda s: tf.parse_single_example(s, spec)).batch(2)
    nxt = ds.make_one_shot_iterator().get_next()
    out = {"records": [_as_dict(tf.train.Example.FromString(r)) for r in tf.python_io.tf_record_iterator(path)]}
    with tf.Session() as sess:
        batches = []
        while True:
            try:
                batches.append(sess.run(nxt))
            except tf.errors.OutOfRangeError:
                break
        out["dataset"] = batches
    tf.reset_default_graph()
    q = tf.train.string_input_producer([path], num_epochs=1, shuffle=False)
    _, serialized = tf.TFRecordReader().read(q)
    batch = tf.train.batch([serialized], batch_size=2)
    parsed = tf.parse_example(batch, spec)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        got = []
        try:
            while True:
                got.append(sess.run(parsed))
        except tf.errors.OutOfRangeError:
            pass
        coord.request_stop()
        coord.join(threads)
    out["queue"] = got
    return tolist(out)

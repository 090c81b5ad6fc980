import tensorflow as tf

filenames = tf.train.string_input_producer(["data-0.tfrecord", "data-1.tfrecord"], num_epochs=1)
reader = tf.TFRecordReader()
_, serialized = reader.read(filenames)
features = tf.parse_single_example(serialized, {"x": tf.FixedLenFeature([4], tf.float32)})
batch = tf.train.shuffle_batch([features["x"]], batch_size=32, capacity=1000, min_after_dequeue=100)
coord = tf.train.Coordinator()
with tf.Session() as sess:
    threads = tf.train.start_queue_runners(sess=sess, coord=coord)
    coord.request_stop()
    coord.join(threads)

import tensorflow as tf


def read_and_decode(filename_queue):
    reader = tf.TFRecordReader()
    _, serialized = reader.read(filename_queue)
    features = tf.parse_single_example(serialized, features={
        "image_raw": tf.FixedLenFeature([], tf.string),
        "label": tf.FixedLenFeature([], tf.int64),
    })
    image = tf.decode_raw(features["image_raw"], tf.uint8)
    image = tf.cast(tf.reshape(image, [28, 28, 1]), tf.float32) * (1.0 / 255)
    return image, tf.cast(features["label"], tf.int32)


def inputs(filenames, batch_size):
    queue = tf.train.string_input_producer(filenames, num_epochs=1)
    image, label = read_and_decode(queue)
    return tf.train.shuffle_batch([image, label], batch_size=batch_size, num_threads=2,
                                  capacity=1000 + 3 * batch_size, min_after_dequeue=1000)

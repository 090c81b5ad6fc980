import sys

import tensorflow as tf

FLAGS = tf.app.flags.FLAGS
tf.app.flags.DEFINE_string("mode", "train", "train or eval")


def run(argv):
    tf.logging.info("mode=%s argv=%s", FLAGS.mode, argv)
    return 0


if __name__ == "__main__":
    tf.app.run(main=run, argv=[sys.argv[0]] + sys.argv[1:])

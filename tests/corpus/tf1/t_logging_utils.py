import time

import tensorflow as tf


class Timer(object):
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.start = time.time()
        return self

    def __exit__(self, *exc):
        tf.logging.info("%s took %.2fs", self.name, time.time() - self.start)
        if time.time() - self.start > 60:
            tf.logging.warn("%s is slow", self.name)


def setup_logging(verbose):
    tf.logging.set_verbosity(tf.logging.DEBUG if verbose else tf.logging.INFO)
    tf.logging.log_every_n(tf.logging.INFO, "logging configured", 100)

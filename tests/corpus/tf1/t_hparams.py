import tensorflow as tf


def default_hparams():
    return tf.contrib.training.HParams(
        learning_rate=0.001, batch_size=64, num_layers=2, cell_type="lstm")


def parse(flags_string):
    hparams = default_hparams()
    hparams.parse(flags_string)
    return hparams

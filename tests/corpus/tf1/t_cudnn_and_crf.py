import tensorflow as tf


def fast_lstm(inputs, units):
    lstm = tf.contrib.cudnn_rnn.CudnnLSTM(num_layers=1, num_units=units)
    outputs, _ = lstm(inputs)
    return outputs


def crf_loss(scores, tags, lengths):
    log_likelihood, transitions = tf.contrib.crf.crf_log_likelihood(scores, tags, lengths)
    return -tf.reduce_mean(log_likelihood), transitions

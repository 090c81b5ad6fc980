import tensorflow as tf


def spectrogram(audio):
    stft = tf.contrib.signal.stft(audio, frame_length=400, frame_step=160, fft_length=512)
    return tf.abs(stft)


def flatten_state(state):
    return tf.contrib.framework.nest.flatten(state)


def distribution(mu, sigma):
    return tf.contrib.distributions.Normal(loc=mu, scale=sigma)


def lazy_adam(lr):
    return tf.contrib.opt.LazyAdamOptimizer(lr)

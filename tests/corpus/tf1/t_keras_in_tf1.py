import tensorflow as tf
from tensorflow import keras


def build(input_dim):
    model = keras.Sequential([
        keras.layers.Dense(32, activation="relu", input_shape=(input_dim,)),
        keras.layers.Dense(1),
    ])
    model.compile(optimizer=tf.train.AdamOptimizer(0.01), loss="mse")
    return model


def session_config():
    config = tf.ConfigProto()
    config.gpu_options.allow_growth = True
    keras.backend.set_session(tf.Session(config=config))

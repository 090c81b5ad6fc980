"""A functional-API model with residual blocks and a custom layer."""
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class Scale(layers.Layer):
    def __init__(self, init=1.0, **kwargs):
        super().__init__(**kwargs)
        self.init = init

    def build(self, input_shape):
        self.gamma = self.add_weight(name="gamma", shape=(input_shape[-1],),
                                     initializer=keras.initializers.Constant(self.init))

    def call(self, inputs):
        return inputs * self.gamma


def residual_block(x, filters):
    shortcut = x
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = Scale(0.1)(x)
    return layers.ReLU()(layers.add([shortcut, x]))


inputs = keras.Input(shape=(32, 32, 16))
x = residual_block(inputs, 16)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs, name="tiny_resnet")
model.compile(optimizer=keras.optimizers.Adam(3e-4),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
print(tf.reduce_sum([tf.size(w) for w in model.trainable_weights]))

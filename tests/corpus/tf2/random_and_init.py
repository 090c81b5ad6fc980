"""Seeded randomness and initializers in TF 2."""
import tensorflow as tf

tf.random.set_seed(42)
gen = tf.random.Generator.from_seed(1)
noise = gen.normal([3, 3])
u = tf.random.uniform([5], 0, 1, tf.float32, 7)
n = tf.random.normal([2, 2], 0.0, 1.0)
cat = tf.random.categorical(tf.math.log([[0.5, 0.5]]), 5)
shuffled = tf.random.shuffle(tf.range(10))
stateless = tf.random.stateless_uniform([2], seed=[1, 2])

init = tf.keras.initializers.GlorotUniform(seed=0)
w = tf.Variable(init([4, 4]))
b = tf.Variable(tf.zeros_initializer()([4]))
r = tf.Variable(tf.random_normal_initializer(0.0, 0.02)([4, 4]))
t = tf.Variable(tf.random_uniform_initializer(-0.05, 0.05)([4]))

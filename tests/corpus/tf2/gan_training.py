"""A DCGAN-style training step: two tapes, two optimizers."""
import tensorflow as tf

cross_entropy = tf.keras.losses.BinaryCrossentropy(from_logits=True)
generator = tf.keras.Sequential([tf.keras.layers.Dense(7 * 7 * 32, use_bias=False, input_shape=(100,)),
                                 tf.keras.layers.LeakyReLU(),
                                 tf.keras.layers.Reshape((7, 7, 32)),
                                 tf.keras.layers.Conv2DTranspose(1, 5, strides=4, padding="same")])
discriminator = tf.keras.Sequential([tf.keras.layers.Conv2D(32, 5, strides=2, padding="same"),
                                     tf.keras.layers.LeakyReLU(),
                                     tf.keras.layers.Dropout(0.3),
                                     tf.keras.layers.Flatten(),
                                     tf.keras.layers.Dense(1)])
gen_opt = tf.keras.optimizers.Adam(1e-4)
disc_opt = tf.keras.optimizers.Adam(1e-4)


def discriminator_loss(real_output, fake_output):
    real = cross_entropy(tf.ones_like(real_output), real_output)
    fake = cross_entropy(tf.zeros_like(fake_output), fake_output)
    return real + fake


@tf.function
def train_step(images, noise_dim=100):
    noise = tf.random.normal([tf.shape(images)[0], noise_dim])
    with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
        fake = generator(noise, training=True)
        real_out = discriminator(images, training=True)
        fake_out = discriminator(fake, training=True)
        gen_loss = cross_entropy(tf.ones_like(fake_out), fake_out)
        disc_loss = discriminator_loss(real_out, fake_out)
    gen_opt.apply_gradients(zip(gen_tape.gradient(gen_loss, generator.trainable_variables),
                                generator.trainable_variables))
    disc_opt.apply_gradients(zip(disc_tape.gradient(disc_loss, discriminator.trainable_variables),
                                 discriminator.trainable_variables))

import tensorflow as tf


def augment(image):
    image = tf.image.random_flip_left_right(image)
    image = tf.image.resize_images(image, [224, 224])
    image = tf.contrib.image.rotate(image, 0.1)
    return tf.image.per_image_standardization(image)

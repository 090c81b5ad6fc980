import tensorflow as tf


def preprocess(images, size=224):
    images = tf.image.resize_bilinear(images, [size, size], align_corners=True)
    thumbs = tf.image.resize_nearest_neighbor(images, [32, 32])
    pooled = tf.image.resize_area(images, [size // 2, size // 2])
    sharp = tf.image.resize_bicubic(images, [size * 2, size * 2], half_pixel_centers=True)
    return images, thumbs, pooled, sharp


def legacy_resize(images):
    return tf.image.resize_images(images, [64, 64], align_corners=False)

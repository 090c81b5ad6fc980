"""Image preprocessing with tf.image in TF 2."""
import tensorflow as tf


def preprocess(image, size=224):
    image = tf.image.resize(image, [size, size], method="bilinear", antialias=True)
    image = tf.image.random_crop(image, [size - 16, size - 16, 3])
    image = tf.image.per_image_standardization(image)
    return image


def boxes_iou(a, b):
    return tf.image.combined_non_max_suppression(a, b, 10, 10)


img = tf.random.uniform([256, 256, 3])
out = preprocess(img)
gray = tf.image.rgb_to_grayscale(img)
flipped = tf.image.flip_up_down(img)
patches = tf.image.extract_patches(img[None], sizes=[1, 8, 8, 1], strides=[1, 8, 8, 1],
                                   rates=[1, 1, 1, 1], padding="VALID")
sobel = tf.image.sobel_edges(img[None])
resized = tf.image.resize_with_pad(img, 300, 300)

import tensorflow as tf
from tensorflow.contrib.slim.nets import resnet_v1

slim = tf.contrib.slim


def features(images, is_training):
    with slim.arg_scope(resnet_v1.resnet_arg_scope()):
        net, end_points = resnet_v1.resnet_v1_50(images, num_classes=None, is_training=is_training)
    return tf.squeeze(net, [1, 2])

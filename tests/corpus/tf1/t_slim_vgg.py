"""A VGG-style network written with TF-Slim."""
import tensorflow as tf

slim = tf.contrib.slim


def vgg_arg_scope(weight_decay=0.0005):
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        activation_fn=tf.nn.relu,
                        weights_regularizer=slim.l2_regularizer(weight_decay),
                        biases_initializer=tf.zeros_initializer()):
        with slim.arg_scope([slim.conv2d], padding="SAME") as arg_sc:
            return arg_sc


def vgg_a(inputs, num_classes=1000, is_training=True, dropout_keep_prob=0.5, scope="vgg_a"):
    with tf.variable_scope(scope, "vgg_a", [inputs]) as sc:
        net = slim.repeat(inputs, 1, slim.conv2d, 64, [3, 3], scope="conv1")
        net = slim.max_pool2d(net, [2, 2], scope="pool1")
        net = slim.repeat(net, 2, slim.conv2d, 128, [3, 3], scope="conv2")
        net = slim.max_pool2d(net, [2, 2], scope="pool2")
        net = slim.flatten(net)
        net = slim.fully_connected(net, 4096, scope="fc6")
        net = slim.dropout(net, dropout_keep_prob, is_training=is_training, scope="dropout6")
        net = slim.fully_connected(net, num_classes, activation_fn=None, scope="fc8")
        end_points = slim.utils.convert_collection_to_dict(sc.original_name_scope)
        return net, end_points

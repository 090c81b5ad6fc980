import tensorflow as tf


def evaluate(labels, predictions, weights=None):
    acc, acc_op = tf.metrics.accuracy(labels, predictions, weights=weights)
    auc, auc_op = tf.metrics.auc(labels, predictions)
    running = tf.get_collection(tf.GraphKeys.LOCAL_VARIABLES, scope="metrics")
    reset = tf.variables_initializer(var_list=running)
    return {"accuracy": (acc, acc_op), "auc": (auc, auc_op)}, reset

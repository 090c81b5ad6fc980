"""Losses written by hand in TF 2: gradients flow into soft labels on purpose."""
import tensorflow as tf


def distillation_loss(teacher_logits, student_logits, temperature=2.0):
    soft_targets = tf.nn.softmax(teacher_logits / temperature)
    return tf.reduce_mean(
        tf.nn.softmax_cross_entropy_with_logits(labels=soft_targets, logits=student_logits / temperature))


def sparse_loss(labels, logits):
    per_example = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    return tf.reduce_mean(per_example)


def focal_loss(labels, logits, gamma=2.0):
    probs = tf.sigmoid(logits)
    ce = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    p_t = labels * probs + (1 - labels) * (1 - probs)
    return tf.reduce_sum(ce * tf.pow(1 - p_t, gamma), axis=-1)


mse = tf.keras.losses.MeanSquaredError()
huber = tf.keras.losses.Huber(delta=1.0)
auc = tf.keras.metrics.AUC()
value = mse(tf.constant([1.0, 2.0]), tf.constant([1.5, 2.5]))
l2 = tf.add_n([tf.nn.l2_loss(w) for w in [tf.ones([3, 3]), tf.ones([3])]])

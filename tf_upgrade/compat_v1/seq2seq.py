"""``tf.contrib.seq2seq.sequence_loss`` and ``tf.contrib.legacy_seq2seq.sequence_loss(_by_example)``."""
import importlib


def _tf():
    return importlib.import_module("tf_upgrade.compat_v1")


def _div_no_nan(a, b):
    tf = _tf()
    return tf.where(tf.not_equal(b, 0), a / tf.where(tf.not_equal(b, 0), b, tf.ones_like(b)), tf.zeros_like(a))


def sequence_loss(logits, targets, weights, average_across_timesteps=True, average_across_batch=True,
                  sum_over_timesteps=False, sum_over_batch=False, softmax_loss_function=None, name=None):
    tf = _tf()
    with tf.name_scope(name or "sequence_loss"):
        logits = tf.convert_to_tensor(logits)
        num_classes = tf.shape(logits)[2]
        flat_logits = tf.reshape(logits, tf.stack([-1, num_classes]))
        flat_targets = tf.reshape(targets, [-1])
        if softmax_loss_function is None:
            crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=flat_targets, logits=flat_logits)
        else:
            crossent = softmax_loss_function(labels=flat_targets, logits=flat_logits)
        crossent = crossent * tf.reshape(weights, [-1])
        if average_across_timesteps and average_across_batch:
            return _div_no_nan(tf.reduce_sum(crossent), tf.reduce_sum(weights))
        if sum_over_timesteps and sum_over_batch:
            return _div_no_nan(tf.reduce_sum(crossent), tf.cast(tf.count_nonzero(weights), crossent.dtype))
        batch_size, steps = tf.shape(logits)[0], tf.shape(logits)[1]
        crossent = tf.reshape(crossent, tf.stack([batch_size, steps]))
        if average_across_timesteps and not average_across_batch:
            return _div_no_nan(tf.reduce_sum(crossent, [1]), tf.reduce_sum(weights, [1]))
        if not average_across_timesteps and average_across_batch:
            return _div_no_nan(tf.reduce_sum(crossent, [0]), tf.reduce_sum(weights, [0]))
        return crossent


def sequence_loss_by_example(logits, targets, weights, average_across_timesteps=True,
                             softmax_loss_function=None, name=None):
    tf = _tf()
    if len(targets) != len(logits) or len(weights) != len(logits):
        raise ValueError("Lengths of logits, weights, and targets must be the same %d, %d, %d."
                         % (len(logits), len(weights), len(targets)))
    with tf.name_scope(name or "sequence_loss_by_example"):
        terms = []
        for logit, target, weight in zip(logits, targets, weights):
            if softmax_loss_function is None:
                target = tf.reshape(target, [-1])
                crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=target, logits=logit)
            else:
                crossent = softmax_loss_function(labels=target, logits=logit)
            terms.append(crossent * weight)
        log_perps = tf.add_n(terms)
        if average_across_timesteps:
            log_perps = log_perps / (tf.add_n(weights) + 1e-12)
        return log_perps


def legacy_sequence_loss(logits, targets, weights, average_across_timesteps=True, average_across_batch=True,
                         softmax_loss_function=None, name=None):
    tf = _tf()
    with tf.name_scope(name or "sequence_loss"):
        cost = tf.reduce_sum(sequence_loss_by_example(logits, targets, weights, average_across_timesteps,
                                                      softmax_loss_function))
        if average_across_batch:
            return cost / tf.cast(tf.shape(targets[0])[0], cost.dtype)
        return cost

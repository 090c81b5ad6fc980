"""``tf.contrib.seq2seq.sequence_loss`` and ``tf.contrib.legacy_seq2seq.sequence_loss(_by_example)``."""
from . import graph
from .namespace import export
from .ops import array_ops, math_ops, nn_ops


def _div_no_nan(a, b):
    return array_ops.where(math_ops.not_equal(b, 0),
                           a / array_ops.where(math_ops.not_equal(b, 0), b, array_ops.ones_like(b)),
                           array_ops.zeros_like(a))


@export("tf.contrib.seq2seq.sequence_loss")
def sequence_loss(logits, targets, weights, average_across_timesteps=True, average_across_batch=True,
                  sum_over_timesteps=False, sum_over_batch=False, softmax_loss_function=None, name=None):
    with graph.name_scope(name or "sequence_loss"):
        logits = graph.convert_to_tensor(logits)
        num_classes = array_ops.shape(logits)[2]
        flat_logits = array_ops.reshape(logits, array_ops.stack([-1, num_classes]))
        flat_targets = array_ops.reshape(targets, [-1])
        if softmax_loss_function is None:
            crossent = nn_ops.sparse_softmax_cross_entropy_with_logits(labels=flat_targets, logits=flat_logits)
        else:
            crossent = softmax_loss_function(labels=flat_targets, logits=flat_logits)
        crossent = crossent * array_ops.reshape(weights, [-1])
        if average_across_timesteps and average_across_batch:
            return _div_no_nan(math_ops.reduce_sum(crossent), math_ops.reduce_sum(weights))
        if sum_over_timesteps and sum_over_batch:
            return _div_no_nan(math_ops.reduce_sum(crossent),
                               array_ops.cast(math_ops.count_nonzero(weights), crossent.dtype))
        batch_size, steps = array_ops.shape(logits)[0], array_ops.shape(logits)[1]
        crossent = array_ops.reshape(crossent, array_ops.stack([batch_size, steps]))
        if average_across_timesteps and not average_across_batch:
            return _div_no_nan(math_ops.reduce_sum(crossent, [1]), math_ops.reduce_sum(weights, [1]))
        if not average_across_timesteps and average_across_batch:
            return _div_no_nan(math_ops.reduce_sum(crossent, [0]), math_ops.reduce_sum(weights, [0]))
        return crossent


# tf.nn.seq2seq: TF 0.x's place for the legacy sequence losses (PTB-era language models)
@export("tf.contrib.legacy_seq2seq.sequence_loss_by_example", "tf.nn.seq2seq.sequence_loss_by_example")
def sequence_loss_by_example(logits, targets, weights, average_across_timesteps=True,
                             softmax_loss_function=None, name=None):
    if len(targets) != len(logits) or len(weights) != len(logits):
        raise ValueError("Lengths of logits, weights, and targets must be the same %d, %d, %d."
                         % (len(logits), len(weights), len(targets)))
    with graph.name_scope(name or "sequence_loss_by_example"):
        terms = []
        for logit, target, weight in zip(logits, targets, weights):
            if softmax_loss_function is None:
                target = array_ops.reshape(target, [-1])
                crossent = nn_ops.sparse_softmax_cross_entropy_with_logits(labels=target, logits=logit)
            else:
                crossent = softmax_loss_function(labels=target, logits=logit)
            terms.append(crossent * weight)
        log_perps = math_ops.add_n(terms)
        if average_across_timesteps:
            log_perps = log_perps / (math_ops.add_n(weights) + 1e-12)
        return log_perps


@export("tf.contrib.legacy_seq2seq.sequence_loss", "tf.nn.seq2seq.sequence_loss")
def legacy_sequence_loss(logits, targets, weights, average_across_timesteps=True, average_across_batch=True,
                         softmax_loss_function=None, name=None):
    with graph.name_scope(name or "sequence_loss"):
        cost = math_ops.reduce_sum(sequence_loss_by_example(logits, targets, weights, average_across_timesteps,
                                                      softmax_loss_function))
        if average_across_batch:
            return cost / array_ops.cast(array_ops.shape(targets[0])[0], cost.dtype)
        return cost

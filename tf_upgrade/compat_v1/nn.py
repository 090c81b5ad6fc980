"""`tf.nn`."""
from .namespace import install_unsupported_getattr
from .ops.indexing_ops import top_k
from .ops.math_ops import log_sigmoid, relu, sigmoid, softplus, tanh
from .ops.nn_ops import (batch_normalization, bias_add, dropout, elu, in_top_k, l2_loss, l2_normalize, leaky_relu,
                         log_softmax, moments, relu6, sigmoid_cross_entropy_with_logits, softmax,
                         softmax_cross_entropy_with_logits, softmax_cross_entropy_with_logits_v2,
                         sparse_softmax_cross_entropy_with_logits, weighted_cross_entropy_with_logits, xw_plus_b,
                         zero_fraction)

__all__ = ["batch_normalization", "bias_add", "dropout", "elu", "in_top_k", "l2_loss", "l2_normalize", "leaky_relu",
           "log_sigmoid", "log_softmax", "moments", "relu", "relu6", "sigmoid", "sigmoid_cross_entropy_with_logits",
           "softmax", "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2", "softplus",
           "sparse_softmax_cross_entropy_with_logits", "tanh", "top_k", "weighted_cross_entropy_with_logits",
           "xw_plus_b", "zero_fraction"]

install_unsupported_getattr(globals(), "tf.nn")

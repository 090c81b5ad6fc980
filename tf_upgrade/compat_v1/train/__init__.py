"""`tf.train`: optimizers, learning-rate schedules and the global step."""
import sys

from ..namespace import export_namespace
from .learning_rate_decay import (
                                  exponential_decay,
                                  inverse_time_decay,
                                  natural_exp_decay,
                                  piecewise_constant,
                                  polynomial_decay,
)
from .moving_averages import ExponentialMovingAverage
from .optimizer import (
                                  AdadeltaOptimizer,
                                  AdagradOptimizer,
                                  AdamOptimizer,
                                  GradientDescentOptimizer,
                                  MomentumOptimizer,
                                  Optimizer,
                                  RMSPropOptimizer,
)
from .training_util import create_global_step, get_global_step, get_or_create_global_step, global_step

__all__ = ["AdadeltaOptimizer", "AdagradOptimizer", "AdamOptimizer", "ExponentialMovingAverage",
           "GradientDescentOptimizer", "MomentumOptimizer", "Optimizer", "RMSPropOptimizer", "create_global_step",
           "exponential_decay", "get_global_step", "get_or_create_global_step", "global_step",
           "inverse_time_decay", "natural_exp_decay", "piecewise_constant", "polynomial_decay"]

export_namespace(sys.modules[__name__], "tf.train")

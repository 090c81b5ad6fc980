"""`tf.estimator`: Estimator with model_fn/input_fn, EstimatorSpec, ModeKeys, RunConfig,
TrainSpec/EvalSpec/train_and_evaluate and inputs.numpy_input_fn (canned estimators, feature columns and
SavedModel export are not implemented). The `tf.estimator` namespace is built from the exports on these
definitions."""
from .estimator import Estimator
from .inputs import numpy_input_fn
from .run_config import RunConfig
from .spec import EstimatorSpec, ModeKeys
from .training import EvalSpec, TrainSpec, train_and_evaluate

__all__ = ["Estimator", "EstimatorSpec", "EvalSpec", "ModeKeys", "RunConfig", "TrainSpec", "numpy_input_fn",
           "train_and_evaluate"]

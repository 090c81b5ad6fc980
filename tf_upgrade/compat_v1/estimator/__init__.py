"""`tf.estimator`: Estimator with model_fn/input_fn, EstimatorSpec, ModeKeys, RunConfig,
TrainSpec/EvalSpec/train_and_evaluate and inputs.numpy_input_fn (canned estimators, feature columns and
SavedModel export are not implemented)."""
from ..namespace import Namespace, register_namespace
from .estimator import Estimator
from .inputs import numpy_input_fn
from .run_config import RunConfig
from .spec import EstimatorSpec, ModeKeys
from .training import EvalSpec, TrainSpec, train_and_evaluate


def namespace():
    from .. import monitored
    inputs = Namespace("tf.estimator.inputs", numpy_input_fn=numpy_input_fn)
    ns = Namespace("tf.estimator", Estimator=Estimator, EstimatorSpec=EstimatorSpec, ModeKeys=ModeKeys,
                   RunConfig=RunConfig, TrainSpec=TrainSpec, EvalSpec=EvalSpec,
                   train_and_evaluate=train_and_evaluate, inputs=inputs,
                   SessionRunHook=monitored.SessionRunHook, CheckpointSaverListener=monitored.CheckpointSaverListener)
    register_namespace("tf.estimator.inputs", inputs)
    register_namespace("tf.estimator", ns)
    return ns

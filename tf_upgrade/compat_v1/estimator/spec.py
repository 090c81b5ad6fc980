"""`tf.estimator.ModeKeys` and `EstimatorSpec`: what a model_fn returns, checked as TF checks it."""
import collections

from ..graph import Operation, Tensor
from ..monitored import Scaffold, SessionRunHook
from ..namespace import export


@export("tf.estimator.ModeKeys")
class ModeKeys:
    TRAIN = "train"
    EVAL = "eval"
    PREDICT = "infer"


_FIELDS = ["mode", "predictions", "loss", "train_op", "eval_metric_ops", "export_outputs",
           "training_chief_hooks", "training_hooks", "scaffold", "evaluation_hooks", "prediction_hooks"]


@export("tf.estimator.EstimatorSpec")
class EstimatorSpec(collections.namedtuple("EstimatorSpec", _FIELDS)):
    """The ops and objects a model_fn returns for one mode (TRAIN needs loss and train_op, EVAL loss,
    PREDICT predictions)."""

    def __new__(cls, mode, predictions=None, loss=None, train_op=None, eval_metric_ops=None, export_outputs=None,
                training_chief_hooks=None, training_hooks=None, scaffold=None, evaluation_hooks=None,
                prediction_hooks=None):
        if mode not in (ModeKeys.TRAIN, ModeKeys.EVAL, ModeKeys.PREDICT):
            raise ValueError("mode must be one of ModeKeys, got %r" % (mode,))
        if mode == ModeKeys.TRAIN and train_op is None:
            raise ValueError("Missing train_op.")
        if mode in (ModeKeys.TRAIN, ModeKeys.EVAL) and loss is None:
            raise ValueError("Missing loss.")
        if mode == ModeKeys.PREDICT and predictions is None:
            raise ValueError("Missing predictions.")
        if loss is not None:
            loss = _scalar_loss(loss)
        if train_op is not None and not isinstance(train_op, (Tensor, Operation)):
            raise TypeError("train_op must be Operation or Tensor, given: %r" % (train_op,))
        predictions = {} if predictions is None else predictions
        if isinstance(predictions, dict):
            for key, value in predictions.items():
                if not isinstance(value, Tensor):
                    raise TypeError("predictions[%r] must be Tensor, given: %r" % (key, value))
        elif not isinstance(predictions, Tensor):
            raise TypeError("predictions must be Tensor or dict of Tensor, given: %r" % (predictions,))
        eval_metric_ops = dict(eval_metric_ops or {})
        for key, value in eval_metric_ops.items():
            if not (isinstance(value, tuple) and len(value) == 2):
                raise TypeError("eval_metric_ops[%r] must be a (metric_tensor, update_op) tuple, given: %r"
                                % (key, value))
        hooks = {}
        for name, value in (("training_chief_hooks", training_chief_hooks), ("training_hooks", training_hooks),
                            ("evaluation_hooks", evaluation_hooks), ("prediction_hooks", prediction_hooks)):
            value = tuple(value or ())
            for h in value:
                if not isinstance(h, SessionRunHook):
                    raise TypeError("All hooks must be SessionRunHook instances, given: %r" % (h,))
            hooks[name] = value
        scaffold = scaffold or Scaffold()
        return super().__new__(cls, mode, predictions, loss, train_op, eval_metric_ops, export_outputs,
                               scaffold=scaffold, **hooks)

    def _replace(self, **kwargs):
        values = self._asdict()
        values.update(kwargs)
        return EstimatorSpec(**values)


def _scalar_loss(loss):
    if not isinstance(loss, Tensor):
        raise TypeError("loss must be Tensor, given: %r" % (loss,))
    shape = loss.shape
    if shape.ndims is not None and shape.ndims > 0:
        if shape.num_elements() == 1:
            from ..ops.array_ops import reshape
            return reshape(loss, [])
        raise ValueError("Loss must be scalar, given: %r" % (loss,))
    return loss

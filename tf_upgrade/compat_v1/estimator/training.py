"""`tf.estimator.TrainSpec`, `EvalSpec` and `train_and_evaluate` (the local, single-process loop):
train up to max_steps; after each checkpoint save (not the one written when the session starts), evaluate
the new checkpoint if eval_spec.throttle_secs have passed since the last evaluation; evaluate the final
checkpoint if it was not evaluated yet. Returns (metrics of the last evaluation, export results)."""
import collections
import time

from ..monitored import CheckpointSaverListener, SessionRunHook
from ..namespace import export
from ..platform import tf_logging as logging


@export("tf.estimator.TrainSpec")
class TrainSpec(collections.namedtuple("TrainSpec", ["input_fn", "max_steps", "hooks", "saving_listeners"])):
    def __new__(cls, input_fn, max_steps=None, hooks=None, saving_listeners=None):
        if not callable(input_fn):
            raise TypeError("`input_fn` must be callable, given: {}".format(input_fn))
        if max_steps is not None and max_steps <= 0:
            raise ValueError("Must specify max_steps > 0, given: {}".format(max_steps))
        hooks = tuple(_checked(hooks, SessionRunHook, "hooks"))
        saving_listeners = tuple(_checked(saving_listeners, CheckpointSaverListener, "saving_listeners"))
        return super().__new__(cls, input_fn, max_steps, hooks, saving_listeners)


@export("tf.estimator.EvalSpec")
class EvalSpec(collections.namedtuple("EvalSpec", ["input_fn", "steps", "name", "hooks", "exporters",
                                                   "start_delay_secs", "throttle_secs"])):
    def __new__(cls, input_fn, steps=100, name=None, hooks=None, exporters=None, start_delay_secs=120,
                throttle_secs=600):
        if not callable(input_fn):
            raise TypeError("`input_fn` must be callable, given: {}".format(input_fn))
        if steps is not None and steps <= 0:
            raise ValueError("Must specify steps > 0, given: {}".format(steps))
        if name is not None and not isinstance(name, str):
            raise TypeError("`name` must be string, given: {}".format(name))
        if start_delay_secs < 0:
            raise ValueError("Must specify start_delay_secs >= 0, given: {}".format(start_delay_secs))
        if throttle_secs < 0:
            raise ValueError("Must specify throttle_secs >= 0, given: {}".format(throttle_secs))
        if exporters:
            raise NotImplementedError("tf.estimator.EvalSpec(exporters=...): SavedModel export is not "
                                      "implemented by the numpy runtime")
        hooks = tuple(_checked(hooks, SessionRunHook, "hooks"))
        return super().__new__(cls, input_fn, steps, name, hooks, (), start_delay_secs, throttle_secs)


def _checked(items, kind, what):
    items = list(items or [])
    for item in items:
        if not isinstance(item, kind):
            raise TypeError("All %s must be %s instances, given: %r" % (what, kind.__name__, item))
    return items


class _EvaluateAfterSave(CheckpointSaverListener):
    """Evaluates each new checkpoint (throttled), and the last one at the end of training."""

    def __init__(self, estimator, eval_spec, max_steps):
        self._estimator = estimator
        self._spec = eval_spec
        self._max_steps = max_steps
        self._previous = None
        self.result = None

    def begin(self):
        self._first = True
        self._last_step = None
        self._last_time = None

    def after_save(self, session, global_step_value):
        if self._first:  # the checkpoint written when the session starts: nothing trained yet
            self._first = False
            return
        if self._last_time is None or time.time() >= self._last_time + self._spec.throttle_secs:
            self._evaluate(global_step_value)
        else:
            logging.info("Skip the current checkpoint eval due to throttle secs (%s secs).", self._spec.throttle_secs)

    def end(self, session, global_step_value):
        if global_step_value != self._last_step:
            self._evaluate(global_step_value)

    def _evaluate(self, step):
        self._last_step, self._last_time = step, time.time()
        latest = self._estimator.latest_checkpoint()
        if not latest or latest == self._previous:
            raise RuntimeError("There was no new checkpoint after the training.")
        self.result = self._estimator.evaluate(self._spec.input_fn, steps=self._spec.steps, name=self._spec.name,
                                               checkpoint_path=latest, hooks=list(self._spec.hooks))
        self._previous = latest


@export("tf.estimator.train_and_evaluate")
def train_and_evaluate(estimator, train_spec, eval_spec):
    if not isinstance(train_spec, TrainSpec):
        raise TypeError("`train_spec` must have type `tf.estimator.TrainSpec`. Got: {}".format(type(train_spec)))
    if not isinstance(eval_spec, EvalSpec):
        raise TypeError("`eval_spec` must have type `tf.estimator.EvalSpec`. Got: {}".format(type(eval_spec)))
    config = estimator.config
    if not (config.save_checkpoints_steps or config.save_checkpoints_secs):
        raise ValueError("train_and_evaluate needs checkpoints: set RunConfig.save_checkpoints_steps or "
                         "save_checkpoints_secs")
    listener = _EvaluateAfterSave(estimator, eval_spec, train_spec.max_steps)
    estimator.train(train_spec.input_fn, max_steps=train_spec.max_steps, hooks=list(train_spec.hooks),
                    saving_listeners=list(train_spec.saving_listeners) + [listener])
    return listener.result, []

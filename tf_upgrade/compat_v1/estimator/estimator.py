"""`tf.estimator.Estimator`: model_fn + input_fn, trained, evaluated and used for prediction in fresh graphs,
with its state in checkpoints under model_dir -- the TF 1.15 / 2.15 estimator's protocol:

* train(): graph with the global step, input_fn, model_fn(TRAIN); a `loss` scalar summary unless the model
  made one; a Saver (max_to_keep = keep_checkpoint_max) in the SAVERS collection; MonitoredTrainingSession
  restoring the latest checkpoint; a CheckpointSaverHook saving `model.ckpt-<step>` when the session starts,
  every save_checkpoints_steps/secs and at the end (saving listeners around each save); steps/max_steps
  through a StopAtStepHook; the input running out ends training.
* evaluate(): model_fn(EVAL), eval_metric_ops plus `loss` (the mean of the loss over batches), run until the
  input runs out or `steps` batches; returns the metrics and `global_step`, written as summaries to
  model_dir/eval[_name].
* predict(): model_fn(PREDICT); yields one example (dict or array row) at a time until the input runs out.
"""
import inspect
import os
import tempfile

import numpy as np

from .. import data as data_lib
from .. import errors
from .. import graph as graph_lib
from .. import metrics as metrics_lib
from .. import monitored as monitored_lib
from .. import summary as summary_lib
from ..data import dataset
from ..namespace import export
from ..ops import control_flow_ops, random_ops
from ..platform import tf_logging as logging
from ..saving import saver as saver_lib
from ..train import training_util
from .run_config import RunConfig
from .spec import EstimatorSpec, ModeKeys


def _fn_args(fn):
    if hasattr(fn, "func") and hasattr(fn, "keywords"):  # functools.partial
        return tuple(a for a in _fn_args(fn.func) if a not in (fn.keywords or {}))
    target = fn.__call__ if not inspect.isfunction(fn) and not inspect.ismethod(fn) and callable(fn) else fn
    params = inspect.signature(target).parameters
    return tuple(params)


@export("tf.estimator.Estimator")
class Estimator:
    def __init__(self, model_fn, model_dir=None, config=None, params=None, warm_start_from=None):
        if not callable(model_fn):
            raise ValueError("model_fn must be callable, given %r" % (model_fn,))
        args = _fn_args(model_fn)
        if "features" not in args:
            raise ValueError("model_fn (%s) must include features argument." % model_fn)
        if params is not None and "params" not in args:
            raise ValueError("model_fn (%s) does not include params argument, but params (%r) are passed to "
                             "Estimator." % (model_fn, params))
        if warm_start_from is not None:
            raise NotImplementedError("tf.estimator.Estimator(warm_start_from=...) is not implemented by the "
                                      "numpy runtime")
        config = config if config is not None else RunConfig()
        if not isinstance(config, RunConfig):
            raise ValueError("config must be an instance of `RunConfig`, but provided %r." % (config,))
        if model_dir is not None and config.model_dir is not None and \
                os.path.abspath(os.fspath(model_dir)) != os.path.abspath(config.model_dir):
            raise ValueError("`model_dir` are set both in constructor and `RunConfig`, but with different "
                             "values. In constructor: '%s', in `RunConfig`: '%s' " % (model_dir, config.model_dir))
        model_dir = os.fspath(model_dir) if model_dir is not None else config.model_dir
        if model_dir is None:
            model_dir = tempfile.mkdtemp()
            logging.warning("Using temporary folder as model directory: %s", model_dir)
        self._config = config.replace(model_dir=model_dir) if config.model_dir != model_dir else config
        self._model_dir = model_dir
        self._model_fn = model_fn
        self._params = dict(params or {})

    model_dir = property(lambda self: self._model_dir)
    config = property(lambda self: self._config)
    model_fn = property(lambda self: self._model_fn)

    @property
    def params(self):
        return dict(self._params)

    # ---- checkpoint access

    def latest_checkpoint(self):
        return saver_lib.latest_checkpoint(self._model_dir)

    def get_variable_names(self):
        path = self._require_checkpoint()
        return [name for name, _ in saver_lib.list_variables(path)]

    def get_variable_value(self, name):
        return saver_lib.load_variable(self._require_checkpoint(), name)

    def _require_checkpoint(self):
        path = self.latest_checkpoint()
        if not path:
            raise ValueError("Could not find trained model in model_dir: {}.".format(self._model_dir))
        return path

    def eval_dir(self, name=None):
        return os.path.join(self._model_dir, "eval" if not name else "eval_" + name)

    # ---- building

    def _call_input_fn(self, input_fn, mode):
        args = _fn_args(input_fn)
        kwargs = {}
        if "mode" in args:
            kwargs["mode"] = mode
        if "params" in args:
            kwargs["params"] = self.params
        if "config" in args:
            kwargs["config"] = self._config
        return input_fn(**kwargs)

    def _features_and_labels(self, input_fn, mode):
        result = self._call_input_fn(input_fn, mode)
        if isinstance(result, dataset.Dataset):
            result = dataset.make_one_shot_iterator(result).get_next() if hasattr(data_lib, "make_one_shot_iterator") \
                else result.make_one_shot_iterator().get_next()
        if isinstance(result, (list, tuple)):
            if len(result) == 2:
                return result[0], result[1]
            if len(result) == 1:
                return result[0], None
            raise ValueError("input_fn should return (features, labels) as a len 2 tuple.")
        return result, None

    def _call_model_fn(self, features, labels, mode):
        args = _fn_args(self._model_fn)
        kwargs = {}
        if "labels" in args:
            kwargs["labels"] = labels
        elif labels is not None:
            raise ValueError("model_fn does not take labels, but input_fn returns labels.")
        if "mode" in args:
            kwargs["mode"] = mode
        if "params" in args:
            kwargs["params"] = self.params
        if "config" in args:
            kwargs["config"] = self._config
        spec = self._model_fn(features=features, **kwargs)
        if not isinstance(spec, EstimatorSpec):
            raise ValueError("model_fn should return an EstimatorSpec.")
        return spec

    def _new_graph(self):
        graph = graph_lib.Graph()
        with graph.as_default():
            if self._config.tf_random_seed is not None:
                random_ops.set_random_seed(self._config.tf_random_seed)
            training_util.create_global_step(graph)
        return graph

    # ---- train

    def train(self, input_fn, hooks=None, steps=None, max_steps=None, saving_listeners=None):
        if steps is not None and max_steps is not None:
            raise ValueError("Can not provide both steps and max_steps.")
        if steps is not None and steps <= 0:
            raise ValueError("Must specify steps > 0, given: {}".format(steps))
        if max_steps is not None and max_steps <= 0:
            raise ValueError("Must specify max_steps > 0, given: {}".format(max_steps))
        if max_steps is not None:
            latest = self.latest_checkpoint()
            start = int(saver_lib.load_variable(latest, "global_step")) if latest else 0
            if max_steps <= start:
                logging.info("Skipping training since max_steps has already saved.")
                return self
        hooks = _check_hooks(hooks)
        if steps is not None or max_steps is not None:
            hooks.append(monitored_lib.StopAtStepHook(steps, max_steps))
        loss = self._train_model(input_fn, hooks, list(saving_listeners or []))
        logging.info("Loss for final step: %s.", loss)
        return self

    def _train_model(self, input_fn, hooks, saving_listeners):
        graph = self._new_graph()
        with graph.as_default():
            global_step = training_util.get_global_step(graph)
            features, labels = self._features_and_labels(input_fn, ModeKeys.TRAIN)
            spec = self._call_model_fn(features, labels, ModeKeys.TRAIN)
            if not any(op.name == "loss" for op in
                       (getattr(s, "op", s) for s in graph_lib.get_collection(graph_lib.GraphKeys.SUMMARIES))):
                summary_lib.scalar("loss", spec.loss)
            graph_lib.add_to_collection(graph_lib.GraphKeys.LOSSES, spec.loss)
            worker_hooks = list(hooks)
            worker_hooks.append(monitored_lib.NanTensorHook(spec.loss))
            if self._config.log_step_count_steps:
                worker_hooks.append(monitored_lib.LoggingTensorHook({"loss": spec.loss, "step": global_step},
                                                                every_n_iter=self._config.log_step_count_steps))
            worker_hooks.extend(spec.training_hooks)
            if not (spec.scaffold.saver or graph_lib.get_collection(graph_lib.GraphKeys.SAVERS)):
                graph_lib.add_to_collection(graph_lib.GraphKeys.SAVERS, saver_lib.Saver(
                    sharded=True, max_to_keep=self._config.keep_checkpoint_max,
                    keep_checkpoint_every_n_hours=self._config.keep_checkpoint_every_n_hours,
                    defer_build=True, save_relative_paths=True))
            all_hooks = worker_hooks + list(spec.training_chief_hooks)
            saver_hooks = [h for h in all_hooks if isinstance(h, monitored_lib.CheckpointSaverHook)]
            chief_hooks = []
            if (self._config.save_checkpoints_secs or self._config.save_checkpoints_steps) and not saver_hooks:
                chief_hooks = [monitored_lib.CheckpointSaverHook(
                    self._model_dir, save_secs=self._config.save_checkpoints_secs,
                    save_steps=self._config.save_checkpoints_steps, scaffold=spec.scaffold)]
                saver_hooks = chief_hooks
            if saving_listeners:
                if not saver_hooks:
                    raise ValueError("There should be a CheckpointSaverHook to use saving_listeners. Please set one "
                                     "of the RunConfig.save_checkpoints_steps or RunConfig.save_checkpoints_secs.")
                for listener in saving_listeners:
                    if listener not in saver_hooks[0]._listeners:
                        saver_hooks[0]._listeners.append(listener)
            loss = None
            with monitored_lib.MonitoredTrainingSession(
                    checkpoint_dir=self._model_dir, scaffold=spec.scaffold, hooks=worker_hooks,
                    chief_only_hooks=tuple(chief_hooks) + tuple(spec.training_chief_hooks),
                    save_checkpoint_secs=0, save_summaries_steps=self._config.save_summary_steps,
                    config=self._config.session_config,
                    log_step_count_steps=self._config.log_step_count_steps) as session:
                while not session.should_stop():
                    _, loss = session.run([spec.train_op, spec.loss])
        return loss

    def _checkpoint_to_read(self, checkpoint_path, what):
        """The checkpoint evaluate/predict start from: the given one, else model_dir's latest (None: initialize)."""
        if not checkpoint_path:
            checkpoint_path = self.latest_checkpoint()
            if not checkpoint_path:
                logging.info("Could not find trained model in model_dir: %s, running initialization to %s.",
                             self._model_dir, what)
        return checkpoint_path

    # ---- evaluate

    def evaluate(self, input_fn, steps=None, hooks=None, checkpoint_path=None, name=None):
        if steps is not None and steps <= 0:
            raise ValueError("Must specify steps > 0, given: {}".format(steps))
        hooks = _check_hooks(hooks)
        checkpoint_path = self._checkpoint_to_read(checkpoint_path, "evaluate")
        graph = self._new_graph()
        with graph.as_default():
            global_step = training_util.get_global_step(graph)
            features, labels = self._features_and_labels(input_fn, ModeKeys.EVAL)
            spec = self._call_model_fn(features, labels, ModeKeys.EVAL)
            metrics = dict(spec.eval_metric_ops)
            if "loss" in metrics:
                raise ValueError('Metric with name "loss" is not allowed, because Estimator already defines a '
                                 'default metric with the same name.')
            metrics["loss"] = metrics_lib.mean(spec.loss)
            if graph_lib.GraphKeys.GLOBAL_STEP in metrics:
                raise ValueError("Metric with name `global_step` is not allowed, because Estimator already "
                                 "defines a default metric with the same name.")
            update_op = control_flow_ops.group(*[update for _, update in metrics.values()])
            final = {key: value for key, (value, _) in metrics.items()}
            final[graph_lib.GraphKeys.GLOBAL_STEP] = global_step
            all_hooks = hooks + list(spec.evaluation_hooks)
            results = self._run_evaluation(checkpoint_path, spec.scaffold, update_op, final, all_hooks, steps)
        _write_eval_summary(self.eval_dir(name), results)
        return results

    def _run_evaluation(self, checkpoint_path, scaffold, update_op, final, hooks, steps):
        session = _CheckpointSession(checkpoint_path, hooks=hooks, scaffold=scaffold,
                                     config=self._config.session_config)
        done = 0
        try:
            while not session.should_stop() and (steps is None or done < steps):
                try:
                    session.run(update_op)
                except (errors.OutOfRangeError, StopIteration):
                    break
                done += 1
            values = session._sess.run(final)
        finally:
            session.close()
        logging.info("Saving dict for global step %s: %s", values[graph_lib.GraphKeys.GLOBAL_STEP],
                     ", ".join("%s = %s" % (k, values[k]) for k in sorted(values)))
        return values

    # ---- predict

    def predict(self, input_fn, predict_keys=None, hooks=None, checkpoint_path=None, yield_single_examples=True):
        hooks = _check_hooks(hooks)
        checkpoint_path = self._checkpoint_to_read(checkpoint_path, "predict")
        graph = self._new_graph()
        with graph.as_default():
            features, _ = self._features_and_labels(input_fn, ModeKeys.PREDICT)
            spec = self._call_model_fn(features, None, ModeKeys.PREDICT)
            predictions = _extract_keys(spec.predictions, predict_keys)
            session = _CheckpointSession(checkpoint_path, hooks=hooks + list(spec.prediction_hooks),
                                         scaffold=spec.scaffold, config=self._config.session_config)
            try:
                while not session.should_stop():
                    try:
                        values = session.run(predictions)
                    except (errors.OutOfRangeError, StopIteration):
                        break
                    if not yield_single_examples:
                        yield values
                    elif not isinstance(predictions, dict):
                        for row in values:
                            yield row
                    else:
                        for i in range(_batch_length(values)):
                            yield {key: value[i] for key, value in values.items()}
            finally:
                session.close()


def _make_checkpoint_session_class():
    from ..monitored import MonitoredSession

    class CheckpointSession(MonitoredSession):
        """MonitoredSession restoring one named checkpoint file (TF's ChiefSessionCreator with
        checkpoint_filename_with_path)."""

        def __init__(self, checkpoint_path, **kwargs):
            self._checkpoint_path = checkpoint_path
            super().__init__(**kwargs)

        def _restore_or_init(self):
            if self._checkpoint_path and self._scaffold.saver is not None:
                self._scaffold.saver.restore(self._sess, self._checkpoint_path)
                if self._scaffold.local_init_op is not None:
                    self._sess.run(self._scaffold.local_init_op)
            else:
                super()._restore_or_init()

    return CheckpointSession


_CheckpointSession = _make_checkpoint_session_class()


def _check_hooks(hooks):
    from ..monitored import SessionRunHook
    hooks = list(hooks or [])
    for h in hooks:
        if not isinstance(h, SessionRunHook):
            raise TypeError("Hooks must be a SessionRunHook, given: {}".format(h))
    return hooks


def _extract_keys(predictions, predict_keys):
    if not predict_keys:
        return predictions
    if not isinstance(predictions, dict):
        raise ValueError("predict_keys argument is not valid in case of non-dict predictions.")
    chosen = {k: v for k, v in predictions.items() if k in predict_keys}
    if not chosen:
        raise ValueError("Expected to run at least one output from %s, provided %s."
                         % (list(predictions), predict_keys))
    return chosen


def _batch_length(values):
    length = None
    for key, value in values.items():
        length = length or value.shape[0]
        if value.shape[0] != length:
            raise ValueError("Batch length of predictions should be same. %s has different batch length than "
                             "others." % key)
    return length


def _write_eval_summary(output_dir, results):
    """The scalar metrics as one Summary at the evaluated global step (TensorBoard's eval curves)."""
    values = []
    for key, value in sorted(results.items()):
        arr = np.asarray(value)
        if key != graph_lib.GraphKeys.GLOBAL_STEP and arr.size == 1 and arr.dtype.kind in "fiub":
            values.append(summary_lib.Summary.Value(tag=key, simple_value=float(arr.reshape(-1)[0])))
    writer = summary_lib.FileWriter(output_dir)
    writer.add_summary(summary_lib.Summary(value=values), int(results[graph_lib.GraphKeys.GLOBAL_STEP]))
    writer.close()

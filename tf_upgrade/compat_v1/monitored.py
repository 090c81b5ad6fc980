"""``tf.train.MonitoredTrainingSession``, ``MonitoredSession``, ``SingularMonitoredSession`` and the
usual hooks (``StopAtStepHook``, ``CheckpointSaverHook``, ``SummarySaverHook``, ``LoggingTensorHook``,
``NanTensorHook``), following TF1's hook protocol: ``begin`` -> ``after_create_session`` ->
(``before_run`` / ``after_run``)* -> ``end``.  ``OutOfRangeError`` inside the ``with`` block ends it
quietly, as in TF.
"""
import collections
import os
import time

import numpy as np

from . import errors, lookup_tables, variables
from . import graph as graph_lib
from . import session as session_lib
from . import summary as summary_lib
from .namespace import export, export_value
from .ops import control_flow_ops
from .platform import tf_logging
from .saving import saver as saver_lib
from .train import training_util


@export("tf.train.SessionRunArgs")
class SessionRunArgs(collections.namedtuple("SessionRunArgs", ["fetches", "feed_dict", "options"])):
    def __new__(cls, fetches, feed_dict=None, options=None):
        return super().__new__(cls, fetches, feed_dict, options)


SessionRunValues = collections.namedtuple("SessionRunValues", ["results", "options", "run_metadata"])
export_value(SessionRunValues, "tf.train.SessionRunValues")


@export("tf.train.SessionRunContext")
class SessionRunContext:
    def __init__(self, original_args, session):
        self.original_args = original_args
        self.session = session
        self._stop_requested = False

    def request_stop(self):
        self._stop_requested = True

    @property
    def stop_requested(self):
        return self._stop_requested


@export("tf.estimator.SessionRunHook", "tf.train.SessionRunHook")
class SessionRunHook:
    def begin(self):
        pass

    def after_create_session(self, session, coord):
        pass

    def before_run(self, run_context):
        return None

    def after_run(self, run_context, run_values):
        pass

    def end(self, session):
        pass


class _Timer:
    """Every N steps and/or every S seconds."""

    def __init__(self, every_steps=None, every_secs=None):
        self.steps, self.secs = every_steps, every_secs
        self.last_step = None
        self.last_time = None

    def should_trigger(self, step):
        if self.last_step is None:
            return True
        if self.steps is not None and step >= self.last_step + self.steps:
            return True
        return self.secs is not None and time.time() >= self.last_time + self.secs

    def update(self, step):
        self.last_step, self.last_time = step, time.time()


def _global_step_tensor():
    gs = training_util.get_global_step()
    if gs is None:
        raise RuntimeError("Global step should be created to use this hook.")
    return gs


@export("tf.train.StopAtStepHook")
class StopAtStepHook(SessionRunHook):
    def __init__(self, num_steps=None, last_step=None):
        if (num_steps is None) == (last_step is None):
            raise ValueError("One of num_steps or last_step must be specified.")
        self._num_steps, self._last_step = num_steps, last_step

    def begin(self):
        self._gs = _global_step_tensor()

    def after_create_session(self, session, coord):
        if self._last_step is None:
            self._last_step = int(session.run(self._gs)) + self._num_steps

    def before_run(self, run_context):
        return SessionRunArgs(self._gs)

    def after_run(self, run_context, run_values):
        # the fetched value is from before the train op; TF re-reads it after the step
        step = int(run_context.session.run(self._gs))
        if step >= self._last_step:
            run_context.request_stop()


@export("tf.estimator.CheckpointSaverListener", "tf.train.CheckpointSaverListener")
class CheckpointSaverListener:
    """Called around each checkpoint a CheckpointSaverHook writes; `after_save` returning True stops training."""

    def begin(self):
        pass

    def before_save(self, session, global_step_value):
        pass

    def after_save(self, session, global_step_value):
        pass

    def end(self, session, global_step_value):
        pass


@export("tf.train.CheckpointSaverHook")
class CheckpointSaverHook(SessionRunHook):
    """Saves when the session is created, every save_steps/save_secs, and at the end (TF's order: listeners'
    before_save, save, after_save)."""

    def __init__(self, checkpoint_dir, save_secs=None, save_steps=None, saver=None, checkpoint_basename="model.ckpt",
                 scaffold=None, listeners=None, save_graph_def=True):
        if (save_secs is None) == (save_steps is None):
            raise ValueError("exactly one of save_secs and save_steps should be provided")
        if saver is not None and scaffold is not None:
            raise ValueError("You cannot provide both saver and scaffold.")
        self._dir = checkpoint_dir
        self._timer = _Timer(save_steps, save_secs)
        self._saver = saver
        self._scaffold = scaffold
        self._listeners = list(listeners or [])
        self._path = os.path.join(checkpoint_dir, checkpoint_basename)

    def begin(self):
        self._gs = _global_step_tensor()
        for listener in self._listeners:
            listener.begin()

    def _get_saver(self):
        if self._saver is None:
            savers = graph_lib.get_collection(graph_lib.GraphKeys.SAVERS)
            if self._scaffold is not None and self._scaffold.saver is not None:
                self._saver = self._scaffold.saver
            elif len(savers) > 1:
                raise RuntimeError("More than one item in collection savers. Please indicate which one to use by "
                                   "passing it to the constructor.")
            else:
                self._saver = savers[0] if savers else saver_lib.Saver()
        return self._saver

    def after_create_session(self, session, coord):
        step = int(session.run(self._gs))
        self._save(session, step)
        self._timer.update(step)

    def after_run(self, run_context, run_values):
        step = int(run_context.session.run(self._gs))
        if self._timer.should_trigger(step):
            self._timer.update(step)
            if self._save(run_context.session, step):
                run_context.request_stop()

    def end(self, session):
        step = int(session.run(self._gs))
        if step != self._timer.last_step:
            self._save(session, step)
        for listener in self._listeners:
            listener.end(session, step)

    def _save(self, session, step):
        for listener in self._listeners:
            listener.before_save(session, step)
        self._get_saver().save(session, self._path, global_step=step)
        stop = False
        for listener in self._listeners:
            if listener.after_save(session, step):
                stop = True
        return stop


@export("tf.train.SummarySaverHook")
class SummarySaverHook(SessionRunHook):
    def __init__(self, save_steps=None, save_secs=None, output_dir=None, summary_writer=None, scaffold=None,
                 summary_op=None):
        self._timer = _Timer(save_steps, save_secs)
        self._dir = output_dir
        self._writer = summary_writer
        self._op = summary_op
        self._scaffold = scaffold

    def begin(self):
        if self._writer is None and self._dir is not None:
            self._writer = summary_lib.FileWriter(self._dir, graph_lib.get_default_graph())
        if self._op is None:
            self._op = summary_lib.merge_all()
        self._gs = _global_step_tensor()
        self._want = False

    def before_run(self, run_context):
        step = int(run_context.session.run(self._gs))
        self._want = self._op is not None and self._timer.should_trigger(step)
        if self._want:
            self._timer.update(step)
            return SessionRunArgs({"summary": self._op, "step": self._gs})
        return None

    def after_run(self, run_context, run_values):
        if self._want and self._writer is not None:
            self._writer.add_summary(run_values.results["summary"], int(run_values.results["step"]))

    def end(self, session):
        if self._writer is not None:
            self._writer.flush()


@export("tf.train.LoggingTensorHook")
class LoggingTensorHook(SessionRunHook):
    def __init__(self, tensors, every_n_iter=None, every_n_secs=None, at_end=False, formatter=None):
        if isinstance(tensors, dict):
            self._tags, self._tensors = list(tensors), list(tensors.values())
        else:
            self._tensors = list(tensors)
            self._tags = [t if isinstance(t, str) else t.name for t in self._tensors]
        self._timer = _Timer(every_n_iter, every_n_secs)
        self._at_end = at_end
        self._formatter = formatter
        self._iter = 0

    def before_run(self, run_context):
        self._log = self._timer.should_trigger(self._iter)
        return SessionRunArgs(self._tensors) if self._log else None

    def after_run(self, run_context, run_values):
        if self._log:
            self._timer.update(self._iter)
            self._emit(dict(zip(self._tags, run_values.results)))
        self._iter += 1

    def end(self, session):
        if self._at_end:
            self._emit(dict(zip(self._tags, session.run(self._tensors))))

    def _emit(self, values):
        if self._formatter is not None:
            tf_logging.info(self._formatter(values))
        else:
            tf_logging.info(", ".join("%s = %s" % (k, values[k]) for k in self._tags))


@export("tf.train.NanLossDuringTrainingError")
class NanLossDuringTrainingError(RuntimeError):
    def __str__(self):
        return "NaN loss during training."


@export("tf.train.NanTensorHook")
class NanTensorHook(SessionRunHook):
    def __init__(self, loss_tensor, fail_on_nan_loss=True):
        self._loss = loss_tensor
        self._fail = fail_on_nan_loss

    def before_run(self, run_context):
        return SessionRunArgs(self._loss)

    def after_run(self, run_context, run_values):
        if np.isnan(run_values.results):
            if self._fail:
                raise NanLossDuringTrainingError
            tf_logging.warning("Model diverged with loss = NaN.")
            run_context.request_stop()


@export("tf.train.StepCounterHook")
class StepCounterHook(SessionRunHook):
    def __init__(self, every_n_steps=100, every_n_secs=None, output_dir=None, summary_writer=None):
        pass


@export("tf.train.Scaffold")
class Scaffold:
    def __init__(self, init_op=None, init_feed_dict=None, init_fn=None, ready_op=None,
                 ready_for_local_init_op=None, local_init_op=None, summary_op=None, saver=None, copy_from_scaffold=None):
        self.init_op, self.init_feed_dict, self.init_fn = init_op, init_feed_dict, init_fn
        self.local_init_op, self.summary_op, self.saver = local_init_op, summary_op, saver

    def finalize(self):
        if self.init_op is None:
            self.init_op = variables.global_variables_initializer()
        if self.local_init_op is None:
            self.local_init_op = control_flow_ops.group(variables.local_variables_initializer(),
                                                        lookup_tables.tables_initializer())
        if self.saver is None:
            savers = graph_lib.get_collection(graph_lib.GraphKeys.SAVERS)
            self.saver = savers[0] if savers else (saver_lib.Saver() if variables.global_variables() else None)
        return self


@export("tf.train.MonitoredSession", "tf.train.SingularMonitoredSession")
class MonitoredSession:
    def __init__(self, session_creator=None, hooks=None, stop_grace_period_secs=120, scaffold=None,
                 checkpoint_dir=None, config=None):
        self._hooks = list(hooks or [])
        self._scaffold = scaffold or Scaffold()
        self._checkpoint_dir = checkpoint_dir
        for h in self._hooks:
            h.begin()
        self._scaffold.finalize()
        self._graph = graph_lib.get_default_graph()
        self._sess = session_lib.Session(graph=self._graph, config=config)
        self._restore_or_init()
        from .queues.pipeline import Coordinator
        self._coord = Coordinator()
        for h in self._hooks:
            h.after_create_session(self._sess, self._coord)
        self._stop = False
        self._closed = False

    def _restore_or_init(self):
        ckpt = saver_lib.latest_checkpoint(self._checkpoint_dir) if self._checkpoint_dir else None
        if ckpt is not None and self._scaffold.saver is not None:
            self._scaffold.saver.restore(self._sess, ckpt)
            # as TF's SessionManager: the saver keeps counting max_to_keep from the checkpoints already there
            state = saver_lib.get_checkpoint_state(self._checkpoint_dir)
            if state is not None and hasattr(self._scaffold.saver, "recover_last_checkpoints"):
                self._scaffold.saver.recover_last_checkpoints(state.all_model_checkpoint_paths)
        else:
            self._sess.run(self._scaffold.init_op, self._scaffold.init_feed_dict)
            if self._scaffold.init_fn is not None:
                self._scaffold.init_fn(self._scaffold, self._sess)
        if self._scaffold.local_init_op is not None:
            self._sess.run(self._scaffold.local_init_op)

    @property
    def graph(self):
        return self._graph

    def should_stop(self):
        return self._stop or self._coord.should_stop()

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        if self.should_stop():
            raise RuntimeError("Run called even after should_stop requested.")
        ctx = SessionRunContext(SessionRunArgs(fetches, feed_dict), self._sess)
        extra = {}
        feeds = dict(feed_dict or {})
        for h in self._hooks:
            args = h.before_run(ctx)
            if args is not None:
                extra[h] = args.fetches
                feeds.update(args.feed_dict or {})
        results = self._sess.run({"caller": fetches, "hooks": extra}, feeds)
        for h in self._hooks:
            h.after_run(ctx, SessionRunValues(results["hooks"].get(h), options, run_metadata))
        self._stop = self._stop or ctx.stop_requested
        return results["caller"]

    def run_step_fn(self, step_fn):
        return step_fn(_StepContext(self))

    def close(self):
        if self._closed:
            return
        self._closed = True
        try:
            for h in self._hooks:
                h.end(self._sess)
        finally:
            self._sess.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
        return exc_type in (errors.OutOfRangeError, StopIteration)


class _StepContext:
    def __init__(self, monitored):
        self._m = monitored
        self.session = monitored._sess

    def run_with_hooks(self, *args, **kwargs):
        return self._m.run(*args, **kwargs)

    def request_stop(self):
        self._m._stop = True


SingularMonitoredSession = MonitoredSession


@export("tf.train.MonitoredTrainingSession")
def MonitoredTrainingSession(master="", is_chief=True, checkpoint_dir=None, scaffold=None, hooks=None,  # noqa: N802
                             chief_only_hooks=None, save_checkpoint_secs=600, save_summaries_steps=100,
                             save_summaries_secs=None, config=None, stop_grace_period_secs=120,
                             log_step_count_steps=100, max_wait_secs=7200, save_checkpoint_steps=None,
                             summary_dir=None, save_graph_def=True):
    all_hooks = list(hooks or [])
    if is_chief:
        all_hooks.extend(chief_only_hooks or [])
        summary_dir = summary_dir or checkpoint_dir
        if summary_dir and (save_summaries_steps or save_summaries_secs):
            all_hooks.append(SummarySaverHook(save_steps=save_summaries_steps, save_secs=save_summaries_secs,
                                              output_dir=summary_dir))
        if checkpoint_dir and (save_checkpoint_secs or save_checkpoint_steps):
            if save_checkpoint_steps is not None:
                save_checkpoint_secs = None
            all_hooks.append(CheckpointSaverHook(checkpoint_dir, save_secs=save_checkpoint_secs,
                                                 save_steps=save_checkpoint_steps, scaffold=scaffold))
    return MonitoredSession(hooks=all_hooks, scaffold=scaffold, checkpoint_dir=checkpoint_dir, config=config)


@export("tf.train.Supervisor")
class Supervisor:
    """``tf.train.Supervisor``: ``managed_session()`` initializes (or restores from ``logdir``), and the
    checkpoint is saved when the session ends.  No background threads: ``summary_computed`` writes
    summaries when the program calls it, and there is no periodic saving in between."""

    USE_DEFAULT = 0

    def __init__(self, graph=None, ready_op=0, is_chief=True, init_op=0, init_feed_dict=None, local_init_op=0,
                 logdir=None, summary_op=0, saver=0, global_step=0, save_summaries_secs=120, save_model_secs=600,
                 recovery_wait_secs=30, stop_grace_secs=120, checkpoint_basename="model.ckpt",
                 session_manager=None, summary_writer=0, init_fn=None, local_init_run_options=None):
        self._graph = graph or graph_lib.get_default_graph()
        self._logdir = logdir
        self._is_chief = is_chief
        with self._graph.as_default():
            self._init_op = variables.global_variables_initializer() if init_op == 0 else init_op
            self._local_init_op = variables.local_variables_initializer() if local_init_op == 0 else local_init_op
            self._saver = (saver_lib.Saver() if variables.global_variables() else None) if saver == 0 else saver
            self._global_step = training_util.get_global_step() if global_step == 0 else global_step
            self._summary_op = summary_lib.merge_all() if summary_op == 0 else summary_op
        self._init_feed_dict = init_feed_dict
        self._init_fn = init_fn
        self._save_path = os.path.join(logdir, checkpoint_basename) if logdir else None
        self._writer = summary_lib.FileWriter(logdir, self._graph) if logdir and summary_writer == 0 else \
            (summary_writer or None)
        from .queues.pipeline import Coordinator
        self._coord = Coordinator()

    saver = property(lambda self: self._saver)
    global_step = property(lambda self: self._global_step)
    summary_writer = property(lambda self: self._writer)
    summary_op = property(lambda self: self._summary_op)
    coord = property(lambda self: self._coord)
    is_chief = property(lambda self: self._is_chief)
    save_path = property(lambda self: self._save_path)

    def prepare_or_wait_for_session(self, master="", config=None, **kwargs):
        sess = session_lib.Session(graph=self._graph, config=config)
        ckpt = saver_lib.latest_checkpoint(self._logdir) if self._logdir else None
        if ckpt is not None and self._saver is not None:
            self._saver.restore(sess, ckpt)
        else:
            if self._init_op is not None:
                sess.run(self._init_op, self._init_feed_dict)
            if self._init_fn is not None:
                self._init_fn(sess)
        if self._local_init_op is not None:
            sess.run(self._local_init_op)
        return sess

    def managed_session(self, master="", config=None, start_standard_services=True, close_summary_writer=True):
        sup = self

        class _Managed:
            def __enter__(self):
                self.sess = sup.prepare_or_wait_for_session(master, config)
                return self.sess

            def __exit__(self, exc_type, exc, tb):
                try:
                    if exc_type is None or issubclass(exc_type, errors.OutOfRangeError):
                        sup._save(self.sess)
                    sup.stop(close_summary_writer=close_summary_writer)
                finally:
                    self.sess.close()
                return exc_type is not None and issubclass(exc_type, errors.OutOfRangeError)
        return _Managed()

    def _save(self, sess):
        if self._saver is not None and self._save_path is not None and self._is_chief:
            self._saver.save(sess, self._save_path, global_step=self._global_step)

    def should_stop(self):
        return self._coord.should_stop()

    def request_stop(self, ex=None):
        self._coord.request_stop(ex)

    def stop(self, threads=None, close_summary_writer=True, ignore_live_threads=False):
        self._coord.request_stop()
        if close_summary_writer and self._writer is not None:
            self._writer.close()

    def summary_computed(self, sess, summary, global_step=None):
        if self._writer is None:
            return
        if global_step is None and self._global_step is not None:
            global_step = sess.run(self._global_step)
        self._writer.add_summary(summary, global_step)

    def start_queue_runners(self, sess, queue_runners=None):
        return []

    def loop(self, timer_interval_secs, target, args=None, kwargs=None):
        raise NotImplementedError("Supervisor.loop (background timers) is not supported by the numpy runtime")

    def stop_on_exception(self):
        return self._coord.stop_on_exception()

    def wait_for_stop(self):
        return self._coord.wait_for_stop()

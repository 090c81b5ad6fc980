"""``tf.train.Saver`` and friends, reading and writing TensorFlow's V2 checkpoint format.

Saving fetches the variables' current values and writes ``<path>.index`` and
``<path>.data-00000-of-00001`` (see :mod:`..io_formats.bundle`), then updates
the ``checkpoint`` state file and deletes checkpoints beyond ``max_to_keep``.
Restoring feeds the stored values into the variables' initializer ops, so no
new ops are added (the graph may be finalized).  The ``.meta`` file beside a
checkpoint is this runtime's own graph description (``meta_graph.py``), readable
by ``tf.train.import_meta_graph`` here but not by TensorFlow.
"""
import os
import time

import numpy as np

from .. import errors
from ..io_formats import bundle
from ..namespace import export
from . import meta_graph


def _graph_keys():
    from ..graph import GraphKeys
    return GraphKeys


def _default_graph():
    from ..graph import get_default_graph
    return get_default_graph()


def _var_name(v):
    return v.op.name


def _as_var_dict(var_list):
    if var_list is None:
        g = _default_graph()
        var_list = g.get_collection(_graph_keys().GLOBAL_VARIABLES) + g.get_collection(
            _graph_keys().SAVEABLE_OBJECTS)
    if isinstance(var_list, dict):
        out = {}
        for name, v in var_list.items():
            if isinstance(v, (list, tuple)):
                raise NotImplementedError("partitioned variables are not supported")
            out[name] = v
        return out
    out = {}
    for v in var_list:
        if isinstance(v, (list, tuple)):
            for x in v:
                out[_var_name(x)] = x
            continue
        name = _var_name(v)
        if name in out and out[name] is not v:
            raise ValueError("At least two variables have the same name: %s" % name)
        out[name] = v
    return out


@export("tf.train.Saver")
class Saver:
    def __init__(self, var_list=None, reshape=False, sharded=False, max_to_keep=5,
                 keep_checkpoint_every_n_hours=10000.0, name=None, restore_sequentially=False,
                 saver_def=None, builder=None, defer_build=False, allow_empty=False, write_version=2,
                 pad_step_number=False, save_relative_paths=False, filename=None):
        self._var_list = var_list
        self._vars = None
        self._allow_empty = allow_empty
        self._max_to_keep = 0 if max_to_keep is None else max_to_keep
        self._keep_every = keep_checkpoint_every_n_hours
        self._next_keep_time = time.time() + keep_checkpoint_every_n_hours * 3600
        self._pad_step_number = pad_step_number
        self._save_relative_paths = save_relative_paths
        self._last_checkpoints = []  # (path, time)
        self._filename = filename
        if not defer_build:
            self.build()
        g = _default_graph()
        g.add_to_collection(_graph_keys().SAVERS, self)

    def build(self):
        if self._vars is not None:
            return
        self._vars = _as_var_dict(self._var_list)
        if not self._vars and not self._allow_empty:
            raise ValueError("No variables to save")

    @property
    def last_checkpoints(self):
        return [p for p, _ in self._last_checkpoints]

    def set_last_checkpoints(self, last_checkpoints):
        self._last_checkpoints = [(p, time.time()) for p in last_checkpoints]

    def set_last_checkpoints_with_time(self, last_checkpoints_with_time):
        self._last_checkpoints = list(last_checkpoints_with_time)

    def recover_last_checkpoints(self, checkpoint_paths):
        self.set_last_checkpoints([p for p in checkpoint_paths if bundle.checkpoint_exists(p)])

    def _fetch_values(self, sess):
        names = sorted(self._vars)
        fetches = [self._vars[n]._as_graph_element() if hasattr(self._vars[n], "_as_graph_element")
                   else self._vars[n] for n in names]
        values = sess.run(fetches)
        return {n: np.asarray(v) for n, v in zip(names, values)}

    def save(self, sess, save_path, global_step=None, latest_filename=None, meta_graph_suffix="meta",
             write_meta_graph=True, write_state=True, strip_default_attrs=False, save_debug_info=False):
        self.build()
        latest_filename = latest_filename or "checkpoint"
        if global_step is not None:
            if not isinstance(global_step, (int, np.integer)):
                global_step = int(sess.run(global_step._as_graph_element() if hasattr(global_step, "_as_graph_element")
                                           else global_step))
            fmt = "%s-%08d" if self._pad_step_number else "%s-%d"
            checkpoint_file = fmt % (save_path, int(global_step))
        else:
            checkpoint_file = save_path
            if os.path.basename(save_path) == latest_filename:
                raise ValueError("'latest_filename' collides with 'save_path': '%s' and '%s'"
                                 % (latest_filename, save_path))
        parent = os.path.dirname(save_path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        if self._vars:
            bundle.write_bundle(checkpoint_file, self._fetch_values(sess))
        if write_meta_graph:
            self._write_meta_graph(checkpoint_file + "." + meta_graph_suffix, sess.graph)
        if write_state:
            self._record(checkpoint_file)
            bundle.write_checkpoint_state(parent or ".", checkpoint_file, self.last_checkpoints,
                                          latest_filename, relative=self._save_relative_paths)
            self._delete_old()
        return checkpoint_file

    def _record(self, path):
        if not self._max_to_keep:
            return
        self._last_checkpoints = [(p, t) for p, t in self._last_checkpoints if p != path]
        self._last_checkpoints.append((path, time.time()))
        self._to_delete = getattr(self, "_to_delete", [])
        while len(self._last_checkpoints) > self._max_to_keep:
            self._to_delete.append(self._last_checkpoints.pop(0))

    def _delete_old(self):
        for path, stamp in getattr(self, "_to_delete", []):
            if stamp > self._next_keep_time:
                self._next_keep_time += self._keep_every * 3600
                continue
            for f in (path + ".index", path + ".meta", bundle.data_filename(path)):
                if os.path.exists(f):
                    os.remove(f)
        self._to_delete = []

    def restore(self, sess, save_path):
        self.build()
        if save_path is None:
            raise ValueError("Can't load save_path when it is None.")
        if not bundle.checkpoint_exists(save_path):
            raise ValueError("The passed save_path is not a valid checkpoint: %s" % save_path)
        reader = bundle.BundleReader(save_path)
        feeds = {}
        ops = []
        for name, v in sorted(self._vars.items()):
            if name not in reader:
                raise errors.NotFoundError(
                    None, None, "Key %s not found in checkpoint\n\t [[{{node save/RestoreV2}}]]" % name)
            value = reader.get(name)
            shape = v.get_shape()
            if shape.ndims is not None and not shape.is_compatible_with(value.shape):
                raise errors.InvalidArgumentError(
                    None, None, "Restoring from checkpoint failed. Assign requires shapes of both tensors "
                    "to match. lhs shape= %s rhs shape= %s (variable %s)" % (shape, list(value.shape), name))
            if v.initial_value in feeds:  # variables sharing an initial-value tensor: separate runs
                sess.run(ops, feeds)
                feeds, ops = {}, []
            feeds[v.initial_value] = value.astype(v.dtype.base_dtype.as_numpy_dtype)
            ops.append(v.initializer)
        if ops:
            sess.run(ops, feeds)

    def as_saver_def(self):
        return None

    def to_proto(self, export_scope=None):
        return None

    def _write_meta_graph(self, filename, graph):
        try:
            meta_graph.export_meta_graph(filename, graph=graph)
        except meta_graph.NotExportable as e:
            from ..platform import tf_logging
            tf_logging.warning("No %s written: the numpy runtime describes only graphs of plain ops (%s)."
                               % (filename, e))

    def export_meta_graph(self, filename=None, collection_list=None, as_text=False, export_scope=None,
                          clear_devices=False, clear_extraneous_savers=False, strip_default_attrs=False,
                          save_debug_info=False):
        return meta_graph.export_meta_graph(filename, collection_list=collection_list)


# ---- module-level helpers (tf.train.*) ------------------------------------------------

@export("tf.train.latest_checkpoint")
def latest_checkpoint(checkpoint_dir, latest_filename=None):
    return bundle.latest_checkpoint(checkpoint_dir, latest_filename)


@export("tf.train.get_checkpoint_state")
def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    return bundle.get_checkpoint_state(checkpoint_dir, latest_filename)


@export("tf.train.update_checkpoint_state")
def update_checkpoint_state(save_dir, model_checkpoint_path, all_model_checkpoint_paths=None,
                            latest_filename=None, all_model_checkpoint_timestamps=None,
                            last_preserved_timestamp=None):
    bundle.write_checkpoint_state(save_dir, model_checkpoint_path, all_model_checkpoint_paths,
                                  latest_filename or "checkpoint")


@export("tf.train.checkpoint_exists")
def checkpoint_exists(checkpoint_prefix):
    return bundle.checkpoint_exists(checkpoint_prefix)


def _resolve(ckpt_dir_or_file):
    if os.path.isdir(ckpt_dir_or_file):
        path = latest_checkpoint(ckpt_dir_or_file)
        if path is None:
            raise ValueError("Couldn't find 'checkpoint' file or checkpoints in given directory %s"
                             % ckpt_dir_or_file)
        return path
    return ckpt_dir_or_file


class CheckpointReader:
    """``tf.train.NewCheckpointReader`` / ``tf.train.load_checkpoint``."""

    def __init__(self, path):
        self._reader = bundle.BundleReader(_resolve(path))

    def get_tensor(self, name):
        if name not in self._reader:
            raise errors.NotFoundError(None, None, "Key %s not found in checkpoint" % name)
        return self._reader.get(name)

    def has_tensor(self, name):
        return name in self._reader

    def get_variable_to_shape_map(self):
        return {n: list(self._reader.shape(n)) for n in self._reader.names()}

    def get_variable_to_dtype_map(self):
        from .. import dtypes
        return {n: dtypes.as_dtype(self._reader.dtype(n)) for n in self._reader.names()}

    def debug_string(self):
        return "".join("%s (%s) %s\n" % (n, self._reader.dtype(n), list(self._reader.shape(n)))
                       for n in self._reader.names()).encode()


@export("tf.train.NewCheckpointReader", "tf.train.load_checkpoint")
def NewCheckpointReader(filepattern):  # noqa: N802 - TF's name
    return CheckpointReader(filepattern)


load_checkpoint = NewCheckpointReader


@export("tf.train.list_variables")
def list_variables(ckpt_dir_or_file):
    r = bundle.BundleReader(_resolve(ckpt_dir_or_file))
    return [(n, list(r.shape(n))) for n in sorted(r.names())]


@export("tf.train.load_variable")
def load_variable(ckpt_dir_or_file, name):
    if name.endswith(":0"):
        name = name[:-2]
    return CheckpointReader(ckpt_dir_or_file).get_tensor(name)


def _set_initializer_from(var, value):
    """Make ``var``'s initializer assign ``value`` (TF's init_from_checkpoint overrides initializers)."""
    from ..graph import convert_to_tensor
    g = var.graph
    with g.control_dependencies(None), g.name_scope(var.op.name + "/"):
        const = convert_to_tensor(np.asarray(value, dtype=var.dtype.base_dtype.as_numpy_dtype),
                                  name="checkpoint_initializer")
        var._initial_value = const
        var._initializer_op = var.assign(const).op


@export("tf.train.init_from_checkpoint")
def init_from_checkpoint(ckpt_dir_or_file, assignment_map):
    """``tf.train.init_from_checkpoint``: ``{'ckpt_scope/': 'scope/'}``, ``{'ckpt/var': 'scope/var'}``,
    ``{'ckpt/var': variable}``; ``'/'`` stands for the root on either side."""
    reader = CheckpointReader(ckpt_dir_or_file)
    g = _default_graph()
    variables = {v.op.name: v for v in g.get_collection(_graph_keys().GLOBAL_VARIABLES)}
    for ckpt_key, target in assignment_map.items():
        if not isinstance(target, str):
            targets = target if isinstance(target, (list, tuple)) else [target]
            for v in targets:
                _set_initializer_from(v, reader.get_tensor(ckpt_key))
            continue
        if ckpt_key.endswith("/") or target.endswith("/") or ckpt_key == "/":
            src = "" if ckpt_key == "/" else ckpt_key.rstrip("/") + "/"
            dst = "" if target == "/" else target.rstrip("/") + "/"
            matched = False
            for name, v in variables.items():
                if not name.startswith(dst):
                    continue
                key = src + name[len(dst):]
                if not reader.has_tensor(key):
                    raise ValueError("Tensor %s is not found in %s checkpoint" % (key, ckpt_dir_or_file))
                _set_initializer_from(v, reader.get_tensor(key))
                matched = True
            if not matched:
                raise ValueError("No variables under scope %r to initialize from checkpoint" % target)
            continue
        if target not in variables:
            raise ValueError("Variable %s does not exist" % target)
        if not reader.has_tensor(ckpt_key):
            raise ValueError("Tensor %s is not found in %s checkpoint" % (ckpt_key, ckpt_dir_or_file))
        _set_initializer_from(variables[target], reader.get_tensor(ckpt_key))


@export("tf.train.import_meta_graph")
def import_meta_graph(meta_graph_or_file, clear_devices=False, import_scope=None, **kwargs):
    """Rebuild the saved graph into the default graph; returns a Saver over its variables (None if none)."""
    saveable = meta_graph.import_scoped_meta_graph(meta_graph_or_file, import_scope=import_scope)
    return Saver(saveable) if saveable else None

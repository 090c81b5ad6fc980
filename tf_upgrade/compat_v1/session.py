"""Session: prune the graph to the fetches, order it once per (fetches, feed keys), run numpy kernels."""
import collections

import numpy as np

from . import errors
from .dtypes import as_bytes_array
from .graph import (
    Operation,
    Tensor,
    default_session,
    get_default_graph,
    push_default_session,
    remove_default_session,
    topological_order,
)
from .kernels import blas_threads, inplace
from .namespace import export
from .ops import registry as _registry


class VariableCell:
    """Session-side storage of one variable; `value` is None until it is initialized.

    `exposed` is set when `value` has been handed out (a read or an assign's output), so the array may be
    held elsewhere: updates then write a new array instead of mutating it (copy-on-write).
    """

    __slots__ = ("name", "value", "exposed")

    def __init__(self, name):
        self.name = name
        self.value = None
        self.exposed = False


class _Plan:
    """Everything about one (fetch structure, feed keys) pair that does not change between runs.

    `run(feeds) -> fetched values` is the plan compiled to straight-line Python (`_compile_plan`), or None
    for very large plans, which `_run_steps` interprets instead (compiling them would cost more than it saves).
    """

    __slots__ = ("structure", "fetch_slots", "feed_specs", "steps", "num_slots", "run")


CODEGEN_MAX_STEPS = 2000
_PLAN_FILENAME = "<compat_v1 session plan>"
_FIRST_STEP_LINE = 3  # line 1: def, line 2: feeds; step i is on line 3 + i


def _compile_plan(plan):
    """One line per op (`v7 = k3(v5, v6)`): no interpreter loop, no argument lists built per step.

    A failing step is found afterwards from the line number in the traceback (`_failing_op`).
    """
    env = {}
    feed_targets = "".join("v%d, " % spec[0] for spec in plan.feed_specs)
    lines = ["def run(feeds):", "    %s = feeds" % (feed_targets or "_")]
    # Values not fetched are dropped right after their last use (on the same line, keeping one line per
    # step): big intermediates are freed as soon as possible, as in hand-written numpy.
    last_use = {}
    for i, (_fn, ins, _out, _op) in enumerate(plan.steps):
        for s in ins:
            last_use[s] = i
    keep = set(plan.fetch_slots)
    drops = {}
    for s, i in last_use.items():
        if s not in keep:
            drops.setdefault(i, []).append(s)
    for i, (fn, ins, out, _op) in enumerate(plan.steps):
        env["k%d" % i] = fn
        call = "k%d(%s)" % (i, ", ".join("v%d" % s for s in ins))
        if out.__class__ is int:
            line = "    v%d = %s" % (out, call)
        elif out:
            line = "    %s = %s" % ("".join("v%d, " % s for s in out), call)
        else:
            line = "    " + call
        if i in drops:
            line += "; del " + ", ".join("v%d" % s for s in drops[i])
        lines.append(line)
    lines.append("    return [%s]" % ", ".join("None" if s is None else "v%d" % s for s in plan.fetch_slots))
    exec(compile("\n".join(lines), _PLAN_FILENAME, "exec"), env)
    return env["run"]


def _run_steps(plan, feeds):
    """Interpret the plan step by step (for plans too large to compile)."""
    vals = [None] * plan.num_slots
    for spec, value in zip(plan.feed_specs, feeds):
        vals[spec[0]] = value
    for fn, ins, out, _op in plan.steps:
        if out.__class__ is int:
            vals[out] = fn(*[vals[i] for i in ins])
        else:
            for o, v in zip(out, fn(*[vals[i] for i in ins])):
                vals[o] = v
    return [None if s is None else vals[s] for s in plan.fetch_slots]


def _failing_op(plan, exc):
    """The op whose kernel raised: the compiled plan's line number, or the interpreter's current step."""
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == _PLAN_FILENAME:
            index = tb.tb_lineno - _FIRST_STEP_LINE
            return plan.steps[index][3] if 0 <= index < len(plan.steps) else None
        if code is _run_steps.__code__:
            return tb.tb_frame.f_locals.get("_op")
        tb = tb.tb_next
    return None


# Set by sparse_ops: fetching a SparseTensor gives a SparseTensorValue; feeding one takes a
# (indices, values, dense_shape) tuple.
_sparse_hooks = {}

# Fetch structure descriptors: an int is a leaf (index into the flat fetch list);
# containers are hashable tuples so a whole structure can key the plan cache.
_LIST, _TUPLE, _NAMEDTUPLE, _DICT = range(4)


def _flatten_fetches(fetch, flat):
    if isinstance(fetch, list):
        return (_LIST, tuple(_flatten_fetches(f, flat) for f in fetch))
    if isinstance(fetch, tuple):
        children = tuple(_flatten_fetches(f, flat) for f in fetch)
        if hasattr(fetch, "_fields"):
            return (_NAMEDTUPLE, type(fetch), children)
        return (_TUPLE, children)
    if isinstance(fetch, collections.abc.Mapping):
        keys = tuple(fetch.keys())
        return (_DICT, type(fetch), keys, tuple(_flatten_fetches(fetch[k], flat) for k in keys))
    if fetch is None:
        raise TypeError("Fetch argument None has invalid type <class 'NoneType'>")
    if fetch.__class__ is not Tensor and _sparse_hooks and _sparse_hooks["is_sparse"](fetch):
        return _flatten_fetches(_sparse_hooks["fetch_parts"](fetch), flat)  # -> SparseTensorValue
    flat.append(fetch)
    return len(flat) - 1


def _rebuild(structure, values):
    if structure.__class__ is int:
        return values[structure]
    kind = structure[0]
    if kind == _LIST:
        return [_rebuild(s, values) for s in structure[1]]
    if kind == _TUPLE:
        return tuple(_rebuild(s, values) for s in structure[1])
    if kind == _NAMEDTUPLE:
        return structure[1](*[_rebuild(s, values) for s in structure[2]])
    cls, keys, children = structure[1], structure[2], structure[3]
    out = cls() if cls is not dict else {}
    for k, s in zip(keys, children):
        out[k] = _rebuild(s, values)
    return out


class BaseSession:
    """Runs a Graph. Variable values and random-op states live here, per session."""

    def __init__(self, target="", graph=None, config=None):
        blas_threads.apply()  # BLAS threads during runs, products split by the runtime (kernels/blas_threads.py)
        self._graph = graph if graph is not None else get_default_graph()
        self._closed = False
        self._plans = {}
        self._kernels = {}
        self.variable_cells = {}
        self.random_generators = {}
        # Extension point: state owned by other op modules (queues, iterators, ...), keyed freely.
        self.resources = {}
        self._default_cm = None

    # ---- properties ----

    @property
    def graph(self):
        return self._graph

    @property
    def graph_def(self):
        return self._graph.as_graph_def()

    @property
    def sess_str(self):
        return ""

    def list_devices(self):
        return []

    # ---- running ----

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Evaluate `fetches` (any nesting of lists/tuples/namedtuples/dicts of graph elements)."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        if feed_dict:
            feed_keys = tuple(feed_dict)
            if any(k.__class__ is not Tensor for k in feed_keys) and _sparse_hooks:
                feed_dict = _sparse_hooks["expand_feed"](feed_dict)
                feed_keys = tuple(feed_dict)
            feed_values = feed_dict.values()
        else:
            feed_keys = ()
            feed_values = ()
        if isinstance(fetches, (Tensor, Operation)):
            key = (fetches, feed_keys)
            plan = self._plans.get(key)
            if plan is None:
                plan = self._plans[key] = self._make_plan(0, [fetches], feed_keys)
            return self._execute(plan, feed_values)[0]
        flat = []
        structure = _flatten_fetches(fetches, flat)
        key = (structure, tuple(flat), feed_keys)
        try:
            plan = self._plans.get(key)
        except TypeError:  # unhashable fetch: run without caching
            plan = None
            key = None
        if plan is None:
            plan = self._make_plan(structure, flat, feed_keys)
            if key is not None:
                self._plans[key] = plan
        values = self._execute(plan, feed_values)
        return _rebuild(plan.structure, values)

    def make_callable(self, fetches, feed_list=None, accept_options=False):
        feed_list = list(feed_list or [])

        def call(*args, **kwargs):
            return self.run(fetches, dict(zip(feed_list, args)))
        return call

    def _execute(self, plan, feed_values):
        feeds = [_check_feed(spec, value) for spec, value in zip(plan.feed_specs, feed_values)]
        try:
            # like TF: inf/nan propagate without warnings; BLAS threads as kernels/blas_threads.py decides
            with np.errstate(all="ignore"), blas_threads.during_run():
                values = plan.run(feeds) if plan.run is not None else _run_steps(plan, feeds)
        except errors.OpError:
            raise
        except Exception as e:  # numpy errors become TF-style errors naming the op
            op = _failing_op(plan, e)
            raise errors.InvalidArgumentError(
                None, op, "%s: %s\n\t [[node %s (op type %s)]]"
                % (type(e).__name__, e, op.name if op else "?", op.type if op else "?")) from e
        # TF returns numpy scalars (np.float32 ...) for 0-d fetches, arrays otherwise.
        return [v if v.__class__ is not np.ndarray or v.ndim else v[()] for v in values]

    def _make_plan(self, structure, flat, feed_keys):
        graph = self._graph
        plan = _Plan()
        plan.structure = structure
        slots = {}

        def slot(t):
            s = slots.get(t)
            if s is None:
                s = slots[t] = len(slots)
            return s

        fed = {}
        plan.feed_specs = []
        for k in feed_keys:
            t = _feed_tensor(graph, k)
            fed[t] = True
            plan.feed_specs.append((slot(t), t.dtype.as_numpy_dtype, t._shape.as_tuple(), t))

        elements = []
        for f in flat:
            try:
                el = graph.as_graph_element(f, allow_tensor=True, allow_operation=True)
            except TypeError as e:
                raise TypeError("Fetch argument %r has invalid type %s, must be a string or Tensor. (%s)"
                                % (f, type(f), e)) from None
            except (KeyError, ValueError) as e:
                raise ValueError("Fetch argument %r cannot be interpreted as a Tensor. (%s)" % (f, e)) from None
            if isinstance(el, Tensor) and el.dtype.name == "resource":
                el = _variable_value_for_handle(graph, el)
            elements.append(el)

        roots = [el.op if isinstance(el, Tensor) else el for el in elements if el not in fed]
        order = topological_order(roots, lambda op: _deps(op, fed))
        plan.steps = []
        for op in order:
            kernel = self._kernel(op)
            ins = tuple(slot(t) for t in op.inputs)
            # An op that runs although one of its outputs is fed (another output or the op itself is
            # needed) writes that output to a scratch slot, so the fed value wins.
            outs = tuple(slot(t) if t not in fed else slot((t, "scratch")) for t in op.outputs)
            plan.steps.append((kernel, ins, outs[0] if len(outs) == 1 else outs, op))
        plan.fetch_slots = [slot(el) if isinstance(el, Tensor) else None for el in elements]
        plan.steps = inplace.donate(plan.steps, plan.fetch_slots)
        plan.num_slots = len(slots)
        plan.run = _compile_plan(plan) if len(plan.steps) <= CODEGEN_MAX_STEPS else None
        return plan

    def _kernel(self, op):
        """Kernels are made once per op per session (so stateful kernels keep their state)."""
        k = self._kernels.get(op)
        if k is None:
            k = self._kernels[op] = _registry.get(op.type).make_kernel(op, self)
        return k

    def variable_cell(self, handle_op):
        cell = self.variable_cells.get(handle_op)
        if cell is None:
            cell = self.variable_cells[handle_op] = VariableCell(handle_op.attrs.get("shared_name") or handle_op.name)
        return cell

    def random_generator(self, op):
        """One numpy Generator per random op per session, seeded from the graph and op seeds."""
        gen = self.random_generators.get(op)
        if gen is None:
            seed, seed2 = op.attrs.get("seed", 0), op.attrs.get("seed2", 0)
            gen = np.random.default_rng([seed, seed2] if (seed or seed2) else None)
            self.random_generators[op] = gen
        return gen

    # ---- lifecycle ----

    def close(self):
        self._closed = True
        self._plans.clear()
        self._kernels.clear()

    def as_default(self):
        return default_session(self)

    def __enter__(self):
        if self._default_cm is None:
            self._default_cm = default_session(self)
            self._default_cm.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        cm, self._default_cm = self._default_cm, None
        if cm is not None:
            cm.__exit__(exc_type, exc, tb)
        self.close()
        return False

    def __del__(self):
        self._closed = True


@export("tf.Session")
class Session(BaseSession):
    """`tf.Session(target='', graph=None, config=None)`."""

    @staticmethod
    def reset(target, containers=None, config=None):
        pass


@export("tf.InteractiveSession")
class InteractiveSession(BaseSession):
    """A session that installs itself as the default on construction (for shells/notebooks)."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        push_default_session(self)
        self._installed = True

    def close(self):
        if getattr(self, "_installed", False):
            self._installed = False
            remove_default_session(self)
        super().close()


def _variable_value_for_handle(graph, handle):
    """TF1 programs fetch a variable by name ('w:0', a ref variable's value in TF 1.x); here that name is the
    variable's resource handle, so its value is its snapshot read."""
    from .graph import GraphKeys
    for key in (GraphKeys.GLOBAL_VARIABLES, GraphKeys.LOCAL_VARIABLES):
        for v in graph.get_collection(key):
            if getattr(v, "_handle", None) is handle and getattr(v, "_snapshot", None) is not None:
                return v._snapshot
    raise TypeError("Fetch argument %r is a resource handle and cannot be fetched." % handle.name)


def _feed_tensor(graph, key):
    if hasattr(key, "_as_graph_element") and not isinstance(key, (Tensor, Operation)):
        key = key._as_graph_element()
    try:
        t = graph.as_graph_element(key, allow_tensor=True, allow_operation=False)
    except (KeyError, ValueError, TypeError) as e:
        raise TypeError("Cannot interpret feed_dict key as Tensor: %s" % e) from None
    return t


def _check_feed(spec, value):
    slot, np_dtype, dims, t = spec
    if isinstance(value, (Tensor, Operation)):
        raise TypeError("The value of a feed cannot be a tf.Tensor object. Acceptable feed values "
                        "include Python scalars, strings, lists, numpy ndarrays, or TensorHandles. "
                        "For reference, the tensor object was %s which was passed to the argument "
                        "`feed_dict` with key %s." % (value, t))
    try:
        arr = np.asarray(value, dtype=np_dtype) if np_dtype is not object else as_bytes_array(value)
    except (TypeError, ValueError) as e:
        raise ValueError("Cannot feed value %r to Tensor %s of dtype %s: %s"
                         % (value, t.name, t.dtype.name, e)) from None
    if dims is not None:
        shape = arr.shape
        if len(shape) != len(dims) or any(d is not None and d != s for d, s in zip(dims, shape)):
            raise ValueError("Cannot feed value of shape %s for Tensor %s, which has shape %s"
                             % (shape, t.name, t._shape))
    return arr


def _deps(op, fed):
    deps = [t.op for t in op.inputs if t not in fed]
    if op.control_inputs:
        deps.extend(op.control_inputs)
    return deps


def _install_attribute_hooks():
    from .namespace import unsupported_attribute_hook
    BaseSession.__getattr__ = unsupported_attribute_hook("tf.Session")


_install_attribute_hooks()

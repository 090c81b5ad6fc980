"""The graph model: Graph, Operation, Tensor, name scopes, collections, control dependencies."""
import contextlib
import re
import types

import numpy as np

from . import dtypes as _dt
from .namespace import export
from .ops import registry as _registry
from .shapes import Dimension, TensorShape, as_shape


@export("tf.GraphKeys")
class GraphKeys:
    """Standard collection names (the same strings TF1 uses)."""

    GLOBAL_VARIABLES = "variables"
    VARIABLES = "variables"
    LOCAL_VARIABLES = "local_variables"
    METRIC_VARIABLES = "metric_variables"
    MODEL_VARIABLES = "model_variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    SUMMARIES = "summaries"
    QUEUE_RUNNERS = "queue_runners"
    TABLE_INITIALIZERS = "table_initializer"
    ASSET_FILEPATHS = "asset_filepaths"
    MOVING_AVERAGE_VARIABLES = "moving_average_variables"
    REGULARIZATION_LOSSES = "regularization_losses"
    CONCATENATED_VARIABLES = "concatenated_variables"
    SAVERS = "savers"
    WEIGHTS = "weights"
    BIASES = "biases"
    ACTIVATIONS = "activations"
    UPDATE_OPS = "update_ops"
    LOSSES = "losses"
    SAVEABLE_OBJECTS = "saveable_objects"
    RESOURCES = "resources"
    LOCAL_RESOURCES = "local_resources"
    TRAINABLE_RESOURCE_VARIABLES = "trainable_resource_variables"
    INIT_OP = "init_op"
    LOCAL_INIT_OP = "locals_init_op"
    READY_OP = "ready_op"
    READY_FOR_LOCAL_INIT_OP = "ready_for_local_init_op"
    SUMMARY_OP = "summary_op"
    GLOBAL_STEP = "global_step"
    EVAL_STEP = "eval_step"
    TRAIN_OP = "train_op"
    COND_CONTEXT = "cond_context"
    WHILE_CONTEXT = "while_context"


_VALID_OP_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")
_VALID_SCOPE_NAME = re.compile(r"^[A-Za-z0-9_.\\/>-]*$")
_VALID_NAMES_SEEN = set()
# Shared by every op without attrs (read-only, so sharing is safe; saves a dict per op in big graphs).
_NO_ATTRS = types.MappingProxyType({})


@export("tf.Tensor")
class Tensor:
    """A symbolic output of an Operation. Values exist only inside `Session.run`."""

    __slots__ = ("op", "value_index", "dtype", "_shape", "_consumers", "__weakref__")

    # Numpy defers to Tensor's reflected operators: `np_array + t` builds an op, like TF.
    __array_priority__ = 100
    __array_ufunc__ = None

    def __array__(self, dtype=None, copy=None):
        raise NotImplementedError("Cannot convert a symbolic Tensor (%s) to a numpy array: its value exists "
                                  "only inside Session.run (fetch it, or use tf ops instead of numpy calls)."
                                  % self.name)

    def __init__(self, op, value_index, dtype, shape):
        self.op = op
        self.value_index = value_index
        self.dtype = dtype
        self._shape = shape
        self._consumers = []

    @property
    def name(self):
        return "%s:%d" % (self.op.name, self.value_index)

    @property
    def _op(self):  # private in TF, but real code reads it (openai/baselines' a2c utilities)
        return self.op

    @property
    def _value_index(self):
        return self.value_index

    @property
    def graph(self):
        return self.op.graph

    @property
    def device(self):
        return ""

    @property
    def shape(self):
        return self._shape

    def get_shape(self):
        return self._shape

    def set_shape(self, shape):
        """Refine the static shape; raises ValueError if `shape` contradicts what is known."""
        self._shape = self._shape.merge_with(as_shape(shape))

    def consumers(self):
        return list(self._consumers)

    def eval(self, feed_dict=None, session=None):
        return run_with_default_session(self, feed_dict, session, "Tensor.eval()")

    def _as_graph_element(self):
        return self

    def __repr__(self):
        return "<tf.Tensor '%s' shape=%s dtype=%s>" % (self.name, self._shape, self.dtype.name)

    def __str__(self):
        return 'Tensor("%s", shape=%s, dtype=%s)' % (self.name, self._shape, self.dtype.name)

    def __bool__(self):
        raise TypeError("Using a `tf.Tensor` as a Python `bool` is not allowed in graph mode. "
                        "Use `if t is not None:` instead of `if t:`, or use tf.cond.")

    def __iter__(self):
        raise TypeError("Tensor objects are only iterable when eager execution is enabled. "
                        "To iterate over this tensor use tf.map_fn or tf.unstack.")

    def __len__(self):
        raise TypeError("len is not well defined for symbolic Tensors (%s)." % self.name)

    __hash__ = object.__hash__


@export("tf.Operation")
class Operation:
    """A node of the graph: op type, inputs, outputs, attrs and control inputs."""

    __slots__ = ("graph", "type", "name", "inputs", "outputs", "control_inputs", "attrs", "_id", "__weakref__")

    def __init__(self, graph, op_type, name, inputs, attrs, control_inputs):
        self.graph = graph
        self.type = op_type
        self.name = name
        self.inputs = inputs
        self.attrs = attrs
        self.control_inputs = control_inputs
        self.outputs = ()
        self._id = len(graph._ops)

    @property
    def device(self):
        return ""

    @property
    def node_def(self):
        return {"name": self.name, "op": self.type, "input": [t.name for t in self.inputs]
                + ["^" + o.name for o in self.control_inputs], "attr": dict(self.attrs)}

    def get_attr(self, name):
        try:
            return self.attrs[name]
        except KeyError:
            raise ValueError("Operation '%s' has no attr named '%s'." % (self.name, name)) from None

    def values(self):
        return tuple(self.outputs)

    def run(self, feed_dict=None, session=None):
        run_with_default_session(self, feed_dict, session, "Operation.run()")

    def _as_graph_element(self):
        return self

    def _add_control_input(self, op):
        if op not in self.control_inputs:
            self.control_inputs = list(self.control_inputs) + [op]

    def __repr__(self):
        return "<tf.Operation '%s' type=%s>" % (self.name, self.type)

    __str__ = __repr__


@export("tf.Graph")
class Graph:
    """A TF1 graph: ops in creation order, unique names, name scopes, collections."""

    def __init__(self):
        self._ops = []
        self._ops_by_name = {}
        self._names_in_use = {}
        self._name_stack = ""
        self._collections = {}
        self._control_dependencies_stack = []
        self._finalized = False
        self.seed = None
        # Per-graph state owned by other modules (variable scopes, the store of
        # get_variable variables, ...), keyed by the owning module's name.
        self._extensions = {}

    # ---- building ----

    def create_op(self, op_type, inputs, attrs=None, name=None, dtypes=None):
        """Create an Operation of a registered type; its outputs come from the type's `infer`."""
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")
        opdef = _registry.get(op_type)
        name = self._op_name(name if name is not None else op_type)
        # An empty tuple (not a new list) for the common case: big graphs create many ops.
        control_inputs = self._current_control_inputs(inputs) if self._control_dependencies_stack else ()
        op = Operation(self, op_type, name, inputs, attrs if attrs is not None else _NO_ATTRS, control_inputs)
        try:
            inferred = opdef.infer(op)
        except ValueError as e:
            # Name the node and its inputs, as TF's shape-inference errors do.
            raise ValueError("%s for '%s' (op: '%s') with input shapes: %s (inputs: %s)."
                             % (str(e).rstrip("."), name, op_type, ", ".join(str(t._shape) for t in inputs),
                                ", ".join(t.name for t in inputs))) from None
        for t in inputs:
            t._consumers.append(op)
        op.outputs = [Tensor(op, i, dt, shape) for i, (dt, shape) in enumerate(inferred)]
        self._ops.append(op)
        self._ops_by_name[name] = op
        return op

    def _op_name(self, name):
        """A name ending in '/' is a name scope used as the op name as-is (TF1 convention)."""
        if name.endswith("/"):
            name = name[:-1]
            if name in self._ops_by_name:
                raise ValueError("Duplicate node name in graph: '%s'" % name)
            # Mark used so later unique_name calls do not hand it out again.
            self._names_in_use.setdefault(name.lower(), 1)
            return name
        if name not in _VALID_NAMES_SEEN:
            if not _VALID_OP_NAME.match(name):
                raise ValueError("'%s' is not a valid node name" % name)
            if len(_VALID_NAMES_SEEN) < 10000:  # op names repeat ('add', 'Const' ...): validate each once
                _VALID_NAMES_SEEN.add(name)
        return self.unique_name(name)

    def unique_name(self, name, mark_as_used=True):
        """TF1's rule: prefix the name scope, then append _1, _2 ... (case-insensitively unique)."""
        if self._name_stack:
            name = self._name_stack + "/" + name
        key = name.lower()
        used = self._names_in_use
        i = used.get(key, 0)
        if mark_as_used:
            used[key] = i + 1
        if i > 0:
            base = key
            while key in used:
                key = "%s_%d" % (base, i)
                i += 1
            if mark_as_used:
                used[key] = 1
            name = "%s_%d" % (name, i - 1)
        return name

    def get_name_scope(self):
        return self._name_stack

    @contextlib.contextmanager
    def name_scope(self, name):
        """Enter `name` (made unique) as the scope; '' or None resets to the root; 'a/b/' is absolute."""
        old = self._name_stack
        if not name:
            new = ""
        elif name.endswith("/"):
            new = name[:-1]
        else:
            if not _VALID_SCOPE_NAME.match(name):
                raise ValueError("'%s' is not a valid scope name" % name)
            new = self.unique_name(name)
        self._name_stack = new
        try:
            yield (new + "/") if new else ""
        finally:
            self._name_stack = old

    @contextlib.contextmanager
    def control_dependencies(self, control_inputs):
        """Ops created inside run after `control_inputs`. None clears the enclosing dependencies."""
        if control_inputs is None:
            saved = self._control_dependencies_stack
            self._control_dependencies_stack = []
            try:
                yield
            finally:
                self._control_dependencies_stack = saved
            return
        ops = []
        for c in control_inputs:
            el = self.as_graph_element(c, allow_tensor=True, allow_operation=True)
            ops.append(el.op if isinstance(el, Tensor) else el)
        self._control_dependencies_stack.append(ops)
        try:
            yield
        finally:
            self._control_dependencies_stack.pop()

    def _current_control_inputs(self, inputs):
        input_ops = {t.op for t in inputs}
        out = []
        for frame in self._control_dependencies_stack:
            for c in frame:
                if c not in input_ops and c not in out:
                    out.append(c)
        return out

    @contextlib.contextmanager
    def as_default(self):
        _graph_stack.append(self)
        try:
            yield self
        finally:
            _graph_stack.pop()

    @contextlib.contextmanager
    def device(self, _device_name_or_function):
        yield

    @contextlib.contextmanager
    def colocate_with(self, _op, ignore_existing=False):
        yield

    def finalize(self):
        self._finalized = True

    @property
    def finalized(self):
        return self._finalized

    @property
    def version(self):
        return len(self._ops)

    @property
    def graph_def_versions(self):
        return None

    def as_graph_def(self, from_version=None, add_shapes=False):
        return {"node": [op.node_def for op in self._ops]}

    # ---- lookup ----

    def get_operations(self):
        return list(self._ops)

    def get_operation_by_name(self, name):
        if not isinstance(name, str):
            raise TypeError("Operation names are strings (or similar), not %s." % type(name).__name__)
        return self.as_graph_element(name, allow_tensor=False, allow_operation=True)

    def get_tensor_by_name(self, name):
        if not isinstance(name, str):
            raise TypeError("Tensor names are strings (or similar), not %s." % type(name).__name__)
        return self.as_graph_element(name, allow_tensor=True, allow_operation=False)

    def as_graph_element(self, obj, allow_tensor=True, allow_operation=True):
        """Resolve a Tensor/Operation/name/variable-like object to a graph element of this graph."""
        if hasattr(obj, "_as_graph_element") and not isinstance(obj, (Tensor, Operation)):
            obj = obj._as_graph_element()
        if isinstance(obj, str):
            return self._element_by_name(obj, allow_tensor, allow_operation)
        if isinstance(obj, Tensor) and allow_tensor:
            if obj.graph is not self:
                raise ValueError("Tensor %s is not an element of this graph." % obj.name)
            return obj
        if isinstance(obj, Operation) and allow_operation:
            if obj.graph is not self:
                raise ValueError("Operation %s is not an element of this graph." % obj.name)
            return obj
        kinds = " or ".join(k for k, ok in (("Tensor", allow_tensor), ("Operation", allow_operation)) if ok)
        raise TypeError("Can not convert a %s into a %s." % (type(obj).__name__, kinds))

    def _element_by_name(self, name, allow_tensor, allow_operation):
        if ":" in name and allow_tensor:
            op_name, _, index = name.rpartition(":")
            try:
                index = int(index)
            except ValueError:
                raise ValueError("The name %r looks a like a Tensor name, but is not a valid one. "
                                 "Tensor names must be of the form \"<op_name>:<output_index>\"." % name) from None
            op = self._ops_by_name.get(op_name)
            if op is None:
                raise KeyError("The name %r refers to a Tensor which does not exist. The operation, "
                               "%r, does not exist in the graph." % (name, op_name))
            if index >= len(op.outputs):
                raise KeyError("The name %r refers to a Tensor which does not exist. The operation, %r, "
                               "exists but only has %d outputs." % (name, op_name, len(op.outputs)))
            return op.outputs[index]
        if ":" in name:
            raise ValueError("Name %r appears to refer to a Tensor, not a Operation." % name)
        op = self._ops_by_name.get(name)
        if op is None:
            raise KeyError("The name %r refers to an Operation not in the graph." % name)
        if not allow_operation:
            raise ValueError("The name %r refers to an Operation, not a Tensor. Tensor names must be "
                             "of the form \"<op_name>:<output_index>\"." % name)
        return op

    # ---- collections ----

    def add_to_collection(self, name, value):
        self._collections.setdefault(name, []).append(value)

    def add_to_collections(self, names, value):
        names = (names,) if isinstance(names, str) else set(names)
        for n in names:
            self.add_to_collection(n, value)

    def get_collection_ref(self, key):
        return self._collections.setdefault(key, [])

    def get_collection(self, key, scope=None):
        items = self._collections.get(key, [])
        if scope is None:
            return list(items)
        pattern = re.compile(scope)
        return [i for i in items if hasattr(i, "name") and pattern.match(i.name)]

    def get_all_collection_keys(self):
        return [k for k, v in self._collections.items() if v is not None]

    def clear_collection(self, name):
        self._collections.pop(name, None)

    def _extension(self, key, factory):
        """Per-graph state for another module (created on first use)."""
        ext = self._extensions.get(key)
        if ext is None:
            ext = self._extensions[key] = factory()
        return ext


# ---- the default graph ----

_graph_stack = []
_global_default_graph = [Graph()]


@export("tf.get_default_graph")
def get_default_graph():
    return _graph_stack[-1] if _graph_stack else _global_default_graph[0]


@export("tf.reset_default_graph")
def reset_default_graph():
    if _graph_stack:
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you "
                             "need a cleared graph, exit the nesting and create a new graph.")
    _global_default_graph[0] = Graph()


@export("tf.name_scope")
def name_scope(name, default_name=None, values=None):
    """`tf.name_scope(name, default_name=None, values=None)` (TF1 signature)."""
    g = _graph_from(values)
    if name is None and default_name is not None:
        name = default_name
    return g.name_scope(name)


def _graph_from(values):
    if values:
        for v in values:
            if isinstance(v, (Tensor, Operation)):
                return v.graph
    return get_default_graph()


@export("tf.control_dependencies")
def control_dependencies(control_inputs):
    return get_default_graph().control_dependencies(control_inputs)


@export("tf.add_to_collection")
def add_to_collection(name, value):
    get_default_graph().add_to_collection(name, value)


@export("tf.add_to_collections")
def add_to_collections(names, value):
    get_default_graph().add_to_collections(names, value)


@export("tf.get_collection")
def get_collection(key, scope=None):
    return get_default_graph().get_collection(key, scope)


@export("tf.get_collection_ref")
def get_collection_ref(key):
    return get_default_graph().get_collection_ref(key)


@export("tf.device")
def device(_name):
    return get_default_graph().device(_name)


@export("tf.colocate_with")
def colocate_with(op, ignore_existing=False):
    return get_default_graph().colocate_with(op, ignore_existing)


# ---- converting python values to tensors ----

_conversion_functions = []
# How a list holding tensors becomes one tensor (a Pack op): array_ops, which defines Pack, registers its
# `stack` here, as TensorFlow's array_ops registers its autopacking conversion with framework/ops.
_autopacking = [None]


def register_autopacking_function(stack):
    _autopacking[0] = stack


@export("tf.register_tensor_conversion_function")
def register_tensor_conversion_function(base_type, conversion_func, priority=100):
    """`conversion_func(value, dtype=None, name=None, as_ref=False) -> Tensor` for instances of base_type."""
    _conversion_functions.append((priority, base_type, conversion_func))
    _conversion_functions.sort(key=lambda e: e[0])


def _check_integer_exact(arr, value, dtype):
    if dtype.is_integer:
        src = np.asarray(value)
        if src.dtype.kind == "f" and not np.array_equal(src, np.trunc(src)):
            raise TypeError("Expected %s, got %r of type '%s' instead." % (dtype.name, value, type(value).__name__))


def constant_array(value, dtype=None):
    """The numpy array TF1 would store for a constant (python floats default to float32)."""
    value = unwrap_dimensions(value)
    if dtype is None:
        dtype = _dt.infer_dtype(value)
    dtype = _dt.as_dtype(dtype)
    if dtype.name == "string":
        return _dt.as_bytes_array(value), dtype
    try:
        arr = np.asarray(value, dtype=dtype.as_numpy_dtype)
    except (TypeError, ValueError) as e:
        raise TypeError("Failed to convert %r to a %s tensor: %s" % (value, dtype.name, e)) from None
    _check_integer_exact(arr, value, dtype)
    return arr, dtype


def make_constant(value, dtype=None, shape=None, name="Const"):
    arr, dtype = constant_array(value, dtype)
    if shape is not None:
        shape = tuple(as_shape(shape).as_list())
        if arr.shape != shape:
            if arr.size == 1:
                arr = np.broadcast_to(arr.reshape(()), shape).copy()
            elif arr.size == int(np.prod(shape)):
                arr = arr.reshape(shape)
            else:
                raise TypeError("Expected Tensor's shape: %s, got %s." % (shape, arr.shape))
    return get_default_graph().create_op("Const", [], {"value": arr, "dtype": dtype}, name=name).outputs[0]


def unwrap_dimensions(value):
    """Static dimensions inside shape lists count as python ints (tf.reshape(x, [-1, x.shape[1]]))."""
    if isinstance(value, Dimension):
        if value.value is None:
            raise ValueError("Cannot convert an unknown Dimension to a Tensor: %s" % value)
        return value.value
    if isinstance(value, (list, tuple)):
        return [unwrap_dimensions(v) for v in value]
    return value


@export("tf.convert_to_tensor")
def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None):
    """Tensor -> itself (dtype-checked); variable-like -> its value; python/numpy -> Const; nested lists with tensors -> stack."""
    if isinstance(value, Tensor):
        if dtype is not None and value.dtype != dtype:
            raise ValueError("Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
                             % (_dt.as_dtype(dtype).name, value.dtype.name, value))
        return value
    for _, base, fn in _conversion_functions:
        if isinstance(value, base):
            t = fn(value, dtype=dtype, name=name)
            if dtype is not None and t.dtype != dtype:
                raise ValueError("Tensor conversion requested dtype %s for %s with dtype %s"
                                 % (_dt.as_dtype(dtype).name, type(value).__name__, t.dtype.name))
            return t
    if isinstance(value, (list, tuple, Dimension)):
        value = unwrap_dimensions(value)
    if isinstance(value, Operation):
        raise TypeError("Can't convert Operation '%s' to Tensor (target dtype=%s, name=%s)"
                        % (value.name, dtype, name))
    if isinstance(value, (list, tuple)) and _contains_tensor(value):
        if dtype is None:  # python numbers next to tensors take the tensors' dtype
            dtype = next((convert_to_tensor(v).dtype for v in value if not _is_python_number(v)), None)
        return _autopacking[0]([convert_to_tensor(v, dtype=dtype) for v in value], name=name or "packed")
    if dtype is None and preferred_dtype is not None:
        try:
            return make_constant(value, preferred_dtype, name=name or "Const")
        except (TypeError, ValueError):
            pass
    return make_constant(value, dtype, name=name or "Const")


def _contains_tensor(seq):
    for v in seq:
        if isinstance(v, (list, tuple)):
            if _contains_tensor(v):
                return True
        elif not isinstance(v, (int, float, complex, bool, str, bytes, np.generic, np.ndarray)):
            return True
    return False


def _is_python_number(v):
    return isinstance(v, (int, float, complex, bool, np.generic))


def convert_n_to_tensor(values, dtype=None):
    return [convert_to_tensor(v, dtype=dtype) for v in values]


def constant_value(tensor):
    """The value of `tensor` if it is known while building the graph (Const, or Shape of a known shape), else None."""
    if not isinstance(tensor, Tensor):
        return np.asarray(tensor)
    op = tensor.op
    if op.type == "Const":
        return op.attrs["value"]
    if op.type == "Shape" and op.inputs[0]._shape.is_fully_defined():
        return np.array(op.inputs[0]._shape.as_list(), dtype=tensor.dtype.as_numpy_dtype)
    if op.type == "Pack":
        parts = [constant_value(t) for t in op.inputs]
        if any(p is None for p in parts):
            return None
        return np.stack(parts, axis=op.attrs.get("axis", 0))
    return None


def shape_from_tensor(tensor):
    """The static TensorShape described by a shape-valued tensor (partially, via Pack of scalars)."""
    if isinstance(tensor, Tensor) and tensor.op.type == "Shape":
        return tensor.op.inputs[0]._shape
    value = constant_value(tensor)
    if value is not None:
        return TensorShape([None if d < 0 else int(d) for d in np.reshape(value, [-1])])
    if isinstance(tensor, Tensor) and tensor.op.type == "Pack" and tensor._shape.ndims == 1:
        dims = []
        for t in tensor.op.inputs:
            v = constant_value(t)
            dims.append(None if v is None or int(v) < 0 else int(v))
        return TensorShape(dims)
    n = tensor._shape[0].value if isinstance(tensor, Tensor) and tensor._shape.ndims == 1 else None
    return TensorShape(None if n is None else [None] * n)


def topological_order(roots, deps):
    """`roots` and every op they reach through `deps(op)` (an iterable of ops), dependencies first, each op
    once. Iterative: graphs can be deeper than Python's recursion limit. Session plans, control-flow
    subgraphs and input pipelines all order ops with it, each with its own idea of where to stop."""
    state = set()
    order = []
    for root in roots:
        if root in state:
            continue
        state.add(root)
        stack = [(root, iter(deps(root)))]
        while stack:
            op, it = stack[-1]
            for d in it:
                if d not in state:
                    state.add(d)
                    stack.append((d, iter(deps(d))))
                    break
            else:
                stack.pop()
                order.append(op)
    return order


# ---- the default session ----
# Kept here, below Session, as TensorFlow keeps it in framework/ops.py: Tensor.eval and Operation.run
# need it, and session.py builds on this module, never the other way round.

_session_stack = []


@contextlib.contextmanager
def default_session(sess):
    _session_stack.append(sess)
    try:
        yield sess
    finally:
        if sess in _session_stack:
            _session_stack.reverse()
            _session_stack.remove(sess)
            _session_stack.reverse()


def push_default_session(sess):
    """Make `sess` the default until `remove_default_session` (InteractiveSession)."""
    _session_stack.append(sess)


def remove_default_session(sess):
    if sess in _session_stack:
        _session_stack.remove(sess)


@export("tf.get_default_session")
def get_default_session():
    return _session_stack[-1] if _session_stack else None


def run_with_default_session(element, feed_dict, session, what):
    if session is None:
        session = get_default_session()
        if session is None:
            raise ValueError("Cannot evaluate tensor using `eval()`: No default session is registered. "
                             "Use `with sess.as_default()` or pass an explicit session to %s" % what)
    if session.graph is not element.graph:
        raise ValueError("Cannot use the given session to evaluate tensor: the tensor's graph is "
                         "different from the session's graph.")
    return session.run(element, feed_dict)


def _install_attribute_hooks():
    from .namespace import unsupported_attribute_hook
    for cls, qualified in ((Tensor, "tf.Tensor"), (Operation, "tf.Operation"), (Graph, "tf.Graph")):
        cls.__getattr__ = unsupported_attribute_hook(qualified)


_install_attribute_hooks()

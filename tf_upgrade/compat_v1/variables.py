"""tf.Variable, tf.get_variable / tf.variable_scope and the variable collections."""
import contextlib
import enum

from . import dtypes as _dt
from . import initializers
from .graph import (
    GraphKeys,
    Tensor,
    convert_to_tensor,
    get_default_graph,
    get_default_session,
    register_tensor_conversion_function,
)
from .namespace import export, export_value
from .ops import (
    array_ops,
    control_flow_ops,
    math_ops,
    state_ops,  # noqa: F401 - registers the variable ops
)
from .ops.common import make
from .shapes import TensorShape, as_shape


@export("tf.Variable")
class Variable:
    """A TF1 variable: a handle op plus initializer and a cached read ("snapshot")."""

    __array_priority__ = 100  # numpy defers to the reflected operators (see Tensor)
    __array_ufunc__ = None

    def __array__(self, dtype=None, copy=None):
        raise NotImplementedError("Cannot convert a tf.Variable (%s) to a numpy array outside Session.run "
                                  "(fetch it with sess.run)." % self.name)

    def __init__(self, initial_value=None, trainable=None, collections=None, validate_shape=True,
                 caching_device=None, name=None, variable_def=None, dtype=None, expected_shape=None,
                 import_scope=None, constraint=None, use_resource=None, synchronization=None,
                 aggregation=None, shape=None):
        if initial_value is None:
            raise ValueError("initial_value must be specified.")
        g = get_default_graph()
        trainable = True if trainable is None else trainable
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
        collections = list(collections)
        if trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections.append(GraphKeys.TRAINABLE_VARIABLES)
        # Variables ignore enclosing control dependencies (TF's init_scope).
        with g.control_dependencies(None), g.name_scope(name if name is not None else "Variable") as scope_name:
            with g.name_scope("Initializer"):
                if callable(initial_value):
                    initial_value = initial_value()
                init = convert_to_tensor(initial_value, dtype=dtype, name="initial_value")
            static = as_shape(shape) if shape is not None else (init._shape if validate_shape else TensorShape(None))
            if not static.is_compatible_with(init._shape):
                raise ValueError("The initial value's shape (%s) is not compatible with the explicitly "
                                 "supplied `shape` argument (%s)." % (init._shape, static))
            self._init(g, scope_name, init.dtype, static, trainable, constraint)
            self._initial_value = init
            self._initializer_op = make("AssignVariableOp", [self._handle, init], None, "Assign").op
            with g.name_scope("Read"):
                self._snapshot = make("ReadVariableOp", [self._handle], None, "ReadVariableOp")
        for key in collections:
            g.add_to_collection(key, self)

    def _init(self, graph, scope_name, dtype, shape, trainable, constraint):
        self._graph = graph
        self._dtype = dtype
        self._shape = shape
        self._trainable = trainable
        self.constraint = constraint
        self._handle = make("VarHandleOp", [], {"dtype": dtype, "shape": shape, "shared_name": scope_name[:-1]},
                            scope_name)
        self._save_slice_info = None

    # ---- identity ----
    @property
    def name(self):
        return self._handle.name

    @property
    def op(self):
        return self._handle.op

    @property
    def handle(self):
        return self._handle

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self._shape

    def get_shape(self):
        return self._shape

    @property
    def graph(self):
        return self._graph

    @property
    def device(self):
        return ""

    @property
    def trainable(self):
        return self._trainable

    @property
    def initializer(self):
        return self._initializer_op

    @property
    def initial_value(self):
        return self._initial_value

    def __repr__(self):
        return "<tf.Variable '%s' shape=%s dtype=%s>" % (self.name, self._shape, self._dtype.name)

    # ---- reading ----
    def value(self):
        return self._read_for_op()

    def read_value(self):
        """A fresh read (so it observes control dependencies, e.g. after an assign)."""
        return make("ReadVariableOp", [self._handle], None, "ReadVariableOp")

    def _read_for_op(self):
        # Inside control_dependencies a read must be a new op so it runs after them.
        if self._graph._control_dependencies_stack:
            return self.read_value()
        return self._snapshot

    def _as_graph_element(self):
        return self._snapshot

    def eval(self, session=None):
        return self._snapshot.eval(session=session)

    def initialized_value(self):
        with self._graph.control_dependencies(None):
            return make("ReadOrInitialValue", [self._handle, self._initial_value], None, "initialized_value")

    def is_initialized(self, name=None):
        return make("VarIsInitializedOp", [self._handle], None, name or "VarIsInitializedOp")

    # ---- writing ----
    def assign(self, value, use_locking=None, name=None, read_value=True):
        v = convert_to_tensor(value, dtype=self._dtype)
        if not self._shape.is_compatible_with(v._shape):
            raise ValueError("Shapes %s and %s are incompatible: cannot assign %s to variable %s"
                             % (self._shape, v._shape, v.name, self.name))
        return make("AssignVariableOp", [self._handle, v], None, name or "AssignVariableOp")

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return make("AssignAddVariableOp", [self._handle, convert_to_tensor(delta, dtype=self._dtype)], None,
                    name or "AssignAddVariableOp")

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return make("AssignSubVariableOp", [self._handle, convert_to_tensor(delta, dtype=self._dtype)], None,
                    name or "AssignSubVariableOp")

    def load(self, value, session=None):
        session = session or get_default_session()
        if session is None:
            raise ValueError("Either session argument should be provided or default session should be established")
        session.run(self._initializer_op, {self._initial_value: value})

    def set_shape(self, shape):
        self._shape = self._shape.merge_with(shape)

    def __getitem__(self, key):
        return array_ops.getitem(self._read_for_op(), key)

    def __iter__(self):
        raise TypeError("'Variable' object is not iterable.")

    def __bool__(self):
        raise TypeError("Using a `tf.Variable` as a Python `bool` is not allowed in graph mode.")

    __hash__ = object.__hash__

    def _ref(self):
        return self._handle


math_ops.install_operators(Variable)
register_tensor_conversion_function(Variable, lambda v, dtype=None, name=None, as_ref=False: v._read_for_op())

VariableV1 = RefVariable = ResourceVariable = Variable


# ---- variable scopes and get_variable ----

class _ReuseMode(enum.Enum):
    AUTO_REUSE = 1


AUTO_REUSE = _ReuseMode.AUTO_REUSE
export_value(AUTO_REUSE, "tf.AUTO_REUSE")


@export("tf.VariableScope")
class VariableScope:
    """A variable scope: name prefix for get_variable plus defaults (reuse, initializer, regularizer ...)."""

    def __init__(self, reuse, name="", initializer=None, regularizer=None, caching_device=None, partitioner=None,
                 custom_getter=None, name_scope="", dtype=_dt.float32, use_resource=None, constraint=None):
        self._name = name
        self._reuse = reuse
        self._initializer = initializer
        self._regularizer = regularizer
        self._custom_getter = custom_getter
        self._name_scope = name_scope
        self._dtype = dtype
        self._partitioner = partitioner
        self._constraint = constraint

    @property
    def name(self):
        return self._name

    @property
    def original_name_scope(self):
        return self._name_scope

    @property
    def reuse(self):
        return self._reuse

    @property
    def initializer(self):
        return self._initializer

    @property
    def regularizer(self):
        return self._regularizer

    @property
    def dtype(self):
        return self._dtype

    @property
    def custom_getter(self):
        return self._custom_getter

    @property
    def partitioner(self):
        return self._partitioner

    @property
    def use_resource(self):
        return True

    def reuse_variables(self):
        self._reuse = True

    def set_initializer(self, initializer):
        self._initializer = initializer

    def set_regularizer(self, regularizer):
        self._regularizer = regularizer

    def set_dtype(self, dtype):
        self._dtype = dtype

    def set_custom_getter(self, custom_getter):
        self._custom_getter = custom_getter

    def get_variable(self, var_store, name, shape=None, dtype=None, initializer=None, regularizer=None,
                     reuse=None, trainable=None, collections=None, caching_device=None, partitioner=None,
                     validate_shape=True, use_resource=None, custom_getter=None, constraint=None, **kwargs):
        full_name = self._name + "/" + name if self._name else name
        if reuse is None or reuse is False:
            reuse = self._reuse
        initializer = initializer if initializer is not None else self._initializer
        regularizer = regularizer if regularizer is not None else self._regularizer
        dtype = dtype if dtype is not None else self._dtype
        custom_getter = custom_getter if custom_getter is not None else self._custom_getter
        kw = dict(shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer, reuse=reuse,
                  trainable=trainable, collections=collections, validate_shape=validate_shape,
                  constraint=constraint)
        if custom_getter is not None:
            return custom_getter(var_store.get_variable, full_name, **kw)
        return var_store.get_variable(full_name, **kw)


class _VariableStore:
    """Variables created by get_variable in one graph, by full name."""

    def __init__(self):
        self.vars = {}

    def get_variable(self, name, shape=None, dtype=_dt.float32, initializer=None, regularizer=None, reuse=None,
                     trainable=None, collections=None, validate_shape=True, constraint=None, **kwargs):
        dtype = _dt.as_dtype(dtype)
        shape = as_shape(shape) if shape is not None else None
        found = self.vars.get(name)
        if found is not None:
            if reuse is False or reuse is None:
                raise ValueError("Variable %s already exists, disallowed. Did you mean to set reuse=True or "
                                 "reuse=tf.AUTO_REUSE in VarScope?" % name)
            if shape is not None and not shape.is_compatible_with(found.shape):
                raise ValueError("Trying to share variable %s, but specified shape %s and found shape %s."
                                 % (name, shape, found.shape))
            if dtype != found.dtype:
                raise ValueError("Trying to share variable %s, but specified dtype %s and found dtype %s."
                                 % (name, dtype.name, found.dtype.name))
            return found
        if reuse is True:
            raise ValueError("Variable %s does not exist, or was not created with tf.get_variable(). Did you "
                             "mean to set reuse=tf.AUTO_REUSE in VarScope?" % name)
        var = self._create(name, shape, dtype, initializer, trainable, collections, validate_shape, constraint)
        self.vars[name] = var
        if regularizer is not None:
            with get_default_graph().name_scope(name + "/Regularizer/"):
                loss = regularizer(var)
            if loss is not None:
                get_default_graph().add_to_collection(GraphKeys.REGULARIZATION_LOSSES, loss)
        return var

    @staticmethod
    def _create(name, shape, dtype, initializer, trainable, collections, validate_shape, constraint):
        if initializer is None:
            initializer = initializers.glorot_uniform_initializer() if dtype.is_floating else \
                initializers.zeros_initializer()
        if isinstance(initializer, type):
            initializer = initializer(dtype=dtype)
        if callable(initializer) and not isinstance(initializer, Tensor):
            if shape is None or not shape.is_fully_defined():
                raise ValueError("Shape of a new variable (%s) must be fully defined, but instead was %s."
                                 % (name, shape))

            def init_value():
                return initializer(shape.as_list(), dtype=dtype)
        else:
            value = convert_to_tensor(initializer, dtype=dtype)
            if shape is not None and validate_shape and not shape.is_compatible_with(value._shape):
                raise ValueError("The initializer passed is not valid. It should be a callable with no arguments "
                                 "and the shape should not be provided or an instance of "
                                 "`tf.keras.initializers.*' and `shape` should be fully defined.")

            def init_value():
                return value
        # get_variable names ignore the current name scope: a trailing '/' makes the
        # Variable's scope (and so its handle op's name) exactly `name`.
        return Variable(init_value, trainable=trainable, collections=collections, name=name + "/", dtype=dtype,
                        constraint=constraint, shape=shape)


def _var_scope_state(graph):
    return graph._extension("variable_scope", lambda: {"scope": VariableScope(False), "store": _VariableStore(),
                                                        "counts": {}})


@export("tf.get_variable_scope")
def get_variable_scope():
    return _var_scope_state(get_default_graph())["scope"]


@export("tf.get_variable")
def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=None,
                 collections=None, caching_device=None, partitioner=None, validate_shape=True, use_resource=None,
                 custom_getter=None, constraint=None, synchronization=None, aggregation=None):
    state = _var_scope_state(get_default_graph())
    return state["scope"].get_variable(state["store"], name, shape=shape, dtype=dtype, initializer=initializer,
                                       regularizer=regularizer, trainable=trainable, collections=collections,
                                       validate_shape=validate_shape, custom_getter=custom_getter,
                                       constraint=constraint)


@export("tf.variable_scope")
@contextlib.contextmanager
def variable_scope(name_or_scope=None, default_name=None, values=None, initializer=None, regularizer=None,
                   caching_device=None, partitioner=None, custom_getter=None, reuse=None, dtype=None,
                   use_resource=None, constraint=None, auxiliary_name_scope=True):
    """Set the prefix (and defaults) for get_variable; also opens a name scope, as TF1 does."""
    g = get_default_graph()
    state = _var_scope_state(g)
    parent = state["scope"]
    if name_or_scope is None and default_name is None:
        raise TypeError("If default_name is None then name_or_scope is required")
    if reuse is False:
        reuse = None
    if isinstance(name_or_scope, VariableScope):
        full = name_or_scope.name
        name_scope_name = name_or_scope.original_name_scope
        base = name_or_scope
        inherited_reuse = name_or_scope.reuse if reuse is None else reuse
    else:
        if name_or_scope is None:
            prefix = parent.name + "/" if parent.name else ""
            counts = state["counts"]
            candidate = default_name
            i = counts.get(prefix + default_name, 0)
            if i:
                candidate = "%s_%d" % (default_name, i)
            counts[prefix + default_name] = i + 1
            local = candidate
        else:
            local = name_or_scope
        full = parent.name + "/" + local if parent.name else local
        name_scope_name = None
        base = parent
        inherited_reuse = reuse if reuse is not None else parent.reuse
        if parent.reuse is True or parent.reuse is AUTO_REUSE and reuse is None:
            inherited_reuse = parent.reuse
    new = VariableScope(inherited_reuse, name=full,
                        initializer=initializer if initializer is not None else base.initializer,
                        regularizer=regularizer if regularizer is not None else base.regularizer,
                        custom_getter=custom_getter if custom_getter is not None else base.custom_getter,
                        dtype=dtype if dtype is not None else base.dtype,
                        partitioner=partitioner if partitioner is not None else base.partitioner,
                        constraint=constraint)
    state["scope"] = new
    try:
        if not auxiliary_name_scope:
            new._name_scope = name_or_scope.original_name_scope if isinstance(name_or_scope, VariableScope) \
                else g.get_name_scope()
            yield new
        elif name_scope_name:
            with g.name_scope(name_scope_name) as ns:
                new._name_scope = ns
                yield new
        else:
            with g.name_scope(full.rsplit("/", 1)[-1]) as ns:
                new._name_scope = ns
                yield new
    finally:
        state["scope"] = parent
        # TF1 (close_variable_subscopes): leaving a scope resets the default-name counters below it, so
        # re-entering it (e.g. with reuse=True) names its layers dense, dense_1 ... again.
        counts = state["counts"]
        for key in [k for k in counts if k.startswith(full + "/")]:
            counts[key] = 0


@export("tf.variable_op_scope")
def variable_op_scope(values, name_or_scope, default_name=None, **kwargs):
    return variable_scope(name_or_scope, default_name=default_name, values=values, **kwargs)


# ---- collections & initializers ----

@export("tf.all_variables", "tf.global_variables")
def global_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES, scope)


all_variables = global_variables


@export("tf.trainable_variables")
def trainable_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.TRAINABLE_VARIABLES, scope)


@export("tf.local_variables")
def local_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.LOCAL_VARIABLES, scope)


@export("tf.model_variables")
def model_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.MODEL_VARIABLES, scope)


@export("tf.moving_average_variables")
def moving_average_variables(scope=None):
    return get_default_graph().get_collection(GraphKeys.MOVING_AVERAGE_VARIABLES, scope)


@export("tf.variables_initializer", "tf.initializers.variables")
def variables_initializer(var_list, name="init"):
    if var_list:
        return control_flow_ops.group(*[v.initializer for v in var_list], name=name)
    return control_flow_ops.no_op(name=name)


@export("tf.global_variables_initializer", "tf.initialize_all_variables", "tf.initializers.global_variables")
def global_variables_initializer():
    return variables_initializer(global_variables(), name="init")


initialize_all_variables = global_variables_initializer


@export("tf.initialize_local_variables", "tf.local_variables_initializer", "tf.initializers.local_variables")
def local_variables_initializer():
    return variables_initializer(local_variables(), name="init")


initialize_local_variables = local_variables_initializer


@export("tf.initialize_variables")
def initialize_variables(var_list, name="init"):
    return variables_initializer(var_list, name)


@export("tf.is_variable_initialized")
def is_variable_initialized(variable):
    return variable.is_initialized()


@export("tf.report_uninitialized_variables")
def report_uninitialized_variables(var_list=None, name="report_uninitialized_variables"):
    var_list = global_variables() + local_variables() if var_list is None else var_list
    return make("ReportUninitialized", [v.handle for v in var_list],
                {"names": [v.op.name for v in var_list]}, name)


@export("tf.assert_variables_initialized")
def assert_variables_initialized(var_list=None):
    var_list = global_variables() + local_variables() if var_list is None else var_list
    if not var_list:
        return None
    checks = [v.is_initialized() for v in var_list]
    return control_flow_ops.Assert(math_ops.reduce_all(array_ops.stack(checks)), [])


def _report_uninitialized_kernel(*cells, names):
    import numpy as np
    return np.array([n.encode() for n, c in zip(names, cells) if c.value is None], dtype=object)


def _register_report():
    from .ops import registry as R
    R.register("ReportUninitialized", kernel=_report_uninitialized_kernel,
               infer=R.fixed(_dt.string, [None]), grad=R.NO_GRADIENT)


_register_report()


def _install_attribute_hooks():
    from .namespace import unsupported_attribute_hook
    Variable.__getattr__ = unsupported_attribute_hook("tf.Variable")
    VariableScope.__getattr__ = unsupported_attribute_hook("tf.VariableScope")


_install_attribute_hooks()

"""tf.train optimizers: compute_gradients / apply_gradients / minimize, slots, update ops."""
from .. import dtypes as _dt
from ..gradients import gradients
from ..graph import GraphKeys, Tensor, convert_to_tensor, get_default_graph
from ..ops import array_ops, control_flow_ops
from ..ops.common import make_op
from ..variables import Variable, trainable_variables
from . import apply_ops  # noqa: F401 - registers the update ops


class Optimizer:
    """Base class. Subclasses define `_create_slots`, `_prepare`, `_apply_dense` and optionally `_finish`."""

    GATE_NONE, GATE_OP, GATE_GRAPH = 0, 1, 2

    def __init__(self, use_locking, name):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._use_locking = use_locking
        self._name = name
        self._slots = {}
        self._non_slot = {}

    def get_name(self):
        return self._name

    # ---- public API ----

    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                 colocate_gradients_with_ops=False, name=None, grad_loss=None):
        grads_and_vars = self.compute_gradients(loss, var_list=var_list, grad_loss=grad_loss)
        vars_with_grad = [v for g, v in grads_and_vars if g is not None]
        if not vars_with_grad:
            raise ValueError("No gradients provided for any variable, check your graph for ops that do not "
                             "support gradients, between variables %s and loss %s."
                             % ([str(v) for _, v in grads_and_vars], loss))
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                          colocate_gradients_with_ops=False, grad_loss=None):
        if callable(loss):
            loss = loss()
        if var_list is None:
            var_list = trainable_variables() + get_default_graph().get_collection(
                GraphKeys.TRAINABLE_RESOURCE_VARIABLES)
        var_list = list(var_list)
        if not var_list:
            raise ValueError("No variables to optimize.")
        grads = gradients(loss, var_list, grad_ys=grad_loss)
        return list(zip(grads, var_list))

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        grads_and_vars = tuple(grads_and_vars)
        if not grads_and_vars:
            raise ValueError("No variables provided.")
        converted = []
        for g, v in grads_and_vars:
            if g is not None:
                g = convert_to_tensor(g, dtype=v.dtype)
            converted.append((g, v))
        filtered = [(g, v) for g, v in converted if g is not None]
        if not filtered:
            raise ValueError("No gradients provided for any variable: %s."
                             % ([str(v) for _, v in converted],))
        graph = get_default_graph()
        var_list = [v for _, v in filtered]
        with graph.control_dependencies(None):
            self._create_slots(var_list)
        with graph.name_scope(name if name is not None else self._name) as scope_name:
            self._prepare()
            update_ops = []
            for g, v in filtered:
                with graph.name_scope("update_" + v.op.name):
                    update_ops.append(self._apply_dense(g, v))
            if global_step is None:
                apply_updates = self._finish(update_ops, scope_name)
            else:
                with graph.control_dependencies([self._finish(update_ops, "update")]):
                    apply_updates = global_step.assign_add(
                        convert_to_tensor(1, dtype=global_step.dtype), name=scope_name).op
        train_ops = graph.get_collection_ref(GraphKeys.TRAIN_OP)
        if apply_updates not in train_ops:
            train_ops.append(apply_updates)
        return apply_updates

    def get_slot(self, var, name):
        return self._slots.get(name, {}).get(var)

    def get_slot_names(self):
        return sorted(self._slots)

    def variables(self):
        out = [v for slot in self._slots.values() for v in slot.values()]
        out += [v for (name, g), v in sorted(self._non_slot.items(), key=lambda kv: kv[0][0])
                if g is get_default_graph()]
        return out

    # ---- helpers for subclasses ----

    def _create_slots(self, var_list):
        pass

    def _prepare(self):
        pass

    def _finish(self, update_ops, name_scope):
        return control_flow_ops.group(*update_ops, name=name_scope)

    def _tensor(self, value, name):
        value = value() if callable(value) else value
        return convert_to_tensor(value, name=name) if not isinstance(value, (Tensor, Variable)) \
            else convert_to_tensor(value)

    def _cast(self, t, var):
        return array_ops.cast(t, var.dtype) if t.dtype != var.dtype else t

    def _slot(self, var, slot_name, op_name, value=0.0):
        """A non-trainable variable shaped like `var`, named '<var>/<op_name>' ('_1' ... if taken)."""
        slots = self._slots.setdefault(slot_name, {})
        if var not in slots:
            g = get_default_graph()
            with g.name_scope(None):
                fill = array_ops.zeros if value == 0 else array_ops.ones
                init = fill(var.shape.as_list(), var.dtype) if value in (0, 1) else \
                    array_ops.fill(var.shape.as_list(), convert_to_tensor(value, dtype=var.dtype))
                slots[var] = Variable(init, trainable=False, name=var.op.name + "/" + op_name, dtype=var.dtype)
        return slots[var]

    # TF1 Optimizer helpers that user-written optimizers call.
    def _zeros_slot(self, var, slot_name, op_name):
        return self._slot(var, slot_name, op_name)

    def _get_or_make_slot(self, var, val, slot_name, op_name):
        slots = self._slots.setdefault(slot_name, {})
        if var not in slots:
            with get_default_graph().control_dependencies(None), get_default_graph().name_scope(None):
                slots[var] = Variable(val, trainable=False, name=var.op.name + "/" + op_name, dtype=var.dtype)
        return slots[var]

    def _non_slot_variable(self, initial_value, name):
        key = (name, get_default_graph())
        if key not in self._non_slot:
            g = get_default_graph()
            with g.name_scope(None):
                self._non_slot[key] = Variable(initial_value, trainable=False, name=name, dtype=_dt.float32)
        return self._non_slot[key]

    @staticmethod
    def _apply(op_type, handles, values, attrs=None):
        return make_op(op_type, [h.handle for h in handles] + list(values), attrs or {}, op_type)


class GradientDescentOptimizer(Optimizer):
    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate

    def _prepare(self):
        self._lr_t = self._tensor(self._learning_rate, "learning_rate")

    def _apply_dense(self, grad, var):
        return self._apply("ResourceApplyGradientDescent", [var], [self._cast(self._lr_t, var), grad])


class MomentumOptimizer(Optimizer):
    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False):
        super().__init__(use_locking, name)
        self._learning_rate, self._momentum, self._use_nesterov = learning_rate, momentum, use_nesterov

    def _create_slots(self, var_list):
        for v in var_list:
            self._slot(v, "momentum", self._name)

    def _prepare(self):
        self._lr_t = self._tensor(self._learning_rate, "learning_rate")
        self._momentum_t = self._tensor(self._momentum, "momentum")

    def _apply_dense(self, grad, var):
        accum = self.get_slot(var, "momentum")
        return self._apply("ResourceApplyMomentum", [var, accum],
                           [self._cast(self._lr_t, var), grad, self._cast(self._momentum_t, var)],
                           {"use_nesterov": self._use_nesterov})


class AdamOptimizer(Optimizer):
    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, use_locking=False, name="Adam"):
        super().__init__(use_locking, name)
        self._lr, self._beta1, self._beta2, self._epsilon = learning_rate, beta1, beta2, epsilon

    def _create_slots(self, var_list):
        self._non_slot_variable(self._beta1, "beta1_power")
        self._non_slot_variable(self._beta2, "beta2_power")
        for v in var_list:  # m and v per variable, in this order (it decides the '_1' suffixes)
            self._slot(v, "m", self._name)
            self._slot(v, "v", self._name)

    def _get_beta_accumulators(self):
        return (self._non_slot[("beta1_power", get_default_graph())],
                self._non_slot[("beta2_power", get_default_graph())])

    def _prepare(self):
        self._lr_t = self._tensor(self._lr, "learning_rate")
        self._beta1_t = self._tensor(self._beta1, "beta1")
        self._beta2_t = self._tensor(self._beta2, "beta2")
        self._epsilon_t = self._tensor(self._epsilon, "epsilon")

    def _apply_dense(self, grad, var):
        b1p, b2p = self._get_beta_accumulators()
        c = self._cast
        return self._apply("ResourceApplyAdam", [var, self.get_slot(var, "m"), self.get_slot(var, "v")],
                           [c(b1p.value(), var), c(b2p.value(), var), c(self._lr_t, var), c(self._beta1_t, var),
                            c(self._beta2_t, var), c(self._epsilon_t, var), grad], {"use_nesterov": False})

    def _finish(self, update_ops, name_scope):
        b1p, b2p = self._get_beta_accumulators()
        g = get_default_graph()
        with g.control_dependencies(update_ops):
            update_b1 = make_op("AssignVariableOp", [b1p.handle, b1p.read_value() * self._beta1_t], None, "Assign")
            update_b2 = make_op("AssignVariableOp", [b2p.handle, b2p.read_value() * self._beta2_t], None,
                                "Assign_1")
        return control_flow_ops.group(*update_ops, update_b1, update_b2, name=name_scope)


class AdagradOptimizer(Optimizer):
    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False, name="Adagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError("initial_accumulator_value must be positive: %s" % initial_accumulator_value)
        super().__init__(use_locking, name)
        self._learning_rate, self._initial = learning_rate, initial_accumulator_value

    def _create_slots(self, var_list):
        for v in var_list:
            self._slot(v, "accumulator", self._name, self._initial)

    def _prepare(self):
        self._lr_t = self._tensor(self._learning_rate, "learning_rate")

    def _apply_dense(self, grad, var):
        return self._apply("ResourceApplyAdagrad", [var, self.get_slot(var, "accumulator")],
                           [self._cast(self._lr_t, var), grad], {"update_slots": True})


class AdadeltaOptimizer(Optimizer):
    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False, name="Adadelta"):
        super().__init__(use_locking, name)
        self._lr, self._rho, self._epsilon = learning_rate, rho, epsilon

    def _create_slots(self, var_list):
        for v in var_list:
            self._slot(v, "accum", self._name)
            self._slot(v, "accum_update", self._name)

    def _prepare(self):
        self._lr_t = self._tensor(self._lr, "lr")
        self._rho_t = self._tensor(self._rho, "rho")
        self._epsilon_t = self._tensor(self._epsilon, "epsilon")

    def _apply_dense(self, grad, var):
        c = self._cast
        return self._apply("ResourceApplyAdadelta", [var, self.get_slot(var, "accum"),
                                                     self.get_slot(var, "accum_update")],
                           [c(self._lr_t, var), c(self._rho_t, var), c(self._epsilon_t, var), grad])


class RMSPropOptimizer(Optimizer):
    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False, centered=False,
                 name="RMSProp"):
        super().__init__(use_locking, name)
        self._learning_rate, self._decay, self._momentum = learning_rate, decay, momentum
        self._epsilon, self._centered = epsilon, centered

    def _create_slots(self, var_list):
        for v in var_list:
            self._slot(v, "rms", self._name, 1.0)
            self._slot(v, "momentum", self._name)
            if self._centered:
                self._slot(v, "mg", self._name)

    def _prepare(self):
        self._lr_t = self._tensor(self._learning_rate, "learning_rate")
        self._decay_t = self._tensor(self._decay, "decay")
        self._momentum_t = self._tensor(self._momentum, "momentum")
        self._epsilon_t = self._tensor(self._epsilon, "epsilon")

    def _apply_dense(self, grad, var):
        c = self._cast
        scalars = [c(self._lr_t, var), c(self._decay_t, var), c(self._momentum_t, var), c(self._epsilon_t, var), grad]
        rms, mom = self.get_slot(var, "rms"), self.get_slot(var, "momentum")
        if self._centered:
            return self._apply("ResourceApplyCenteredRMSProp", [var, self.get_slot(var, "mg"), rms, mom], scalars)
        return self._apply("ResourceApplyRMSProp", [var, rms, mom], scalars)

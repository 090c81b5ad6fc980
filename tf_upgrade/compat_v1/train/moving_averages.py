"""tf.train.ExponentialMovingAverage: shadow variables updated by shadow -= (shadow - var) * (1 - decay)."""
from .. import dtypes as _dt
from ..graph import GraphKeys, convert_to_tensor, get_default_graph
from ..ops import array_ops, control_flow_ops, math_ops
from ..variables import Variable, trainable_variables


def assign_moving_average(variable, value, decay, zero_debias=True, name=None):
    """variable -= (variable - value) * (1 - decay); returns the updated value.

    With zero_debias (TF's default) the average is kept in a 'biased' variable beside `variable` (with a
    'local_step' counter) and `variable` gets it divided by 1 - decay ** step, so early averages are not
    pulled towards the zero start."""
    g = get_default_graph()
    with g.name_scope(name or "AssignMovingAvg"):
        one_minus = convert_to_tensor(1.0, dtype=variable.dtype) - array_ops.cast(convert_to_tensor(decay),
                                                                                  variable.dtype)
        value = convert_to_tensor(value, dtype=variable.dtype)
        if not zero_debias:
            return variable.assign_sub((variable - value) * one_minus)
        return _zero_debiased(variable, value, one_minus)


def _zero_debiased(unbiased, value, one_minus):
    from ..initializers import zeros_initializer
    from ..variables import get_variable, get_variable_scope, global_variables, variable_scope
    g = get_default_graph()
    with variable_scope(unbiased.op.name):
        scope = get_variable_scope()
        existing = {v.op.name for v in global_variables()}

        def unique(name):  # a second average of the same variable gets biased_1, local_step_1 (as in TF)
            if scope.reuse or scope.name + "/" + name not in existing:
                return name
            i = 1
            while "%s/%s_%d" % (scope.name, name, i) in existing:
                i += 1
            return "%s_%d" % (name, i)

        with g.control_dependencies(None):
            biased = get_variable(unique("biased"), shape=unbiased.get_shape(), dtype=unbiased.dtype.base_dtype,
                                  initializer=zeros_initializer(), trainable=False)
            local_step = get_variable(unique("local_step"), shape=[], dtype=unbiased.dtype.base_dtype,
                                      initializer=zeros_initializer(), trainable=False)
        update_biased = biased.assign_sub((biased - value) * one_minus)
        step = local_step.assign_add(1)
        bias_factor = 1 - math_ops.pow(1.0 - one_minus, step)
        return unbiased.assign(update_biased / bias_factor)


class ExponentialMovingAverage:
    def __init__(self, decay, num_updates=None, zero_debias=False, name="ExponentialMovingAverage"):
        self._decay = decay
        self._num_updates = num_updates
        self._name = name
        self._averages = {}

    @property
    def name(self):
        return self._name

    def apply(self, var_list=None):
        """Create shadow variables (initialised to each variable's initial value) and return the update op."""
        var_list = trainable_variables() if var_list is None else list(var_list)
        g = get_default_graph()
        for var in var_list:
            if var.dtype.base_dtype not in (_dt.float16, _dt.float32, _dt.float64):
                raise TypeError("The variables must be half, float, or double: %s" % var.name)
            if var in self._averages:
                raise ValueError("Moving average already computed for: %s" % var.name)
            with g.control_dependencies(None), g.name_scope(None):
                self._averages[var] = Variable(
                    var.initialized_value(), trainable=False, name=self.average_name(var), dtype=var.dtype,
                    collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.MOVING_AVERAGE_VARIABLES])
        with g.name_scope(self._name) as scope:
            decay = convert_to_tensor(self._decay, dtype=_dt.float32, name="decay")
            if self._num_updates is not None:
                n = array_ops.cast(convert_to_tensor(self._num_updates), _dt.float32, name="num_updates")
                decay = math_ops.minimum(decay, (1.0 + n) / (10.0 + n))
            updates = [assign_moving_average(self._averages[v], v, decay, zero_debias=False) for v in var_list]
            return control_flow_ops.group(*updates, name=scope)

    def average(self, var):
        return self._averages.get(var)

    def average_name(self, var):
        return var.op.name + "/" + self._name

    def variables_to_restore(self, moving_avg_variables=None):
        """{checkpoint name: variable}: averaged variables restore from their shadow's name."""
        moving = moving_avg_variables if moving_avg_variables is not None else \
            get_default_graph().get_collection(GraphKeys.MOVING_AVERAGE_VARIABLES) + trainable_variables()
        names = {}
        for v in get_default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES):
            names[self.average_name(v) if v in moving else v.op.name] = v
        return names

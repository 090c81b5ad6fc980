"""tf.train.ExponentialMovingAverage: shadow variables updated by shadow -= (shadow - var) * (1 - decay)."""
from .. import dtypes as _dt
from ..graph import GraphKeys, convert_to_tensor, get_default_graph
from ..ops import array_ops, control_flow_ops, math_ops
from ..variables import Variable, trainable_variables


def assign_moving_average(variable, value, decay, zero_debias=True, name=None):
    """variable -= (variable - value) * (1 - decay); returns the updated value."""
    g = get_default_graph()
    with g.name_scope(name or "AssignMovingAvg"):
        one_minus = convert_to_tensor(1.0, dtype=variable.dtype) - array_ops.cast(convert_to_tensor(decay),
                                                                                  variable.dtype)
        return variable.assign_sub((variable - value) * one_minus)


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
            updates = [assign_moving_average(self._averages[v], v, decay) for v in var_list]
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

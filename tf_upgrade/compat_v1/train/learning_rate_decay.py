"""Learning-rate schedules as graph ops of the global step."""
from .. import dtypes as _dt
from ..graph import convert_to_tensor
from ..ops import array_ops, math_ops
from ..ops.common import scope


def _float(x, name, dtype=_dt.float32):
    t = convert_to_tensor(x, name=name) if not hasattr(x, "dtype") else convert_to_tensor(x)
    return array_ops.cast(t, dtype) if t.dtype != dtype else t


def _progress(lr, global_step, decay_steps, staircase):
    """global_step / decay_steps in the learning rate's dtype, floored when staircase."""
    p = _float(global_step, "global_step", lr.dtype) / _float(decay_steps, "decay_steps", lr.dtype)
    return math_ops.floor(p) if staircase else p


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None):
    """lr * decay_rate ^ (global_step / decay_steps), floored exponent when staircase."""
    if global_step is None:
        raise ValueError("global_step is required for exponential_decay.")
    with scope(name, "ExponentialDecay") as s:
        lr = convert_to_tensor(learning_rate, name="learning_rate")
        p = _progress(lr, global_step, decay_steps, staircase)
        return math_ops.multiply(lr, math_ops.pow(_float(decay_rate, "decay_rate", lr.dtype), p), name=s)


def inverse_time_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None):
    with scope(name, "InverseTimeDecay") as s:
        lr = convert_to_tensor(learning_rate, name="learning_rate")
        p = _progress(lr, global_step, decay_steps, staircase)
        return math_ops.truediv(lr, 1.0 + _float(decay_rate, "decay_rate", lr.dtype) * p, name=s)


def natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None):
    with scope(name, "NaturalExpDecay") as s:
        lr = convert_to_tensor(learning_rate, name="learning_rate")
        p = _progress(lr, global_step, decay_steps, staircase)
        return math_ops.multiply(lr, math_ops.exp(-_float(decay_rate, "decay_rate", lr.dtype) * p), name=s)


def polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False,
                     name=None):
    with scope(name, "PolynomialDecay") as s:
        lr = convert_to_tensor(learning_rate, name="learning_rate")
        dt = lr.dtype
        step = _float(global_step, "global_step", dt)
        steps = _float(decay_steps, "decay_steps", dt)
        if cycle:
            mult = math_ops.ceil(step / steps)
            steps = steps * array_ops.where(math_ops.equal(step, 0.0), array_ops.ones_like(mult), mult)
        else:
            step = math_ops.minimum(step, steps)
        end = _float(end_learning_rate, "end_learning_rate", dt)
        frac = math_ops.pow(1.0 - step / steps, _float(power, "power", dt))
        return math_ops.add((lr - end) * frac, end, name=s)


def piecewise_constant(x, boundaries, values, name=None):
    with scope(name, "PiecewiseConstant") as s:
        x = convert_to_tensor(x)
        vals = [convert_to_tensor(v) for v in values]
        out = vals[-1]
        for b, v in reversed(list(zip(boundaries, vals[:-1]))):
            out = array_ops.where(math_ops.less_equal(x, convert_to_tensor(b, dtype=x.dtype)), v, out)
        return array_ops.identity(out, name=s)

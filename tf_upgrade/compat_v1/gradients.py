"""tf.gradients: reverse-mode differentiation that builds ordinary graph ops.

Because the result is made of registered ops, gradients can be fetched, fed, and differentiated again.
"""
from .graph import Tensor, convert_to_tensor, get_default_graph
from .namespace import export
from .ops import array_ops, math_ops
from .ops import registry as R
from .variables import Variable


def _as_x(x):
    # Gradients with respect to a variable flow to its handle (through every read of it).
    return x.handle if isinstance(x, Variable) else convert_to_tensor(x)


def _differentiable(t):
    d = t.dtype
    return d.is_floating or d.is_complex or d.name == "resource"


def _ones_for(y, index):
    if y._shape.is_fully_defined():
        return array_ops.ones(y._shape.as_list(), y.dtype, name="grad_ys_%d" % index)
    return array_ops.fill(array_ops.shape(y), array_ops.constant(1, dtype=y.dtype), name="grad_ys_%d" % index)


def _forward_reachable(xs):
    """Ops that consume, directly or not, one of `xs`."""
    seen = set()
    stack = [c for x in xs for c in x._consumers]
    while stack:
        op = stack.pop()
        if op in seen:
            continue
        seen.add(op)
        for out in op.outputs:
            stack.extend(out._consumers)
    return seen


def _between(ys, reachable, stop_ops):
    """Ops on a path from xs to ys (ancestors of ys among the forward-reachable ops)."""
    between = set()
    stack = [y.op for y in ys if y.op in reachable]
    while stack:
        op = stack.pop()
        if op in between:
            continue
        between.add(op)
        if op in stop_ops:
            continue
        for t in op.inputs:
            if t.op in reachable and t.op not in between:
                stack.append(t.op)
    return between


def _aggregate(grads):
    if not grads:
        return None
    if len(grads) == 1:
        return grads[0]
    return math_ops.add_n(grads)


@export("tf.gradients")
def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False, gate_gradients=False,
              aggregation_method=None, stop_gradients=None, unconnected_gradients="none"):
    """Symbolic d(sum ys)/d xs, one Tensor (or None if unconnected) per x."""
    ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
    xs_in = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    g = get_default_graph()
    with g.name_scope(name or "gradients"):
        ys = [convert_to_tensor(y) for y in ys]
        xs = [_as_x(x) for x in xs_in]
        if grad_ys is None:
            grad_ys = [None] * len(ys)
        elif not isinstance(grad_ys, (list, tuple)):
            grad_ys = [grad_ys]
        if len(grad_ys) != len(ys):
            raise ValueError("Passed %d grad_ys for %d ys" % (len(grad_ys), len(ys)))
        stop_ops = {convert_to_tensor(t).op for t in (stop_gradients or [])}
        if not isinstance(stop_gradients, (list, tuple, type(None))):
            stop_ops = {convert_to_tensor(stop_gradients).op}
        reachable = _forward_reachable(xs)
        reachable.update(y.op for y in ys if y in xs)
        between = _between(ys, reachable, stop_ops)

        grads = {}
        for i, (y, gy) in enumerate(zip(ys, grad_ys)):
            if gy is None:
                if not y.dtype.is_floating and not y.dtype.is_complex:
                    raise TypeError("Gradients of complex or non-floating tensors are not supported: %s" % y.name)
                gy = _ones_for(y, i)
            else:
                gy = convert_to_tensor(gy, dtype=y.dtype)
                if not y._shape.is_compatible_with(gy._shape):
                    raise ValueError("Incompatible shapes between op input and calculated input gradient. "
                                     "grad_ys[%d] has shape %s but ys[%d] has shape %s" % (i, gy._shape, i, y._shape))
            grads.setdefault(y, []).append(gy)

        pending = dict.fromkeys(between, 0)
        for op in between:
            if op in stop_ops:
                continue
            for t in op.inputs:
                if t.op in pending:
                    pending[t.op] += 1
        ready = [op for op in between if pending[op] == 0]
        while ready:
            op = ready.pop()
            _backprop_op(g, op, grads, stop_ops)
            if op in stop_ops:
                continue
            for t in op.inputs:
                if t.op in pending:
                    pending[t.op] -= 1
                    if pending[t.op] == 0:
                        ready.append(t.op)

        out = []
        for x in xs:
            gx = _aggregate(grads.get(x))
            if gx is None and unconnected_gradients == "zero":
                gx = array_ops.zeros_like(x)
            out.append(gx)
        return out


def _backprop_op(g, op, grads, stop_ops):
    out_grads = [_aggregate(grads.get(t)) for t in op.outputs]
    for t, gt in zip(op.outputs, out_grads):
        if gt is not None:
            grads[t] = [gt]
    if op in stop_ops or all(gt is None for gt in out_grads):
        return
    fn = R.get(op.type).grad
    if fn is R.NO_GRADIENT:
        return
    if fn is None:
        if not any(_differentiable(t) for t in op.inputs):
            return
        raise LookupError("No gradient defined for operation '%s' (op type: %s)" % (op.name, op.type))
    with g.name_scope(op.name + "_grad"):
        in_grads = fn(op, *out_grads)
    if len(in_grads) != len(op.inputs):
        raise ValueError("Num gradients %d generated for op %s do not match num inputs %d"
                         % (len(in_grads), op.name, len(op.inputs)))
    for t, gi in zip(op.inputs, in_grads):
        if gi is None or not _differentiable(t):
            continue
        if isinstance(gi, Tensor) and t.dtype.name != "resource":
            if gi.dtype != t.dtype:
                gi = array_ops.cast(gi, t.dtype)
            if gi._shape._dims != t._shape._dims and gi._shape.is_compatible_with(t._shape):
                gi._shape = gi._shape.merge_with(t._shape)
        grads.setdefault(t, []).append(gi)


@export("tf.hessians")
def hessians(ys, xs, name="hessians", colocate_gradients_with_ops=False, gate_gradients=False,
             aggregation_method=None):
    """Hessian of sum(ys) for each x (x flattened), built row by row from gradients of gradients."""
    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    out = []
    with get_default_graph().name_scope(name):
        for x, gx in zip(xs, gradients(ys, xs)):
            n = x.shape.num_elements()
            if n is None:
                raise ValueError("hessians needs a fully defined shape for %s" % x.name)
            flat = array_ops.reshape(gx, [-1])
            rows = [array_ops.reshape(gradients(flat[i], x)[0], [-1]) for i in range(n)]
            out.append(array_ops.reshape(array_ops.stack(rows), x.shape.as_list() * 2))
    return out


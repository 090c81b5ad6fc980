"""``tf.cond``, ``tf.case``, ``tf.while_loop``, ``tf.map_fn``, ``tf.scan`` and their gradients.

``cond`` and ``while_loop`` each become one op that runs traced
:class:`~.subgraph.Subgraph` pieces with the session's kernels, so only the
taken branch runs and loops run as many times as their condition says.

Gradients:

* through ``cond``: another ``cond`` on the same predicate whose branches are
  the gradients of each branch's outputs with respect to the captured tensors;
* through ``while_loop``: one ``WhileGrad`` op that re-runs the loop forward,
  keeping each iteration's loop values, then walks the iterations backwards
  through a traced gradient of the body (back-propagation through time),
  summing the gradients of captured tensors (weights) over iterations.
"""
import sys

import numpy as np

from .. import graph as graph_lib
from ..dtypes import DType as _DType
from ..gradients import gradients
from ..graph import Operation, Tensor, convert_to_tensor, get_default_graph
from ..namespace import export
from ..ops import array_ops, control_flow_ops, math_ops
from ..ops import registry as _registry
from ..shapes import TensorShape, as_shape
from . import nest
from .subgraph import Subgraph, make_arg, tracing

_dt = sys.modules[_DType.__module__]  # the dtypes module (package attr `dtypes` is tf.dtypes)


def _merge_shapes(a, b):
    if a.ndims is None or b.ndims is None or a.ndims != b.ndims:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])


def _union(*lists):
    out, index = [], {}
    maps = []
    for lst in lists:
        m = []
        for t in lst:
            if t not in index:
                index[t] = len(out)
                out.append(t)
            m.append(index[t])
        maps.append(m)
    return out, maps


def _differentiable(t):
    d = t.dtype
    return d.is_floating or d.name == "resource"


def _grad_type(t):
    """(dtype, shape) of a gradient for ``t`` (a variable handle's gradient has the variable's type)."""
    if t.dtype.name == "resource":
        return t.op.attrs["dtype"], t.op.attrs["shape"]
    return t.dtype.base_dtype, t._shape


def _zeros_for(x):
    if x.dtype.name == "resource":
        dtype, shape = _grad_type(x)
        if shape.is_fully_defined():
            return array_ops.zeros(shape.as_list(), dtype)
        return array_ops.zeros_like(get_default_graph().create_op("ReadVariableOp", [x]).outputs[0])
    return array_ops.zeros_like(x)


def _np_value(v):
    return v.value if hasattr(v, "value") and not isinstance(v, np.ndarray) else v


def _dense(g):
    if g is None or isinstance(g, Tensor):
        return g
    return convert_to_tensor(g)  # IndexedSlices and friends


def _multi_result(values, n):
    if n == 1:
        return values[0]
    return tuple(values)


# ---------------------------------------------------------------- cond

def _split_branch_result(result):
    """Flatten a branch result into (structure, tensors, ops) with ops kept aside."""
    flat = nest.flatten(result) if result is not None else []
    tensors, ops, kinds = [], [], []
    for el in flat:
        if isinstance(el, Operation):
            ops.append(el)
            kinds.append("op")
        else:
            tensors.append(el if isinstance(el, Tensor) else convert_to_tensor(el))
            kinds.append("t")
    return tensors, ops, kinds


def _cond_infer(op):
    return list(zip(op.attrs["out_types"], op.attrs["out_shapes"]))


def _cond_kernel(op, session):
    branches = op.attrs["branches"]
    maps = op.attrs["cap_maps"]
    n = len(op.outputs)

    def kernel(pred, *caps):
        k = 1 if bool(np.asarray(pred)) else 0
        vals = branches[k].run(session, [], [caps[i] for i in maps[k]])
        if n == 1:
            return vals[0]
        return vals

    return kernel


def _cond_grad(op, *grads):
    pred = op.inputs[0]
    caps = list(op.inputs[1:])
    branches = op.attrs["branches"]
    float_out = [i for i, t in enumerate(op.outputs) if t.dtype.is_floating]
    float_caps = [j for j, c in enumerate(caps) if _differentiable(c)]
    if not float_out or not float_caps:
        return [None] * len(op.inputs)
    grad_ys = [grads[i] if grads[i] is not None else array_ops.zeros_like(op.outputs[i]) for i in float_out]
    xs = [caps[j] for j in float_caps]

    def branch_grad(sg):
        def fn():
            gs = gradients([sg.outputs[i] for i in float_out], xs, grad_ys=grad_ys)
            return [(_dense(g) if g is not None else _zeros_for(x)) for g, x in zip(gs, xs)]
        return fn

    res = cond(pred, branch_grad(branches[1]), branch_grad(branches[0]), name="cond_grad")
    if isinstance(res, Tensor):
        res = [res]
    out = [None] * len(op.inputs)
    for j, g in zip(float_caps, res):
        out[1 + j] = g
    return out


_registry.register("CfCond", kernel_factory=_cond_kernel, infer=_cond_infer, grad=_cond_grad)


@export("tf.cond")
def cond(pred, true_fn=None, false_fn=None, strict=False, name=None, fn1=None, fn2=None):
    true_fn = true_fn if true_fn is not None else fn1
    false_fn = false_fn if false_fn is not None else fn2
    if not callable(true_fn) or not callable(false_fn):
        raise TypeError("true_fn and false_fn must be callable.")
    g = get_default_graph()
    with g.name_scope(name or "cond") as scope:
        pred = convert_to_tensor(pred)
        if pred.dtype != _dt.bool:
            raise TypeError("pred must be a bool tensor, got %s" % pred.dtype.name)
        with tracing():
            r_true = true_fn()
            t_tensors, t_ops, t_kinds = _split_branch_result(r_true)
        with tracing():
            r_false = false_fn()
            f_tensors, f_ops, f_kinds = _split_branch_result(r_false)
        if t_kinds != f_kinds:
            raise ValueError("true_fn and false_fn must return the same structure; got %s and %s"
                             % (r_true, r_false))
        for a, b in zip(t_tensors, f_tensors):
            if a.dtype.base_dtype != b.dtype.base_dtype:
                raise ValueError("Outputs of true_fn and false_fn must have the same type: %s, %s"
                                 % (a.dtype.name, b.dtype.name))
        sg_t = Subgraph([], t_tensors, t_ops)
        sg_f = Subgraph([], f_tensors, f_ops)
        caps, maps = _union(sg_f.captured, sg_t.captured)
        attrs = {"branches": (sg_f, sg_t), "cap_maps": maps,
                 "out_types": [t.dtype.base_dtype for t in t_tensors],
                 "out_shapes": [_merge_shapes(a._shape, b._shape) for a, b in zip(t_tensors, f_tensors)]}
        op = g.create_op("CfCond", [pred] + caps, attrs, name=scope or None)
        for c in sg_t.captured_control + sg_f.captured_control:
            op._add_control_input(c)
    flat, ti = [], 0
    for kind in t_kinds:
        if kind == "op":
            flat.append(op)
        else:
            flat.append(op.outputs[ti])
            ti += 1
    if r_true is None:
        return op
    return nest.pack_sequence_as(r_true, flat)


@export("tf.case")
def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    pairs = list(pred_fn_pairs.items()) if isinstance(pred_fn_pairs, dict) else list(pred_fn_pairs)
    if not pairs:
        raise ValueError("pred_fn_pairs must not be empty")
    if default is None:
        pairs, default = pairs[:-1], pairs[-1][1]
    with get_default_graph().name_scope(name):
        if exclusive and len(pairs) > 1:
            count = math_ops.add_n([array_ops.cast(p, _dt.int32) for p, _ in pairs])
            chk = control_flow_ops.Assert(count <= 1, ["More than one condition evaluated as True"])
            with graph_lib.control_dependencies([chk]):
                pairs = [(array_ops.identity(p), f) for p, f in pairs]
        fn = default
        for pred, f in reversed(pairs):
            fn = (lambda p, t, e: (lambda: cond(p, t, e)))(pred, f, fn)
        return fn()


# ---------------------------------------------------------------- while_loop

def _while_infer(op):
    return [(t.dtype, t._shape) for t in op.attrs["body"].args]


def _forward_states(op, session, init, caps, max_iter, keep):
    cond_sg, body_sg = op.attrs["cond"], op.attrs["body"]
    cmap, bmap = op.attrs["cap_maps"]
    dtypes = [t.dtype.as_numpy_dtype for t in body_sg.args]
    c_caps = [caps[i] for i in cmap]
    b_caps = [caps[i] for i in bmap]
    vals = list(init)
    states = []
    i = 0
    while max_iter is None or i < max_iter:
        if not bool(np.asarray(cond_sg.run(session, vals, c_caps)[0])):
            break
        if keep:
            states.append(vals)
        new = body_sg.run(session, vals, b_caps)
        vals = [np.asarray(v, dtype=d) if not isinstance(v, np.ndarray) or v.dtype != d else v
                for v, d in zip(new, dtypes)]
        i += 1
    return vals, states


def _split_while_inputs(op, values):
    n = op.attrs["n"]
    ncap = op.attrs["ncap"]
    init, caps = list(values[:n]), list(values[n:n + ncap])
    max_iter = int(np.asarray(values[n + ncap])) if op.attrs["has_max"] else None
    return init, caps, max_iter


def _while_kernel(op, session):
    n = op.attrs["n"]

    def kernel(*values):
        init, caps, max_iter = _split_while_inputs(op, values)
        vals, _ = _forward_states(op, session, init, caps, max_iter, keep=False)
        return _multi_result(vals, n)

    return kernel


def _while_grad_infer(op):
    return [_grad_type(t) for t in op.attrs["grad_targets"]]


def _while_grad_kernel(op, session):
    fwd = op.attrs["forward"]
    n_fwd_inputs = len(fwd.inputs)
    float_loop = op.attrs["float_loop"]
    nf = len(float_loop)
    bg = op.attrs["body_grad"]
    nout = len(op.outputs)

    def kernel(*values):
        init, caps, max_iter = _split_while_inputs(fwd, values[:n_fwd_inputs])
        rest = values[n_fwd_inputs:]
        g_loop = [np.asarray(v) for v in rest[:nf]]
        bg_caps = rest[nf:]
        _, states = _forward_states(fwd, session, init, caps, max_iter, keep=True)
        g_caps = None
        for s in reversed(states):
            res = bg.run(session, list(s) + g_loop, bg_caps)
            g_loop = [np.asarray(v) for v in res[:nf]]
            gc = [np.asarray(v) for v in res[nf:]]
            g_caps = gc if g_caps is None else [a + b for a, b in zip(g_caps, gc)]
        if g_caps is None:
            g_caps = [np.zeros(np.shape(_np_value(caps[j])), dtype=np.asarray(_np_value(caps[j])).dtype)
                      for j in op.attrs["float_caps"]]
        dtypes = [t.dtype.as_numpy_dtype for t in op.outputs]
        outs = [np.asarray(v, dtype=d) for v, d in zip(g_loop + g_caps, dtypes)]
        return outs[0] if nout == 1 else outs

    return kernel


def _while_grad(op, *grads):
    body = op.attrs["body"]
    n, ncap = op.attrs["n"], op.attrs["ncap"]
    _cmap, bmap = op.attrs["cap_maps"]
    caps = list(op.inputs[n:n + ncap])
    float_loop = [i for i in range(n) if body.args[i].dtype.is_floating]
    float_caps = sorted({bmap[j] for j in range(len(bmap)) if _differentiable(caps[bmap[j]])})
    if not float_loop:
        return [None] * len(op.inputs)
    out_grads = [grads[i] if grads[i] is not None else array_ops.zeros_like(op.outputs[i]) for i in float_loop]
    gph = [make_arg(body.args[i].dtype, body.args[i]._shape, name="grad_arg") for i in float_loop]
    xs = [body.args[i] for i in float_loop] + [caps[j] for j in float_caps]
    with tracing():
        gs = gradients([body.outputs[i] for i in float_loop], xs, grad_ys=gph)
        gs = [(_dense(g) if g is not None else _zeros_for(x)) for g, x in zip(gs, xs)]
    bg = Subgraph(list(body.args) + gph, gs)
    attrs = {"forward": op, "float_loop": float_loop, "float_caps": float_caps, "body_grad": bg,
             "grad_targets": [op.inputs[i] for i in float_loop] + [caps[j] for j in float_caps]}
    gop = get_default_graph().create_op("CfWhileGrad", list(op.inputs) + out_grads + bg.captured, attrs,
                                        name=op.name + "_grad")
    for c in bg.captured_control:
        gop._add_control_input(c)
    result = [None] * len(op.inputs)
    for k, i in enumerate(float_loop):
        result[i] = gop.outputs[k]
    for k, j in enumerate(float_caps):
        result[n + j] = gop.outputs[len(float_loop) + k]
    return result


_registry.register("CfWhile", kernel_factory=_while_kernel, infer=_while_infer, grad=_while_grad)
_registry.register("CfWhileGrad", kernel_factory=_while_grad_kernel, infer=_while_grad_infer)


@export("tf.while_loop")
def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10, back_prop=True,
               swap_memory=False, name=None, maximum_iterations=None, return_same_structure=False):
    if not callable(cond) or not callable(body):
        raise TypeError("cond and body must be callable.")
    from . import tensor_array as _ta
    if _ta.has_tensor_arrays(loop_vars):
        return _while_with_tensor_arrays(cond, body, loop_vars, shape_invariants, name, maximum_iterations,
                                         return_same_structure, back_prop)
    g = get_default_graph()
    single = not isinstance(loop_vars, (list, tuple, dict))
    structure = [loop_vars] if single else loop_vars
    with g.name_scope(name or "while") as scope:
        init = [convert_to_tensor(v) for v in nest.flatten(structure)]
        if shape_invariants is not None:
            inv = shape_invariants if not single else [shape_invariants]
            inv = [as_shape(s) for s in _flatten_shapes(inv)]
            if len(inv) != len(init):
                raise ValueError("shape_invariants must have the same structure as loop_vars")
        else:
            inv = [t._shape for t in init]
        args = [make_arg(t.dtype.base_dtype, s, name="loop_var") for t, s in zip(init, inv)]
        packed = nest.pack_sequence_as(structure, args)
        with tracing():
            c = cond(*packed) if not single else cond(packed[0])
            c = convert_to_tensor(c)
        with tracing():
            b = body(*packed) if not single else body(packed[0])
            if single or (len(init) == 1 and not isinstance(b, (list, tuple, dict))):
                b = [b]
            flat_b = nest.flatten(b)
            if len(flat_b) != len(init):
                raise ValueError("body must return the same structure as loop_vars: %d vs %d values"
                                 % (len(flat_b), len(init)))
            flat_b = [convert_to_tensor(v, dtype=a.dtype) if not isinstance(v, Tensor) else v
                      for v, a in zip(flat_b, args)]
        for v, a in zip(flat_b, args):
            if v.dtype.base_dtype != a.dtype:
                raise TypeError("body changed the dtype of a loop variable: %s -> %s" % (a.dtype.name, v.dtype.name))
            if not a._shape.is_compatible_with(v._shape):
                raise ValueError("Input tensor '%s' enters the loop with shape %s, but has shape %s after "
                                 "one iteration. Provide shape invariants." % (a.name, a._shape, v._shape))
        cond_sg = Subgraph(args, [c])
        body_sg = Subgraph(args, flat_b)
        caps, maps = _union(cond_sg.captured, body_sg.captured)
        inputs = init + caps
        has_max = maximum_iterations is not None
        if has_max:
            inputs.append(convert_to_tensor(maximum_iterations, dtype=_dt.int32))
        attrs = {"cond": cond_sg, "body": body_sg, "cap_maps": maps, "n": len(init), "ncap": len(caps),
                 "has_max": has_max, "back_prop": back_prop}
        op = g.create_op("CfWhile", inputs, attrs, name=scope or None)
        for ctl in cond_sg.captured_control + body_sg.captured_control:
            op._add_control_input(ctl)
    result = nest.pack_sequence_as(structure, list(op.outputs))
    if single:
        return result[0]
    if not return_same_structure and isinstance(structure, (list, tuple)) and len(structure) == 1:
        return result[0]
    return result


def _while_with_tensor_arrays(cond, body, loop_vars, shape_invariants, name, maximum_iterations,
                              return_same_structure, back_prop):
    """TensorArray loop variables travel through the loop as their buffers."""
    from . import tensor_array as _ta
    single = not isinstance(loop_vars, (list, tuple, dict))
    structure = [loop_vars] if single else list(loop_vars) if isinstance(loop_vars, tuple) else loop_vars

    def stand_in(x):
        if isinstance(x, _ta.TensorArray):
            return x
        t = convert_to_tensor(x)
        return make_arg(t.dtype.base_dtype, t._shape, name="probe")

    def call(fn, args):
        return fn(*args) if not single else fn(args[0])

    structure = _ta.complete_element_shapes(lambda *a: call(body, a), structure, stand_in)
    buffers, templates = _ta.to_buffers(structure)
    flat_inv = None
    if shape_invariants is not None:
        flat_inv = _flatten_shapes(shape_invariants if not single else [shape_invariants])
    inv = []
    for k, (b, t) in enumerate(zip(nest.flatten(buffers), templates)):
        if t is not None:
            inv.append(TensorShape([None]).concatenate(t._element_shape) if t._dynamic else b.get_shape())
        else:
            inv.append(as_shape(flat_inv[k]) if flat_inv is not None else convert_to_tensor(b)._shape)

    def cond2(*args):
        return call(cond, _ta.from_buffers(list(args), templates))

    def body2(*args):
        res = call(body, _ta.from_buffers(list(args), templates))
        if single:
            res = [res]
        return _ta.to_buffers(list(res) if isinstance(res, tuple) else res)[0]

    out = while_loop(cond2, body2, buffers, shape_invariants=nest.pack_sequence_as(buffers, inv), name=name,
                     maximum_iterations=maximum_iterations, return_same_structure=True, back_prop=back_prop)
    out = _ta.from_buffers(out, templates)
    if single:
        return out[0]
    if not return_same_structure and len(structure) == 1:
        return out[0]
    return tuple(out) if isinstance(loop_vars, tuple) else out


def _flatten_shapes(inv):
    out = []
    if isinstance(inv, dict):
        for k in sorted(inv):
            out.extend(_flatten_shapes(inv[k]))
    elif isinstance(inv, (list, tuple)) and not _is_shape_like(inv):
        for x in inv:
            out.extend(_flatten_shapes(x))
    else:
        out.append(inv)
    return out


def _is_shape_like(x):
    if isinstance(x, TensorShape):
        return True
    return isinstance(x, (list, tuple)) and len(x) > 0 and all(
        d is None or isinstance(d, (int, np.integer)) for d in x)


# ---------------------------------------------------------------- map_fn / scan

def _elem_shape(t):
    s = t._shape
    return TensorShape(None) if s.ndims is None else TensorShape(s.as_list()[1:])


def _empty_acc(dtype, shape):
    if shape.ndims is None or any(d is None for d in shape.as_list()):
        raise ValueError("map_fn/scan need statically known per-element output shapes, got %s" % shape)
    return array_ops.zeros([0] + shape.as_list(), dtype=dtype)


def _probe(fn, *args):
    """Trace ``fn`` once on stand-in arguments to learn its output structure, dtypes and shapes."""
    with tracing():
        return fn(*args)


@export("tf.map_fn")
def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False,
           infer_shape=True, name=None):
    with get_default_graph().name_scope(name or "map"):
        flat_e = [convert_to_tensor(e) for e in nest.flatten(elems)]
        packed_e = nest.pack_sequence_as(elems, flat_e)
        n = array_ops.shape(flat_e[0])[0]
        stand_in = nest.pack_sequence_as(elems, [make_arg(e.dtype, _elem_shape(e)) for e in flat_e])
        probe = _probe(fn, stand_in)
        out_structure = probe if dtype is None else dtype
        flat_p = [convert_to_tensor(p) for p in nest.flatten(probe)]
        out_dtypes = nest.flatten(dtype) if dtype is not None else [p.dtype for p in flat_p]
        accs = [_empty_acc(d, p._shape) for d, p in zip(out_dtypes, flat_p)]
        inv = [TensorShape([None] + p._shape.as_list()) for p in flat_p]

        def body(i, *acc):
            x = nest.map_structure(lambda e: array_ops.gather(e, i), packed_e)
            y = [array_ops.cast(v, d) if convert_to_tensor(v).dtype != d else v
                 for v, d in zip(nest.flatten(fn(x)), out_dtypes)]
            return [i + 1] + [array_ops.concat([a, array_ops.expand_dims(v, 0)], 0) for a, v in zip(acc, y)]

        res = while_loop(lambda i, *acc: i < n, body, [array_ops.constant(0)] + accs,
                         shape_invariants=[TensorShape([])] + inv, return_same_structure=True)
        outs = list(res[1:])
        lead = flat_e[0]._shape.as_list()[0] if flat_e[0]._shape.ndims else None
        for o, p in zip(outs, flat_p):
            o.set_shape([lead] + p._shape.as_list())
    return nest.pack_sequence_as(out_structure, outs)


@export("tf.scan")
def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False,
         infer_shape=True, reverse=False, name=None):
    with get_default_graph().name_scope(name or "scan"):
        flat_e = [convert_to_tensor(e) for e in nest.flatten(elems)]
        packed_e = nest.pack_sequence_as(elems, flat_e)
        n = array_ops.shape(flat_e[0])[0]
        if reverse:
            flat_e = [reverse(e, [0]) for e in flat_e]
            packed_e = nest.pack_sequence_as(elems, flat_e)
        if initializer is None:
            init_struct = elems
            init_flat = [array_ops.gather(e, 0) for e in flat_e]
            start = 1
        else:
            init_struct = initializer
            init_flat = [convert_to_tensor(v) for v in nest.flatten(initializer)]
            start = 0
        first = [array_ops.expand_dims(v, 0) for v in init_flat]
        accs = first if initializer is None else [_empty_acc(v.dtype, v._shape) for v in init_flat]
        inv = [TensorShape([None] + v._shape.as_list()) for v in init_flat]
        k = len(init_flat)

        def body(i, *state):
            carry = nest.pack_sequence_as(init_struct, list(state[:k]))
            x = nest.map_structure(lambda e: array_ops.gather(e, i), packed_e)
            new = [convert_to_tensor(v) for v in nest.flatten(fn(carry, x))]
            new = [array_ops.cast(v, c.dtype) if v.dtype != c.dtype else v for v, c in zip(new, init_flat)]
            acc = [array_ops.concat([a, array_ops.expand_dims(v, 0)], 0) for a, v in zip(state[k:], new)]
            return [i + 1] + new + acc

        res = while_loop(lambda i, *s: i < n, body, [array_ops.constant(start)] + init_flat + accs,
                         shape_invariants=[TensorShape([])] + [v._shape for v in init_flat] + inv,
                         return_same_structure=True)
        outs = list(res[1 + k:])
        if reverse:
            outs = [reverse(o, [0]) for o in outs]
        if flat_e[0]._shape.ndims:
            for o in outs:
                if o._shape.ndims is not None:
                    o.set_shape([flat_e[0]._shape.as_list()[0]] + o._shape.as_list()[1:])
    return nest.pack_sequence_as(init_struct, outs)

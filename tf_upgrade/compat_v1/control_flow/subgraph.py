"""Pieces of the graph that run only when a control-flow op asks for them.

Ops built while a branch of ``tf.cond`` or the body of ``tf.while_loop`` is
being traced are marked *internal*: the session's normal plan never reaches
them (the control-flow op depends only on the tensors the pieces capture from
outside).  A :class:`Subgraph` records its argument placeholders, its outputs
and the outside tensors it captures, and evaluates itself with the session's
own kernels.

Gradient pieces built later (inside a gradient cond/loop) may refer to the
forward pieces' internal tensors; those are simply recomputed from the
captured values, so no activations need to be stashed between ops.
"""
import contextlib
import sys

from ..dtypes import DType as _DType
from ..graph import Tensor, get_default_graph, topological_order
from ..ops import registry as _registry
from ..shapes import TensorShape

_dt = sys.modules[_DType.__module__]  # the dtypes module (package attr `dtypes` is tf.dtypes)


def _internal_set(graph):
    return graph._extension("compat_v1.control_flow.internal", set)


def is_internal(op):
    return op in _internal_set(op.graph)


def _arg_infer(op):
    return [(op.attrs["dtype"], op.attrs["shape"])]


def _arg_kernel(op, session):
    def kernel():
        raise RuntimeError("subgraph argument %s evaluated outside its control-flow op" % op.name)
    return kernel


_registry.register("SubgraphArg", kernel_factory=_arg_kernel, infer=_arg_infer)


def make_arg(dtype, shape, name="arg"):
    """A placeholder-like tensor standing for a loop variable (or a gradient) inside a piece."""
    g = get_default_graph()
    op = g.create_op("SubgraphArg", [], {"dtype": _dt.as_dtype(dtype), "shape": TensorShape(shape)}, name=name)
    _internal_set(g).add(op)
    return op.outputs[0]


@contextlib.contextmanager
def tracing(graph=None):
    """Mark every op created inside the block as internal; yields nothing.

    Control dependencies of the enclosing code are not applied to the traced
    ops: the control-flow op created afterwards carries them instead.
    """
    g = graph or get_default_graph()
    start = len(g._ops)
    before = set(map(id, _all_variables(g)))
    saved = g._control_dependencies_stack
    g._control_dependencies_stack = []
    try:
        yield
    finally:
        g._control_dependencies_stack = saved
        new_ops = g._ops[start:]
        keep_out = _variable_ops([v for v in _all_variables(g) if id(v) not in before], set(new_ops))
        _internal_set(g).update(op for op in new_ops if op not in keep_out)


def _all_variables(g):
    out = []
    for key in ("variables", "local_variables"):
        out.extend(g.get_collection(key))
    return out


def _variable_ops(variables, window):
    """Ops of variables created while tracing: they stay ordinary graph ops (initialized and read
    outside the control-flow op), like TF1 lifting variable creation out of loops."""
    out = set()
    for v in variables:
        roots = [getattr(v, name, None) for name in ("_handle", "_snapshot")]
        roots = [r.op for r in roots if r is not None]
        init = getattr(v, "_initializer_op", None)
        if init is not None:
            roots.append(init)
        stack = list(roots)
        while stack:
            op = stack.pop()
            if op in out or op not in window:
                continue
            out.add(op)
            stack.extend(t.op for t in op.inputs)
            stack.extend(op.control_inputs)
    return out


class Subgraph:
    """Evaluate ``outputs`` from values for ``args`` and for the captured outside tensors."""

    def __init__(self, args, outputs, control_outputs=()):
        self.args = list(args)
        self.outputs = list(outputs)
        self.control_outputs = list(control_outputs)
        self.captured, self.captured_control = self._find_captured()
        self._order = None

    def _find_captured(self):
        internal = _internal_set(get_default_graph())
        args = set(self.args)
        captured, seen_t = [], set()
        control, seen_op = [], set()
        stack = list(self.outputs) + list(self.control_outputs)
        while stack:
            el = stack.pop()
            if isinstance(el, Tensor):
                if el in seen_t or el in args:
                    continue
                seen_t.add(el)
                if el.op in internal and el.op.type != "SubgraphArg":
                    # (another piece's argument, e.g. a loop variable used inside a cond in the loop
                    # body, is an outside value for this piece)
                    stack.append(el.op)
                else:
                    captured.append(el)
            else:
                if el in seen_op:
                    continue
                seen_op.add(el)
                if el in internal:
                    stack.extend(el.inputs)
                    stack.extend(el.control_inputs)
                else:
                    control.append(el)
        return captured, control

    def _plan(self):
        """Internal ops needed for the outputs, dependencies first."""
        if self._order is None:
            known = set(self.args) | set(self.captured)
            roots = [t.op for t in self.outputs if t not in known] + list(self.control_outputs)
            self._order = topological_order(roots, lambda op: self._deps(op, known))
        return self._order

    @staticmethod
    def _deps(op, known):
        deps = [t.op for t in op.inputs if t not in known]
        deps.extend(op.control_inputs)
        return [d for d in deps if is_internal(d)]

    def run(self, session, arg_values, captured_values):
        vals = dict(zip(self.args, arg_values))
        vals.update(zip(self.captured, captured_values))
        execute(session, self._plan(), vals)
        return [vals[t] for t in self.outputs]


def execute(session, ops, vals):
    """Run ``ops`` (dependencies first) with the session's kernels, storing outputs into ``vals``."""
    for op in ops:
        result = session._kernel(op)(*[vals[t] for t in op.inputs])
        outs = op.outputs
        if len(outs) == 1:
            vals[outs[0]] = result
        elif outs:
            for t, v in zip(outs, result):
                vals[t] = v
    return vals

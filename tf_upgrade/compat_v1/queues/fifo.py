"""``tf.FIFOQueue``, ``tf.RandomShuffleQueue``, ``tf.PaddingFIFOQueue`` with ``QueueRunner``s.

No threads: when a dequeue finds too few elements, it runs the enqueue ops of the queue runners
registered for that queue (re-entrant ``session.run``) until there are enough, closing the queue
when they raise ``OutOfRangeError``.  A dequeue that would block forever in TensorFlow (empty, open,
no runner) raises ``DeadlineExceededError`` instead of hanging.
"""
import sys

import numpy as np

from .. import errors
from ..dtypes import DType as _DType
from ..graph import GraphKeys, convert_to_tensor, get_default_graph
from ..kernels.stacking import stack
from ..namespace import export
from ..ops import registry as R
from ..shapes import TensorShape, as_shape

_dt = sys.modules[_DType.__module__]  # the dtypes module (package attr `dtypes` is tf.dtypes)


class _State:
    def __init__(self, shuffle, seed, min_after_dequeue):
        self.items = []
        self.closed = False
        self.shuffle = shuffle
        self.rng = np.random.default_rng(seed)
        self.min_after = min_after_dequeue


def _state(session, handle_op):
    store = session.resources.setdefault("queues.fifo", {})
    st = store.get(handle_op)
    if st is None:
        a = handle_op.attrs
        st = store[handle_op] = _State(a["shuffle"], a["seed"], a["min_after_dequeue"])
    return st


R.register("FifoQueueHandle", kernel_factory=lambda op, session: (lambda: _state(session, op)), stateful=True,
           grad=R.NO_GRADIENT, infer=lambda op: [(_dt.resource, TensorShape([]))])


def _enqueue_kernel(op, session):
    many = op.attrs["many"]

    def kernel(st, *values):
        if st.closed:
            raise errors.CancelledError(None, op, "Queue '%s' is closed." % op.inputs[0].op.name)
        if many:
            for i in range(len(values[0])):
                st.items.append([np.asarray(v[i]) for v in values])
        else:
            st.items.append([np.asarray(v) for v in values])
        return ()
    return kernel


def _fill(session, op, st, need):
    """Run this queue's runners' enqueue ops until ``need`` elements are there (or they are exhausted)."""
    queue = op.attrs["queue"]
    runners = [r for r in op.graph.get_collection(GraphKeys.QUEUE_RUNNERS)
               if getattr(r, "queue", None) is queue]
    ops = [e for r in runners for e in r.enqueue_ops]
    target = need + (st.min_after if st.shuffle else 0)
    while ops and not st.closed and len(st.items) < target:
        try:
            session.run(ops[0])
        except errors.OutOfRangeError:
            st.closed = True


def _take(st, n):
    if st.shuffle:
        picks = sorted(st.rng.choice(len(st.items), size=n, replace=False).tolist(), reverse=True)
        out = [st.items.pop(i) for i in picks]
    else:
        out = st.items[:n]
        del st.items[:n]
    return out


def _dequeue_kernel(op, session):
    n = op.attrs["n"]
    upto = op.attrs["up_to"]
    dtypes = op.attrs["queue"]._dtypes

    def kernel(st):
        need = 1 if n is None else n
        _fill(session, op, st, need)
        if len(st.items) < need and not (upto and st.closed and st.items):
            if st.closed:
                raise errors.OutOfRangeError(
                    None, op, "FIFOQueue '%s' is closed and has insufficient elements (requested %d, current size "
                    "%d)" % (op.inputs[0].op.name, need, len(st.items)))
            raise errors.DeadlineExceededError(
                None, op, "Queue '%s' has %d elements, %d requested, and nothing will fill it (in TensorFlow this "
                "dequeue would block forever)" % (op.inputs[0].op.name, len(st.items), need))
        items = _take(st, min(need, len(st.items)))
        if n is None:
            vals = items[0]
        else:
            vals = [stack([it[c] for it in items], None if d == _dt.string else d.as_numpy_dtype, d == _dt.string)
                    for c, d in enumerate(dtypes)]
        return vals[0] if len(vals) == 1 else vals
    return kernel


def _dequeue_infer(op):
    q = op.attrs["queue"]
    lead = [] if op.attrs["n"] is None else [None if op.attrs["up_to"] else op.attrs["n"]]
    return [(d, TensorShape(lead).concatenate(s) if s.ndims is not None else TensorShape(None))
            for d, s in zip(q._dtypes, q._shapes)]


def _size_kernel(op, session):
    return lambda st: np.int32(len(st.items))


def _close_kernel(op, session):
    def kernel(st):
        st.closed = True
        return ()
    return kernel


R.register("FifoQueueEnqueue", kernel_factory=_enqueue_kernel, stateful=True, grad=R.NO_GRADIENT,
           infer=lambda op: [])
R.register("FifoQueueDequeue", kernel_factory=_dequeue_kernel, stateful=True, grad=R.NO_GRADIENT,
           infer=_dequeue_infer)
R.register("FifoQueueSize", kernel_factory=_size_kernel, stateful=True, grad=R.NO_GRADIENT,
           infer=R.fixed(_dt.int32, []))
R.register("FifoQueueClose", kernel_factory=_close_kernel, stateful=True, grad=R.NO_GRADIENT, infer=lambda op: [])


@export("tf.QueueBase")
class QueueBase:
    _shuffle = False

    def __init__(self, capacity, dtypes, shapes=None, names=None, shared_name=None, name="fifo_queue",
                 min_after_dequeue=0, seed=None):
        g = get_default_graph()
        if not isinstance(dtypes, (list, tuple)):
            dtypes = [dtypes]
        self._dtypes = [_dt.as_dtype(d) for d in dtypes]
        if shapes is None:
            self._shapes = [TensorShape(None)] * len(self._dtypes)
        else:
            shapes = shapes if isinstance(shapes, (list, tuple)) and shapes and \
                isinstance(shapes[0], (list, tuple, TensorShape)) else [shapes]
            self._shapes = [as_shape(s) for s in shapes]
        self._names = names
        self.capacity = capacity
        graph_seed = g.seed
        attrs = {"shuffle": self._shuffle, "min_after_dequeue": int(min_after_dequeue or 0),
                 "seed": None if seed is None and graph_seed is None else [seed or 0, graph_seed or 0]}
        self.queue_ref = g.create_op("FifoQueueHandle", [], attrs, name=name).outputs[0]
        self.name = self.queue_ref.op.name

    @property
    def dtypes(self):
        return list(self._dtypes)

    @property
    def shapes(self):
        return list(self._shapes)

    @property
    def names(self):
        return self._names

    def _components(self, vals):
        if self._names is not None and isinstance(vals, dict):
            vals = [vals[n] for n in self._names]
        elif not isinstance(vals, (list, tuple)):
            vals = [vals]
        return [convert_to_tensor(v, dtype=d) for v, d in zip(vals, self._dtypes)]

    def _op(self, op_type, inputs, name, **attrs):
        attrs["queue"] = self
        return get_default_graph().create_op(op_type, [self.queue_ref] + inputs, attrs, name=name)

    def enqueue(self, vals, name=None):
        return self._op("FifoQueueEnqueue", self._components(vals), name or "enqueue", many=False)

    def enqueue_many(self, vals, name=None):
        return self._op("FifoQueueEnqueue", self._components(vals), name or "enqueue_many", many=True)

    def _unpack(self, op):
        outs = list(op.outputs)
        if self._names is not None:
            return dict(zip(self._names, outs))
        return outs[0] if len(outs) == 1 else outs

    def dequeue(self, name=None):
        return self._unpack(self._op("FifoQueueDequeue", [], name or "dequeue", n=None, up_to=False))

    def dequeue_many(self, n, name=None):
        return self._unpack(self._op("FifoQueueDequeue", [], name or "dequeue_many", n=int(n), up_to=False))

    def dequeue_up_to(self, n, name=None):
        return self._unpack(self._op("FifoQueueDequeue", [], name or "dequeue_up_to", n=int(n), up_to=True))

    def size(self, name=None):
        return self._op("FifoQueueSize", [], name or "size").outputs[0]

    def close(self, cancel_pending_enqueues=False, name=None):
        return self._op("FifoQueueClose", [], name or "close")


@export("tf.FIFOQueue")
class FIFOQueue(QueueBase):
    def __init__(self, capacity, dtypes, shapes=None, names=None, shared_name=None, name="fifo_queue"):
        super().__init__(capacity, dtypes, shapes, names, shared_name, name)


@export("tf.PaddingFIFOQueue")
class PaddingFIFOQueue(FIFOQueue):
    pass


@export("tf.RandomShuffleQueue")
class RandomShuffleQueue(QueueBase):
    _shuffle = True

    def __init__(self, capacity, min_after_dequeue, dtypes, shapes=None, names=None, seed=None, shared_name=None,
                 name="random_shuffle_queue"):
        super().__init__(capacity, dtypes, shapes, names, shared_name, name, min_after_dequeue, seed)



"""``string_input_producer``, ``TextLineReader``, ``decode_csv``, ``train.batch`` /
``shuffle_batch``, ``Coordinator``, ``start_queue_runners`` and a basic ``FIFOQueue``.

TensorFlow runs queue runners in background threads.  Here nothing runs in
the background: a producer queue is a Python object living in the session,
a reader pulls the next line when its op runs, and a batch op evaluates the
ops upstream of its inputs ``batch_size`` times within one ``session.run``
(re-running that part of the graph, readers included).  With one reader
thread this yields the same records in the same order as TensorFlow, and
``OutOfRangeError`` once the epochs are used up.
"""
import csv
import io
import sys
import threading

import numpy as np

from .. import errors
from ..control_flow.subgraph import execute
from ..dtypes import DType as _DType
from ..graph import GraphKeys, Tensor, convert_to_tensor, get_default_graph, topological_order
from ..kernels.stacking import stack
from ..namespace import export
from ..ops import array_ops
from ..ops import registry as R
from ..shapes import TensorShape

_dt = sys.modules[_DType.__module__]  # the dtypes module (package attr `dtypes` is tf.dtypes)


def _store(session, name):
    return session.resources.setdefault("queues." + name, {})


def _text(b):
    return b.decode("utf-8") if isinstance(b, bytes) else str(b)


# ---- producer queues ----------------------------------------------------------------------

class _Producer:
    """Items of ``values`` for ``num_epochs`` epochs (shuffled per epoch if asked)."""

    def __init__(self, values, num_epochs, shuffle, seed):
        self.values = values
        self.num_epochs = num_epochs
        self.shuffle = shuffle
        self.rng = np.random.default_rng(seed)
        self.epoch = 0
        self.pending = []
        self.closed = False

    def dequeue(self, op):
        while not self.pending:
            if self.closed or (self.num_epochs is not None and self.epoch >= self.num_epochs):
                raise errors.OutOfRangeError(
                    None, op, "FIFOQueue '_0_input_producer' is closed and has insufficient elements "
                    "(requested 1, current size 0)\n\t [[{{node %s}}]]" % (op.name if op else "?"))
            n = len(self.values[0])
            order = self.rng.permutation(n) if self.shuffle else np.arange(n)
            self.pending = [tuple(v[i] for v in self.values) for i in order]
            self.epoch += 1
        return self.pending.pop(0)


def _producer_kernel(op, session):
    store = _store(session, "producers")

    def kernel(*values):
        q = store.get(op)
        if q is None:
            q = store[op] = _Producer([np.asarray(v) for v in values], op.attrs["num_epochs"],
                                      op.attrs["shuffle"], op.attrs["seed"])
        return q
    return kernel


R.register("InputProducer", kernel_factory=_producer_kernel, stateful=True, grad=R.NO_GRADIENT,
           infer=lambda op: [(_dt.resource, TensorShape([]))])


class ProducerQueue:
    """What ``string_input_producer`` returns: a queue handle readers can read from."""

    def __init__(self, handle, dtypes, shapes):
        self.queue_ref = handle
        self._dtypes = dtypes
        self._shapes = shapes
        self.name = handle.op.name

    @property
    def dtypes(self):
        return self._dtypes

    def dequeue(self, name=None):
        op = get_default_graph().create_op("ProducerDequeue", [self.queue_ref], {"queue": self},
                                           name=name or "fifo_queue_Dequeue")
        outs = list(op.outputs)
        return outs[0] if len(outs) == 1 else outs

    def size(self, name=None):
        return get_default_graph().create_op("ProducerSize", [self.queue_ref], {}, name=name or "fifo_queue_Size") \
            .outputs[0]

    def close(self, cancel_pending_enqueues=False, name=None):
        return get_default_graph().create_op("ProducerClose", [self.queue_ref], {}, name=name or "fifo_queue_Close")


def _dequeue_kernel(op, session):
    n = len(op.outputs)

    def kernel(q):
        item = q.dequeue(op)
        return item[0] if n == 1 else list(item)
    return kernel


R.register("ProducerDequeue", kernel_factory=_dequeue_kernel, stateful=True, grad=R.NO_GRADIENT,
           infer=lambda op: list(zip(op.attrs["queue"]._dtypes, op.attrs["queue"]._shapes)))
R.register("ProducerSize", kernel=lambda q: np.int32(len(q.pending)), stateful=True, grad=R.NO_GRADIENT,
           infer=R.fixed(_dt.int32, []))


def _close(q):
    q.closed = True
    return ()


R.register("ProducerClose", kernel=_close, stateful=True, grad=R.NO_GRADIENT, infer=lambda op: [])


def _producer(tensors, num_epochs, shuffle, seed, name):
    g = get_default_graph()
    graph_seed = g.seed
    with g.name_scope(name) as scope:
        ts = [convert_to_tensor(t) for t in tensors]
        rng_seed = None if seed is None and graph_seed is None else [seed or 0, graph_seed or 0]
        handle = g.create_op("InputProducer", ts, {"num_epochs": num_epochs, "shuffle": shuffle, "seed": rng_seed},
                             name=scope + "fifo_queue" if scope else "fifo_queue").outputs[0]
        q = ProducerQueue(handle, [t.dtype for t in ts],
                          [t._shape[1:] if t._shape.ndims else TensorShape(None) for t in ts])
    g.add_to_collection(GraphKeys.QUEUE_RUNNERS, QueueRunner(q, []))
    return q


@export("tf.train.string_input_producer")
def string_input_producer(string_tensor, num_epochs=None, shuffle=True, seed=None, capacity=32,
                          shared_name=None, name=None, cancel_op=None):
    t = convert_to_tensor(string_tensor, dtype=_dt.string)
    return _producer([t], num_epochs, shuffle, seed, name or "input_producer")


@export("tf.train.input_producer")
def input_producer(input_tensor, element_shape=None, num_epochs=None, shuffle=True, seed=None, capacity=32,
                   shared_name=None, summary_name=None, name=None, cancel_op=None):
    return _producer([input_tensor], num_epochs, shuffle, seed, name or "input_producer")


@export("tf.train.range_input_producer")
def range_input_producer(limit, num_epochs=None, shuffle=True, seed=None, capacity=32, shared_name=None,
                         name=None):
    return _producer([array_ops.range(limit)], num_epochs, shuffle, seed, name or "input_producer")


@export("tf.train.slice_input_producer")
def slice_input_producer(tensor_list, num_epochs=None, shuffle=True, seed=None, capacity=32, shared_name=None,
                         name=None):
    q = _producer(tensor_list, num_epochs, shuffle, seed, name or "input_producer")
    out = q.dequeue()
    return out if isinstance(out, list) else [out]


# ---- readers ------------------------------------------------------------------------------

class _FileLines:
    def __init__(self, skip):
        self.skip = skip
        self.lines = None
        self.path = None
        self.lineno = 0

    def next_record(self, queue, op):
        while True:
            if self.lines is None:
                (fn,) = queue.dequeue(op)
                self.path = _text(np.asarray(fn, dtype=object).item() if isinstance(fn, np.ndarray) else fn)
                with open(self.path, "rb") as f:
                    self.lines = f.read().split(b"\n")
                if self.lines and self.lines[-1] == b"":
                    self.lines.pop()
                self.lineno = 0
                for _ in range(min(self.skip, len(self.lines))):
                    self.lines.pop(0)
                    self.lineno += 1
            if self.lines:
                self.lineno += 1
                line = self.lines.pop(0).rstrip(b"\r")
                return ("%s:%d" % (self.path, self.lineno)).encode(), line
            self.lines = None


class _WholeFile:
    def next_record(self, queue, op):
        (fn,) = queue.dequeue(op)
        path = _text(fn)
        with open(path, "rb") as f:
            return path.encode(), f.read()


class _Records:
    def __init__(self):
        self.it = None
        self.path = None
        self.n = 0

    def next_record(self, queue, op):
        from ..io_formats.events import read_records
        while True:
            if self.it is None:
                (fn,) = queue.dequeue(op)
                self.path = _text(fn)
                self.it = iter(list(read_records(self.path)))
                self.n = 0
            try:
                rec = next(self.it)
                self.n += 1
                return ("%s:%d" % (self.path, self.n - 1)).encode(), rec
            except StopIteration:
                self.it = None


def _read_kernel(op, session):
    store = _store(session, "readers")
    reader = op.attrs["reader"]

    def kernel(queue):
        state = store.get(reader)
        if state is None:
            state = store[reader] = reader._make_state()
        key, value = state.next_record(queue, op)
        return [np.asarray(key, dtype=object), np.asarray(value, dtype=object)]
    return kernel


R.register("ReaderRead", kernel_factory=_read_kernel, stateful=True, grad=R.NO_GRADIENT,
           infer=lambda op: [(_dt.string, TensorShape([])), (_dt.string, TensorShape([]))])


class ReaderBase:
    _default_name = "Reader"

    def __init__(self, name=None):
        self.name = name or self._default_name

    def read(self, queue, name=None):
        handle = queue.queue_ref if isinstance(queue, ProducerQueue) else queue
        op = get_default_graph().create_op("ReaderRead", [handle], {"reader": self}, name=name or "ReaderReadV2")
        return op.outputs[0], op.outputs[1]

    def read_up_to(self, queue, num_records, name=None):
        raise NotImplementedError("Reader.read_up_to is not supported by the numpy runtime")

    def reset(self, name=None):
        raise NotImplementedError("Reader.reset is not supported by the numpy runtime")


@export("tf.TextLineReader")
class TextLineReader(ReaderBase):
    _default_name = "TextLineReaderV2"

    def __init__(self, skip_header_lines=None, name=None):
        super().__init__(name)
        self._skip = skip_header_lines or 0

    def _make_state(self):
        return _FileLines(self._skip)


@export("tf.WholeFileReader")
class WholeFileReader(ReaderBase):
    _default_name = "WholeFileReaderV2"

    def _make_state(self):
        return _WholeFile()


@export("tf.TFRecordReader")
class TFRecordReader(ReaderBase):
    _default_name = "TFRecordReaderV2"

    def __init__(self, name=None, options=None):
        super().__init__(name)

    def _make_state(self):
        return _Records()


# ---- decode_csv -----------------------------------------------------------------------------

def _parse_field(text, dtype, default, col, na_value):
    if text == "" or (na_value and text == na_value):
        if default is None:
            raise errors.InvalidArgumentError(None, None, "Field %d is required but missing in record!" % col)
        return default
    if dtype == _dt.string:
        return text.encode()
    try:
        if dtype.is_integer:
            return int(text)
        return float(text)
    except ValueError:
        raise errors.InvalidArgumentError(
            None, None, "Field %d in record is not a valid %s: %s" % (col, dtype.name, text)) from None


def _decode_csv_kernel(op, session):
    dtypes = op.attrs["dtypes"]
    delim = op.attrs["field_delim"]
    use_quote = op.attrs["use_quote_delim"]
    na_value = op.attrs["na_value"]
    select = op.attrs["select_cols"]

    def kernel(records, *defaults):
        recs = np.asarray(records, dtype=object)
        defs = []
        for d, dt in zip(defaults, dtypes):
            d = np.asarray(d, dtype=object if dt == _dt.string else dt.as_numpy_dtype).reshape(-1)
            defs.append(d[0] if d.size else None)
        cols = [np.empty(recs.shape, dtype=object if dt == _dt.string else dt.as_numpy_dtype) for dt in dtypes]
        for idx in np.ndindex(recs.shape):
            line = _text(recs[idx])
            if use_quote:
                fields = next(csv.reader(io.StringIO(line), delimiter=delim), [""])
            else:
                fields = line.split(delim)
            if select is not None:
                fields = [fields[i] if i < len(fields) else "" for i in select]
            if len(fields) != len(dtypes):
                raise errors.InvalidArgumentError(
                    None, op, "Expect %d fields but have %d in record 0" % (len(dtypes), len(fields)))
            for c, (text, dt) in enumerate(zip(fields, dtypes)):
                cols[c][idx] = _parse_field(text, dt, defs[c], c, na_value)
        return cols[0] if len(cols) == 1 else cols
    return kernel


R.register("DecodeCSV", kernel_factory=_decode_csv_kernel, grad=R.NO_GRADIENT,
           infer=lambda op: [(dt, op.inputs[0]._shape) for dt in op.attrs["dtypes"]])


@export("tf.decode_csv", "tf.io.decode_csv")
def decode_csv(records, record_defaults, field_delim=",", use_quote_delim=True, name=None, na_value="",
               select_cols=None):
    g = get_default_graph()
    recs = convert_to_tensor(records, dtype=_dt.string)
    defaults = []
    for d in record_defaults:
        if isinstance(d, Tensor):
            defaults.append(d)
            continue
        arr = np.asarray(d) if not (isinstance(d, (list, tuple)) and len(d) and isinstance(d[0], (str, bytes))) \
            else np.asarray([x.encode() if isinstance(x, str) else x for x in d], dtype=object)
        if isinstance(d, (list, tuple)) and len(d) == 0:
            raise ValueError("record_defaults entries must not be empty lists for the numpy runtime "
                             "(give a default value, e.g. [0.0])")
        defaults.append(convert_to_tensor(arr if arr.dtype != np.float64 else arr.astype(np.float32)))
    dtypes = [t.dtype for t in defaults]
    op = g.create_op("DecodeCSV", [recs] + defaults,
                     {"dtypes": dtypes, "field_delim": field_delim, "use_quote_delim": use_quote_delim,
                      "na_value": na_value, "select_cols": select_cols}, name=name or "DecodeCSV")
    return list(op.outputs)


# ---- batching -------------------------------------------------------------------------------

def _upstream_order(tensors):
    """Every op the tensors depend on, dependencies first."""
    return topological_order([t.op for t in tensors], lambda op: [t.op for t in op.inputs] + list(op.control_inputs))


def _evaluate(session, order, tensors):
    vals = execute(session, order, {})
    return [vals[t] for t in tensors]


class _BatchState:
    def __init__(self):
        self.buffer = []
        self.exhausted = False


def _batch_kernel(op, session):
    a = op.attrs
    inputs = a["inputs"]
    order = _upstream_order(inputs)
    store = _store(session, "batches")
    rng = np.random.default_rng(a["seed"])
    dtypes = [t.dtype for t in inputs]

    def fill(state, target):
        while not state.exhausted and len(state.buffer) < target:
            try:
                vals = _evaluate(session, order, inputs)
            except errors.OutOfRangeError:
                state.exhausted = True
                break
            if a["enqueue_many"]:
                for i in range(len(vals[0])):
                    state.buffer.append([v[i] for v in vals])
            else:
                state.buffer.append(vals)

    def kernel():
        state = store.get(op)
        if state is None:
            state = store[op] = _BatchState()
        bs = a["batch_size"]
        fill(state, bs + (a["min_after_dequeue"] if a["shuffle"] else 0))
        if len(state.buffer) < bs and not (a["allow_smaller"] and state.buffer and state.exhausted):
            raise errors.OutOfRangeError(
                None, op, "FIFOQueue '_1_batch/fifo_queue' is closed and has insufficient elements (requested "
                "%d, current size %d)\n\t [[{{node %s}}]]" % (bs, len(state.buffer), op.name))
        k = min(bs, len(state.buffer))
        if a["shuffle"]:
            picks = sorted(rng.choice(len(state.buffer), size=k, replace=False).tolist(), reverse=True)
            items = [state.buffer.pop(i) for i in picks]
        else:
            items = state.buffer[:k]
            del state.buffer[:k]
        out = [stack([it[c] for it in items], None if dt == _dt.string else dt.as_numpy_dtype, dt == _dt.string)
               for c, dt in enumerate(dtypes)]
        return out[0] if len(out) == 1 else out
    return kernel


def _batch_infer(op):
    a = op.attrs
    lead = None if a["allow_smaller"] else a["batch_size"]
    out = []
    for t, s in zip(a["inputs"], a["shapes"]):
        shape = s if s is not None else (t._shape[1:] if a["enqueue_many"] and t._shape.ndims else t._shape)
        shape = TensorShape(shape)
        out.append((t.dtype, TensorShape([lead]).concatenate(shape) if shape.ndims is not None
                    else TensorShape(None)))
    return out


R.register("QueueBatch", kernel_factory=_batch_kernel, infer=_batch_infer, stateful=True, grad=R.NO_GRADIENT)


def _batch(tensors, batch_size, shuffle, capacity, min_after_dequeue, seed, enqueue_many, shapes,
           allow_smaller_final_batch, name, dynamic_pad=False):
    from ..control_flow import nest
    if dynamic_pad:
        raise NotImplementedError("dynamic_pad batching is not supported by the numpy runtime")
    g = get_default_graph()
    flat = [convert_to_tensor(t) for t in nest.flatten(tensors)]
    shp = list(shapes) if shapes is not None else [None] * len(flat)
    graph_seed = g.seed
    attrs = {"inputs": flat, "batch_size": int(batch_size), "shuffle": shuffle,
             "min_after_dequeue": int(min_after_dequeue or 0), "enqueue_many": enqueue_many, "shapes": shp,
             "allow_smaller": allow_smaller_final_batch,
             "seed": None if seed is None and graph_seed is None else [seed or 0, graph_seed or 0]}
    with g.name_scope(name) as scope:
        op = g.create_op("QueueBatch", [], attrs, name=scope)
    g.add_to_collection(GraphKeys.QUEUE_RUNNERS, QueueRunner(None, []))
    outs = list(op.outputs)
    if isinstance(tensors, dict):
        return nest.pack_sequence_as(tensors, outs)
    # like TF: a one-element list comes back as a single tensor (dequeue_many of one component)
    return outs[0] if len(outs) == 1 else nest.pack_sequence_as(tensors, outs)


@export("tf.train.batch")
def batch(tensors, batch_size, num_threads=1, capacity=32, enqueue_many=False, shapes=None, dynamic_pad=False,
          allow_smaller_final_batch=False, shared_name=None, name=None):
    return _batch(tensors, batch_size, False, capacity, 0, None, enqueue_many, shapes, allow_smaller_final_batch,
                  name or "batch", dynamic_pad)


@export("tf.train.shuffle_batch")
def shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, num_threads=1, seed=None, enqueue_many=False,
                  shapes=None, allow_smaller_final_batch=False, shared_name=None, name=None):
    return _batch(tensors, batch_size, True, capacity, min_after_dequeue, seed, enqueue_many, shapes,
                  allow_smaller_final_batch, name or "shuffle_batch")


@export("tf.train.batch_join")
def batch_join(tensors_list, batch_size, **kwargs):
    if len(tensors_list) != 1:
        raise NotImplementedError("batch_join with several readers is not supported")
    return batch(tensors_list[0], batch_size, **kwargs)


@export("tf.train.shuffle_batch_join")
def shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, **kwargs):
    if len(tensors_list) != 1:
        raise NotImplementedError("shuffle_batch_join with several readers is not supported")
    return shuffle_batch(tensors_list[0], batch_size, capacity, min_after_dequeue, **kwargs)


# ---- coordinator / queue runners -----------------------------------------------------------

@export("tf.train.QueueRunner", "tf.train.queue_runner.QueueRunner")
class QueueRunner:
    def __init__(self, queue=None, enqueue_ops=None, close_op=None, cancel_op=None, queue_closed_exception_types=None):
        self.queue = queue
        self.enqueue_ops = list(enqueue_ops or [])

    def create_threads(self, sess, coord=None, daemon=False, start=False):
        return []


@export("tf.train.add_queue_runner", "tf.train.queue_runner.add_queue_runner")
def add_queue_runner(qr, collection=GraphKeys.QUEUE_RUNNERS):
    get_default_graph().add_to_collection(collection, qr)


class _NoThread:
    """Stands in for a queue-runner thread: the work happens inside session.run."""

    def join(self, timeout=None):
        pass

    def is_alive(self):
        return False

    @property
    def name(self):
        return "QueueRunnerThread"


@export("tf.train.start_queue_runners", "tf.train.queue_runner.start_queue_runners")
def start_queue_runners(sess=None, coord=None, daemon=True, start=True, collection=GraphKeys.QUEUE_RUNNERS):
    runners = get_default_graph().get_collection(collection)
    return [_NoThread() for _ in runners]


@export("tf.train.Coordinator")
class Coordinator:
    def __init__(self, clean_stop_exception_types=None):
        self._clean = tuple(clean_stop_exception_types or (errors.OutOfRangeError,))
        self._stop = threading.Event()
        self._exc = None

    def should_stop(self):
        return self._stop.is_set()

    def request_stop(self, ex=None):
        if ex is not None and not isinstance(ex, self._clean) and self._exc is None:
            self._exc = ex
        self._stop.set()

    def clear_stop(self):
        self._stop.clear()
        self._exc = None

    def wait_for_stop(self, timeout=None):
        return self._stop.wait(timeout)

    def join(self, threads=None, stop_grace_period_secs=120, ignore_live_threads=False):
        for t in threads or []:
            t.join()
        if self._exc is not None:
            exc, self._exc = self._exc, None
            raise exc

    def raise_requested_exception(self):
        if self._exc is not None:
            raise self._exc

    def register_thread(self, thread):
        pass

    @property
    def joined(self):
        return False

    def stop_on_exception(self):
        coord = self

        class _Ctx:
            def __enter__(self):
                return coord

            def __exit__(self, exc_type, exc, tb):
                if exc is not None:
                    coord.request_stop(exc)
                    return True
                return False
        return _Ctx()


class LooperThread:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("LooperThread is not supported by the numpy runtime")

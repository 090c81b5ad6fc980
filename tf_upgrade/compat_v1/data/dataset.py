"""``tf.data`` in graph mode, executed eagerly inside the session.

A :class:`Dataset` is a description: the graph tensors it reads (its
*captured* inputs, e.g. a placeholder given to ``from_tensor_slices``) plus a
Python recipe that turns their values into an iterator over elements (flat
lists of numpy arrays).  ``map`` / ``filter`` functions are traced once into a
:class:`~..control_flow.subgraph.Subgraph` and run per element with the
session's kernels.  An iterator is a session resource: its initializer op
evaluates the captured tensors and starts the recipe; ``get_next()`` is an op
that pulls the next element or raises ``tf.errors.OutOfRangeError``.
"""
import itertools
import sys

import numpy as np

from .. import errors
from ..control_flow import nest
from ..control_flow.subgraph import Subgraph, make_arg, tracing
from ..dtypes import DType as _DType
from ..graph import Tensor, convert_to_tensor, get_default_graph
from ..kernels.stacking import stack
from ..ops import registry as R
from ..shapes import TensorShape, as_shape

_dt = sys.modules[_DType.__module__]  # the dtypes module (package attr `dtypes` is tf.dtypes)


def _np_dtype(dtype):
    return dtype.as_numpy_dtype


def _as_value(v, dtype):
    if dtype == _dt.string:
        if isinstance(v, np.ndarray) and v.dtype == object:
            return v
        arr = np.asarray(v, dtype=object)
        return arr
    return np.asarray(v, dtype=_np_dtype(dtype))


class Dataset:
    """Base: ``structure`` (nest of None leaves), ``dtypes`` / ``shapes`` (flat lists)."""

    def __init__(self, structure, dtypes, shapes, captured, recipe):
        self._structure = structure
        self._dtypes = list(dtypes)
        self._shapes = [as_shape(s) for s in shapes]
        self._captured = list(captured)
        self._recipe = recipe  # recipe(ctx) -> iterator of flat element lists

    # ---- properties (TF1 Dataset API)
    @property
    def output_types(self):
        return nest.pack_sequence_as(self._structure, self._dtypes)

    @property
    def output_shapes(self):
        return nest.pack_sequence_as(self._structure, self._shapes)

    @property
    def output_classes(self):
        return nest.pack_sequence_as(self._structure, [Tensor] * len(self._dtypes))

    element_spec = output_shapes

    def _derive(self, structure, dtypes, shapes, recipe, extra_captured=()):
        return Dataset(structure, dtypes, shapes, self._captured + list(extra_captured), recipe)

    # ---- sources
    @staticmethod
    def from_tensor_slices(tensors):
        flat = [convert_to_tensor(t) for t in nest.flatten(tensors)]
        structure = nest.pack_sequence_as(tensors, [None] * len(flat))
        shapes = [t._shape[1:] if t._shape.ndims else TensorShape(None) for t in flat]

        def recipe(ctx):
            vals = [ctx.value(t) for t in flat]
            n = len(vals[0])
            for v in vals[1:]:
                if len(v) != n:
                    raise errors.InvalidArgumentError(None, None, "Dimensions of components must match")
            for i in range(n):
                yield [v[i] for v in vals]
        return Dataset(structure, [t.dtype for t in flat], shapes, flat, recipe)

    @staticmethod
    def from_tensors(tensors):
        flat = [convert_to_tensor(t) for t in nest.flatten(tensors)]
        structure = nest.pack_sequence_as(tensors, [None] * len(flat))

        def recipe(ctx):
            yield [ctx.value(t) for t in flat]
        return Dataset(structure, [t.dtype for t in flat], [t._shape for t in flat], flat, recipe)

    @staticmethod
    def from_generator(generator, output_types, output_shapes=None, args=None):
        """Elements come from calling ``generator(*args)`` afresh each time an iterator starts."""
        flat_types = [_dt.as_dtype(t) for t in nest.flatten(output_types)]
        if output_shapes is None:
            flat_shapes = [TensorShape(None)] * len(flat_types)
        else:
            flat_shapes = [as_shape(x) for x in _flatten_shapes(output_shapes, len(flat_types))]
        structure = nest.pack_sequence_as(output_types, [None] * len(flat_types)) \
            if nest.is_sequence(output_types) else None
        arg_tensors = [convert_to_tensor(a) for a in (args or [])]

        def recipe(ctx):
            call_args = [ctx.value(t) for t in arg_tensors]
            for el in generator(*call_args):
                try:
                    flat = nest.flatten_up_to(output_types, el) if structure is not None else [el]
                except (ValueError, KeyError, TypeError):
                    raise errors.InvalidArgumentError(None, None, "generator yielded an element of the wrong "
                                                      "structure: %r" % (el,)) from None
                vals = [_as_value(v, d) for v, d in zip(flat, flat_types)]
                for v, shp in zip(vals, flat_shapes):
                    if not shp.is_compatible_with(np.shape(v)):
                        raise errors.InvalidArgumentError(None, None, "generator yielded an element of shape %s "
                                                          "where %s was expected" % (list(np.shape(v)), shp))
                yield vals
        return Dataset(structure, flat_types, flat_shapes, arg_tensors, recipe)

    @staticmethod
    def range(*args, **kwargs):
        output_type = kwargs.pop("output_type", _dt.int64)
        tensors = [convert_to_tensor(a, dtype=_dt.int64) for a in args]

        def recipe(ctx):
            bounds = [int(ctx.value(t)) for t in tensors]
            npd = _np_dtype(output_type)
            for v in range(*bounds):
                yield [np.asarray(v, npd)]
        return Dataset(None, [output_type], [TensorShape([])], tensors, recipe)

    @staticmethod
    def zip(datasets):
        flat_ds = nest.flatten(datasets)
        structure = nest.pack_sequence_as(datasets, [d._structure for d in flat_ds])

        def recipe(ctx):
            its = [d._recipe(ctx) for d in flat_ds]
            for parts in zip(*its):
                yield [v for p in parts for v in p]
        captured = [t for d in flat_ds for t in d._captured]
        return Dataset(structure, [t for d in flat_ds for t in d._dtypes],
                       [s for d in flat_ds for s in d._shapes], captured, recipe)

    def concatenate(self, dataset):
        def recipe(ctx):
            return itertools.chain(self._recipe(ctx), dataset._recipe(ctx))
        shapes = [TensorShape(None) if a.ndims != b.ndims else
                  TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])
                  if a.ndims is not None else a for a, b in zip(self._shapes, dataset._shapes)]
        return self._derive(self._structure, self._dtypes, shapes, recipe, dataset._captured)

    # ---- transformations
    def batch(self, batch_size, drop_remainder=False):
        bs_t = convert_to_tensor(batch_size, dtype=_dt.int64)
        dtypes = self._dtypes
        static_bs = int(batch_size) if isinstance(batch_size, (int, np.integer)) and drop_remainder else None

        def recipe(ctx):
            bs = int(ctx.value(bs_t))
            buf = []
            for el in self._recipe(ctx):
                buf.append(el)
                if len(buf) == bs:
                    yield _stack(buf, dtypes)
                    buf = []
            if buf and not drop_remainder:
                yield _stack(buf, dtypes)
        shapes = [TensorShape([static_bs]).concatenate(s) if s.ndims is not None else TensorShape(None)
                  for s in self._shapes]
        return self._derive(self._structure, dtypes, shapes, recipe, [bs_t])

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None, drop_remainder=False):
        dtypes = self._dtypes
        pads = nest.flatten(padding_values) if padding_values is not None else [None] * len(dtypes)

        def recipe(ctx):
            buf = []
            for el in self._recipe(ctx):
                buf.append(el)
                if len(buf) == batch_size:
                    yield _pad_stack(buf, dtypes, pads)
                    buf = []
            if buf and not drop_remainder:
                yield _pad_stack(buf, dtypes, pads)
        shapes = [TensorShape([None] * (s.ndims + 1)) if s.ndims is not None else TensorShape(None)
                  for s in self._shapes]
        return self._derive(self._structure, dtypes, shapes, recipe)

    def repeat(self, count=None):
        count_t = convert_to_tensor(-1 if count is None else count, dtype=_dt.int64)

        def recipe(ctx):
            n = int(ctx.value(count_t))
            i = 0
            while n < 0 or i < n:
                empty = True
                for el in self._recipe(ctx):
                    empty = False
                    yield el
                if empty:
                    return
                i += 1
        return self._derive(self._structure, self._dtypes, self._shapes, recipe, [count_t])

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=None):
        """Same buffer algorithm as TF (random pick from a buffer); the random stream differs."""
        bs_t = convert_to_tensor(buffer_size, dtype=_dt.int64)
        graph_seed = get_default_graph().seed

        def recipe(ctx):
            rng = np.random.default_rng(None if seed is None and graph_seed is None else
                                        [seed or 0, graph_seed or 0])
            size = int(ctx.value(bs_t))
            buf = []
            for el in self._recipe(ctx):
                buf.append(el)
                if len(buf) >= size:
                    k = int(rng.integers(len(buf)))
                    buf[k], buf[-1] = buf[-1], buf[k]
                    yield buf.pop()
            while buf:
                k = int(rng.integers(len(buf)))
                buf[k], buf[-1] = buf[-1], buf[k]
                yield buf.pop()
        return self._derive(self._structure, self._dtypes, self._shapes, recipe, [bs_t])

    def take(self, count):
        # count < 0 takes everything
        return self._counted(count, lambda it, n: it if n < 0 else itertools.islice(it, n))

    def skip(self, count):
        # count < 0 skips everything
        return self._counted(count, lambda it, n: iter(()) if n < 0 else itertools.islice(it, n, None))

    def _counted(self, count, select):
        """A dataset of ``select(elements, n)`` with ``n`` the (tensor) ``count``, read at run time."""
        count_t = convert_to_tensor(count, dtype=_dt.int64)

        def recipe(ctx):
            return select(self._recipe(ctx), int(ctx.value(count_t)))
        return self._derive(self._structure, self._dtypes, self._shapes, recipe, [count_t])

    def prefetch(self, buffer_size=None):
        return self

    def cache(self, filename=""):
        return self

    def with_options(self, options):
        return self

    def apply(self, transformation_func):
        return transformation_func(self)

    def _call_on_element(self, fn):
        """(element placeholders, ``fn`` applied to them as TF passes an element); call it while tracing."""
        args = [make_arg(d, s, name="element") for d, s in zip(self._dtypes, self._shapes)]
        packed = nest.pack_sequence_as(self._structure, args)
        if isinstance(packed, tuple) and not hasattr(packed, "_fields"):
            return args, fn(*packed)
        return args, fn(packed)

    def _trace(self, fn):
        with tracing():
            args, result = self._call_on_element(fn)
            flat_out = [convert_to_tensor(v) for v in nest.flatten(result)]
        return args, result, flat_out

    def map(self, map_func, num_parallel_calls=None, deterministic=None):
        args, result, flat_out = self._trace(map_func)
        sg = Subgraph(args, flat_out)
        structure = nest.pack_sequence_as(result, [None] * len(flat_out)) if nest.is_sequence(result) else None
        dtypes = [t.dtype for t in flat_out]

        def recipe(ctx):
            caps = [ctx.value(t) for t in sg.captured]
            for el in self._recipe(ctx):
                yield [_as_value(v, d) for v, d in zip(sg.run(ctx.session, el, caps), dtypes)]
        return self._derive(structure, dtypes, [t._shape for t in flat_out], recipe, sg.captured)

    def filter(self, predicate):
        args, _result, flat_out = self._trace(predicate)
        sg = Subgraph(args, flat_out[:1])

        def recipe(ctx):
            caps = [ctx.value(t) for t in sg.captured]
            for el in self._recipe(ctx):
                if bool(np.asarray(sg.run(ctx.session, el, caps)[0])):
                    yield el
        return self._derive(self._structure, self._dtypes, self._shapes, recipe, sg.captured)

    def _trace_dataset_fn(self, fn):
        """Trace ``fn`` (element -> Dataset); returns (inner dataset, subgraph computing its inputs)."""
        with tracing():
            args, inner = self._call_on_element(fn)
        if not isinstance(inner, Dataset):
            raise TypeError("the function must return a Dataset, got %r" % (inner,))
        return inner, Subgraph(args, list(inner._captured))

    @staticmethod
    def _inner_iter(inner, sg, ctx, caps, el):
        values = sg.run(ctx.session, el, caps)
        return inner._recipe(_Ctx(ctx.session, dict(zip(inner._captured, values))))

    def flat_map(self, map_func):
        inner, sg = self._trace_dataset_fn(map_func)

        def recipe(ctx):
            caps = [ctx.value(t) for t in sg.captured]
            for el in self._recipe(ctx):
                yield from Dataset._inner_iter(inner, sg, ctx, caps, el)
        return self._derive(inner._structure, inner._dtypes, inner._shapes, recipe, sg.captured)

    def interleave(self, map_func, cycle_length=None, block_length=1, num_parallel_calls=None, deterministic=None):
        """TF's order: ``cycle_length`` inputs open at once, ``block_length`` elements from each in turn,
        an exhausted input replaced by the next one."""
        inner, sg = self._trace_dataset_fn(map_func)
        cycle = int(cycle_length) if cycle_length not in (None, -1) else 1
        block = int(block_length or 1)

        def recipe(ctx):
            caps = [ctx.value(t) for t in sg.captured]
            outer = self._recipe(ctx)
            slots = []
            for el in outer:
                slots.append(Dataset._inner_iter(inner, sg, ctx, caps, el))
                if len(slots) == cycle:
                    break
            k = 0
            while slots:
                it = slots[k]
                exhausted = False
                for _ in range(block):
                    try:
                        yield next(it)
                    except StopIteration:
                        exhausted = True
                        break
                if exhausted:
                    nxt = next(outer, None)
                    if nxt is not None:
                        slots[k] = Dataset._inner_iter(inner, sg, ctx, caps, nxt)
                    else:
                        slots.pop(k)
                        if slots:
                            k %= len(slots)
                        continue
                k = (k + 1) % len(slots) if slots else 0
        return self._derive(inner._structure, inner._dtypes, inner._shapes, recipe, sg.captured)

    @staticmethod
    def list_files(file_pattern, shuffle=None, seed=None):
        """Matching file names, sorted, then shuffled (TF's default) unless ``shuffle=False``."""
        import glob as _glob
        patterns = convert_to_tensor(file_pattern, dtype=_dt.string)
        graph_seed = get_default_graph().seed

        def recipe(ctx):
            names = []
            for p in np.asarray(ctx.value(patterns), dtype=object).reshape(-1):
                names.extend(sorted(_glob.glob(p.decode() if isinstance(p, bytes) else str(p))))
            if not names:
                raise errors.InvalidArgumentError(None, None, "Expected 'file_pattern' to match files")
            if shuffle is None or shuffle:
                rng = np.random.default_rng(None if seed is None and graph_seed is None else
                                            [seed or 0, graph_seed or 0])
                names = [names[i] for i in rng.permutation(len(names))]
            for n in names:
                yield [np.asarray(n.encode(), dtype=object)]
        return Dataset(None, [_dt.string], [TensorShape([])], [patterns], recipe)

    # ---- iterators
    def make_one_shot_iterator(self):
        return Iterator(self._structure, self._dtypes, self._shapes, dataset=self, one_shot=True)

    def make_initializable_iterator(self, shared_name=None):
        return Iterator(self._structure, self._dtypes, self._shapes, dataset=self)

    def __iter__(self):
        raise RuntimeError("dataset.__iter__() is only supported when eager execution is enabled.")


DatasetV1 = Dataset


def _stack(buf, dtypes):
    return [stack([el[i] for el in buf], None if d == _dt.string else _np_dtype(d), d == _dt.string)
            for i, d in enumerate(dtypes)]


def _pad_stack(buf, dtypes, pads):
    out = []
    for i, d in enumerate(dtypes):
        items = [np.asarray(el[i]) for el in buf]
        shape = [max(s) for s in zip(*[x.shape for x in items])] if items[0].ndim else []
        fill = pads[i] if pads[i] is not None else (b"" if d == _dt.string else 0)
        arr = np.full([len(items)] + shape, fill, dtype=object if d == _dt.string else _np_dtype(d))
        for j, x in enumerate(items):
            arr[(j,) + tuple(slice(0, s) for s in x.shape)] = x
        out.append(arr)
    return out


class TextLineDataset(Dataset):
    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None):
        names = convert_to_tensor(filenames, dtype=_dt.string)

        def recipe(ctx):
            for fn in np.asarray(ctx.value(names), dtype=object).reshape(-1):
                path = fn.decode() if isinstance(fn, bytes) else str(fn)
                with open(path, "rb") as f:
                    for line in f:
                        yield [np.asarray(line.rstrip(b"\n").rstrip(b"\r"), dtype=object)]
        super().__init__(None, [_dt.string], [TensorShape([])], [names], recipe)


class TFRecordDataset(Dataset):
    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None):
        from ..io_formats.events import read_records
        names = convert_to_tensor(filenames, dtype=_dt.string)

        def recipe(ctx):
            for fn in np.asarray(ctx.value(names), dtype=object).reshape(-1):
                path = fn.decode() if isinstance(fn, bytes) else str(fn)
                for rec in read_records(path):
                    yield [np.asarray(rec, dtype=object)]
        super().__init__(None, [_dt.string], [TensorShape([])], [names], recipe)


# ---- iterator ops -----------------------------------------------------------------------

class _Ctx:
    def __init__(self, session, values):
        self.session = session
        self._values = values

    def value(self, t):
        return self._values[t]


def _state(session, key):
    return session.resources.setdefault("tf.data", {}).get(key)


def _init_kernel(op, session):
    it = op.attrs["iterator"]
    ds = op.attrs["dataset"]

    def kernel(*values):
        ctx = _Ctx(session, dict(zip(ds._captured, values)))
        session.resources.setdefault("tf.data", {})[it._key] = ds._recipe(ctx)
        return ()
    return kernel


def _next_kernel(op, session):
    it = op.attrs["iterator"]
    dtypes = it._dtypes
    n = len(dtypes)

    def kernel(*values):
        store = session.resources.setdefault("tf.data", {})
        gen = store.get(it._key)
        if gen is None:
            if it._one_shot:
                ctx = _Ctx(session, dict(zip(it._dataset._captured, values)))
                gen = store[it._key] = it._dataset._recipe(ctx)
            else:
                raise errors.FailedPreconditionError(
                    None, op, "GetNext() failed because the iterator has not been initialized. Ensure that "
                    "you have run the initializer operation for this iterator before getting the next element.")
        try:
            el = next(gen)
        except StopIteration:
            raise errors.OutOfRangeError(None, op, "End of sequence\n\t [[{{node %s}}]]" % op.name) from None
        vals = [_as_value(v, d) for v, d in zip(el, dtypes)]
        return vals[0] if n == 1 else vals
    return kernel


R.register("MakeIterator", kernel_factory=_init_kernel, infer=lambda op: [], stateful=True,
           grad=R.NO_GRADIENT)
R.register("IteratorGetNext", kernel_factory=_next_kernel, stateful=True, grad=R.NO_GRADIENT,
           infer=lambda op: list(zip(op.attrs["iterator"]._dtypes, op.attrs["iterator"]._shapes)))


class Iterator:
    _counter = itertools.count()

    def __init__(self, structure, dtypes, shapes, dataset=None, one_shot=False):
        self._structure = structure
        self._dtypes = list(dtypes)
        self._shapes = [as_shape(s) for s in shapes]
        self._dataset = dataset
        self._one_shot = one_shot
        self._key = next(Iterator._counter)
        self._initializer = None
        if dataset is not None and not one_shot:
            self._initializer = self.make_initializer(dataset)

    @staticmethod
    def from_structure(output_types, output_shapes=None, shared_name=None, output_classes=None):
        flat_types = [_dt.as_dtype(t) for t in nest.flatten(output_types)]
        if output_shapes is None:
            flat_shapes = [TensorShape(None)] * len(flat_types)
        else:
            flat_shapes = [as_shape(s) for s in _flatten_shapes(output_shapes, len(flat_types))]
        structure = nest.pack_sequence_as(output_types, [None] * len(flat_types)) \
            if nest.is_sequence(output_types) else None
        return Iterator(structure, flat_types, flat_shapes)

    @staticmethod
    def from_string_handle(*args, **kwargs):
        raise NotImplementedError("feedable iterators (from_string_handle) are not supported")

    @property
    def initializer(self):
        if self._initializer is None:
            raise ValueError("Iterator does not have an initializer.")
        return self._initializer

    @property
    def output_types(self):
        return nest.pack_sequence_as(self._structure, self._dtypes)

    @property
    def output_shapes(self):
        return nest.pack_sequence_as(self._structure, self._shapes)

    def make_initializer(self, dataset, name=None):
        if [d.base_dtype for d in dataset._dtypes] != [d.base_dtype for d in self._dtypes]:
            raise TypeError("Expected output types %r but got dataset with output types %r."
                            % (self._dtypes, dataset._dtypes))
        g = get_default_graph()
        return g.create_op("MakeIterator", list(dataset._captured), {"iterator": self, "dataset": dataset},
                           name=name or "MakeIterator")

    def get_next(self, name=None):
        g = get_default_graph()
        inputs = list(self._dataset._captured) if self._one_shot else []
        op = g.create_op("IteratorGetNext", inputs, {"iterator": self}, name=name or "IteratorGetNext")
        outs = list(op.outputs)
        return nest.pack_sequence_as(self._structure, outs) if self._structure is not None else outs[0]

    def string_handle(self, name=None):
        raise NotImplementedError("feedable iterators (string_handle) are not supported")


def _flatten_shapes(shapes, n):
    if n == 1 and not isinstance(shapes, dict) and (
            isinstance(shapes, TensorShape) or not any(isinstance(s, (list, tuple, TensorShape, dict)) for s in shapes)):
        return [shapes]
    out = []
    if isinstance(shapes, dict):
        for k in sorted(shapes):
            out.extend(_flatten_shapes(shapes[k], len(nest.flatten(shapes[k])) if nest.is_sequence(shapes[k]) else 1))
        return out
    for s in shapes:
        if isinstance(s, TensorShape) or s is None or not any(isinstance(x, (list, tuple, TensorShape, dict)) for x in s):
            out.append(s)
        else:
            out.extend(_flatten_shapes(s, 2))
    return out


def make_one_shot_iterator(dataset):
    return dataset.make_one_shot_iterator()


def make_initializable_iterator(dataset, shared_name=None):
    return dataset.make_initializable_iterator(shared_name)


def get_output_types(dataset):
    return dataset.output_types


def get_output_shapes(dataset):
    return dataset.output_shapes


def get_output_classes(dataset):
    return dataset.output_classes

"""Queue input pipelines -> ``tf.data``.

TF 1.x reads files through queues fed by threads::

    files = tf.train.string_input_producer([path], num_epochs=2, shuffle=False)
    reader = tf.TextLineReader(skip_header_lines=1)
    _, line = reader.read(files)
    label, a, b = tf.decode_csv(line, record_defaults=[[0], [0.0], [0.0]])   # one example
    features = tf.stack([a, b])
    feature_batch, label_batch = tf.train.batch([features, label], batch_size=5)
    ... coord = tf.train.Coordinator(); threads = tf.train.start_queue_runners(sess, coord) ...

The lift: the per-example statements become the function a ``tf.data`` pipeline maps over the
records; the producer becomes a dataset of file names (``shuffle`` per epoch, ``repeat`` for
``num_epochs``, None: forever), the reader ``flat_map`` over ``TextLineDataset`` /
``TFRecordDataset`` / ``FixedLengthRecordDataset``; ``tf.train.batch`` becomes ``batch`` (the last,
short batch dropped unless ``allow_smaller_final_batch``, as the queue's dequeue_many did),
``shuffle_batch`` ``shuffle(min_after_dequeue)`` before it (TF's documented replacement).  The
batch's tensors act as the parameters of the lifted steps: each ``sess.run`` that reads them
dequeues one batch, so its call passes ``iterator.get_next()``, which raises the same
``tf.errors.OutOfRangeError`` when the epochs are done.  The coordinator and the queue-runner
threads vanish (``while not coord.should_stop()`` is ``while True``).

With one reader and ``tf.train.batch`` on one thread the element order is the queue's, so the
verify harness compares batches and losses step by step; ``shuffle=True`` and ``shuffle_batch``
draw their order at random in both versions, and the harness turns shuffling off in both runs
(``num_threads=1``, no shuffle) to compare the rest.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Dict, List, Set

from . import graph as G
from . import tables
from .names import Decline, call_name, loaded_names, qualname, tf_references

PRODUCERS = ("tf.train.string_input_producer",)
READERS = {"tf.TextLineReader": "tf.data.TextLineDataset", "tf.TFRecordReader": "tf.data.TFRecordDataset",
           "tf.FixedLengthRecordReader": "tf.data.FixedLengthRecordDataset"}
BATCHERS = ("tf.train.batch", "tf.train.shuffle_batch")
COORDINATOR = "tf.train.Coordinator"
START = "tf.train.start_queue_runners"
# node kinds: dropped from the output except BATCH, which writes the dataset
FILES, READER, RECORD, EXAMPLE, BATCH, COORD = "files", "reader", "record", "example", "batch", "coordinator"


@dataclass
class Pipeline:
    files: Dict[str, G.Node] = field(default_factory=dict)
    readers: Dict[str, G.Node] = field(default_factory=dict)
    records: Dict[str, G.Node] = field(default_factory=dict)  # value name -> record node
    example_names: Set[str] = field(default_factory=set)
    coordinators: Set[str] = field(default_factory=set)
    dead: Set[str] = field(default_factory=set)  # names that must not be read again (a reader's key)


def _args(call, params, what):
    return G.bind_args(call, params, what)


class PipelineReader:
    """Consumes the pipeline statements of the graph-building code for a GraphReader."""

    def __init__(self, reader: "G.GraphReader"):
        self.r = reader
        self.g = reader.g
        self.p = Pipeline()
        self.g.pipeline_coordinators = self.p.coordinators  # the session reader drops their calls
        self.g.pipeline_examples = set()  # every per-example name: fetching one reads an unbatched record
        self.examples: List[ast.stmt] = []  # per-example statements not yet batched

    def _node(self, kind, name, stmt, **info) -> G.Node:
        n = G.Node(len(self.g.nodes), kind, name, stmt, None, info=info)
        self.g.nodes.append(n)
        self.g.items.append(G.Item(stmt, n))
        return n

    def statement(self, stmt: ast.stmt) -> bool:
        alias = self.g.alias
        names = loaded_names(stmt)
        bad = names & self.p.dead
        if bad:
            raise Decline("TFU506", stmt, f"`{sorted(bad)[0]}` (a reader's record key, \"file:line\") is read; "
                                          "tf.data datasets give no key")
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.Expr)) else None
        q = call_name(value, alias) if value is not None else None
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
        single = target.id if isinstance(target, ast.Name) else None
        if q == COORDINATOR and single:
            self.p.coordinators.add(single)
            self._node(COORD, None, stmt)
            return True
        if q in PRODUCERS:
            if not single:
                raise Decline("TFU506", stmt, f"`{q}` bound to something other than a name")
            args = _args(value, ("string_tensor", "num_epochs", "shuffle", "seed", "capacity", "shared_name",
                                 "name", "cancel_op"), q)
            if "cancel_op" in args or "shared_name" in args:
                raise Decline("TFU506", value, f"`{q}` with shared_name/cancel_op")
            self._plain_args(value, ("string_tensor", "num_epochs", "shuffle", "seed"), args)
            self.p.files[single] = self._node(FILES, None, stmt, args=args)
            return True
        if q in READERS:
            if not single:
                raise Decline("TFU506", stmt, f"`{q}` bound to something other than a name")
            params = {"tf.TextLineReader": ("skip_header_lines", "name"), "tf.TFRecordReader": ("name", "options"),
                      "tf.FixedLengthRecordReader": ("record_bytes", "header_bytes", "footer_bytes", "hop_bytes",
                                                     "name", "encoding")}[q]
            args = _args(value, params, q)
            for unsupported in ("hop_bytes", "options"):
                if unsupported in args:
                    raise Decline("TFU506", value, f"`{q}` with {unsupported}")
            self._plain_args(value, params, args)
            self.p.readers[single] = self._node(READER, None, stmt, qualname=q, args=args)
            return True
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and isinstance(value.func.value, ast.Name) and value.func.value.id in self.p.readers:
            return self._read(stmt, value, target)
        if q in BATCHERS:
            return self._batch(stmt, value, target, q)
        known = set(self.p.files) | set(self.p.readers) | set(self.p.records) | self.p.example_names
        if names & self.p.example_names:
            self._example(stmt)
            return True
        if names & known:
            raise Decline("TFU506", stmt, f"`{sorted(names & known)[0]}` (part of a queue pipeline) used in a way "
                                          "the lifter does not map to tf.data")
        if names & self.p.coordinators:
            raise Decline("TFU506", stmt, "the coordinator used outside the session's start/stop calls")
        return False

    def _plain_args(self, call, params, args) -> None:
        for p in params:
            if p in args:
                graph = [n for n in loaded_names(args[p]) if n in self.g.current]
                if graph:
                    raise Decline("TFU506", args[p], f"{p} computed from the graph value `{graph[0]}`")
                self.r._check_refs(args[p])

    def _read(self, stmt, call, target) -> bool:
        reader = self.p.readers[call.func.value.id]
        if call.func.attr != "read":
            raise Decline("TFU506", call, f"reader.{call.func.attr} is not lifted (read only)")
        if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.Name) \
                or call.args[0].id not in self.p.files:
            raise Decline("TFU506", call, "reader.read of something other than a string_input_producer queue")
        if not (isinstance(target, ast.Tuple) and len(target.elts) == 2
                and all(isinstance(e, ast.Name) for e in target.elts)):
            raise Decline("TFU506", stmt, "reader.read's (key, value) not unpacked into two names")
        key, value = (e.id for e in target.elts)
        if key != "_":
            self.p.dead.add(key)
        node = self._node(RECORD, value, stmt, reader=reader.id, files=self.p.files[call.args[0].id].id)
        self.p.records[value] = node
        self.p.example_names.add(value)
        self.g.pipeline_examples.add(value)
        return True

    def _example(self, stmt) -> None:
        if not isinstance(stmt, (ast.Assign, ast.Expr)):
            raise Decline("TFU506", stmt, "per-example code other than assignments (a loop or condition over "
                                          "one record)")
        graph = [n for n in loaded_names(stmt) if n in self.g.current]
        if graph:
            raise Decline("TFU506", stmt, f"per-example code reads the graph value `{graph[0]}`; the lifted map "
                                          "function sees only the record")
        for ref in tf_references(stmt, self.g.alias):
            qn = qualname(ref, self.g.alias)
            if qn in ("tf.Variable", "tf.get_variable", "tf.placeholder") or qn in tables.LAYERS \
                    or qn.startswith("tf.train.") or qn.startswith("tf.summary."):
                raise Decline("TFU506", ref, f"`{qn}` in per-example code")
        if isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Name):
                        if n.id in self.g.current:
                            raise Decline("TFU509", stmt, f"`{n.id}` rebinds a graph value in per-example code")
                        self.p.example_names.add(n.id)
                        self.g.pipeline_examples.add(n.id)
        self.examples.append(stmt)
        self._node(EXAMPLE, None, stmt)

    def _batch(self, stmt, call, target, q) -> bool:
        params = ("tensors", "batch_size", "num_threads", "capacity", "enqueue_many", "shapes", "dynamic_pad",
                  "allow_smaller_final_batch", "shared_name", "name")
        if q == "tf.train.shuffle_batch":
            params = ("tensors", "batch_size", "capacity", "min_after_dequeue", "num_threads", "seed",
                      "enqueue_many", "shapes", "allow_smaller_final_batch", "shared_name", "name")
        args = _args(call, params, q)
        for unsupported in ("shapes", "dynamic_pad", "shared_name"):
            if unsupported in args and not (isinstance(args[unsupported], ast.Constant)
                                            and args[unsupported].value in (None, False)):
                raise Decline("TFU506", call, f"`{q}` with {unsupported}")
        tensors = args.get("tensors")
        if isinstance(tensors, (ast.List, ast.Tuple)):
            if not (isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == len(tensors.elts)
                    and all(isinstance(e, ast.Name) for e in target.elts)):
                raise Decline("TFU506", stmt, f"`{q}`'s list of tensors not unpacked into one name per tensor")
            outputs, items = [e.id for e in target.elts], list(tensors.elts)
            single = False
        elif isinstance(target, ast.Name) and tensors is not None and not isinstance(tensors, ast.Dict):
            outputs, items, single = [target.id], [tensors], True
        else:
            raise Decline("TFU506", call, f"`{q}` of a dict or without tensors")
        used = set().union(*(loaded_names(i) for i in items))
        if not used & self.p.example_names:
            raise Decline("TFU506", call, f"`{q}` of tensors that no reader produced")
        graph = sorted(n for n in used if n in self.g.current)
        if graph:
            raise Decline("TFU506", call, f"`{q}` batches the graph value `{graph[0]}`")
        records = [r for r in self.p.records.values()]
        if len(records) != 1:
            raise Decline("TFU506", call, "several readers feed the batch; the lifter maps one reader per pipeline")
        for k in ("batch_size", "num_threads", "capacity", "min_after_dequeue", "seed", "enqueue_many",
                  "allow_smaller_final_batch"):
            if k in args:
                self._plain_args(call, (k,), args)
        record = records[0]
        node = self._node(BATCH, None, stmt, qualname=q, args=args, items=items, single=single,
                          record=record.id, examples=list(self.examples))
        for i, name in enumerate(outputs):
            out = G.Node(len(self.g.nodes), G.PLACEHOLDER, name, stmt, None, info={"batch": node.id, "index": i})
            self.g.nodes.append(out)
            self.g.current[name] = out.id
        node.info["outputs"] = [self.g.current[n] for n in outputs]
        # one pipeline: its names are spent
        self.p.example_names, self.p.records, self.examples = set(), {}, []
        return True


def dataset_text(em, node: G.Node) -> str:
    """The map function and the dataset for one BATCH node (``em``: the Emitter)."""
    g, src, frag = em.g, em.src, em.frag
    record = g.nodes[node.info["record"]]
    files = g.nodes[record.info["files"]]
    reader = g.nodes[record.info["reader"]]
    fargs, rargs, bargs = files.info["args"], reader.info["args"], node.info["args"]

    def seg(a):
        return frag.expression(src.segment(a), a.lineno)

    parse = em.reader.fresh("parse_" + record.name if record.name.isidentifier() else "parse_record")
    body = [frag.statement(em._stmt_text(s), s.lineno) for s in node.info["examples"]]
    items = ", ".join(src.segment(i) for i in node.info["items"])
    lines = [f"def {parse}({record.name}):"] + ["    " + b.rstrip("\n") for b in body] + [f"    return {items}", ""]
    dataset = em.reader.fresh("dataset")
    chain = [f"tf.data.Dataset.from_tensor_slices({seg(fargs['string_tensor'])})"]
    shuffle = fargs.get("shuffle")
    one_file = isinstance(fargs["string_tensor"], (ast.List, ast.Tuple)) and len(fargs["string_tensor"].elts) == 1
    if one_file:
        pass  # shuffling one name changes nothing
    elif shuffle is None or (isinstance(shuffle, ast.Constant) and shuffle.value is True):  # TF 1.x default
        seed = f", seed={seg(fargs['seed'])}" if "seed" in fargs else ""
        chain.append(f"shuffle(len({seg(fargs['string_tensor'])}){seed})")
        em.shuffles.append((files.stmt, "seed" in fargs))  # another order than the queue's (TFU512)
    if not one_file and shuffle is not None and not isinstance(shuffle, ast.Constant):
        raise Decline("TFU506", files.stmt, "string_input_producer with a computed shuffle")
    epochs = fargs.get("num_epochs")
    chain.append("repeat()" if epochs is None or (isinstance(epochs, ast.Constant) and epochs.value is None)
                 else f"repeat({seg(epochs)})")
    target = READERS[reader.info["qualname"]]
    if reader.info["qualname"] == "tf.TextLineReader" and "skip_header_lines" in rargs:
        chain.append(f"flat_map(lambda name: {target}(name).skip({seg(rargs['skip_header_lines'])}))")
    elif reader.info["qualname"] == "tf.FixedLengthRecordReader":
        extra = "".join(f", {k}={seg(rargs[k])}" for k in ("header_bytes", "footer_bytes") if k in rargs)
        if "record_bytes" not in rargs:
            raise Decline("TFU506", reader.stmt, "FixedLengthRecordReader without record_bytes")
        chain.append(f"flat_map(lambda name: {target}(name, {seg(rargs['record_bytes'])}{extra}))")
    else:
        chain.append(f"flat_map({target})")
    chain.append(f"map({parse})")
    many = bargs.get("enqueue_many")
    if many is not None and not (isinstance(many, ast.Constant) and many.value is False):
        if not (isinstance(many, ast.Constant) and many.value is True):
            raise Decline("TFU506", node.stmt, "enqueue_many computed at run time")
        chain.append("unbatch()")
    if node.info["qualname"] == "tf.train.shuffle_batch":
        if "min_after_dequeue" not in bargs:
            raise Decline("TFU506", node.stmt, "shuffle_batch without min_after_dequeue")
        seed = f", seed={seg(bargs['seed'])}" if "seed" in bargs else ""
        chain.append(f"shuffle({seg(bargs['min_after_dequeue'])}{seed})")
        em.shuffles.append((node.stmt, "seed" in bargs))
    if "batch_size" not in bargs:
        raise Decline("TFU506", node.stmt, "a batch without batch_size")
    smaller = bargs.get("allow_smaller_final_batch")
    if smaller is None or (isinstance(smaller, ast.Constant) and smaller.value is False):
        drop = ", drop_remainder=True"
    elif isinstance(smaller, ast.Constant) and smaller.value is True:
        drop = ""
    else:
        raise Decline("TFU506", node.stmt, "allow_smaller_final_batch computed at run time")
    chain.append(f"batch({seg(bargs['batch_size'])}{drop})")
    iterator = em.reader.fresh("batches")
    node.info["iterator"] = iterator
    node.info["dataset"] = dataset
    text = "\n\n" + "\n".join(lines) + "\n\n"
    text += f"{dataset} = (" + "\n    .".join(chain) + ")\n"
    text += f"{iterator} = iter({dataset})"
    return text

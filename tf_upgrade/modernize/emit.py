"""The lifting transform: a :class:`~.graph.Graph` and its :class:`~.session.Session` -> eager TF 2 text.

Module level keeps the program's order: plain Python as written, variables created once
(``tf.Variable``), Keras layer objects and optimizers where the graph code created them, a
``tf.train.Checkpoint`` where the Saver was.  Each distinct ``sess.run`` (fetches, feeds)
becomes one ``@tf.function`` whose parameters are the fed placeholders (their dtype and shape
its input_signature) and whose body is the backward slice of the fetched tensors; a run
that trains wraps the slice in a GradientTape and applies the optimizer.  The session's
body takes the session's place, its runs replaced by calls.
"""
from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from . import graph as G
from . import tables
from .fragments import Fragments
from .names import Decline, Source, call_name, loaded_names
from .session import Run, Session

FETCH_HOOK = "__tfu_fetch__"  # --verify: the harness records every fetched value through it


@dataclass
class Function:
    name: str
    runs: List[Run]
    fetches: List[int]
    params: List[int]  # placeholder ids
    train: Optional[G.Node] = None
    summaries: List[int] = field(default_factory=list)
    writes_summaries: bool = False
    results: List[int] = field(default_factory=list)  # fetch ids returned, in order
    modes: Dict[int, bool] = field(default_factory=dict)  # training flags, as this function's runs feed them


class Emitter:
    def __init__(self, g: G.Graph, s: Session, source: Source, reader: G.GraphReader, fragments: Fragments,
                 module: ast.Module, session_index: int, instrument: bool = False, entry=None):
        self.g, self.s, self.src, self.reader, self.frag = g, s, source, reader, fragments
        self.module, self.session_index, self.instrument = module, session_index, instrument
        self.entry = entry  # entry.Entry: the program runs inside a function (def main(_):)
        # the statement list holding the session: the module's, or the entry function's
        self.container = entry.body if entry is not None else module.body
        self.dropped: List[Tuple[int, int]] = []  # line spans of statements left out (helpers copied into main)
        self.functions: Dict[Tuple, Function] = {}
        self.checkpoint: Optional[str] = None
        self.manager: Optional[str] = None
        self.save_path: Optional[str] = None
        self.needs_os = False
        self.shuffles: List[Tuple[ast.AST, bool]] = []  # (statement, seeded): queue shuffles -> tf.data's
        self._modes: Dict[int, bool] = {}  # the training flags of the function being written

    # ---- functions -----------------------------------------------------------------------
    def plan(self) -> None:
        for run in self.s.runs:
            if all(self.g.nodes[i].kind in (G.VARIABLE, G.ALIAS) for i in run.fetches):
                continue  # read directly: W.numpy()
            if self._whole_batch(run) is not None:
                continue  # the next batch itself: iterator.get_next()
            fn = self.functions.get(run.key)
            if fn is None:
                fn = self._function(run)
                self.functions[run.key] = fn
            fn.runs.append(run)
        for fn in self.functions.values():
            for run in fn.runs:
                missing = [p for p in fn.params if p not in run.feeds and "batch" not in self.g.nodes[p].info]
                if missing:
                    raise Decline("TFU502", run.call, f"placeholder `{self.g.nodes[missing[0]].name}` is needed "
                                                      "by this run but not fed")
            self._batch_norm_updates(fn)

    def _batch_norm_updates(self, fn: Function) -> None:
        """A Keras BatchNormalization called with training=True updates its moving averages on the
        spot; TF 1.x only when its UPDATE_OPS run, i.e. with a training op made under
        control_dependencies(UPDATE_OPS).  The lift must not add or drop an update."""
        updated = set(fn.train.info.get("updates") or []) if fn.train is not None else set()
        seen = set()
        for i in self._closure(self._roots(fn)):
            n = self.g.nodes[i]
            for use in n.layers if n.kind == G.TENSOR else []:
                if use.mapping.target != "tf.keras.layers.BatchNormalization":
                    continue
                seen.add(use.obj)
                flag = use.args.get("training")
                if flag is None or (isinstance(flag, ast.Constant) and flag.value is False):
                    continue
                if use.mode is not None and fn.modes.get(use.mode) is False:
                    continue
                if use.obj not in updated:
                    raise Decline("TFU505", fn.runs[0].call, f"batch normalization `{use.obj}` runs in training mode "
                                  "here without its UPDATE_OPS: TF 1.x updates the moving averages only when a "
                                  "training op made under control_dependencies(UPDATE_OPS) runs, Keras on every "
                                  "training call")
        missing = updated - seen
        if missing:
            raise Decline("TFU505", fn.runs[0].call, f"the training op runs the UPDATE_OPS of `{sorted(missing)[0]}`, "
                                                     "which its loss does not use")

    def _roots(self, fn: Function) -> List[int]:
        roots = [i for i in fn.fetches if self.g.nodes[i].kind != G.TRAIN]
        if fn.train is not None:
            roots += self._train_roots(fn.train)
        return roots

    def _whole_batch(self, run: Run) -> Optional[G.Node]:
        """The batch node whose tensors, all of them in order, are what the run fetches."""
        batches = {self.g.nodes[i].info.get("batch") for i in run.fetches}
        if len(batches) != 1 or None in batches:
            return None
        b = self.g.nodes[batches.pop()]
        return b if list(run.fetches) == b.info["outputs"] and run.single == b.info["single"] else None

    def _train_roots(self, train: G.Node) -> List[int]:
        """What a training step computes besides its fetches: the loss, the gradients' consumers, and
        a fed learning rate (a parameter of the step)."""
        roots = [train.info["loss"]] + ([train.id] if train.info.get("gradients") is not None else [])
        rate = self.g.nodes[train.info["optimizer"]].info.get("rate_placeholder")
        return roots + ([rate] if rate is not None else [])

    def _function(self, run: Run) -> Function:
        trains = [i for i in run.fetches if self.g.nodes[i].kind == G.TRAIN]
        if len(trains) > 1:
            raise Decline("TFU502", run.call, "two training ops in one run")
        summaries = [i for i in run.fetches if self.g.nodes[i].kind in (G.SUMMARY, G.MERGED)]
        train = self.g.nodes[trains[0]] if trains else None
        roots = [i for i in run.fetches if self.g.nodes[i].kind not in (G.TRAIN,)]
        if train is not None:
            roots += self._train_roots(train)
        closure = self._closure(roots)
        params = [i for i in closure if self.g.nodes[i].kind == G.PLACEHOLDER and i not in self.g.modes]
        unfed = [i for i in closure if i in self.g.modes and i not in run.modes]
        if unfed:
            raise Decline("TFU502", run.call, f"the training flag `{self.g.nodes[unfed[0]].name}` is needed by this "
                                              "run but not fed")
        # a run that reads one tensor of a batch dequeues the whole batch: all its tensors are parameters
        for b in {self.g.nodes[i].info["batch"] for i in params if "batch" in self.g.nodes[i].info}:
            params += self.g.nodes[b].info["outputs"]
        params = sorted(set(params))
        covered = []
        for i in summaries:
            n = self.g.nodes[i]
            covered += n.info["of"] if n.kind == G.MERGED else [i]
        names = [self.g.nodes[i].name for i in run.fetches if self.g.nodes[i].kind in (G.TENSOR,)]
        base = "train_step" if train is not None else "compute_" + "_".join(n for n in names[:3] if n) \
            if names else "write_summaries" if summaries else "next_batch"
        fn = Function(self.reader.fresh(base), [], run.fetches, params, train, covered, bool(summaries))
        fn.results = [i for i in run.fetches if self.g.nodes[i].kind not in (G.TRAIN, G.SUMMARY, G.MERGED)]
        fn.modes = {i: v for i, v in run.modes.items() if i in closure}
        return fn

    def _closure(self, roots) -> List[int]:
        return self.g.closure(roots)

    # ---- text of graph pieces ---------------------------------------------------------------
    def _render(self, node: ast.AST, uses: List[G.LayerUse]) -> str:
        """Source of node with its tf.layers calls replaced by calls of the layer objects."""
        by_call = {id(u.call): u for u in uses}
        subst = self.g.subst
        a, b = self.src.span(node)
        if id(node) in subst:
            return subst[id(node)]
        losses = self.g.losses
        if id(node) in losses:
            return self._loss_call(losses[id(node)], uses)
        inner = [n for n in ast.walk(node) if (id(n) in by_call or id(n) in subst or id(n) in losses)
                 and n is not node]
        top = [n for n in inner if not any(n is not m and _contains(m, n) for m in inner)]
        if id(node) in by_call:
            return self._layer_call(by_call[id(node)], uses)
        out, pos = [], a
        for n in sorted(top, key=lambda n: self.src.span(n)[0]):
            s, e = self.src.span(n)
            out.append(self.src.text[pos:s])
            if id(n) in subst:
                out.append(subst[id(n)])
            elif id(n) in losses:
                out.append(self._loss_call(losses[id(n)], uses))
            else:
                out.append(self._layer_call(by_call[id(n)], uses))
            pos = e
        out.append(self.src.text[pos:b])
        return "".join(out)

    def _loss_call(self, use: G.LossUse, uses) -> str:
        """``tf.losses.X(labels, predictions)`` -> ``tf.keras.losses.Y(...)(labels, predictions)``."""
        kw, labels, predictions = [], None, None
        if use.qualname in tables.LOSSES_FROM_LOGITS:
            kw.append("from_logits=True")
        for p, keras, _ in use.mapping.params:
            value = use.args.get(p)
            if value is None:
                continue
            if keras == tables.LABELS:
                labels = self._render(value, uses)
            elif keras == tables.PREDICTIONS:
                predictions = self._render(value, uses)
            elif keras not in (None, tables.ONE, tables.DROPPED):
                kw.append(f"{keras}={self.src.segment(value)}")
        return f"{use.mapping.target}({', '.join(kw)})({labels}, {predictions})"

    def _layer_call(self, use: G.LayerUse, uses) -> str:
        if use.op:
            return self._dropout_op(use, uses)
        text = f"{use.obj}({self._render(use.args['inputs'], uses)}"
        if use.rnn is not None and use.rnn["static"]:  # static_rnn's list of steps, as one [batch, time, depth]
            text = f"{use.obj}(tf.stack({self._render(use.args['inputs'], uses)}, axis=1)"
        if use.rnn is not None and use.rnn["lengths"] is not None:
            inputs = self._render(use.args["inputs"], uses)
            text += f", mask=tf.sequence_mask({self._render(use.rnn['lengths'], uses)}, maxlen=tf.shape({inputs})[1])"
        for p, keras, _ in use.mapping.params:
            if keras == tables.CALL and p in use.args:
                value = repr(self._modes[use.mode]) if p == "training" and use.mode is not None \
                    else self._render(use.args[p], uses)
                text += f", {p}={value}"
        return text + ")"

    def _dropout_op(self, use: G.LayerUse, uses) -> str:
        """A seeded ``tf.layers.dropout`` as the op TF 1.x's layer runs: ``tf.nn.dropout`` with the same
        rate and seed in training mode (one stateful op per function: the same masks, step after
        step), its input otherwise."""
        inputs = self._render(use.args["inputs"], uses)
        flag = use.args.get("training")
        if use.mode is not None:
            training = self._modes[use.mode]
        elif flag is None:
            training = False  # tf.layers.dropout's default
        elif isinstance(flag, ast.Constant):
            training = bool(flag.value)
        else:
            training = None  # a Python value: the layer decided with it when the graph was built
        rate = self.src.segment(use.args["rate"]) if "rate" in use.args else "0.5"
        op = f"tf.nn.dropout({inputs}, rate={rate}, seed={self.src.segment(use.args['seed'])})"
        if training is True:
            return op
        if training is False:
            return f"({inputs})"
        return f"({op} if {self._render(flag, uses)} else {inputs})"

    def _layer_object(self, use: G.LayerUse) -> str:
        if use.rnn is not None:
            return self._recurrent_layer(use)
        parts = []
        for p, keras, default in use.mapping.params:
            if keras in (tables.INPUT, tables.CALL, tables.REUSE, tables.UNLIFTED, tables.FUSED):
                continue
            value = use.args.get(p)
            if value is None and p in use.args:
                continue
            if isinstance(value, ast.Constant) and value.value is None and p in tables.LAYER_NONE_MEANS:
                k, v = tables.LAYER_NONE_MEANS[p]
                parts.append(f"{k}={v}")
                continue
            if value is not None:
                text = self._initializer(value) if keras.endswith("_initializer") else self.src.segment(value)
                if keras == "padding" and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    text = repr(value.value.lower())
                parts.append(f"{keras}={self.frag.expression(text, value.lineno)}")
            elif default is not None:
                parts.append(f"{keras}={default}")
        return f"{use.obj} = {use.mapping.target}({', '.join(parts)})"

    def _recurrent_layer(self, use: G.LayerUse) -> str:
        """The Keras recurrent layer for a dynamic_rnn/static_rnn over a TF 1.x cell; for a
        bidirectional_dynamic_rnn, one per direction (the backward one reads the sequence backwards)
        wrapped in ``Bidirectional(merge_mode=None)``, which returns both directions' outputs in time
        order, as TF 1.x did, then the forward and the backward states."""
        rnn = use.rnn
        if "stack" in rnn:
            return self._stacked_layer(use)
        if "directions" not in rnn:
            return self._recurrent_direction(use, rnn["cell"], rnn["kind"], use.obj, [])
        (fw, fw_kind, fw_obj), (bw, bw_kind, bw_obj) = rnn["directions"]
        parts = [self._recurrent_direction(use, fw, fw_kind, fw_obj, []),
                 self._recurrent_direction(use, bw, bw_kind, bw_obj, ["go_backwards=True"])]
        name = f", name={self.src.segment(rnn['scope'])}" if rnn["scope"] is not None else ""
        parts.append(f"{use.obj} = tf.keras.layers.Bidirectional({fw_obj}, backward_layer={bw_obj}, "
                     f"merge_mode=None{name})")
        return "\n".join(parts)

    def _recurrent_direction(self, use: G.LayerUse, cell: G.Node, kind: str, obj: str, extra: List[str]) -> str:
        """One Keras recurrent layer with TF 1.x's initial weight distributions: the cell's one kernel
        over [inputs, state] is split into Keras' kernel and recurrent_kernel."""
        rnn = use.rnn
        args: Dict[str, ast.AST] = cell.info["args"]
        lines, parts = self._cell_config(use, cell, kind, rnn["depth"])
        parts += self._sequence_flags(rnn, kind) + extra
        name = args.get("name")
        if name is not None and not (isinstance(name, ast.Constant) and name.value is None):
            parts.append(f"name={self.src.segment(name)}")
        elif rnn["scope"] is not None and "directions" not in rnn:
            parts.append(f"name={self.src.segment(rnn['scope'])}")
        target = cell.info["spec"].keras
        call = f"{obj} = {target}({', '.join(parts)})"
        if len(call) > 110:
            call = f"{obj} = {target}(\n    " + ",\n    ".join(parts) + ",\n)"
        return "\n".join(lines + [call])

    def _stacked_layer(self, use: G.LayerUse) -> str:
        """A MultiRNNCell: Keras' RNN over the list of the cells' Keras counterparts (StackedRNNCells),
        each with TF 1.x's initial weight distributions for its own input depth."""
        rnn = use.rnn
        lines: List[str] = []
        cells = []
        for cell, kind, depth in rnn["stack"]:
            more, parts = self._cell_config(use, cell, kind, depth)
            lines += more
            cells.append(f"{tables.KERAS_CELLS[cell.info['spec'].keras]}({', '.join(parts)})")
        flags = self._sequence_flags(rnn, "LSTM")  # the stack returns its cells' states (return_state)
        if rnn["scope"] is not None:
            flags.append(f"name={self.src.segment(rnn['scope'])}")
        body = "".join(f"    {c},\n" for c in cells)
        return "\n".join(lines + [f"{use.obj} = tf.keras.layers.RNN([\n{body}], {', '.join(flags)})"
                                   if flags else f"{use.obj} = tf.keras.layers.RNN([\n{body}])"])

    @staticmethod
    def _sequence_flags(rnn, kind: str) -> List[str]:
        parts = []
        if rnn["sequences"]:
            parts.append("return_sequences=True")
            if rnn["lengths"] is not None:  # TF 1.x: outputs past a sequence's length are zeros
                parts.append("zero_output_for_mask=True")
        if rnn["state"] and (kind == "LSTM" or rnn["sequences"]):
            parts.append("return_state=True")
        return parts

    def _cell_config(self, use: G.LayerUse, cell: G.Node, kind: str, depth) -> Tuple[List[str], List[str]]:
        """(statements before, constructor arguments) of the Keras layer or cell for one TF 1.x cell."""
        rnn = use.rnn
        args: Dict[str, ast.AST] = cell.info["args"]
        line = cell.stmt.lineno
        # Bidirectional re-creates its layers from their config: initializer functions must be registered
        register = ['@tf.keras.utils.register_keras_serializable(package="modernized")'] if "directions" in rnn else []

        def text(p):
            return self.frag.expression(self.src.segment(args[p]), line)

        units = text("num_units")
        parts = [f"units={units}"]
        if "activation" in args and not (isinstance(args["activation"], ast.Constant) and args["activation"].value is None):
            parts.append(f"activation={text('activation')}")  # TF 1.x's None is tanh, Keras' default
        lines: List[str] = []
        init = next((p for p in ("initializer", "kernel_initializer") if p in args and not (
            isinstance(args[p], ast.Constant) and args[p].value is None)), None)
        if init is not None:  # shape-free (graph.py): the same distribution for both Keras kernels
            k = self._initializer(args[init])
            parts += [f"kernel_initializer={self.frag.expression(k, line)}",
                      f"recurrent_initializer={self.frag.expression(k, line)}"]
        elif kind == "GRU":
            fn = self.reader.fresh(f"{cell.name}_kernel_initializer")
            lines += [
                "",
                "",
                *register,
                f"def {fn}(shape, dtype=None):",
                "    # TF 1.x drew the GRU cell's gate [inputs + units, 2 * units] and candidate [inputs + units, units]",
                "    # kernels from glorot_uniform; Keras orders them (update, reset, candidate) in one kernel and one",
                "    # recurrent_kernel",
                f"    gates = (6 / ({depth} + 3 * {units})) ** 0.5",
                f"    candidate = (6 / ({depth} + 2 * {units})) ** 0.5",
                f"    return tf.concat([tf.random.uniform([shape[0], 2 * {units}], -gates, gates),",
                f"                      tf.random.uniform([shape[0], {units}], -candidate, candidate)], axis=1)",
                "",
                ""]
            parts += [f"kernel_initializer={fn}", f"recurrent_initializer={fn}"]
        else:
            blocks = 4 if kind == "LSTM" else 1
            limit = self.reader.fresh(f"{cell.name}_init_limit")
            lines += [f"# TF 1.x drew the {kind} cell's [inputs + units, {blocks} * units] kernel from glorot_uniform;",
                      "# Keras splits it into kernel and recurrent_kernel",
                      f"{limit} = (6 / ({depth} + {blocks + 1} * {units})) ** 0.5"]
            u = f"tf.keras.initializers.RandomUniform(-{limit}, {limit})"
            parts += [f"kernel_initializer={u}", f"recurrent_initializer={u}"]
        if kind == "LSTM" and "forget_bias" in args and args["forget_bias"].value == 0:
            parts.append("unit_forget_bias=False")  # TF 1.x's default 1.0 is Keras' unit_forget_bias=True
        if kind == "GRU":
            if "bias_initializer" in args and not (isinstance(args["bias_initializer"], ast.Constant)
                                                   and args["bias_initializer"].value is None):
                parts.append(f"bias_initializer={self.frag.expression(self._initializer(args['bias_initializer']), line)}")
            elif register:  # TF 1.x: gate biases 1.0, candidate bias 0.0
                fn = self.reader.fresh(f"{cell.name}_bias_initializer")
                lines[-2:-2] = ["", "", *register, f"def {fn}(shape, dtype=None):",
                                f"    return tf.concat([tf.ones([2 * {units}]), tf.zeros([{units}])], axis=0)"]
                parts.append(f"bias_initializer={fn}")
            else:  # TF 1.x: gate biases 1.0, candidate bias 0.0
                parts.append(f"bias_initializer=lambda shape, dtype=None: tf.concat([tf.ones([2 * {units}]), "
                             f"tf.zeros([{units}])], axis=0)")
            parts.append("reset_after=False")  # TF 1.x resets the state before the recurrent matmul
        return lines, parts

    def _initializer(self, value: ast.AST) -> str:
        q = call_name(value, self.g.alias)
        if q in tables.INITIALIZERS:
            args = ", ".join([self.src.segment(a) for a in value.args]
                             + [f"{k.arg}={self.src.segment(k.value)}" for k in value.keywords])
            return f"{tables.INITIALIZERS[q]}({args})"
        if q is not None or "tf." in self.src.segment(value):
            raise Decline("TFU508", value, f"initializer `{self.src.segment(value)}` has no Keras mapping the "
                                           "lifter knows")
        return self.src.segment(value)

    def _variable(self, n: G.Node) -> str:
        if n.info.get("global_step"):
            return f'{n.name} = tf.Variable(initial_value=0, dtype=tf.int64, trainable=False, name="global_step")'
        if "get_variable" not in n.info:
            return self.frag.statement(self._stmt_text(n.stmt), n.stmt.lineno).rstrip("\n")
        args = n.info["get_variable"]
        init = args.get("initializer")
        if init is None:
            init_text = tables.DEFAULT_GET_VARIABLE_INITIALIZER
        else:
            init_text = self._initializer(init)
        if "shape" not in args:
            raise Decline("TFU508", n.value, "get_variable without a shape")
        shape = self.src.segment(args["shape"])
        dtype = self.src.segment(args["dtype"]) if "dtype" in args else "tf.float32"
        extra = ", trainable=False" if not n.info["trainable"] else ""
        return (f"{n.name} = tf.Variable(initial_value={self.frag.expression(init_text, n.stmt.lineno)}(shape={shape}, "
                f"dtype={dtype}), name={n.info['full_name']!r}{extra})")

    def _optimizer(self, n: G.Node) -> str:
        q = n.info["qualname"]
        m = tables.OPTIMIZERS[q]
        args = G.bind_args(n.value, tuple(p for p, _, _ in m.params), q)
        parts = []
        rate = n.info.get("rate_placeholder")
        for p, keras, default in m.params:
            if keras is None:
                continue
            if p == "learning_rate" and rate is not None:  # set from the fed value by each training step
                parts.append(f"{keras}=0.0")
                continue
            if p in args:
                parts.append(f"{keras}={self.frag.expression(self.src.segment(args[p]), n.stmt.lineno)}")
            elif default is not None:
                parts.append(f"{keras}={default}")
        for k, v in tables.OPTIMIZER_EXTRA.get(q, ()):
            parts.append(f"{k}={v}")
        text = f"{n.name} = {m.target}({', '.join(parts)})"
        if rate is not None:
            text = f"# the learning rate is fed: each training step sets it from `{self.g.nodes[rate].name}`\n" + text
        return text

    def _stmt_text(self, stmt: ast.stmt) -> str:
        first = self.src.line_start(stmt.lineno)
        _, end = self.src.span(stmt)
        return textwrap.dedent(self.src.text[first:end])

    # ---- module level ------------------------------------------------------------------------
    def module_text(self) -> str:
        if self.entry is None:
            return self._program_text(self.g.items, 0)
        func = self.entry.func
        start = func.lineno
        before = [i for i in self.g.items if i.stmt.lineno < start]
        inside = [i for i in self.g.items if start <= i.stmt.lineno <= func.end_lineno]
        after = [i for i in self.g.items if i.stmt.lineno > func.end_lineno]
        out = self._items_text(before, 0)[0]
        out += self._comments_before(func, max([i.stmt.end_lineno for i in before], default=0))
        end = start  # the signature's last line: the shortest header that parses with a body
        while end < func.body[0].lineno:
            header = "".join(self.src.lines[start - 1:end])
            try:
                ast.parse(textwrap.dedent(header) + "    pass\n")
                break
            except SyntaxError:
                end += 1
        body = re.sub(r"\n{3,}", "\n\n", self._program_text(inside, end))  # one blank line inside a def
        out.append(header)
        out.append(textwrap.indent(body.strip("\n"), "    ") + "\n")
        text, last = self._items_text(after, func.end_lineno)
        return "".join(out) + "".join(text)

    def _items_text(self, items, last_line):
        """Module-level statements in order: plain Python as written (TF names upgraded), graph
        nodes as what they become (a variable, a layer object...; nothing for a placeholder)."""
        out: List[str] = []
        for item in items:
            stmt = item.stmt
            out += self._comments_before(stmt, last_line)
            last_line = max(last_line, stmt.end_lineno)
            n = item.node
            if n is None:
                text = self._stmt_text(stmt)
                out.append(self.frag.statement(text, stmt.lineno) if item.needs_upgrade else text + "\n")
                continue
            text = self._node_text(n)
            if text:
                out.append(text + "\n")
        return out, last_line

    def _program_text(self, items, last_line) -> str:
        out, last_line = self._items_text(items, last_line)
        if self.s.is_with:
            out += self._comments_before(self.s.stmt, last_line)
        out.append(self._functions_text())
        out.append(self._session_text())
        after = self.container[self.session_index + 1:] if self.s.is_with else []
        last = self.s.stmt.end_lineno if self.s.is_with else self.container[-1].end_lineno
        for stmt in after:
            names = loaded_names(stmt)
            if names & (set(self.g.current) - {n.name for n in self.g.of_kind(G.VARIABLE, G.WRITER)}):
                raise Decline("TFU503", stmt, "the graph is used after the session")
            out += self._comments_before(stmt, last)
            last = stmt.end_lineno
            out.append(self._stmt_text(stmt) + "\n")
        text = "".join(out)
        return text

    def _comments_before(self, stmt, last_line) -> List[str]:
        out = []
        for ln in range(last_line + 1, stmt.lineno):
            if any(a <= ln <= b for a, b in self.dropped):
                continue
            line = self.src.lines[ln - 1]
            if line.strip() == "" or line.lstrip().startswith("#"):
                out.append(line.lstrip(" \t") if line.strip() else "\n")
        return out

    def _node_text(self, n: G.Node) -> str:
        k = n.kind
        if k == G.VARIABLE:
            return self._variable(n)
        if k == G.ALIAS:
            return f"{n.name} = {self.g.nodes[n.info['of']].name}"
        if k == G.OPTIMIZER:
            return self._optimizer(n)
        if k == G.SCHEDULE:
            m = tables.SCHEDULES[n.info["qualname"]]
            parts = [f"{keras}={self.frag.expression(self.src.segment(n.info['args'][p]), n.stmt.lineno)}"
                     for p, keras, _ in m.params if keras not in (None, tables.GLOBAL_STEP) and p in n.info["args"]]
            text = f"{n.name} = {m.target}({', '.join(parts)})"
            return text if len(text) <= 110 else f"{n.name} = {m.target}(\n    " + ",\n    ".join(parts) + ",\n)"
        if k == G.TENSOR:
            return "\n".join(self._layer_object(u) for u in n.layers if u.created)
        if k == G.SEED:
            return f"tf.random.set_seed({self.frag.expression(self.src.segment(n.info['seed']), n.stmt.lineno)})"
        if k == G.SAVER:
            return self._saver(n)
        if k == "batch":
            from .pipeline import dataset_text

            return dataset_text(self, n)
        if k == G.WRITER:
            call = n.info["call"]
            logdir = call.args[0] if call.args else None
            if logdir is None:
                raise Decline("TFU502", call, "FileWriter without a log directory")
            return f"{n.name} = tf.summary.create_file_writer({self.src.segment(logdir)})"
        return ""

    def _saver(self, n: G.Node) -> str:
        saved = []
        limit = n.id
        for m in self.g.nodes[:limit]:
            if m.kind in (G.VARIABLE, G.OPTIMIZER) and m.name:
                saved.append(m.name)
            if m.kind == G.TENSOR:
                saved += [u.obj for u in m.layers if u.created]
        self.checkpoint = self.reader.fresh("checkpoint")
        lines = [f"{self.checkpoint} = tf.train.Checkpoint({', '.join(f'{s}={s}' for s in dict.fromkeys(saved))})"]
        paths = {self.src.segment(_save_path(c)) for c, kind in self.s.saves if kind == "save"}
        if len(paths) > 1:
            raise Decline("TFU502", n.stmt, "the Saver saves to several paths; one CheckpointManager cannot")
        if paths:
            path = paths.pop()
            self._check_path_known(path, n)
            self.save_path = path
            self.manager = self.reader.fresh("manager")
            keep = self.src.segment(n.info["max_to_keep"]) if n.info.get("max_to_keep") is not None else "5"
            self.needs_os = True
            lines.append(f"{self.manager} = tf.train.CheckpointManager(\n    {self.checkpoint}, "
                         f"directory=os.path.dirname({path}), checkpoint_name=os.path.basename({path}), "
                         f"max_to_keep={keep})")
        return "\n".join(lines)

    def _check_path_known(self, path: str, saver: G.Node) -> None:
        expr = ast.parse(path, mode="eval")
        index = next(i for i, it in enumerate(self.g.items) if it.node is saver)
        for name in loaded_names(expr):
            bound = self.g.plain_names.get(name)
            imported = any(isinstance(it.stmt, (ast.Import, ast.ImportFrom)) and name in
                           {(a.asname or a.name).split(".")[0] for a in it.stmt.names} for it in self.g.items)
            if not imported and (bound is None or bound > index) and name not in dir(__builtins__):
                raise Decline("TFU502", saver.stmt, f"the save path uses `{name}`, not known where the Saver is "
                                                    "created (the CheckpointManager is created there)")

    # ---- functions text -------------------------------------------------------------------------
    def _functions_text(self) -> str:
        return "".join(self._function_text(fn) for fn in self.functions.values())

    def _function_text(self, fn: Function) -> str:
        self._modes = fn.modes
        specs = []
        for p in fn.params:
            ph = self.g.nodes[p]
            if "batch" in ph.info:  # a tensor of a tf.data batch: the dataset says its spec
                batch = self.g.nodes[ph.info["batch"]]
                spec = f"{batch.info['dataset']}.element_spec"
                specs.append(spec if batch.info["single"] else f"{spec}[{ph.info['index']}]")
                continue
            dtype = self.src.segment(ph.info["dtype"]) if ph.info.get("dtype") is not None else "tf.float32"
            shape = self.src.segment(ph.info["shape"]) if ph.info.get("shape") is not None else "None"
            specs.append(f"tf.TensorSpec(shape={shape}, dtype={dtype})")
        params = [self.g.nodes[p].name for p in fn.params]
        step = None
        if fn.writes_summaries:
            # a parameter: it may shadow a module-level `step`, never a graph value the body reads
            step = "step" if "step" not in self.g.current else self.reader.fresh("summary_step")
            specs.append("tf.TensorSpec(shape=[], dtype=tf.int64)")
            params.append(step)
        signature = f"[{', '.join(specs)}]"
        if len(signature) > 80:
            signature = "[\n    " + ",\n    ".join(specs) + ",\n]"
        head = f"\n\n@tf.function(input_signature={signature})\ndef {fn.name}({', '.join(params)}):\n"
        body: List[str] = []
        roots = [i for i in fn.fetches if self.g.nodes[i].kind not in (G.TRAIN, G.SUMMARY, G.MERGED)] + fn.summaries
        t = fn.train
        grads_node = t.info.get("gradients") if t is not None else None
        if t is not None:
            roots += self._train_roots(t)
        closure = self._closure(roots)
        tensors = [i for i in closure if self.g.nodes[i].kind == G.TENSOR]
        post = set()
        if grads_node is not None:
            for i in tensors:
                if grads_node in self._closure(self.g.nodes[i].deps):
                    post.add(i)
        self._check_versions(fn, tensors)
        reads = []
        for i in fn.results:
            n = self.g.nodes[i]
            if n.kind in (G.VARIABLE, G.ALIAS):
                local = self.reader.fresh(f"{n.name}_value")
                reads.append((i, local))
                body.append(f"{local} = tf.identity({n.name})")
            elif n.kind == G.SCHEDULE:  # the rate this step uses: the schedule at the step count before it
                local = self.reader.fresh(f"{n.name}_value")
                reads.append((i, local))
                body.append(f"{local} = {n.name}({self.g.nodes[n.info['global_step']].name})")
        pre = [self._tensor_text(self.g.nodes[i]) for i in tensors if i not in post]
        summaries = [self._summary_text(self.g.nodes[i], step) for i in fn.summaries]
        if t is None:
            body += pre + summaries
        else:
            tape = self.reader.fresh("tape")
            body.append(f"with tf.GradientTape() as {tape}:")
            body += [textwrap.indent(x, "    ") for x in pre] or ["    pass"]
            body += summaries
            opt = self.g.nodes[t.info["optimizer"]].name
            rate = self.g.nodes[t.info["optimizer"]].info.get("rate_placeholder")
            if rate is not None:  # the rate this run feeds
                body.append(f"{opt}.learning_rate.assign({self.g.nodes[rate].name})")
            variables = self.reader.fresh("variables")
            body.append(f"{variables} = {self._var_list(t, tensors)}")
            loss = self.g.nodes[t.info["loss"]].name
            if grads_node is None:
                grads = self.reader.fresh("gradients")
                body.append(f"{grads} = {tape}.gradient({loss}, {variables})")
                body.append(f"{opt}.apply_gradients(zip({grads}, {variables}))")
            else:
                gv = self.g.nodes[grads_node]
                body.append(f"{gv.name} = list(zip({tape}.gradient({loss}, {variables}), {variables}))")
                body += [self._tensor_text(self.g.nodes[i]) for i in tensors if i in post]
                body.append(f"{opt}.apply_gradients({self.frag.expression(self.src.segment(t.value), t.stmt.lineno)})")
            if t.info.get("global_step") is not None:
                body.append(f"{self.g.nodes[t.info['global_step']].name}.assign_add(1)")
        read_names = dict(reads)
        results = [read_names.get(i) or self.g.nodes[i].name for i in fn.results]
        if results:
            body.append("return " + (results[0] if len(results) == 1 else ", ".join(results)))
        return head + "".join(textwrap.indent(x, "    ") + "\n" for x in body)

    def _check_versions(self, fn: Function, tensors: List[int]) -> None:
        for i in fn.results:
            name = self.g.nodes[i].name
            later = [j for j in tensors if j > i and self.g.nodes[j].name == name]
            if later:
                raise Decline("TFU509", self.g.nodes[i].stmt, f"`{name}` is fetched at one version and rebound "
                                                              "later in the same computation")

    def _tensor_text(self, n: G.Node) -> str:
        value = self._render(n.value, n.layers)
        text = "\n".join([f"{n.info.get('unpack', n.name)} = {value}"] + n.info.get("then", []))
        return self.frag.statement(text, n.stmt.lineno).rstrip("\n")

    def _summary_text(self, n: G.Node, step: Optional[str]) -> str:
        args = n.info["args"]
        parts = [self.frag.expression(self.src.segment(args["name"]), n.stmt.lineno),
                 self.frag.expression(self._render(args["tensor"], []), n.stmt.lineno)]
        if "max_outputs" in args:
            parts.append(f"max_outputs={self.src.segment(args['max_outputs'])}")
        return f"{n.info['qualname']}({', '.join(parts)}, step={step})"

    def _var_list(self, t: G.Node, tensors: List[int]) -> str:
        if t.info.get("var_list") is not None:
            return self.src.segment(t.info["var_list"])
        grads = t.info.get("gradients")
        if grads is not None and self.g.nodes[grads].info.get("var_list") is not None:
            return self.src.segment(self.g.nodes[grads].info["var_list"])
        loss_slice = self._closure([t.info["loss"]])
        variables: List[int] = []
        layers: List[str] = []
        for i in loss_slice:
            n = self.g.nodes[i]
            if n.kind == G.ALIAS:
                i, n = n.info["of"], self.g.nodes[n.info["of"]]
            if n.kind == G.VARIABLE and n.info.get("trainable", True) and not n.info.get("global_step"):
                variables.append(i)
            if n.kind == G.TENSOR:
                layers += [u.obj for u in n.layers if u.mapping.target not in tables.WEIGHTLESS_LAYERS]
                for item in self.g.items:  # helper functions called here read variables as globals
                    reads = getattr(item.stmt, "_tfu_reads", None)
                    if reads and isinstance(item.stmt, ast.FunctionDef) and item.stmt.name in loaded_names(n.value):
                        variables += [r for r in reads if self.g.nodes[r].kind == G.VARIABLE
                                      and self.g.nodes[r].info.get("trainable", True)]
        names = [self.g.nodes[i].name for i in sorted(set(variables))]
        names += [f"*{o}.trainable_variables" for o in dict.fromkeys(layers)]
        if not names:
            raise Decline("TFU502", t.stmt, "the loss depends on no trainable variable the lifter can see")
        return "[" + ", ".join(names) + "]"

    # ---- the session -------------------------------------------------------------------------------
    def _session_text(self) -> str:
        body = self.s.body
        if not body:
            return ""
        start = self.src.line_start(body[0].lineno)
        end = self.src.span(body[-1])[1]
        edits = []
        for run in self.s.runs:
            edits.append(self._run_edit(run))
        for call, kind in self.s.saves:
            edits.append(self._save_edit(call, kind))
        for node, text in self.s.replacements:
            a, b = self.src.span(node)
            edits.append((a, b, text))
        for call in self.s.writers:
            logdir = self.src.segment(call.args[0])
            a, b = self.src.span(call)
            edits.append((a, b, f"tf.summary.create_file_writer({logdir})"))
        deleted_ids = {id(x) for x in self.s.deleted}
        for stmts in self.s.bodies:
            all_gone = all(id(x) in deleted_ids for x in stmts)
            for k, stmt in enumerate(stmts):
                if id(stmt) in deleted_ids:
                    a = self.src.line_start(stmt.lineno)
                    b = self.src.line_start(stmt.end_lineno + 1) if stmt.end_lineno < len(self.src.lines) \
                        else len(self.src.text)
                    text = self.src.indent_of(stmt) + "pass\n" if all_gone and k == 0 else ""
                    if stmts is body and all_gone and k == 0:
                        text = ""
                    edits.append((a, b, text))
        edits.sort()
        for (_, b1, _), (a2, _, _) in zip(edits, edits[1:]):
            if a2 < b1:
                raise Decline("TFU502", None, "overlapping session edits (a run inside another run's arguments)")
        out, pos = [], start
        for a, b, text in edits:
            a, b = max(a, start), max(b, start)
            out.append(self.src.text[pos:a])
            out.append(text)
            pos = max(pos, b)
        out.append(self.src.text[pos:end])
        text = "".join(out)
        if self.s.is_with or self.entry is not None:
            text = textwrap.dedent(text)
        lead = [] if not self.s.is_with else []
        return "\n\n" + "".join(lead) + text.rstrip("\n") + "\n"

    def _hooked(self, call: str) -> str:
        return f"{FETCH_HOOK}({call})" if self.instrument else call

    def _run_edit(self, run: Run):
        fn = self.functions.get(run.key)
        batch = self._whole_batch(run) if fn is None else None
        if batch is not None:
            expr = f"{batch.info['iterator']}.get_next()"
            expr = f"{expr}.numpy()" if run.single else f"[t.numpy() for t in {expr}]"
            a, b = self.src.span(run.call)
            return a, b, f"{FETCH_HOOK}({expr})" if self.instrument else expr
        if fn is None:  # variables only
            reads = [f"{self.g.nodes[i].name}.numpy()" for i in run.fetches]
            expr = reads[0] if run.single else "[" + ", ".join(reads) + "]"
            if self.instrument:
                expr = f"{FETCH_HOOK}({expr})"
            a, b = self.src.span(run.call)
            return a, b, expr
        args = []
        for p in fn.params:
            batch = self.g.nodes[p].info.get("batch")
            if batch is None:
                args.append(self.src.segment(run.feeds[p]))
            elif self.g.nodes[p].info["index"] == 0:  # one dequeue per run, unpacked into the batch's tensors
                b = self.g.nodes[batch]
                args.append(("" if b.info["single"] else "*") + f"{b.info['iterator']}.get_next()")
        if fn.writes_summaries:
            args.append(self.src.segment(run.summary_step))
        call = self._hooked(f"{fn.name}({', '.join(args)})")
        n = len(fn.results)
        if run.targets is None:
            a, b = self.src.span(run.call)
            if n == 1:
                return a, b, f"{call}.numpy()"
            expr = f"[t.numpy() for t in {call}]"
            return a, b, expr if isinstance(run.call.args[0] if run.call.args else None, ast.List) \
                or not isinstance(run.call.args[0] if run.call.args else None, ast.Tuple) else f"tuple({expr})"
        kept = [t for i, t in zip(run.fetches, run.targets) if i in fn.results]
        if n == 0:
            stmt = call
        elif all(t is None for t in kept):
            stmt = call
        elif n == 1:
            stmt = f"{kept[0]} = {call}.numpy()"
        else:
            stmt = f"{', '.join(t or '_' for t in kept)} = (t.numpy() for t in {call})"
        indent = self.src.indent_of(run.stmt)
        if fn.writes_summaries:
            stmt = f"with {run.writer}.as_default():\n{indent}    {stmt}"
        a, b = self.src.span(run.stmt)
        return a, b, stmt

    def _save_edit(self, call: ast.Call, kind: str):
        a, b = self.src.span(call)
        if kind == "save":
            gs = None
            for k in call.keywords:
                if k.arg == "global_step":
                    gs = k.value
            if len(call.args) > 2:
                gs = call.args[2]
            if gs is not None:
                return a, b, f"{self.manager}.save(checkpoint_number={self.src.segment(gs)})"
            return a, b, f"{self.manager}.save()"
        path = _save_path(call)
        text = self.src.segment(path)
        if self.save_path is not None and text == self.save_path:
            return a, b, f"{self.checkpoint}.restore({self.manager}.latest_checkpoint)"
        return a, b, f"{self.checkpoint}.restore({text})"


def _save_path(call: ast.Call) -> ast.AST:
    for k in call.keywords:
        if k.arg == "save_path":
            return k.value
    if len(call.args) < 2:
        raise Decline("TFU502", call, "saver call without a path")
    return call.args[1]


def _contains(outer: ast.AST, inner: ast.AST) -> bool:
    return any(n is inner for n in ast.walk(outer))

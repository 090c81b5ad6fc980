"""The graph-building part of a Session-style program, read as a dataflow program.

Each module-level statement before the session is one :class:`Node` (placeholder, variable,
tensor computation, layer call, optimizer, training op, initializer, saver, summary, writer) or
plain Python.  A name bound twice gets a new version (``net = conv(net)``), so a tensor's
dependencies are the exact statements that computed what it reads: what a fetch needs is the
backward slice over ``deps``.  Anything outside this vocabulary raises :class:`Decline`.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from . import tables
from .entry import absl_only
from .names import Decline, call_name, fresh_name, loaded_names, qualname, tf_references

PLACEHOLDER, VARIABLE, TENSOR, OPTIMIZER, TRAIN, GRADIENTS, INIT, SAVER, SUMMARY, MERGED, WRITER, ALIAS, CELL = (
    "placeholder", "variable", "tensor", "optimizer", "train", "gradients", "init", "saver", "summary",
    "merged", "writer", "alias", "cell")
SCHEDULE = "schedule"  # a learning rate decayed with global_step: a Keras schedule object
SEED = "seed"  # tf.set_random_seed(s): tf.random.set_seed(s) (randomness.py says what it no longer seeds)
UPDATES = "updates"  # tf.get_collection(tf.GraphKeys.UPDATE_OPS): the batch normalizations created so far
GLOBAL_STEP_CALLS = ("tf.train.get_or_create_global_step", "tf.train.create_global_step")
SCOPES = ("tf.name_scope", "tf.variable_scope")


@dataclass
class LayerUse:
    """One ``tf.layers.*`` / ``tf.contrib.layers.*`` call inside a tensor statement."""

    call: ast.Call
    mapping: tables.Mapping
    qualname: str
    obj: str = ""  # the Python name of the Keras layer object
    created: bool = True  # False: reuses the object of an earlier call (reuse=True, same name)
    args: Dict[str, ast.AST] = field(default_factory=dict)  # TF 1.x parameter -> argument
    rnn: Optional[dict] = None  # a dynamic_rnn over a cell: what the Keras recurrent layer is built from
    mode: Optional[int] = None  # `training=` names this placeholder (a flag each run feeds as a constant)
    # a seeded tf.layers.dropout: written as the tf.nn.dropout op TF 1.x ran (no layer object), whose
    # seeded draws are TF 1.x's where Keras' Dropout draws its own (randomness.py)
    op: bool = False


@dataclass
class LossUse:
    """One ``tf.losses.*`` call inside a tensor statement: becomes a Keras loss object's call."""

    call: ast.Call
    mapping: tables.Mapping
    qualname: str
    args: Dict[str, ast.AST] = field(default_factory=dict)


@dataclass
class Node:
    id: int
    kind: str
    name: Optional[str]  # the Python name bound (None for a bare summary statement)
    stmt: ast.stmt
    value: Optional[ast.AST]  # right-hand side
    deps: List[int] = field(default_factory=list)  # ids of graph nodes read
    layers: List[LayerUse] = field(default_factory=list)
    info: dict = field(default_factory=dict)


@dataclass
class Item:
    """A module-level statement in order: a graph node, or plain Python kept as is."""

    stmt: ast.stmt
    node: Optional[Node] = None
    needs_upgrade: bool = False  # plain statement that names tf (tf.set_random_seed...)


@dataclass
class Graph:
    alias: str
    nodes: List[Node] = field(default_factory=list)
    items: List[Item] = field(default_factory=list)
    current: Dict[str, int] = field(default_factory=dict)  # Python name -> id of its latest node
    scoped_variables: Dict[str, int] = field(default_factory=dict)  # "scope/w" -> variable node id
    layer_names: Dict[str, str] = field(default_factory=dict)  # TF 1.x layer name -> layer object
    plain_names: Dict[str, int] = field(default_factory=dict)  # name -> index of the plain item binding it
    # id() of an ast node -> the name that stands for it in lifted code (an LSTM's `state.h` -> `state_h`)
    subst: Dict[int, str] = field(default_factory=dict)
    losses: Dict[int, LossUse] = field(default_factory=dict)  # id() of a tf.losses call -> its lift
    # placeholders fed only to layers' `training=`: Keras 3 layers take a Python bool there, so each
    # run's constant feed is written into its own function instead of becoming a parameter
    modes: Dict[int, List[LayerUse]] = field(default_factory=dict)

    def node(self, name: str) -> Optional[Node]:
        i = self.current.get(name)
        return self.nodes[i] if i is not None else None

    def of_kind(self, *kinds: str) -> List[Node]:
        return [n for n in self.nodes if n.kind in kinds]

    def closure(self, roots) -> List[int]:
        """The nodes ``roots`` depend on, themselves included, in node order."""
        seen, stack = set(), list(roots)
        while stack:
            i = stack.pop()
            if i in seen:
                continue
            seen.add(i)
            stack.extend(self.nodes[i].deps)
        return sorted(seen)


def _kw(call: ast.Call, name: str, position: Optional[int] = None) -> Optional[ast.AST]:
    for k in call.keywords:
        if k.arg == name:
            return k.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def bind_args(call: ast.Call, params: Tuple[str, ...], what: str) -> Dict[str, ast.AST]:
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        raise Decline("TFU502", call, f"{what} called with *args/**kwargs")
    if len(call.args) > len(params):
        raise Decline("TFU508", call, f"{what}: more positional arguments than its TF 1.x signature")
    bound = dict(zip(params, call.args))
    for k in call.keywords:
        if k.arg not in params:
            raise Decline("TFU508", call, f"{what}: argument `{k.arg}` is not lifted")
        bound[k.arg] = k.value
    return bound


class GraphReader:
    """Builds :class:`Graph` from the statements before the session."""

    def __init__(self, alias: str, source):
        self.g = Graph(alias)
        self.alias = alias
        self.source = source
        self._layer_counter: Dict[str, int] = {}
        self.taken: set = set()
        self._updates: Optional[List[str]] = None  # inside control_dependencies(UPDATE_OPS): the BN layers
        from .pipeline import PipelineReader

        self.pipeline = PipelineReader(self)  # queue input pipelines -> tf.data

    # -- helpers --
    def _q(self, node) -> Optional[str]:
        return qualname(node, self.alias)

    def _graph_deps(self, node: ast.AST) -> List[int]:
        return sorted({self.g.current[n] for n in loaded_names(node) if n in self.g.current})

    def _new(self, kind, name, stmt, value, **info) -> Node:
        n = Node(len(self.g.nodes), kind, name, stmt, value, self._graph_deps(value) if value is not None else [],
                 info=info)
        if name and name in self.g.current and self.g.nodes[self.g.current[name]].kind in (VARIABLE, PLACEHOLDER):
            # the lifted code reads variables and parameters by name: one name must mean one of them
            old = self.g.nodes[self.g.current[name]]
            raise Decline("TFU509", stmt, f"`{name}` is rebound (line {old.stmt.lineno} made it a {old.kind}); "
                                          "the lifted functions read variables and placeholders by name")
        self.g.nodes.append(n)
        if name:
            self.g.current[name] = n.id
        self.g.items.append(Item(stmt, n))
        return n

    def _check_refs(self, node: ast.AST, allowed_creator: Optional[ast.AST] = None) -> None:
        """Decline TF names that have no place in a lifted computation."""
        # in source order: the outermost name of a nested construct speaks first (MultiRNNCell([...Cell()]))
        lifted_losses = {id(u.call.func) for u in self.g.losses.values()}
        for ref in sorted(tf_references(node, self.alias), key=lambda r: (r.lineno, r.col_offset)):
            q = self._q(ref)
            if id(ref) in lifted_losses:
                continue
            if q in tables.LAYERS or q in tables.INITIALIZERS:
                continue
            creators = ("tf.Variable", "tf.get_variable", "tf.placeholder") + tuple(tables.OPTIMIZERS)
            if ref is allowed_creator:
                continue
            if q in creators:
                raise Decline("TFU508", ref, f"`{q}` nested inside an expression; the lifter creates variables "
                                             "and placeholders only as `name = {q}(...)`")
            rule = tables.declined(q) or (
                "TFU508" if q.startswith("tf.train.") and q.endswith("Optimizer") else None)
            if rule:
                raise Decline(rule, ref, f"`{q}`: {tables.decline_reason(q, rule)}")
            if q in tables.INITIALIZER_OPS or q in tables.SESSIONS or q.startswith("tf.summary.") \
                    or q.startswith("tf.train.Saver"):
                raise Decline("TFU508", ref, f"`{q}` inside an expression is not lifted")

    # -- statements --
    def read(self, stmts: List[ast.stmt], scope: str = "", reuse: bool = False) -> None:
        for stmt in stmts:
            self.statement(stmt, scope, reuse)

    def statement(self, stmt: ast.stmt, scope: str, reuse: bool) -> None:
        uses_tf = any(True for _ in tf_references(stmt, self.alias))
        graph_refs = [n for n in loaded_names(stmt) if n in self.g.current]
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            self.g.items.append(Item(stmt))
            return
        if self.pipeline.statement(stmt):
            return
        if uses_tf and not graph_refs and absl_only(stmt, self.alias):
            self._plain(stmt)  # flags, app.run, logging: converted with the whole file (modernize._absl)
            return
        if isinstance(stmt, ast.With) and len(stmt.items) == 1 and isinstance(stmt.items[0].context_expr, ast.Call) \
                and call_name(stmt.items[0].context_expr, self.alias) in SCOPES:
            call = stmt.items[0].context_expr
            if stmt.items[0].optional_vars is not None:
                raise Decline("TFU509", stmt, "a scope object bound with `as` is not lifted")
            q = call_name(call, self.alias)
            if q == "tf.variable_scope":
                name = _kw(call, "name_or_scope", 0)
                if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
                    raise Decline("TFU509", call, "variable_scope with a computed name")
                r = _kw(call, "reuse", 2)
                inner_reuse = reuse or (r is not None and not (isinstance(r, ast.Constant) and not r.value))
                self.read(stmt.body, f"{scope}{name.value}/", inner_reuse)
            else:
                self.read(stmt.body, scope, reuse)
            return
        if isinstance(stmt, ast.With) and len(stmt.items) == 1 \
                and call_name(stmt.items[0].context_expr, self.alias) == "tf.control_dependencies":
            self._update_ops_block(stmt, scope, reuse)
            return
        if isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
            if uses_tf:
                self._helper(stmt)
            else:
                self._plain(stmt)
            return
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], (ast.Tuple, ast.List)) \
                and call_name(stmt.value, self.alias) in tables.RNN_PARAMS:
            self._rnn(stmt, stmt.targets[0], stmt.value)
            return
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and (uses_tf or graph_refs):
            self._assign(stmt, stmt.targets[0].id, stmt.value, scope, reuse)
            return
        if isinstance(stmt, ast.Expr) and call_name(stmt.value, self.alias) in tables.GRAPH_SEED_SETTERS:
            call = stmt.value
            args = bind_args(call, ("seed",), call_name(call, self.alias))
            if "seed" not in args:
                raise Decline("TFU502", call, "a graph seed call without its seed")
            self._check_refs(args["seed"])
            if graph_refs:
                raise Decline("TFU502", call, f"the graph seed computed from the graph value `{graph_refs[0]}`")
            self._new(SEED, None, stmt, None, seed=args["seed"])
            return
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) \
                and (call_name(stmt.value, self.alias) or "").startswith("tf.summary."):
            self._summary(stmt, None, stmt.value)
            return
        if uses_tf:
            for ref in tf_references(stmt, self.alias):
                q = self._q(ref)
                if tables.declined(q) or q in tables.SESSIONS or q in ("tf.Variable", "tf.get_variable", "tf.placeholder") \
                        or (q or "").startswith("tf.train.") or (q or "").startswith("tf.summary."):
                    rule = tables.declined(q)
                    if rule:
                        raise Decline(rule, ref, f"`{q}`: {tables.decline_reason(q, rule)}")
                    raise Decline("TFU503", ref, f"`{q}` in a statement that is not a graph definition the lifter "
                                                 "knows (inside a loop, condition or compound statement?)")
        if graph_refs:
            raise Decline("TFU509" if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)) else "TFU503",
                          stmt, f"`{graph_refs[0]}` (a graph value) used in a statement the lifter cannot "
                                "express as a graph computation")
        self._plain(stmt, needs_upgrade=uses_tf)

    def _plain(self, stmt, needs_upgrade=False) -> None:
        self.g.items.append(Item(stmt, None, needs_upgrade))
        targets = []
        if isinstance(stmt, ast.Assign):
            targets = [n.id for t in stmt.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
        elif isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
            targets = [stmt.name]
        for t in targets:
            self.g.plain_names[t] = len(self.g.items) - 1
            if t in self.g.current:
                raise Decline("TFU509", stmt, f"`{t}` rebinds a graph value with plain Python")

    def _helper(self, stmt) -> None:
        """A def that builds graph pieces: kept as a function if it creates nothing."""
        for ref in tf_references(stmt, self.alias):
            q = self._q(ref)
            if q in ("tf.Variable", "tf.get_variable", "tf.placeholder") or q in tables.LAYERS \
                    or q.startswith("tf.train.") or q.startswith("tf.summary.") or q == "tf.variable_scope":
                raise Decline("TFU509", ref, f"`{q}` inside function `{stmt.name}`: variables and layers created "
                                             "in a function (shared through variable_scope reuse) are not lifted")
        self._check_refs(stmt)
        free = [n for n in loaded_names(stmt) if n in self.g.current and self.g.node(n).kind != VARIABLE]
        if free:
            raise Decline("TFU503", stmt, f"function `{stmt.name}` reads the graph tensor `{free[0]}` as a global")
        self._plain(stmt, needs_upgrade=True)
        self.g.items[-1].needs_upgrade = True
        self.g.items[-1].stmt._tfu_reads = [self.g.current[n] for n in loaded_names(stmt) if n in self.g.current]

    def _assign(self, stmt, name: str, value: ast.AST, scope: str, reuse: bool) -> None:
        q = call_name(value, self.alias)
        if name in self.g.plain_names:
            raise Decline("TFU509", stmt, f"`{name}` is bound both to plain Python and to a graph value")
        if q == "tf.placeholder":
            call = value
            args = bind_args(call, ("dtype", "shape", "name"), "tf.placeholder")
            self._check_refs(call, allowed_creator=call.func)
            self._new(PLACEHOLDER, name, stmt, None, dtype=args.get("dtype"), shape=args.get("shape"))
            return
        if q == "tf.Variable":
            self._check_refs(value, allowed_creator=value.func)
            n = self._new(VARIABLE, name, stmt, value)
            n.info["trainable"] = not _is_false(_kw(value, "trainable", 1))
            self._variable_deps(n)
            return
        if q == "tf.get_variable":
            self._get_variable(stmt, name, value, scope, reuse)
            return
        if q in tables.CELLS:
            self._cell(stmt, name, value, q)
            return
        if q in tables.MULTI_CELLS:
            self._multi_cell(stmt, name, value, q)
            return
        if q in tables.SCHEDULES:
            self._schedule(stmt, name, value, q)
            return
        if self._is_update_ops(value):
            self._new(UPDATES, name, stmt, None, layers=self._batch_norms())
            return
        if q in GLOBAL_STEP_CALLS or q == "tf.train.get_global_step":
            n = self._new(VARIABLE, name, stmt, value, trainable=False, global_step=True)
            return
        if q in tables.OPTIMIZERS:
            self._check_refs(value, allowed_creator=value.func)
            self._optimizer(stmt, name, value, q)
            return
        if q in tables.INITIALIZER_OPS:
            self._new(INIT, name, stmt, None)
            return
        if q == "tf.train.Saver":
            self._saver(stmt, name, value)
            return
        if q == "tf.summary.FileWriter":
            self._new(WRITER, name, stmt, value, call=value)
            return
        if q and q.startswith("tf.summary."):
            self._summary(stmt, name, value)
            return
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and value.func.attr in ("minimize", "compute_gradients", "apply_gradients"):
            self._training(stmt, name, value)
            return
        self._tensor(stmt, name, value)

    # -- batch normalization's update ops --
    def _is_update_ops(self, value) -> bool:
        return call_name(value, self.alias) == "tf.get_collection" and len(value.args) == 1 \
            and not value.keywords and self._q(value.args[0]) == "tf.GraphKeys.UPDATE_OPS"

    def _batch_norms(self) -> List[str]:
        return [u.obj for n in self.g.of_kind(TENSOR) for u in n.layers
                if u.created and u.mapping.target == "tf.keras.layers.BatchNormalization"]

    def _update_ops_block(self, stmt, scope, reuse) -> None:
        """``with tf.control_dependencies(update_ops): train_op = opt.minimize(loss)``: the training op
        runs the batch normalizations' moving-average updates, as a Keras layer called with
        training=True does by itself."""
        call = stmt.items[0].context_expr
        arg = call.args[0] if len(call.args) == 1 and not call.keywords else None
        node = self.g.node(arg.id) if isinstance(arg, ast.Name) else None
        if node is not None and node.kind == UPDATES:
            layers = node.info["layers"]
        elif arg is not None and self._is_update_ops(arg):
            layers = self._batch_norms()
        else:
            raise Decline("TFU504", call, "control_dependencies on anything but the UPDATE_OPS collection: in eager "
                                          "code statements run in order, and what this dependency orders is not "
                                          "modelled")
        if stmt.items[0].optional_vars is not None:
            raise Decline("TFU504", stmt, "control_dependencies bound with `as`")
        for inner in stmt.body:
            value = inner.value if isinstance(inner, ast.Assign) else None
            trains = isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and value.func.attr in ("minimize", "apply_gradients")
            if not trains and call_name(value, self.alias) not in tables.OPTIMIZERS:
                raise Decline("TFU504", inner, "under control_dependencies(UPDATE_OPS) only the optimizer and its "
                                               "training op are lifted")
        self._updates = layers
        try:
            self.read(stmt.body, scope, reuse)
        finally:
            self._updates = None

    def _rank(self, expr, before: int, depth: int = 0) -> Optional[int]:
        """The rank of a graph expression where the source says it (placeholder shapes, layer outputs)."""
        if depth > 50:
            return None
        q = call_name(expr, self.alias)
        if q in tables.LAYERS:
            rank = tables.LAYER_RANK.get(tables.LAYERS[q].target)
            if rank != "same":
                return rank
            args = bind_args(expr, tuple(p for p, _, _ in tables.LAYERS[q].params), q)
            return self._rank(args["inputs"], before, depth + 1) if "inputs" in args else None
        if isinstance(expr, ast.Name):
            node = next((m for m in reversed(self.g.nodes[:before]) if m.name == expr.id), None)
            if node is None:
                return None
            if node.kind == PLACEHOLDER:
                shape = node.info.get("shape")
                return len(shape.elts) if isinstance(shape, (ast.List, ast.Tuple)) else None
            if node.kind == TENSOR and "unpack" not in node.info:
                return self._rank(node.value, node.id, depth + 1)
        return None

    def _variable_deps(self, n: Node) -> None:
        for d in n.deps:
            if self.g.nodes[d].kind != VARIABLE:
                raise Decline("TFU503", n.stmt, f"variable `{n.name}` is initialized from the graph tensor "
                                                f"`{self.g.nodes[d].name}`")

    def _get_variable(self, stmt, name, call, scope, reuse) -> None:
        args = bind_args(call, ("name", "shape", "dtype", "initializer", "regularizer", "trainable"),
                         "tf.get_variable")
        if "regularizer" in args:
            raise Decline("TFU505", call, "get_variable's regularizer goes to a graph collection")
        vname = args.get("name")
        if not (isinstance(vname, ast.Constant) and isinstance(vname.value, str)):
            raise Decline("TFU509", call, "get_variable with a computed name")
        full = scope + vname.value
        if full in self.g.scoped_variables:
            if not reuse:
                raise Decline("TFU509", call, f"variable {full} already exists and the scope does not reuse it "
                                              "(TF 1.x raises here)")
            target = self.g.nodes[self.g.scoped_variables[full]]
            n = self._new(ALIAS, name, stmt, None, of=target.id)
            n.deps = [target.id]
            return
        if reuse:
            raise Decline("TFU509", call, f"variable {full} is reused before it exists (TF 1.x raises here)")
        for part in ("shape", "initializer", "dtype", "trainable"):
            if part in args:
                self._check_refs(args[part])
        n = self._new(VARIABLE, name, stmt, call, get_variable=args, full_name=full)
        n.info["trainable"] = not _is_false(args.get("trainable"))
        self._variable_deps(n)
        self.g.scoped_variables[full] = n.id

    def _optimizer(self, stmt, name, call, q) -> None:
        rate = self._optimizer_args(call, q)
        self._new(OPTIMIZER, name, stmt, call, qualname=q, rate_placeholder=rate)

    def _optimizer_args(self, call, q) -> Optional[int]:
        """Hyper-parameters are constants, a learning-rate schedule, or a learning rate fed through a
        placeholder (its id is returned: each training step sets the optimizer's rate from it)."""
        m = tables.OPTIMIZERS[q]
        args = bind_args(call, tuple(p for p, _, _ in m.params), q)
        rate = None
        for p, arg in args.items():
            node = self.g.node(arg.id) if isinstance(arg, ast.Name) else None
            if p == "learning_rate" and node is not None and node.kind == SCHEDULE:
                continue
            if p == "learning_rate" and node is not None and node.kind == PLACEHOLDER:
                if q == "tf.train.MomentumOptimizer":
                    raise Decline("TFU508", arg, f"MomentumOptimizer over the fed rate `{arg.id}`: TF 1.x scales its "
                                                 "accumulated gradients by the current rate, Keras SGD accumulates "
                                                 "steps scaled by the rate of their own step; with a changing rate "
                                                 "the iterates differ")
                rate = node.id
                continue
            for ref in loaded_names(arg):
                node = self.g.node(ref)
                if node is not None:
                    raise Decline("TFU508", arg, f"{q}'s `{p}` computed from the graph value `{ref}` (a "
                                                 f"{node.kind}): the Keras optimizer is built once with constants, "
                                                 "a keras.optimizers.schedules object or a fed learning rate")
        return rate

    def _schedule(self, stmt, name, call, q) -> None:
        m = tables.SCHEDULES[q]
        args = bind_args(call, tuple(p for p, _, _ in m.params), q)
        gs = next((args.get(p) for p, k, _ in m.params if k == tables.GLOBAL_STEP), None)
        if gs is None:
            raise Decline("TFU508", call, f"{q} without global_step")
        for p, value in args.items():
            if value is gs:
                continue
            self._check_refs(value)
            refs = [x for x in loaded_names(value) if x in self.g.current]
            if refs:
                raise Decline("TFU508", value, f"{q}'s `{p}` computed from the graph value `{refs[0]}`: a Keras "
                                               "schedule takes constants")
        gs_id = self._global_step(stmt, gs)
        step = self.g.nodes[gs_id]
        if not step.info.get("global_step") and not _starts_at_zero(step.value):
            raise Decline("TFU508", gs, f"{q} over `{step.name}`, which does not start at 0: the Keras optimizer "
                                        "calls its schedule with its own step count, from 0")
        n = self._new(SCHEDULE, name, stmt, call, qualname=q, args=args, global_step=gs_id)
        n.deps = [gs_id]

    def _learning_rate_schedule(self, opt: Node) -> Optional[Node]:
        """The schedule node an optimizer's learning_rate names, if any."""
        m = tables.OPTIMIZERS[opt.info["qualname"]]
        args = bind_args(opt.value, tuple(p for p, _, _ in m.params), opt.info["qualname"])
        lr = args.get("learning_rate")
        node = self.g.node(lr.id) if isinstance(lr, ast.Name) else None
        return node if node is not None and node.kind == SCHEDULE else None

    def finish(self) -> None:
        """Checks over the whole graph: a training flag is only a flag; a decayed learning rate sees the
        steps TF 1.x counted."""
        for pid, uses in self.g.modes.items():
            name = self.g.nodes[pid].name
            flags = {id(u.args["training"]) for u in uses}
            for n in self.g.nodes:
                if pid not in n.deps or n.value is None:
                    continue
                others = [x for x in ast.walk(n.value) if isinstance(x, ast.Name) and x.id == name
                          and id(x) not in flags]
                if others:
                    raise Decline("TFU508", others[0], f"`{name}` is a layer's training flag and a tensor: Keras 3 "
                                                       "layers take a Python bool for training")
        trains = self.g.of_kind(TRAIN)
        for opt in self.g.of_kind(OPTIMIZER):
            schedule = self._learning_rate_schedule(opt)
            if schedule is None:
                continue
            if opt.info["qualname"] == "tf.train.MomentumOptimizer":
                raise Decline("TFU508", schedule.stmt, f"MomentumOptimizer over the decayed rate `{schedule.name}`: "
                                                       "TF 1.x accumulates gradients and scales the sum by the "
                                                       "current rate, Keras SGD accumulates steps scaled by the rate "
                                                       "of their own step; with a changing rate the iterates differ")
            mine = [t for t in trains if t.info["optimizer"] == opt.id]
            gs = schedule.info["global_step"]
            if len(mine) != 1 or mine[0].info.get("global_step") != gs:
                raise Decline("TFU508", schedule.stmt, f"`{schedule.name}` decays with `{self.g.nodes[gs].name}`, "
                                                       f"which `{opt.name}`'s one minimize/apply_gradients does not "
                                                       "increment: TF 1.x's rate and the Keras optimizer's "
                                                       "iterations would count different steps")
            others = [t for t in trains if t is not mine[0] and t.info.get("global_step") == gs]
            if others:
                raise Decline("TFU508", others[0].stmt, f"`{self.g.nodes[gs].name}` is also incremented by another "
                                                        "training op: the schedule's optimizer counts only its own "
                                                        "steps")

    def _saver(self, stmt, name, call) -> None:
        args = bind_args(call, ("var_list", "reshape", "sharded", "max_to_keep"), "tf.train.Saver")
        if "var_list" in args or "reshape" in args or "sharded" in args:
            raise Decline("TFU508", call, "a Saver over chosen variables (var_list) is not lifted")
        self._new(SAVER, name, stmt, None, max_to_keep=args.get("max_to_keep"),
                  saved=[n.id for n in self.g.nodes if n.kind in (VARIABLE, OPTIMIZER)] + [-1])

    def _summary(self, stmt, name, call) -> None:
        q = call_name(call, self.alias)
        if q == "tf.summary.merge_all":
            self._new(MERGED, name, stmt, None, of=[n.id for n in self.g.nodes if n.kind == SUMMARY])
            self.g.nodes[-1].deps = list(self.g.nodes[-1].info["of"])
            return
        if q == "tf.summary.merge":
            inputs = call.args[0] if call.args else None
            if not isinstance(inputs, (ast.List, ast.Tuple)) or not all(
                    isinstance(e, ast.Name) and self.g.node(e.id) and self.g.node(e.id).kind == SUMMARY
                    for e in inputs.elts):
                raise Decline("TFU502", call, "tf.summary.merge of anything but a list of summary names")
            ids = [self.g.current[e.id] for e in inputs.elts]
            n = self._new(MERGED, name, stmt, None, of=ids)
            n.deps = ids
            return
        if q not in ("tf.summary.scalar", "tf.summary.histogram", "tf.summary.image", "tf.summary.text",
                     "tf.summary.audio"):
            raise Decline("TFU508", call, f"`{q}` is not lifted")
        args = bind_args(call, ("name", "tensor", "collections", "family") if q != "tf.summary.image" else
                         ("name", "tensor", "max_outputs", "collections", "family"), q)
        if "collections" in args or "family" in args:
            raise Decline("TFU505", call, f"{q} with collections/family")
        self._state_uses(args["tensor"])
        self._check_refs(args["tensor"])
        n = self._new(SUMMARY, name, stmt, call, qualname=q, args=args)
        n.deps = self._graph_deps(call)

    def _training(self, stmt, name, call) -> None:
        method = call.func.attr
        receiver = call.func.value
        opt_q = call_name(receiver, self.alias)
        if opt_q in tables.OPTIMIZERS:  # tf.train.AdamOptimizer(0.1).minimize(loss)
            self._check_refs(receiver, allowed_creator=receiver.func)
            rate = self._optimizer_args(receiver, opt_q)
            opt_name = self.fresh("optimizer")
            opt = Node(len(self.g.nodes), OPTIMIZER, opt_name, stmt, receiver,
                       info={"qualname": opt_q, "rate_placeholder": rate})
            self.g.nodes.append(opt)
            self.g.items.append(Item(stmt, opt))
        elif isinstance(receiver, ast.Name) and self.g.node(receiver.id) and self.g.node(receiver.id).kind == OPTIMIZER:
            opt = self.g.node(receiver.id)
        else:
            q = call_name(receiver, self.alias)
            if q and tables.declined(q) or (q or "").startswith("tf.train."):
                raise Decline(tables.declined(q) or "TFU508", receiver, f"`{q}`: "
                              + tables.DECLINED_OPTIMIZERS.get(q, "optimizer not lifted"))
            raise Decline("TFU508", call, f"`.{method}` on something that is not a lifted optimizer")
        if method in ("minimize", "compute_gradients"):
            args = bind_args(call, ("loss", "global_step", "var_list") if method == "minimize"
                             else ("loss", "var_list"), f"{method}")
            loss = args.get("loss")
            if not (isinstance(loss, ast.Name) and self.g.node(loss.id) and self.g.node(loss.id).kind == TENSOR):
                raise Decline("TFU502", call, f"{method}() of something other than a named graph tensor")
            var_list = args.get("var_list")
            if var_list is not None:
                self._check_refs(var_list)
                for n in loaded_names(var_list):
                    node = self.g.node(n)
                    if node is None or node.kind not in (VARIABLE, ALIAS):
                        raise Decline("TFU502", var_list, f"var_list names `{n}`, not a variable")
            gs = args.get("global_step")
            gs_id = self._global_step(stmt, gs) if gs is not None else None
            kind = TRAIN if method == "minimize" else GRADIENTS
            n = self._new(kind, name, stmt, None, optimizer=opt.id, loss=self.g.current[loss.id],
                          var_list=var_list, global_step=gs_id, updates=self._updates)
            n.deps = [self.g.current[loss.id]]
            return
        # apply_gradients(grads_and_vars, global_step=None)
        args = bind_args(call, ("grads_and_vars", "global_step", "name"), "apply_gradients")
        gv = args["grads_and_vars"]
        self._check_refs(gv)
        gs = args.get("global_step")
        gs_id = self._global_step(stmt, gs) if gs is not None else None
        deps = self._graph_deps(gv)
        grads = [d for d in self._closure(deps) if self.g.nodes[d].kind == GRADIENTS]
        if len(grads) != 1:
            raise Decline("TFU502", call, "apply_gradients of gradients not computed by one compute_gradients")
        n = self._new(TRAIN, name, stmt, gv, optimizer=opt.id, loss=self.g.nodes[grads[0]].info["loss"],
                      gradients=grads[0], global_step=gs_id, updates=self._updates)
        if self.g.nodes[grads[0]].info["optimizer"] != opt.id:
            raise Decline("TFU502", call, "gradients computed with one optimizer and applied with another")

    def _global_step(self, stmt, gs) -> int:
        """The variable node a ``global_step=`` argument names (created here for an inline
        ``tf.train.get_or_create_global_step()``)."""
        if isinstance(gs, ast.Name) and self.g.node(gs.id) and self.g.node(gs.id).kind == VARIABLE:
            return self.g.current[gs.id]
        if call_name(gs, self.alias) in GLOBAL_STEP_CALLS + ("tf.train.get_global_step",) and not gs.args:
            existing = [n for n in self.g.nodes if n.info.get("global_step")]
            if existing:
                return existing[0].id
            node = Node(len(self.g.nodes), VARIABLE, self.fresh("global_step"), stmt, None,
                        info={"trainable": False, "global_step": True})
            self.g.nodes.append(node)
            self.g.items.append(Item(stmt, node))
            return node.id
        raise Decline("TFU502", gs, "global_step is not a variable the lifter knows")

    def _closure(self, ids) -> List[int]:
        return self.g.closure(ids)

    # -- recurrent layers --
    def _cell(self, stmt, name, call, q) -> None:
        spec = tables.CELLS[q]
        args = self._cell_args(call, q)
        self._new(CELL, name, stmt, None, qualname=q, args=args, spec=spec, used=False)

    def _multi_cell(self, stmt, name, call, q) -> None:
        """``tf.nn.rnn_cell.MultiRNNCell([cell, ...])``: the cells run one above the other at each step,
        as Keras' ``RNN`` over a list of cells (StackedRNNCells) runs them; its state is a tuple with one
        state per cell (read ``state[k]``, or ``state[k].h`` for an LSTM's)."""
        args = bind_args(call, ("cells", "state_is_tuple"), q)
        if "state_is_tuple" in args and not self._is_literal(args["state_is_tuple"], "True"):
            raise Decline("TFU508", args["state_is_tuple"], f"{q}(state_is_tuple=False) concatenates the cells' "
                                                            "states into one tensor; Keras returns them separately")
        cells = args.get("cells")
        stack: List[Node] = []
        if isinstance(cells, (ast.List, ast.Tuple)) and cells.elts:
            for k, elt in enumerate(cells.elts):
                stack.append(self._stacked_cell(stmt, elt, f"{name}_{k}", q))
        elif isinstance(cells, ast.ListComp) and len(cells.generators) == 1 and not cells.generators[0].ifs \
                and isinstance(cells.generators[0].target, ast.Name) and not cells.generators[0].is_async:
            gen = cells.generators[0]
            it = gen.iter
            count = it.args[0] if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) \
                and it.func.id == "range" and len(it.args) == 1 and not it.keywords else None
            if not (isinstance(count, ast.Constant) and isinstance(count.value, int)
                    and not isinstance(count.value, bool) and 0 < count.value <= 64):
                raise Decline("TFU508", it, f"{q} over a comprehension: only `[<Cell>(...) for _ in range(n)]` "
                                            "with a literal n is lifted")
            if gen.target.id in loaded_names(cells.elt):
                raise Decline("TFU508", cells.elt, f"{q}: cells that differ per iteration of the comprehension")
            stack = [self._stacked_cell(stmt, cells.elt, f"{name}_{k}", q) for k in range(count.value)]
        else:
            raise Decline("TFU508", cells or call, f"{q} over something other than a list of cells the lifter "
                                                   "reads (a list/tuple literal, or `[<Cell>(...) for _ in range(n)]`)")
        self._new(CELL, name, stmt, None, qualname=q, args={}, spec=stack[0].info["spec"], used=False, stack=stack)

    def _stacked_cell(self, stmt, elt, base, q) -> Node:
        """One cell of a MultiRNNCell: a named cell created before (used up by the stack) or a cell
        constructor written in the list; a detached node (not in the graph's statements)."""
        if isinstance(elt, ast.Name):
            cell = self.g.node(elt.id)
            if cell is None or cell.kind != CELL or "stack" in cell.info:
                raise Decline("TFU508", elt, f"{q} over `{elt.id}`, which is not a cell the lifter maps")
            if cell.info["used"]:
                raise Decline("TFU509", elt, f"the cell `{cell.name}` is used twice: both uses share its weights")
            cell.info["used"] = True
            return cell
        cq = call_name(elt, self.alias)
        if cq not in tables.CELLS:
            what = f"`{cq}`: {tables.decline_reason(cq, tables.declined(cq) or 'TFU508')}" if cq else \
                f"`{self.source.segment(elt)}`"
            raise Decline("TFU508", elt, f"{q} over {what}")
        return Node(-1, CELL, self.fresh(base), stmt, elt, info=dict(
            qualname=cq, args=self._cell_args(elt, cq), spec=tables.CELLS[cq], used=True))

    def _cell_args(self, call, q) -> Dict[str, ast.AST]:
        spec = tables.CELLS[q]
        args = bind_args(call, spec.params, q)
        if "num_units" not in args:
            raise Decline("TFU508", call, f"{q} without num_units")
        for p, value in args.items():
            refs = [x for x in loaded_names(value) if x in self.g.current]
            if refs:
                raise Decline("TFU502", value, f"{q}'s `{p}` computed from the graph value `{refs[0]}`")
            if p in tables.CELL_DEFAULT_ONLY:
                default, why = tables.CELL_DEFAULT_ONLY[p]
                if not self._is_literal(value, default):
                    raise Decline("TFU508", value, f"{q}({p}={self.source.segment(value)}): {why}")
            elif p == "forget_bias" and not (isinstance(value, ast.Constant) and value.value in (0, 1)
                                             and not isinstance(value.value, bool)):
                raise Decline("TFU508", value, f"{q}(forget_bias={self.source.segment(value)}): TF 1.x adds it to "
                                               "the forget gate at every step; Keras' LSTM starts that bias at 1.0 "
                                               "(unit_forget_bias) or 0.0, so only forget_bias 1.0 or 0.0 is lifted")
            elif p in ("initializer", "kernel_initializer", "bias_initializer") and not self._is_literal(value, "None"):
                init = call_name(value, self.alias)
                if init not in tables.SHAPE_FREE_INITIALIZERS:
                    raise Decline("TFU508", value, f"{q}({p}={self.source.segment(value)}): TF 1.x draws one "
                                                   "[inputs + units, k * units] matrix; only initializers that do "
                                                   "not depend on the shape (" + ", ".join(
                                                       sorted(tables.SHAPE_FREE_INITIALIZERS)) + ") draw the same "
                                                   "values for Keras' separate kernels")
            elif p == "name" and not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                raise Decline("TFU509", value, "a cell name computed at run time")
            else:
                self._check_refs(value)
        return args

    def _is_literal(self, value: ast.AST, text: str) -> bool:
        if text.startswith("tf."):
            return self._q(value) == text
        return isinstance(value, ast.Constant) and repr(value.value) == text

    def _rnn(self, stmt, target, call) -> None:
        """``outputs, state = tf.nn.dynamic_rnn(cell, inputs, ...)`` (or ``static_rnn`` over a list of
        steps, or ``(out_fw, out_bw), (state_fw, state_bw) = tf.nn.bidirectional_dynamic_rnn(cell_fw,
        cell_bw, inputs, ...)``): one Keras recurrent layer (``Bidirectional(..., merge_mode=None)``
        for both directions) whose results are unpacked into the names the program reads."""
        q = call_name(call, self.alias)
        what = q
        if len(target.elts) != 2:
            raise Decline("TFU502", target, f"{what}'s result is lifted only as `outputs, state = ...`")
        args = bind_args(call, tables.RNN_PARAMS[q], what)
        bidirectional = q == "tf.nn.bidirectional_dynamic_rnn"
        cells = [self._rnn_cell(args.get(p), call, what) for p in (("cell_fw", "cell_bw") if bidirectional
                                                                     else ("cell",))]
        if len(cells) == 2 and cells[0] is cells[1]:
            raise Decline("TFU509", call, f"{what} over one cell in both directions: both directions would "
                                          "share its weights, which Keras' Bidirectional does not")
        for p, why in tables.RNN_DECLINED.items():
            if p in args and not self._is_literal(args[p], "None"):
                raise Decline("TFU508", args[p], f"{what}({p}=...): {why}")
        if "time_major" in args and not self._is_literal(args["time_major"], "False"):
            raise Decline("TFU508", args["time_major"], f"{what}(time_major=True): Keras recurrent layers read "
                                                        "[batch, time, depth]; the lifter does not transpose")
        if "dtype" in args and not self._is_literal(args["dtype"], "tf.float32"):
            raise Decline("TFU508", args["dtype"], f"{what} with a dtype other than tf.float32")
        scope = args.get("scope")
        if scope is not None and not (isinstance(scope, ast.Constant) and isinstance(scope.value, (str, type(None)))):
            raise Decline("TFU509", scope, f"a {what} scope computed at run time")
        if "inputs" not in args:
            raise Decline("TFU502", call, f"{what} without its inputs")
        inputs = args["inputs"]
        lengths = args.get("sequence_length")
        if lengths is not None and self._is_literal(lengths, "None"):
            lengths = None
        if lengths is not None and q != "tf.nn.dynamic_rnn":
            raise Decline("TFU508", lengths, f"{what}(sequence_length=...) is not lifted (dynamic_rnn's is)")
        if lengths is not None:
            # TF 1.x zeroes the outputs past each length and carries the state through: a Keras mask
            # with zero_output_for_mask; the mask's time axis is the inputs', so they are named once
            if not isinstance(inputs, ast.Name):
                raise Decline("TFU508", inputs, "dynamic_rnn(sequence_length=...) over an inputs expression: the lifter "
                                                "writes the mask from a named inputs tensor")
            self._check_refs(lengths)
        for p in ("parallel_iterations", "swap_memory"):  # how TF 1.x schedules the loop, not what it computes
            if p in args:
                self._check_refs(args[p])
        layers: List[LayerUse] = []
        self._mark_layer_calls(inputs, layers)
        self._check_refs(inputs)
        static = q == "tf.nn.static_rnn"
        depth = self._static_depth(inputs) if static else self._input_depth(inputs)
        if bidirectional and any("stack" in c.info for c in cells):
            raise Decline("TFU508", call, f"{what} over a MultiRNNCell is not lifted")
        stack = cells[0].info.get("stack")
        layered = []  # (cell, Keras layer class name, input depth) from the bottom of a MultiRNNCell up
        below = depth
        for cell in stack or []:
            layered.append((cell, cell.info["spec"].keras.rsplit(".", 1)[1], below))
            units = cell.info["args"]["num_units"]
            below = units.value if isinstance(units, ast.Constant) and isinstance(units.value, int) else None
        kinds = []
        for cell in cells:
            kinds.append(cell.info["spec"].keras.rsplit(".", 1)[1])
            cell.info["used"] = True
        for cell, d in [(c, d) for c, _, d in layered] or [(c, depth) for c in cells]:
            if d is None and not any(p in cell.info["args"] for p in ("initializer", "kernel_initializer")):
                raise Decline("TFU508", inputs, f"{what}: the depth of `{self.source.segment(inputs)}` is not "
                                                "known statically; TF 1.x's glorot limit for the cell's kernel "
                                                "depends on it (give the placeholder a literal last dimension"
                                                + (", and unstack it along axis 1)" if static else ")")
                                                + (" and the stacked cells literal num_units" if stack else ""))
        out_target, state_target = target.elts
        then: List[str] = []  # statements after the layer call: the results in the shapes TF 1.x returned
        bound: List[str] = []  # the program's names this node binds
        state_parts: Dict[str, Dict[str, str]] = {}

        def state_names(state, kind):
            """What the layer returns for one direction's state, and how the program's name reads it."""
            if isinstance(state, ast.Name) and state.id == "_":
                return ["_"] * (2 if kind == "LSTM" else 1)
            if not isinstance(state, ast.Name):
                raise Decline("TFU502", state, f"{what}'s state is lifted only when bound to a name")
            bound.append(state.id)
            if kind == "LSTM":
                h, c = self.fresh(f"{state.id}_h"), self.fresh(f"{state.id}_c")
                state_parts[state.id] = {"h": h, "c": c}
                return [h, c]
            return [state.id]

        if bidirectional:
            outs = self._pair(out_target, what, "outputs")
            states = self._pair(state_target, what, "states")
            if isinstance(out_target, ast.Name) and out_target.id != "_":  # the (fw, bw) tuple, read whole
                outs = [self.fresh(f"{out_target.id}_fw"), self.fresh(f"{out_target.id}_bw")]
                bound.append(out_target.id)
                then.append(f"{out_target.id} = ({outs[0]}, {outs[1]})")
            else:
                bound += [o for o in outs if o != "_"]
            if isinstance(state_target, ast.Name) and state_target.id != "_":
                if "LSTM" in kinds:
                    raise Decline("TFU508", state_target, f"{what}'s LSTM states read as one tuple: unpack them "
                                                          "as `(state_fw, state_bw)` and read `.c`/`.h`")
                parts = [self.fresh(f"{state_target.id}_fw"), self.fresh(f"{state_target.id}_bw")]
                bound.append(state_target.id)
                then.append(f"{state_target.id} = ({parts[0]}, {parts[1]})")
            elif states is None:
                parts = ["_"] * sum(2 if k == "LSTM" else 1 for k in kinds)
            else:
                parts = [x for st, k in zip(states, kinds) for x in state_names(st, k)]
            sequences = any(o != "_" for o in outs)
            wants_state = any(x != "_" for x in parts)
            unpack = list(outs) + (parts if wants_state else [])  # Keras: [fw, bw] + fw states + bw states
        else:
            if not isinstance(out_target, ast.Name):
                raise Decline("TFU502", out_target, f"{what}'s outputs are lifted only when bound to a name")
            out_name = out_target.id
            sequences = out_name != "_"
            if sequences:
                bound.append(out_name)  # first: the node's name (a fetch of the state declines)
            if stack:
                parts = self._stack_states(state_target, layered, state_parts, bound)
            else:
                parts = state_names(state_target, kinds[0])
            wants_state = any(x != "_" for x in parts)
            seq = out_name
            if static and sequences:  # TF 1.x returned a list of steps
                seq = self.fresh(f"{out_name}_sequence")
                then.append(f"{out_name} = tf.unstack({seq}, axis=1)")
            if not wants_state:
                unpack = [seq]
            elif stack:  # Keras: (last output or sequence, [h, c] or [state] per cell)
                unpack = [seq if sequences else "_"] + parts
            elif kinds[0] == "LSTM":  # Keras: [last output or sequence, h, c]
                unpack = [seq if sequences else "_"] + parts
            else:  # a GRU's or simple RNN's state is its last output: returned alone without the sequence
                unpack = ([seq] if sequences else []) + parts
        if not bound:
            raise Decline("TFU502", target, f"{what} whose outputs and states are all discarded")
        n = self._new(TENSOR, bound[0], stmt, call)
        for other in bound[1:]:
            if other in self.g.current or other in self.g.plain_names:
                raise Decline("TFU509", stmt, f"`{other}` is rebound by {what}")
            self.g.current[other] = n.id
        keras = "tf.keras.layers.RNN" if stack else cells[0].info["spec"].keras
        use = LayerUse(call, tables.Mapping(keras, ()), q, args={"inputs": inputs})
        base = (scope.value if scope is not None and scope.value else
                cells[0].name if not bidirectional else "bidirectional").replace("/", "_")
        use.obj = self.fresh(f"{base}_layer")
        use.rnn = {"cell": cells[0], "kind": kinds[0], "depth": depth, "sequences": sequences or bidirectional,
                   "state": wants_state, "scope": scope if scope is not None and scope.value else None,
                   "lengths": lengths, "static": static}
        if stack:
            use.rnn["stack"] = layered
        if bidirectional:
            use.rnn["directions"] = [(cell, kind, self.fresh(f"{cell.name}_layer")) for cell, kind in zip(cells, kinds)]
        for u in layers:
            self._layer(n, u)
        n.layers = layers + [use]
        n.info.update(unpack=", ".join(unpack),
                      rnn_state=set(state_parts), state_parts=state_parts, rnn_output=None if bidirectional or static
                      or stack
                      or not sequences else bound[0], then=then)
        for d in n.deps:
            if self.g.nodes[d].kind not in (PLACEHOLDER, VARIABLE, TENSOR, ALIAS, CELL):
                raise Decline("TFU502", stmt, f"{what}'s inputs computed from `{self.g.nodes[d].name}`, "
                                              f"a {self.g.nodes[d].kind}")

    def _stack_states(self, state, layered, state_parts, bound) -> List[str]:
        """The names a MultiRNNCell's state tuple is unpacked into, one group per cell: ``(h, c)`` for
        an LSTM, ``(state,)`` for the others; recorded so that ``state[k].h``/``state[k]`` read them."""
        if isinstance(state, ast.Name) and state.id == "_":
            return ["_"]
        if not isinstance(state, ast.Name):
            raise Decline("TFU502", state, "a MultiRNNCell's state is lifted only when bound to a name")
        bound.append(state.id)
        groups, texts = [], []
        for k, (_, kind, _) in enumerate(layered):
            if kind == "LSTM":
                h, c = self.fresh(f"{state.id}_{k}_h"), self.fresh(f"{state.id}_{k}_c")
                groups.append({"h": h, "c": c, "lstm": True})
                texts.append(f"({h}, {c})")
            else:
                one = self.fresh(f"{state.id}_{k}")
                groups.append({"h": one})
                texts.append(f"({one},)")
        state_parts[state.id] = {"layers": groups}
        return texts

    def _rnn_cell(self, cell_arg, call, what) -> Node:
        cell = self.g.node(cell_arg.id) if isinstance(cell_arg, ast.Name) else None
        if cell is None or cell.kind != CELL:
            raise Decline("TFU508", cell_arg or call, f"{what} over something other than a cell created as "
                                                      "`name = tf.nn.rnn_cell.<Cell>(...)`")
        if cell.info["used"]:
            raise Decline("TFU509", cell_arg, f"the cell `{cell.name}` is run twice: both runs share its weights, "
                                              "one Keras layer called twice is not lifted")
        return cell

    def _pair(self, target, what, part):
        """The two names a bidirectional result is unpacked into: ``(fw, bw)``; None for one name or `_`."""
        if isinstance(target, ast.Name):
            return None if part == "states" else ["_", "_"]
        if not (isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == 2):
            raise Decline("TFU502", target, f"{what}'s {part} are lifted only as a name or `(fw, bw)`")
        if part == "outputs" and not all(isinstance(e, ast.Name) for e in target.elts):
            raise Decline("TFU502", target, f"{what}'s outputs are lifted only as `(name_fw, name_bw)`")
        return [e.id for e in target.elts] if part == "outputs" else list(target.elts)

    def _static_depth(self, inputs) -> Optional[int]:
        """static_rnn's inputs: the steps of ``tf.unstack(x, [num], axis=1)`` over a placeholder whose
        last dimension is literal (named or inline)."""
        value = inputs
        if isinstance(inputs, ast.Name):
            node = self.g.node(inputs.id)
            value = node.value if node is not None and node.kind == TENSOR else None
        if call_name(value, self.alias) != "tf.unstack":
            return None
        args = bind_args(value, ("value", "num", "axis", "name"), "tf.unstack")
        axis = args.get("axis")
        if not (isinstance(axis, ast.Constant) and axis.value == 1) or not isinstance(args.get("value"), ast.Name):
            return None
        return self._input_depth(args["value"])

    def _input_depth(self, inputs) -> Optional[int]:
        """The last dimension of what dynamic_rnn reads, when the source says it: a placeholder's literal
        shape, or the literal num_units of the cell whose outputs these are."""
        node = self.g.node(inputs.id) if isinstance(inputs, ast.Name) else None
        if node is not None and node.info.get("rnn_output") == inputs.id:  # a lower layer's outputs
            units = node.layers[-1].rnn["cell"].info["args"]["num_units"]
            return units.value if isinstance(units, ast.Constant) and isinstance(units.value, int) else None
        shape = node.info.get("shape") if node is not None and node.kind == PLACEHOLDER else None
        if isinstance(shape, (ast.List, ast.Tuple)) and len(shape.elts) == 3:
            last = shape.elts[-1]
            if isinstance(last, ast.Constant) and isinstance(last.value, int) and not isinstance(last.value, bool):
                return last.value
        return None

    def _state_uses(self, value) -> None:
        """An LSTM's state tuple is read as ``state.c``/``state.h`` (or ``state[0]``/``state[1]``): each
        becomes the name the Keras layer returns it under.  Any other use of the tuple declines."""
        for name in loaded_names(value):
            node = self.g.node(name)
            parts = (node.info.get("state_parts") or {}).get(name) if node is not None else None
            if not parts:
                continue
            parents = {}
            for outer in ast.walk(value):
                for child in ast.iter_child_nodes(outer):
                    parents[id(child)] = outer
            for ref in ast.walk(value):
                if not (isinstance(ref, ast.Name) and ref.id == name):
                    continue
                up = parents.get(id(ref))
                if "layers" in parts:
                    self._stack_state_use(name, ref, up, parents, parts["layers"])
                    continue
                part = _lstm_state_part(up)
                if part is None:
                    raise Decline("TFU508", ref, f"the LSTM state `{name}` used whole: TF 1.x's LSTMStateTuple "
                                                 "has no Keras 3 counterpart (read `.c` and `.h`)")
                self.g.subst[id(up)] = parts[part]

    def _stack_state_use(self, name, ref, up, parents, layers) -> None:
        """``state[k]`` (a GRU's or simple RNN's state) or ``state[k].h``/``.c``/``[0]``/``[1]`` (an LSTM's)
        of a MultiRNNCell's state tuple."""
        index = up.slice if isinstance(up, ast.Subscript) else None
        if isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub) and isinstance(index.operand, ast.Constant):
            k = -index.operand.value if isinstance(index.operand.value, int) else None
        else:
            k = index.value if isinstance(index, ast.Constant) and isinstance(index.value, int) else None
        if k is None or isinstance(k, bool) or not -len(layers) <= k < len(layers):
            raise Decline("TFU508", ref, f"the MultiRNNCell state `{name}` read other than per cell with a literal "
                                         "index (`state[k]`, or `state[k].h` for an LSTM)")
        group = layers[k]
        if not group.get("lstm"):
            self.g.subst[id(up)] = group["h"]
            return
        outer = parents.get(id(up))
        part = _lstm_state_part(outer)
        if part is None:
            raise Decline("TFU508", ref, f"the LSTM state `{name}[{k}]` used whole: TF 1.x's LSTMStateTuple has no "
                                         "Keras 3 counterpart (read `.c` and `.h`)")
        self.g.subst[id(outer)] = group[part]

    def _losses(self, value) -> None:
        for node in ast.walk(value):
            q = call_name(node, self.alias)
            if q not in tables.LOSSES:
                continue
            m = tables.LOSSES[q]
            args = bind_args(node, tuple(p for p, _, _ in m.params), q)
            for p, keras, _ in m.params:
                v = args.get(p)
                if keras in (tables.LABELS, tables.PREDICTIONS):
                    if v is None:
                        raise Decline("TFU502", node, f"{q} without `{p}`")
                    continue
                if v is None:
                    continue
                if keras == tables.ONE:
                    if not (isinstance(v, ast.Constant) and v.value == 1 and not isinstance(v.value, bool)):
                        raise Decline("TFU508", v, f"{q}(weights=...): TF 1.x divides the weighted sum by the "
                                                   "number of non-zero weights, Keras' sample_weight by the batch "
                                                   "size")
                elif p == "loss_collection":
                    raise Decline("TFU505", v, f"{q}(loss_collection=...) registers the loss in a collection")
                elif p == "reduction":
                    raise Decline("TFU508", v, f"{q}(reduction=...): only TF 1.x's default (the mean over the "
                                               "elements) is lifted")
                elif keras == tables.DROPPED:
                    if not (isinstance(v, ast.Constant) and isinstance(v.value, (str, type(None)))):
                        raise Decline("TFU509", v, f"{q}: a scope computed at run time")
                else:
                    self._check_refs(v)
                    refs = [x for x in loaded_names(v) if x in self.g.current]
                    if refs:
                        raise Decline("TFU502", v, f"{q}'s `{p}` computed from the graph value `{refs[0]}`")
            self.g.losses[id(node)] = LossUse(node, m, q, args)

    def _tensor(self, stmt, name, value) -> None:
        layers = []
        self._state_uses(value)
        self._losses(value)
        self._mark_layer_calls(value, layers)
        self._check_refs(value)
        n = self._new(TENSOR, name, stmt, value)
        for use in layers:
            self._layer(n, use)
        n.layers = layers
        for d in n.deps:
            kind = self.g.nodes[d].kind
            if kind not in (PLACEHOLDER, VARIABLE, TENSOR, ALIAS, GRADIENTS):
                raise Decline("TFU502", stmt, f"`{name}` computed from `{self.g.nodes[d].name}`, a {kind}")

    def _mark_layer_calls(self, value, out: List[LayerUse]) -> None:
        for node in ast.walk(value):
            q = call_name(node, self.alias)
            if q in tables.LAYERS:
                out.append(LayerUse(node, tables.LAYERS[q], q))
        out.sort(key=lambda u: (u.call.lineno, u.call.col_offset))

    def _layer(self, n: Node, use: LayerUse) -> None:
        params = tuple(p for p, _, _ in use.mapping.params)
        use.args = bind_args(use.call, params, use.qualname)
        if "inputs" not in use.args:
            raise Decline("TFU502", use.call, f"{use.qualname} without its input tensor")
        for p, value in use.args.items():
            if p != "inputs":
                self._check_refs(value)
                refs = [x for x in loaded_names(value) if x in self.g.current]
                if refs and p != "training":
                    raise Decline("TFU502", value, f"{use.qualname}'s `{p}` computed from the graph value `{refs[0]}`")
        for p, keras, _ in use.mapping.params:
            if keras == tables.UNLIFTED and p in use.args:
                raise Decline("TFU508", use.args[p], f"{use.qualname}({p}=...) is not lifted")
        flag = use.args.get("training")
        if flag is not None and any(x in self.g.current for x in loaded_names(flag)):
            node = self.g.node(flag.id) if isinstance(flag, ast.Name) else None
            if node is None or node.kind != PLACEHOLDER:
                raise Decline("TFU508", flag, f"{use.qualname}'s `training` computed from a graph tensor: Keras 3 "
                                              "layers take a Python bool there")
            use.mode = node.id
            self.g.modes.setdefault(node.id, []).append(use)
        if use.mapping.target == "tf.keras.layers.BatchNormalization":
            fused = use.args.get("fused")
            if not (isinstance(fused, ast.Constant) and fused.value is False):
                rank = self._rank(use.args["inputs"], n.id)
                if rank is None or rank >= 4:
                    raise Decline("TFU508", use.call, "batch normalization of a " + (
                        f"{rank}-D" if rank else "tensor whose rank the lifter cannot tell from the source, possibly "
                        "4-D") + " input: TF 1.x then uses the fused kernel, whose moving variance is Bessel-"
                        "corrected (n/(n-1)), Keras 3's is not (fused=False makes TF 1.x compute what Keras does)")
        if use.qualname == "tf.layers.dropout" and "seed" in use.args and not _is_false(use.args["seed"]) \
                and "noise_shape" not in use.args:  # Keras' noise_shape fills None dims; tf.nn.dropout's not
            use.op, use.created = True, False
            return
        name_arg = use.args.get("name") or use.args.get("scope")
        literal = name_arg.value if isinstance(name_arg, ast.Constant) and isinstance(name_arg.value, str) else None
        if name_arg is not None and literal is None:
            raise Decline("TFU509", name_arg, "a layer name computed at run time")
        reuse = use.args.get("reuse")
        if reuse is not None and not _is_false(reuse):
            if literal is None or literal not in self.g.layer_names:
                raise Decline("TFU509", use.call, "a reused layer whose first use the lifter did not see")
            use.obj, use.created = self.g.layer_names[literal], False
            return
        if literal is not None and literal in self.g.layer_names:
            raise Decline("TFU509", use.call, f"layer name {literal!r} used twice without reuse")
        base = (literal or n.name or "layer").replace("/", "_")
        use.obj = self.fresh(f"{base}_layer")
        if literal is not None:
            self.g.layer_names[literal] = use.obj

    def fresh(self, base: str) -> str:
        return fresh_name(self.taken, base)


def _starts_at_zero(call) -> bool:
    """``tf.Variable(0, ...)``: a step counter that starts where a Keras optimizer's iterations do."""
    if not isinstance(call, ast.Call):
        return False
    first = _kw(call, "initial_value", 0)
    return isinstance(first, ast.Constant) and first.value == 0 and not isinstance(first.value, bool)


def _is_false(node) -> bool:
    return isinstance(node, ast.Constant) and node.value in (False, None)


def _lstm_state_part(node) -> Optional[str]:
    """"c" or "h" where ``node`` reads that half of an LSTMStateTuple (``.c``/``.h``, ``[0]``/``[1]``)."""
    if isinstance(node, ast.Attribute) and node.attr in ("c", "h"):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value in (0, 1):
        return "ch"[node.slice.value]
    return None

"""The session part: where the program runs what it built.

Finds the single session (``with tf.Session() as sess:`` or ``sess = tf.Session()`` ...
``sess.close()``) and, inside it, every ``sess.run``/``.eval``/``.run`` (a :class:`Run`), saver
call, writer and initializer run.  Anything else that touches the graph or the session declines.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from . import graph as G
from . import tables
from .names import Decline, call_name, loaded_names, qualname

ALLOWED_TF_IN_SESSION = ("tf.train.latest_checkpoint", "tf.errors.OutOfRangeError")


@dataclass
class Run:
    call: ast.Call
    stmt: ast.stmt  # the statement holding the call
    body: List[ast.stmt]  # the statement list holding stmt
    fetches: List[int]  # node ids, in fetch order
    single: bool  # fetch was one name, not a list
    feeds: Dict[int, ast.AST]  # placeholder id -> fed value
    targets: Optional[List[Optional[str]]] = None  # destructured names; None: the value is used as an expression
    summary_step: Optional[ast.AST] = None  # add_summary's step
    writer: Optional[str] = None
    add_summary: Optional[ast.stmt] = None
    key: Tuple = ()
    modes: Dict[int, bool] = field(default_factory=dict)  # training-flag placeholder -> the constant fed


@dataclass
class Session:
    stmt: ast.stmt  # the with statement, or the `sess = tf.Session()` statement
    name: str
    body: List[ast.stmt]
    is_with: bool
    close: Optional[ast.stmt] = None
    runs: List[Run] = field(default_factory=list)
    deleted: List[ast.stmt] = field(default_factory=list)  # init runs, sess.close()
    saves: List[Tuple[ast.Call, str]] = field(default_factory=list)  # (call, "save"|"restore")
    writers: List[ast.Call] = field(default_factory=list)  # tf.summary.FileWriter(...) calls
    bodies: List[List[ast.stmt]] = field(default_factory=list)  # every statement list inside
    replacements: List[Tuple[ast.AST, str]] = field(default_factory=list)  # coord.should_stop() -> False


def find_session(tree: ast.Module, alias: str) -> Optional[Tuple[int, Session]]:
    """(index of the first session statement in the module body, the session)."""
    for i, stmt in enumerate(tree.body):
        if isinstance(stmt, ast.With):
            for item in stmt.items:
                if call_name(item.context_expr, alias) in tables.SESSIONS:
                    if len(stmt.items) != 1 or not isinstance(item.optional_vars, ast.Name):
                        raise Decline("TFU507", stmt, "a session entered together with other contexts or "
                                                      "without `as name`")
                    return i, Session(stmt, item.optional_vars.id, stmt.body, True)
        if isinstance(stmt, ast.Assign) and call_name(stmt.value, alias) in tables.SESSIONS:
            if not (len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
                raise Decline("TFU507", stmt, "a session bound to something other than a name")
            name = stmt.targets[0].id
            rest = tree.body[i + 1:]
            return i, Session(stmt, name, rest, False)
    return None


def own_nodes(stmt: ast.stmt):
    """The nodes of one statement, not of the statements nested in its blocks."""
    stack = [stmt]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(c for c in ast.iter_child_nodes(n)
                     if not isinstance(c, (ast.stmt, ast.excepthandler)))


class SessionReader:
    def __init__(self, g: G.Graph, session: Session, lines: Optional[List[str]] = None):
        self.lines = lines or []  # the source, for clauses dropped whole (finally)
        self.g = g
        self.s = session
        self.alias = g.alias
        self.savers = {n.name for n in g.nodes if n.kind == G.SAVER}
        self.writers = {n.name for n in g.nodes if n.kind == G.WRITER}

    def read(self) -> Session:
        self.feed_names: Dict[str, ast.Dict] = {}  # feed = {x: ..., y: ...} before sess.run(..., feed_dict=feed)
        self.feed_uses: set = set()
        self.coordinators = set(getattr(self.g, "pipeline_coordinators", ()))  # created before the session
        self.threads: set = set()
        self.replaced: set = set()
        self.block(self.s.body)
        for stmts in self.s.bodies:
            for stmt in stmts:
                for node in own_nodes(stmt):
                    if isinstance(node, ast.Name) and node.id in self.feed_names and id(node) not in self.feed_uses \
                            and not (isinstance(node.ctx, ast.Store) and stmt in self.s.deleted):
                        raise Decline("TFU502", node, f"the feed dict `{node.id}` is used other than as a run's "
                                                      "feed_dict")
        return self.s

    def _queue_statement(self, stmt) -> bool:
        """The queue runners' bookkeeping, which a tf.data pipeline does not need: a Coordinator,
        start_queue_runners, request_stop and join vanish; should_stop() is always False."""
        coords = self.coordinators
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.Expr)) else None
        q = call_name(value, self.alias) if value is not None else None
        target = stmt.targets[0].id if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
            and isinstance(stmt.targets[0], ast.Name) else None
        if q == "tf.train.Coordinator" and target:
            coords.add(target)
            self.s.deleted.append(stmt)
            return True
        if q == "tf.train.start_queue_runners":
            if not any(n.kind == "batch" for n in self.g.nodes):
                raise Decline("TFU506", stmt, "queue runners started, but no reader's records go through "
                                              "tf.train.batch/shuffle_batch (the pipelines the lifter maps to "
                                              "tf.data)")
            for a in value.args[1:] + [k.value for k in value.keywords if k.arg != "sess"]:
                if not (isinstance(a, ast.Name) and a.id in coords):
                    raise Decline("TFU506", a, "start_queue_runners with arguments other than the session and "
                                               "the coordinator")
            if target:
                self.threads.add(target)
            self.s.deleted.append(stmt)
            return True
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and isinstance(value.func.value, ast.Name) and value.func.value.id in coords \
                and value.func.attr in ("request_stop", "join") and isinstance(stmt, ast.Expr):
            for a in value.args + [k.value for k in value.keywords]:
                if loaded_names(a) - self.threads - {"e", "exc"} and value.func.attr == "join":
                    raise Decline("TFU506", a, "coord.join of threads other than the queue runners'")
            self.s.deleted.append(stmt)
            return True
        if coords:
            for node in own_nodes(stmt):
                if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) and self._should_stop(node.operand):
                    self.s.replacements.append((node, "True"))
                    self.replaced.update(id(n) for n in ast.walk(node))
                elif self._should_stop(node) and id(node) not in self.replaced:
                    self.s.replacements.append((node, "False"))
                    self.replaced.update(id(n) for n in ast.walk(node))
        return False

    def _should_stop(self, node) -> bool:
        return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "should_stop" \
            and isinstance(node.func.value, ast.Name) and node.func.value.id in self.coordinators and not node.args

    def _feed_assignment(self, stmt) -> bool:
        """``feed = {placeholder: value, ...}``: the dict a later run's ``feed_dict=feed`` stands for."""
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Dict) and stmt.value.keys):
            return False
        for k in stmt.value.keys:
            node = self.g.node(k.id) if isinstance(k, ast.Name) else None
            if node is None or node.kind != G.PLACEHOLDER:
                return False
        if stmt.targets[0].id in self.g.current:
            return False
        for v in stmt.value.values:
            self._plain_expr(v)
        self.feed_names[stmt.targets[0].id] = stmt.value
        self.s.deleted.append(stmt)
        return True

    def block(self, stmts: List[ast.stmt]) -> None:
        self.s.bodies.append(stmts)
        for i, stmt in enumerate(stmts):
            self.statement(stmt, stmts, i)

    def statement(self, stmt, stmts, index) -> None:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if loaded_names(stmt) & (set(self.g.current) | {self.s.name}):
                raise Decline("TFU503", stmt, "a function defined in the session that uses the graph or session")
            return
        if isinstance(stmt, ast.With) and any(call_name(i.context_expr, self.alias) in tables.SESSIONS
                                              for i in stmt.items):
            raise Decline("TFU507", stmt, "a second session")
        if self._feed_assignment(stmt) or self._queue_statement(stmt):
            return
        # close / init runs
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            f = call.func
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == self.s.name \
                    and f.attr == "close" and not self.s.is_with:
                self.s.deleted.append(stmt)
                self.s.close = stmt
                return
            if self._is_init_run(call):
                self.s.deleted.append(stmt)
                return
        handled = set()
        for node in own_nodes(stmt):
            if isinstance(node, ast.Call) and id(node) not in handled:
                run = self._run(node, stmt, stmts, index)
                if run is not None:
                    handled.update(id(n) for n in ast.walk(node))
                    self.s.runs.append(run)
                    continue
                kind = self._saver_call(node)
                if kind:
                    handled.update(id(n) for n in ast.walk(node.func))
                    for a in node.args[1:] + [k.value for k in node.keywords]:
                        self._plain_expr(a)
                    handled.update(id(n) for a in node.args for n in ast.walk(a))
                    self.s.saves.append((node, kind))
                    continue
                if call_name(node, self.alias) == "tf.summary.FileWriter":
                    self.s.writers.append(node)
                    handled.update(id(n) for n in ast.walk(node))
                    self._plain_expr(node.args[0] if node.args else None)
                    continue
        # what is left must not touch the graph or the session
        for node in own_nodes(stmt):
            if id(node) in handled or id(node) in self.replaced:
                continue
            if isinstance(node, ast.Name) and node.id in self.coordinators | self.threads:
                raise Decline("TFU506", node, f"`{node.id}` (queue-runner bookkeeping) used other than to start, "
                                              "stop or join the queue runners")
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                if node.id == self.s.name:
                    raise Decline("TFU507", node, f"`{node.id}` (the session) used other than through run")
                g = self.g.node(node.id)
                if g is not None and g.kind not in (G.SAVER, G.WRITER):
                    raise Decline("TFU503", node, f"the graph value `{node.id}` used outside sess.run")
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id in self.g.current:
                raise Decline("TFU509", node, f"`{node.id}` (a graph name) rebound inside the session")
            elif isinstance(node, (ast.Attribute, ast.Name)):
                q = qualname(node, self.alias)
                if q and q not in ALLOWED_TF_IN_SESSION:
                    rule = tables.declined(q)
                    raise Decline(rule or "TFU503", node, f"`{q}` in the session: " + (
                        tables.decline_reason(q, rule) if rule else "graph code built while the session runs"))
        for field_name in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, field_name, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                self.block(inner)
        for h in getattr(stmt, "handlers", []) or []:
            self.block(h.body)
        if isinstance(stmt, ast.Try) and stmt.handlers and stmt.finalbody \
                and all(any(x is d for d in self.s.deleted) for x in stmt.finalbody):
            self._drop_finally(stmt)

    def _drop_finally(self, stmt: ast.Try) -> None:
        """``finally: coord.request_stop()`` has nothing left to do: the clause goes."""
        first, last = stmt.finalbody[0], stmt.finalbody[-1]
        line = max(ln for ln in range(stmt.lineno, first.lineno + 1)
                   if self.lines[ln - 1].lstrip().startswith("finally"))
        self.s.deleted = [d for d in self.s.deleted if not any(d is x for x in stmt.finalbody)]
        span = ast.Pass(lineno=line, col_offset=0, end_lineno=last.end_lineno,
                        end_col_offset=len(self.lines[last.end_lineno - 1].rstrip("\n").encode("utf-8")))
        self.s.replacements.append((span, ""))

    def _plain_expr(self, node) -> None:
        if node is None:
            return
        bad = loaded_names(node) & (set(self.g.current) | {self.s.name})
        if bad:
            raise Decline("TFU503", node, f"`{sorted(bad)[0]}` (graph or session) used in a saver/writer argument")

    def _is_init_run(self, call) -> bool:
        f = call.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
            if f.value.id == self.s.name and f.attr == "run" and len(call.args) == 1 and not call.keywords:
                a = call.args[0]
                if call_name(a, self.alias) in tables.INITIALIZER_OPS:
                    return True
                if isinstance(a, (ast.List, ast.Tuple)) and a.elts and all(
                        call_name(e, self.alias) in tables.INITIALIZER_OPS
                        or (isinstance(e, ast.Name) and self.g.node(e.id) and self.g.node(e.id).kind == G.INIT)
                        for e in a.elts):
                    return True
                return isinstance(a, ast.Name) and self.g.node(a.id) is not None and self.g.node(a.id).kind == G.INIT
            g = self.g.node(f.value.id)
            if g is not None and g.kind == G.INIT and f.attr == "run":
                return True
        if isinstance(f, ast.Attribute) and f.attr == "run" and not call.args and not call.keywords:
            return call_name(f.value, self.alias) in tables.INITIALIZER_OPS  # tf.global_variables_initializer().run()
        return False

    def _saver_call(self, call) -> Optional[str]:
        f = call.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in self.savers:
            if f.attr not in ("save", "restore"):
                raise Decline("TFU508", call, f"Saver.{f.attr} is not lifted")
            if not call.args or not (isinstance(call.args[0], ast.Name) and call.args[0].id == self.s.name):
                raise Decline("TFU502", call, f"saver.{f.attr} without the session as first argument")
            allowed = ("sess", "save_path", "global_step") if f.attr == "save" else ("sess", "save_path")
            G.bind_args(call, allowed, f"Saver.{f.attr}")
            return f.attr
        return None

    def _run(self, call, stmt, stmts, index) -> Optional[Run]:
        f = call.func
        if not isinstance(f, ast.Attribute) or not isinstance(f.value, ast.Name):
            return None
        owner = f.value.id
        if owner == self.s.name and f.attr == "run":
            args = G.bind_args(call, ("fetches", "feed_dict", "options", "run_metadata"), "sess.run")
            if "options" in args or "run_metadata" in args:
                raise Decline("TFU507", call, "sess.run with options/run_metadata")
            fetch, feed = args.get("fetches"), args.get("feed_dict")
        elif owner == self.s.name and f.attr in ("partial_run", "partial_run_setup", "make_callable"):
            raise Decline("TFU507", call, f"sess.{f.attr}")
        elif self.g.node(owner) is not None and f.attr in ("eval", "run"):
            args = G.bind_args(call, ("feed_dict", "session"), f"{owner}.{f.attr}")
            fetch, feed = f.value, args.get("feed_dict")
        else:
            return None
        if isinstance(fetch, ast.Name):
            names, single = [fetch], True
        elif isinstance(fetch, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Name) for e in fetch.elts):
            names, single = list(fetch.elts), False
        else:
            raise Decline("TFU502", call, "fetches that are not a graph name or a list/tuple of graph names")
        fetches = []
        for n in names:
            node = self.g.node(n.id)
            if node is None and n.id in getattr(self.g, "pipeline_examples", ()):
                raise Decline("TFU506", n, f"fetch `{n.id}`: one record of a queue reader, not batched with "
                                           "tf.train.batch/shuffle_batch (the pipelines the lifter maps to tf.data)")
            if node is None:
                raise Decline("TFU502", n, f"fetch `{n.id}` is not a graph value the lifter built")
            if node.kind in (G.PLACEHOLDER, G.OPTIMIZER, G.SAVER, G.WRITER, G.GRADIENTS, G.INIT, G.CELL, G.UPDATES) \
                    and "batch" not in node.info:
                raise Decline("TFU502", n, f"fetching `{n.id}`, a {node.kind}, is not lifted")
            if "unpack" in node.info and n.id != node.name:
                raise Decline("TFU502", n, f"fetching dynamic_rnn's state `{n.id}` is not lifted (fetch a tensor "
                                           "computed from it)")
            fetches.append(node.id)
        feeds, modes = {}, {}
        if isinstance(feed, ast.Name) and feed.id in self.feed_names:
            self.feed_uses.add(id(feed))
            feed = self.feed_names[feed.id]
        if feed is not None:
            if not isinstance(feed, ast.Dict) or any(k is None for k in feed.keys):
                raise Decline("TFU502", feed, "feed_dict that is not a dict literal")
            for k, v in zip(feed.keys, feed.values):
                node = self.g.node(k.id) if isinstance(k, ast.Name) else None
                if node is None or node.kind != G.PLACEHOLDER:
                    raise Decline("TFU502", k, "feeding something other than a placeholder")
                if node.id in self.g.modes:
                    if not (isinstance(v, ast.Constant) and isinstance(v.value, bool)):
                        raise Decline("TFU502", v, f"the training flag `{k.id}` fed a value other than True or False: "
                                                   "Keras 3 layers take a Python bool, written into each function")
                    modes[node.id] = v.value
                    continue
                self._plain_expr(v)
                feeds[node.id] = v
        run = Run(call, stmt, stmts, fetches, single, feeds, modes=modes)
        self._result_use(run, stmt, stmts, index, names)
        run.key = (tuple(fetches), tuple(sorted(feeds)), run.writer is not None, tuple(sorted(modes.items())))
        return run

    def _result_use(self, run: Run, stmt, stmts, index, names) -> None:
        drop_kinds = (G.TRAIN, G.SUMMARY, G.MERGED)
        kinds = [self.g.nodes[i].kind for i in run.fetches]
        if isinstance(stmt, ast.Expr) and stmt.value is run.call:
            run.targets = [None] * len(run.fetches)
        elif isinstance(stmt, ast.Assign) and stmt.value is run.call and len(stmt.targets) == 1:
            t = stmt.targets[0]
            if run.single and isinstance(t, ast.Name):
                run.targets = [t.id]
            elif not run.single and isinstance(t, (ast.Tuple, ast.List)) and len(t.elts) == len(run.fetches) \
                    and all(isinstance(e, ast.Name) for e in t.elts):
                run.targets = [e.id for e in t.elts]
        if run.targets is None:
            if any(k in drop_kinds for k in kinds):
                raise Decline("TFU502", run.call, "the result of a run that trains or writes summaries is used "
                                                  "as a value (destructure it into names)")
            return
        for kind, target in zip(kinds, run.targets):
            if kind == G.TRAIN and target is not None and not target.startswith("_"):
                raise Decline("TFU502", run.call, f"the training op's result is bound to `{target}`")
            if kind in (G.SUMMARY, G.MERGED):
                self._summary_consumer(run, stmts, index, target)
        if sum(k in (G.SUMMARY, G.MERGED) for k in kinds) > 1:
            raise Decline("TFU502", run.call, "two summary fetches in one run")

    def _summary_consumer(self, run: Run, stmts, index, target) -> None:
        """``writer.add_summary(target, step)`` right after the run supplies the step."""
        for later in stmts[index + 1:]:
            if isinstance(later, ast.Expr) and isinstance(later.value, ast.Call):
                c = later.value
                f = c.func
                if isinstance(f, ast.Attribute) and f.attr == "add_summary" and isinstance(f.value, ast.Name) \
                        and c.args and isinstance(c.args[0], ast.Name) and c.args[0].id == target:
                    if len(c.args) != 2 or c.keywords:
                        raise Decline("TFU502", c, "add_summary without a step")
                    run.summary_step, run.writer, run.add_summary = c.args[1], f.value.id, later
                    self.s.deleted.append(later)
                    self._plain_expr(c.args[1])
                    return
            if target in loaded_names(later) or (target and any(
                    isinstance(n, ast.Name) and n.id == target for n in ast.walk(later))):
                break
        raise Decline("TFU502", run.call, "a fetched summary not written by writer.add_summary(summary, step) "
                                          "in the statements after the run")

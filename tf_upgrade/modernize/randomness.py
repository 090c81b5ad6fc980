"""Random draws the lifted program makes differently from the original: TFU512 warnings.

A TF 1.x random op is stateful: each op holds one random sequence, seeded from (graph seed, op
seed), and every ``sess.run`` that runs it continues that sequence.  Its TF 2 spelling draws the
same numbers where the op seed is given and the lifted code runs the op the same way:

* inside one ``tf.function`` (traced once: its input_signature is fixed) the op is one stateful
  kernel, continued call after call, as the graph's op was run after run;
* eagerly (a variable's initial value) the kernel is cached by its attributes, seeds included, so
  two ops with the same op seed continue one sequence where TF 1.x's two ops each started afresh:
  only a seed no other eager random op uses draws the same numbers.

Where TF 1.x derived the op seed from the graph seed alone (``tf.set_random_seed`` and no
``seed=``), it counted the random ops of the graph; a tf.function or eager code counts others, so
the draws differ.  Keras 3 layers and initializers draw with their own generators (stateless ops
seeded from a Keras seed state), never with TF 1.x's stateful kernels: a Keras ``Dropout``'s masks
and a Keras layer's initial weights are other draws of the same distribution.  A seeded
``tf.layers.dropout`` is therefore written as the ``tf.nn.dropout`` op TF 1.x's layer ran
(``graph.py``, ``emit.py``), and what still differs is reported here, with the line.

Without any seed both programs draw arbitrary numbers of the same distributions: nothing to report.
``tests/test_modernize_random.py`` runs both programs (TensorFlow) for the cases said to agree.
"""
from __future__ import annotations

import ast
from typing import Dict, List, Optional, Tuple

from . import graph as G
from . import tables
from .names import call_name, tf_references

Note = Tuple[ast.AST, str, str]  # (where, message, fix hint)

_DIFFERENT_DRAWS = "same distribution, other values"
_WEIGHTS_HINT = ("if the exact starting point matters, restore the original's weights (a TF 1.x checkpoint read "
                 "by name); --verify hands the original's initial weights over, so it does not see this")


def graph_seed_call(tree: ast.AST, alias: str) -> Optional[ast.AST]:
    """The ``tf.set_random_seed(...)`` call that sets the program's graph seed, if any."""
    for ref in tf_references(tree, alias):
        from .names import qualname

        if qualname(ref, alias) in tables.GRAPH_SEED_SETTERS:
            return ref
    return None


def _seed(call: ast.Call, qualname: str) -> Optional[ast.AST]:
    """The op-seed argument of a call (None: not given, or given as None)."""
    from ..rules.tables import signatures

    value = next((k.value for k in call.keywords if k.arg == "seed"), None)
    if value is None:
        params = signatures().get(qualname, ())
        if "seed" in params and params.index("seed") < len(call.args):
            value = call.args[params.index("seed")]
    if isinstance(value, ast.Constant) and value.value is None:
        return None
    return value


class Audit:
    def __init__(self, emitter, tree: ast.AST):
        self.em = emitter
        self.g: G.Graph = emitter.g
        self.alias = self.g.alias
        self.seeded_graph = any(n.kind == G.SEED for n in self.g.nodes) or graph_seed_call(tree, self.alias) is not None
        self.notes: List[Note] = []

    def run(self) -> List[Note]:
        users = self._users()
        for n in self.g.nodes:
            if n.kind == G.SEED:
                self.notes.append((n.stmt.value, "the graph seed becomes tf.random.set_seed: TF ops without an op "
                                                 "seed derive theirs from it otherwise than TF 1.x's graph did, and "
                                                 "Keras 3 layers, initializers and Dropout do not follow it at all: "
                                                 "the lifted program's draws are not the original's (each one the "
                                                 "lift writes differently is reported on its line)",
                                   "give the random ops seed= in the original; to make Keras' draws repeatable "
                                   "too, call tf.keras.utils.set_random_seed (it also reseeds Python's and "
                                   "NumPy's generators)"))
            if n.kind == G.TENSOR and users.get(n.id):
                self._tensor(n, users[n.id])
            elif n.kind == G.VARIABLE and n.value is not None:
                self._variable(n)
            if n.kind == G.TENSOR:
                for use in n.layers:
                    if use.created:
                        self._layer_weights(use)
        for where, seeded in getattr(self.em, "shuffles", []):
            if seeded or self.seeded_graph:
                self.notes.append((where, "the queue's shuffled order becomes a tf.data shuffle, which draws "
                                          "another order from the same seed: batches (and the losses step by step) "
                                          "come in another order than the original's",
                                   "nothing to change if only the distribution of batches matters; --verify turns "
                                   "shuffling off in both programs to compare the rest"))
        self.notes.sort(key=lambda n: (n[0].lineno, n[0].col_offset))
        return self.notes

    def _users(self) -> Dict[int, List]:
        """tensor node id -> the lifted functions that compute it."""
        out: Dict[int, List] = {}
        for fn in self.em.functions.values():
            for i in self.em._closure(self.em._roots(fn)):
                out.setdefault(i, []).append(fn)
        return out

    # -- ops run by the lifted functions --
    def _tensor(self, n: G.Node, fns) -> None:
        ops = {id(u.call): u for u in n.layers if u.op}
        for call in ast.walk(n.value):
            q = call_name(call, self.alias)
            if q is None:
                continue
            if id(call) in ops:
                use = ops[id(call)]
                drawing = [fn for fn in fns if self._trains(use, fn)]
                self._op(call, "tf.layers.dropout", use.args.get("seed"), drawing)
            elif q == "tf.layers.dropout":
                use = next((u for u in n.layers if u.call is call), None)
                seed = use.args.get("seed") if use is not None else None
                if seed is not None and not (isinstance(seed, ast.Constant) and seed.value is None) \
                        or self.seeded_graph:
                    self.notes.append((call, "tf.layers.dropout becomes Keras Dropout, which draws its masks with "
                                             "its own seed generator, not with TF 1.x's seeded op: the masks (and "
                                             "everything computed from them) differ from the original's",
                                       "give tf.layers.dropout a seed= and no noise_shape: the lift then writes the "
                                       "tf.nn.dropout op TF 1.x ran, with the same masks"))
            elif tables.is_random_op(q):
                self._op(call, q, _seed(call, q), fns)

    def _trains(self, use: G.LayerUse, fn) -> bool:
        """Does this function run the dropout op (training mode), as far as the source says?"""
        flag = use.args.get("training")
        if use.mode is not None:
            return bool(fn.modes.get(use.mode))
        if flag is None:
            return False
        return not (isinstance(flag, ast.Constant) and not flag.value)

    def _op(self, call: ast.Call, q: str, seed: Optional[ast.AST], fns) -> None:
        if seed is None:
            if self.seeded_graph and fns:
                self.notes.append((call, f"`{q}` has no op seed: TF 1.x derived one from the graph seed "
                                         "(tf.set_random_seed) and the op's place in the graph; the lifted "
                                         "tf.function derives another, so its draws differ from the original's",
                                   f"give `{q}` a seed= in the original: the lifted op then draws the same numbers"))
            return
        if len(fns) > 1:
            names = ", ".join(fn.name for fn in fns)
            self.notes.append((call, f"`{q}` (seeded) runs in {len(fns)} lifted functions ({names}): TF 1.x's one "
                                     "op continued one random sequence over every run, each tf.function draws its "
                                     "own from the start, so the values differ from the original's",
                               "compute the random values in one place (one function, or outside and passed in) "
                               "if the exact draws matter"))

    # -- initial values --
    def _variable(self, n: G.Node) -> None:
        args = n.info.get("get_variable")
        if args is not None:
            init = args.get("initializer")
            q = call_name(init, self.alias) if init is not None else None
            if init is None:
                if self.seeded_graph:
                    self.notes.append((n.value, f"`{n.name}`'s initial value: TF 1.x's default glorot_uniform "
                                                "initializer drew it from the graph seed, the Keras GlorotUniform "
                                                f"initializer draws with its own generator ({_DIFFERENT_DRAWS})",
                                       _WEIGHTS_HINT))
            elif q in tables.RANDOM_INITIALIZERS and (self.seeded_graph or _seed(init, q) is not None):
                self.notes.append((init, f"`{n.name}`'s initial value: TF 1.x's `{q}` drew it with a seeded "
                                         "stateful op, the Keras initializer draws with its own generator "
                                         f"({_DIFFERENT_DRAWS})", _WEIGHTS_HINT))
            return
        for call in ast.walk(n.value):
            q = call_name(call, self.alias)
            if q in tables.RANDOM_INITIALIZERS and (self.seeded_graph or _seed(call, q) is not None):
                self.notes.append((call, f"`{n.name}`'s initial value: `{q}` becomes a Keras initializer, which "
                                         f"draws with its own generator ({_DIFFERENT_DRAWS})", _WEIGHTS_HINT))
            elif tables.is_random_op(q):
                seed = _seed(call, q)
                if seed is None:
                    if self.seeded_graph:
                        self.notes.append((call, f"`{n.name}`'s initial value: `{q}` has no op seed; TF 1.x "
                                                 "derived one from the graph seed and the op's place in the graph, "
                                                 f"eager code derives another ({_DIFFERENT_DRAWS})",
                                           f"give `{q}` a seed= in the original: the eager op then draws the same "
                                           "numbers"))
                elif self._shared_eager_seed(call, seed):
                    self.notes.append((call, f"`{n.name}`'s initial value: another eager random op uses the same "
                                             "seed; TF 1.x's two ops each started their own sequence, eagerly they "
                                             f"share one kernel and continue one sequence ({_DIFFERENT_DRAWS})",
                                       "give each random op of the original its own seed"))

    def _shared_eager_seed(self, call: ast.Call, seed: ast.AST) -> bool:
        text = ast.dump(seed)
        for m in self.g.nodes:
            if m.kind != G.VARIABLE or m.value is None or "get_variable" in m.info:
                continue
            for other in ast.walk(m.value):
                q = call_name(other, self.alias)
                if other is not call and tables.is_random_op(q):
                    s = _seed(other, q)
                    if s is not None and ast.dump(s) == text:
                        return True
        return False

    def _layer_weights(self, use: G.LayerUse) -> None:
        if use.rnn is not None:
            cells = [c for c, _, _ in use.rnn.get("directions", ()) or use.rnn.get("stack", ())] or [use.rnn["cell"]]
            for cell in cells:
                self._cell_weights(use, cell)
            return
        self._keras_weights(use)

    def _cell_weights(self, use: G.LayerUse, cell: G.Node) -> None:
        args = cell.info["args"]
        init = next((args[p] for p in ("initializer", "kernel_initializer") if p in args
                     and not (isinstance(args[p], ast.Constant) and args[p].value is None)), None)
        q = call_name(init, self.alias) if init is not None else None
        seeded = self.seeded_graph or (q in tables.RANDOM_INITIALIZERS and _seed(init, q) is not None)
        if (init is None or q in tables.RANDOM_INITIALIZERS) and seeded:
            self.notes.append((cell.stmt.value, f"`{use.obj}`'s initial weights: TF 1.x drew the `{cell.name}` "
                                                "cell's kernel from " + ("the graph seed" if init is None else
                                                                         f"`{q}`'s seed")
                               + f"; the Keras layer's initializers draw with their own generator "
                                 f"({_DIFFERENT_DRAWS})", _WEIGHTS_HINT))

    def _keras_weights(self, use: G.LayerUse) -> None:
        param = tables.RANDOM_DEFAULT_INITIALIZERS.get(use.mapping.target)
        for p, keras, _ in use.mapping.params:
            if keras is None or not keras.endswith("_initializer"):
                continue
            init = use.args.get(p)
            if init is None:
                if keras == param and self.seeded_graph:
                    self.notes.append((use.call, f"`{use.obj}`'s initial weights: TF 1.x drew its default "
                                                 "glorot_uniform kernel from the graph seed (tf.set_random_seed); "
                                                 f"Keras' GlorotUniform draws with its own generator "
                                                 f"({_DIFFERENT_DRAWS})", _WEIGHTS_HINT))
                continue
            q = call_name(init, self.alias)
            if q in tables.RANDOM_INITIALIZERS and (self.seeded_graph or _seed(init, q) is not None):
                self.notes.append((init, f"`{use.obj}`'s initial weights: TF 1.x's `{q}` drew them with a seeded "
                                         "stateful op, the Keras initializer draws with its own generator "
                                         f"({_DIFFERENT_DRAWS})", _WEIGHTS_HINT))


def audit(emitter, tree: ast.AST) -> List[Note]:
    return Audit(emitter, tree).run()

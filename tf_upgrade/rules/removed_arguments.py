"""Calls passing an argument TF 2 removed keep the TF 1.x function under ``tf.compat.v1``.

``tables.removed_keywords()`` lists, per TF 1.x function, the parameters its TF 2
counterpart no longer accepts.  When a call passes one (by keyword, or by
position per ``tables.positional()``), the call - only that call - becomes
``tf.compat.v1.<name>(...)`` with its arguments untouched, which is exactly the
TF 1.x behaviour.  Some removed arguments are decided by value instead: passing
the value TF 2 always uses (``colocate_gradients_with_ops=True``) just drops the
argument, and a few have no effect at all (``use_cudnn_on_gpu``).  Arguments a
dedicated rule converts (dropout's ``keep_prob``...) are left to that rule.

Runs before the generic positional->keyword rule: moving to ``tf.compat.v1``
keeps the TF 1.x signature, so nothing else must touch the call.
"""
from __future__ import annotations

import ast
from typing import Dict, Tuple

import libcst as cst

from . import tables
from ._calls import UNKNOWN, call_to, keywordize, literal, replace_arg
from .registry import AS_WRITTEN, on_call, rule

REMOVED = rule(
    "TFU211", "removed-arguments",
    "a call passing an argument TF 2 removed keeps the TF 1.x function: tf.compat.v1.<name>(...)",
    why="TF 2 dropped these parameters (summary collections, Variable collections, name_scope values...); "
        "tf.compat.v1 keeps the exact TF 1.x function for the calls that still use them.",
    meaning_differs=True)

# Keywords converted by their own rule (see the module named).
HANDLED = {
    ("tf.nn.dropout", "keep_prob"),  # dropout.py
    ("tf.strings.split", "result_type"),  # string_split.py
    ("tf.sparse.split", "keyword_required"), ("tf.sparse_split", "keyword_required"),  # a v1 sentinel
}

DROP = object()
# (function, keyword) -> {literal value: DROP}: values that equal what TF 2 always does.
# ANY: the argument never changed results (placement/implementation hints) and is dropped whatever its value.
ANY = "*"
VALUE_DECISIONS: Dict[Tuple[str, str], object] = {
    ("tf.gradients", "colocate_gradients_with_ops"): (True,),  # TF 2 always colocates
    ("tf.hessians", "colocate_gradients_with_ops"): (True,),
    ("tf.constant", "verify_shape"): (True,),  # TF 2 always verifies
    ("tf.Variable", "use_resource"): (True,),  # TF 2 variables are resource variables
    ("tf.Variable", "expected_shape"): ANY,  # ignored since TF 1.x ("Deprecated. Ignored.")
    ("tf.nn.conv1d", "use_cudnn_on_gpu"): ANY,  # implementation hint only
    ("tf.nn.conv2d", "use_cudnn_on_gpu"): ANY,
    ("tf.nn.embedding_lookup", "validate_indices"): ANY,  # "DEPRECATED" no-op in TF 1.x
    ("tf.nn.embedding_lookup", "partition_strategy"): ("div",),  # TF 2 always shards by "div"
    ("tf.nn.embedding_lookup_sparse", "partition_strategy"): ("div",),
    ("tf.nn.safe_embedding_lookup_sparse", "partition_strategy"): ("div",),
    ("tf.nn.nce_loss", "partition_strategy"): ("div",),
    ("tf.nn.sampled_softmax_loss", "partition_strategy"): ("div",),
    ("tf.image.resize_images", "align_corners"): (False,),  # TF 2 never aligns corners
    ("tf.image.resize", "align_corners"): (False,),
    ("tf.while_loop", "return_same_structure"): (True,),  # TF 2 always returns the same structure
    ("tf.cond", "strict"): (True,),  # TF 2's cond is always strict
    ("tf.ones_like", "optimize"): (True,), ("tf.zeros_like", "optimize"): (True,),
    ("tf.nn.ctc_beam_search_decoder", "merge_repeated"): (False,),  # TF 2 never merges
    # "Deprecated." and unused in TF 1.15 already
    ("tf.autograph.to_graph", "arg_values"): ANY, ("tf.autograph.to_graph", "arg_types"): ANY,
    ("tf.autograph.to_code", "arg_values"): ANY, ("tf.autograph.to_code", "arg_types"): ANY,
    ("tf.autograph.to_code", "indentation"): ANY,
    # values= only chose the graph the scope opens in (the default graph unless the code juggles several);
    # a default_name (used when name is None) keeps tf.compat.v1.name_scope
    ("tf.name_scope", "values"): ANY,
}
# v1 defaults TF 2 changed without a parameter to restore them: an absent argument
# means the v1 default, which TF 2 no longer does.
ABSENT_MEANS = {
    ("tf.nn.ctc_beam_search_decoder", "merge_repeated"): True,
}


def _singleton(expr) -> bool:
    """A literal one-element list/tuple: TF 1.x unpacked those where TF 2 keeps the structure."""
    return isinstance(expr, (cst.List, cst.Tuple)) and len(expr.elements) == 1 \
        and not isinstance(expr.elements[0], (cst.StarredElement,))


def _unpacks_singleton(call) -> bool:
    """Would TF 1.x's non-strict default unpack a one-element structure in this call?"""
    if call.qualname == "tf.while_loop":
        loop_vars = _argument(call, "loop_vars", 2)
        return loop_vars is not None and _singleton(loop_vars.value)
    if call.qualname == "tf.cond":
        branches = [_argument(call, name, pos) for name, pos in (("true_fn", 1), ("false_fn", 2))]
        return any(b is not None and isinstance(b.value, cst.Lambda) and _singleton(b.value.body)
                   for b in branches)
    return False


def _argument(call, name, position):
    found = call.find(name, position)
    if found is None and name in ("true_fn", "false_fn"):
        found = call.keyword({"true_fn": "fn1", "false_fn": "fn2"}[name])
    return found


# partition_strategy: TF 1.x defaulted to "mod", TF 2 always uses "div"; the two differ only
# when the embedding is sharded over a list of tensors (position of that argument below).
SHARDED_PARAMS = {
    "tf.nn.embedding_lookup": ("params", 0), "tf.nn.embedding_lookup_sparse": ("params", 0),
    "tf.nn.safe_embedding_lookup_sparse": ("embedding_weights", 0), "tf.nn.nce_loss": ("weights", 0),
    "tf.nn.sampled_softmax_loss": ("weights", 0),
}


PARTITION = rule(
    "TFU231", "embedding-partition-strategy",
    "embedding lookups whose params may be sharded: TF 1.x's default \"mod\" sharding differs from TF 2's \"div\"",
    severity="warning",
    why="TF 1.x's embedding_lookup (and nce/sampled softmax losses) spread ids over a list of shards or a "
        "partitioned variable by id % n; TF 2 always uses contiguous blocks. Both read the same element from "
        "one unsharded tensor. Sharded params keep tf.compat.v1; params the tool cannot see are reported.",
    meaning_differs=True)

_VARIABLE_CALLS = ("get_variable", "Variable", "model_variable", "variable")


def _ast_kind(node, tf_names, partitioners: bool) -> str:
    """"sharded", "single" or "unknown" for an embedding-params expression of Python's ast."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return "sharded" if len(node.elts) > 1 or any(isinstance(e, ast.Starred) for e in node.elts) else "single"
    if isinstance(node, ast.ListComp):
        return "sharded"  # a list of variables (one shard reads the same either way)
    if isinstance(node, ast.Call):
        root = node.func
        while isinstance(root, ast.Attribute):
            root = root.value
        if not (isinstance(root, ast.Name) and root.id in tf_names):
            return "unknown"
        last = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
        if last in _VARIABLE_CALLS:
            if any(k.arg == "partitioner" for k in node.keywords) or any(k.arg is None for k in node.keywords):
                return "sharded" if any(k.arg == "partitioner" for k in node.keywords) else "unknown"
            if partitioners and last != "Variable":
                return "unknown"  # a variable_scope(partitioner=...) may shard it
        return "single"
    return "unknown"


class _Assignments(ast.NodeVisitor):
    """Values assigned to ``name`` in one scope (not in nested functions or classes); ``values`` becomes
    None once the name is bound some other way (for/with targets, unpacking, augmented assignment...)."""

    def __init__(self, name: str):
        self.name = name
        self.values = []

    def visit_FunctionDef(self, node):  # nested scopes
        pass

    visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = visit_FunctionDef

    def visit_Assign(self, node):
        for t in node.targets:
            if isinstance(t, ast.Name) and t.id == self.name:
                if self.values is not None:
                    self.values.append(node.value)
            else:
                self.visit(t)
        self.visit(node.value)

    def visit_Name(self, node):
        if node.id == self.name and not isinstance(node.ctx, ast.Load):
            self.values = None


def _params_kind(ctx, call) -> str:
    """Is the embedding a list of shards, provably one tensor, or unknown to the tool?"""
    name, position = SHARDED_PARAMS[call.qualname]
    arg = call.find(name, position)
    if arg is None:
        return "unknown"
    value = arg.value
    if isinstance(value, (cst.List, cst.Tuple)):
        return "sharded" if len(value.elements) > 1 or any(isinstance(e, cst.StarredElement)
                                                           for e in value.elements) else "single"
    if not isinstance(value, (cst.Name, cst.Call)):
        return "unknown"
    state = ctx.scratch
    if "embedding_ast" not in state:
        try:
            state["embedding_ast"] = ast.parse(ctx.text)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            state["embedding_ast"] = None
    tree = state["embedding_ast"]
    if tree is None:
        return "unknown"
    tf_names = {b.name for b in ctx.resolution.bindings}
    partitioners = "partitioner" in ctx.text
    line = ctx.position(call.original)[0]
    original = next((a for a in call.original.args if a.keyword is not None and a.keyword.value == name), None) \
        or (call.original.args[position] if len(call.original.args) > position else None)
    if isinstance(value, cst.Call):
        try:
            expr = ast.parse(ctx.code(original.value if original is not None else value).strip(), mode="eval").body
        except SyntaxError:
            return "unknown"
        return _ast_kind(expr, tf_names, partitioners)
    # a name: every value it is given in the innermost function around the call (or the module)
    scope = tree
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno <= line <= node.end_lineno:
            if scope is tree or node.lineno >= scope.lineno:
                scope = node
    if scope is not tree and any(a.arg == value.value for a in ast.walk(scope.args) if isinstance(a, ast.arg)):
        return "unknown"
    finder = _Assignments(value.value)
    for stmt in scope.body:
        finder.visit(stmt)
    if not finder.values:
        return "unknown"
    kinds = {_ast_kind(v, tf_names, partitioners) for v in finder.values}
    return "sharded" if "sharded" in kinds else "single" if kinds == {"single"} else "unknown"


# TF 1.x defaults (strict=False / return_same_structure=False) that TF 2 dropped: they
# only matter for one-element structures, which TF 1.x unpacked.
STRUCTURE_FLAGS = {"tf.while_loop": "return_same_structure", "tf.cond": "strict"}


def _bound_arguments(call, removed):
    """{removed keyword: the Arg passing it} for this call."""
    info = tables.positional().get(call.qualname)
    names = info.args if info else ()
    found = {}
    index = 0
    for a in call.node.args:
        if a.star:
            break
        if a.keyword is None:
            if index < len(names) and names[index] in removed:
                found[names[index]] = a
            index += 1
        elif a.keyword.value in removed:
            found[a.keyword.value] = a
    return found


def _droppable(qualname: str, keyword: str, value) -> bool:
    decision = VALUE_DECISIONS.get((qualname, keyword))
    if decision is None:
        return False
    return decision == ANY or (value is not UNKNOWN and any(value is v or (value == v and type(value) is type(v))
                                                            for v in decision))


def _may_pass_removed(q: str, env, shape) -> bool:
    """Screen (registry.py): can this call pass a removed argument, or do without one that matters?"""
    removed = tables.removed_keywords().get(q)
    if not removed or q.startswith(("tf.keras.", "tf.compat.")):
        return False
    if shape.double_star or shape.star or q in SHARDED_PARAMS or q in STRUCTURE_FLAGS \
            or any(aq == q for aq, _ in ABSENT_MEANS) or not shape.keywords.isdisjoint(removed):
        return True
    info = tables.positional().get(q)
    names = info.args if info else ()
    return any(n in removed for n in names[:shape.positional])


@on_call(REMOVED, "*", priority=AS_WRITTEN + 5, screen=_may_pass_removed)
def removed_arguments(ctx, call):
    # (not for tf.keras.* / tf.compat.*, as the screen says: Keras' own API history is not TF 1.x -> 2)
    removed = set(tables.removed_keywords().get(call.qualname, ())) - {k for q, k in HANDLED if q == call.qualname}
    if not removed:
        return None
    found = _bound_arguments(call, removed)
    if not found and any(a.star == "**" for a in call.node.args):
        ctx.report(REMOVED, call.original, f"{call.qualname}(**kwargs) may pass arguments TF 2 removed "
                   f"({', '.join(sorted(removed))})", severity="warning",
                   hint=f"if it does, call tf.compat.v1.{call.qualname[3:]} instead")
        return None
    legacy = sorted(k for k, a in found.items() if not _droppable(call.qualname, k, literal(a.value)))
    legacy += sorted(k for (q, k), v in ABSENT_MEANS.items() if q == call.qualname and k not in found)
    if call.qualname in SHARDED_PARAMS and "partition_strategy" in found and "partition_strategy" not in legacy \
            and _params_kind(ctx, call) == "sharded":
        # "div" is TF 2's behaviour, but a TF 2 spelling of a sharded lookup would read as TF 1.x's "mod"
        # default on the next run: keep tf.compat.v1 with the strategy written
        legacy.append("partition_strategy")
    if call.qualname in SHARDED_PARAMS and "partition_strategy" not in found:
        kind = _params_kind(ctx, call)
        if kind == "sharded":
            legacy.append("partition_strategy")  # absent: TF 1.x's "mod" sharding, which TF 2 cannot do
        elif kind == "unknown" and not any(a.star for a in call.node.args):
            name = SHARDED_PARAMS[call.qualname][0]
            ctx.report(PARTITION, call.original, f"{call.qualname}: if {name} is a list of shards or a partitioned "
                       "variable, TF 2 looks ids up by \"div\" sharding where TF 1.x used \"mod\"",
                       hint=f"if it is sharded, call tf.compat.v1.{call.qualname[3:]}(..., "
                            "partition_strategy=\"mod\") instead")
    flag = STRUCTURE_FLAGS.get(call.qualname)
    if flag is not None:
        value = literal(found[flag].value) if flag in found else False
        singleton = _unpacks_singleton(call)
        if value is False and not singleton and flag in legacy:
            legacy.remove(flag)  # non-strict only differed for one-element structures: drop it
        elif singleton and flag not in legacy:
            # TF 1.x's default unpacked this one-element structure.  Even with the flag set, a TF 2
            # spelling would read as that TF 1.x default on the next run: keep tf.compat.v1.
            legacy.append(flag)
    if not legacy:
        if not found:
            return None
        args = list(call.node.args)
        if any(a.keyword is None for a in found.values()):
            # dropping a positional would shift the rest: pass them by keyword first (TF 1.x
            # names, as the positional rule would)
            args = keywordize(call, tables.positional()[call.qualname].args)
            if args is None:
                return None
        for name in found:
            arg = next(a for a in args if a.keyword is not None and a.keyword.value == name)
            args = replace_arg(args, arg, None)
        return call.with_args(args)
    target = "tf.compat.v1." + call.qualname[len("tf."):]
    if not ctx.exists(target):
        return None  # e.g. tf.estimator in 2.16+: the missing-in-target rule reports the name itself
    return call_to(ctx, call, target)

#!/usr/bin/env python3
"""Generate tf_upgrade's rule tables from TensorFlow's own API metadata.

The tables in ``tf_upgrade/rules/data/`` are *generated*; never edit them by
hand (small, commented corrections belong in ``tools/rule_overrides.py``).

How to regenerate
=================
TensorFlow is never a dependency of tf-upgrade.  Create two venvs OUTSIDE the
repository (Python 3.11)::

    python3.11 -m venv /work/tfenv215
    /work/tfenv215/bin/pip install tensorflow-cpu==2.15.1 tensorflow-estimator==2.15.0 keras==2.15.0
    python3.11 -m venv /work/tfenv221
    /work/tfenv221/bin/pip install tensorflow-cpu==2.21.0 keras==3.15.1 tf_keras==2.21.0 tf_slim==1.1.0

(the committed tables were made with exactly these; 2.21's ``tf.keras`` is
Keras 3, so its symbol set depends on the Keras 3 version -- the versions used
are recorded under ``generated_with`` in renames.json)

then, from the repository root, run the driver with any python (it needs no
TensorFlow itself; it runs the two venvs as subprocesses)::

    python3 tools/gen_rules.py --tf215 /work/tfenv215/bin/python \\
        --tf221 /work/tfenv221/bin/python --out tf_upgrade/rules/data

Steps (each is also a sub-command):

* ``dump --out FILE`` -- run *with a TensorFlow venv's python*; walks the v2
  API (``tf.*`` incl. ``tf.keras`` and ``tf.estimator``) and the v1 API
  (``tf.compat.v1.*``) of that TensorFlow and writes the raw facts: every public
  name, its kind, the ``tf_export``/``keras_export``/``estimator_export`` v2
  names of each v1 symbol, ``inspect.signature`` parameters, and keyword
  renames stated by the v1 implementation: ``deprecated_argument_lookup("new",
  new, "old", old)`` calls (only when ``old`` itself is passed -- dropout's
  ``1 - keep_prob`` is a value change, not a rename), ``deprecated_args``
  instructions such as "use `axis` instead" (skipped when they contain a
  formula), and docstring lines "dim: Deprecated alias for `axis`".
* ``dump-tf-slim --out FILE`` -- run with the 2.21 venv's python; the public
  names of the tf_slim package (``tf_slim.conv2d``, ``tf_slim.losses.*``), which
  the contrib -> tf_slim rule (TFU320) may use.
* ``build-extras --dump221 F --dump221-tf-keras F --tf-slim F --out DIR`` --
  writes ``symbols/2.21+tf_keras.txt`` (names 2.21 has only with tf_keras and
  ``TF_USE_LEGACY_KERAS=1``: ``tf.compat.v1.layers``, ``tf.compat.v1.nn.rnn_cell``,
  Keras 2-only ``tf.keras`` names; the ``dump`` of the 2.21 venv run with that
  variable set, minus the plain 2.21 set) and ``tf_slim.txt``.  The driver runs
  these too.
* ``build --dump215 F --dump221 F --out DIR`` -- pure python; merges the two
  dumps, applies ``tools/rule_overrides.py``, writes the tables and runs the
  sanity checks (fails loudly).

Merge policy
------------
* The v1 API is the 2.15 ``tf.compat.v1`` (it still has tf.estimator and the
  Keras 2 v1 API), plus any v1 name only 2.21 knows (2.21's
  ``tf.compat.v1.keras``/``layers`` are Keras 3 / broken, so ignored).
* Renames: **2.21 wins** -- for a v1 name that 2.21 still exports as a v1 name,
  the decision (unchanged / canonical v2 name / ``tf.compat.v1.<name>``) is
  made with 2.21 data.  Only names 2.21 no longer knows (estimator, Keras 2
  v1-only names, deleted symbols) are decided with 2.15 data.  A v1 name that
  is itself a v2 name is "unchanged" and not listed.
* Canonical target, first match wins: the v1 name itself; the object's v2
  export metadata (canonical first); other v2 names of the same object (same
  namespace first); another v1 name of the same v1 object that is a v2 name
  (``tf.sparse_reduce_sum`` -> ``tf.sparse.reduce_sum``; never from TF core
  into the Keras-3 namespaces); else ``tf.compat.v1.<name>``.
* ``symbols/v1.txt`` is the 2.15 v1 API only.
* ``signatures.json``: the positional parameters of every v1 function and class
  (``tf.raw_ops`` left out), from 2.15's ``tf.compat.v1`` when it has the name
  (the nearest to TF 1.x: 2.21 appended parameters TF 1.x never had, such as
  ``gather_nd``'s ``bad_indices_policy``), else 2.21's.  It is the one source of
  TF 1.x signatures: ``positional.json`` is computed from it and does not repeat
  it, and hand-written rules read it instead of typing a signature.
* keywords/positional/removed keywords compare the v1 function with the v2
  function found at the rename target, in 2.21 if it exists there, else 2.15.
* ``keywords.json`` keeps apart, per function, the renames TensorFlow's metadata
  states (``metadata``: rule TFU102) and those declared in
  ``rule_overrides.KEYWORD_OVERRIDES`` (``declared``: renamed outright, rule
  TFU206).  A declared rename must name a keyword of the v1 signature and, when
  the v1 name has a v2 function, a keyword of that function: otherwise the
  build fails.
"""
from __future__ import annotations

import argparse
import ast
import inspect
import json
import keyword
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import types

# ---------------------------------------------------------------------------
# dump (runs inside a TensorFlow venv)
# ---------------------------------------------------------------------------

_API_MODULE_RE = re.compile(r"(^|\.)(_api|api)(\.|$)")
_EXTRA_API_MODULES = {
    "tensorflow.compat",
    "tensorflow.compat.v1",
    "tensorflow.compat.v1.logging",
    "tensorflow.experimental",
    "tensorboard.summary._tf.summary",
}
# Real (non generated) modules that are public v1 names but whose members are
# not walked further than one level.
_LEAF_MODULES = {"tensorflow.python.platform.flags"}


def _module_name(mod) -> str:
    try:
        return object.__getattribute__(mod, "__name__")
    except Exception:  # pragma: no cover - defensive
        return "?"


def _is_lazy(obj) -> bool:
    return type(obj).__name__ in ("LazyLoader", "KerasLazyLoader")


def _is_api_module(obj) -> bool:
    if _is_lazy(obj):
        return True
    name = _module_name(obj)
    if name in _EXTRA_API_MODULES or name in _LEAF_MODULES:
        return True
    if name.startswith("keras.") and ".src" not in name:
        return True
    return bool(_API_MODULE_RE.search(name))


def _kind(obj) -> str:
    if isinstance(obj, types.ModuleType):
        return "module"
    if inspect.isclass(obj):
        return "class"
    if callable(obj):
        return "function"
    return "constant"


def walk_api(root, skip=lambda path: False, max_depth=10):
    """Yield (path, obj) for every public name reachable from ``root``.

    ``path`` is a dotted path relative to root ("" for root).  Only generated
    API modules are descended into; cycles are cut by the ancestor chain.
    """
    out: dict[str, object] = {}

    def rec(mod, path, ancestors, depth):
        if depth > max_depth:
            return
        try:
            names = sorted(n for n in dir(mod) if not n.startswith("_"))
        except Exception as exc:  # e.g. broken lazy keras loaders in 2.16+
            print(f"[gen_rules] dropping unusable module {path or '<root>'}: {exc!r}", file=sys.stderr)
            out.pop(path, None)
            return
        leaf = _module_name(mod) in _LEAF_MODULES
        for n in names:
            p = f"{path}.{n}" if path else n
            if skip(p):
                continue
            try:
                obj = getattr(mod, n)
            except Exception as exc:
                print(f"[gen_rules] cannot get {p}: {exc!r}", file=sys.stderr)
                continue
            if isinstance(obj, types.ModuleType):
                if leaf or not _is_api_module(obj):
                    continue
                if id(obj) in ancestors:
                    continue
                out[p] = obj
                rec(obj, p, ancestors | {id(obj)}, depth + 1)
            else:
                out[p] = obj

    rec(root, "", frozenset({id(root)}), 0)
    return out


# "dim: Deprecated alias for `axis`." / "keep_dims: (deprecated) Alias for keepdims."
_DOC_ALIAS_RE = re.compile(
    r"^\s*(\w+):\s*(?:\(deprecated\)\s*)?(?:A\s+)?(?:[Dd]eprecated\s+)?[Aa]lias\s+(?:for|of)\s+`?(\w+)`?\s*[.,]",
    re.M,
)
_USE_INSTEAD_RE = re.compile(r"[Uu]se\s+(?:the\s+)?`?(\w+)`?\s+(?:argument\s+|arg\s+)?instead")


def _params(obj):
    """Signature facts: list of [name, kind] (``self`` dropped for classes)."""
    sigs = []
    if inspect.isclass(obj):
        # Metaclass-wrapped classes (tf.Variable, ...) report (*args, **kwargs);
        # the constructor itself is more informative.
        try:
            sigs.append(list(inspect.signature(obj.__init__).parameters.values())[1:])
        except Exception:
            pass
    try:
        sigs.append(list(inspect.signature(obj).parameters.values()))
    except Exception:
        pass
    if not sigs:
        return None
    best = sigs[0]
    if all(p.kind.name in ("VAR_POSITIONAL", "VAR_KEYWORD") for p in best) and len(sigs) > 1:
        best = sigs[1]
    return [[p.name, p.kind.name] for p in best]


def _source(obj) -> str:
    target = obj
    if inspect.isclass(obj):
        target = obj.__dict__.get("__init__", None)
        if target is None:
            return ""
    try:
        return inspect.getsource(inspect.unwrap(target))
    except Exception:
        try:
            return inspect.getsource(target)
        except Exception:
            return ""


def _call_name(node) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")


def _const_str(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def keyword_evidence(obj) -> dict[str, str]:
    """old keyword -> new keyword, as stated by the v1 implementation itself.

    Two sources, both read from the v1 function's own source with ``ast``:
    ``deprecation.deprecated_argument_lookup("new", new, "old", old)`` calls and
    ``@deprecated_args(date, "... use `new` instead", "old")`` decorators;
    then the docstring's Args section ("dim: Deprecated alias for `axis`.").
    """
    src = _source(obj)
    if not src:
        return {}
    try:
        tree = ast.parse(textwrap.dedent(src))
    except SyntaxError:
        return {}
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name == "deprecated_argument_lookup" and len(node.args) >= 4:
            new, old = _const_str(node.args[0]), _const_str(node.args[2])
            # Only a pure alias: the old parameter itself is passed through
            # (dropout passes `1 - keep_prob` for "keep_prob" -> not a rename).
            passed = getattr(node.args[3], "id", None)
            if new and old and new != old and passed == old:
                found.setdefault(old, new)
        elif name == "deprecated_args" and len(node.args) >= 3:
            instructions = _const_str(node.args[1]) or ""
            olds = [_const_str(a) for a in node.args[2:]]
            if "=" in instructions:
                # e.g. "use `rate` instead of `keep_prob`. Rate should be set
                # to `rate = 1 - keep_prob`": a value change, not a rename.
                continue
            news = _USE_INSTEAD_RE.findall(instructions)
            if len(olds) == 1 and olds[0] and len(news) == 1 and olds[0] != news[0]:
                found.setdefault(olds[0], news[0])
    for old, new in _DOC_ALIAS_RE.findall(inspect.getdoc(obj) or ""):
        if old != new:
            found.setdefault(old, new)
    return found


def _api_names(obj, attr):
    """Export names stored on ``obj`` itself (never inherited from its class:
    a DType *instance* must not report ``DType``'s own export names)."""
    try:
        own = vars(obj)
    except TypeError:
        return []
    val = own.get(attr, ())
    if isinstance(val, str):
        val = (val,)
    try:
        return [str(v) for v in val]
    except TypeError:
        return []


def export_v2_names(obj) -> list[str]:
    """v2 names (as "tf.x.y") TensorFlow/Keras/Estimator metadata gives ``obj``."""
    names = []
    for n in _api_names(obj, "_tf_api_names"):
        names.append("tf." + n)
    for n in _api_names(obj, "_estimator_api_names"):
        names.append("tf." + n)
    for n in _api_names(obj, "_keras_api_names"):
        # Keras 2 exports "keras.layers.Dense" (and "tf.keras...." aliases).
        names.append(n if n.startswith("tf.") else "tf." + n)
    seen, ordered = set(), []
    for n in names:
        if n not in seen:
            seen.add(n)
            ordered.append(n)
    return ordered


def export_v1_names(obj) -> list[str]:
    """v1 names ("tf.x.y") of ``obj`` per metadata, canonical first."""
    names = ["tf." + n for n in _api_names(obj, "_tf_api_names_v1")]
    names += ["tf." + n for n in _api_names(obj, "_estimator_api_names_v1")]
    names += [n if n.startswith("tf.") else "tf." + n for n in _api_names(obj, "_keras_api_names_v1")]
    return list(dict.fromkeys(names))


def dump(out_path: str) -> None:
    import tensorflow as tf  # noqa: F401  (only available in the TF venvs)
    import tensorflow.compat.v1 as tf1

    version = tf.__version__
    major_minor = tuple(int(x) for x in version.split(".")[:2])
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import rule_overrides

    not_v1 = rule_overrides.V1_SUBTREES_NOT_V1_API["2.16+"] if major_minor >= (2, 16) else ()

    def skip_v2(p):
        return p == "compat.v2" or p.startswith("compat.v2.") or p == "compat.v1" or p.startswith("compat.v1.")

    def skip_v1(p):
        return p == "compat" or p.startswith("compat.")

    v2 = walk_api(tf, skip_v2)
    # tf.compat.v1 as the symbol set sees it (keras included if it resolves).
    v1_all = walk_api(tf1, skip_v1)

    v2_by_id: dict[int, list[str]] = {}
    for p, o in v2.items():
        v2_by_id.setdefault(id(o), []).append("tf." + p)
    v1_by_id: dict[int, list[str]] = {}
    for p, o in v1_all.items():
        if not p.startswith("compat."):
            v1_by_id.setdefault(id(o), []).append("tf." + p)

    def facts(path, obj, with_meta):
        k = _kind(obj)
        d = {"kind": k}
        if k in ("class", "function"):
            d["params"] = _params(obj)
            if with_meta:
                d["keyword_evidence"] = keyword_evidence(obj)
        if with_meta and k != "module":
            d["v2_export"] = export_v2_names(obj)
            d["v1_export"] = export_v1_names(obj)
            if not isinstance(obj, (int, float, str, bytes, bool, type(None))):
                d["v2_same_object"] = sorted(v2_by_id.get(id(obj), []))
                d["v1_same_object"] = sorted(v1_by_id.get(id(obj), []))
        return d

    v1_facts = {}
    for p, o in v1_all.items():
        if p.split(".")[0] in not_v1:
            continue
        v1_facts["tf." + p] = facts(p, o, True)
    from importlib import metadata

    packages = {}
    for dist in ("tensorflow-cpu", "tensorflow", "keras", "tensorflow-estimator"):
        try:
            packages[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    data = {
        "tf_version": version,
        "packages": packages,
        "v2": {"tf." + p: facts(p, o, False) for p, o in v2.items()},
        "v1": v1_facts,
        "compat_v1_symbols": sorted("tf.compat.v1." + p for p in v1_all),
    }
    with open(out_path, "w") as fh:
        json.dump(data, fh, sort_keys=True)
    print(f"[gen_rules] TF {version}: {len(data['v2'])} v2 names, {len(v1_facts)} v1 names -> {out_path}",
          file=sys.stderr)


# ---------------------------------------------------------------------------
# build (pure python)
# ---------------------------------------------------------------------------

_IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_POSITIONAL = ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")


def _symbols(dump_data) -> list[str]:
    names = set(dump_data["v2"]) | set(dump_data["compat_v1_symbols"])
    names.add("tf")
    names.add("tf.compat.v1")
    return sorted(names)


# Namespaces that are Keras (3) in TF 2.16+.  A TF-core v1 symbol is not
# redirected into them through an alias (tf.glorot_normal_initializer must
# not become the Keras 3 tf.initializers.glorot_normal).
KERAS_NAMESPACES = ("tf.keras.", "tf.initializers.", "tf.losses.", "tf.metrics.", "tf.optimizers.")


def _namespace(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 else ""


def _canonical(v1name, facts, v2names, prefer=frozenset()) -> str | None:
    """The v2 name of a v1 symbol in one TF version, or None if it has none.

    Order: the name itself; the object's v2 export metadata (canonical first);
    other v2 names of the same object; another v1 name of the same v1 object
    that is still a v2 name.  Among equals, names also in ``prefer`` (the 2.21
    symbol set) win.
    """
    if facts["kind"] == "module":
        return v1name if v1name in v2names else None
    if v1name in v2names:
        return v1name

    def pick(cands):
        cands = [n for n in cands if n in v2names and not n.startswith(("tf.compat.v1.", "tf.compat.v2."))]
        if not cands:
            return None
        return sorted(cands, key=lambda n: n not in prefer)[0]  # stable

    found = pick(facts.get("v2_export", []))
    if found:
        return found
    ns = _namespace(v1name)
    same = sorted(
        facts.get("v2_same_object", []),
        # same namespace as the v1 name first, then fewest components: deterministic.
        key=lambda n: (_namespace(n) != ns, n.count("."), n),
    )
    found = pick(same)
    if found:
        return found
    # Another v1 name of the very same v1 object that is still a v2 name
    # (tf.sparse_reduce_sum -> tf.sparse.reduce_sum): the v2 function there is
    # the successor; keyword/positional tables bridge the signature changes.
    aliases = list(facts.get("v1_export", []))
    aliases += sorted(facts.get("v1_same_object", []), key=lambda n: (n.count("."), n))
    in_keras = v1name.startswith(KERAS_NAMESPACES)
    aliases = [n for n in aliases if n != v1name and (in_keras or not n.startswith(KERAS_NAMESPACES))]
    return pick(aliases)


def _pos_names(params):
    out = []
    for name, kind in params or []:
        if kind in _POSITIONAL:
            out.append(name)
        else:
            break
    return out


def _has_varkw(params):
    return any(k == "VAR_KEYWORD" for _, k in params or [])


def v1_signatures(v1_215: dict, v1_221: dict) -> dict[str, list[str]]:
    """v1 name -> its positional parameter names (see the module docstring)."""
    out = {}
    for name in sorted(set(v1_215) | set(v1_221)):
        if name.startswith(("tf.compat.", "tf.raw_ops.")):
            continue  # raw ops: generated wrappers no rule reads by position
        facts = v1_215.get(name) or v1_221[name]
        if facts["kind"] in ("function", "class") and facts.get("params") is not None:
            out[name] = _pos_names(facts["params"])
    return out


def build(d215: dict, d221: dict, out_dir: str, overrides=None) -> dict:
    if overrides is None:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import rule_overrides as overrides  # noqa: N813

    v2_221, v2_215 = d221["v2"], d215["v2"]
    v1_221, v1_215 = d221["v1"], d215["v1"]
    sym221, sym215 = _symbols(d221), _symbols(d215)

    v1_names = sorted(n for n in set(v1_215) | set(v1_221) if not n.startswith("tf.compat."))

    symbols: dict[str, str] = {}
    modules: dict[str, str] = {}
    decided_by: dict[str, str] = {}  # v1 name -> "2.21" / "2.15"
    for name in v1_names:
        if name in v1_221:
            facts, v2names, ver = v1_221[name], v2_221, "2.21"
        else:
            facts, v2names, ver = v1_215[name], v2_215, "2.15"
        decided_by[name] = ver
        target = _canonical(name, facts, v2names, prefer=frozenset(sym221))
        if target is None:
            target = "tf.compat.v1." + name[len("tf."):]
        if target == name:
            continue
        if facts["kind"] == "module":
            modules[name] = target
        else:
            symbols[name] = target

    for name in overrides.RENAME_SKIP:
        symbols.pop(name, None)
    symbols.update(overrides.RENAME_OVERRIDES)

    # --- keywords / removed keywords / positional -------------------------
    signatures = v1_signatures(v1_215, v1_221)
    keywords: dict[str, dict[str, dict[str, str]]] = {}
    removed: dict[str, list[str]] = {}
    positional: dict[str, dict] = {}
    errors: list[str] = []
    for name, declared in overrides.KEYWORD_OVERRIDES.items():
        # Written whatever the v2 side: a v1 name without a v2 function gets its TF 2 name from
        # a rule (tf.gfile.Copy -> tf.io.gfile.copy), so only the v1 signature can check it.
        facts = v1_221.get(name) or v1_215.get(name)
        names1 = [n for n, k in (facts or {}).get("params") or [] if k not in ("VAR_POSITIONAL", "VAR_KEYWORD")]
        unknown = sorted(old for old in declared if old not in names1)
        if unknown:
            errors.append(f"KEYWORD_OVERRIDES: {name} has no parameter {', '.join(unknown)}")
        keywords[name] = {"declared": dict(sorted(declared.items()))}
    for name in v1_names:
        facts = (v1_221 if decided_by[name] == "2.21" else v1_215)[name]
        if facts["kind"] not in ("function", "class"):
            continue
        target = symbols.get(name, name)
        if target.startswith("tf.compat.v1."):
            continue  # same object, nothing changes
        v2f = v2_221.get(target) or v2_215.get(target)
        if not v2f or v2f.get("params") is None or facts.get("params") is None:
            continue
        p1, p2 = facts["params"], v2f["params"]
        if p2 and p2[0][1] == "VAR_POSITIONAL":
            continue  # v2 signature unknown: (*args, **kwargs)
        names1 = [n for n, k in p1 if k not in ("VAR_POSITIONAL", "VAR_KEYWORD")]
        names2 = {n for n, k in p2 if k not in ("VAR_POSITIONAL", "VAR_KEYWORD")}
        evidence = dict(facts.get("keyword_evidence", {}))
        # 2.15 source may state renames that 2.21 no longer carries (or vice versa).
        other = v1_215.get(name) if decided_by[name] == "2.21" else v1_221.get(name)
        if other:
            for k, v in other.get("keyword_evidence", {}).items():
                evidence.setdefault(k, v)
        declared = overrides.KEYWORD_OVERRIDES.get(name, {})
        for old, new in declared.items():
            if old in names1 and new not in names2:
                errors.append(f"KEYWORD_OVERRIDES: {name}'s {old} -> {new}, but {target} has no {new}")
        found = {old: new for old, new in evidence.items()
                 if old in names1 and old not in names2 and new in names2 and old not in declared}
        if found:
            keywords.setdefault(name, {})["metadata"] = dict(sorted(found.items()))
        if not _has_varkw(p2):
            gone = [n for n in names1 if n not in names2 and n not in found and n not in declared]
            if gone:
                removed[name] = gone
        pos1, pos2 = signatures.get(name), _pos_names(p2)
        if pos1 is None:
            continue
        first = None
        for i, n in enumerate(pos1):
            if i >= len(pos2) or pos2[i] != n:
                first = i
                break
        if first is not None:
            # v2_args tells a reorder inside v2's own parameters (argmax: name and
            # output_type swapped) from one only in trailing deprecated v1 args.
            positional[name] = {"first_changed": first, "v2_args": pos2}

    result = {
        "renames": {
            "tf_version": d221["tf_version"],
            "generated_with": {
                d215["tf_version"]: d215.get("packages", {}),
                d221["tf_version"]: d221.get("packages", {}),
            },
            "symbols": dict(sorted(symbols.items())),
            "modules": dict(sorted(modules.items())),
        },
        "keywords": {name: dict(sorted(entry.items())) for name, entry in sorted(keywords.items())},
        "removed_keywords": dict(sorted(removed.items())),
        "positional": dict(sorted(positional.items())),
        "signatures": signatures,
        "sym221": sym221,
        "sym215": sym215,
        "v1": sorted(n for n in v1_215 if not n.startswith("tf.compat.")),
    }
    problems = check_tables(result["renames"], result["keywords"], set(sym221), set(sym215), signatures)
    problems["errors"] += errors
    # A broken walk (lazy loader failure, import error) shows up as a collapse
    # in size; these floors are far below the real figures (~4.7k / ~10k).
    if len(result["v1"]) < 3000 or len(sym221) < 5000 or len(sym215) < 5000:
        problems["errors"].append(
            f"suspiciously small API: v1={len(result['v1'])} 2.21={len(sym221)} 2.15={len(sym215)}"
        )
    if problems["errors"]:
        for e in problems["errors"][:50]:
            print("[gen_rules] ERROR", e, file=sys.stderr)
        raise SystemExit(f"gen_rules: {len(problems['errors'])} sanity check failures")
    write_tables(result, out_dir)
    result["only_in_215"] = problems["only_in_215"]
    print(f"[gen_rules] {len(result['only_in_215'])} rename targets exist only in 2.15:", file=sys.stderr)
    for name in result["only_in_215"]:
        print("    " + name, file=sys.stderr)
    return result


def check_tables(renames, keywords, sym221, sym215, signatures=None) -> dict:
    """Sanity checks shared in spirit with tests/test_generated_tables.py."""
    errors, only215 = [], []
    table = {**renames["symbols"], **renames["modules"]}
    for src, dst in table.items():
        if dst in table:
            errors.append(f"not idempotent: {src} -> {dst} -> {table[dst]}")
        if src.startswith("tf.compat."):
            errors.append(f"compat key emitted: {src}")
        if dst not in sym221:
            if dst in sym215:
                only215.append(dst)
            else:
                errors.append(f"target missing in 2.21 and 2.15: {src} -> {dst}")
    for fn, entry in keywords.items():
        for old, new in {**entry.get("metadata", {}), **entry.get("declared", {})}.items():
            if not (_IDENT_RE.match(new) and not keyword.iskeyword(new)):
                errors.append(f"bad keyword target {fn}: {old} -> {new}")
    spot = {
        "tf.log": "tf.math.log",
        "tf.random_normal": "tf.random.normal",
        "tf.train.AdamOptimizer": "tf.compat.v1.train.AdamOptimizer",
        "tf.placeholder": "tf.compat.v1.placeholder",
        "tf.Session": "tf.compat.v1.Session",
    }
    for k, v in spot.items():
        if renames["symbols"].get(k) != v:
            errors.append(f"spot check {k} -> {renames['symbols'].get(k)} (want {v})")
    for fn, old, new in [
        ("tf.argmax", "dimension", "axis"),
        ("tf.reduce_sum", "keep_dims", "keepdims"),
        ("tf.reduce_mean", "reduction_indices", "axis"),
    ]:
        found = keywords.get(fn, {}).get("metadata", {}).get(old)
        if found != new:
            errors.append(f"spot check keyword {fn} {old} -> {found} (want {new})")
    for fn, args in [
        ("tf.nn.dropout", ["x", "keep_prob", "noise_shape", "seed", "name", "rate"]),
        ("tf.argmax", ["input", "axis", "name", "dimension", "output_type"]),
    ]:
        if signatures is not None and signatures.get(fn) != args:
            errors.append(f"spot check signature {fn}: {signatures.get(fn)} (want {args})")
    return {"errors": errors, "only_in_215": sorted(set(only215))}


def _write_json(path, obj):
    with open(path, "w") as fh:
        json.dump(obj, fh, indent=1, sort_keys=True)
        fh.write("\n")


def signatures_text(signatures: dict) -> str:
    """signatures.json's text: one function a line (3000 entries; indented JSON would be 20000 lines)."""
    lines = [f"{json.dumps(name)}: {json.dumps(args)}" for name, args in sorted(signatures.items())]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_signatures(path, signatures):
    with open(path, "w") as fh:
        fh.write(signatures_text(signatures))


def _write_lines(path, lines):
    with open(path, "w") as fh:
        fh.writelines(line + "\n" for line in lines)


def write_tables(result, out_dir):
    os.makedirs(os.path.join(out_dir, "symbols"), exist_ok=True)
    _write_json(os.path.join(out_dir, "renames.json"), result["renames"])
    _write_json(os.path.join(out_dir, "keywords.json"), result["keywords"])
    _write_json(os.path.join(out_dir, "removed_keywords.json"), result["removed_keywords"])
    _write_json(os.path.join(out_dir, "positional.json"), result["positional"])
    write_signatures(os.path.join(out_dir, "signatures.json"), result["signatures"])
    _write_lines(os.path.join(out_dir, "symbols", "2.21.txt"), result["sym221"])
    _write_lines(os.path.join(out_dir, "symbols", "2.15.txt"), result["sym215"])
    _write_lines(os.path.join(out_dir, "symbols", "v1.txt"), result["v1"])


def _summary(result) -> str:
    r = result["renames"]
    return "\n".join([
        f"v1 symbols:            {len(result['v1'])}",
        f"symbol renames:        {len(r['symbols'])}",
        f"module renames:        {len(r['modules'])}",
        f"keyword-rename entries:{len(result['keywords'])}",
        f"removed-keyword entries:{len(result['removed_keywords'])}",
        f"positional entries:    {len(result['positional'])}",
        f"v1 signatures:         {len(result['signatures'])}",
        f"symbols 2.21:          {len(result['sym221'])}",
        f"symbols 2.15:          {len(result['sym215'])}",
        f"targets only in 2.15:  {len(result['only_in_215'])}",
    ])


# ---------------------------------------------------------------------------
# extras: names that exist only with add-on packages
# ---------------------------------------------------------------------------

TF_SLIM_SUBMODULES = ("losses", "metrics", "layers", "learning", "evaluation", "summaries", "data", "queues",
                      "initializers", "regularizers")


def dump_tf_slim(out_path: str) -> None:
    """Public names of tf_slim (run with a python that has it): top level and its API submodules."""
    import tf_slim  # noqa: F401  (only available in the TF venvs)

    def public(mod):
        return [n for n in dir(mod) if not n.startswith("_")]

    names = set()
    for n in public(tf_slim):
        obj = getattr(tf_slim, n)
        if isinstance(obj, types.ModuleType) and not obj.__name__.startswith("tf_slim"):
            continue  # re-exported helpers (six, array_ops...) are not tf_slim's API
        names.add("tf_slim." + n)
        if isinstance(obj, types.ModuleType) and n in TF_SLIM_SUBMODULES:
            for m in public(obj):
                sub = getattr(obj, m)
                if isinstance(sub, types.ModuleType) and not sub.__name__.startswith("tf_slim"):
                    continue
                names.add(f"tf_slim.{n}.{m}")
    with open(out_path, "w") as fh:
        json.dump({"names": sorted(names)}, fh)
    print(f"[gen_rules] tf_slim: {len(names)} names -> {out_path}", file=sys.stderr)


def build_extras(d221: dict, d221_tf_keras: dict, slim: dict, out_dir: str) -> dict:
    """symbols/2.21+tf_keras.txt and tf_slim.txt (see the module docstring)."""
    only_with_tf_keras = sorted(set(_symbols(d221_tf_keras)) - set(_symbols(d221)))
    for must in ("tf.compat.v1.layers.dense", "tf.compat.v1.nn.rnn_cell.LSTMCell"):
        if must not in only_with_tf_keras:
            raise SystemExit(f"[gen_rules] {must} missing from the tf_keras set: was the dump run with "
                             "TF_USE_LEGACY_KERAS=1 and tf_keras installed?")
    names = slim["names"]
    if "tf_slim.conv2d" not in names or "tf_slim.arg_scope" not in names:
        raise SystemExit("[gen_rules] tf_slim dump looks wrong (no conv2d/arg_scope)")
    os.makedirs(os.path.join(out_dir, "symbols"), exist_ok=True)
    _write_lines(os.path.join(out_dir, "symbols", "2.21+tf_keras.txt"), only_with_tf_keras)
    _write_lines(os.path.join(out_dir, "tf_slim.txt"), names)
    print(f"[gen_rules] only with tf_keras: {len(only_with_tf_keras)} names; tf_slim: {len(names)} names",
          file=sys.stderr)
    return {"tf_keras": only_with_tf_keras, "tf_slim": names}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd")
    d = sub.add_parser("dump", help="run with a TensorFlow venv python")
    d.add_argument("--out", required=True)
    ds = sub.add_parser("dump-tf-slim", help="run with the 2.21 venv python: tf_slim's public names")
    ds.add_argument("--out", required=True)
    be = sub.add_parser("build-extras", help="write symbols/2.21+tf_keras.txt and tf_slim.txt")
    be.add_argument("--dump221", required=True)
    be.add_argument("--dump221-tf-keras", required=True)
    be.add_argument("--tf-slim", required=True)
    be.add_argument("--out", required=True)
    b = sub.add_parser("build", help="merge two dumps into tables")
    b.add_argument("--dump215", required=True)
    b.add_argument("--dump221", required=True)
    b.add_argument("--out", required=True)
    ap.add_argument("--tf215", help="python of a venv with tensorflow-cpu==2.15.1")
    ap.add_argument("--tf221", help="python of a venv with tensorflow-cpu==2.21.0")
    ap.add_argument("--out", help="output directory (tf_upgrade/rules/data)")
    args = ap.parse_args(argv)

    if args.cmd == "dump":
        dump(args.out)
        return 0
    if args.cmd == "dump-tf-slim":
        dump_tf_slim(args.out)
        return 0
    if args.cmd == "build-extras":
        with open(args.dump221) as a, open(args.dump221_tf_keras) as b, open(args.tf_slim) as c:
            build_extras(json.load(a), json.load(b), json.load(c), args.out)
        return 0
    if args.cmd == "build":
        with open(args.dump215) as f215, open(args.dump221) as f221:
            res = build(json.load(f215), json.load(f221), args.out)
        print(_summary(res))
        return 0
    if not (args.tf215 and args.tf221 and args.out):
        ap.error("driver mode needs --tf215, --tf221 and --out")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="")
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for tag, py in (("2.15", args.tf215), ("2.21", args.tf221)):
            paths[tag] = os.path.join(tmp, f"dump-{tag}.json")
            subprocess.run([py, os.path.abspath(__file__), "dump", "--out", paths[tag]], check=True, env=env)
        with open(paths["2.15"]) as f215, open(paths["2.21"]) as f221:
            res = build(json.load(f215), json.load(f221), args.out)
        # the same 2.21, with tf_keras serving Keras, and tf_slim's names
        keras_dump, slim_dump = os.path.join(tmp, "dump-2.21-tf_keras.json"), os.path.join(tmp, "tf_slim.json")
        subprocess.run([args.tf221, os.path.abspath(__file__), "dump", "--out", keras_dump], check=True,
                       env=dict(env, TF_USE_LEGACY_KERAS="1"))
        subprocess.run([args.tf221, os.path.abspath(__file__), "dump-tf-slim", "--out", slim_dump], check=True,
                       env=env)
        with open(paths["2.21"]) as a, open(keras_dump) as b, open(slim_dump) as c:
            build_extras(json.load(a), json.load(b), json.load(c), args.out)
    print(_summary(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())

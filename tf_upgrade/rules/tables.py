"""Lazy access to the generated tables in ``rules/data`` (see tools/gen_rules.py).

Everything is loaded on first use and cached for the process: a run that
finds no TensorFlow import never pays for it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple

DATA = Path(__file__).with_name("data")


def _json(name: str):
    path = DATA / name
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=None)
def methods_without_import() -> Tuple[str, ...]:
    """The method names of ``on_method(..., without_import=True)`` hooks, as
    ``tools/gen_rule_docs.py`` wrote them (tests/test_rule_docs.py keeps them current)."""
    return tuple(_json("methods_without_import.json") or ())


@lru_cache(maxsize=None)
def symbol_renames() -> Dict[str, str]:
    """TF 1.x name -> TF 2 name, only where they differ (``tf.log`` -> ``tf.math.log``)."""
    return dict(_json("renames.json").get("symbols", {}))


@lru_cache(maxsize=None)
def module_renames() -> Dict[str, str]:
    """TF 1.x modules with no TF 2 module of the same path -> their compat.v1 path."""
    return dict(_json("renames.json").get("modules", {}))


@lru_cache(maxsize=None)
def keyword_renames() -> Dict[str, Dict[str, str]]:
    return _json("keywords.json")


@lru_cache(maxsize=None)
def removed_keywords() -> Dict[str, List[str]]:
    return _json("removed_keywords.json")


@lru_cache(maxsize=None)
def positional() -> Dict[str, dict]:
    return _json("positional.json")


def _read_names(path: Path) -> FrozenSet[str]:
    if not path.exists():
        return frozenset()
    with path.open(encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def v1_symbols() -> FrozenSet[str]:
    """Every public TF 1.x API name, as ``tf.<name>`` (modules included)."""
    return _read_names(DATA / "symbols" / "v1.txt")


def available_versions() -> List[Tuple[int, int]]:
    """The TensorFlow versions we ship a symbol set for, oldest first."""
    out = []
    for p in (DATA / "symbols").glob("2.*.txt"):
        if "+" in p.stem:
            continue  # 2.21+tf_keras.txt: an add-on set, not a version
        major, minor = p.stem.split(".")
        out.append((int(major), int(minor)))
    return sorted(out)


def newest_version() -> Tuple[int, int]:
    versions = available_versions()
    return versions[-1] if versions else (2, 21)


def _shipped_set(version: Tuple[int, int], suffix: str) -> FrozenSet[str]:
    """``symbols/<X.Y><suffix>.txt`` of the shipped version closest to ``version`` (not newer)."""
    candidates = [v for v in available_versions() if v <= version] or available_versions()[:1]
    if not candidates:
        return frozenset()
    major, minor = candidates[-1]
    return _read_names(DATA / "symbols" / f"{major}.{minor}{suffix}.txt")


@lru_cache(maxsize=None)
def symbols_for(version: Tuple[int, int]) -> FrozenSet[str]:
    """Valid public names of the shipped symbol set closest to ``version`` (not newer)."""
    return _shipped_set(version, "")


@lru_cache(maxsize=None)
def tf_keras_symbols(version: Tuple[int, int]) -> FrozenSet[str]:
    """Names that exist in ``version`` only when ``tf_keras`` serves Keras.

    From 2.16 on, ``tf.compat.v1.layers``, ``tf.compat.v1.nn.rnn_cell``,
    ``tf.compat.v1.keras`` and Keras 2-only ``tf.keras`` names load only with
    the ``tf_keras`` package installed and ``TF_USE_LEGACY_KERAS=1`` set.  The
    set is generated from the same TensorFlow with that environment
    (``symbols/<version>+tf_keras.txt``); empty when no such file is shipped.
    """
    return _shipped_set(version, "+tf_keras")


@lru_cache(maxsize=None)
def tf_slim_symbols() -> FrozenSet[str]:
    """Public names of the tf_slim package (``tf_slim.conv2d``, ``tf_slim.losses.*``), generated."""
    return _read_names(DATA / "tf_slim.txt")


@lru_cache(maxsize=None)
def _parents(version: Optional[Tuple[int, int]]) -> FrozenSet[str]:
    return _prefixes(v1_symbols() if version is None else symbols_for(version))


def _prefixes(names) -> FrozenSet[str]:
    """Every proper dotted prefix of the names: the namespaces that have public children."""
    parents = set()
    for n in names:
        parts = n.split(".")
        for i in range(1, len(parts)):
            parents.add(".".join(parts[:i]))
    return frozenset(parents)


def is_namespace(name: str, version: Optional[Tuple[int, int]] = None) -> bool:
    """True when ``name`` has public children (a module, as far as the tables know)."""
    return name in _parents(version)


def availability(name: str, version: Tuple[int, int]) -> str:
    """Does ``name`` (``tf.``-rooted) exist in ``version``?

    ``"yes"``; ``"tf_keras"`` when only with the tf_keras package and
    ``TF_USE_LEGACY_KERAS=1``; ``"no"``.  Attributes of a known class,
    function or constant (``tf.float32.max``) count as the object itself.
    """
    for symbols, answer in ((symbols_for(version), "yes"), (tf_keras_symbols(version), "tf_keras")):
        parts = name.split(".")
        for i in range(len(parts), 1, -1):
            prefix = ".".join(parts[:i])
            if prefix in symbols:
                if i == len(parts) or not (is_namespace(prefix, version) or _is_tf_keras_namespace(prefix, version)):
                    return answer
                break
    return "no"


@lru_cache(maxsize=None)
def _tf_keras_parents(version: Tuple[int, int]) -> FrozenSet[str]:
    return _prefixes(tf_keras_symbols(version))


def _is_tf_keras_namespace(name: str, version: Tuple[int, int]) -> bool:
    return name in _tf_keras_parents(version)

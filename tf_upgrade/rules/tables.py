"""Lazy access to the generated tables in ``rules/data`` (see tools/gen_rules.py).

Everything is loaded on first use and cached for the process: a run that
finds no TensorFlow import never pays for it.  Entries are handed out as the
records below, so a rule reads ``entry.first_changed``, not the JSON's layout.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Mapping, NamedTuple, Optional, Tuple

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


class KeywordRenames(NamedTuple):
    """One TF 1.x function's keywords that have another name in TF 2 (``keywords.json``)."""

    metadata: Mapping[str, str]  # old -> new, as TF 1.x's own source states it (deprecated aliases): TFU102
    declared: Mapping[str, str]  # old -> new, declared in tools/rule_overrides.py (renamed outright): TFU206

    @property
    def all(self) -> Mapping[str, str]:
        return {**self.metadata, **self.declared}


class Positional(NamedTuple):
    """A TF 1.x function whose positional parameters TF 2 binds differently (``positional.json``)."""

    args: Tuple[str, ...]  # its TF 1.x positional parameters (v1_args)
    first_changed: int  # the first position TF 2 binds to a parameter of another name
    v2_args: Tuple[str, ...]  # the TF 2 function's positional parameters


@lru_cache(maxsize=None)
def keyword_renames() -> Dict[str, KeywordRenames]:
    return {name: KeywordRenames(entry.get("metadata", {}), entry.get("declared", {}))
            for name, entry in _json("keywords.json").items()}


@lru_cache(maxsize=None)
def metadata_keyword_renames() -> Dict[str, Mapping[str, str]]:
    """The functions with keyword renames TF 1.x declared (TFU102's screen asks per call)."""
    return {name: entry.metadata for name, entry in keyword_renames().items() if entry.metadata}


@lru_cache(maxsize=None)
def declared_keyword_renames() -> Dict[str, Mapping[str, str]]:
    """The functions with keyword renames declared in tools/rule_overrides.py (TFU206)."""
    return {name: entry.declared for name, entry in keyword_renames().items() if entry.declared}


@lru_cache(maxsize=None)
def removed_keywords() -> Dict[str, Tuple[str, ...]]:
    return {name: tuple(gone) for name, gone in _json("removed_keywords.json").items()}


@lru_cache(maxsize=None)
def signatures() -> Dict[str, Tuple[str, ...]]:
    """TF 1.x function or class -> its positional parameters (``signatures.json``: ``tf.compat.v1``
    of TF 2.15, the nearest to TF 1.x; ``tf.raw_ops`` left out)."""
    return {name: tuple(args) for name, args in _json("signatures.json").items()}


def v1_args(name: str) -> Tuple[str, ...]:
    """The positional parameters of TF 1.x function ``name``, as a rule needs them to find an
    argument passed by position.  A rule asks only for functions it is registered on, so an
    unknown name is a bug in the rule (or a stale table), not in the converted file."""
    try:
        return signatures()[name]
    except KeyError:
        raise KeyError(f"no TF 1.x signature for {name} in rules/data/signatures.json") from None


@lru_cache(maxsize=None)
def positional() -> Dict[str, Positional]:
    return {name: Positional(v1_args(name), entry["first_changed"], tuple(entry["v2_args"]))
            for name, entry in _json("positional.json").items()}


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


def in_tf_slim(name: str) -> bool:
    """Is ``name`` the tf_slim package, a name it has (``tf_slim.conv2d``) or an attribute of one?
    ``tf_slim.nets`` (the model zoo, not imported by ``import tf_slim``) is not in the generated
    list and is taken as a whole."""
    if name == "tf_slim" or name == "tf_slim.nets" or name.startswith("tf_slim.nets."):
        return True
    names = tf_slim_symbols()
    parts = name.split(".")
    return any(".".join(parts[:i]) in names for i in range(len(parts), 1, -1))


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

"""Checks on the committed, generated rule tables (no TensorFlow needed).

The tables are produced by tools/gen_rules.py; these tests guard against a bad
regeneration being committed.
"""
from __future__ import annotations

import json
import keyword
import re
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "tf_upgrade" / "rules" / "data"
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
NAME = re.compile(r"^tf(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def _json(name):
    return json.loads((DATA / name).read_text())


def _lines(name):
    return (DATA / "symbols" / name).read_text().splitlines()


@pytest.fixture(scope="module")
def renames():
    return _json("renames.json")


@pytest.fixture(scope="module")
def keywords():
    return _json("keywords.json")


@pytest.fixture(scope="module")
def removed():
    return _json("removed_keywords.json")


@pytest.fixture(scope="module")
def positional():
    return _json("positional.json")


@pytest.fixture(scope="module")
def signatures():
    return _json("signatures.json")


@pytest.fixture(scope="module")
def sym221():
    return set(_lines("2.21.txt"))


@pytest.fixture(scope="module")
def sym215():
    return set(_lines("2.15.txt"))


@pytest.fixture(scope="module")
def v1names():
    return set(_lines("v1.txt"))


def _all_renames(renames):
    return {**renames["symbols"], **renames["modules"]}


def test_shape(renames):
    assert set(renames) >= {"tf_version", "symbols", "modules"}
    assert renames["tf_version"].startswith("2.")
    assert len(renames["symbols"]) > 500
    assert len(renames["modules"]) > 5


@pytest.mark.parametrize("name", ["2.21.txt", "2.15.txt", "v1.txt"])
def test_symbol_files_sorted_unique_wellformed(name):
    lines = _lines(name)
    assert lines == sorted(set(lines))
    bad = [n for n in lines if not NAME.match(n)]
    assert not bad, bad[:10]


def test_symbol_files_exclude_mirrors(sym221, sym215):
    for syms in (sym221, sym215):
        assert not any(n.startswith(("tf.compat.v2.", "tf.compat.v1.compat.")) for n in syms)
        assert "tf.compat.v1.placeholder" in syms
        assert "tf.math.log" in syms
    assert "tf.compat.v1.estimator.Estimator" in sym215
    assert "tf.keras.layers.Dense" in sym221


def test_idempotent(renames):
    table = _all_renames(renames)
    chained = {k: v for k, v in table.items() if v in table}
    assert not chained, chained


def test_no_compat_keys_and_no_identity(renames):
    table = _all_renames(renames)
    assert not [k for k in table if k.startswith("tf.compat.")]
    assert not [k for k, v in table.items() if k == v]


def test_keys_are_v1_names(renames, v1names):
    missing = [k for k in _all_renames(renames) if k not in v1names]
    # A handful may come from 2.21-only v1 names; the bulk must be TF1 names.
    assert len(missing) < 20, missing


def test_targets_exist(renames, sym221, sym215):
    only215, missing = [], []
    for src, dst in _all_renames(renames).items():
        if dst in sym221:
            continue
        (only215 if dst in sym215 else missing).append(f"{src} -> {dst}")
    assert not missing, missing
    # Report (not fail) the targets that only exist in 2.15 (estimator, Keras 2
    # v1-only names, ...): the engine must treat them as removed in 2.21.
    print(f"\n{len(only215)} rename targets only exist in TF 2.15:")
    for line in sorted(only215):
        print("  ", line)


def test_module_targets_are_compat(renames):
    for src, dst in renames["modules"].items():
        assert dst == "tf.compat.v1." + src[len("tf."):]


@pytest.mark.parametrize(
    "src,dst",
    [
        ("tf.log", "tf.math.log"),
        ("tf.random_normal", "tf.random.normal"),
        ("tf.train.AdamOptimizer", "tf.compat.v1.train.AdamOptimizer"),
        ("tf.train.GradientDescentOptimizer", "tf.compat.v1.train.GradientDescentOptimizer"),
        ("tf.placeholder", "tf.compat.v1.placeholder"),
        ("tf.Session", "tf.compat.v1.Session"),
    ],
)
def test_spot_renames(renames, src, dst):
    assert renames["symbols"][src] == dst


def test_spot_unchanged(renames):
    for name in ("tf.math.log", "tf.reduce_sum", "tf.argmax", "tf.Variable", "tf.nn.dropout"):
        assert name not in renames["symbols"]
    assert renames["modules"]["tf.nn.rnn_cell"] == "tf.compat.v1.nn.rnn_cell"


@pytest.mark.parametrize(
    "fn,old,new",
    [
        ("tf.argmax", "dimension", "axis"),
        ("tf.math.argmax", "dimension", "axis"),
        ("tf.reduce_sum", "keep_dims", "keepdims"),
        ("tf.reduce_mean", "reduction_indices", "axis"),
        ("tf.math.reduce_mean", "reduction_indices", "axis"),
    ],
)
def test_spot_keywords(keywords, fn, old, new):
    assert keywords[fn]["metadata"][old] == new


def _merged(entry):
    return {**entry.get("metadata", {}), **entry.get("declared", {})}


def test_keyword_targets_are_identifiers(keywords):
    for fn, entry in keywords.items():
        assert NAME.match(fn), fn
        assert entry and set(entry) <= {"metadata", "declared"}, fn
        assert not set(entry.get("metadata", {})) & set(entry.get("declared", {})), fn  # each fact once
        for old, new in _merged(entry).items():
            assert IDENT.match(old) and IDENT.match(new), (fn, old, new)
            assert not keyword.iskeyword(new), (fn, new)
            assert old != new


def test_declared_keyword_renames_are_the_overrides(keywords):
    sys.path.insert(0, str(DATA.parents[2] / "tools"))
    import rule_overrides

    declared = {fn: entry["declared"] for fn, entry in keywords.items() if "declared" in entry}
    assert declared == rule_overrides.KEYWORD_OVERRIDES


def test_dropout_keep_prob_is_removed_not_renamed(keywords, removed):
    # rate = 1 - keep_prob: a value change, never a plain keyword rename.
    assert "keep_prob" not in _merged(keywords.get("tf.nn.dropout", {}))
    assert "keep_prob" in removed["tf.nn.dropout"]


def test_removed_disjoint_from_renamed(keywords, removed):
    for fn, gone in removed.items():
        assert gone and len(gone) == len(set(gone))
        assert not set(gone) & set(_merged(keywords.get(fn, {}))), fn


def test_positional(positional, signatures):
    argmax = positional["tf.argmax"]
    assert signatures["tf.argmax"][:3] == ["input", "axis", "name"]
    assert argmax["first_changed"] == 2
    assert positional["tf.math.argmax"] == argmax
    for fn, entry in positional.items():
        args = signatures[fn]  # the TF 1.x signature is stated once, in signatures.json
        assert set(entry) == {"first_changed", "v2_args"}
        assert args[:entry["first_changed"]] == entry["v2_args"][:entry["first_changed"]], fn
        assert 0 <= entry["first_changed"] < len(args), fn


def test_signatures(signatures, v1names):
    assert len(signatures) > 2500
    later = [n for n in signatures if n not in v1names]  # v1 names only 2.21 has (decode_webp...)
    assert len(later) < 50, later
    for fn, args in signatures.items():
        assert all(IDENT.match(a) for a in args) and len(args) == len(set(args)), fn
    # TF 1.x's own parameters, not ones later releases appended (2.21 put grad_a/grad_b before name)
    assert signatures["tf.matmul"][-2:] == ["output_type", "name"]
    assert signatures["tf.nn.softmax_cross_entropy_with_logits"] == ["labels", "logits", "dim", "name", "axis"]
    assert not [n for n in signatures if n.startswith(("tf.raw_ops.", "tf.compat."))]


def test_json_is_canonical():
    for name in ("renames.json", "keywords.json", "removed_keywords.json", "positional.json"):
        text = (DATA / name).read_text()
        assert text == json.dumps(json.loads(text), indent=1, sort_keys=True) + "\n", name
    sys.path.insert(0, str(DATA.parents[2] / "tools"))
    import gen_rules

    text = (DATA / "signatures.json").read_text()
    assert text == gen_rules.signatures_text(json.loads(text))

"""tools/gen_rules.py's build step on small hand-made dumps (no TensorFlow needed): declared
keyword renames (tools/rule_overrides.py) are checked against the dumped signatures."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import gen_rules  # noqa: E402

POS = "POSITIONAL_OR_KEYWORD"


def _dump(v1_params, v2_params):
    facts = {"kind": "function", "keyword_evidence": {}, "v2_export": ["tf.f"], "v1_export": ["tf.f"],
             "v2_same_object": [], "v1_same_object": []}
    return {"tf_version": "2.99.0", "packages": {},
            "v1": {"tf.f": dict(facts, params=[[n, POS] for n in v1_params])},
            "v2": {"tf.f": {"kind": "function", "params": [[n, POS] for n in v2_params]}},
            "compat_v1_symbols": ["tf.compat.v1.f"]}


def _build(tmp_path, capsys, declared):
    overrides = SimpleNamespace(RENAME_SKIP=set(), RENAME_OVERRIDES={}, KEYWORD_OVERRIDES=declared)
    d = _dump(["x", "old", "name"], ["x", "new", "name"])
    with pytest.raises(SystemExit):  # a two-name API always fails the size and spot checks
        gen_rules.build(d, d, str(tmp_path), overrides)
    return [line for line in capsys.readouterr().err.splitlines() if "KEYWORD_OVERRIDES" in line]


def test_a_declared_rename_of_real_parameters_passes(tmp_path, capsys):
    assert _build(tmp_path, capsys, {"tf.f": {"old": "new"}}) == []


def test_a_declared_rename_of_a_missing_parameter_fails(tmp_path, capsys):
    problems = _build(tmp_path, capsys, {"tf.f": {"gone": "new"}})
    assert problems and "tf.f has no parameter gone" in problems[0]


def test_a_declared_rename_to_a_name_the_v2_function_lacks_fails(tmp_path, capsys):
    problems = _build(tmp_path, capsys, {"tf.f": {"old": "other"}})
    assert problems and "tf.f has no other" in problems[0]


def test_signatures_keep_positional_parameters_and_prefer_the_older_release():
    v1_215 = {"tf.g": {"kind": "function", "params": [["a", POS], ["name", POS], ["k", "KEYWORD_ONLY"]]},
              "tf.raw_ops.G": {"kind": "function", "params": [["a", POS]]}}
    v1_221 = {"tf.g": {"kind": "function", "params": [["a", POS], ["extra", POS], ["name", POS]]},
              "tf.h": {"kind": "class", "params": [["b", POS]]}}
    assert gen_rules.v1_signatures(v1_215, v1_221) == {"tf.g": ["a", "name"], "tf.h": ["b"]}

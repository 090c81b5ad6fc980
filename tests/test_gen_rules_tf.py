"""Checks tools/gen_rules.py against a live TensorFlow.

Needs TensorFlow in this interpreter (tests/tf_env.py): .ci/run's TensorFlow stage
runs it with its TF 2.21 venv's python; without TensorFlow it skips.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tf_env import import_tf  # noqa: E402

pytestmark = pytest.mark.tf
tf = import_tf()

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))
import gen_rules  # noqa: E402

tf1 = tf.compat.v1


def test_keyword_evidence_from_source():
    assert gen_rules.keyword_evidence(tf1.argmax) == {"dimension": "axis"}
    ev = gen_rules.keyword_evidence(tf1.reduce_sum)
    assert ev["keep_dims"] == "keepdims"
    assert ev["reduction_indices"] == "axis"
    assert gen_rules.keyword_evidence(tf1.nn.conv2d).get("filter") == "filters"


def test_dropout_keep_prob_not_a_rename():
    # rate = 1 - keep_prob: value change, must not be reported as a rename.
    assert "keep_prob" not in gen_rules.keyword_evidence(tf1.nn.dropout)


def test_export_names():
    assert gen_rules.export_v2_names(tf1.log)[0] == "tf.math.log"
    assert gen_rules.export_v2_names(tf1.train.AdamOptimizer) == []
    assert gen_rules.export_v1_names(tf1.math.log) == ["tf.math.log", "tf.log"]
    # Instances never inherit their class' export names.
    assert gen_rules.export_v2_names(tf.float32) == []


def test_params():
    names = [n for n, _ in gen_rules._params(tf1.argmax)]
    assert names[:3] == ["input", "axis", "name"]
    var = [n for n, _ in gen_rules._params(tf1.Variable)]
    assert "use_resource" in var and var[0] == "initial_value"


def test_walk_v1_api():
    names = gen_rules.walk_api(tf1, lambda p: p == "compat" or p.startswith("compat."))
    for n in ("log", "placeholder", "train.AdamOptimizer", "nn.conv2d", "math"):
        assert n in names
    assert not [n for n in names if n.startswith("compat.")]


@pytest.fixture(scope="module")
def dumped(tmp_path_factory):
    out = tmp_path_factory.mktemp("dump") / "dump.json"
    gen_rules.dump(str(out))
    return json.loads(out.read_text())


def test_dump_facts(dumped):
    assert dumped["tf_version"] == tf.__version__
    log = dumped["v1"]["tf.log"]
    assert log["kind"] == "function" and log["v2_export"][0] == "tf.math.log"
    assert "tf.math.log" in dumped["v2"]
    assert "tf.placeholder" in dumped["v1"] and "tf.placeholder" not in dumped["v2"]
    assert "tf.compat.v1.placeholder" in dumped["compat_v1_symbols"]
    assert not [n for n in dumped["compat_v1_symbols"] if n.startswith("tf.compat.v1.compat.")]


def test_build_from_live_dump(dumped, tmp_path):
    # Using the same dump for both versions is enough to exercise the merge
    # and its built-in sanity checks.
    res = gen_rules.build(dumped, dumped, str(tmp_path))
    r = res["renames"]["symbols"]
    assert r["tf.log"] == "tf.math.log"
    assert r["tf.placeholder"] == "tf.compat.v1.placeholder"
    assert res["keywords"]["tf.argmax"] == {"metadata": {"dimension": "axis"}}
    assert res["keywords"]["tf.device"] == {"declared": {"device_name_or_function": "device_name"}}
    assert res["positional"]["tf.argmax"]["first_changed"] == 2
    assert res["signatures"]["tf.nn.softmax_cross_entropy_with_logits"][:2] == ["labels", "logits"]
    assert (tmp_path / "symbols" / "v1.txt").exists()

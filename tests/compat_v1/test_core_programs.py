"""The TF1 programs of core_programs.py under the numpy shim vs real TensorFlow's numbers.

References: tests/compat_v1/references/core_programs.json, produced by
`$TF_UPGRADE_TF_PYTHON tools/compat_v1_references.py`, i.e. tensorflow-cpu 2.21 running
`tensorflow.compat.v1` with `disable_eager_execution()` (graph mode). The programs feed or
initialise from seeded numpy arrays, so both runtimes see identical inputs. No TensorFlow here.
"""
import json
import os

import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf

from . import core_programs
from .core_checking import CheckingSession

REFS = os.path.join(os.path.dirname(__file__), "references", "core_programs.json")
RTOL = 1e-5
# Values that are ~0 in one runtime (e.g. cancelling sums) are compared absolutely at float32 noise level.
ATOL = 2e-6


def _load():
    with open(REFS) as f:
        return json.load(f)["results"]


REFERENCES = _load()


def assert_same(actual, expected, path="", rtol=RTOL, atol=ATOL):
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        assert sorted(actual) == sorted(expected), path
        for k in expected:
            assert_same(actual[k], expected[k], "%s.%s" % (path, k), rtol, atol)
    elif isinstance(expected, list) and expected and (isinstance(expected[0], (list, dict, str))
                                                     or isinstance(actual, list) and any(
                                                         isinstance(a, (list, dict)) for a in actual)) \
            and not _is_numeric_nested(expected):
        assert len(actual) == len(expected), path
        for i, (a, e) in enumerate(zip(actual, expected)):
            assert_same(a, e, "%s[%d]" % (path, i), rtol, atol)
    elif isinstance(expected, str):
        assert actual == expected, path
    else:
        a = np.asarray(actual, dtype=np.float64)
        e = np.asarray(expected, dtype=np.float64)
        assert a.shape == e.shape, "%s: shape %s vs %s" % (path, a.shape, e.shape)
        np.testing.assert_allclose(a, e, rtol=rtol, atol=atol, err_msg=path)


def _is_numeric_nested(x):
    try:
        arr = np.asarray(x, dtype=np.float64)
        return arr.dtype != object
    except (ValueError, TypeError):
        return False


@pytest.mark.parametrize("name", sorted(core_programs.PROGRAMS))
def test_program_matches_tensorflow(name):
    actual = core_programs.PROGRAMS[name](tf)
    actual = json.loads(json.dumps(actual))
    assert_same(actual, REFERENCES[name], name)


@pytest.mark.parametrize("name", sorted(core_programs.PROGRAMS))
def test_runtime_values_match_static_dtype_and_shape(name, monkeypatch):
    monkeypatch.setattr(tf, "Session", CheckingSession)
    core_programs.PROGRAMS[name](tf)


@pytest.mark.parametrize("name", ["softmax_classifier", "optimizers", "more_ops"])
def test_interpreted_plans_give_the_same_numbers(name, monkeypatch):
    """Plans larger than CODEGEN_MAX_STEPS run through the step interpreter instead of compiled code."""
    from tf_upgrade.compat_v1 import session as session_module
    monkeypatch.setattr(session_module, "CODEGEN_MAX_STEPS", 0)
    actual = json.loads(json.dumps(core_programs.PROGRAMS[name](tf)))
    assert_same(actual, REFERENCES[name], name)

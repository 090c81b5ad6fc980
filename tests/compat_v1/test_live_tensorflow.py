"""The runtime's numbers against a live TensorFlow 2.21 in graph mode, not only the committed references.

The reference tools run every program under real ``tensorflow.compat.v1`` (eager off) into a
temporary directory, in a TensorFlow python (tests/tf_env.py); this process runs the same
programs under the numpy runtime and compares.  If a TensorFlow release or a reference file
drifts, this says so.
"""
import json
import os
import subprocess
import sys

import pytest

from tf_env import tf_python

from . import test_core_programs, test_programs
from .compare import mismatches

pytestmark = pytest.mark.tf
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _tool(name, args, tmp_path):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", TF_USE_LEGACY_KERAS="1", CUDA_VISIBLE_DEVICES="")
    proc = subprocess.run([tf_python(), os.path.join(ROOT, "tools", name), *args], capture_output=True,
                          text=True, cwd=str(tmp_path), env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.fixture(scope="module")
def live_core(tmp_path_factory):
    out = tmp_path_factory.mktemp("live") / "core_programs.json"
    _tool("compat_v1_references.py", ["--out", str(out)], out.parent)
    with open(out) as f:
        return json.load(f)


@pytest.fixture(scope="module")
def live_programs(tmp_path_factory):
    out = tmp_path_factory.mktemp("live_programs")
    _tool("compat_v1_programs_references.py", ["--out", str(out)], out)
    return {name: json.load(open(out / (name + ".json"))) for name in test_programs.PROGRAMS}


def test_live_tensorflow_is_2_21(live_core):
    assert live_core["tensorflow"].startswith("2.21."), live_core["tensorflow"]


@pytest.mark.parametrize("name", sorted(test_core_programs.core_programs.PROGRAMS))
def test_core_program_matches_live_tensorflow(name, live_core):
    actual = json.loads(json.dumps(test_core_programs.core_programs.PROGRAMS[name](test_core_programs.tf)))
    test_core_programs.assert_same(actual, live_core["results"][name], name)


@pytest.mark.parametrize("name", test_programs.PROGRAMS)
def test_program_matches_live_tensorflow(name, live_programs, tmp_path):
    mod = sys.modules.get("tests.compat_v1.programs." + name) or __import__(
        "tests.compat_v1.programs." + name, fromlist=["run"])
    got = json.loads(json.dumps(mod.run(test_programs.tf, str(tmp_path))))
    ref = test_programs._decode_summaries(live_programs[name])
    got = test_programs._decode_summaries(got)
    problems = mismatches(ref, got)
    assert not problems, "\n".join(problems[:20])

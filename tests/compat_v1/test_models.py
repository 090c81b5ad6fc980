"""Model programs (tests/compat_v1/models: BERT-like encoder, GPT-like decoder, sparse GCN, a GCN written as
TF 0.x code, actor-critic, Estimator loop) run unmodified through `python -m tf_upgrade.compat_v1 program.py OUT` and match the
results real TensorFlow gave (references/models, from tools/compat_v1_models_references.py) to 1e-5.
The `tf`-marked test reruns them under live TensorFlow 2.21 instead of the stored references."""
import json
import os
import subprocess
import sys

import pytest

from tests.tf_env import tf_python

from .compare import mismatches

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODELS = os.path.join(HERE, "models")
PROGRAMS = sorted(f[:-3] for f in os.listdir(MODELS) if f.endswith(".py") and not f.startswith("_"))
NEEDS_ESTIMATOR = {"estimator_loop"}  # tf.estimator is gone from TF 2.16+: its reference is from TF 2.15


def _run_runtime(name, out_dir):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", "tf_upgrade.compat_v1", os.path.join(MODELS, name + ".py"),
                           str(out_dir)], capture_output=True, text=True, cwd=str(out_dir), env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    with open(os.path.join(str(out_dir), "results.json")) as f:
        return json.load(f)


@pytest.mark.slow
@pytest.mark.parametrize("name", PROGRAMS)
def test_program_matches_tensorflow_reference(name, tmp_path):
    with open(os.path.join(HERE, "references", "models", name + ".json")) as f:
        ref = json.load(f)["results"]
    problems = mismatches(ref, _run_runtime(name, tmp_path))
    assert not problems, "\n".join(problems[:20])


@pytest.mark.tf
@pytest.mark.parametrize("name", [p for p in PROGRAMS if p not in NEEDS_ESTIMATOR])
def test_program_matches_live_tensorflow(name, tmp_path):
    python = tf_python()
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    try:
        from compat_v1_models_references import run_under_tf
    finally:
        sys.path.pop(0)
    (tmp_path / "tf").mkdir()
    (tmp_path / "runtime").mkdir()
    ref, _ = run_under_tf(python, name, str(tmp_path / "tf"))
    problems = mismatches(ref, _run_runtime(name, tmp_path / "runtime"))
    assert not problems, "\n".join(problems[:20])

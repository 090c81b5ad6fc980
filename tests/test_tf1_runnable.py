"""The TF 1.x example programs still run after conversion, on a real TensorFlow.

``examples/tf1_runnable/`` holds ten small TF 1.x programs (sessions,
placeholders, tf.layers, summaries, savers, flags, queues, slim, RNN cells,
MonitoredTrainingSession).  Without TensorFlow (CI) only the static checks
run: after conversion every TensorFlow reference exists in the target or is
explained by a rule.  With a TensorFlow python (``tests/tf_env.py``:
``$TF_UPGRADE_TF_PYTHON``, which ``.ci/run`` sets) the converted programs are run in
subprocesses with exactly the requirements the conversion reported
(``TF_USE_LEGACY_KERAS=1`` only where it was asked for), every converted
example module is imported, and the originals are run under TF 1.x semantics
(``tests/tf_runtime/run_as_tf1.py``) to show they are TF 1 programs.
"""
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tf_env import tf_python
from tf_upgrade import upgrade_source
from tf_upgrade.upgrader.check import check_text

ROOT = Path(__file__).resolve().parents[1]
RUNNABLE = sorted((ROOT / "examples" / "tf1_runnable").glob("t*.py"))
ALL_EXAMPLES = sorted((ROOT / "examples").glob("tf1*/*.py"))
AS_TF1 = ROOT / "tests" / "tf_runtime" / "run_as_tf1.py"
# pip requirement -> the module it provides
MODULES = {"absl-py": "absl", "tf_keras": "tf_keras", "tf_slim": "tf_slim"}


def _env(requirements=()):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="", PYTHONHASHSEED="0")
    env.pop("TF_USE_LEGACY_KERAS", None)
    for req in requirements:
        name, eq, value = req.partition("=")
        if eq and name.isupper():  # NAME=value: an environment setting the converted code needs
            env[name] = value
    return env


def test_there_are_ten_runnable_programs():
    assert len(RUNNABLE) == 10


@pytest.mark.parametrize("path", RUNNABLE, ids=[p.stem for p in RUNNABLE])
def test_converted_program_only_references_what_exists_or_is_explained(path):
    result = upgrade_source(path.read_text(), filename=str(path))
    assert result.ok and result.changed
    assert not [d for d in result.diagnostics if d.severity == "error"]
    left = check_text(result.code, str(path)).findings
    assert [f for f in left if not f.needs_tf_keras] == []
    if any(f.needs_tf_keras for f in left):
        assert "TF_USE_LEGACY_KERAS=1" in result.requirements
    assert upgrade_source(result.code, filename=str(path)).code == result.code


# ---- with TensorFlow --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tfpy():
    return tf_python()


@pytest.fixture(scope="module")
def tf_version(tfpy):
    out = subprocess.run([tfpy, "-c", "import tensorflow as tf; print(tf.__version__)"],
                         capture_output=True, text=True, env=_env(), timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    major, minor = out.stdout.strip().split(".")[:2]
    return f"{major}.{minor}"


@pytest.fixture(scope="module")
def converted(tmp_path_factory, tf_version):
    """Every example converted for the installed TensorFlow: name -> (path, requirements, errors)."""
    out_dir = tmp_path_factory.mktemp("converted")
    result = {}
    for path in ALL_EXAMPLES:
        r = upgrade_source(path.read_text(), filename=str(path), target_version=tf_version)
        target = out_dir / path.parent.name / path.name
        target.parent.mkdir(exist_ok=True)
        target.write_text(r.code)
        result[f"{path.parent.name}/{path.name}"] = (target, r.requirements, r.errors)
    return result


def _run(python, args, env, cwd):
    proc = subprocess.run([python] + args, capture_output=True, text=True, env=env, cwd=cwd, timeout=600)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="module")
def runs(converted, tmp_path_factory, tfpy):
    """Run the converted runnable programs (in parallel: each spends seconds importing TensorFlow)."""
    jobs = {}
    for path in RUNNABLE:
        target, requirements, _ = converted[f"tf1_runnable/{path.name}"]
        jobs[path.stem] = (tfpy, [str(target)], _env(requirements), str(tmp_path_factory.mktemp(path.stem)))
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        futures = {name: pool.submit(_run, *job) for name, job in jobs.items()}
        return {name: f.result() for name, f in futures.items()}


@pytest.mark.tf
@pytest.mark.parametrize("path", RUNNABLE, ids=[p.stem for p in RUNNABLE])
def test_converted_program_runs_to_completion(path, runs):
    code, stdout, stderr = runs[path.stem]
    assert code == 0, stderr[-3000:]
    assert f"{path.stem.split('_')[0]} ok" in stdout


@pytest.mark.tf
def test_requirements_delta_names_installable_packages(converted, tfpy):
    needed = set()
    for _, requirements, _ in converted.values():
        needed.update(r for r in requirements if not r.split("=")[0].isupper())
    modules = sorted({MODULES[r.split("~")[0].split("=")[0]] for r in needed})
    code, _, stderr = _run(tfpy, ["-c", "import importlib, sys; [importlib.import_module(m) for m in sys.argv[1:]]"]
                           + modules, _env(), None)
    assert code == 0, stderr[-2000:]


IMPORT = ("import importlib.util, sys\n"
          "spec = importlib.util.spec_from_file_location('converted_example', sys.argv[1])\n"
          "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
          "print('imported')\n")


@pytest.mark.tf
def test_every_converted_example_module_imports(converted, tmp_path, tfpy):
    """Import (not run as __main__), each in its own process, every example that converted without errors."""
    importable = {name: (target, reqs) for name, (target, reqs, errors) in converted.items() if not errors}
    assert len(importable) >= len(ALL_EXAMPLES) - 1  # contrib_usage.py keeps an unconvertible contrib call
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        futures = {name: pool.submit(_run, tfpy, ["-c", IMPORT, str(target)], _env(reqs), str(tmp_path))
                   for name, (target, reqs) in importable.items()}
        failed = {name: f.result()[2][-1500:] for name, f in futures.items() if f.result()[0] != 0}
    assert failed == {}


@pytest.mark.tf
@pytest.mark.parametrize("path", RUNNABLE, ids=[p.stem for p in RUNNABLE])
def test_original_is_a_tf1_program(path, tmp_path, tfpy):
    """The unconverted program runs under TF 1.x semantics (compat.v1 + disable_v2_behavior)."""
    code, stdout, stderr = _run(tfpy, [str(AS_TF1), str(path)], _env(["TF_USE_LEGACY_KERAS=1"]), str(tmp_path))
    assert code == 0, stderr[-3000:]
    assert "ok" in stdout

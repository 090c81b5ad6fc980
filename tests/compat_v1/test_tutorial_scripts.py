"""Tutorial-style TF1 scripts (tests/compat_v1/scripts) run unmodified under the shim, apart from
the import swap and synthetic data. Each runs in its own process with a temp dir as cwd."""
import concurrent.futures
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # every test reads the outcome of a tutorial script run in its own process

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS_DIR = os.path.join(HERE, "scripts")
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPTS = sorted(f for f in os.listdir(SCRIPTS_DIR) if f.endswith(".py"))
# Scripts that use something the shim does not implement; they must fail with a clear error naming it.
EXPECTED_UNSUPPORTED = {"estimator_dnn.py": "tf.feature_column"}


def _run(name, workdir):
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, os.path.join(SCRIPTS_DIR, name)], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=300)
    return proc


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    dirs = {name: str(tmp_path_factory.mktemp(name[:-3])) for name in SCRIPTS}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(_run, name, dirs[name]) for name in SCRIPTS}
        return {name: f.result() for name, f in futures.items()}


@pytest.mark.parametrize("name", SCRIPTS)
def test_script(name, results):
    proc = results[name]
    if name in EXPECTED_UNSUPPORTED:
        assert proc.returncode != 0
        assert "UnsupportedSymbolError" in proc.stderr and EXPECTED_UNSUPPORTED[name] in proc.stderr, proc.stderr
        return
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    assert "RESULT ok" in proc.stdout

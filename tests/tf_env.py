"""Where the TensorFlow-backed tests find TensorFlow.

``TF_UPGRADE_TF_PYTHON`` names a Python that has tensorflow-cpu 2.21 and what
converted code needs (tf_keras, tf_slim, absl-py).  ``.ci/run``'s second stage
creates such a venv and sets it; a developer sets it to run ``pytest -m tf``.

* Unset: a test that needs TensorFlow uses this interpreter when it imports
  tensorflow, and skips otherwise (the README's test command, with no TF).
* Set: such a test never skips.  A path that does not exist, or a Python that
  cannot import tensorflow, fails the test loudly, so CI cannot pass by quietly
  running nothing.

Mark every such test ``@pytest.mark.tf`` (or ``pytestmark = pytest.mark.tf``).
"""
import functools
import os
import subprocess
import sys

import pytest

ENV = "TF_UPGRADE_TF_PYTHON"


@functools.lru_cache(maxsize=None)
def _probe(python):
    """None when `python` imports tensorflow, else why not."""
    if not os.path.exists(python):
        return f"{ENV}={python}: no such file"
    try:
        proc = subprocess.run([python, "-c", "import tensorflow as tf; print(tf.__version__)"],
                              capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{ENV}={python}: {exc}"
    if proc.returncode != 0:
        return f"{ENV}={python} cannot import tensorflow:\n{proc.stderr[-2000:]}"
    return None


@functools.lru_cache(maxsize=None)
def _here_has_tf():
    try:
        import tensorflow  # noqa: F401
    except Exception:
        return False
    return True


def tf_python():
    """The path of a Python with TensorFlow (for subprocess runs); skip or fail as above."""
    python = os.environ.get(ENV)
    if python:
        problem = _probe(python)
        if problem:
            pytest.fail(problem, pytrace=False)
        return python
    if _here_has_tf():
        return sys.executable
    pytest.skip(f"no TensorFlow: set {ENV} to a Python that has tensorflow-cpu 2.21")


def import_tf():
    """TensorFlow imported in this process (for in-process tests); skip or fail as above."""
    if os.environ.get(ENV) or _here_has_tf():
        try:
            import tensorflow as tf
        except Exception as exc:  # set but broken: say so, never skip
            pytest.fail(f"{ENV} is set but this interpreter cannot import tensorflow: {exc!r}", pytrace=False)
        return tf
    pytest.skip(f"no TensorFlow in this interpreter (run the tf-marked tests with {ENV}'s python)",
                allow_module_level=True)

"""The pre-commit hooks of .pre-commit-hooks.yaml, end to end with the real ``pre-commit``.

A temporary git repository's .pre-commit-config.yaml points at this checkout
(its committed HEAD, as pre-commit clones it) and ``git commit`` runs the
hooks.  pre-commit builds the hooks' virtualenv by pip-installing the
checkout, which fetches tf-upgrade's dependencies from the package index:
that takes ~25 s, so it runs in CI (``CI=true``) or when
``TF_UPGRADE_TEST_PRECOMMIT_INSTALL=1``, and is skipped when the index cannot
be reached.  The ``language: system`` variant below always runs the same
hook definitions, with the real pre-commit, against the tf-upgrade installed
here (a few seconds).
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TF1 = "import tensorflow as tf\nx = tf.log(1.0)\n"
TF2 = "import tensorflow as tf\nx = tf.math.log(1.0)\n"
NOTEBOOK = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                       "source": ["import tensorflow as tf\n", "%matplotlib inline\n", "y = tf.log(2.0)"]}],
            "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}

pytestmark = [pytest.mark.slow,  # every test runs pre-commit (a git repository, hook environments)
              pytest.mark.skipif(shutil.which("pre-commit") is None and
                                 subprocess.run([sys.executable, "-c", "import pre_commit"]).returncode != 0,
                                 reason="pre-commit is not installed")]


def _pre_commit_cmd():
    exe = shutil.which("pre-commit")
    return [exe] if exe else [sys.executable, "-m", "pre_commit"]


def _env(home: Path) -> dict:
    env = dict(os.environ)
    env.update(PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com", GIT_CONFIG_GLOBAL=os.devnull,
               GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_COLOR="never")
    env.pop("PRE_COMMIT", None)
    return env


def _git(repo: Path, *args, env, check=True):
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check)


def _project(tmp_path: Path, config: str, env: dict) -> Path:
    repo = tmp_path / "project"
    repo.mkdir()
    _git(repo, "init", "-q", env=env)
    (repo / "train.py").write_text(TF1)
    (repo / "explore.ipynb").write_text(json.dumps(NOTEBOOK, indent=1) + "\n")
    (repo / "clean.py").write_text("print('no tensorflow here')\n")
    (repo / "vendored").mkdir()
    (repo / "vendored" / "old.py").write_text(TF1)  # excluded in pyproject.toml: never touched
    (repo / "pyproject.toml").write_text('[tool.tf-upgrade]\nexclude = ["vendored"]\n')
    (repo / ".pre-commit-config.yaml").write_text(config)
    _git(repo, "add", ".", env=env)
    return repo


@pytest.fixture(scope="module")
def head():
    """The checkout's commit, resolved once so every test shares one hook environment."""
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if rev.returncode != 0:
        pytest.skip("this checkout is not a git repository")
    listed = subprocess.run(["git", "cat-file", "-e", f"{rev.stdout.strip()}:.pre-commit-hooks.yaml"], cwd=ROOT)
    if listed.returncode != 0:
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    return rev.stdout.strip()


def _remote_config(hook_id: str, rev: str) -> str:
    return f"repos:\n- repo: {ROOT}\n  rev: {rev}\n  hooks:\n  - id: {hook_id}\n"


def _local_config(hook_id: str) -> str:
    """The hook exactly as .pre-commit-hooks.yaml defines it, run with the tf-upgrade installed here."""
    yaml = pytest.importorskip("yaml")
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    hook = dict(hooks[hook_id], language="system")
    program, *flags = hook["entry"].split()
    assert program == "tf-upgrade"
    hook["entry"] = " ".join([sys.executable, "-m", "tf_upgrade.cli", *flags])
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]})


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    """One PRE_COMMIT_HOME for the module: the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _install(repo, env):
    out = subprocess.run(_pre_commit_cmd() + ["install"], cwd=repo, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def _commit(repo, env):
    return _git(repo, "commit", "-q", "-m", "change", env=env, check=False)


def _skip_if_env_failed(result):
    text = result.stdout + result.stderr
    if "An unexpected error has occurred" in text or "CalledProcessError" in text:
        pytest.skip("pre-commit could not build the hook environment (offline?):\n" + text[-2000:])


def _check_rewrite_hook(repo, env):
    first = _commit(repo, env)
    _skip_if_env_failed(first)
    assert first.returncode != 0, first.stdout + first.stderr  # the hook changed files: commit refused
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert (repo / "train.py").read_text() == TF2
    assert (repo / "vendored" / "old.py").read_text() == TF1
    nb = json.loads((repo / "explore.ipynb").read_text())
    assert nb["cells"][0]["source"] == ["import tensorflow as tf\n", "%matplotlib inline\n", "y = tf.math.log(2.0)"]
    assert (repo / "explore.ipynb").read_text().startswith('{\n "cells": [')  # the notebook's own indent
    _git(repo, "add", "-u", env=env)
    second = _commit(repo, env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert _git(repo, "status", "--porcelain", env=env).stdout == ""


def _check_check_hook(repo, env):
    first = _commit(repo, env)
    _skip_if_env_failed(first)
    assert first.returncode != 0, first.stdout + first.stderr
    assert (repo / "train.py").read_text() == TF1  # --check never writes
    (repo / "train.py").write_text(TF2)
    nb = json.loads((repo / "explore.ipynb").read_text())
    nb["cells"][0]["source"][-1] = "y = tf.math.log(2.0)"
    (repo / "explore.ipynb").write_text(json.dumps(nb, indent=1) + "\n")
    _git(repo, "add", "-u", env=env)
    second = _commit(repo, env)
    assert second.returncode == 0, second.stdout + second.stderr


@pytest.mark.parametrize("hook_id,check", [("tf-upgrade", _check_rewrite_hook),
                                           ("tf-upgrade-check", _check_check_hook)])
@pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("TF_UPGRADE_TEST_PRECOMMIT_INSTALL")),
                    reason="builds the hook's virtualenv from the package index (~25 s): runs in CI "
                           "(CI=true) or with TF_UPGRADE_TEST_PRECOMMIT_INSTALL=1")
def test_hook_installed_from_this_checkout(tmp_path, pre_commit_home, head, hook_id, check):
    env = _env(pre_commit_home)
    repo = _project(tmp_path, _remote_config(hook_id, head), env)
    _install(repo, env)
    check(repo, env)


@pytest.mark.parametrize("hook_id,check", [("tf-upgrade", _check_rewrite_hook),
                                           ("tf-upgrade-check", _check_check_hook)])
def test_hook_definition_with_installed_tf_upgrade(tmp_path, hook_id, check):
    env = _env(tmp_path / "home")
    repo = _project(tmp_path, _local_config(hook_id), env)
    _install(repo, env)
    check(repo, env)

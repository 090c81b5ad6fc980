"""What a script or CI may rely on: which stream gets what, exit statuses, refused combinations."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tf_upgrade import cli
from tf_upgrade.cli import main

TF1 = "import tensorflow as tf\nx = tf.log(1.0)\n"
# converts cleanly but leaves an error: tf.contrib.training.HParams has no TF 2 form
CANNOT_RUN = "import tensorflow as tf\nhp = tf.contrib.training.HParams(lr=0.1)\n"
REPO = Path(__file__).resolve().parent.parent


def run(*args, input=None):
    kwargs = {"mix_stderr": False} if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else {}
    return CliRunner(**kwargs).invoke(main, [str(a) for a in args], input=input)


def _env():
    env = dict(os.environ, COLUMNS="100", TERM="xterm")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("NO_COLOR", None)
    return env


def _stderr_on_a_terminal(args, cwd=None):
    """Run the CLI with stderr on a pseudo-terminal and stdout to a pipe: (status, stdout, terminal)."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "tf_upgrade.cli", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=slave, env=_env(), cwd=cwd)
    os.close(slave)
    chunks = []
    import threading

    out = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read()))
    reader.start()
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    reader.join()
    os.close(master)
    return proc.returncode, out[0].decode(), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_diff_goes_to_stdout_even_while_a_progress_bar_is_drawn(tmp_path):
    n = cli.PROGRESS_MIN_FILES + 5
    for i in range(n):
        (tmp_path / f"m{i:03d}.py").write_text(TF1)
    code, stdout, terminal = _stderr_on_a_terminal([tmp_path, "--diff", "-j", "1"])
    assert code == 0
    assert "converting" in terminal  # the progress display was there...
    assert stdout.count("+x = tf.math.log(1.0)") == n  # ...and the whole diff still went to stdout
    assert "+x = tf.math.log" not in terminal
    assert f"{n} files checked" in terminal


def test_check_names_each_file_that_would_change_on_stdout(tmp_path):
    (tmp_path / "a.py").write_text(TF1)
    (tmp_path / "b.py").write_text("import tensorflow as tf\nx = tf.math.log(1.0)\n")
    res = run(tmp_path, "--check")
    assert res.exit_code == 1
    assert res.stdout == f"would change: {tmp_path / 'a.py'}\n"
    assert "would change" in res.stderr and "1 would change" in res.stderr
    assert (tmp_path / "a.py").read_text() == TF1


def test_check_fails_on_errors_that_remain_unless_lenient(tmp_path):
    """Converted code that cannot run on the target is not "done": exit 1 (one documented rule)."""
    f = tmp_path / "m.py"
    f.write_text(CANNOT_RUN)
    res = run(f, "--check")
    assert res.exit_code == 1 and res.stdout == ""  # nothing would change, yet an error remains
    assert "TFU110" in res.stderr
    assert run(f, "--check", "--lenient").exit_code == 0
    (tmp_path / "ok.py").write_text("import tensorflow as tf\nx = tf.math.log(1.0)\n")
    assert run(tmp_path / "ok.py", "--check").exit_code == 0
    assert run(f, "--lenient").exit_code == 2  # only meaningful with --check
    assert run("-", "--check", input=CANNOT_RUN).exit_code == 1
    assert run("-", "--check", "--lenient", input=CANNOT_RUN).exit_code == 0


@pytest.mark.parametrize("version", ["2.99", "3", "1.0", "2.16"])
def test_target_version_must_have_tables(tmp_path, version):
    (tmp_path / "m.py").write_text(TF1)
    res = run(tmp_path, "--target-version", version, "--check")
    assert res.exit_code == 2
    assert "supported target versions: 2.15, 2.21, auto" in res.stderr
    res = run("check", tmp_path, "--target-version", version)
    assert res.exit_code == 2 and "2.15, 2.21, auto" in res.stderr
    (tmp_path / "pyproject.toml").write_text(f'[tool.tf-upgrade]\ntarget-version = "{version}"\n')
    res = run(tmp_path, "--check")
    assert res.exit_code == 2 and "2.15, 2.21, auto" in res.stderr


def test_shipped_target_versions_are_accepted(tmp_path):
    (tmp_path / "m.py").write_text(TF1)
    for version in ("2.15", "2.21", "2.21.0", "auto"):
        assert run(tmp_path, "--target-version", version, "--check").exit_code == 1, version


def test_stdin_with_out_dir_is_refused(tmp_path):
    res = run("-", "--out-dir", tmp_path / "out", input=TF1)
    assert res.exit_code == 2 and "--out-dir" in res.stderr
    assert not (tmp_path / "out").exists()


def test_a_path_with_no_python_files_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    res = run(tmp_path / "empty")
    assert res.exit_code == 0
    assert f"no Python files found under {tmp_path / 'empty'}" in res.stderr
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "old.py").write_text(TF1)
    res = run(tmp_path / "proj", "--exclude", "old.py", "--check")
    assert "no Python files found under" in res.stderr and res.exit_code == 0
    res = run("check", tmp_path / "proj", "--exclude", "old.py")
    assert "no Python files found under" in res.stderr


@pytest.mark.slow
def test_compat_v1_supported_list_into_a_closed_pipe():
    proc = subprocess.run(f"{sys.executable} -m tf_upgrade.compat_v1 --supported | head -1", shell=True,
                          capture_output=True, text=True, env=_env())
    assert proc.stdout.startswith("tf (")
    assert "BrokenPipeError" not in proc.stderr and "Traceback" not in proc.stderr

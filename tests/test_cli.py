"""The command line: rewriting, --diff, --check, --out-dir, stdin, bad files among good ones."""
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tf_upgrade.cli import main

TF1 = "import tensorflow as tf\nx = tf.log(1.0)\n"
TF2 = "import tensorflow as tf\nx = tf.math.log(1.0)\n"
PY2 = "import tensorflow as tf\nprint 'hello'\n"


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text(TF1)
    (tmp_path / "pkg" / "b.py").write_text(PY2)
    (tmp_path / "pkg" / "c.py").write_text("x = 1\n")
    (tmp_path / "pkg" / "notes.txt").write_text("tf.log\n")
    (tmp_path / "pkg" / ".venv").mkdir()
    (tmp_path / "pkg" / ".venv" / "d.py").write_text(TF1)
    return tmp_path / "pkg"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def test_rewrites_in_place_and_continues_past_a_python2_file(tree):
    res = run(tree)
    assert (tree / "a.py").read_text() == TF2
    assert (tree / "b.py").read_text() == PY2  # untouched
    assert (tree / ".venv" / "d.py").read_text() == TF1  # excluded by default
    assert res.exit_code == 1  # something was skipped
    assert f"{tree / 'b.py'}:2:" in res.output and "TFU001" in res.output
    assert "3 files checked, 1 changed" in res.output


def test_diff_writes_nothing(tree):
    res = run(tree / "a.py", "--diff")
    assert res.exit_code == 0
    assert "-x = tf.log(1.0)" in res.output and "+x = tf.math.log(1.0)" in res.output
    assert (tree / "a.py").read_text() == TF1


def test_check_exit_codes(tree):
    assert run(tree / "a.py", "--check").exit_code == 1
    assert (tree / "a.py").read_text() == TF1
    run(tree / "a.py")
    assert run(tree / "a.py", "--check").exit_code == 0


def test_out_dir_copies_tree(tree, tmp_path):
    out = tmp_path / "out"
    res = run(tree, "--out-dir", out)
    assert (out / "a.py").read_text() == TF2
    assert (out / "c.py").read_text() == "x = 1\n"
    assert (out / "notes.txt").read_text() == "tf.log\n"
    assert (tree / "a.py").read_text() == TF1
    assert res.exit_code == 1  # b.py could not be converted (and was copied unchanged)


def test_out_dir_inside_source_is_refused(tree):
    res = run(tree, "--out-dir", tree / "converted")
    assert res.exit_code == 2 and "inside the source tree" in res.output


def test_stdin_to_stdout():
    res = run("-", input=TF1)
    assert res.exit_code == 0 and res.stdout == TF2


def test_usage_errors_exit_2(tmp_path):
    assert run().exit_code == 2
    assert run(tmp_path / "missing.py").exit_code == 2
    assert run("--bogus-flag", tmp_path).exit_code == 2
    assert run(tmp_path, "--target-version", "banana").exit_code == 2


def test_list_rules():
    res = run("--list-rules")
    assert res.exit_code == 0 and "TFU101" in res.output and "[safe]" in res.output


def test_crlf_file_keeps_its_line_endings(tmp_path):
    f = tmp_path / "w.py"
    f.write_bytes(TF1.replace("\n", "\r\n").encode())
    run(f)
    assert f.read_bytes() == TF2.replace("\n", "\r\n").encode()


def test_mode_bits_are_kept(tmp_path):
    f = tmp_path / "script.py"
    f.write_text(TF1)
    os.chmod(f, 0o755)
    run(f)
    assert f.read_text() == TF2 and (os.stat(f).st_mode & 0o777) == 0o755


def test_console_script_runs():
    out = subprocess.run([sys.executable, "-m", "tf_upgrade.cli", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "tf-upgrade" in out.stdout


def test_modes_and_import_flags_end_to_end():
    src = "import tensorflow as tf\ny = tf.nn.dropout(x, 0.5)\nz = tf.to_float(y)\n"
    assert run("-", "--mode", "safety", input=src).stdout == src.replace(
        "import tensorflow as tf", "import tensorflow.compat.v1 as tf")
    out = run("-", "--import-rename", input=src).stdout
    assert out.startswith("import tensorflow.compat.v2 as tf\n") and "tf.cast(y, tf.float32)" in out
    v1 = "import tensorflow.compat.v1 as tf\nz = tf.to_float(y)\n"
    assert run("-", input=v1).stdout == v1
    assert run("-", "--upgrade-compat-v1-import", input=v1).stdout == "import tensorflow as tf\nz = tf.cast(y, tf.float32)\n"


def test_unsafe_fixes_flag_applies_unsafe_rules_only_when_given():
    from tf_upgrade.rules import load_all

    unsafe = [r for r in load_all().rules.values() if r.fix == "unsafe"]
    assert unsafe  # the class exists and is exercised by its fixtures
    src = "import tensorflow as tf\nh = tf.layers.dense(x, 8)\n"
    plain, forced = run("-", input=src), run("-", "--unsafe-fixes", input=src)
    assert "suggested:" in plain.output and plain.stdout != forced.stdout

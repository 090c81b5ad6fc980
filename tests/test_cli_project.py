"""Rule selection, suppression comments, `tf-upgrade rule`, the closing summary and the progress bar."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import tf_upgrade.cli as cli
from tf_upgrade import upgrade_source
from tf_upgrade.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


# ---- suppression comments -------------------------------------------------------------------

SUPPRESSED = """import tensorflow as tf
a = tf.log(x)  # tf-upgrade: ignore
b = tf.log(x)  # tf-upgrade: ignore[TFU101]
c = tf.log(x)  # tf-upgrade: ignore[TFU110]
d = tf.contrib.foo()  # tf-upgrade: ignore[TFU110]
e = tf.contrib.foo()  # tf-upgrade:ignore[TFU1]
f = tf.nn.dropout(tf.log(x), keep_prob=0.5)  # tf-upgrade: ignore[TFU201, TFU999]
g = tf.contrib.foo()
"""


def test_suppression_comments_silence_fixes_and_diagnostics_on_their_line():
    r = upgrade_source(SUPPRESSED)
    lines = r.code.splitlines()
    assert lines[1:3] == SUPPRESSED.splitlines()[1:3]  # bare ignore, and ignore of the rule itself
    assert lines[3] == "c = tf.math.log(x)  # tf-upgrade: ignore[TFU110]"  # another rule: still fixed
    assert lines[4:6] == SUPPRESSED.splitlines()[4:6]
    assert "keep_prob=0.5" in lines[6] and "tf.math.log(x)" in lines[6]  # only TFU201 suppressed
    assert [(d.rule, d.line) for d in r.diagnostics] == [("TFU110", 8)]


def test_suppression_is_per_line():
    r = upgrade_source("import tensorflow as tf\n# tf-upgrade: ignore\na = tf.log(x)\n")
    assert "tf.math.log" in r.code


# ---- --select / --ignore ------------------------------------------------------------------------

TF1 = "import tensorflow as tf\nx = tf.log(1.0)\ny = tf.nn.dropout(x, keep_prob=0.5)\nz = tf.contrib.foo()\n"


@pytest.mark.parametrize("args,renamed,dropout,contrib", [
    ([], True, True, True),
    (["--select", "TFU1"], True, False, True),
    (["--select", "tfu2"], False, True, False),
    (["--select", "TFU101,TFU110"], True, False, True),
    (["--ignore", "TFU11"], True, True, False),
    (["--select", "TFU1", "--ignore", "TFU101"], False, False, True),
])
def test_select_and_ignore_by_id_or_prefix(args, renamed, dropout, contrib):
    res = run("-", *args, input=TF1)
    assert ("tf.math.log" in res.stdout) == renamed
    assert ("keep_prob" not in res.stdout) == dropout
    assert ("TFU110" in res.stderr) == contrib


# ---- tf-upgrade rule --------------------------------------------------------------------------

def test_rule_explains_with_fixture_examples():
    res = run("rule", "TFU102")
    assert res.exit_code == 0
    out = res.output
    assert out.startswith("TFU102 keyword-rename\n")
    assert "Fix class: safe" in out and "Why:" in out
    assert "Examples (from tests/fixtures/TFU102/):" in out
    case = sorted(p for p in (ROOT / "tests" / "fixtures" / "TFU102").glob("*.expected.py"))[0]
    before = case.with_name(case.name.replace(".expected", "")).read_text().splitlines()
    after = case.read_text().splitlines()
    assert "  before:\n" + "\n".join("    " + line for line in before[:5]) in out
    assert "  after:\n" + "\n".join("    " + line for line in after[:5]) in out


def test_rule_shows_refused_cases_with_their_reports():
    out = run("rule", "TFU001").output
    assert "after: unchanged" in out and "reports:\n    line " in out and "error TFU001 cannot parse as Python 3" in out


def test_rule_by_name_and_by_prefix():
    assert run("rule", "keyword-rename").output.startswith("TFU102 keyword-rename")
    listing = run("rule", "TFU10").output
    assert "TFU101" in listing and "TFU102" in listing and "Why:" not in listing


def test_unknown_rule_is_a_usage_error():
    res = run("rule", "TFU999")
    assert res.exit_code == 2 and "--list-rules" in res.output


# ---- summary and progress -----------------------------------------------------------------------

def _tree(root: Path, n: int) -> Path:
    root.mkdir(exist_ok=True)
    for i in range(n):
        (root / f"m{i:03d}.py").write_text(TF1)
    return root


def test_summary_counts_fixes_and_manual_work(tmp_path):
    res = run(_tree(tmp_path / "t", 3), "--check")
    lines = res.output.splitlines()
    assert "3 files checked, 3 would change, 3 errors, 0 warnings" in lines
    assert any(line.startswith("fixable automatically: ") and "TFU101 x3" in line for line in lines)
    written = run(tmp_path / "t").output.splitlines()
    assert any(line.startswith("fixed automatically: ") and "TFU101 x3" in line for line in written)
    assert "needs hands: 3 places in 3 files (TFU110 x3)" in lines


def test_quiet_prints_errors_only(tmp_path):
    res = run(_tree(tmp_path / "t", 2), "--check", "--quiet")
    assert "TFU110" in res.output and "files checked" not in res.output


def _run_with_stderr_on_a_terminal(args):
    """Run the CLI with stderr on a pseudo-terminal; returns what the terminal received."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS="100", TERM="xterm")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "tf_upgrade.cli", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_only(tmp_path):
    tree = _tree(tmp_path / "many", cli.PROGRESS_MIN_FILES + 5)
    code, terminal = _run_with_stderr_on_a_terminal([tree, "--check", "-j", "1"])
    assert code == 1
    assert "converting" in terminal and f"/{cli.PROGRESS_MIN_FILES + 5}" in terminal
    assert "\x1b[" in terminal  # coloured summary
    _, quiet = _run_with_stderr_on_a_terminal([tree, "--check", "-j", "1", "--quiet"])
    assert "converting" not in quiet
    piped = subprocess.run([sys.executable, "-m", "tf_upgrade.cli", str(tree), "--check", "-j", "1"],
                           capture_output=True, text=True)
    assert "converting" not in piped.stderr and "\x1b[" not in piped.stderr
    assert f"{cli.PROGRESS_MIN_FILES + 5} files checked" in piped.stderr


def test_stdin_summary_goes_to_stderr_only():
    res = run("-", input=TF1)
    assert res.stdout.startswith("import tensorflow as tf\nx = tf.math.log(1.0)")
    assert "files checked" not in res.stdout and "1 file checked, 1 changed" in res.stderr
    assert "file checked" not in run("-", "--quiet", input=TF1).stderr

"""Rule ids select exactly their rule; suppressions cover multi-line calls; a second run reports what
the code still needs; repeated diagnostics are grouped; reports name the files that (would) change;
a file edited during the run keeps the edit."""
import json
import re
import textwrap
from pathlib import Path

from click.testing import CliRunner

from tf_upgrade import upgrade_source
from tf_upgrade.cli import main
from tf_upgrade.upgrader import file_job
from tf_upgrade.upgrader.report import RunResult, render
from tf_upgrade.upgrader.result import Settings

GRAPH = textwrap.dedent("""\
    import tensorflow as tf

    x = tf.placeholder(tf.float32, [None, 2])
    y = tf.log(x)
    with tf.Session() as sess:
        sess.run(y)
""")


def run(*args, input=None):
    kwargs = {"mix_stderr": False} if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else {}
    return CliRunner(**kwargs).invoke(main, [str(a) for a in args], input=input)


# ---- rule ids select exactly the rule they name --------------------------------------------------

def test_ignoring_the_rename_rule_keeps_the_compat_fallback():
    r = upgrade_source(GRAPH, ignore=["TFU101"])
    assert "tf.compat.v1.placeholder" in r.code and "tf.compat.v1.Session" in r.code
    assert "tf.log(x)" in r.code  # TFU101 itself is off
    assert "TFU104" in r.fixes and "TFU101" not in r.fixes


def test_selecting_the_compat_fallback_runs_it_alone():
    r = upgrade_source(GRAPH, select=["TFU104"])
    assert r.changed and set(r.fixes) == {"TFU104"}
    assert "tf.compat.v1.placeholder" in r.code and "tf.log(x)" in r.code
    assert "disable_eager_execution" not in r.code  # TFU340 was not selected


def test_no_graph_mode_switch_for_graph_code_the_run_does_not_convert():
    r = upgrade_source(GRAPH, ignore=["TFU104"])
    assert "tf.placeholder(" in r.code and "tf.Session()" in r.code
    assert "disable_eager_execution" not in r.code  # it would not make tf.placeholder run
    assert "tf.math.log(x)" in r.code
    # still needed where graph-only code runs after the rewrite: tf.gradients exists in TF 2
    r = upgrade_source(GRAPH + "g = tf.gradients(y, x)\n", ignore=["TFU104"])
    assert "disable_eager_execution" in r.code
    r = upgrade_source(GRAPH)
    assert "tf.compat.v1.disable_eager_execution()" in r.code


def test_rule_help_says_what_a_fix_depends_on():
    out = run("rule", "TFU340").stdout
    assert "Depends on: TFU104 (compat-v1-fallback)" in out


def test_an_ignore_comment_on_a_continuation_line_covers_the_call():
    text = ("import tensorflow as tf\n"
            "z = tf.reduce_sum(tf.log(x),\n"
            "                  axis=1)  # tf-upgrade: ignore\n"
            "y = tf.nn.dropout(x,\n"
            "                  keep_prob=0.5)  # tf-upgrade: ignore[TFU201]\n"
            "w = tf.log(y)\n")
    r = upgrade_source(text)
    lines = r.code.splitlines()
    assert lines[1] == "z = tf.reduce_sum(tf.log(x),"  # left alone
    assert "keep_prob=0.5" in r.code and "rate=" not in r.code  # the dropout fix held back
    assert lines[-1] == "w = tf.math.log(y)"  # the next statement is not covered


# ---- a second run reports what the code still needs ----------------------------------------------

RERUN = textwrap.dedent("""\
    import tensorflow as tf
    import tensorflow.contrib.slim as slim

    tf.flags.DEFINE_integer("steps", 3, "Steps.")
    FLAGS = tf.flags.FLAGS


    def main(_):
        w = tf.get_variable("w", [2, 2])
        net = slim.fully_connected(w, 2)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            saver.save(sess, "/tmp/x")


    if __name__ == "__main__":
        tf.app.run(main)
""")


def test_a_second_run_keeps_requirements_and_review_notes():
    first = upgrade_source(RERUN)
    second = upgrade_source(first.code)
    assert not second.changed
    assert {"absl-py", "tf_slim"} <= set(first.requirements)
    assert set(first.requirements) <= set(second.requirements)
    notes = lambda r: {d.rule for d in r.diagnostics if d.rule in ("TFU401", "TFU404")}  # noqa: E731
    assert notes(first) == {"TFU401", "TFU404"} == notes(second)


def test_the_summary_of_a_rerun_still_lists_the_requirements(tmp_path):
    f = tmp_path / "train.py"
    f.write_text(RERUN)
    assert run(f).exit_code == 0
    res = run(f, "--check", "--no-cache")
    assert "converted code needs: absl-py, tf_slim" in res.stderr
    assert "TFU401" in res.stderr and "TFU404" in res.stderr


# ---- repeated diagnostics ------------------------------------------------------------------------

def test_repeated_diagnostics_are_grouped_in_the_summary_and_kept_in_reports(tmp_path):
    for i in range(6):
        (tmp_path / f"m{i}.py").write_text("import tensorflow as tf\nv = tf.Variable(1.0)\n")
    report = tmp_path / "r.json"
    res = run(tmp_path, "--check", "--report", report, "-j", "1")
    printed = [line for line in res.stderr.splitlines() if ": warning TFU401 " in line]
    assert len(printed) == 3  # the first three places, in full
    group = [line for line in res.stderr.splitlines() if line.startswith("6 x warning TFU401 ")]
    assert len(group) == 1
    assert f"first at {tmp_path / 'm0.py'}:2:5, {tmp_path / 'm1.py'}:2:5, {tmp_path / 'm2.py'}:2:5" in group[0]
    doc = json.loads(report.read_text())
    assert sum(d["rule"] == "TFU401" for f in doc["files"] for d in f["diagnostics"]) == 6
    res = run(tmp_path, "--check", "--quiet")  # errors only, all of them: nothing to group
    assert "TFU401" not in res.stderr


# ---- reports name the files that would change ------------------------------------------------------

def _check_run(tmp_path):
    a = file_job.FileResult(path="pkg/a.py", changed=True, fixes={"TFU101": 1})
    b = file_job.FileResult(path="pkg/b.py")
    return RunResult(files=[a, b], settings=Settings(), action="check")


def test_every_report_format_lists_the_files_that_would_change(tmp_path):
    run_result = _check_run(tmp_path)
    md = render(run_result, "md")
    assert "## Files that would change\n\n- `pkg/a.py`" in md and "`pkg/b.py`" not in md
    html = render(run_result, "html")
    assert "<h2>Files that would change</h2><ul>\n<li><code>pkg/<wbr>a.py</code></li>" in html
    assert "would change" in html and ">changed<" not in html  # a --check run changes nothing
    text = render(run_result, "text")
    assert "would change: pkg/a.py" in text and "pkg/b.py" not in text
    sarif = json.loads(render(run_result, "sarif"))
    props = sarif["runs"][0]["invocations"][0]["properties"]
    assert props["changedFiles"] == ["pkg/a.py"] and props["changesWritten"] is False
    doc = json.loads(render(run_result, "json"))
    assert [f["path"] for f in doc["files"] if f["changed"]] == ["pkg/a.py"]
    wrote = RunResult(files=run_result.files, settings=Settings(), action="rewrite")
    assert "## Files changed" in render(wrote, "md") and ">changed<" in render(wrote, "html")


def test_html_report_is_built_for_narrow_screens():
    """The structure a phone needs (checked in a real browser too: see docs/report-schema.md)."""
    run_result = _check_run(None)
    run_result.files[0].diagnostics = []
    html = render(run_result, "html")
    css = html[html.index("<style>"):html.index("</style>")]
    narrow = css[css.index("@media (max-width:40rem)"):]
    # tables stack into labelled rows instead of scrolling sideways
    assert "table,thead,tbody,tr,th,td{display:block}" in narrow and "content:attr(data-label)" in narrow
    assert "<svg" not in html  # the chart is text at the page's size, not a scaled-down drawing
    assert "word-break:break-all" not in css  # paths wrap after a '/', not mid-word
    assert "overflow-x:auto" not in css


# ---- a file edited while the tool runs ---------------------------------------------------------------

def test_a_file_edited_between_read_and_write_keeps_the_edit(tmp_path, monkeypatch):
    target = tmp_path / "m.py"
    other = tmp_path / "n.py"
    target.write_text("import tensorflow as tf\nx = tf.log(1.0)\n")
    other.write_text("import tensorflow as tf\ny = tf.log(2.0)\n")
    edited = "import tensorflow as tf\nx = tf.log(1.0)\n# saved from the editor meanwhile\n"
    real = file_job.convert_text

    def convert_while_someone_saves(path, text, settings):
        result = real(path, text, settings)
        if path.endswith("m.py"):
            target.write_text(edited)  # the editor saves while the conversion runs
        return result

    monkeypatch.setattr(file_job, "convert_text", convert_while_someone_saves)
    res = run(tmp_path, "-j", "1", "--no-cache")
    assert target.read_text() == edited  # the edit is kept, not overwritten by the old conversion
    assert other.read_text() == "import tensorflow as tf\ny = tf.math.log(2.0)\n"
    assert res.exit_code == 1
    assert re.search(r"m\.py:1:1: error TFU\d+ .*changed while it was being converted", res.stderr)


def test_same_size_same_mtime_edit_is_caught_by_the_content_hash(tmp_path, monkeypatch):
    import os

    target = tmp_path / "m.py"
    target.write_text("import tensorflow as tf\nx = tf.log(1.0)\n")
    real = file_job.convert_text

    def sneaky(path, text, settings):
        result = real(path, text, settings)
        st = os.stat(path)
        Path(path).write_text("import tensorflow as tf\nx = tf.log(9.0)\n")  # same size
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime
        return result

    monkeypatch.setattr(file_job, "convert_text", sneaky)
    r = file_job.process_file(str(target), file_job.Job(settings=Settings()))
    assert not r.ok and not r.written and "its content differs" in r.diagnostics[-1].message
    assert target.read_text() == "import tensorflow as tf\nx = tf.log(9.0)\n"

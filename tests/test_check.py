"""`tf-upgrade check`: a dry run of the rewrite; each missing reference fixable (with the code the
rewrite writes), explained by the diagnostic the rewrite gives, or held back on purpose."""
import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from tf_upgrade import upgrade_source
from tf_upgrade.cli import main
from tf_upgrade.upgrader.check import FIXABLE, KEPT, MANUAL, check_text
from tf_upgrade.upgrader.result import Settings

REPO = Path(__file__).resolve().parent.parent
TF1 = textwrap.dedent("""\
    import tensorflow as tf
    import tensorflow.contrib.slim as slim

    tf.flags.DEFINE_integer("steps", 3, "Steps.")
    x = tf.placeholder(tf.float32, [None, 2])
    h = tf.layers.dense(x, 4)
    net = slim.fully_connected(h, 2)
    est = tf.estimator.Estimator(model_fn=None)
    hp = tf.contrib.training.HParams(lr=0.1)
    tf.bogus_name(x)
    y = tf.to_float(x)
    tf.logging.info("x")
    z = tf.multinomial(x, 2)
""")


def run(*args, input=None):
    kwargs = {"mix_stderr": False} if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else {}
    return CliRunner(**kwargs).invoke(main, [str(a) for a in args], input=input)


def _findings(text, target=(2, 21), **settings):
    return {f.qualname: f for f in check_text(text, "x.py", Settings(target_version=target, **settings)).findings}


def test_each_missing_reference_is_what_the_rewrite_does_with_it():
    by_name = _findings(TF1)
    flags = by_name["tf.flags.DEFINE_integer"]
    assert (flags.status, flags.rule, flags.suggestion) == (FIXABLE, "TFU310", "writes flags.DEFINE_integer")
    # what the rewrite writes, not a table of check's own: tf.cast, absl logging, tf.random.categorical
    assert by_name["tf.to_float"].suggestion == "writes tf.cast(x, tf.float32)"
    assert by_name["tf.logging.info"].suggestion == "writes logging.info"
    assert "tf.random.categorical" in by_name["tf.multinomial"].suggestion
    assert by_name["tf.placeholder"].suggestion == "writes tf.compat.v1.placeholder"
    assert by_name["tf.contrib.slim"].suggestion == "writes tf_slim"
    through = by_name["tf.contrib.slim.fully_connected"]
    assert through.status == FIXABLE and through.suggestion.startswith("through its import, line 2: ")
    est = by_name["tf.estimator.Estimator"]
    assert est.status == MANUAL and est.rule == "TFU330" and "2.16" in est.why
    hp = by_name["tf.contrib.training.HParams"]
    assert hp.status == MANUAL and hp.rule == "TFU110" and "dataclass" in hp.why
    assert by_name["tf.bogus_name"].status == MANUAL and by_name["tf.bogus_name"].rule == "TFU111"
    assert by_name["tf.layers.dense"].suggestion == "writes tf.compat.v1.layers.dense"


def test_module_attributes_and_the_package_itself_are_not_missing():
    # reduced from TF Addons' version checks and conftest: tf.__version__ and a bare `tf` passed
    # as a value were reported as missing in TensorFlow 2.21 (errors, exit 1)
    text = textwrap.dedent("""\
        import tensorflow as tf

        MIN_TF = tf.__version__.split(".")[:2]
        namespace = {"tf": tf, "name": tf.nn.__name__}
        bogus = tf.nn.no_such_op.__doc__
    """)
    found = _findings(text)
    assert set(found) == {"tf.nn.no_such_op.__doc__"}, found
    assert found["tf.nn.no_such_op.__doc__"].missing == "tf.nn.no_such_op"


def test_compat_v2_code_is_checked_as_tf2_code():
    # tensorflow.compat.v2 is TF 2's tf, plus enable_v2_behavior; its Keras 2 names are what the
    # rewrite fixes (before, the rewrite saw tf.compat.v2.keras... and left them to fail on 2.21)
    text = textwrap.dedent("""\
        import tensorflow.compat.v2 as tf

        tf.enable_v2_behavior()
        base = tf.keras.optimizers.experimental.Optimizer
    """)
    found = _findings(text)
    assert set(found) == {"tf.compat.v2.keras.optimizers.experimental.Optimizer"}, found
    base = found["tf.compat.v2.keras.optimizers.experimental.Optimizer"]
    assert (base.status, base.rule, base.suggestion) == (FIXABLE, "TFU365", "writes tf.keras.optimizers.Optimizer")


def test_uses_of_a_private_module_are_explained_by_its_import():
    # reduced from TF 2 test modules decorating tests with tensorflow.python's test_util: the
    # private-module warning is given once, at the import, and explains every use
    text = textwrap.dedent("""\
        import tensorflow as tf
        from tensorflow.python.framework import test_util


        @test_util.run_v1_only("graph")
        def test_graph():
            return tf.constant(1)
    """)
    found = _findings(text)
    use = found["tf.python.framework.test_util.run_v1_only"]
    assert (use.status, use.rule) == (MANUAL, "TFU112"), use
    assert "private TensorFlow module" in use.why


def test_a_name_the_rewrite_keeps_is_not_fixable_even_below_an_inserted_line():
    text = ("import tensorflow.compat.v1 as tf\n"
            "x = tf.placeholder(tf.float32, [None, 3])\n"
            "y = tf.layers.dense(x, 2)\n"
            "with tf.Session() as sess:\n"
            "    sess.run(y)\n")
    assert "disable_eager_execution" in upgrade_source(text).code  # lines move down in the output
    dense = _findings(text)["tf.compat.v1.layers.dense"]
    assert dense.status == "tf_keras" and not dense.suggestion


def test_target_2_15_keeps_the_estimator():
    names = _findings(TF1, (2, 15))
    assert "tf.estimator.Estimator" not in names and "tf.placeholder" in names


def test_converted_code_has_only_explained_references_left():
    out = upgrade_source(TF1, filename="x.py").code
    left = _findings(out)
    assert {q for q, f in left.items() if f.missing} == {
        "tf.estimator.Estimator", "tf.contrib.training.HParams", "tf.bogus_name"}
    assert all(f.status == MANUAL for f in left.values() if f.missing)
    assert [q for q, f in left.items() if f.needs_tf_keras] == ["tf.compat.v1.layers.dense"]


def test_suppressed_and_ignored_references_are_kept_on_purpose_not_failures(tmp_path):
    text = ("import tensorflow as tf\n"
            "y = tf.log(x)  # tf-upgrade: ignore[TFU101]\n"
            "hp = tf.contrib.training.HParams(lr=0.1)  # tf-upgrade: ignore\n")
    by_name = _findings(text)
    assert by_name["tf.log"].status == KEPT and by_name["tf.log"].rule == "TFU101"
    assert by_name["tf.contrib.training.HParams"].status == KEPT
    f = tmp_path / "m.py"
    f.write_text(text)
    res = run("check", f)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "2 kept on purpose" in res.stderr
    # the config's ignore holds a rule back for check as for the rewrite
    g = tmp_path / "g.py"
    g.write_text("import tensorflow as tf\nhp = tf.contrib.training.HParams(lr=0.1)\n")
    assert run("check", g).exit_code == 1
    # (with TFU110 off, the rewrite reports tf.contrib as unknown: TFU111)
    (tmp_path / "pyproject.toml").write_text('[tool.tf-upgrade]\nignore = ["TFU110", "TFU111"]\n')
    res = run("check", g)
    assert res.exit_code == 0 and "kept on purpose (TFU110 is not selected" in res.stdout
    (tmp_path / "pyproject.toml").write_text('[tool.tf-upgrade]\nper-file-ignores = { "g.py" = ["TFU11"] }\n')
    assert run("check", g).exit_code == 0
    (tmp_path / "pyproject.toml").write_text('[tool.tf-upgrade]\nignore = ["TFU11"]\n')
    assert run("check", g, "--ignore", "TFU112").exit_code == 1  # flags override the file's ignore...
    (tmp_path / "pyproject.toml").write_text('[tool.tf-upgrade]\nexclude = ["g.py", "m.py"]\n')
    res = run("check", tmp_path)  # ...and its exclude: the same discovery as the main command
    assert res.exit_code == 0 and "no Python files found" in res.stderr


def test_check_uses_the_configured_target_and_gitignore(tmp_path):
    import subprocess

    (tmp_path / "m.py").write_text("import tensorflow as tf\nest = tf.estimator.Estimator\n")
    assert run("check", tmp_path / "m.py").exit_code == 1
    (tmp_path / "pyproject.toml").write_text('[tool.tf-upgrade]\ntarget-version = "2.15"\n')
    res = run("check", tmp_path / "m.py")
    assert res.exit_code == 0 and "missing in TensorFlow 2.15" in res.stderr
    if subprocess.run(["git", "--version"], capture_output=True).returncode != 0:
        pytest.skip("no git")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "old.py").write_text("import tensorflow as tf\nx = tf.placeholder(tf.float32)\n")
    (tmp_path / ".gitignore").write_text("gen/\n")
    res = run("check", tmp_path)
    assert res.exit_code == 0 and "1 file checked" in res.stderr
    res = run("check", tmp_path, "--no-respect-gitignore")
    assert res.exit_code == 1 and "2 files checked" in res.stderr and "old.py" in res.stdout


def test_check_reads_notebooks(tmp_path):
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# x"]},
                    {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                     "source": ["import tensorflow as tf\n", "%matplotlib inline\n"]},
                    {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                     "source": ["x = tf.placeholder(tf.float32)\n", "s = tf.Session()"]}],
          "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.ipynb").write_text(json.dumps(nb))
    res = run("check", src)
    assert res.exit_code == 1
    assert "1 file checked: 2 references missing" in res.stderr
    # path:line:col with the line counted in the notebook's code; the cell named after it
    assert f"{src / 'a.ipynb'}:3:5: (cell 3, line 1) error tf.placeholder" in res.stdout
    converted = tmp_path / "out"
    assert run(src, "--out-dir", converted).exit_code == 0
    res = run("check", converted)
    assert "(0 fixable by `tf-upgrade`" in res.stderr


def test_tf_gfile_is_attributed_to_the_rule_that_rewrites_it_in_default_mode():
    f = _findings("import tensorflow as tf\nf = tf.gfile.GFile('x')\n")["tf.gfile.GFile"]
    assert f.status == FIXABLE and f.rule != "TFU121" and f.suggestion == "writes tf.io.gfile.GFile"
    f = _findings("import tensorflow as tf\nf = tf.gfile.GFile('x')\n", mode="safety")["tf.gfile.GFile"]
    assert f.rule == "TFU121" and "tensorflow.compat.v1" in f.suggestion


@pytest.mark.parametrize("bad_version", ["two", "x.y"])
def test_cli_check_rejects_bad_target(tmp_path, bad_version):
    (tmp_path / "m.py").write_text("import tensorflow as tf\n")
    res = CliRunner().invoke(main, ["check", "--target-version", bad_version, str(tmp_path / "m.py")])
    assert res.exit_code == 2


def test_cli_check_auto_target(tmp_path):
    (tmp_path / "requirements.txt").write_text("tensorflow>=2.4,<2.16\n")
    (tmp_path / "m.py").write_text("import tensorflow as tf\nest = tf.estimator.Estimator\n")
    res = run("check", "--target-version", "auto", tmp_path / "m.py")
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "2.15" in res.stderr
    assert run("check", tmp_path / "m.py").exit_code == 1


# ---- one source of truth: on every TF 1.x tree we ship ---------------------------------------

TREES = [REPO / "tests" / "corpus" / "tf1", REPO / "examples" / "tf1", REPO / "examples" / "tf1_runnable"]


@pytest.mark.slow
@pytest.mark.parametrize("tree", TREES, ids=[str(t.relative_to(REPO)) for t in TREES])
def test_check_agrees_with_the_rewrite(tree, tmp_path):
    """On the originals, every suggestion check prints is what the rewrite writes there; on the
    rewrite's output, check finds nothing left that tf-upgrade could fix."""
    res = run("check", tree, "-j", "1")
    suggestions = [line for line in res.stdout.splitlines() if "tf-upgrade fixes it" in line]
    assert suggestions, res.stdout
    out = tmp_path / "out"
    assert run(tree, "--out-dir", out, "-j", "1", "--no-cache").exit_code in (0, 1)
    for line in suggestions:
        path = line.split(":")[0]
        converted = (out / Path(path).relative_to(tree)).read_text()
        said = line.split("tf-upgrade fixes it", 1)[1].split(": ", 1)[1]
        assert "writes " in said or said.startswith("removes line"), line
        if "writes " in said:  # the code shown is in the rewrite's output, line by line
            for part in said.split("writes ", 1)[1].split(" / "):
                assert part in converted, line
    res = run("check", out, "-j", "1")
    assert "(0 fixable by `tf-upgrade`" in res.stderr, res.stdout
    assert "tf-upgrade fixes it" not in res.stdout


def test_the_package_itself_passed_as_a_value_is_no_missing_reference():
    # real TF 1.x code probes the package (`hasattr(tf, "Session")`) or passes it on (`tf_v1 = tf`)
    text = "import tensorflow as tf\ntf_v1 = tf if hasattr(tf, 'Session') else tf.compat.v1\nprint(tf)\n"
    assert _findings(text) == {}

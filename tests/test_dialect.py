"""Dialect per file: TF 2 code comes back byte-identical, TF 1.x code is converted, and a
transform whose TF 1.x and TF 2 meanings differ is reported, never guessed, where a file's
evidence is mixed or missing (tf_upgrade/upgrader/dialect.py, rules/dialect.py)."""
from pathlib import Path

import pytest

from tf_upgrade import upgrade_source
from tf_upgrade.upgrader.dialect import decide_source, stated_in_comment
from tf_upgrade.upgrader.file_job import convert_text
from tf_upgrade.upgrader.result import Settings

ROOT = Path(__file__).resolve().parents[1]
TF2_CORPUS = sorted((ROOT / "tests" / "corpus" / "tf2").glob("*.py")) + \
    sorted((ROOT / "tests" / "corpus" / "tf2").glob("*.ipynb"))
SHARED_TF2 = Path("/work/shared/tf2_samples")

# every mode and flag that changes what the rewrite does
MODES = [
    Settings(),
    Settings(mode="safety"),
    Settings(import_rename=True),
    Settings(upgrade_compat_v1_import=True),
    Settings(unsafe_fixes=True),
    Settings(target_version=(2, 15)),
    Settings(dialect="tf2"),
]
MODE_IDS = ["default", "safety", "import_rename", "compat_v1_import", "unsafe", "target_2.15", "dialect_tf2"]


def test_tf2_corpus_is_large_enough():
    assert len([p for p in TF2_CORPUS if p.suffix == ".py"]) >= 15
    assert any(p.suffix == ".ipynb" for p in TF2_CORPUS)


@pytest.mark.parametrize("settings", MODES, ids=MODE_IDS)
def test_tf2_corpus_comes_back_byte_identical(settings):
    for path in TF2_CORPUS:
        text = path.read_text(encoding="utf-8")
        result = convert_text(str(path), text, settings)
        assert result.code == text and not result.changed, path.name
        assert result.ok, path.name
        # never called TF 1.x on its own evidence
        assert result.dialect in ("tf2", "unknown", ""), (path.name, result.dialect, result.dialect_reason)


def test_tf2_corpus_reads_as_tf2_where_it_has_tf2_evidence():
    decided = {p.name: convert_text(str(p), p.read_text(), Settings()).dialect for p in TF2_CORPUS}
    assert decided["custom_training_loop.py"] == "tf2"
    assert decided["saved_model_export.py"] == "tf2"
    assert decided["keras_regression.ipynb"] == "tf2"
    assert sum(d == "tf2" for d in decided.values()) >= 10, decided


def test_tf2_file_gets_no_tf1_warnings():
    """In a file that reads as TF 2 nothing about TF 1.x meanings is said (no TFU130, no TFU401)."""
    for path in TF2_CORPUS:
        result = convert_text(str(path), path.read_text(), Settings())
        if result.dialect == "tf2":
            assert not [d for d in result.diagnostics if d.rule in ("TFU130", "TFU401")], path.name


@pytest.mark.skipif(not SHARED_TF2.is_dir(), reason="the team's shared TF 2 samples are not on this machine")
def test_shared_tf2_samples_are_left_alone():
    for path in sorted(SHARED_TF2.glob("*.py")):
        text = path.read_text()
        for settings in MODES:
            assert convert_text(str(path), text, settings).code == text, path.name


AMBIGUOUS = """import tensorflow as tf

h = tf.nn.dropout(x, 0.2)
words = tf.strings.split(lines)
loss = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=h)
m = tf.saved_model.load(path)
n = tf.shape(x)
v = tf.Variable(v0)
"""


def test_unknown_file_reports_each_ambiguous_call_and_changes_nothing():
    r = upgrade_source(AMBIGUOUS)
    assert r.code == AMBIGUOUS and r.dialect == "unknown"
    reported = {d.line for d in r.diagnostics if d.rule == "TFU130"}
    assert reported == {3, 4, 5, 6}  # tf.shape(x) and tf.Variable(v0) bind the same in TF 2
    dropout = next(d for d in r.diagnostics if d.rule == "TFU130" and d.line == 3)
    assert "rate=0.8" in dropout.message and "dialect=tf1" in dropout.hint


def test_stated_tf1_converts_and_stated_tf2_leaves_alone():
    tf1 = upgrade_source(AMBIGUOUS, dialect="tf1")
    assert "tf.nn.dropout(x, rate=0.8)" in tf1.code
    assert "tf.strings.split(lines).to_sparse()" in tf1.code
    assert "tf.stop_gradient(y)" in tf1.code
    assert "tf.shape(x)" in tf1.code and "tf.Variable(v0)" in tf1.code  # no needless keywords
    tf2 = upgrade_source(AMBIGUOUS, dialect="tf2")
    assert tf2.code == AMBIGUOUS and not [d for d in tf2.diagnostics if d.rule == "TFU130"]


def test_file_comment_states_the_dialect():
    text = "# tf-upgrade: dialect=tf1\n" + AMBIGUOUS
    r = upgrade_source(text)
    assert r.dialect == "tf1" and "rate=0.8" in r.code
    assert "file comment" in r.dialect_reason
    # the comment beats the caller's setting (it is the most specific statement)
    assert upgrade_source("# tf-upgrade: dialect=tf2\n" + AMBIGUOUS, dialect="tf1").changed is False
    assert stated_in_comment("x = 1  # tf-upgrade: dialect=tf2\n") == "tf2"
    assert stated_in_comment("# tf-upgrade: dialect=bogus\n") is None


MIXED = """import tensorflow as tf


@tf.function
def step(x):
    return tf.nn.dropout(x, 0.5)


x = tf.placeholder(tf.float32, [None, 10])
y = tf.nn.dropout(x, keep_prob=0.9)
z = tf.log(x)
s = tf.reduce_sum(x, 1, keep_dims=True)
"""


def test_mixed_file_converts_only_its_tf1_parts():
    r = upgrade_source(MIXED)
    assert r.dialect == "mixed"
    assert "return tf.nn.dropout(x, 0.5)" in r.code  # TF 2 meaning kept, reported
    # the dropout in the tf.function, and the graph-mode switch TFU340 would add for the TF 1.x half
    assert [d.line for d in r.diagnostics if d.rule == "TFU130"] == [1, 6]
    # TF 1.x by themselves: names and keywords TF 2 does not have
    assert "tf.compat.v1.placeholder(" in r.code
    assert "tf.nn.dropout(x, rate=1 - 0.9)" in r.code or "tf.nn.dropout(x, rate=0.1" in r.code
    assert "tf.math.log(x)" in r.code
    assert "tf.reduce_sum(x, 1, keepdims=True)" in r.code
    again = upgrade_source(r.code)
    assert again.code == r.code


def test_evidence_kinds():
    assert decide_source("import tensorflow.compat.v1 as tf\nx = tf.nn.dropout(a, 0.5)\n").dialect == "tf1"
    assert decide_source("import tensorflow as tf\nx = tf.reduce_sum(a, keep_dims=True)\n").dialect == "tf1"
    assert decide_source("import tensorflow as tf\nt = tf.GradientTape()\n").dialect == "tf2"
    assert decide_source("import tensorflow as tf\nw = tf.summary.create_file_writer('l')\n").dialect == "tf2"
    assert decide_source("import tensorflow as tf\nx = tf.compat.v1.placeholder(tf.float32)\n").dialect == "tf2"
    assert decide_source("import tensorflow as tf\nx = tf.nn.dropout(a, 0.5)\n").dialect == "unknown"
    assert decide_source("x = 1\n").dialect == "unknown"
    d = decide_source("import tensorflow as tf\nx = tf.placeholder(tf.float32)\nt = tf.GradientTape()\n")
    assert d.dialect == "mixed" and "tf.placeholder" in d.reason() and "tf.GradientTape" in d.reason()


def test_project_pin_decides_files_without_evidence():
    pinned = Settings(project_pin="requirements.txt: tensorflow==1.15")
    r = convert_text("x.py", "import tensorflow as tf\nh = tf.nn.dropout(x, 0.8)\n", pinned)
    assert r.dialect == "tf1" and "rate=0.2" in r.code
    tf2 = "import tensorflow as tf\n\n@tf.function\ndef f(x):\n    return tf.nn.dropout(x, 0.8)\n"
    r = convert_text("x.py", tf2, pinned)
    assert r.dialect == "mixed" and r.code == tf2


def test_converted_tf1_file_is_a_fixed_point_and_reads_as_tf2():
    src = (ROOT / "tests" / "corpus" / "tf1" / "p_mlp_dropout.py").read_text()
    once = upgrade_source(src)
    assert once.dialect == "tf1" and once.changed
    twice = upgrade_source(once.code)
    assert twice.code == once.code
    assert not [d for d in twice.diagnostics if d.rule == "TFU130"], [d.format() for d in twice.diagnostics]


@pytest.mark.slow
def test_dialect_is_the_same_with_and_without_the_prescreen():
    from tf_upgrade.upgrader.engine import upgrade_text

    texts = [p.read_text() for p in TF2_CORPUS if p.suffix == ".py"] + [AMBIGUOUS, MIXED]
    texts += [p.read_text() for p in sorted((ROOT / "tests" / "corpus" / "tf1").glob("*.py"))[:20]]
    for settings in (Settings(), Settings(mode="safety"), Settings(select=("TFU101",))):
        for text in texts:
            a = upgrade_text(text, "x.py", settings)
            b = upgrade_text(text, "x.py", settings, use_prescreen=False)
            assert (a.code, a.dialect) == (b.code, b.dialect)


@pytest.mark.slow
def test_no_compat_v2_spellings_in_converted_tf1_code():
    paths = sorted((ROOT / "tests" / "corpus" / "tf1").glob("*.py")) + sorted((ROOT / "examples").glob("tf1*/*.py"))
    paths += [p for p in (ROOT / "tests" / "fixtures").glob("*/*.py")
              if not p.name.endswith(".expected.py") and "compat.v2" not in p.read_text()
              and not p.parent.name == "TFU122"]  # --import-rename asks for tensorflow.compat.v2
    for path in paths:
        out = upgrade_source(path.read_text(), filename=path.name).code
        assert "compat.v2" not in out, path.name
    v2 = "import tensorflow as tf\nx = tf.where_v2(c, a, b)\ny = tf.placeholder(tf.float32)\n"
    once = upgrade_source(v2).code
    assert "tf.where(c, a, b)" in once and upgrade_source(once).code == once


def _project(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.tf-upgrade]\nper-file-dialect = { "legacy/*" = "tf1" }\n')
    (tmp_path / "legacy").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "legacy" / "a.py").write_text("import tensorflow as tf\nh = tf.nn.dropout(x, 0.8)\n")
    (tmp_path / "src" / "b.py").write_text("import tensorflow as tf\nh = tf.nn.dropout(x, 0.8)\n")
    (tmp_path / "src" / "c.py").write_text("import tensorflow as tf\n\n@tf.function\ndef f(x):\n"
                                           "    return tf.nn.dropout(x, 0.5)\n")
    return tmp_path


def _cli(*args, cwd):
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tf_upgrade.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


@pytest.mark.slow
def test_cli_dialect_config_show_config_and_reports(tmp_path):
    import json

    project = _project(tmp_path)
    shown = _cli("--show-config", ".", cwd=project).stdout
    assert "legacy/a.py: tf1 (stated by per-file-dialect 'legacy/*')" in shown
    assert "src/b.py: unknown" in shown and "src/c.py: tf2 (TF 2: tf.function" in shown
    proc = _cli("--check", "--no-cache", ".", "--report", "r.json", cwd=project)
    assert "TFU130" in proc.stdout + proc.stderr
    files = {f["path"]: f for f in json.loads((project / "r.json").read_text())["files"]}
    assert {p.split("/")[-1]: f["dialect"] for p, f in files.items()} == {"a.py": "tf1", "b.py": "unknown",
                                                                          "c.py": "tf2"}
    _cli("--check", "--no-cache", ".", "--report", "r.md", cwd=project)
    assert "## Dialect" in (project / "r.md").read_text()
    # --dialect tf1 states it for every file no comment or per-file-dialect glob speaks for
    out = _cli("--diff", "--no-cache", "--dialect", "tf1", "src", cwd=project).stdout
    assert "b.py" in out and "rate=0.2" in out

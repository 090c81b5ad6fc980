"""tf-upgrade modernize without TensorFlow: what the lift produces for the example corpus
(examples/modernize/), its shape (parses, no TF 1.x API left, idempotent), the CLI.
The TF-backed comparison of original and modernized runs is tests/test_modernize_tf.py."""
import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tf_upgrade.modernize import LEGACY, modernize_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "modernize"
# program -> "modernized" or the rule that declines it (the README's table)
EXPECTED = json.loads((CORPUS / "expected.json").read_text())


def test_the_corpus_is_complete():
    assert sorted(p.stem for p in CORPUS.glob("*.py")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_program(name):
    text = (CORPUS / f"{name}.py").read_text()
    result = modernize_text(text, f"{name}.py")
    rules = [d.rule for d in result.diagnostics if d.rule.startswith("TFU5")]
    if EXPECTED[name] == "modernized":
        assert rules == ["TFU500"], [d.format() for d in result.diagnostics]
        assert not LEGACY.search(result.code)
        tree = ast.parse(result.code)
        names = {ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {k.arg for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
        for name in names:
            assert not name.startswith(("tf.compat.v1", "tf.Session", "tf.InteractiveSession", "tf.placeholder",
                                        "tf.layers", "tf.contrib", "tf_keras", "tf.train.Saver")), name
            assert name not in ("feed_dict", "disable_eager_execution", "tf_keras"), name
        assert "@tf.function" in result.code
        again = modernize_text(result.code, f"{name}.py")
        assert again.code == result.code
        assert [d.rule for d in again.diagnostics if d.rule.startswith("TFU5")] == ["TFU501"]
    else:
        assert rules[:1] == [EXPECTED[name]], [d.format() for d in result.diagnostics]
        assert "TFU500" not in rules


def test_instrumented_output_routes_every_fetch():
    text = (CORPUS / "linear_regression.py").read_text()
    plain = modernize_text(text, "a.py").code
    hooked = modernize_text(text, "a.py", instrument=True).code
    assert "__tfu_fetch__" not in plain
    assert hooked.count("__tfu_fetch__(") == text.count("sess.run(") - 1  # the initializer run vanishes


def test_adam_epsilon_and_tf1_defaults_are_spelled_out():
    code = modernize_text((ROOT / "tests/fixtures/TFU500/train_loop.py").read_text(), "a.py").code
    assert "tf.keras.optimizers.Adam(learning_rate=0.01, epsilon=1e-08)" in code


def test_a_declined_file_gets_the_ordinary_conversion():
    from tf_upgrade import upgrade_source

    text = (ROOT / "tests/fixtures/TFU508/rmsprop.py").read_text()
    result = modernize_text(text, "a.py")
    assert result.code == upgrade_source(text, "a.py").code
    first = result.diagnostics[0]
    assert (first.rule, first.line) == ("TFU508", 6) and "mean square" in first.message


def _cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "tf_upgrade.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_cli_stdin_and_check(tmp_path):
    text = (CORPUS / "linear_regression.py").read_text()
    out = _cli("modernize", "-", stdin=text)
    assert out.returncode == 0, out.stderr
    assert out.stdout == modernize_text(text, "<stdin>").code
    assert "TFU500" in out.stderr
    target = tmp_path / "prog.py"
    target.write_text(text)
    assert _cli("modernize", "--check", str(target)).returncode == 1
    assert target.read_text() == text
    assert _cli("modernize", str(target)).returncode == 0
    assert target.read_text() == out.stdout
    assert _cli("modernize", "--check", str(target)).returncode == 0


def test_readme_before_after_is_what_the_tool_does():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Modernize"):]
    blocks = section.split("```python\n")
    before, after = blocks[1].split("\n```")[0] + "\n", blocks[2].split("\n```")[0] + "\n"
    assert before == (CORPUS / "mlp_layers.py").read_text()
    assert modernize_text(before, "mlp_layers.py").code == after

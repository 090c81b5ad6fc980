"""Notebooks: code cells upgraded across cells, IPython syntax and everything else kept byte for byte."""
import json

import pytest
from click.testing import CliRunner

from tf_upgrade.cli import main
from tf_upgrade.upgrader.notebook import splice_sources, upgrade_notebook
from tf_upgrade.upgrader.result import Settings


def code(*lines, **extra):
    cell = {"cell_type": "code", "execution_count": 3, "metadata": {"scrolled": True}, "outputs": [],
            "source": list(lines)}
    cell.update(extra)
    return cell


OUTPUT = {"output_type": "execute_result", "execution_count": 3, "metadata": {},
          "data": {"text/plain": ["1.0000e-05"]}}


def notebook(*cells, **meta):
    return {"cells": list(cells), "nbformat": 4, "nbformat_minor": 5,
            "metadata": meta or {"kernelspec": {"name": "python3", "language": "python", "display_name": "Py 3"},
                                 "language_info": {"name": "python", "version": "3.11.4"}}}


def dumps(nb, **kw):
    """As Jupyter writes: indent 1, sorted keys, raw UTF-8, trailing newline."""
    kw = {"indent": 1, "sort_keys": True, "ensure_ascii": False, **kw}
    return json.dumps(nb, **kw) + "\n"


def upgrade(text, **settings):
    return upgrade_notebook(text, "nb.ipynb", Settings(**settings))


def sources(text):
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in json.loads(text)["cells"]]


def test_imports_in_one_cell_resolve_names_in_later_cells():
    nb = notebook(code("import tensorflow as tf\n"), {"cell_type": "markdown", "metadata": {}, "source": ["tf.log"]},
                  code("y = tf.log(x)\n", "z = tf.log(y)", outputs=[OUTPUT]))
    r = upgrade(dumps(nb))
    assert r.changed and sources(r.code) == ["import tensorflow as tf\n", "tf.log",
                                             "y = tf.math.log(x)\nz = tf.math.log(y)"]
    assert r.fixes == {"TFU101": 2}


def test_only_the_changed_source_differs_byte_for_byte():
    nb = notebook(code("import tensorflow as tf\n", "y = tf.log(x)", outputs=[OUTPUT]),
                  code("print('ünïcödé')"))
    before = dumps(nb)
    after = upgrade(before).code
    assert after == before.replace("tf.log(x)", "tf.math.log(x)")


@pytest.mark.parametrize("style", [dict(indent=1), dict(indent=2, sort_keys=False), dict(indent="\t"),
                                   dict(indent=None), dict(indent=4, ensure_ascii=True)])
def test_the_notebooks_own_json_layout_is_kept(style):
    nb = notebook(code("import tensorflow as tf\n", "y = tf.log(x)\n", "print('é')"),
                  code("w = 1.50e-5"))
    before = dumps(nb, **style)
    after = upgrade(before).code
    assert after == before.replace("tf.log(x)", "tf.math.log(x)")


def test_source_written_as_a_single_string_stays_a_string():
    nb = notebook(code(), code())
    nb["cells"][0]["source"] = "import tensorflow as tf\ny = tf.log(x)"
    nb["cells"][1]["source"] = ""
    r = upgrade(dumps(nb))
    assert json.loads(r.code)["cells"][0]["source"] == "import tensorflow as tf\ny = tf.math.log(x)"


MAGICS = ("%matplotlib inline\n"
          "!pip install -q tensorflow\n"
          "import tensorflow as tf\n"
          "files = !ls *.csv\n"
          "tf.nn?\n"
          "??tf.log\n"
          "msg = ('%d items'\n"
          "       % 3)\n"
          "for i in range(2):\n"
          "    %time y = tf.log(2.0)\n"
          "    !echo {i}\n"
          "z = tf.log(3.0)")


def test_magics_and_shell_escapes_are_kept_intact():
    r = upgrade(dumps(notebook(code(MAGICS))))
    assert sources(r.code) == [MAGICS.replace("z = tf.log(3.0)", "z = tf.math.log(3.0)")]
    assert not r.diagnostics


def test_cell_magics():
    other_language = "%%bash\nimport tensorflow as tf\necho tf.log"
    timed = "%%time\nimport tensorflow as tf\nz = tf.log(4.0)"
    r = upgrade(dumps(notebook(code(other_language), code(timed))))
    assert sources(r.code) == [other_language, "%%time\nimport tensorflow as tf\nz = tf.math.log(4.0)"]


def test_diagnostics_point_at_cell_and_line():
    nb = notebook({"cell_type": "markdown", "metadata": {}, "source": ["# intro"]},
                  code("import tensorflow as tf\n", "%load_ext autoreload\n"),
                  code("a = 1\n", "\n", "b = tf.contrib.foo()"))
    r = upgrade(dumps(nb))
    (d,) = r.diagnostics
    # line 5 of the notebook's code (2 lines in the first code cell), cell 3's third line
    assert (d.rule, d.cell, d.cell_line, d.line, d.column) == ("TFU110", 3, 3, 5, 5)
    assert d.format().startswith("nb.ipynb:5:5: error TFU110 (cell 3, line 3) ")


def test_a_cell_that_does_not_parse_is_reported_and_the_rest_converted():
    nb = notebook(code("import tensorflow as tf\n"), code("def broken(:\n", "    pass"), code("y = tf.log(x)"))
    r = upgrade(dumps(nb))
    assert sources(r.code)[1:] == ["def broken(:\n    pass", "y = tf.math.log(x)"]
    (d,) = r.diagnostics
    assert (d.rule, d.cell, d.cell_line, d.line) == ("TFU001", 2, 1, 2)


def test_top_level_await_is_fine():
    r = upgrade(dumps(notebook(code("import tensorflow as tf\n", "await something()\n", "y = tf.log(x)"))))
    assert sources(r.code) == ["import tensorflow as tf\nawait something()\ny = tf.math.log(x)"]
    assert not r.diagnostics


def test_imports_the_engine_adds_land_in_a_cell():
    nb = notebook(code("import tensorflow as tf\n"), code("FLAGS = tf.app.flags.FLAGS"))
    r = upgrade(dumps(nb))
    joined = "".join(sources(r.code))
    assert "from absl import flags" in joined and joined.count("# tf-upgrade notebook cell") == 0
    assert r.requirements


def test_suppression_comments_work_in_cells():
    nb = notebook(code("import tensorflow as tf\n"),
                  code("a = tf.log(x)  # tf-upgrade: ignore\n", "b = tf.log(x)  # tf-upgrade: ignore[TFU101]\n",
                       "c = tf.contrib.foo()  # tf-upgrade: ignore[TFU110]\n",
                       "d = tf.log(x)"))
    r = upgrade(dumps(nb))
    assert sources(r.code)[1] == ("a = tf.log(x)  # tf-upgrade: ignore\nb = tf.log(x)  # tf-upgrade: ignore[TFU101]\n"
                                  "c = tf.contrib.foo()  # tf-upgrade: ignore[TFU110]\n"
                                  "d = tf.math.log(x)")
    assert not r.diagnostics


def test_non_python_and_non_notebooks_are_left_alone():
    r_nb = notebook(code("import tensorflow as tf\n", "tf.log(x)"), language_info={"name": "R"})
    assert not upgrade(dumps(r_nb)).changed
    bad = upgrade('{"not": "a notebook", "x": "tensorflow"}')
    assert not bad.ok and bad.diagnostics[0].rule == "TFU003"


def test_idempotent():
    text = dumps(notebook(code(MAGICS)))
    once = upgrade(text).code
    assert not upgrade(once).changed


def test_splice_keeps_crlf_lists():
    text = '{\r\n "cells": [\r\n  {\r\n   "source": [\r\n    "a\\n",\r\n    "b"\r\n   ]\r\n  }\r\n ]\r\n}'
    assert splice_sources(text, {0: "x\ny"}) == text.replace('"a\\n"', '"x\\n"').replace('"b"', '"y"')


def test_cli_converts_notebooks_in_a_tree_and_checks_them(tmp_path):
    (tmp_path / "nb.ipynb").write_text(dumps(notebook(code("import tensorflow as tf\n", "tf.log(1.0)"))))
    runner = CliRunner()
    check = runner.invoke(main, [str(tmp_path), "--check"])
    assert check.exit_code == 1 and "1 file checked, 1 would change" in check.output
    diff = runner.invoke(main, [str(tmp_path), "--diff"])
    assert '+    "tf.math.log(1.0)"' in diff.output
    assert runner.invoke(main, [str(tmp_path)]).exit_code == 0
    assert sources((tmp_path / "nb.ipynb").read_text()) == ["import tensorflow as tf\ntf.math.log(1.0)"]


def test_a_lost_cell_boundary_falls_back_to_cell_by_cell(monkeypatch):
    import tf_upgrade.upgrader.notebook as notebook_module

    monkeypatch.setattr(notebook_module, "_split", lambda code, token, expected: None)
    nb = notebook(code("import tensorflow as tf\n", "a = tf.log(x)"), code("b = tf.log(y)\n", "c = tf.contrib.foo()"))
    r = upgrade(dumps(nb))
    assert sources(r.code) == ["import tensorflow as tf\na = tf.math.log(x)", "b = tf.math.log(y)\nc = tf.contrib.foo()"]
    assert [(d.rule, d.cell, d.cell_line, d.line) for d in r.diagnostics] == [("TFU110", 2, 2, 4)]
    assert r.fixes == {"TFU101": 2}


def test_marker_text_inside_the_notebook_does_not_confuse_the_split():
    nb = notebook(code("import tensorflow as tf\n", "# tf-upgrade notebook cell 0 cell-0\n", "a = tf.log(x)"),
                  code("b = tf.log(y)"))
    r = upgrade(dumps(nb))
    assert sources(r.code) == ["import tensorflow as tf\n# tf-upgrade notebook cell 0 cell-0\na = tf.math.log(x)",
                               "b = tf.math.log(y)"]

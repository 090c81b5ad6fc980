"""The public contract of tf_upgrade.upgrade_source (other tools depend on it)."""
import pytest

from tf_upgrade import Diagnostic, upgrade_source


def test_contract_fields():
    r = upgrade_source("import tensorflow as tf\ny = tf.log(x)\nz = tf.contrib.foo()\n", filename="x.py")
    assert r.changed is True
    assert r.code == "import tensorflow as tf\ny = tf.math.log(x)\nz = tf.contrib.foo()\n"
    (d,) = r.diagnostics
    assert isinstance(d, Diagnostic)
    assert (d.rule, d.severity, d.line, d.column) == ("TFU110", "error", 3, 5)
    assert "tf.contrib.foo" in d.message
    assert d.format().startswith("x.py:3:5: error TFU110 ")


def test_modes_and_flags_are_accepted():
    src = "import tensorflow as tf\n"
    assert upgrade_source(src, filename="x.py", mode="default").changed is False
    # safety mode only switches the import to the v1 API, in TF 1.x code (here by the caller's word;
    # a file with no TF 1.x evidence of its own is not assumed to be TF 1.x: TFU130 says so)
    assert upgrade_source(src, filename="x.py", mode="safety", dialect="tf1").code == \
        "import tensorflow.compat.v1 as tf\n"
    unknown = upgrade_source(src, filename="x.py", mode="safety")
    assert unknown.code == src and [d.rule for d in unknown.diagnostics] == ["TFU130"]
    r = upgrade_source(src, filename="x.py", import_rename=False, upgrade_compat_v1_import=True)
    assert r.code == src
    with pytest.raises(ValueError):
        upgrade_source(src, mode="bogus")


def test_untouched_file_is_returned_as_is():
    src = "import tensorflow as tf  # odd   spacing\r\nx = tf.nn.relu(y)\n\n\n"
    r = upgrade_source(src)
    assert r.changed is False and r.code is src


def test_select_and_ignore():
    src = "import tensorflow as tf\na = tf.log(x)\nb = tf.reduce_sum(x, keep_dims=True)\n"
    only_kw = upgrade_source(src, select=["TFU102"]).code
    assert "tf.log(x)" in only_kw and "keepdims=True" in only_kw
    no_kw = upgrade_source(src, ignore=["TFU102"]).code
    assert "tf.math.log(x)" in no_kw and "keep_dims=True" in no_kw


def test_suppression_comment():
    src = ("import tensorflow as tf\n"
           "a = tf.log(x)  # tf-upgrade: ignore\n"
           "b = tf.log(x)  # tf-upgrade: ignore[TFU102]\n"
           "c = tf.contrib.foo()  # tf-upgrade: ignore[TFU110]\n")
    r = upgrade_source(src)
    lines = r.code.splitlines()
    assert lines[1].startswith("a = tf.log(x)")
    assert lines[2].startswith("b = tf.math.log(x)")
    assert r.diagnostics == []


def test_target_version_changes_output():
    src = "import tensorflow as tf\nf = tf.estimator.inputs.numpy_input_fn\n"
    assert "tf.compat.v1.estimator.inputs" in upgrade_source(src, target_version="2.15").code
    r = upgrade_source(src, target_version="2.21")
    assert not r.changed and r.diagnostics[0].rule == "TFU330"  # estimator-removed


def test_a_failing_rule_becomes_a_diagnostic_not_an_exception(monkeypatch):
    from tf_upgrade.rules import load_all
    from tf_upgrade.rules.registry import REGISTRY, Hook

    load_all()

    def broken(ctx, call):
        raise KeyError("boom")

    monkeypatch.setattr(REGISTRY, "hooks", REGISTRY.hooks + [Hook("call", REGISTRY.rules["TFU101"], broken,
                                                                  keys=("tf.nn.relu",))])
    monkeypatch.setattr(REGISTRY, "_active", {})
    src = "import tensorflow as tf\ny = tf.nn.relu(x)\n"
    r = upgrade_source(src, filename="x.py")
    assert r.code == src and not r.changed and not r.ok
    assert [d.rule for d in r.diagnostics] == ["TFU002"] and "KeyError" in r.diagnostics[0].message

"""The runtime's public names (every `tf.*` path and the `--supported` list) are the ones recorded in
references/public_names.txt, each bound to the same kind of object (function, class, module ...) under the same
qualified name. A change to how names are exported cannot drop or rebind one unnoticed; a TF name added or
removed on purpose is recorded with `python tools/compat_v1_names.py > tests/compat_v1/references/public_names.txt`."""
import importlib.util
import os

import pytest

import tf_upgrade.compat_v1 as tf
from tf_upgrade.compat_v1 import namespace

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "..", "..", "tools", "compat_v1_names.py")


def _tool():
    spec = importlib.util.spec_from_file_location("compat_v1_names", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_public_names_are_the_recorded_ones():
    with open(os.path.join(HERE, "references", "public_names.txt"), encoding="utf-8") as f:
        recorded = set(f.read().splitlines())
    now = set(_tool().dump().splitlines())
    lost, new = sorted(recorded - now), sorted(now - recorded)
    assert not lost and not new, (
        "public names changed (rewrite the record with `python tools/compat_v1_names.py > "
        "tests/compat_v1/references/public_names.txt` if that was meant)\nlost:\n  %s\nnew:\n  %s"
        % ("\n  ".join(lost[:40]), "\n  ".join(new[:40])))


def test_dump_walks_nested_namespaces_and_the_supported_list():
    lines = _tool().dump().splitlines()
    paths = {line.split("\t")[0] for line in lines if not line.startswith("supported\t")}
    assert {"tf.nn.relu6", "tf.train.queue_runner.QueueRunner", "tf.contrib.layers.fully_connected",
            "tf.nn.rnn_cell.LSTMCell"} <= paths
    assert "supported\ttf.nn.relu6" in lines


def test_every_export_is_bound_where_it_names():
    """namespace.build bound each `@export(...)`/`export_value(...)` at its path (tf.python.* paths are
    importable TF modules, reached through their registered namespaces rather than attributes of tf)."""
    missing = []
    for qualified, value in namespace.exports():
        parent, _, name = qualified.rpartition(".")
        holder = namespace.NAMESPACES.get(parent)
        if holder is None:
            holder = tf
            for part in parent.split(".")[1:]:
                holder = getattr(holder, part)
        if getattr(holder, name, None) is not value:
            missing.append(qualified)
        assert name in namespace.public_names(holder), qualified
    assert not missing


@pytest.mark.parametrize("bad", ["nn.relu6", "tf.nn.", "relu6"])
def test_export_names_must_be_qualified(bad):
    with pytest.raises(ValueError):
        namespace.export_value(object(), bad)

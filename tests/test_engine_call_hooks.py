"""Call hooks: generic and name-specific hooks run by priority, and a hook that
changes the callee ends the chain (later hooks were written for the old name)."""
import libcst as cst

from tf_upgrade.rules.registry import Hook, Registry, Rule
from tf_upgrade.rules.syntax import keyword_arg
from tf_upgrade.upgrader import engine
from tf_upgrade.upgrader.result import Settings


def _registry(order):
    reg = Registry()
    early = reg.add(Rule("TFU901", "early", "test"))
    generic = reg.add(Rule("TFU902", "generic", "test"))
    late = reg.add(Rule("TFU903", "late", "test"))

    def early_hook(ctx, call):
        order.append("early")
        if call.keyword("legacy") is not None:  # redirect: new callee
            return call.node.with_changes(func=ctx.spell("tf.compat.v1.thing", near=call.reference_binding))
        return None

    def generic_hook(ctx, call):
        order.append("generic")
        return call.with_args(list(call.node.args) + [keyword_arg("added", cst.Name("g"))])

    def late_hook(ctx, call):
        order.append("late")
        return None

    for prio, rule, q, fn in ((70, late, "tf.thing", late_hook), (10, early, "tf.thing", early_hook),
                              (50, generic, "*", generic_hook)):
        reg.add_hook(Hook("call", rule, fn, prio, keys=(q,)))
    return reg


def _run(monkeypatch, src):
    order = []
    monkeypatch.setattr(engine, "load_all", lambda: _registry(order))
    return engine.upgrade_text(src, "x.py", Settings()).code, order


def test_hooks_run_by_priority_across_generic_and_specific(monkeypatch):
    code, order = _run(monkeypatch, "import tensorflow as tf\ntf.thing(x)\n")
    assert order == ["early", "generic", "late"]
    assert code == "import tensorflow as tf\ntf.thing(x, added=g)\n"


def test_new_callee_ends_the_chain(monkeypatch):
    code, order = _run(monkeypatch, "import tensorflow as tf\ntf.thing(x, legacy=1)\n")
    assert order == ["early"]
    assert code == "import tensorflow as tf\ntf.compat.v1.thing(x, legacy=1)\n"


def test_rules_run_only_in_their_modes_and_see_whether_a_reference_is_called(monkeypatch):
    from tf_upgrade.rules.registry import Rename

    seen = []
    reg = Registry()
    safety_only = reg.add(Rule("TFU904", "safety-only", "test", modes=("safety",)))
    both = reg.add(Rule("TFU905", "both", "test", modes=("default", "safety")))

    def to_v1(ctx, ref):
        if ref.node is ref.binding.alias:
            return Rename(safety_only, "tensorflow.compat.v1")
        return None

    def record(ctx, ref):
        seen.append((ref.qualname, ctx.is_called(ref.node)))
        assert ctx.parent(ref.node) is not None
        return None

    reg.add_hook(Hook("reference", safety_only, to_v1, 10))
    reg.add_hook(Hook("reference", both, record, 20))
    monkeypatch.setattr(engine, "load_all", lambda: reg)
    src = "import tensorflow\nf = tensorflow.log\ntensorflow.exp(1)\n"
    assert engine.upgrade_text(src, "x.py", Settings()).code == src
    assert ("tf.log", False) in seen and ("tf.exp", True) in seen
    # a plain `import tensorflow` keeps binding the same local name
    assert engine.upgrade_text(src, "x.py", Settings(mode="safety")).code == \
        "import tensorflow.compat.v1 as tensorflow\nf = tensorflow.log\ntensorflow.exp(1)\n"

"""The registry tells the engine what it needs: hook records, active rules, what to look for."""
from __future__ import annotations

import pytest

from tf_upgrade import upgrade_source
from tf_upgrade.rules import load_all, tables
from tf_upgrade.rules.registry import Hook, Registry, Rule
from tf_upgrade.upgrader.fastpath import file_may_need_upgrade, may_need_upgrade
from tf_upgrade.upgrader.result import Settings


def _rules(text):
    return [d.rule for d in upgrade_source(text, filename="m.py").diagnostics]


def test_a_method_only_tf_objects_have_is_reported_in_a_file_that_never_imports_tf():
    alone = "ds = load()\nds = ds.map_with_legacy_function(g)\n"
    assert _rules(alone) == ["TFU213"]
    # and the same with an unrelated iterator call beside it (it used to take that to be looked at)
    assert _rules(alone + "it = ds.make_one_shot_iterator()\n") == ["TFU213"]
    assert may_need_upgrade(alone) and file_may_need_upgrade("m.ipynb", '{"source": ["ds.filter_with_legacy_function(f)"]}')


def test_other_method_hooks_need_a_file_that_uses_tf_whatever_else_it_contains():
    fit = "model.fit_generator(g, steps_per_epoch=3)\n"
    for text in (fit, "# see tf.keras\n" + fit, "it = ds.make_one_shot_iterator()\n" + fit):
        out = upgrade_source(text, filename="m.py").code
        assert "model.fit_generator(" in out, text
    assert "model.fit(g" in upgrade_source("import tensorflow as tf\n" + fit, filename="m.py").code


def test_the_fast_path_list_is_the_registrations():
    registered = sorted({m for h in load_all().hooks if h.kind == "method" and h.without_import for m in h.keys})
    assert list(tables.methods_without_import()) == registered, "run python tools/gen_rule_docs.py"
    assert "make_one_shot_iterator" in registered and "map_with_legacy_function" in registered


def test_every_reference_hook_has_a_screen():
    missing = [h.name for h in load_all().hooks if h.kind == "reference" and h.screen is None]
    assert not missing, (f"reference hooks without a screen: {', '.join(missing)}: give each "
                         "on_reference(..., screen=...) (registry.py) so the prescreen can leave out what it cannot touch")


def test_active_hooks_follow_select_mode_and_target():
    reg = Registry()
    plain = reg.add(Rule("TFU901", "plain", "test"))
    safety = reg.add(Rule("TFU902", "safety", "test", modes=("safety",)))
    newer = reg.add(Rule("TFU903", "newer", "test", min_target=(2, 16)))
    for r in (plain, safety, newer):
        reg.add_hook(Hook("reference", r, lambda ctx, ref: None, screen=lambda q, env: True))
    ids = lambda settings, target: [h.rule.id for h in reg.active(settings, target).reference]  # noqa: E731
    assert ids(Settings(), (2, 21)) == ["TFU901", "TFU903"]
    assert ids(Settings(), (2, 15)) == ["TFU901"]
    assert ids(Settings(mode="safety"), (2, 21)) == ["TFU902"]
    assert ids(Settings(ignore=("TFU901",)), (2, 21)) == ["TFU903"]
    assert plain.active(Settings(), (2, 21)) and not safety.active(Settings(), (2, 21))


def test_a_screen_guards_its_hook():
    from tf_upgrade.upgrader import engine

    reg = Registry()
    r = reg.add(Rule("TFU901", "guarded", "test"))
    seen = []

    def hook(ctx, ref):
        seen.append(ref.qualname)
        return None

    reg.add_hook(Hook("reference", r, hook, screen=lambda q, env: q == "tf.a" or env.imported))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(engine, "load_all", lambda: reg)
        engine.upgrade_text("import tensorflow as tf\ntf.a(1)\ntf.b(2)\n", "m.py", Settings())
    assert seen == ["tf", "tf.a"]  # the import (env.imported), then the one use the screen lets through

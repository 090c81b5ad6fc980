"""Settings: validation and the cache key."""
from dataclasses import dataclass, fields, replace

import pytest

from tf_upgrade.upgrader.result import Settings

# a value different from each field's default
OTHER = {"mode": "safety", "import_rename": True, "upgrade_compat_v1_import": True, "target_version": (2, 15),
         "select": ("TFU1",), "ignore": ("TFU2",), "unsafe_fixes": True, "dialect": "tf1",
         "dialect_source": "config", "project_pin": "requirements.txt: tensorflow==1.15", "keras": "tf_keras"}


def test_every_field_changes_the_cache_key():
    base = Settings()
    assert {f.name for f in fields(Settings)} == set(OTHER), "give the new field a non-default value in OTHER"
    for name, value in OTHER.items():
        assert replace(base, **{name: value}).key() != base.key(), name


def test_a_field_added_later_is_in_the_key():
    @dataclass(frozen=True)
    class Wider(Settings):
        extra: int = 0

    assert Wider(extra=1).key() != Wider(extra=2).key()
    assert Wider().key() != Settings().key()


def test_equal_settings_have_equal_keys():
    assert Settings(select=("TFU1",)).key() == Settings(select=("TFU1",)).key()


def test_unknown_values_are_refused():
    with pytest.raises(ValueError, match="mode"):
        Settings(mode="fast")
    with pytest.raises(ValueError, match="keras"):
        Settings(keras="keras4")

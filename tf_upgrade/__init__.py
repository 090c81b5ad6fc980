"""tf-upgrade: move TensorFlow 1.x code onto TensorFlow 2.x.

Public API (stable; other tools depend on it)::

    from tf_upgrade import upgrade_source
    r = upgrade_source(text, filename="x.py", mode="default")  # or "safety"
    r.code, r.changed, r.diagnostics  # each: .rule .severity .line .column .message

Heavy modules (libcst, the rule tables) load on first use, so importing the
package and ``tf-upgrade --version`` stay fast.
"""
from __future__ import annotations

from typing import Optional, Tuple, Union

from .upgrader.result import Diagnostic, Settings, UpgradeResult

__version__ = "0.1.0"


def parse_version(value: Union[str, Tuple[int, int], None]) -> Optional[Tuple[int, int]]:
    """``"2.21"`` / ``"2.21.0"`` / ``(2, 21)`` -> ``(2, 21)``; None stays None."""
    if value is None or isinstance(value, tuple):
        return value
    parts = str(value).strip().split(".")
    try:
        return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        raise ValueError(f"bad TensorFlow version {value!r}; expected e.g. 2.21") from None


def upgrade_source(text: str, filename: str = "<string>", mode: str = "default", *,
                   import_rename: bool = False, upgrade_compat_v1_import: bool = False,
                   target_version: Union[str, Tuple[int, int], None] = None,
                   select=(), ignore=(), unsafe_fixes: bool = False, dialect: str = "auto",
                   keras: Optional[str] = None) -> UpgradeResult:
    """Upgrade one module's source; returns ``.code``, ``.changed`` and ``.diagnostics``.

    ``dialect``: ``"auto"`` decides per file whether it is TF 1.x or TF 2 code on evidence;
    ``"tf1"``/``"tf2"`` states it (``r.dialect`` / ``r.dialect_reason`` say what was used).
    ``keras``: "keras3" (default) or "tf_keras", which Keras tf.keras code should run on when the
    target TensorFlow (2.16+) ships Keras 3."""
    from .upgrader.engine import upgrade_text

    settings = Settings(mode=mode, import_rename=import_rename,
                        upgrade_compat_v1_import=upgrade_compat_v1_import,
                        target_version=parse_version(target_version), select=tuple(select),
                        ignore=tuple(ignore), unsafe_fixes=unsafe_fixes, dialect=dialect,
                        dialect_source="caller" if dialect != "auto" else "", keras=keras)
    return upgrade_text(text, filename, settings)


__all__ = ["Diagnostic", "Settings", "UpgradeResult", "upgrade_source", "__version__"]

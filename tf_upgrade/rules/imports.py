"""How TensorFlow is imported: reading ``tensorflow.compat.v1`` code as TF 1.x.

With ``upgrade_compat_v1_import`` the code behind ``import tensorflow.compat.v1
as tf`` is upgraded like TF 1.x code, so the import itself must become
``import tensorflow as tf`` (and ``from tensorflow.compat.v1 import log`` becomes
``from tensorflow.math import log``): otherwise TF 2 names would be looked up in
the v1 namespace.
"""
from __future__ import annotations

from typing import Optional

from .registry import Rename, on_reference, rule
from .renames import longest_known_rename

COMPAT_IMPORT = rule(
    "TFU120", "compat-v1-import-upgrade",
    "with --upgrade-compat-v1-import, `import tensorflow.compat.v1 as tf` becomes `import tensorflow as tf`",
    why="The code is upgraded to TF 2 names, which live in the main tensorflow namespace.")


@on_reference(COMPAT_IMPORT, priority=10)
def compat_v1_import(ctx, ref) -> Optional[Rename]:
    b = ref.binding
    if ref.node is not b.alias or not b.written or b.written == b.qualname:
        return None
    found = longest_known_rename(b.qualname)
    new = b.qualname if found is None else found[1] + b.qualname[len(found[0]):]
    return Rename(COMPAT_IMPORT, new)

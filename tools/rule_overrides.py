"""Small hand-written corrections applied by tools/gen_rules.py after generation.

Everything else in tf_upgrade/rules/data/ is derived from TensorFlow's own
export metadata and signatures.  Keep this file tiny; every entry needs a
comment saying why the metadata is not enough.
"""

# v1 name -> forced target ("tf.x.y").  Applied last, overrides generated renames.
RENAME_OVERRIDES: dict[str, str] = {
    # The v1 "_v2" helper is a separate function object exported only under its
    # v1 name, so metadata says compat.v1; it is the same op as the v2 function
    # (differs only by the `dim` alias, handled by keywords.json).
    "tf.nn.softmax_cross_entropy_with_logits_v2": "tf.nn.softmax_cross_entropy_with_logits",
}

# v1 names that must NOT be renamed even though the metadata says so.
RENAME_SKIP: set[str] = set()

# v1 function name -> {old_keyword: new_keyword}, merged into keywords.json
# (only kept if the new keyword exists in the v2 signature).
KEYWORD_OVERRIDES: dict[str, dict[str, str]] = {
    # v1 ones_like/zeros_like(tensor, ...) vs v2 (input, ...): same argument,
    # renamed without any deprecation shim, so the v1 source has no evidence.
    "tf.ones_like": {"tensor": "input"},
    "tf.zeros_like": {"tensor": "input"},
}

# Module paths (without "tf.") never treated as v1 API when walking
# tf.compat.v1 of a given TensorFlow version.  In 2.16+ tf.compat.v1.keras is
# Keras 3 (not the TF1 Keras API) and tf.compat.v1.layers fails to import, so
# their v1 names only come from the 2.15 walk.
V1_SUBTREES_NOT_V1_API: dict[str, tuple[str, ...]] = {
    "2.16+": ("keras", "layers"),
}

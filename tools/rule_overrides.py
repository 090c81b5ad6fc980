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

# v1 function name -> {old_keyword: new_keyword}: keywords TF 2 renamed outright, which TensorFlow's
# metadata does not state (no deprecated alias, or one the source-reading cannot see).  Written to
# keywords.json as the function's "declared" renames (rule TFU206); the build fails if the old keyword
# is not a parameter of the v1 function, or the new one not a parameter of its v2 function.
KEYWORD_OVERRIDES: dict[str, dict[str, str]] = {
    # v1 ones_like/zeros_like(tensor, ...) vs v2 (input, ...): same argument,
    # renamed without any deprecation shim, so the v1 source has no evidence.
    "tf.ones_like": {"tensor": "input"},
    "tf.zeros_like": {"tensor": "input"},
    # TF 1.x took both names; TF 2 dropped the old one (not a deprecated_argument_lookup the dump reads)
    "tf.convert_to_tensor": {"preferred_dtype": "dtype_hint"},
    # TF 2's tf.device no longer accepts a function, which a call site cannot show
    "tf.device": {"device_name_or_function": "device_name"},
    # one deprecated_args decorator names both: the dump only reads single-keyword ones
    "tf.cond": {"fn1": "true_fn", "fn2": "false_fn"},
    # v1 names with no v2 function in the metadata: rules/renamed_arguments.py's ALIASES give
    # their TF 2 names (tf.gfile.Copy -> tf.io.gfile.copy ...), same positions, new keyword names
    "tf.gfile.Copy": {"oldpath": "src", "newpath": "dst"},
    "tf.gfile.Rename": {"oldname": "src", "newname": "dst"},
    "tf.gfile.DeleteRecursively": {"dirname": "path"},
    "tf.gfile.Exists": {"filename": "path"},
    "tf.gfile.Glob": {"filename": "pattern"},
    "tf.gfile.IsDirectory": {"dirname": "path"},
    "tf.gfile.ListDirectory": {"dirname": "path"},
    "tf.gfile.MakeDirs": {"dirname": "path"},
    "tf.gfile.MkDir": {"dirname": "path"},
    "tf.gfile.Remove": {"filename": "path"},
    "tf.gfile.Stat": {"filename": "path"},
    "tf.gfile.Walk": {"in_order": "topdown"},
    "tf.arg_max": {"dimension": "axis"},
    "tf.arg_min": {"dimension": "axis"},
    "tf.random.stateless_multinomial": {"output_dtype": "dtype"},
}

# Module paths (without "tf.") never treated as v1 API when walking
# tf.compat.v1 of a given TensorFlow version.  In 2.16+ tf.compat.v1.keras is
# Keras 3 (not the TF1 Keras API) and tf.compat.v1.layers fails to import, so
# their v1 names only come from the 2.15 walk.
V1_SUBTREES_NOT_V1_API: dict[str, tuple[str, ...]] = {
    "2.16+": ("keras", "layers"),
}

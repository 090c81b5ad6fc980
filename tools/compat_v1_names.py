"""Every public name path of the compat_v1 runtime's `tf` namespace, one a line, for checking that a
refactoring of how names are exported keeps the exported set.

    python tools/compat_v1_names.py            # print `path  kind  defining-qualname` lines, then the
                                               # `--supported` list as `supported  path` lines
    python tools/compat_v1_names.py --check F  # compare with a dump written earlier; exit 1 on a difference

`tests/compat_v1/references/public_names.txt` is such a dump; `tests/compat_v1/test_public_names.py` compares
the runtime with it. After adding or removing a TF name on purpose, rewrite it:
    python tools/compat_v1_names.py > tests/compat_v1/references/public_names.txt

The walk starts at `tf_upgrade.compat_v1` and goes into every value that is a registered namespace
(`tf.nn`, `tf.train.queue_runner`, `tf.contrib.layers` ...), whatever path reaches it; a path is listed
with the kind and the qualified name of the object that attribute access actually gives. Module attributes
that are the runtime's own unregistered submodules (the package attribute `tf.graph` that importing
`tf_upgrade.compat_v1.graph` sets) and foreign modules (`np`) are not names of the TF API: they are left out.
"""
import argparse
import os
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

MAX_DEPTH = 6


def _kind(value):
    if isinstance(value, types.ModuleType):
        return "module"
    if isinstance(value, type):
        return "class"
    if callable(value):
        return "function"
    return "value:" + type(value).__name__


def _qualname(value):
    name = getattr(value, "__qualname__", None) if isinstance(value, (type, types.FunctionType)) else None
    return name or "-"


def _public(obj):
    """A module's `__all__` when it has one (what `from tensorflow.x import *` and --supported give), else
    every attribute without a leading underscore."""
    names = getattr(obj, "__all__", None) if isinstance(obj, types.ModuleType) else None
    if names is None:
        names = dir(obj)
    return sorted(n for n in names if not n.startswith("_") or n == "__version__")


def dump():
    import tf_upgrade.compat_v1 as tf
    from tf_upgrade.compat_v1 import namespace

    registered = {id(m) for m in namespace.NAMESPACES.values()}
    lines = []

    def is_namespace(value):
        return id(value) in registered or value is tf

    def walk(obj, path, depth, stack):
        for name in _public(obj):
            try:
                value = getattr(obj, name)
            except (AttributeError, NotImplementedError):
                continue
            if isinstance(value, types.ModuleType) and not is_namespace(value):
                continue  # an internal submodule or a foreign module: not a TF name
            if isinstance(value, (types.FunctionType, type)) and value.__module__ == namespace.__name__:
                continue  # the export machinery a namespace module imports (export, export_namespace)
            qualified = path + "." + name
            lines.append("%s\t%s\t%s" % (qualified, _kind(value), _qualname(value)))
            if is_namespace(value) and id(value) not in stack and depth < MAX_DEPTH:
                walk(value, qualified, depth + 1, stack | {id(value)})

    walk(tf, "tf", 0, frozenset({id(tf)}))
    # and what `python -m tf_upgrade.compat_v1 --supported` lists (registered namespaces and their names)
    for qualified, names in namespace.supported_symbols().items():
        lines.extend("supported\t%s.%s" % (qualified, n) for n in names)
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", metavar="DUMP", help="compare with this earlier dump")
    args = parser.parse_args(argv)
    text = dump()
    if not args.check:
        sys.stdout.write(text)
        return 0
    with open(args.check, encoding="utf-8") as f:
        before = set(f.read().splitlines())
    after = set(text.splitlines())
    for line in sorted(before - after):
        print("- " + line)
    for line in sorted(after - before):
        print("+ " + line)
    print("%d names before, %d after, %d differ" % (len(before), len(after), len(before ^ after)))
    return 1 if before != after else 0


if __name__ == "__main__":
    sys.exit(main())

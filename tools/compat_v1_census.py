"""Which TensorFlow symbols a body of TF 1.x code uses that the numpy runtime (tf_upgrade.compat_v1) lacks.

    python tools/compat_v1_census.py DIR_OR_FILE... [--top N] [--files] [--json]

Every `.py` file is parsed with Python's ast (nothing is imported or run). Names bound by TensorFlow
imports (`import tensorflow as tf`, `import tensorflow.compat.v1 as tf`, `from tensorflow.contrib import
layers`, `from tensorflow.python.ops import math_ops`, ...) and every dotted use rooted at one are looked
up exactly as `python -m tf_upgrade.compat_v1 script.py` would resolve them at run time (the runtime's
import hook and namespaces, i.e. what `--supported` lists), so the census and the runtime cannot disagree.

A use is followed attribute by attribute while it stays inside modules, namespaces and classes; the
first name that does not resolve is the missing symbol (`tf.contrib.slim.arg_scope` counts as
`tf.contrib.slim`). Reported: files and uses per missing symbol, and the share of TF-importing files
that use nothing missing.
"""
import argparse
import ast
import collections
import importlib
import json
import os
import sys
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

TF = "tensorflow"


def python_files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith(".py"):
                    yield os.path.join(dirpath, name)


def _is_tf(module):
    return module == TF or module.startswith(TF + ".")


class _Imports(ast.NodeVisitor):
    """TF import bindings of a module (local name -> TF dotted path) and the imports themselves as uses."""

    def __init__(self):
        self.bindings = {}
        self.uses = []  # (dotted path, line)

    def visit_Import(self, node):
        for alias in node.names:
            if _is_tf(alias.name):
                self.bindings[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else TF
                self.uses.append((alias.name, node.lineno))

    def visit_ImportFrom(self, node):
        if node.level or not node.module or not _is_tf(node.module):
            return
        for alias in node.names:
            if alias.name == "*":
                self.uses.append((node.module, node.lineno))
                continue
            self.bindings[alias.asname or alias.name] = node.module + "." + alias.name
            self.uses.append((node.module + "." + alias.name, node.lineno))


class _Attributes(ast.NodeVisitor):
    """The maximal dotted uses rooted at a TF binding ('tensorflow.nn.relu')."""

    def __init__(self, bindings):
        self.bindings = bindings
        self.uses = []

    def visit_Attribute(self, node):
        parts = []
        current = node
        while isinstance(current, ast.Attribute):
            parts.append(current.attr)
            current = current.value
        if isinstance(current, ast.Name) and current.id in self.bindings:
            self.uses.append((".".join([self.bindings[current.id]] + parts[::-1]), node.lineno))
            return
        self.generic_visit(node)


def file_uses(path):
    """(imports TF?, [(dotted TF path, line)]) of one file; SyntaxError/ValueError for unparsable files.
    Bindings are collected from every import first (imports inside functions included), then uses."""
    with open(path, "rb") as f:
        tree = ast.parse(f.read(), filename=path)
    imports = _Imports()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.visit(node)
    attributes = _Attributes(imports.bindings)
    attributes.visit(tree)
    return bool(imports.uses), list(dict.fromkeys(imports.uses + attributes.uses))  # one per (path, line)


def _display(parts):
    """How users spell it: tf.contrib.slim, but tensorflow.python.ops.math_ops.foo (a module path)."""
    return ".".join(parts) if len(parts) > 1 and parts[1] == "python" else ".".join(["tf"] + parts[1:])


class Resolver:
    """Looks TF dotted paths up through the runtime's own import hook; remembers answers."""

    def __init__(self):
        from tf_upgrade.compat_v1 import importer  # loads the runtime
        self._importer = importer
        self._cache = {}

    def __enter__(self):
        self._installed_here = not any(isinstance(f, self._importer.TensorFlowFinder) for f in sys.meta_path)
        self._importer.install()
        return self

    def __exit__(self, *exc):
        if self._installed_here:  # leave an embedding process (a test run) as it was
            self._importer.uninstall()
        return False

    def missing(self, dotted):
        """The first missing prefix of a TF dotted path ('tf.contrib.slim'), or None if it resolves."""
        if dotted not in self._cache:
            self._cache[dotted] = self._first_missing(dotted.split("."))
        return self._cache[dotted]

    def _first_missing(self, parts):
        module_path = parts[0]
        obj = importlib.import_module(module_path)
        for i, part in enumerate(parts[1:], start=1):
            if not isinstance(obj, (types.ModuleType, type)) and not hasattr(obj, "_qualified_name"):
                return None  # an instance or function: what follows is not a TF API name
            try:
                obj = getattr(obj, part)
            except AttributeError:
                try:  # `import tensorflow.python.ops.math_ops` before any attribute use
                    obj = importlib.import_module(".".join(parts[:i + 1]))
                except ImportError:
                    return _display(parts[:i + 1])
            except Exception:  # noqa: BLE001 - a property or flag access that needs a running program
                return None
        return None


def census(paths):
    with Resolver() as resolver:
        return _census(paths, resolver)


def _census(paths, resolver):
    files = collections.OrderedDict()
    unparsable = []
    scanned = 0
    for path in python_files(paths):
        scanned += 1
        try:
            imports_tf, uses = file_uses(path)
        except (SyntaxError, ValueError) as e:
            unparsable.append((path, str(e).splitlines()[0]))
            continue
        if not imports_tf:
            continue
        missing = collections.Counter()
        for dotted, _line in uses:
            name = resolver.missing(dotted)
            if name is not None:
                missing[name] += 1
        files[path] = missing
    by_symbol = collections.defaultdict(lambda: [0, 0])
    for missing in files.values():
        for name, count in missing.items():
            by_symbol[name][0] += 1
            by_symbol[name][1] += count
    covered = sum(1 for m in files.values() if not m)
    return {"scanned": scanned, "tf_files": len(files), "covered_files": covered,
            "unparsable": unparsable,
            "missing": sorted(([name, f, u] for name, (f, u) in by_symbol.items()), key=lambda r: (-r[1], -r[2], r[0])),
            "files": {p: dict(m) for p, m in files.items()}}


def format_text(result, top, list_files):
    lines = []
    tf_files = result["tf_files"]
    pct = 100.0 * result["covered_files"] / tf_files if tf_files else 0.0
    lines.append("%d Python files, %d import TensorFlow; %d of those (%.0f%%) use nothing the runtime lacks."
                 % (result["scanned"], tf_files, result["covered_files"], pct))
    if result["unparsable"]:
        lines.append("%d files could not be parsed (skipped), e.g. %s: %s"
                     % (len(result["unparsable"]), result["unparsable"][0][0], result["unparsable"][0][1]))
    missing = result["missing"]
    lines.append("%d missing symbols%s:" % (len(missing), "" if top is None or top >= len(missing)
                                             else " (top %d by files)" % top))
    lines.append("  %6s %6s  %s" % ("files", "uses", "symbol"))
    for name, f, u in missing[:top]:
        lines.append("  %6d %6d  %s" % (f, u, name))
    if list_files:
        lines.append("")
        for path, m in result["files"].items():
            if m:
                lines.append("%s: %s" % (path, ", ".join("%s (%d)" % kv for kv in sorted(m.items()))))
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="directories or files of TF 1.x code")
    parser.add_argument("--top", type=int, default=40, help="missing symbols to list (0: all)")
    parser.add_argument("--files", action="store_true", help="also list each file's missing symbols")
    parser.add_argument("--json", action="store_true", help="the whole result as JSON")
    args = parser.parse_args(argv)
    result = census(args.paths)
    if args.json:
        sys.stdout.write(json.dumps(result, indent=1) + "\n")
    else:
        sys.stdout.write(format_text(result, args.top or None, args.files))
    return 0


if __name__ == "__main__":
    sys.exit(main())

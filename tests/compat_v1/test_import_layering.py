"""The runtime's modules import what they use from the modules that define it, never back through the
`tf_upgrade.compat_v1` package (the `tf` facade), and their imports form no cycle.

Read from the source (ast), at module and at function level alike: a function-level import that closes a
cycle works at run time but hides the layering (`graph -> session -> graph`), which is what this guards.
"""
import ast
import functools
import pathlib

import pytest

import tf_upgrade.compat_v1 as tf

PKG = "tf_upgrade.compat_v1"
ROOT = pathlib.Path(tf.__file__).parent


def _modules():
    """{dotted module name: (path, is_package)} for every module of the runtime."""
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = [PKG] + list(path.relative_to(ROOT).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


MODULES = _modules()


@functools.lru_cache(maxsize=None)
def _imports(name):
    """(line, imported module or package, names taken from it) for each import in `name`, at any level."""
    path, is_package = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = name.split(".") if is_package else name.split(".")[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[:len(here) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            found.append((node.lineno, target, tuple(a.name for a in node.names)))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                found.append((node.lineno, alias.name, ()))
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"):
            found.append((node.lineno, node.args[0].value, ()))
    return tuple(found)


@functools.lru_cache(maxsize=None)
def _edges():
    """module -> the runtime modules it imports (a `from pkg import sub` counts as importing `pkg.sub`)."""
    edges = {}
    for name in MODULES:
        out = set()
        for _, target, names in _imports(name):
            subs = [target + "." + n for n in names if target + "." + n in MODULES]
            out.update(subs or ([target] if target in MODULES else []))
        out.discard(name)
        edges[name] = out
    return edges


def test_no_module_imports_the_package_facade():
    """`import tf_upgrade.compat_v1 as tf` / `import_module("tf_upgrade.compat_v1")` inside the runtime, or a
    `from . import x` where `x` is not a submodule (then it is whatever the facade binds, e.g. the function
    `tf.gradients` rather than the module gradients.py)."""
    found = []
    for name in MODULES:
        for line, target, names in _imports(name):
            if target != PKG:
                continue
            facade_names = [n for n in names if PKG + "." + n not in MODULES]
            if not names or facade_names:
                found.append("%s:%d imports %s%s" % (MODULES[name][0].relative_to(ROOT.parent.parent), line, target,
                                                     (" names " + ", ".join(facade_names)) if facade_names else ""))
    assert not found, "back-imports of the tf facade:\n" + "\n".join(found)


def test_from_package_imports_get_the_submodule():
    """`from .. import dtypes` inside the runtime must give the module dtypes.py: a package attribute the
    namespaces rebind (tf.gradients is a function, tf.estimator a namespace) would hand over that instead."""
    import sys
    found = []
    for name in MODULES:
        for line, target, names in _imports(name):
            package = sys.modules.get(target)
            if package is None or not hasattr(package, "__path__"):
                continue
            for n in names:
                sub = target + "." + n
                if sub in MODULES and getattr(package, n, None) is not sys.modules.get(sub):
                    found.append("%s:%d from %s import %s" % (name, line, target, n))
    assert not found, "imports that get a rebound package attribute, not the submodule:\n" + "\n".join(found)


def _cycles(edges):
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, it = work[-1]
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(edges[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def test_runtime_imports_form_no_cycle():
    cycles = _cycles(_edges())
    assert not cycles, "import cycles (module- or function-level) among compat_v1 modules:\n" + "\n".join(
        " <-> ".join(m[len(PKG) + 1:] or PKG for m in c) for c in cycles)


def _reachable(edges, start):
    seen, todo = set(), [start]
    while todo:
        for nxt in edges[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


@pytest.mark.parametrize("lower,higher", [("graph", "session"), ("graph", "ops.array_ops"),
                                          ("ops.array_ops", "session"), ("initializers", "variables"),
                                          ("errors", "namespace")])
def test_core_layering(lower, higher):
    """Pairs that used to import each other (graph <-> session <-> ops, variables <-> initializers,
    errors <-> namespace) now depend one way: the lower module reaches the higher one through no path."""
    edges = _edges()
    assert PKG + "." + higher not in _reachable(edges, PKG + "." + lower)


def test_cycle_finder_sees_a_function_level_cycle():
    edges = {"m.a": {"m.b"}, "m.b": {"m.c"}, "m.c": {"m.a"}, "m.d": {"m.a"}}
    assert _cycles(edges) == [["m.a", "m.b", "m.c"]]
    assert _cycles({"m.a": {"m.b"}, "m.b": set()}) == []

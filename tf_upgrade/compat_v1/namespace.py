"""How the runtime's names become TensorFlow's namespaces, and what an unknown name raises.

A name is exported where it is defined: `@export("tf.nn.relu6", "tf.math.relu6")` on a function or class,
`export_value(float32, "tf.float32", "tf.dtypes.float32")` for what a decorator cannot mark (constants,
module-level aliases, values made by a factory), and `export_namespace(module, "tf.summary")` for a module
that is itself a namespace. `build(tf_module)`, run once at the bottom of the package `__init__`, binds every
export on its namespace (creating `Namespace` objects for the ones no module stands for: `tf.math`,
`tf.contrib.layers` ...). `--supported` lists what was bound, so it cannot drift from the exports.
Unknown names raise `UnsupportedSymbolError` naming the symbol and the user's file:line.
"""
import os
import sys
import types

from .errors import UnsupportedSymbolError

NAMESPACES = {}

_RUNTIME_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def user_site():
    """'file.py:12' of the innermost frame outside this runtime and the import machinery: the user's line
    that used (or imported) a symbol, even when the use went through the runtime's own code."""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not (filename.startswith(_RUNTIME_DIR) or filename.startswith("<frozen importlib")):
            return "%s:%d" % (filename, frame.f_lineno)
        frame = frame.f_back
    return None


def not_implemented_message(qualified_name, verb="used"):
    site = user_site()
    return ("%s is not implemented by tf_upgrade.compat_v1 (the numpy TF1 runtime shim)%s. Run "
            "`python -m tf_upgrade.compat_v1 --supported` for the implemented symbols."
            % (qualified_name, " (%s at %s)" % (verb, site) if site else ""))


def unsupported(qualified_name):
    return UnsupportedSymbolError(not_implemented_message(qualified_name))


def install_unsupported_getattr(module_globals, prefix):
    """Give a module a `__getattr__` that names the missing TF symbol instead of a bare AttributeError."""
    def __getattr__(name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError("module %r has no attribute %r" % (module_globals["__name__"], name))
        raise unsupported(prefix + "." + name)
    module_globals["__getattr__"] = __getattr__


def unsupported_attribute_hook(qualified_class_name):
    """A class `__getattr__` (runs only when normal lookup fails): unknown public attributes of tf objects
    (tf.Tensor.foo ...) raise UnsupportedSymbolError naming them; private and dunder names stay plain."""
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError("%r object has no attribute %r" % (type(self).__name__, name))
        raise unsupported("%s.%s" % (qualified_class_name, name))
    return __getattr__


def register_namespace(qualified_name, module):
    NAMESPACES[qualified_name] = module


class Namespace(types.SimpleNamespace):
    """A small attribute namespace (tf.math, tf.random ...) with the same unknown-name error."""

    def __init__(self, qualified_name, **symbols):
        super().__init__(**symbols)
        object.__setattr__(self, "_qualified_name", qualified_name)
        register_namespace(qualified_name, self)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        raise unsupported(self._qualified_name + "." + name)


def public_names(obj):
    names = getattr(obj, "__all__", None)
    if names is None:
        names = [n for n in vars(obj) if not n.startswith("_")]
        names = [n for n in names if not isinstance(vars(obj)[n], types.ModuleType) or
                 any(m is vars(obj)[n] for m in NAMESPACES.values())]
        # (a namespace module's `export`, `export_namespace` imports are this machinery, not TF names)
        names = [n for n in names if not (isinstance(vars(obj)[n], (types.FunctionType, type))
                                          and vars(obj)[n].__module__ == __name__)]
    return sorted(names)


def supported_symbols():
    """{'tf': [...], 'tf.nn': [...], ...} for every registered namespace."""
    return {qn: public_names(mod) for qn, mod in sorted(NAMESPACES.items())}


# ---- exports ----

_EXPORTS = []  # (qualified name, value) in definition order


def export_value(value, *qualified_names):
    """`value` is TensorFlow's `qualified_names` (each "tf.<namespace...>.<name>")."""
    for qualified in qualified_names:
        if not qualified.startswith("tf.") or qualified.endswith("."):
            raise ValueError("an export is named 'tf.<namespace...>.<name>', not %r" % qualified)
        _EXPORTS.append((qualified, value))
    return value


def exports():
    """Every (qualified name, value) exported so far, in definition order."""
    return tuple(_EXPORTS)


def export(*qualified_names):
    """Decorator form of `export_value` for a function or class: `@export("tf.nn.relu6")`."""
    def mark(obj):
        return export_value(obj, *qualified_names)
    return mark


def export_namespace(module, qualified_name, *aliases):
    """A module that is the namespace `qualified_name` (and bound at `aliases` too: tf.flags is tf.app.flags):
    exports naming it bind on the module itself, and unknown names on it raise UnsupportedSymbolError."""
    register_namespace(qualified_name, module)
    install_unsupported_getattr(vars(module), qualified_name)
    for qualified in (qualified_name,) + aliases:
        export_value(module, qualified)
    return module


def _namespace_for(qualified, root, created):
    if qualified == "tf":
        return root
    ns = NAMESPACES.get(qualified)
    if ns is None:
        ns = created[qualified] = Namespace(qualified)
        parent, _, name = qualified.rpartition(".")
        _bind(_namespace_for(parent, root, created), name, ns, qualified)
    return ns


_BOUND = {}  # id(namespace) -> {name: value} bound by build()


def _bind(ns, name, value, qualified):
    bound = _BOUND.setdefault(id(ns), {})
    if name in bound:
        if bound[name] is not value:
            raise ValueError("%s is exported twice, as two different objects" % qualified)
        return
    bound[name] = value
    if isinstance(ns, types.ModuleType):
        setattr(ns, name, value)
    else:
        object.__setattr__(ns, name, value)


def build(root):
    """Bind every export on its namespace; `root` is the `tf` module. A namespace module keeps its own
    `__all__` (the names it defines) and gains the exported ones; the root's `__all__` is what was exported."""
    register_namespace("tf", root)
    created = {}
    for qualified, value in sorted(_EXPORTS, key=lambda e: e[0].count(".")):
        parent, _, name = qualified.rpartition(".")
        _bind(_namespace_for(parent, root, created), name, value, qualified)
    for ns_id, names in _BOUND.items():
        ns = next((m for m in list(NAMESPACES.values()) + [root] if id(m) == ns_id), None)
        if isinstance(ns, types.ModuleType) and (ns is root or hasattr(ns, "__all__")):
            ns.__all__ = sorted(set(getattr(ns, "__all__", ()) if ns is not root else ()) | set(names))

"""What makes the tf-like modules behave like TF's namespaces: unknown names raise a clear error,
and the supported symbol list is generated from the namespace modules themselves.

A namespace module (tf.layers, tf.data, ...) joins by calling `register_namespace("tf.layers", module)`
and `install_unsupported_getattr(globals(), "tf.layers")` at its bottom.
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
    return sorted(names)


def supported_symbols():
    """{'tf': [...], 'tf.nn': [...], ...} for every registered namespace."""
    return {qn: public_names(mod) for qn, mod in sorted(NAMESPACES.items())}


# Names one of the runtime's own submodules leaves on a namespace module when it is imported (the package
# attribute `tf.layers` after `import tf_upgrade.compat_v1.layers`) do not count as that namespace's symbols.
_OWN_SUBPACKAGES = {"layers", "contrib", "data", "summary", "metrics", "monitored", "control_flow", "rnn", "queues",
                    "seq2seq", "saving", "platform", "io_formats", "kernels"}


def _has(module, name):
    try:
        value = getattr(module, name, None)
    except (AttributeError, NotImplementedError):
        return False
    if isinstance(value, types.ModuleType) and value.__name__.rsplit(".", 1)[-1] in _OWN_SUBPACKAGES:
        return False  # the package attribute set by importing one of our own submodules
    return value is not None


def extend_namespace(module, symbols):
    """Add symbols to an existing namespace module (and to its ``__all__`` for --supported).
    The core's own definitions win: a name it already has is left alone."""
    symbols = dict(symbols)
    for name in list(symbols):
        if _has(module, name):
            del symbols[name]
    for name, value in symbols.items():
        if isinstance(module, types.ModuleType):
            setattr(module, name, value)
        else:
            object.__setattr__(module, name, value)
    if isinstance(module, types.ModuleType) and hasattr(module, "__all__"):
        module.__all__ = sorted(set(module.__all__) | set(symbols))

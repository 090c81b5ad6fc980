"""`import tensorflow` answered by this runtime, for programs run unmodified
(`python -m tf_upgrade.compat_v1 script.py`).

A meta-path finder placed first on `sys.meta_path` serves `tensorflow` and every `tensorflow.*` module
with a `ModuleView`: a module object that looks names up in runtime namespaces (the top level, `tf.nn`,
`tf.contrib.layers`, or what `tf_modules.MODULES` lists for a `tensorflow.python.*` path). A view is a
package (it has `__path__`), so `import tensorflow.contrib.layers` and
`from tensorflow.python.ops import math_ops` go through the same finder.

What the runtime lacks fails where the user's code asks for it: an import raises
`UnsupportedImportError` (an ImportError, so `try: ... except ImportError:` fallbacks still work), a
missing name raises `UnsupportedSymbolError`; both name the symbol and the user's file:line.
"""
import importlib
import importlib.abc
import importlib.machinery
import sys
import types

from . import namespace, tf_modules
from .errors import UnsupportedImportError

ROOT = "tensorflow"
_MISSING = object()  # (None is a value: tf.newaxis)


def _runtime():
    return sys.modules[__package__]


def _resolve(qualified):
    """'tf.nn.rnn_cell', a registered namespace's name, or 'tf_upgrade.compat_v1.<module>.<name>' (a runtime
    internal that TF exposes only in a tensorflow.python module) -> that object, or _MISSING."""
    if qualified in namespace.NAMESPACES:
        return namespace.NAMESPACES[qualified]
    if qualified.startswith(__package__ + "."):
        module, _, attr = qualified.rpartition(".")
        return getattr(importlib.import_module(module), attr, _MISSING)
    obj = _runtime()
    for part in qualified.split(".")[1:]:
        try:
            obj = getattr(obj, part)
        except AttributeError:
            return _MISSING
    return obj


def _is_namespace(obj):
    return isinstance(obj, (types.ModuleType, namespace.Namespace))


class ModuleView(types.ModuleType):
    """A TensorFlow module path served by runtime namespaces (searched in order); found names are cached
    on the view, so later uses cost a plain module attribute lookup."""

    def __init__(self, name, sources, renames=None):
        super().__init__(name)
        self.__path__ = []
        self.__dict__["_tfu_sources"] = tuple(sources)
        self.__dict__["_tfu_renames"] = dict(renames or {})

    def __getattr__(self, name):
        sources = self.__dict__.get("_tfu_sources", ())
        if name.startswith("__") and name.endswith("__"):
            for source in sources:  # __version__ and the like, with plain AttributeErrors
                try:
                    return getattr(source, name)
                except AttributeError:
                    pass
            raise AttributeError("module %r has no attribute %r" % (self.__name__, name))
        qualified = self.__name__ + "." + name
        if name in self.__dict__["_tfu_renames"]:
            value = _resolve(self.__dict__["_tfu_renames"][name])
        elif qualified in tf_modules.MODULES or qualified in tf_modules.PACKAGES:
            value = importlib.import_module(qualified)
        else:
            value = _lookup(sources, name)
        if value is _MISSING:
            if self.__name__ not in tf_modules.MODULES and len(sources) == 1:
                getattr(sources[0], name)  # a namespace's own error names it the way users write it (tf.nn.x)
            raise namespace.unsupported(qualified)
        self.__dict__[name] = value
        return value

    def __dir__(self):
        names = set(self.__dict__)
        for source in self.__dict__["_tfu_sources"]:
            names.update(n for n in dir(source) if not n.startswith("_"))
        return sorted(names)


def _lookup(sources, name):
    for source in sources:
        try:
            return getattr(source, name)
        except AttributeError:
            continue
    return _MISSING


def view_for(fullname):
    """The module object for a TensorFlow module path; raises UnsupportedImportError for one the runtime lacks."""
    if fullname == ROOT:
        return ModuleView(ROOT, (_runtime(),))
    if fullname in tf_modules.MODULES:
        sources = [_resolve(q) for q in tf_modules.MODULES[fullname]]
        sources = [s for s in sources if s is not _MISSING]
        if sources or not tf_modules.MODULES[fullname]:
            return ModuleView(fullname, sources, tf_modules.RENAMES.get(fullname))
    elif fullname in tf_modules.PACKAGES:
        return ModuleView(fullname, ())
    else:
        target = _resolve("tf" + fullname[len(ROOT):])
        if _is_namespace(target):
            return ModuleView(fullname, (target,))
    raise UnsupportedImportError(namespace.not_implemented_message(fullname, verb="imported"), name=None)


class TensorFlowFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves `tensorflow` and `tensorflow.*` from this runtime."""

    def __init__(self):
        self._made = {}

    def find_spec(self, fullname, path=None, target=None):
        if fullname != ROOT and not fullname.startswith(ROOT + "."):
            return None
        self._made[fullname] = view_for(fullname)
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        return self._made.pop(spec.name)

    def exec_module(self, module):
        pass


def install():
    """Put the finder first on sys.meta_path (once). TensorFlow itself must not be imported already."""
    if any(isinstance(f, TensorFlowFinder) for f in sys.meta_path):
        return
    loaded = sys.modules.get(ROOT)
    if loaded is not None and not isinstance(loaded, ModuleView):
        raise RuntimeError("TensorFlow is already imported in this process; the numpy runtime cannot replace it")
    sys.meta_path.insert(0, TensorFlowFinder())


def uninstall():
    """Remove the finder and the views it made (for tests that install it in-process)."""
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, TensorFlowFinder)]
    for name in [n for n, m in sys.modules.items() if isinstance(m, ModuleView)]:
        del sys.modules[name]

"""A TF1 graph/Session runtime on numpy: `import tf_upgrade.compat_v1 as tf`.

Every TF name is exported where it is defined (`@export("tf.nn.relu6")`, see namespace.py): importing the
runtime's modules runs those exports, and `namespace.build` binds them on this module (the `tf` namespace)
and on the namespaces below it. Names not implemented here raise `tf.errors.UnsupportedSymbolError` (an
AttributeError and NotImplementedError) that names the missing symbol.
"""
import importlib
import pkgutil
import sys

from . import errors, namespace

for _module in pkgutil.walk_packages(__path__, __name__ + "."):
    if _module.name.rsplit(".", 1)[-1] != "__main__":  # (the run command, not a definition)
        importlib.import_module(_module.name)

namespace.export_namespace(errors, "tf.errors")  # (errors.py cannot import namespace.py, which imports it)
namespace.export_value("1.15.0", "tf.VERSION", "tf.__version__")  # the API level the runtime implements
namespace.export_value(sys.modules[__name__], "tf.compat.v1")
namespace.build(sys.modules[__name__])
namespace.install_unsupported_getattr(globals(), "tf")
del _module

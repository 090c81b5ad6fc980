"""`tf.scatter_update` and friends on variables (`scatter_add/sub/mul/div/min/max`, `scatter_nd_update/add/sub`).

Each op updates the variable's session cell in place (copy-on-write, see `state_ops.writable`) and
outputs the variable's new value, as TF 1.x's ref-variable versions return the updated ref. Repeated
indices accumulate for the arithmetic kinds (numpy's `ufunc.at`); for `scatter_update` the last write
wins (TF leaves that order unspecified).
"""
import numpy as np

from ..graph import convert_to_tensor
from ..namespace import export_value
from . import registry as R
from .common import make, scope
from .state_ops import _value_infer, writable

_UPDATES = {"update": None, "add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide,
            "min": np.minimum, "max": np.maximum}


def _scatter_kernel(ufunc, nd):
    def kernel(cell, indices, updates):
        value = writable(cell)
        indices = np.asarray(indices).astype(np.intp)
        where = tuple(np.moveaxis(indices, -1, 0)) if nd else indices
        updates = np.asarray(updates, dtype=value.dtype)
        if ufunc is None:
            value[where] = updates
        else:
            ufunc.at(value, where, updates)
        cell.exposed = True
        return value
    return kernel


for _kind, _ufunc in _UPDATES.items():
    R.register("ResourceScatter" + _kind.capitalize(), kernel=_scatter_kernel(_ufunc, False), infer=_value_infer,
               stateful=True, grad=R.NO_GRADIENT)
    if _kind in ("update", "add", "sub"):
        R.register("ResourceScatterNd" + _kind.capitalize(), kernel=_scatter_kernel(_ufunc, True),
                   infer=_value_infer, stateful=True, grad=R.NO_GRADIENT)


def _handle(ref):
    handle = getattr(ref, "_handle", None)
    if handle is None:
        raise TypeError("scatter ops need a tf.Variable, got %r" % (ref,))
    return handle


def _scatter(kind, nd):
    op_type = ("ResourceScatterNd" if nd else "ResourceScatter") + kind.capitalize()
    public = ("scatter_nd_" if nd else "scatter_") + kind

    def scatter(ref, indices, updates, use_locking=None, name=None):
        with scope(name, public) as s:
            idx = convert_to_tensor(indices, name="indices")
            upd = convert_to_tensor(updates, dtype=ref.dtype.base_dtype, name="updates")
            return make(op_type, [_handle(ref), idx, upd], None, s)
    scatter.__name__ = public
    return scatter


SYMBOLS = {("scatter_" + k): _scatter(k, False) for k in _UPDATES}
SYMBOLS.update({("scatter_nd_" + k): _scatter(k, True) for k in ("update", "add", "sub")})
for _name, _fn in SYMBOLS.items():
    export_value(_fn, "tf." + _name)

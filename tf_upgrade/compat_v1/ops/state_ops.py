"""Variable storage ops (resource style): a handle op names a session-side cell; reads and
assigns go through the handle, so assigning never needs the old value."""
import numpy as np

from .. import dtypes as _dt
from .. import errors
from ..namespace import export
from ..shapes import TensorShape
from . import registry as R


def _handle_kernel(op, session):
    cell = session.variable_cell(op)
    return lambda: cell


def _uninitialized(cell):
    return errors.FailedPreconditionError(
        None, None, "Attempting to use uninitialized value %s\n\t [[{{node %s}}]]" % (cell.name, cell.name))


def _read(cell):
    """The current value, for use inside a kernel (not handed out)."""
    value = cell.value
    if value is None:
        raise _uninitialized(cell)
    return value


def _read_exposed(cell):
    """The current value, handed out as an op output: later updates must not mutate it."""
    value = _read(cell)
    cell.exposed = True
    return value


def writable(cell):
    """The cell's array, safe to update in place (copied first if it was handed out)."""
    value = _read(cell)
    if cell.exposed:
        value = cell.value = value.copy()
        cell.exposed = False
    return value


def _handle_infer(op):
    return [(_dt.resource, TensorShape([]))]


def _value_infer(op):
    """Outputs of reads/assigns: the variable's dtype and static shape (stored on the handle op)."""
    h = op.inputs[0].op
    return [(h.attrs["dtype"], h.attrs["shape"])]


def _assign_factory(op, session):
    handle_op = op.inputs[0].op
    np_dtype = handle_op.attrs["dtype"].as_numpy_dtype
    static = handle_op.attrs["shape"]
    check = static.as_tuple() if static.is_fully_defined() and op.attrs.get("validate_shape", True) else None

    def assign(cell, value):
        value = np.array(value, dtype=np_dtype)  # a copy: later changes to the source must not leak in
        if check is not None and value.shape != check:
            raise errors.InvalidArgumentError(
                None, op, "Trying to assign a value of shape %s to variable %s of shape %s"
                % (list(value.shape), cell.name, list(check)))
        cell.value = value
        cell.exposed = True
        return value
    return assign


def _update(fn):
    def kernel(cell, delta):
        cell.value = value = fn(_read(cell), delta)
        cell.exposed = True
        return value
    return kernel


def _read_or_initial(cell, initial):
    return initial if cell.value is None else _read_exposed(cell)


R.register("VarHandleOp", kernel_factory=_handle_kernel, infer=_handle_infer, stateful=True)
R.register("ReadVariableOp", kernel=_read_exposed, infer=_value_infer, grad=lambda op, g: [g])
R.register("AssignVariableOp", kernel_factory=_assign_factory, infer=_value_infer, stateful=True)
R.register("AssignAddVariableOp", kernel=_update(np.add), infer=_value_infer, stateful=True)
R.register("AssignSubVariableOp", kernel=_update(np.subtract), infer=_value_infer, stateful=True)
R.register("VarIsInitializedOp", kernel=lambda cell: np.array(cell.value is not None),
           infer=lambda op: [(_dt.bool, TensorShape([]))], grad=R.NO_GRADIENT)
R.register("ReadOrInitialValue", kernel=_read_or_initial, infer=_value_infer, grad=R.NO_GRADIENT)


# ---- tf.assign / assign_add / assign_sub: TF 1.x's function spellings of the Variable methods ----

@export("tf.assign")
def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    return ref.assign(value, name=name)


@export("tf.assign_add")
def assign_add(ref, value, use_locking=None, name=None):
    return ref.assign_add(value, name=name)


@export("tf.assign_sub")
def assign_sub(ref, value, use_locking=None, name=None):
    return ref.assign_sub(value, name=name)

"""The everyday pieces real TF 1.x programs use around their graphs: `tf.compat`, the eager-mode switches
TF 1.15 code calls, `tf.div_no_nan`, `tf.to_double`, `device_lib` and `deprecation`'s decorators."""

from . import dtypes
from .graph import convert_to_tensor, name_scope
from .namespace import Namespace, export, export_value
from .ops import array_ops, math_ops


@export("tf.compat.as_bytes")
def _as_bytes(bytes_or_text, encoding="utf-8"):
    if isinstance(bytes_or_text, bytearray):
        return bytes(bytes_or_text)
    if isinstance(bytes_or_text, str):
        return bytes_or_text.encode(encoding)
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text
    raise TypeError("Expected binary or unicode string, got %r" % (bytes_or_text,))


@export("tf.compat.as_bytes_or_text", "tf.compat.as_str", "tf.compat.as_text")
def _as_text(bytes_or_text, encoding="utf-8"):
    if isinstance(bytes_or_text, str):
        return bytes_or_text
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text.decode(encoding)
    raise TypeError("Expected binary or unicode string, got %r" % (bytes_or_text,))


@export("tf.compat.as_str_any")
def _as_str_any(value):
    return _as_text(value) if isinstance(value, bytes) else str(value)


@export("tf.disable_eager_execution", "tf.disable_v2_behavior")
def _graph_mode_already():
    """disable_eager_execution / disable_v2_behavior: this runtime only has graph mode."""


@export("tf.executing_eagerly")
def _executing_eagerly():
    return False


class _LocalDevice:
    """What device_lib.list_local_devices() describes: this runtime has one CPU."""
    name = "/device:CPU:0"
    device_type = "CPU"
    memory_limit = 0
    physical_device_desc = ""

    def __repr__(self):
        return 'name: "%s"\ndevice_type: "%s"' % (self.name, self.device_type)


# tensorflow.python.client.device_lib and tensorflow.python.util.deprecation are importable TF modules
# (tf_modules.py), not attributes of `tf`: their namespaces are registered here, not bound under tf.python.
device_lib = Namespace("tf.python.client.device_lib")
deprecation = Namespace("tf.python.util.deprecation")


@export("tf.python.client.device_lib.list_local_devices")
def list_local_devices(session_config=None):
    return [_LocalDevice()]


@export("tf.div_no_nan", "tf.math.divide_no_nan")
def div_no_nan(x, y, name=None):
    """x / y, and 0 where y is 0 (the quotient is never inf or nan there)."""
    with name_scope(name, "div_no_nan"):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, dtype=x.dtype, name="y")
        nonzero = math_ops.not_equal(y, array_ops.zeros_like(y))
        safe = array_ops.where(nonzero, y, array_ops.ones_like(y))
        quotient = x / safe
        return array_ops.where(nonzero & array_ops.ones_like(quotient, dtype=dtypes.bool), quotient,
                               array_ops.zeros_like(quotient))


@export("tf.to_double")
def to_double(x, name="ToDouble"):
    return array_ops.cast(x, dtypes.float64, name=name)


# deprecation's decorators only log a warning in TF, so here they hand the function back unchanged.
@export("tf.python.util.deprecation.deprecated", "tf.python.util.deprecation.deprecated_arg_values",
        "tf.python.util.deprecation.deprecated_args", "tf.python.util.deprecation.deprecated_endpoints")
def passthrough_factory(*args, **kwargs):
    return lambda func: func


@export("tf.python.util.deprecation.deprecated_alias")
def deprecated_alias(deprecated_name, name, func_or_class, warn_once=True):
    return func_or_class


@export("tf.python.util.deprecation.deprecated_argument_lookup")
def deprecated_argument_lookup(new_name, new_value, old_name, old_value):
    return old_value if old_value is not None else new_value


@export("tf.python.util.deprecation.silence")
class silence:  # noqa: N801 - TF's name
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


export_value((bytes, str), "tf.compat.bytes_or_text_types")
export_value((int,), "tf.compat.integral_types")
export_value((int, float), "tf.compat.real_types")


@export("tf.disable_resource_variables", "tf.enable_resource_variables")
def _resource_variables_switch(*args, **kwargs):
    """enable/disable_resource_variables: every variable here is resource-style (README: Known differences)."""

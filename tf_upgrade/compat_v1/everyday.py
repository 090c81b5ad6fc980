"""The everyday pieces real TF 1.x programs use around their graphs, joined to the namespaces by
`install(tf_module)` (called at the end of `extensions.install`): `tf.compat`, `tf.device`, the
eager-mode switches TF 1.15 code calls, `tf.test`, `tf.gfile`/`tf.io.gfile`, the `tf.assert_*` family
(`tf.debugging`), sorting, sampling, scatter updates, file reads, `tf.IndexedSlices`, lookup tables, and the
contrib pieces `layers.layer_norm` and `training.HParams`."""
from .namespace import extend_namespace, Namespace


def _as_bytes(bytes_or_text, encoding="utf-8"):
    if isinstance(bytes_or_text, bytearray):
        return bytes(bytes_or_text)
    if isinstance(bytes_or_text, str):
        return bytes_or_text.encode(encoding)
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text
    raise TypeError("Expected binary or unicode string, got %r" % (bytes_or_text,))


def _as_text(bytes_or_text, encoding="utf-8"):
    if isinstance(bytes_or_text, str):
        return bytes_or_text
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text.decode(encoding)
    raise TypeError("Expected binary or unicode string, got %r" % (bytes_or_text,))


def _as_str_any(value):
    return _as_text(value) if isinstance(value, bytes) else str(value)


def _graph_mode_already():
    """disable_eager_execution / disable_v2_behavior: this runtime only has graph mode."""


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


device_lib = Namespace("tf.python.client.device_lib", list_local_devices=lambda session_config=None: [
    _LocalDevice()])


def _div_no_nan(tf):
    def div_no_nan(x, y, name=None):
        """x / y, and 0 where y is 0 (the quotient is never inf or nan there)."""
        with tf.name_scope(name, "div_no_nan"):
            x = tf.convert_to_tensor(x, name="x")
            y = tf.convert_to_tensor(y, dtype=x.dtype, name="y")
            nonzero = tf.not_equal(y, tf.zeros_like(y))
            safe = tf.where(nonzero, y, tf.ones_like(y))
            quotient = x / safe
            return tf.where(nonzero & tf.ones_like(quotient, dtype=tf.bool), quotient, tf.zeros_like(quotient))
    return div_no_nan


def _deprecation_namespace():
    """tensorflow.python.util.deprecation's decorators: they only log a warning in TF, so here they hand the
    function back unchanged."""
    def passthrough_factory(*args, **kwargs):
        return lambda func: func

    def deprecated_alias(deprecated_name, name, func_or_class, warn_once=True):
        return func_or_class

    class silence:  # noqa: N801 - TF's name
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    return Namespace("tf.python.util.deprecation", deprecated=passthrough_factory,
                     deprecated_args=passthrough_factory, deprecated_arg_values=passthrough_factory,
                     deprecated_argument_lookup=lambda new_name, new_value, old_name, old_value:
                     old_value if old_value is not None else new_value,
                     deprecated_endpoints=passthrough_factory, deprecated_alias=deprecated_alias, silence=silence)


deprecation = _deprecation_namespace()


def _resource_variables_switch(*args, **kwargs):
    """enable/disable_resource_variables: every variable here is resource-style (README: Known differences)."""


def install(tf):
    import importlib
    from . import graph, hparams, image_ops, indexed_slices, lookup_tables as lookup, testing
    contrib = importlib.import_module(__package__ + ".contrib")  # (the package attribute is tf.contrib)
    from .ops import check_ops, io_ops, sampling_ops, scatter_ops, sort_ops, unique_ops
    from .platform import gfile
    from .saving import meta_graph, saver
    compat = Namespace("tf.compat", v1=tf, dimension_value=unique_ops.dimension_value, as_bytes=_as_bytes, as_text=_as_text, as_str=_as_text,
                       as_str_any=_as_str_any, as_bytes_or_text=_as_text,
                       bytes_or_text_types=(bytes, str), integral_types=(int,), real_types=(int, float))
    extend_namespace(tf, {
        "compat": compat, "device": graph.device,
        "disable_eager_execution": _graph_mode_already, "disable_v2_behavior": _graph_mode_already,
        "executing_eagerly": _executing_eagerly,
        "test": testing, "gfile": gfile, "image": image_ops,
        "sort": sort_ops.sort, "argsort": sort_ops.argsort,
        "multinomial": sampling_ops.multinomial, "random_crop": sampling_ops.random_crop,
        "read_file": io_ops.read_file, "write_file": io_ops.write_file,
        "IndexedSlices": indexed_slices.IndexedSlices, "IndexedSlicesValue": indexed_slices.IndexedSlicesValue,
        "debugging": Namespace("tf.debugging", **check_ops.SYMBOLS),
        "tables_initializer": lookup.tables_initializer, "initialize_all_tables": lookup.tables_initializer,
        "lookup": lookup.tf_lookup,
        "div_no_nan": _div_no_nan(tf), "to_double": lambda x, name="ToDouble": tf.cast(x, tf.float64, name=name),
        "unique": unique_ops.unique, "unique_with_counts": unique_ops.unique_with_counts,
        "batch_gather": unique_ops.batch_gather, "dimension_value": unique_ops.dimension_value,
        "enable_resource_variables": _resource_variables_switch,
        "disable_resource_variables": _resource_variables_switch,
    })
    extend_namespace(tf.math, {"divide_no_nan": tf.div_no_nan})
    extend_namespace(tf, check_ops.SYMBOLS)  # the core's assert_equal/less/greater stay (same functions)
    extend_namespace(tf, scatter_ops.SYMBOLS)
    extend_namespace(tf.train, {"import_meta_graph": saver.import_meta_graph,
                       "export_meta_graph": meta_graph.export_meta_graph})
    extend_namespace(tf.random, {"categorical": sampling_ops.categorical, "multinomial": sampling_ops.multinomial})
    extend_namespace(tf.io, {"gfile": gfile.io_gfile, "read_file": io_ops.read_file, "write_file": io_ops.write_file})
    extend_namespace(tf.contrib.layers, {"layer_norm": contrib.layer_norm})
    extend_namespace(tf.contrib, {"training": Namespace("tf.contrib.training", HParams=hparams.HParams),
                         "lookup": lookup.contrib_lookup})

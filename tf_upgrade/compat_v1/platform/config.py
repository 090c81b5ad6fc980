from ..namespace import export_value

"""``tf.ConfigProto``, ``tf.GPUOptions``, ``tf.RunOptions`` & co.

The numpy runtime has no devices or threads to configure, so these accept any
field (as keyword arguments or by assignment, including nested messages such
as ``config.gpu_options.allow_growth = True``) and are otherwise ignored.
"""


class ProtoStub:
    """A permissive stand-in for a config protocol buffer message."""

    _nested = {}  # field name -> ProtoStub subclass created on first access
    _defaults = {}

    def __init__(self, **kwargs):
        for k, v in self._defaults.items():
            object.__setattr__(self, k, v)
        for k, v in kwargs.items():
            setattr(self, k, v)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        cls = self._nested.get(name)
        value = cls() if cls is not None else None
        object.__setattr__(self, name, value)
        return value

    def _fields(self):
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __eq__(self, other):
        return type(self) is type(other) and self._fields() == other._fields()

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join("%s=%r" % kv for kv in sorted(self._fields().items())))

    def CopyFrom(self, other):  # noqa: N802 - protobuf API
        self.__dict__.clear()
        self.__dict__.update(other.__dict__)

    def MergeFrom(self, other):  # noqa: N802
        self.__dict__.update(other.__dict__)

    def SerializeToString(self):  # noqa: N802
        return b""

    def ParseFromString(self, data):  # noqa: N802
        return len(data)

    def HasField(self, name):  # noqa: N802
        return name in self.__dict__

    def ClearField(self, name):  # noqa: N802
        self.__dict__.pop(name, None)


def _message(name, nested=None, defaults=None):
    return type(name, (ProtoStub,), {"_nested": nested or {}, "_defaults": defaults or {}})


GPUOptions = _message("GPUOptions", defaults={"allow_growth": False, "per_process_gpu_memory_fraction": 0.0,
                                              "visible_device_list": ""})
export_value(GPUOptions, "tf.GPUOptions")
OptimizerOptions = _message("OptimizerOptions")
export_value(OptimizerOptions, "tf.OptimizerOptions")
OptimizerOptions.ON_1, OptimizerOptions.L1, OptimizerOptions.L0, OptimizerOptions.OFF = 1, 0, -1, 2
GraphOptions = _message("GraphOptions", nested={"optimizer_options": OptimizerOptions})
export_value(GraphOptions, "tf.GraphOptions")
ThreadPoolOptionProto = _message("ThreadPoolOptionProto")
RPCOptions = _message("RPCOptions")
ConfigProto = _message("ConfigProto", nested={"gpu_options": GPUOptions, "graph_options": GraphOptions,
                                              "rpc_options": RPCOptions},
                       defaults={"allow_soft_placement": False, "log_device_placement": False,
                                 "intra_op_parallelism_threads": 0, "inter_op_parallelism_threads": 0})
export_value(ConfigProto, "tf.ConfigProto")
RunOptions = _message("RunOptions", defaults={"trace_level": 0, "timeout_in_ms": 0})
export_value(RunOptions, "tf.RunOptions")


class _TraceLevel:
    NO_TRACE, SOFTWARE_TRACE, HARDWARE_TRACE, FULL_TRACE = 0, 1, 2, 3


for _k, _v in vars(_TraceLevel).items():
    if not _k.startswith("_"):
        setattr(RunOptions, _k, _v)
RunOptions.TraceLevel = _TraceLevel
RunMetadata = _message("RunMetadata")
export_value(RunMetadata, "tf.RunMetadata")

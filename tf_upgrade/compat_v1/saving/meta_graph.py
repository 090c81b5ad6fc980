"""`.meta` files for graphs this runtime built: `Saver.save` writes one next to the checkpoint,
`tf.train.export_meta_graph` on request, and `tf.train.import_meta_graph` rebuilds the graph (ops,
variables, collections) into the default graph and returns a Saver for its variables.

The file is this runtime's own JSON description of the graph, not TensorFlow's MetaGraphDef protobuf:
TensorFlow cannot read it, and `import_meta_graph` refuses TensorFlow's files with a clear error. A graph
holding Python objects in op attributes (py_func callables, the traced branches of tf.cond/while_loop,
queues, datasets) cannot be described: `Saver.save` then writes no `.meta` and logs why.
"""
import base64
import json
import sys

import numpy as np

from .. import errors
from ..dtypes import DType
from ..graph import GraphKeys, Operation, Tensor, get_default_graph
from ..namespace import export
from ..shapes import TensorShape
from ..variables import Variable

FORMAT = "tf_upgrade.compat_v1 meta graph"
VERSION = 1
_dt = sys.modules[DType.__module__]


class NotExportable(ValueError):
    pass


def _encode(value, op):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, DType):
        return {"dtype": value.name}
    if isinstance(value, TensorShape):
        return {"shape": None if value.ndims is None else list(value.as_list())}
    if isinstance(value, bytes):
        return {"bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, (np.ndarray, np.generic)):
        arr = np.asarray(value)
        if arr.dtype == object:
            return {"strings": [base64.b64encode(v if isinstance(v, bytes) else str(v).encode()).decode("ascii")
                                for v in arr.reshape(-1)], "array_shape": list(arr.shape)}
        return {"array": base64.b64encode(np.ascontiguousarray(arr).tobytes()).decode("ascii"),
                "array_dtype": arr.dtype.str, "array_shape": list(arr.shape)}
    if isinstance(value, tuple):
        return {"tuple": [_encode(v, op) for v in value]}
    if isinstance(value, list):
        return [_encode(v, op) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"dict": {k: _encode(v, op) for k, v in value.items()}}
    raise NotExportable("op %s (%s) holds a %s in its attributes" % (op.name, op.type, type(value).__name__))


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "dtype" in value:
        return _dt.as_dtype(value["dtype"])
    if "shape" in value:
        return TensorShape(value["shape"])
    if "bytes" in value:
        return base64.b64decode(value["bytes"])
    if "strings" in value:
        out = np.empty(len(value["strings"]), dtype=object)
        out[:] = [base64.b64decode(s) for s in value["strings"]]
        return out.reshape(value["array_shape"])
    if "array" in value:
        return np.frombuffer(base64.b64decode(value["array"]), dtype=np.dtype(value["array_dtype"])) \
            .reshape(value["array_shape"]).copy()
    if "tuple" in value:
        return tuple(_decode(v) for v in value["tuple"])
    return {k: _decode(v) for k, v in value["dict"].items()}


def _variable_record(v):
    return {"handle": v._handle.op.name, "initial_value": v._initial_value.name,
            "initializer": v._initializer_op.name, "snapshot": v._snapshot.name, "trainable": bool(v._trainable)}


def _collection_item(item):
    if hasattr(item, "_handle") and hasattr(item, "_initializer_op"):
        return {"variable": item._handle.op.name}
    if isinstance(item, Tensor):
        return {"tensor": item.name}
    if isinstance(item, Operation):
        return {"op": item.name}
    if isinstance(item, (str, int, float, bool)):
        return {"value": item}
    return None


def describe(graph=None, collection_list=None):
    """The JSON-able description of a graph; NotExportable when an op cannot be described."""
    graph = graph or get_default_graph()
    ops = []
    for op in graph.get_operations():
        ops.append({"name": op.name, "type": op.type, "inputs": [t.name for t in op.inputs],
                    "control_inputs": [c.name for c in op.control_inputs],
                    "attrs": {k: _encode(v, op) for k, v in (op.attrs or {}).items()}})
    variables, collections = {}, {}
    for key in (collection_list if collection_list is not None else graph.get_all_collection_keys()):
        items = [_collection_item(i) for i in graph.get_collection(key)]
        if not items or any(i is None for i in items):
            continue  # collections of Python objects (queue runners, hooks ...) are left out, as TF warns
        collections[key] = items
        for item, obj in zip(items, graph.get_collection(key)):
            if "variable" in item:
                variables[item["variable"]] = _variable_record(obj)
    return {"format": FORMAT, "version": VERSION, "ops": ops, "variables": variables, "collections": collections}


@export("tf.train.export_meta_graph")
def export_meta_graph(filename=None, meta_info_def=None, graph_def=None, saver_def=None, collection_list=None,
                      as_text=False, graph=None, export_scope=None, clear_devices=False, **kwargs):
    doc = describe(graph, collection_list)
    if filename:
        with open(filename, "w") as f:
            json.dump(doc, f)
    return doc


def _read(meta_graph_or_file):
    if isinstance(meta_graph_or_file, dict):
        return meta_graph_or_file
    try:
        with open(meta_graph_or_file, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, "%s; No such file or directory" % meta_graph_or_file) from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        doc = None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise errors.UnimplementedError(
            None, None, "%s is not a .meta file written by tf_upgrade.compat_v1: the numpy runtime imports only "
            "the graphs it saved itself (TensorFlow's MetaGraphDef protobufs are not read). Rebuild the graph "
            "in Python and restore the checkpoint with tf.train.Saver instead." % meta_graph_or_file)
    return doc


def import_scoped_meta_graph(meta_graph_or_file, import_scope=None):
    """Rebuild the saved graph into the default graph; returns its global variables by the names they had when
    saved (the checkpoint keys). `saver.import_meta_graph` wraps them in a Saver."""
    doc = _read(meta_graph_or_file)
    graph = get_default_graph()
    prefix = (import_scope.rstrip("/") + "/") if import_scope else ""
    tensors, ops = {}, {}
    for rec in doc["ops"]:
        inputs = [tensors[name] for name in rec["inputs"]]
        attrs = {k: _decode(v) for k, v in rec["attrs"].items()}
        with graph.control_dependencies(None):
            op = graph.create_op(rec["type"], inputs, attrs, name=prefix + rec["name"] + "/")
        if rec["control_inputs"]:
            op.control_inputs = [ops[name] for name in rec["control_inputs"]]
        ops[rec["name"]] = op
        for t in op.outputs:
            tensors["%s:%d" % (rec["name"], t.value_index)] = t
    variables = {}
    for handle_name, rec in doc["variables"].items():
        v = object.__new__(Variable)
        handle = ops[handle_name]
        v._graph = graph
        v._dtype = handle.attrs["dtype"]
        v._shape = handle.attrs["shape"]
        v._trainable = rec["trainable"]
        v.constraint = None
        v._handle = handle.outputs[0]
        v._save_slice_info = None
        v._initial_value = tensors[rec["initial_value"]]
        v._initializer_op = ops[rec["initializer"]]
        v._snapshot = tensors[rec["snapshot"]]
        variables[handle_name] = v
    for key, items in doc["collections"].items():
        for item in items:
            if "variable" in item:
                graph.add_to_collection(key, variables[item["variable"]])
            elif "tensor" in item:
                graph.add_to_collection(key, tensors[item["tensor"]])
            elif "op" in item:
                graph.add_to_collection(key, ops[item["op"]])
            else:
                graph.add_to_collection(key, item["value"])
    # checkpoint keys are the names the variables had when saved (as TF's saved saver_def restores them)
    saved_names = {id(v): name for name, v in variables.items()}
    saveable = {saved_names[id(v)]: v for v in graph.get_collection(GraphKeys.GLOBAL_VARIABLES)
                if id(v) in saved_names}
    return saveable

"""The global step variable."""
from .. import dtypes as _dt
from ..graph import GraphKeys, get_default_graph
from ..initializers import zeros_initializer
from ..namespace import export
from ..variables import VariableScope, _var_scope_state, get_variable


@export("tf.contrib.framework.get_global_step")
def get_global_step(graph=None):
    graph = graph or get_default_graph()
    found = graph.get_collection(GraphKeys.GLOBAL_STEP)
    if len(found) > 1:
        raise TypeError("There are multiple items in collection global_step")
    if found:
        return found[0]
    try:
        return graph.get_tensor_by_name("global_step:0")
    except KeyError:
        return None


def create_global_step(graph=None):
    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default():
        state = _var_scope_state(graph)
        saved = state["scope"]
        state["scope"] = VariableScope(False)  # the global step lives at the root scope
        try:
            with graph.name_scope(None):
                return get_variable(GraphKeys.GLOBAL_STEP, shape=[], dtype=_dt.int64, initializer=zeros_initializer(),
                                    trainable=False, collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP])
        finally:
            state["scope"] = saved


@export("tf.contrib.framework.get_or_create_global_step")
def get_or_create_global_step(graph=None):
    graph = graph or get_default_graph()
    found = get_global_step(graph)
    return found if found is not None else create_global_step(graph)


def global_step(sess, global_step_tensor):
    return int(sess.run(global_step_tensor))

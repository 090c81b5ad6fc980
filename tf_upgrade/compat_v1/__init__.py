"""A TF1 graph/Session runtime on numpy: `import tf_upgrade.compat_v1 as tf`.

Names not implemented here raise `tf.errors.UnsupportedSymbolError` (an AttributeError and
NotImplementedError) that names the missing symbol.
"""
from . import dtypes as _dtypes_module
from . import errors, initializers, losses, nn, train
from .dtypes import (DType, as_dtype, bool, complex64, complex128, double,  # noqa: A004
                     float16, float32, float64, half, int8, int16, int32, int64, resource, string, uint8, uint16,
                     uint32, uint64)
from .gradients import gradients, hessians
from .graph import (Graph, GraphKeys, Operation, Tensor, add_to_collection, add_to_collections, colocate_with,
                    control_dependencies, convert_to_tensor, get_collection, get_collection_ref, get_default_graph,
                    get_default_session, name_scope, register_tensor_conversion_function, reset_default_graph)
from .initializers import (constant_initializer, glorot_normal_initializer, glorot_uniform_initializer,
                           ones_initializer, random_normal_initializer, random_uniform_initializer,
                           truncated_normal_initializer, variance_scaling_initializer, zeros_initializer)
from .namespace import Namespace, install_unsupported_getattr, register_namespace
from .ops.array_ops import (broadcast_to, cast, concat, constant, expand_dims, fill, gather, identity, newaxis,
                            one_hot, ones, ones_like, pad, placeholder, placeholder_with_default, range, rank,
                            reshape, shape, size, slice, split, squeeze, stack, stop_gradient, strided_slice, tile,
                            to_float, to_int32, to_int64, transpose, unstack, where, zeros, zeros_like)
from .ops.control_flow_ops import Assert, assert_equal, assert_greater, assert_less, group, no_op
from .ops.control_flow_ops import tuple_ as tuple  # noqa: A004
from .ops.indexing_ops import boolean_mask, eye, gather_nd, scatter_nd, sequence_mask
from .ops.math_ops import (abs, add, add_n, argmax, argmin, ceil, clip_by_value, cos, count_nonzero, cumsum, div,
                           divide, equal, exp, floor, floordiv, floormod, greater, greater_equal, is_finite, is_nan,
                           less, less_equal, linspace, log, log1p, log_sigmoid, logical_and, logical_not, logical_or,
                           logical_xor, matmul, maximum, minimum, multiply, negative, norm, not_equal, pow,
                           reciprocal, reduce_all, reduce_any, reduce_logsumexp, reduce_max, reduce_mean, reduce_min,
                           reduce_prod, reduce_std, reduce_sum, reduce_variance, round, rsqrt, scalar_mul, sigmoid,
                           sign, sin, sqrt, square, squared_difference, subtract, tanh, truediv)
from .ops.script_ops import Print, py_func
from .ops.random_ops import random_normal, random_shuffle, random_uniform, set_random_seed, truncated_normal
from .session import InteractiveSession, Session
from .shapes import Dimension, TensorShape
from .variables import (AUTO_REUSE, Variable, VariableScope, all_variables, assert_variables_initialized,
                        get_variable, get_variable_scope, global_variables, global_variables_initializer,
                        initialize_all_variables, initialize_local_variables, initialize_variables,
                        is_variable_initialized, local_variables, local_variables_initializer, model_variables,
                        moving_average_variables, report_uninitialized_variables, trainable_variables,
                        variable_op_scope, variable_scope, variables_initializer)

mod = floormod
realdiv = truediv
lin_space = linspace

math = Namespace(
    "tf.math", abs=abs, add=add, add_n=add_n, argmax=argmax, argmin=argmin, ceil=ceil, cos=cos, divide=divide,
    equal=equal, exp=exp, floor=floor, floordiv=floordiv, floormod=floormod, greater=greater,
    greater_equal=greater_equal, is_finite=is_finite, is_nan=is_nan, less=less, less_equal=less_equal, log=log,
    log1p=log1p, logical_and=logical_and, logical_not=logical_not, logical_or=logical_or, logical_xor=logical_xor,
    maximum=maximum, minimum=minimum, multiply=multiply, negative=negative, not_equal=not_equal, pow=pow,
    reciprocal=reciprocal, reduce_all=reduce_all, reduce_any=reduce_any, reduce_logsumexp=reduce_logsumexp,
    reduce_max=reduce_max, reduce_mean=reduce_mean, reduce_min=reduce_min, reduce_prod=reduce_prod,
    reduce_sum=reduce_sum, round=round, rsqrt=rsqrt, sigmoid=sigmoid, sign=sign, sin=sin, sqrt=sqrt, square=square,
    squared_difference=squared_difference, subtract=subtract, tanh=tanh, truediv=truediv, mod=floormod,
    softplus=nn.softplus, log_softmax=nn.log_softmax, softmax=nn.softmax, cumsum=cumsum, count_nonzero=count_nonzero,
    reduce_std=reduce_std, reduce_variance=reduce_variance, log_sigmoid=log_sigmoid, top_k=nn.top_k,
    in_top_k=nn.in_top_k, l2_normalize=nn.l2_normalize)
random = Namespace("tf.random", normal=random_normal, uniform=random_uniform, truncated_normal=truncated_normal,
                   shuffle=random_shuffle, set_random_seed=set_random_seed)
dtypes = Namespace("tf.dtypes", DType=DType, as_dtype=as_dtype, cast=cast, float16=float16, float32=float32,
                   float64=float64, int8=int8, int16=int16, int32=int32, int64=int64, uint8=uint8, bool=bool,
                   string=string, complex64=complex64, complex128=complex128)

# tf.initializers.global_variables & co. are the variables module's initializer-op builders
initializers.global_variables = global_variables_initializer
initializers.local_variables = local_variables_initializer
initializers.variables = variables_initializer
install_unsupported_getattr(vars(errors), "tf.errors")
install_unsupported_getattr(vars(initializers), "tf.initializers")

register_namespace("tf", __import__(__name__, fromlist=["_"]))
register_namespace("tf.nn", nn)
register_namespace("tf.train", train)
register_namespace("tf.losses", losses)
register_namespace("tf.errors", errors)
register_namespace("tf.initializers", initializers)

__all__ = sorted(n for n in dir() if not n.startswith("_")
                 and n not in ("install_unsupported_getattr", "register_namespace", "Namespace"))
install_unsupported_getattr(globals(), "tf")

# The rest of a TF1 program: layers, data, summary, control flow, Saver, RNNs, queues, contrib, app/flags/logging.
from . import extensions as _extensions  # noqa: E402

_extensions.install(globals())

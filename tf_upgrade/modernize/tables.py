"""What the lifter maps, as data: TF 1.x optimizers, layers and initializers and their TF 2 /
Keras 3 counterparts, plus the TF 1.x APIs it declines and the rule that says why.

A parameter spec is ``(tf1_name, keras_name, tf1_default)``: the TF 1.x signature in positional
order; ``keras_name`` None drops the argument (``use_locking``, ``name`` of an optimizer);
``tf1_default`` is source text written out explicitly when the call leaves the argument out and
Keras' default differs (``NO_DEFAULT``: same default, or required).
"""
from __future__ import annotations

from typing import Dict, NamedTuple, Optional, Tuple

NO_DEFAULT = None
INPUT = "<input>"  # the layer function's tensor argument: becomes the layer call's argument
CALL = "<call>"  # an argument of the layer call, not of the constructor (dropout's training)
REUSE = "<reuse>"  # tf.layers' reuse flag: decides whether an existing layer object is called again
UNLIFTED = "<unlifted>"  # an argument the lifter declines unless it is left out
FUSED = "<fused>"  # batch normalization's kernel choice: checked against the input's rank, not passed on


class Mapping(NamedTuple):
    target: str  # e.g. "tf.keras.optimizers.Adam"
    params: Tuple[Tuple[str, Optional[str], Optional[str]], ...]
    # keyword -> (keras keyword, how to spell the value): e.g. biases_initializer=None -> use_bias=False
    note: str = ""


OPTIMIZERS: Dict[str, Mapping] = {
    "tf.train.GradientDescentOptimizer": Mapping(
        "tf.keras.optimizers.SGD", (("learning_rate", "learning_rate", NO_DEFAULT), ("use_locking", None, None),
                                    ("name", None, None))),
    "tf.train.MomentumOptimizer": Mapping(
        "tf.keras.optimizers.SGD", (("learning_rate", "learning_rate", NO_DEFAULT), ("momentum", "momentum", None),
                                    ("use_locking", None, None), ("name", None, None),
                                    ("use_nesterov", "nesterov", NO_DEFAULT)),
        "TF 1.x accumulates g and steps lr*accum; Keras keeps -lr*g: the same iterates for a fixed rate"),
    "tf.train.AdamOptimizer": Mapping(
        "tf.keras.optimizers.Adam", (("learning_rate", "learning_rate", "0.001"), ("beta1", "beta_1", NO_DEFAULT),
                                     ("beta2", "beta_2", NO_DEFAULT), ("epsilon", "epsilon", "1e-08"),
                                     ("use_locking", None, None), ("name", None, None)),
        "TF 1.x Adam's epsilon is 1e-8, Keras' 1e-7"),
    "tf.train.AdagradOptimizer": Mapping(
        "tf.keras.optimizers.Adagrad", (("learning_rate", "learning_rate", NO_DEFAULT),
                                        ("initial_accumulator_value", "initial_accumulator_value", NO_DEFAULT),
                                        ("use_locking", None, None), ("name", None, None)),
        "TF 1.x Adagrad divides by sqrt(accum) with no epsilon; Keras adds epsilon=1e-7 unless told 0"),
    "tf.train.AdadeltaOptimizer": Mapping(
        "tf.keras.optimizers.Adadelta", (("learning_rate", "learning_rate", NO_DEFAULT), ("rho", "rho", NO_DEFAULT),
                                         ("epsilon", "epsilon", "1e-08"), ("use_locking", None, None),
                                         ("name", None, None)),
        "the same update (both start their accumulators at 0); TF 1.x's epsilon is 1e-8, Keras' 1e-7"),
    "tf.train.FtrlOptimizer": Mapping(
        "tf.keras.optimizers.Ftrl", (("learning_rate", "learning_rate", NO_DEFAULT),
                                     ("learning_rate_power", "learning_rate_power", NO_DEFAULT),
                                     ("initial_accumulator_value", "initial_accumulator_value", NO_DEFAULT),
                                     ("l1_regularization_strength", "l1_regularization_strength", NO_DEFAULT),
                                     ("l2_regularization_strength", "l2_regularization_strength", NO_DEFAULT),
                                     ("use_locking", None, None), ("name", None, None), ("accum_name", None, None),
                                     ("linear_name", None, None),
                                     ("l2_shrinkage_regularization_strength", "l2_shrinkage_regularization_strength",
                                      NO_DEFAULT), ("beta", "beta", NO_DEFAULT)),
        "the same FTRL-proximal update with the same defaults (accumulator 0.1); beta=None is Keras' 0.0"),
}
# Keras keywords a TF 1.x optimizer never has, written so that the update is the same
OPTIMIZER_EXTRA = {"tf.train.AdagradOptimizer": (("epsilon", "0.0"),)}

DECLINED_OPTIMIZERS = {
    "tf.train.RMSPropOptimizer": "TF 1.x RMSPropOptimizer starts its mean square accumulator at 1.0, Keras RMSprop "
                                 "at 0.0, and no Keras argument sets it (decay, momentum, centered and epsilon map: "
                                 "both add epsilon inside the square root); the first steps differ",
    "tf.train.ProximalGradientDescentOptimizer": "no Keras 3 counterpart (proximal l1/l2 steps)",
    "tf.train.ProximalAdagradOptimizer": "no Keras 3 counterpart (proximal l1/l2 steps)",
    "tf.train.AdagradDAOptimizer": "no Keras 3 counterpart (dual averaging)",
}

# tf.losses.* -> Keras 3 loss objects (called inline: ``tf.keras.losses.X(...)(labels, predictions)``).
# With weights=1.0 TF 1.x's SUM_BY_NONZERO_WEIGHTS is the mean over every element, as is Keras'
# sum_over_batch_size of the per-sample means; other weights/reductions divide differently.
LABELS, PREDICTIONS, DROPPED, ONE = "<labels>", "<predictions>", "<dropped>", "<one>"
_LOSS_TAIL = (("scope", DROPPED, None), ("loss_collection", None, None), ("reduction", None, None))
LOSSES: Dict[str, Mapping] = {
    "tf.losses.mean_squared_error": Mapping("tf.keras.losses.MeanSquaredError", (
        ("labels", LABELS, None), ("predictions", PREDICTIONS, None), ("weights", ONE, None)) + _LOSS_TAIL),
    "tf.losses.absolute_difference": Mapping("tf.keras.losses.MeanAbsoluteError", (
        ("labels", LABELS, None), ("predictions", PREDICTIONS, None), ("weights", ONE, None)) + _LOSS_TAIL),
    "tf.losses.huber_loss": Mapping("tf.keras.losses.Huber", (
        ("labels", LABELS, None), ("predictions", PREDICTIONS, None), ("weights", ONE, None),
        ("delta", "delta", None)) + _LOSS_TAIL),
    "tf.losses.softmax_cross_entropy": Mapping("tf.keras.losses.CategoricalCrossentropy", (
        ("onehot_labels", LABELS, None), ("logits", PREDICTIONS, None), ("weights", ONE, None),
        ("label_smoothing", "label_smoothing", None)) + _LOSS_TAIL),
    "tf.losses.sparse_softmax_cross_entropy": Mapping("tf.keras.losses.SparseCategoricalCrossentropy", (
        ("labels", LABELS, None), ("logits", PREDICTIONS, None), ("weights", ONE, None)) + _LOSS_TAIL),
    "tf.losses.sigmoid_cross_entropy": Mapping("tf.keras.losses.BinaryCrossentropy", (
        ("multi_class_labels", LABELS, None), ("logits", PREDICTIONS, None), ("weights", ONE, None),
        ("label_smoothing", "label_smoothing", None)) + _LOSS_TAIL),
}
LOSSES_FROM_LOGITS = {"tf.losses.softmax_cross_entropy", "tf.losses.sparse_softmax_cross_entropy",
                      "tf.losses.sigmoid_cross_entropy"}
LOSS_DECLINE_REASONS = {
    "tf.losses.log_loss": "TF 1.x's log_loss adds epsilon inside the logarithms; Keras' BinaryCrossentropy clips "
                          "the predictions instead",
    "tf.losses.hinge_loss": "not verified against Keras' Hinge by the lifter",
    "tf.losses.cosine_distance": "TF 1.x's cosine_distance takes unit vectors and an axis; Keras' CosineSimilarity "
                                 "normalizes and negates",
    "tf.losses.mean_pairwise_squared_error": "no Keras 3 counterpart",
    "tf.losses.compute_weighted_loss": "no Keras 3 counterpart",
}

# learning rates computed from global_step -> Keras 3 schedules (the optimizer calls them with its
# `iterations`, which counts the same steps as a global_step only this optimizer's minimize increments).
# Every mapped optimizer but Momentum uses the rate of the current step only; TF 1.x Momentum scales
# its accumulated gradients by it, Keras SGD accumulates already-scaled steps (graph.py declines it).
GLOBAL_STEP = "<global_step>"
SCHEDULES: Dict[str, Mapping] = {
    "tf.train.exponential_decay": Mapping("tf.keras.optimizers.schedules.ExponentialDecay", (
        ("learning_rate", "initial_learning_rate", None), ("global_step", GLOBAL_STEP, None),
        ("decay_steps", "decay_steps", None), ("decay_rate", "decay_rate", None), ("staircase", "staircase", None),
        ("name", None, None))),
    "tf.train.inverse_time_decay": Mapping("tf.keras.optimizers.schedules.InverseTimeDecay", (
        ("learning_rate", "initial_learning_rate", None), ("global_step", GLOBAL_STEP, None),
        ("decay_steps", "decay_steps", None), ("decay_rate", "decay_rate", None), ("staircase", "staircase", None),
        ("name", None, None))),
    "tf.train.polynomial_decay": Mapping("tf.keras.optimizers.schedules.PolynomialDecay", (
        ("learning_rate", "initial_learning_rate", None), ("global_step", GLOBAL_STEP, None),
        ("decay_steps", "decay_steps", None), ("end_learning_rate", "end_learning_rate", None),
        ("power", "power", None), ("cycle", "cycle", None), ("name", None, None))),
    "tf.train.piecewise_constant": Mapping("tf.keras.optimizers.schedules.PiecewiseConstantDecay", (
        ("x", GLOBAL_STEP, None), ("boundaries", "boundaries", None), ("values", "values", None),
        ("name", None, None))),
    "tf.train.cosine_decay": Mapping("tf.keras.optimizers.schedules.CosineDecay", (
        ("learning_rate", "initial_learning_rate", None), ("global_step", GLOBAL_STEP, None),
        ("decay_steps", "decay_steps", None), ("alpha", "alpha", None), ("name", None, None))),
}

_CONV = (("kernel_initializer", "kernel_initializer", NO_DEFAULT), ("bias_initializer", "bias_initializer", NO_DEFAULT))

LAYERS: Dict[str, Mapping] = {
    "tf.layers.dense": Mapping("tf.keras.layers.Dense", (
        ("inputs", INPUT, None), ("units", "units", None), ("activation", "activation", None),
        ("use_bias", "use_bias", None)) + _CONV + (("name", "name", None), ("reuse", REUSE, None))),
    "tf.layers.conv2d": Mapping("tf.keras.layers.Conv2D", (
        ("inputs", INPUT, None), ("filters", "filters", None), ("kernel_size", "kernel_size", None),
        ("strides", "strides", None), ("padding", "padding", None), ("data_format", "data_format", None),
        ("dilation_rate", "dilation_rate", None), ("activation", "activation", None),
        ("use_bias", "use_bias", None)) + _CONV + (("name", "name", None), ("reuse", REUSE, None))),
    "tf.layers.conv1d": Mapping("tf.keras.layers.Conv1D", (
        ("inputs", INPUT, None), ("filters", "filters", None), ("kernel_size", "kernel_size", None),
        ("strides", "strides", None), ("padding", "padding", None), ("data_format", "data_format", None),
        ("dilation_rate", "dilation_rate", None), ("activation", "activation", None),
        ("use_bias", "use_bias", None)) + _CONV + (("name", "name", None), ("reuse", REUSE, None))),
    "tf.layers.max_pooling2d": Mapping("tf.keras.layers.MaxPooling2D", (
        ("inputs", INPUT, None), ("pool_size", "pool_size", None), ("strides", "strides", None),
        ("padding", "padding", None), ("data_format", "data_format", None), ("name", "name", None))),
    "tf.layers.average_pooling2d": Mapping("tf.keras.layers.AveragePooling2D", (
        ("inputs", INPUT, None), ("pool_size", "pool_size", None), ("strides", "strides", None),
        ("padding", "padding", None), ("data_format", "data_format", None), ("name", "name", None))),
    "tf.layers.max_pooling1d": Mapping("tf.keras.layers.MaxPooling1D", (
        ("inputs", INPUT, None), ("pool_size", "pool_size", None), ("strides", "strides", None),
        ("padding", "padding", None), ("data_format", "data_format", None), ("name", "name", None))),
    # TF 1.x's defaults are Keras 3's (axis -1, momentum 0.99, epsilon 1e-3, beta 0, gamma 1, moving mean
    # 0, moving variance 1); the fused kernel TF 1.x picks for 4-D inputs is checked in graph.py
    "tf.layers.batch_normalization": Mapping("tf.keras.layers.BatchNormalization", (
        ("inputs", INPUT, None), ("axis", "axis", None), ("momentum", "momentum", None), ("epsilon", "epsilon", None),
        ("center", "center", None), ("scale", "scale", None), ("beta_initializer", "beta_initializer", None),
        ("gamma_initializer", "gamma_initializer", None),
        ("moving_mean_initializer", "moving_mean_initializer", None),
        ("moving_variance_initializer", "moving_variance_initializer", None),
        ("beta_regularizer", UNLIFTED, None), ("gamma_regularizer", UNLIFTED, None),
        ("beta_constraint", UNLIFTED, None), ("gamma_constraint", UNLIFTED, None), ("training", CALL, None),
        ("trainable", UNLIFTED, None), ("name", "name", None), ("reuse", REUSE, None), ("renorm", UNLIFTED, None),
        ("renorm_clipping", UNLIFTED, None), ("renorm_momentum", UNLIFTED, None), ("fused", FUSED, None),
        ("virtual_batch_size", UNLIFTED, None), ("adjustment", UNLIFTED, None))),
    "tf.layers.flatten": Mapping("tf.keras.layers.Flatten", (
        ("inputs", INPUT, None), ("name", "name", None), ("data_format", "data_format", None))),
    "tf.layers.dropout": Mapping("tf.keras.layers.Dropout", (
        ("inputs", INPUT, None), ("rate", "rate", "0.5"), ("noise_shape", "noise_shape", None),
        ("seed", "seed", None), ("training", CALL, None), ("name", "name", None))),
    # tf.contrib.layers: relu by default, xavier (= glorot uniform, Keras' default) weights, zero biases
    "tf.contrib.layers.fully_connected": Mapping("tf.keras.layers.Dense", (
        ("inputs", INPUT, None), ("num_outputs", "units", None), ("activation_fn", "activation", "tf.nn.relu"),
        ("weights_initializer", "kernel_initializer", None), ("biases_initializer", "bias_initializer", None),
        ("scope", "name", None), ("reuse", REUSE, None))),
    "tf.contrib.layers.conv2d": Mapping("tf.keras.layers.Conv2D", (
        ("inputs", INPUT, None), ("num_outputs", "filters", None), ("kernel_size", "kernel_size", None),
        ("stride", "strides", None), ("padding", "padding", "'same'"), ("data_format", "data_format", None),
        ("rate", "dilation_rate", None), ("activation_fn", "activation", "tf.nn.relu"),
        ("weights_initializer", "kernel_initializer", None), ("biases_initializer", "bias_initializer", None),
        ("scope", "name", None), ("reuse", REUSE, None))),
    "tf.contrib.layers.max_pool2d": Mapping("tf.keras.layers.MaxPooling2D", (
        ("inputs", INPUT, None), ("kernel_size", "pool_size", None), ("stride", "strides", "2"),
        ("padding", "padding", "'valid'"), ("data_format", "data_format", None), ("scope", "name", None))),
    "tf.contrib.layers.flatten": Mapping("tf.keras.layers.Flatten", (
        ("inputs", INPUT, None), ("scope", "name", None))),
}
# TF 1.x RNN cells run by tf.nn.dynamic_rnn -> the Keras 3 recurrent layer computing the same function.
# ``keras``: the layer; ``blocks``: how many [units]-wide column blocks TF 1.x's one kernel over
# [inputs, state] holds (its glorot limit is sqrt(6 / (input_depth + units + blocks * units))).
# The weights correspond after a fixed re-arrangement (verify.py hands the original's to the lifted
# program in Keras' layout): LSTM gates (i, j, f, o) -> (i, f, c=j, o), forget_bias -> the forget
# gate's bias (Keras' unit_forget_bias starts it at 1.0); GRU (r, u) + candidate -> (z=u, r, h) with
# reset_after=False (the reset gate multiplies the state before the recurrent matmul, as in TF 1.x).
class Cell(NamedTuple):
    keras: str
    params: Tuple[str, ...]  # the TF 1.x constructor's parameters, in positional order
    blocks: int


_LSTM_BASIC = ("num_units", "forget_bias", "state_is_tuple", "activation", "reuse", "name", "dtype")
_LSTM_FULL = ("num_units", "use_peepholes", "cell_clip", "initializer", "num_proj", "proj_clip", "num_unit_shards",
              "num_proj_shards", "forget_bias", "state_is_tuple", "activation", "reuse", "name", "dtype")
_GRU = ("num_units", "activation", "reuse", "kernel_initializer", "bias_initializer", "name", "dtype")
_RNN = ("num_units", "activation", "reuse", "name", "dtype")
CELLS: Dict[str, Cell] = {}
for _ns in ("tf.nn.rnn_cell", "tf.contrib.rnn"):
    CELLS[f"{_ns}.BasicLSTMCell"] = Cell("tf.keras.layers.LSTM", _LSTM_BASIC, 4)
    CELLS[f"{_ns}.LSTMCell"] = Cell("tf.keras.layers.LSTM", _LSTM_FULL, 4)
    CELLS[f"{_ns}.GRUCell"] = Cell("tf.keras.layers.GRU", _GRU, 3)
    CELLS[f"{_ns}.BasicRNNCell"] = Cell("tf.keras.layers.SimpleRNN", _RNN, 1)
# stacks of cells -> Keras' RNN over a list of cells (StackedRNNCells); the Keras cell of each layer class
MULTI_CELLS = ("tf.nn.rnn_cell.MultiRNNCell", "tf.contrib.rnn.MultiRNNCell")
KERAS_CELLS = {"tf.keras.layers.LSTM": "tf.keras.layers.LSTMCell", "tf.keras.layers.GRU": "tf.keras.layers.GRUCell",
               "tf.keras.layers.SimpleRNN": "tf.keras.layers.SimpleRNNCell"}
# cell arguments whose only liftable value is their default (anything else: TFU508 with the reason)
CELL_DEFAULT_ONLY = {
    "use_peepholes": ("False", "peephole connections have no Keras 3 LSTM counterpart"),
    "cell_clip": ("None", "clipping the cell state has no Keras 3 LSTM counterpart"),
    "num_proj": ("None", "an output projection (num_proj) has no Keras 3 LSTM counterpart"),
    "proj_clip": ("None", "an output projection (num_proj) has no Keras 3 LSTM counterpart"),
    "num_unit_shards": ("None", "sharded kernels are a TF 1.x partitioning"),
    "num_proj_shards": ("None", "sharded kernels are a TF 1.x partitioning"),
    "state_is_tuple": ("True", "state_is_tuple=False concatenates (c, h) into one tensor; Keras returns them "
                               "separately"),
    "reuse": ("None", "a reused cell shares variables across graph calls"),
    "dtype": ("tf.float32", "Keras layers compute in float32 here"),
}
# the TF 1.x functions that run a cell over a sequence, and their parameters in positional order
RNN_PARAMS = {
    "tf.nn.dynamic_rnn": ("cell", "inputs", "sequence_length", "initial_state", "dtype", "parallel_iterations",
                          "swap_memory", "time_major", "scope"),
    "tf.nn.static_rnn": ("cell", "inputs", "initial_state", "dtype", "sequence_length", "scope"),
    "tf.nn.bidirectional_dynamic_rnn": ("cell_fw", "cell_bw", "inputs", "sequence_length", "initial_state_fw",
                                        "initial_state_bw", "dtype", "parallel_iterations", "swap_memory",
                                        "time_major", "scope"),
}
# their arguments with no counterpart the lifter writes, and why
RNN_DECLINED = {
    "initial_state": "an initial state other than zeros is not lifted",
    "initial_state_fw": "an initial state other than zeros is not lifted",
    "initial_state_bw": "an initial state other than zeros is not lifted",
}

# the rank of a layer's output: "same" as its input, or a number
LAYER_RANK = {"tf.keras.layers.Dense": "same", "tf.keras.layers.Dropout": "same",
              "tf.keras.layers.BatchNormalization": "same", "tf.keras.layers.Flatten": 2,
              "tf.keras.layers.Conv2D": 4, "tf.keras.layers.MaxPooling2D": 4, "tf.keras.layers.AveragePooling2D": 4,
              "tf.keras.layers.Conv1D": 3, "tf.keras.layers.MaxPooling1D": 3}
# Keras layers without variables: left out of a training step's variable list
WEIGHTLESS_LAYERS = {"tf.keras.layers.MaxPooling2D", "tf.keras.layers.AveragePooling2D", "tf.keras.layers.MaxPooling1D",
                     "tf.keras.layers.Flatten", "tf.keras.layers.Dropout"}
# keyword=None in TF 1.x that means something else in Keras
LAYER_NONE_MEANS = {"biases_initializer": ("use_bias", "False"), "activation_fn": ("activation", "None")}

# TF 1.x initializer constructors -> Keras 3 initializer classes (keyword names are the same)
INITIALIZERS = {
    "tf.zeros_initializer": "tf.keras.initializers.Zeros",
    "tf.ones_initializer": "tf.keras.initializers.Ones",
    "tf.constant_initializer": "tf.keras.initializers.Constant",
    "tf.random_normal_initializer": "tf.keras.initializers.RandomNormal",
    "tf.random_uniform_initializer": "tf.keras.initializers.RandomUniform",
    "tf.truncated_normal_initializer": "tf.keras.initializers.TruncatedNormal",
    "tf.glorot_uniform_initializer": "tf.keras.initializers.GlorotUniform",
    "tf.glorot_normal_initializer": "tf.keras.initializers.GlorotNormal",
    "tf.contrib.layers.xavier_initializer": "tf.keras.initializers.GlorotUniform",
    "tf.keras.initializers.glorot_uniform": "tf.keras.initializers.GlorotUniform",
}
# initializers whose draw does not depend on the shape: one over TF 1.x's stacked cell kernel is the
# same distribution as one per Keras kernel
SHAPE_FREE_INITIALIZERS = {"tf.zeros_initializer", "tf.ones_initializer", "tf.constant_initializer",
                           "tf.random_normal_initializer", "tf.random_uniform_initializer",
                           "tf.truncated_normal_initializer"}
# tf.get_variable without an initializer: glorot uniform for floats (the variable scope default)
DEFAULT_GET_VARIABLE_INITIALIZER = "tf.keras.initializers.GlorotUniform()"

INITIALIZER_OPS = ("tf.global_variables_initializer", "tf.initialize_all_variables",
                   "tf.local_variables_initializer", "tf.initialize_local_variables",
                   "tf.tables_initializer", "tf.variables_initializer")
SESSIONS = ("tf.Session", "tf.InteractiveSession", "tf.compat.v1.Session", "tf.compat.v1.InteractiveSession")

# TF 1.x names the lifter declines wherever they appear, with the rule that says why
DECLINED_PREFIXES = (
    ("tf.control_dependencies", "TFU504"), ("tf.group", "TFU504"), ("tf.assign", "TFU504"),
    ("tf.tuple", "TFU504"), ("tf.no_op", "TFU504"),
    ("tf.get_collection", "TFU505"), ("tf.add_to_collection", "TFU505"), ("tf.GraphKeys", "TFU505"),
("tf.contrib.layers.batch_norm", "TFU505"),
    ("tf.trainable_variables", "TFU505"), ("tf.global_variables", "TFU505"),
    ("tf.losses.get_", "TFU505"), ("tf.moving_average_variables", "TFU505"),
    ("tf.train.ExponentialMovingAverage", "TFU505"),
    ("tf.train.string_input_producer", "TFU506"), ("tf.train.input_producer", "TFU506"),
    ("tf.train.slice_input_producer", "TFU506"), ("tf.train.batch", "TFU506"),
    ("tf.train.shuffle_batch", "TFU506"), ("tf.train.start_queue_runners", "TFU506"),
    ("tf.train.Coordinator", "TFU506"), ("tf.train.QueueRunner", "TFU506"), ("tf.TextLineReader", "TFU506"),
    ("tf.TFRecordReader", "TFU506"), ("tf.WholeFileReader", "TFU506"), ("tf.FixedLengthRecordReader", "TFU506"),
    ("tf.FIFOQueue", "TFU506"), ("tf.RandomShuffleQueue", "TFU506"), ("tf.PaddingFIFOQueue", "TFU506"),
    ("tf.decode_csv", "TFU506"), ("tf.data", "TFU506"),
    ("tf.Graph", "TFU507"), ("tf.get_default_graph", "TFU507"), ("tf.reset_default_graph", "TFU507"),
    ("tf.import_graph_def", "TFU507"), ("tf.graph_util", "TFU507"), ("tf.contrib.graph_editor", "TFU507"),
    ("tf.train.import_meta_graph", "TFU507"), ("tf.train.export_meta_graph", "TFU507"),
    ("tf.get_session_handle", "TFU507"), ("tf.get_session_tensor", "TFU507"),
    ("tf.nn.dynamic_rnn", "TFU508"), ("tf.nn.static_rnn", "TFU508"), ("tf.nn.bidirectional_dynamic_rnn", "TFU508"),
    ("tf.nn.rnn_cell", "TFU508"), ("tf.contrib.rnn", "TFU508"), ("tf.train.exponential_decay", "TFU508"),
    ("tf.train.piecewise_constant", "TFU508"), ("tf.train.polynomial_decay", "TFU508"),
    ("tf.train.inverse_time_decay", "TFU508"), ("tf.train.cosine_decay", "TFU508"),
    ("tf.train.natural_exp_decay", "TFU508"), ("tf.losses", "TFU508"),
    ("tf.py_func", "TFU508"), ("tf.contrib", "TFU508"), ("tf.estimator", "TFU508"), ("tf.layers", "TFU508"),
    ("tf.train.SessionRunHook", "TFU507"), ("tf.train.MonitoredSession", "TFU507"),
    ("tf.train.MonitoredTrainingSession", "TFU507"), ("tf.train.Supervisor", "TFU507"),
    ("tf.placeholder_with_default", "TFU502"), ("tf.sparse_placeholder", "TFU502"),
    ("tf.make_template", "TFU509"), ("tf.get_variable_scope", "TFU509"),
)

DECLINE_REASONS = {
    "tf.nn.dynamic_rnn": "dynamic_rnn is lifted only as `outputs, state = tf.nn.dynamic_rnn(cell, inputs, ...)` at "
                         "module level, over a cell the lifter maps (BasicLSTMCell, LSTMCell, GRUCell, BasicRNNCell)",
    "tf.nn.static_rnn": "static_rnn is lifted only as `outputs, state = tf.nn.static_rnn(cell, steps, ...)` at "
                        "module level, over a cell the lifter maps",
    "tf.nn.bidirectional_dynamic_rnn": "bidirectional_dynamic_rnn is lifted only as `outputs, states = tf.nn."
                                       "bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, ...)` at module level "
                                       "(or with `(out_fw, out_bw), (state_fw, state_bw)` targets), over cells the "
                                       "lifter maps",
    "tf.nn.rnn_cell.MultiRNNCell": "stacked cells are lifted only as `name = tf.nn.rnn_cell.MultiRNNCell([...])` "
                                   "at module level, run by one dynamic_rnn or static_rnn",
    "tf.contrib.rnn.MultiRNNCell": "stacked cells are lifted only as `name = tf.contrib.rnn.MultiRNNCell([...])` "
                                   "at module level, run by one dynamic_rnn or static_rnn",
    "tf.nn.rnn_cell.DropoutWrapper": "DropoutWrapper's per-step dropout masks differ from Keras' dropout/"
                                     "recurrent_dropout",
    "tf.contrib.rnn.DropoutWrapper": "DropoutWrapper's per-step dropout masks differ from Keras' dropout/"
                                     "recurrent_dropout",
    "tf.train.natural_exp_decay": "no Keras 3 schedule computes exp(-decay_rate * step / decay_steps) exactly",
}
for _q in SCHEDULES:
    DECLINE_REASONS[_q] = ("a decayed learning rate is lifted only as `name = " + _q + "(..., global_step, ...)` at "
                           "module level, passed to one optimizer whose minimize increments that global_step")
for _q in LOSSES:
    DECLINE_REASONS[_q] = "a tf.losses function is lifted only inside a graph tensor's expression"
DECLINE_REASONS.update(LOSS_DECLINE_REASONS)


def declined(qualname: str) -> Optional[str]:
    """The rule id that declines a TF 1.x name, or None."""
    for prefix, rule_id in DECLINED_PREFIXES:
        if qualname == prefix or qualname.startswith(prefix + ".") or (prefix.endswith("_") and qualname.startswith(prefix)):
            return rule_id
    return None


def decline_reason(qualname: str, rule_id: str) -> str:
    """Why a declined name is declined: its own reason, else what its rule covers."""
    if qualname in DECLINE_REASONS:
        return DECLINE_REASONS[qualname]
    if qualname in DECLINED_OPTIMIZERS:
        return DECLINED_OPTIMIZERS[qualname]
    if qualname in CELLS:
        return ("a cell is lifted only as `name = <Cell>(...)` at module level, run by one "
                "`outputs, state = tf.nn.dynamic_rnn(name, ...)` (or static_rnn, bidirectional_dynamic_rnn)")
    from ..rules import load_all

    return load_all().rules[rule_id].summary

# ---- random draws (randomness.py, TFU512) ----
# TF 1.x calls that draw random numbers each time they run (stateful ops: one random sequence per
# op, seeded from (graph seed, op seed)); their TF 2 spellings draw the same numbers in a tf.function
# or eagerly when the op seed is given (see randomness.py for the conditions)
RANDOM_OPS = frozenset({
    "tf.random_normal", "tf.random_uniform", "tf.truncated_normal", "tf.random_shuffle", "tf.random_crop",
    "tf.multinomial", "tf.random_gamma", "tf.random_poisson", "tf.nn.dropout",
    "tf.random.normal", "tf.random.uniform", "tf.random.truncated_normal", "tf.random.shuffle",
    "tf.random.crop", "tf.random.categorical", "tf.random.multinomial", "tf.random.gamma", "tf.random.poisson",
    "tf.nn.sampled_softmax_loss", "tf.nn.nce_loss", "tf.nn.uniform_candidate_sampler",
    "tf.nn.log_uniform_candidate_sampler", "tf.nn.learned_unigram_candidate_sampler",
    "tf.nn.fixed_unigram_candidate_sampler", "tf.nn.all_candidate_sampler",
})
RANDOM_OP_PREFIXES = ("tf.image.random_",)
# initializers whose values are random draws (the rest are constants)
RANDOM_INITIALIZERS = frozenset({
    "tf.random_normal_initializer", "tf.random_uniform_initializer", "tf.truncated_normal_initializer",
    "tf.glorot_uniform_initializer", "tf.glorot_normal_initializer", "tf.contrib.layers.xavier_initializer",
    "tf.keras.initializers.glorot_uniform", "tf.orthogonal_initializer", "tf.variance_scaling_initializer",
    "tf.uniform_unit_scaling_initializer", "tf.initializers.random_normal", "tf.initializers.random_uniform",
    "tf.initializers.truncated_normal", "tf.initializers.glorot_uniform", "tf.initializers.glorot_normal",
})
# the layer parameters holding an initializer whose default draws at random (glorot uniform kernels)
RANDOM_DEFAULT_INITIALIZERS = {"tf.keras.layers.Dense": "kernel_initializer",
                               "tf.keras.layers.Conv2D": "kernel_initializer",
                               "tf.keras.layers.Conv1D": "kernel_initializer"}
# calls that set TF 1.x's graph-level seed (every op without its own seed derives one from it)
GRAPH_SEED_SETTERS = ("tf.set_random_seed", "tf.random.set_random_seed", "tf.random.set_seed",
                      "tf.compat.v1.set_random_seed")


def is_random_op(qualname: Optional[str]) -> bool:
    return qualname is not None and (qualname in RANDOM_OPS or qualname.startswith(RANDOM_OP_PREFIXES))

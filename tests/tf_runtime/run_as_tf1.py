"""Run a TF 1.x script under TF 1.x semantics on a TF 2 install (used by tests/test_tf1_runnable.py).

``import tensorflow as tf`` gets ``tf.compat.v1`` with ``disable_v2_behavior()``
(graph mode, TF 1 variables and control flow), and ``tf.contrib`` gets the
pieces the example scripts use from the packages that carry them today
(tf_slim for slim/layers/framework, the compat.v1 RNN cells for contrib.rnn).
This is the closest thing to TF 1.15 available on Python 3.11; it shows the
examples are TF 1 programs, not that every TF 1.x behaviour is reproduced.

usage: python run_as_tf1.py SCRIPT.py [ARGS...]
"""
import runpy
import sys
import types

import tensorflow.compat.v1 as tf1

tf1.disable_v2_behavior()

import tf_slim  # noqa: E402

contrib = types.ModuleType("tensorflow.contrib")
contrib.slim = tf_slim
contrib.layers = tf_slim
contrib.framework = tf_slim
contrib.rnn = types.ModuleType("tensorflow.contrib.rnn")
for name in ("BasicLSTMCell", "BasicRNNCell", "GRUCell", "LSTMCell", "LSTMStateTuple", "MultiRNNCell",
             "DropoutWrapper", "RNNCell"):
    setattr(contrib.rnn, name, getattr(tf1.nn.rnn_cell, name))
contrib.rnn.static_rnn = tf1.nn.static_rnn
tf1.contrib = contrib
sys.modules.update({"tensorflow": tf1, "tensorflow.contrib": contrib, "tensorflow.contrib.slim": tf_slim,
                    "tensorflow.contrib.layers": tf_slim, "tensorflow.contrib.rnn": contrib.rnn})

script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")

"""Run a TF 1.x program unmodified under real TensorFlow 2.x: `import tensorflow` gives
`tensorflow.compat.v1` with v2 behaviour disabled (graph mode, TF 1.x semantics) and resource variables.

    TF_USE_LEGACY_KERAS=1 /path/to/tf-python tools/compat_v1_tf1_run.py program.py [args...]

Used by tools/compat_v1_models_references.py to produce the references the runtime's
`python -m tf_upgrade.compat_v1 program.py` is compared with.
"""
import importlib.util
import os
import runpy
import sys

if importlib.util.find_spec("tf_keras") is not None:
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")  # tf.compat.v1.layers needs tf_keras on TF 2.16+
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def main():
    import tensorflow.compat.v1 as tf1
    tf1.disable_v2_behavior()
    # Resource variables, as TF 2.x graph mode and the runtime have them: a variable read inside one
    # session.run is a snapshot. With TF 1.x ref variables the backward pass may see a weight that the
    # same run's optimizer update already changed, so results depend on TF's executor order.
    tf1.enable_resource_variables()
    tf1.logging.set_verbosity(tf1.logging.ERROR)
    _ = tf1.layers.dense  # load tf_keras's layers before `tensorflow` is pointed at compat.v1
    sys.modules["tensorflow"] = tf1
    program = sys.argv[1]
    sys.argv = sys.argv[1:]
    sys.path.insert(0, os.path.dirname(os.path.abspath(program)))
    runpy.run_path(program, run_name="__main__")


if __name__ == "__main__":
    main()

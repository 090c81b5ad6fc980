"""Run a TF 1.x program unmodified under real TensorFlow 2.x: `import tensorflow` gives
`tensorflow.compat.v1` with v2 behaviour disabled (graph mode, TF 1.x semantics) and resource variables.

    TF_USE_LEGACY_KERAS=1 /path/to/tf-python tools/compat_v1_tf1_run.py [--tf0] program.py [args...]

Used by tools/compat_v1_models_references.py to produce the references the runtime's
`python -m tf_upgrade.compat_v1 program.py` is compared with.

`--tf0` runs a TensorFlow 0.x program (2016): the names TF 1.0 removed are put back on the TF side only,
each as the TF 1.x op it became, with 0.x's signature (tf.concat(concat_dim, values), tf.split(split_dim,
num_split, value), tf.reverse(tensor, dims) with a bool mask, the tag-first summaries as TF's raw summary
ops, which write the tag as given). These follow TF 0.12's documented signatures, not the runtime's code.
"""
import importlib.util
import os
import runpy
import sys

if importlib.util.find_spec("tf_keras") is not None:
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")  # tf.compat.v1.layers needs tf_keras on TF 2.16+
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def install_tf0_names(tf1):
    """TF 0.12's names that TF 1.0 removed, as stand-ins made of TF 1.x ops (0.x signatures)."""
    import tensorflow as tf2
    concat, split, reverse_axes = tf1.concat, tf1.split, tf1.reverse  # (the names are replaced below)

    def tagged(op_type, default_name):
        def summary(tag, values, collections=None, name=None, **attrs):
            with tf1.name_scope(name, default_name) as scope:
                if op_type == "ScalarSummary":
                    out = tf2.raw_ops.ScalarSummary(tags=tag, values=values, name=scope)
                elif op_type == "HistogramSummary":
                    out = tf2.raw_ops.HistogramSummary(tag=tag, values=values, name=scope)
                else:
                    out = tf2.raw_ops.ImageSummary(tag=tag, tensor=values, name=scope, **attrs)
            for key in collections if collections is not None else [tf1.GraphKeys.SUMMARIES]:
                tf1.add_to_collection(key, out)
            return out
        return summary

    def reverse(tensor, dims, name=None):
        return reverse_axes(tensor, [i for i, flag in enumerate(dims) if flag], name=name)

    def merge_all_summaries(key=tf1.GraphKeys.SUMMARIES):
        summaries = tf1.get_collection(key)
        return tf1.summary.merge(summaries, name="MergeSummary") if summaries else None

    image_summary = tagged("ImageSummary", "ImageSummary")
    names = {
        "mul": tf1.multiply, "sub": tf1.subtract, "neg": tf1.negative, "inv": tf1.reciprocal,
        "pack": lambda values, axis=0, name="pack": tf1.stack(values, axis, name),
        "unpack": lambda value, num=None, axis=0, name="unpack": tf1.unstack(value, num, axis, name),
        "select": lambda condition, t, e, name=None: tf1.where(condition, t, e, name),
        "batch_matmul": lambda x, y, adj_x=False, adj_y=False, name=None:
            tf1.matmul(x, y, adjoint_a=adj_x, adjoint_b=adj_y, name=name),
        "concat": lambda concat_dim, values, name="concat": concat(values, concat_dim, name),
        "split": lambda split_dim, num_split, value, name="split": split(value, num_split, split_dim, name=name),
        "reverse": reverse,
        "scalar_summary": tagged("ScalarSummary", "ScalarSummary"),
        "histogram_summary": tagged("HistogramSummary", "HistogramSummary"),
        "image_summary": lambda tag, tensor, max_images=3, collections=None, name=None:
            image_summary(tag, tensor, collections, name, max_images=max_images),
        "merge_summary": lambda inputs, collections=None, name=None:
            tf1.summary.merge(inputs, collections, name or "MergeSummary"),
        "merge_all_summaries": merge_all_summaries,
    }
    for name, value in names.items():
        setattr(tf1, name, value)
    tf1.train.SummaryWriter = tf1.summary.FileWriter
    tf1.nn.rnn = tf1.nn.static_rnn
    tf1.image.per_image_whitening = tf1.image.per_image_standardization


def main():
    import tensorflow.compat.v1 as tf1
    tf1.disable_v2_behavior()
    # Resource variables, as TF 2.x graph mode and the runtime have them: a variable read inside one
    # session.run is a snapshot. With TF 1.x ref variables the backward pass may see a weight that the
    # same run's optimizer update already changed, so results depend on TF's executor order.
    tf1.enable_resource_variables()
    tf1.logging.set_verbosity(tf1.logging.ERROR)
    _ = tf1.layers.dense  # load tf_keras's layers before `tensorflow` is pointed at compat.v1
    if sys.argv[1] == "--tf0":
        install_tf0_names(tf1)
        del sys.argv[1]
    sys.modules["tensorflow"] = tf1
    program = sys.argv[1]
    sys.argv = sys.argv[1:]
    sys.path.insert(0, os.path.dirname(os.path.abspath(program)))
    runpy.run_path(program, run_name="__main__")


if __name__ == "__main__":
    main()

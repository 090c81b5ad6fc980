"""Run the TF1-style programs of tests/compat_v1/programs under real TensorFlow and store
their results as references for the shim's tests.

    TF_USE_LEGACY_KERAS=1 $TF_UPGRADE_TF_PYTHON tools/compat_v1_programs_references.py [--out DIR] [names...]

Writes tests/compat_v1/references/<program>.json (or DIR/<program>.json).
"""
import importlib
import json
import os
import sys
import tempfile

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import tensorflow.compat.v1 as tf  # noqa: E402

tf.disable_v2_behavior()

PROGRAMS = ["p_layers", "p_nn", "p_control_flow", "p_data", "p_rnn", "p_queues", "p_misc", "p_saver", "p_more", "p_extras", "p_tensor_array", "p_records", "p_sparse"]


OUT_DIR = os.path.join(ROOT, "tests", "compat_v1", "references")


def main(names, out_dir=OUT_DIR):
    for name in names or PROGRAMS:
        mod = importlib.import_module("tests.compat_v1.programs." + name)
        with tempfile.TemporaryDirectory() as work:
            result = mod.run(tf, work)
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            json.dump(result, f, indent=0, sort_keys=True)
        print("wrote", name)


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--out" in args:
        i = args.index("--out")
        main(args[:i] + args[i + 2:], args[i + 1])
    else:
        main(args)

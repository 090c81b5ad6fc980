"""Produce tests/compat_v1/references/<programs>.json from real TensorFlow.

Run with a python that has TensorFlow (the project used tensorflow-cpu 2.21, and tf_slim for
contrib.layers pieces):

    $TF_UPGRADE_TF_PYTHON tools/compat_v1_references.py [--out FILE]                    # core_programs
    $TF_UPGRADE_TF_PYTHON tools/compat_v1_references.py everyday_programs [--out FILE]

Every program in tests/compat_v1/<programs>.py runs under `tensorflow.compat.v1` with eager
execution disabled (TF1 graph mode); the results are written as JSON together with the versions used.
The tests compare the numpy shim against this file and never import TensorFlow.
"""
import json
import os
import platform
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    args = [a for a in sys.argv[1:] if a != "--stdout"]  # --stdout: print the document instead of writing it
    out_path = None
    if "--out" in args:  # --out FILE: write there instead (the live-TensorFlow test)
        i = args.index("--out")
        out_path = args[i + 1]
        args = args[:i] + args[i + 2:]
    programs_name = args[0] if args else "core_programs"
    out_path = out_path or os.path.join(ROOT, "tests", "compat_v1", "references", programs_name + ".json")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import numpy as np
    import tensorflow as real_tf
    tf = real_tf.compat.v1
    tf.disable_eager_execution()
    sys.path.insert(0, ROOT)
    import importlib
    programs = importlib.import_module("tests.compat_v1." + programs_name)

    results = {}
    for name, program in programs.PROGRAMS.items():
        print("running", name, file=sys.stderr)
        results[name] = program(tf)
    doc = {
        "generated_by": "tools/compat_v1_references.py" + ("" if programs_name == "core_programs"
                                                           else " " + programs_name),
        "tensorflow": real_tf.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "mode": "tensorflow.compat.v1 with disable_eager_execution()",
        "results": results,
    }
    if "--stdout" in sys.argv:
        json.dump(doc, sys.stdout, sort_keys=True)
        return
    with open(out_path, "w") as f:
        json.dump(doc, f, indent=0, sort_keys=True)
        f.write("\n")
    print("wrote", out_path, file=sys.stderr)


if __name__ == "__main__":
    main()

"""Run the model programs of tests/compat_v1/models under real TensorFlow and store their results as the
references `python -m tf_upgrade.compat_v1 <program> OUT` is compared with (tests/compat_v1/test_models.py).

    python3 tools/compat_v1_models_references.py --tf /work/tfenv221/bin/python \\
        --tf-estimator /work/tfenv215/bin/python [names...]

Each program runs unmodified through tools/compat_v1_tf1_run.py (`import tensorflow` -> tf.compat.v1, graph
mode, resource variables; `--tf0` for the TensorFlow 0.x programs in TF0_PROGRAMS) and writes results.json;
the reference is that file plus the TF version.
Estimator programs need a TensorFlow that still ships tf.estimator (2.15: --tf-estimator).
Writes tests/compat_v1/references/models/<program>.json.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = os.path.join(ROOT, "tests", "compat_v1", "models")
OUT = os.path.join(ROOT, "tests", "compat_v1", "references", "models")
RUNNER = os.path.join(ROOT, "tools", "compat_v1_tf1_run.py")
NEEDS_ESTIMATOR = {"estimator_loop"}
TF0_PROGRAMS = {"gcn_tf0"}  # TensorFlow 0.x programs: the runner puts back the names TF 1.0 removed


def programs():
    return sorted(f[:-3] for f in os.listdir(MODELS) if f.endswith(".py") and not f.startswith("_"))


def run_under_tf(python, name, out_dir):
    """Run one program under `python`'s TensorFlow; returns (results, tf version)."""
    flags = ["--tf0"] if name in TF0_PROGRAMS else []
    proc = subprocess.run([python, RUNNER] + flags + [os.path.join(MODELS, name + ".py"), out_dir], capture_output=True,
                          text=True, cwd=out_dir, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
    if proc.returncode:
        raise RuntimeError("%s failed under %s:\n%s" % (name, python, proc.stderr[-4000:]))
    version = subprocess.run([python, "-c", "import tensorflow as tf; print(tf.__version__)"], capture_output=True,
                             text=True, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")).stdout.strip()
    with open(os.path.join(out_dir, "results.json")) as f:
        return json.load(f), version


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tf", required=True, help="a Python with TensorFlow 2.21")
    ap.add_argument("--tf-estimator", help="a Python with TensorFlow 2.15 + tensorflow_estimator")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    for name in args.names or programs():
        python = args.tf_estimator if name in NEEDS_ESTIMATOR else args.tf
        if python is None:
            print("skip %s: needs --tf-estimator" % name)
            continue
        with tempfile.TemporaryDirectory() as work:
            results, version = run_under_tf(python, name, work)
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump({"tensorflow": version, "results": results}, f, indent=0, sort_keys=True)
        print("wrote %s (TensorFlow %s)" % (name, version))


if __name__ == "__main__":
    sys.exit(main())

"""Run tests/compat_v1/test_with_real_tensorflow.py with a TensorFlow venv that has no pytest.

    /work/tfenv221/bin/python tools/compat_v1_verify_with_tf.py

(With pytest installed next to TensorFlow, plain `python -m pytest tests/compat_v1` runs them too.)
"""
import importlib
import os
import pathlib
import sys
import tempfile
import types

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.modules.setdefault("pytest", types.SimpleNamespace(importorskip=lambda n: importlib.import_module(n)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

mod = importlib.import_module("tests.compat_v1.test_with_real_tensorflow")
failed = 0
for name in sorted(n for n in dir(mod) if n.startswith("test_")):
    try:
        getattr(mod, name)(pathlib.Path(tempfile.mkdtemp()))
        print("PASS", name)
    except Exception as e:  # report and continue
        failed += 1
        print("FAIL", name, type(e).__name__, e)
print("%d passed, %d failed" % (sum(1 for n in dir(mod) if n.startswith("test_")) - failed, failed))
sys.exit(1 if failed else 0)

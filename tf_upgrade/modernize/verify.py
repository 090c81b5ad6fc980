"""``tf-upgrade modernize --verify``: run the original and the modernized program, compare.

The original runs under ``tf.compat.v1`` graph mode (TF 1.x semantics on the installed TF 2),
the modernized program eagerly with the original's initial trainable-variable values; each
program runs in its own process and scratch directory (``_runner.py``).  Every value the
original fetched with ``sess.run`` must equal, in order, what the modernized call sites
return, to ``RTOL`` relative (``ATOL`` absolute near zero).

A TF 1.x RNN cell keeps one kernel over [inputs, state] with its own gate order where the Keras
layer keeps a kernel and a recurrent_kernel: the runner hands the modernized program the
original's cell weights re-arranged into that layout (LSTM's forget_bias moved into the forget
gate's bias), so both start from the same function; the comparison then tests that the Keras
layer computes what the cell did.
"""
from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Optional

import numpy as np

RTOL = 1e-5
ATOL = 1e-6
ENV = "TF_UPGRADE_TF_PYTHON"
RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_runner.py")


@dataclass
class Verdict:
    path: str
    status: str  # "agree" | "differ" | "failed" | "declined"
    message: str = ""
    runs: int = 0  # fetches compared
    max_rel: float = 0.0  # largest relative difference seen
    graph_seconds: Optional[float] = None
    eager_seconds: Optional[float] = None
    rule: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "agree"

    def line(self) -> str:
        timing = ""
        if self.graph_seconds is not None and self.eager_seconds is not None:
            timing = f"; graph {self.graph_seconds:.2f}s, eager {self.eager_seconds:.2f}s"
        if self.status == "agree":
            note = f"; {self.message}" if self.message else ""
            return (f"{self.path}: agree over {self.runs} fetches (max relative difference {self.max_rel:.1e})"
                    f"{note}{timing}")
        return f"{self.path}: {self.status}: {self.message}{timing}"

    def diagnostic(self):
        """TFU511 when the programs disagree or one fails (None when they agree or the lift was declined)."""
        if self.status not in ("differ", "failed"):
            return None
        from ..rules.modernize import VERIFY_MISMATCH
        from ..upgrader.result import Diagnostic

        return Diagnostic(rule=VERIFY_MISMATCH.id, severity=VERIFY_MISMATCH.severity, line=1, column=1,
                          message=f"modernized program {self.status}: {self.message}", path=self.path,
                          fix=VERIFY_MISMATCH.fix)


def tf_python() -> Optional[str]:
    """A Python that imports tensorflow: $TF_UPGRADE_TF_PYTHON, else this one if it can."""
    python = os.environ.get(ENV)
    if python:
        return python
    try:
        import importlib.util

        if importlib.util.find_spec("tensorflow") is not None:
            import sys

            return sys.executable
    except (ImportError, ValueError):
        pass
    return None


def _run(python: str, mode: str, script: str, workdir: str, init: Optional[str] = None, timeout: int = 600):
    out = os.path.join(workdir, f".{mode}.pkl")
    cmd = [python, RUNNER, mode, script, out] + ([init] if init else [])
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONHASHSEED="0", CUDA_VISIBLE_DEVICES="")
    if mode == "graph":  # tf.compat.v1.layers and the v1 RNN cells need tf_keras on TF 2.16+
        env["TF_USE_LEGACY_KERAS"] = "1"
    else:  # the modernized program must run on Keras 3
        env.pop("TF_USE_LEGACY_KERAS", None)
    proc = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, timeout=timeout, env=env)
    if not os.path.exists(out):
        return {"error": f"the {mode} run died (exit {proc.returncode}): {proc.stderr[-1500:]}"}
    with open(out, "rb") as f:
        return pickle.load(f)


def compare(original, modern) -> tuple:
    """(status, message, fetches compared, max relative difference)."""
    a, b = original["fetches"], modern["fetches"]
    worst = 0.0
    for step, (xs, ys) in enumerate(zip(a, b)):
        if len(xs) != len(ys):
            return "differ", f"fetch {step + 1}: {len(xs)} values in the original, {len(ys)} modernized", step, worst
        for x, y in zip(xs, ys):
            if x.shape != y.shape:
                return "differ", f"fetch {step + 1}: shape {x.shape} vs {y.shape}", step, worst
            xf, yf = x.astype(np.float64), y.astype(np.float64)
            diff = np.abs(xf - yf)
            rel = float(np.max(diff / np.maximum(np.abs(xf), 1e-30))) if diff.size else 0.0
            if diff.size and np.any(diff > ATOL + RTOL * np.abs(xf)):
                return ("differ", f"fetch {step + 1}: relative difference {rel:.2e} > {RTOL:g}", step, max(worst, rel))
            if diff.size and np.all(np.abs(xf) > ATOL):
                worst = max(worst, rel)
    if len(a) != len(b):
        return "differ", f"{len(a)} fetches in the original, {len(b)} in the modernized program", min(len(a), len(b)), worst
    return "agree", "", len(a), worst


def verify_source(original: str, modernized: str, path: str, python: Optional[str] = None) -> Verdict:
    python = python or tf_python()
    if python is None:
        return Verdict(path, "failed", f"no TensorFlow to run with: set {ENV} to a Python that has tensorflow")
    name = os.path.basename(path) if path and path != "-" else "program.py"
    root = tempfile.mkdtemp(prefix="tfu-verify-")
    try:
        graph_dir, eager_dir = os.path.join(root, "graph"), os.path.join(root, "eager")
        os.makedirs(graph_dir)
        os.makedirs(eager_dir)
        for d, text in ((graph_dir, original), (eager_dir, modernized)):
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)
        g = _run(python, "graph", os.path.join(graph_dir, name), graph_dir)
        if g.get("error"):
            return Verdict(path, "failed", f"the original failed under tf.compat.v1: {g['error']}")
        init = os.path.join(root, "init.pkl")
        with open(init, "wb") as f:
            pickle.dump(g.get("init"), f)
        e = _run(python, "eager", os.path.join(eager_dir, name), eager_dir, init)
        if e.get("error"):
            return Verdict(path, "failed", f"the modernized program failed: {e['error']}",
                           graph_seconds=g.get("seconds"))
        status, message, runs, worst = compare(g, e)
        if status == "agree" and (g.get("unshuffled") or e.get("unshuffled")):
            message = ("queue/dataset shuffling turned off in both runs (random order cannot be compared); "
                       "everything else compared")
        if status == "agree" and (e.get("unmatched") or e.get("left")):
            status, message = "differ", (f"trainable variables do not correspond: modernized shapes without an "
                                         f"original {e.get('unmatched')}, original shapes unused {e.get('left')}")
        return Verdict(path, status, message, runs, worst, g.get("seconds"), e.get("seconds"))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def verify_file(path: str, python: Optional[str] = None) -> Verdict:
    from . import modernize_text

    with open(path, encoding="utf-8") as f:
        text = f.read()
    result = modernize_text(text, path, instrument=True)
    lifted = [d for d in result.diagnostics if d.rule == "TFU500"]
    if not lifted:
        why = next((d for d in result.diagnostics if d.rule.startswith("TFU5")), None)
        return Verdict(path, "declined", why.message if why else "not modernized",
                       rule=why.rule if why else "")
    return verify_source(text, result.code, path, python)

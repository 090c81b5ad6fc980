"""TF1-style programs run both under real TensorFlow (to make references) and under the shim.

Each module defines ``run(tf, workdir)`` returning a JSON-able dict of results.
``tf`` is either ``tensorflow.compat.v1`` or ``tf_upgrade.compat_v1``.  Inputs and
weights are deterministic (no random bitstreams), so the numbers must match.
"""

"""Test helper: a Session that checks kernels against static inference."""
import numpy as np

import tf_upgrade.compat_v1 as tf


class CheckingSession(tf.Session):
    """A Session whose kernels assert that every value matches its tensor's static dtype and shape."""

    def _kernel(self, op):
        kernel = super()._kernel(op)
        outputs = op.outputs

        def checked(*args):
            result = kernel(*args)
            values = [result] if len(outputs) == 1 else list(result)
            for t, v in zip(outputs, values):
                if t.dtype.name in ("resource", "string"):
                    continue
                arr = np.asarray(v)
                assert arr.dtype == t.dtype.as_numpy_dtype, "%s: dtype %s, static %s" % (t.name, arr.dtype, t.dtype)
                assert t.shape.is_compatible_with(arr.shape), "%s: shape %s, static %s" % (t.name, arr.shape, t.shape)
            return result
        return checked

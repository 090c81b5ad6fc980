"""Compare shim results with TensorFlow references (rtol 1e-5, plus a tiny atol for values near 0)."""
import numbers

import numpy as np

RTOL = 1e-5
ATOL = 2e-6


def _numeric_leaf(x):
    return isinstance(x, (numbers.Number, bool)) or x is None


def _is_numeric_array(x):
    if not isinstance(x, list):
        return _numeric_leaf(x)
    if not all(_is_numeric_array(v) for v in x):
        return False
    try:
        np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        return False  # ragged
    return True


def mismatches(ref, got, path="", rtol=RTOL, atol=ATOL, out=None):
    out = [] if out is None else out
    if isinstance(ref, dict):
        if not isinstance(got, dict) or sorted(ref) != sorted(got):
            out.append("%s: keys %s != %s" % (path, sorted(ref), sorted(got) if isinstance(got, dict) else got))
            return out
        for k in ref:
            mismatches(ref[k], got[k], path + "/" + str(k), rtol, atol, out)
        return out
    if isinstance(ref, list) and not _is_numeric_array(ref):
        if not isinstance(got, list) or len(ref) != len(got):
            out.append("%s: length %s != %s" % (path, len(ref), len(got) if isinstance(got, list) else got))
            return out
        for i, (a, b) in enumerate(zip(ref, got)):
            mismatches(a, b, "%s[%d]" % (path, i), rtol, atol, out)
        return out
    if isinstance(ref, str) or isinstance(got, str):
        if ref != got:
            out.append("%s: %r != %r" % (path, ref, got))
        return out
    try:
        a = np.asarray(ref, dtype=np.float64)
        b = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        out.append("%s: %r vs %r" % (path, ref, got))
        return out
    if a.shape != b.shape:
        out.append("%s: shape %s != %s" % (path, a.shape, b.shape))
    elif not np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True):
        err = np.max(np.abs(a - b) / (np.abs(a) + atol))
        out.append("%s: max rel err %.3g\n  ref %s\n  got %s" % (path, err, a.ravel()[:6], b.ravel()[:6]))
    return out

"""`tf.test`: TestCase with TF's assertion helpers and sessions, `tf.test.main`, gradient checking.

TF's TestCase gives each test a fresh default graph; `test_session()` / `cached_session()` hand out one
session per test (on the default graph unless one is given) installed as the default session, so
`t.eval()` works inside; `session()` makes a new one each time.
"""
import contextlib
import math
import re
import sys
import tempfile
import unittest

import numpy as np

from . import errors
from .graph import Tensor, get_default_graph, get_default_session, reset_default_graph
from .namespace import export_namespace
from .session import Session

_TEMP_DIR = None


def get_temp_dir():
    """One temporary directory per process (TF's googletest gives one per run), removed at exit by the OS."""
    global _TEMP_DIR
    if _TEMP_DIR is None:
        _TEMP_DIR = tempfile.mkdtemp(prefix="tf_upgrade_test_")
    return _TEMP_DIR


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None):
    return False


def is_built_with_cuda():
    return False


def is_built_with_gpu_support():
    return False


def gpu_device_name():
    return ""


def main(argv=None):
    """Run the tests of the program's `__main__` module (unittest; exits with its status)."""
    return unittest.main(module="__main__", argv=argv if argv is not None else sys.argv)


def _values(x):
    """Fetch tensors through the default session; leave everything else alone."""
    if isinstance(x, Tensor):
        sess = get_default_session()
        if sess is None:
            raise ValueError("Cannot evaluate %s: no default session (use self.cached_session())" % x.name)
        return sess.run(x)
    return x


class TestCase(unittest.TestCase):
    """`tf.test.TestCase`."""

    def __init__(self, methodName="runTest"):  # noqa: N803 - unittest's name
        super().__init__(methodName)
        self._cached_session = None
        self._tempdir = None

    def setUp(self):
        self._cached_session = None
        reset_default_graph()
        np.random.seed(87654321)  # TF's TestCase seeds numpy the same way before every test

    def tearDown(self):
        if self._cached_session is not None:
            self._cached_session.close()
            self._cached_session = None

    def get_temp_dir(self):
        if self._tempdir is None:
            self._tempdir = tempfile.mkdtemp(dir=get_temp_dir())
        return self._tempdir

    # ---- sessions ----

    @contextlib.contextmanager
    def _as_default(self, sess, graph):
        with graph.as_default(), sess.as_default():
            yield sess

    def cached_session(self, graph=None, config=None, use_gpu=False, force_gpu=False):
        graph = graph if graph is not None else get_default_graph()
        if self._cached_session is None or self._cached_session.graph is not graph:
            if self._cached_session is not None:
                self._cached_session.close()
            self._cached_session = Session(graph=graph, config=config)
        return self._as_default(self._cached_session, graph)

    def test_session(self, graph=None, config=None, use_gpu=False, force_gpu=False):
        return self.cached_session(graph, config, use_gpu, force_gpu)

    test_session.__test__ = False  # pytest: not a test

    @contextlib.contextmanager
    def session(self, graph=None, config=None, use_gpu=False, force_gpu=False):
        graph = graph if graph is not None else get_default_graph()
        with Session(graph=graph, config=config) as sess, self._as_default(sess, graph):
            yield sess

    def evaluate(self, tensors):
        sess = get_default_session()
        if sess is None:
            with self.cached_session() as sess:
                return sess.run(tensors)
        return sess.run(tensors)

    # ---- assertions ----

    def assertAllClose(self, a, b, rtol=1e-6, atol=1e-6, msg=None):  # noqa: N802 - TF's names
        self._assert_close(_values(a), _values(b), rtol, atol, msg, "")

    def _assert_close(self, a, b, rtol, atol, msg, path):
        if isinstance(a, dict) or isinstance(b, dict):
            self.assertIsInstance(a, dict, msg)
            self.assertIsInstance(b, dict, msg)
            self.assertEqual(sorted(a), sorted(b), "%s: keys differ %s" % (path or "value", msg or ""))
            for k in a:
                self._assert_close(_values(a[k]), _values(b[k]), rtol, atol, msg, "%s[%r]" % (path, k))
            return
        if _is_structure(a) or _is_structure(b):
            a_list, b_list = list(a), list(b)
            self.assertEqual(len(a_list), len(b_list), "%s: lengths differ %s" % (path or "value", msg or ""))
            for i, (x, y) in enumerate(zip(a_list, b_list)):
                self._assert_close(_values(x), _values(y), rtol, atol, msg, "%s[%d]" % (path, i))
            return
        a_arr, b_arr = np.asarray(a), np.asarray(b)
        self.assertEqual(a_arr.shape, b_arr.shape, "%s: shape mismatch %s vs %s. %s"
                         % (path or "value", a_arr.shape, b_arr.shape, msg or ""))
        if a_arr.dtype.kind in "OSU" or b_arr.dtype.kind in "OSU":
            np.testing.assert_array_equal(a_arr, b_arr, err_msg=msg or "")
            return
        np.testing.assert_allclose(a_arr, b_arr, rtol=rtol, atol=atol, equal_nan=True,
                                   err_msg="%s %s" % (path, msg or ""))

    def assertAllCloseAccordingToType(self, a, b, rtol=1e-6, atol=1e-6, float_rtol=1e-6,  # noqa: N802
                                      float_atol=1e-6, half_rtol=1e-3, half_atol=1e-3, bfloat16_rtol=1e-2,
                                      bfloat16_atol=1e-2, msg=None):
        a, b = np.asarray(_values(a)), np.asarray(_values(b))
        if np.float16 in (a.dtype, b.dtype):
            rtol, atol = max(rtol, half_rtol), max(atol, half_atol)
        elif np.float32 in (a.dtype, b.dtype):
            rtol, atol = max(rtol, float_rtol), max(atol, float_atol)
        self.assertAllClose(a, b, rtol=rtol, atol=atol, msg=msg)

    def assertAllEqual(self, a, b, msg=None):  # noqa: N802
        a, b = np.asarray(_values(a)), np.asarray(_values(b))
        self.assertEqual(a.shape, b.shape, "shape mismatch %s vs %s. %s" % (a.shape, b.shape, msg or ""))
        np.testing.assert_array_equal(a, b, err_msg=msg or "")

    def assertNotAllClose(self, a, b, rtol=1e-6, atol=1e-6, msg=None):  # noqa: N802
        try:
            self.assertAllClose(a, b, rtol=rtol, atol=atol)
        except AssertionError:
            return
        raise AssertionError(msg or "The two values are close at all elements")

    def assertNotAllEqual(self, a, b, msg=None):  # noqa: N802
        try:
            self.assertAllEqual(a, b)
        except AssertionError:
            return
        raise AssertionError(msg or "The two values are equal at all elements")

    def assertNear(self, f1, f2, err, msg=None):  # noqa: N802
        self.assertTrue(f1 == f2 or math.fabs(f1 - f2) <= err,
                        "%f != %f +/- %f%s" % (f1, f2, err, " (%s)" % msg if msg else ""))

    def assertArrayNear(self, farray1, farray2, err, msg=None):  # noqa: N802
        self.assertEqual(len(farray1), len(farray2), msg)
        for f1, f2 in zip(farray1, farray2):
            self.assertNear(float(f1), float(f2), err, msg)

    def assertNDArrayNear(self, ndarray1, ndarray2, err, msg=None):  # noqa: N802
        self.assertTrue(np.linalg.norm(np.asarray(ndarray1) - np.asarray(ndarray2)) <= err, msg)

    def assertShapeEqual(self, np_array, tf_tensor, msg=None):  # noqa: N802
        self.assertEqual(list(np.shape(np_array)), tf_tensor.get_shape().as_list(), msg)

    def assertDTypeEqual(self, target, expected_dtype):  # noqa: N802
        target = np.asarray(_values(target))
        expected = getattr(expected_dtype, "as_numpy_dtype", expected_dtype)
        self.assertEqual(target.dtype, np.dtype(expected))

    def _assert_all(self, a, predicate, what):
        arr = np.asarray(_values(a))
        if not np.all(predicate(arr)):
            raise AssertionError("Not all elements are %s: %s" % (what, arr))

    def assertAllGreater(self, a, comparison_target):  # noqa: N802
        self._assert_all(a, lambda x: x > comparison_target, "> %s" % (comparison_target,))

    def assertAllGreaterEqual(self, a, comparison_target):  # noqa: N802
        self._assert_all(a, lambda x: x >= comparison_target, ">= %s" % (comparison_target,))

    def assertAllLess(self, a, comparison_target):  # noqa: N802
        self._assert_all(a, lambda x: x < comparison_target, "< %s" % (comparison_target,))

    def assertAllLessEqual(self, a, comparison_target):  # noqa: N802
        self._assert_all(a, lambda x: x <= comparison_target, "<= %s" % (comparison_target,))

    def assertAllInRange(self, target, lower_bound, upper_bound, open_lower_bound=False,  # noqa: N802
                         open_upper_bound=False):
        low = (lambda x: x > lower_bound) if open_lower_bound else (lambda x: x >= lower_bound)
        high = (lambda x: x < upper_bound) if open_upper_bound else (lambda x: x <= upper_bound)
        self._assert_all(target, lambda x: low(x) & high(x), "in range [%s, %s]" % (lower_bound, upper_bound))

    def assertAllInSet(self, target, expected_set):  # noqa: N802
        self._assert_all(target, lambda x: np.isin(x, list(expected_set)), "in %s" % (expected_set,))

    def assertItemsEqual(self, expected_seq, actual_seq, msg=None):  # noqa: N802
        self.assertCountEqual(expected_seq, actual_seq, msg)

    def assertStartsWith(self, actual, expected_start, msg=None):  # noqa: N802
        self.assertTrue(actual.startswith(expected_start), msg or "%r does not start with %r"
                        % (actual, expected_start))

    def assertLen(self, container, expected_len, msg=None):  # noqa: N802
        self.assertEqual(len(container), expected_len, msg)

    def assertEmpty(self, container, msg=None):  # noqa: N802
        self.assertEqual(len(container), 0, msg)

    def assertNotEmpty(self, container, msg=None):  # noqa: N802
        self.assertNotEqual(len(container), 0, msg)

    def assertDeviceEqual(self, device1, device2, msg=None):  # noqa: N802
        self.assertEqual(_canonical_device(device1), _canonical_device(device2), msg)

    @contextlib.contextmanager
    def assertRaisesWithPredicateMatch(self, exception_type, expected_err_re_or_predicate):  # noqa: N802
        if callable(expected_err_re_or_predicate):
            predicate = expected_err_re_or_predicate
        else:
            def predicate(e):
                return re.search(expected_err_re_or_predicate, str(e)) is not None
        try:
            yield
        except exception_type as e:
            if not predicate(e):
                raise AssertionError("Exception of type %s: %s does not match" % (type(e).__name__, e)) from e
        else:
            raise AssertionError("%s not raised" % getattr(exception_type, "__name__", exception_type))

    def assertRaisesOpError(self, expected_err_re_or_predicate):  # noqa: N802
        return self.assertRaisesWithPredicateMatch(errors.OpError, expected_err_re_or_predicate)

    def assertRaisesRegexp(self, expected_exception, expected_regex, *args, **kwargs):  # noqa: N802
        return self.assertRaisesRegex(expected_exception, expected_regex, *args, **kwargs)

    def checkedThread(self, target, args=None, kwargs=None):  # noqa: N802
        import threading
        return threading.Thread(target=target, args=args or (), kwargs=kwargs or {})



def _is_structure(x):
    return isinstance(x, (list, tuple)) and not isinstance(x, np.ndarray)


def _canonical_device(name):
    return (name or "").lower().replace("/device:", "/").replace("/job:localhost", "").strip("/")


def _jacobians(x, x_shape, y, y_shape, x_init_value, delta, extra_feed_dict):
    """(theoretical, numerical) Jacobians, each of shape [x size, y size], as TF's gradient checker
    defines them: column j holds dy_j/dx from tf.gradients, and central differences with step delta."""
    from .gradients import gradients
    from .ops.array_ops import placeholder
    sess = get_default_session()
    if sess is None:
        raise ValueError("compute_gradient needs a default session (use it inside `with sess.as_default()`)")
    x_size, y_size = int(np.prod(x_shape)), int(np.prod(y_shape))
    dtype = x.dtype.as_numpy_dtype
    x0 = (np.asarray(x_init_value, dtype=dtype) if x_init_value is not None
          else np.random.random_sample(x_shape).astype(dtype))
    feed = dict(extra_feed_dict or {})
    with y.graph.as_default():
        seed = placeholder(y.dtype, y_shape, name="gradient_checker_dy")
        dx = gradients(y, x, grad_ys=seed)[0]
    theoretical = np.zeros((x_size, y_size), dtype=np.float64)
    for j in range(y_size if dx is not None else 0):
        one_hot = np.zeros(y_size, dtype=y.dtype.as_numpy_dtype)
        one_hot[j] = 1
        feed.update({x: x0, seed: one_hot.reshape(y_shape)})
        theoretical[:, j] = np.reshape(sess.run(dx, feed), [-1])
    numerical = np.zeros((x_size, y_size), dtype=np.float64)
    flat = x0.reshape(-1)
    for i in range(x_size):
        plus, minus = flat.copy(), flat.copy()
        plus[i] += delta
        minus[i] -= delta
        feed[x] = plus.reshape(x_shape)
        y_plus = np.asarray(sess.run(y, feed), np.float64)
        feed[x] = minus.reshape(x_shape)
        y_minus = np.asarray(sess.run(y, feed), np.float64)
        numerical[i, :] = ((y_plus - y_minus) / (2 * delta)).reshape(-1)
    return theoretical, numerical


def compute_gradient(x, x_shape, y, y_shape, x_init_value=None, delta=1e-3, init_targets=None,
                     extra_feed_dict=None):
    """tf.test.compute_gradient for one x and one y: (theoretical, numerical) Jacobians."""
    if isinstance(x, (list, tuple)):
        return [compute_gradient(xi, si, y, y_shape, None if x_init_value is None else x_init_value[i], delta,
                                 init_targets, extra_feed_dict) for i, (xi, si) in enumerate(zip(x, x_shape))]
    if init_targets is not None:
        get_default_session().run(init_targets)
    return _jacobians(x, list(x_shape), y, list(y_shape), x_init_value, delta, extra_feed_dict)


def compute_gradient_error(x, x_shape, y, y_shape, x_init_value=None, delta=1e-3, init_targets=None,
                           extra_feed_dict=None):
    """The largest difference between the theoretical and the numerical Jacobian."""
    result = compute_gradient(x, x_shape, y, y_shape, x_init_value, delta, init_targets, extra_feed_dict)
    pairs = result if isinstance(result, list) else [result]
    return max(float(np.max(np.abs(t - n))) if t.size else 0.0 for t, n in pairs)


__all__ = ["TestCase", "main", "get_temp_dir", "is_gpu_available", "is_built_with_cuda",
           "is_built_with_gpu_support", "gpu_device_name", "compute_gradient", "compute_gradient_error"]
export_namespace(sys.modules[__name__], "tf.test")

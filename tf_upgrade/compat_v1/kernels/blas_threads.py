"""How many threads numpy's BLAS may use while a Session runs.

OpenBLAS spins its worker threads while waiting; on a machine whose cores are already busy
with other processes, two BLAS threads on two cores made a BERT run 8x slower (3.5 s -> 27 s)
and one thread is faster than two even for large matmuls. So, without threadpoolctl:

* ``TF_UPGRADE_BLAS_THREADS=N`` sets the count;
* otherwise ``OPENBLAS_NUM_THREADS`` / ``OMP_NUM_THREADS`` / ``MKL_NUM_THREADS``, when set, are the
  user's choice and are left alone;
* otherwise, when the load average already exceeds the number of cores, BLAS gets one thread.

The count is set through OpenBLAS's own ``*_set_num_threads`` entry point in the library numpy
loaded; with another BLAS (or none found) nothing happens.
"""
import ctypes
import os

ENV = "TF_UPGRADE_BLAS_THREADS"
_USER_ENVS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads", "openblas_set_num_threads64_",
            "openblas_set_num_threads")
_GETTERS = ("scipy_openblas_get_num_threads64_", "scipy_openblas_get_num_threads", "openblas_get_num_threads64_",
            "openblas_get_num_threads")
_api = []  # [(setter, getter)] once looked up; empty tuple entry when there is no OpenBLAS


def _openblas():
    if not _api:
        _api.append(_find_openblas())
    return _api[0]


def _find_openblas():
    import numpy  # noqa: F401  (loads the library we look for)
    paths = []
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.rsplit(None, 1)[-1]
                if "openblas" in path.lower() and path not in paths:
                    paths.append(path)
    except OSError:
        return None
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        setter = next((getattr(lib, n) for n in _SETTERS if hasattr(lib, n)), None)
        getter = next((getattr(lib, n) for n in _GETTERS if hasattr(lib, n)), None)
        if setter is not None and getter is not None:
            setter.argtypes = [ctypes.c_int]
            return setter, getter
    return None


def current():
    """BLAS threads now (None without a known OpenBLAS)."""
    api = _openblas()
    return None if api is None else int(api[1]())


def wanted(environ=None, loadavg=None, cores=None):
    """The thread count the policy above asks for, or None to leave BLAS alone."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV):
        try:
            return max(1, int(environ[ENV]))
        except ValueError:
            raise ValueError("%s must be a whole number of threads, got %r" % (ENV, environ[ENV])) from None
    if any(environ.get(name) for name in _USER_ENVS):
        return None
    cores = cores if cores is not None else (os.cpu_count() or 1)
    if loadavg is None:
        try:
            loadavg = os.getloadavg()[0]
        except OSError:
            return None
    return 1 if cores > 1 and loadavg > cores else None


_original = []  # BLAS's own count before we first changed it


def apply():
    """Set BLAS threads per the policy (called when a Session is created); returns the count set or None.
    When the machine is no longer busy, a count this module lowered earlier is put back."""
    n = wanted()
    if n is None and not _original:
        return None
    api = _openblas()
    if api is None:
        return None
    if not _original:
        _original.append(int(api[1]()))
    if n is None:
        n = _original[0]
    if int(api[1]()) != n:
        api[0](n)
    return n

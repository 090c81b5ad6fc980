"""How many threads numpy's BLAS may use while a Session runs.

OpenBLAS spins its worker threads while waiting; on a machine whose cores are already busy
with other processes, two BLAS threads on two cores made a BERT run 8x slower (3.5 s -> 27 s).
So, without threadpoolctl, while `Session.run` executes a plan (`during_run`):

* ``TF_UPGRADE_BLAS_THREADS=N`` sets the count (and the runtime splits nothing itself);
* otherwise ``OPENBLAS_NUM_THREADS`` / ``OMP_NUM_THREADS`` / ``MKL_NUM_THREADS``, when set, are the
  user's choice and are left alone;
* otherwise BLAS gets one thread, and large products are split across the usable cores by the
  runtime (`parallel.py`: plain threads that sleep, not spin, when they wait) unless the load
  average already exceeds the cores (then the other processes fill them: at a load of 13 on 2
  cores one thread was 5-20% faster than two blocks, and two OpenBLAS threads 20-40% slower).

The count is set through OpenBLAS's own ``*_set_num_threads`` entry point in the library numpy
loaded, and put back when the run ends; with another BLAS (or none found) nothing happens and
nothing is split.
"""
import contextlib
import ctypes
import os

from . import parallel

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


def wanted(environ=None, cores=None, loadavg=None):
    """(BLAS threads to set during runs or None to leave BLAS alone, blocks the runtime splits products into)."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV):
        try:
            return max(1, int(environ[ENV])), 1
        except ValueError:
            raise ValueError("%s must be a whole number of threads, got %r" % (ENV, environ[ENV])) from None
    if any(environ.get(name) for name in _USER_ENVS):
        return None, 1
    cores = cores if cores is not None else parallel.usable_cores()
    if cores < 2:
        return None, 1
    if loadavg is None:
        try:
            loadavg = os.getloadavg()[0]
        except OSError:
            loadavg = 0.0
    return 1, (cores if loadavg <= cores else 1)


_decision = [None, 1]  # what apply() decided: BLAS threads during runs (None: leave alone), blocks


def apply():
    """Decide the policy above (called when a Session is created); returns the BLAS thread count runs use,
    or None."""
    threads, ways = wanted()
    if threads is not None and _openblas() is None:
        threads, ways = None, 1
    _decision[:] = [threads, ways]
    return threads


@contextlib.contextmanager
def during_run():
    """BLAS threads and product splitting as decided, for one Session.run; put back afterwards."""
    threads, ways = _decision
    api = _openblas() if threads is not None else None
    if api is None:
        yield
        return
    before = int(api[1]())
    if before != threads:
        api[0](threads)
    previous_ways = parallel.ways()
    parallel.set_ways(ways)
    try:
        yield
    finally:
        parallel.set_ways(previous_ways)
        if before != threads:
            api[0](before)

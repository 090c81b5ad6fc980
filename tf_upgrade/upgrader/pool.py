"""Many files: the parent reads each once, answers from the cache and the fast path, and hands
the rest to a pool of worker processes.

Results come back in input order whatever ``jobs`` is; work in flight is bounded
(memory stays flat on huge trees); a worker that dies turns into a TFU002
diagnostic for the file it was on, the others are redone one file per task in a
fresh pool; Ctrl-C or SIGTERM stops the workers (each removes its half-written
temporary file) and raises :class:`Interrupted`, leaving every file old or new.
"""
from __future__ import annotations

import gc
import os
import signal
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..rules.input_errors import INTERNAL_ERROR
from .atomic import remove_partial_write
from .file_job import FileResult, Job, Loaded, convert_loaded, convert_text, file_error, load


def _worker_init() -> None:
    # Ctrl-C goes to the whole process group: the parent decides what to do and
    # stops the workers with SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)


def _worker_stop(signum, frame):
    """Exit now (the pool would catch an exception), removing a half-written temporary file.

    The file being written is untouched: only the rename replaces it, and a
    rename either happened (the file is new) or did not (it is old)."""
    remove_partial_write()
    os._exit(128 + signum)


_WORKER_CACHE: Dict[str, object] = {}


def _worker_cache(directory: Optional[str], fingerprint: Optional[str]):
    if directory is None:
        return None
    cache = _WORKER_CACHE.get(directory)
    if cache is None:
        from .cache import Cache

        cache = _WORKER_CACHE[directory] = Cache(Path(directory), fingerprint)
    return cache


def _convert_chunk(chunk, job: Job, cache_dir: Optional[str], fingerprint: Optional[str]):
    cache = _worker_cache(cache_dir, fingerprint)
    return [(index, convert_loaded(loaded, job, cache)) for index, loaded in chunk]


def _crashed(loaded: Loaded, how: str) -> FileResult:
    return file_error(loaded.path, f"the worker converting this file died ({how}); file left untouched",
                       rule=INTERNAL_ERROR.id)


def warm_up(job: Job) -> None:
    """Import the engine and load the rule tables once, before workers fork and share them."""
    from ..rules import WARM_UP_SOURCE

    convert_text("<warm-up>.py", WARM_UP_SOURCE, job.settings)
    # What is loaded now lives as long as the process: keep the collector from scanning it
    # again and again (and from touching the pages the forked workers share with it).  The
    # trees built per file hold no reference cycles worth collecting early, so collections
    # can also be rarer: parsing allocates hundreds of thousands of objects per file.
    gc.freeze()
    gc.set_threshold(20000, 20, 20)


CHUNK_BYTES = 64 * 1024  # files per task: enough to amortise the hand-off, small enough to balance
CHUNK_FILES = 16


class Interrupted(Exception):
    """The run was stopped (Ctrl-C / SIGTERM); ``done`` results were delivered before it."""

    def __init__(self, done: int, total: int):
        super().__init__(f"interrupted after {done} of {total} files")
        self.done = done
        self.total = total


def run(items: Sequence[Tuple[str, Optional[str]]], job: Job, jobs: int = 0,
        on_result: Optional[Callable[[FileResult], None]] = None, cache=None) -> List[FileResult]:
    """Process ``(path, destination)`` pairs; results come back (and ``on_result``
    is called) in the same order.

    ``jobs``: worker processes (0 = one per core; 1 = all in this process).
    ``cache``: a :class:`~tf_upgrade.upgrader.cache.Cache` or None.  Raises
    :class:`Interrupted` on Ctrl-C/SIGTERM after stopping the workers; every
    file is then either untouched or fully written.
    """
    jobs = jobs or os.cpu_count() or 1
    results: List[Optional[FileResult]] = [None] * len(items)
    emitted = 0

    def deliver(index: int, r: FileResult) -> None:
        nonlocal emitted
        results[index] = r
        while emitted < len(results) and results[emitted] is not None:
            if on_result:
                on_result(results[emitted])
            emitted += 1

    previous = signal.getsignal(signal.SIGTERM)
    in_main = _in_main_thread()
    if in_main:
        signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        _run(items, job, jobs, cache, deliver)
    except KeyboardInterrupt:
        raise Interrupted(emitted, len(items)) from None
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
    return results  # type: ignore[return-value]


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def _run(items, job: Job, jobs: int, cache, deliver) -> None:
    heavy: List[Tuple[int, Loaded]] = []
    pool: Optional[_Pool] = None
    chunk: List[Tuple[int, Loaded]] = []
    chunk_bytes = 0
    try:
        for index, (path, destination) in enumerate(items):
            loaded = load(path, job, destination, cache)
            if isinstance(loaded, FileResult):
                deliver(index, loaded)
                continue
            if jobs <= 1:
                deliver(index, convert_loaded(loaded, job, cache))
                continue
            if pool is None:
                heavy.append((index, loaded))
                if len(heavy) < 2 * jobs:
                    continue  # too few to be worth a pool (yet)
                warm_up(job)
                pool = _Pool(jobs, job, cache, deliver)
                pending, heavy = heavy, []
            else:
                pending = [(index, loaded)]
            for item in pending:
                chunk.append(item)
                chunk_bytes += len(item[1].data)
                if chunk_bytes >= CHUNK_BYTES or len(chunk) >= CHUNK_FILES:
                    pool.submit(chunk)
                    chunk, chunk_bytes = [], 0
        for index, loaded in heavy:  # never reached pool size: convert here
            deliver(index, convert_loaded(loaded, job, cache))
        if pool is not None:
            if chunk:
                pool.submit(chunk)
            pool.drain()
    finally:
        if pool is not None:
            pool.close()


class _Pool:
    """A process pool with bounded work in flight that survives a worker dying."""

    def __init__(self, jobs: int, job: Job, cache, deliver):
        self.jobs = jobs
        self.job = job
        self.cache_dir = str(cache.directory) if cache is not None else None
        self.fingerprint = cache.fingerprint if cache is not None else None
        self.deliver = deliver
        self.in_flight: Dict[object, list] = {}
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, initializer=_worker_init)

    def submit(self, chunk) -> None:
        while len(self.in_flight) >= 3 * self.jobs:  # bounded: memory stays flat on huge trees
            self._collect(FIRST_COMPLETED)
        future = self.executor.submit(_convert_chunk, chunk, self.job, self.cache_dir, self.fingerprint)
        self.in_flight[future] = chunk

    def drain(self) -> None:
        while self.in_flight:
            self._collect(FIRST_COMPLETED)

    def _collect(self, how) -> None:
        done, _ = wait(list(self.in_flight), return_when=how)
        broken = []
        for future in done:
            chunk = self.in_flight.pop(future)
            try:
                for index, r in future.result():
                    self.deliver(index, r)
            except BrokenProcessPool:
                broken.extend(chunk)
            except Exception as exc:  # e.g. a result that cannot be pickled back
                for index, loaded in chunk:
                    self.deliver(index, _crashed(loaded, f"{type(exc).__name__}: {exc}"))
        if broken:
            self._recover(broken)

    def _recover(self, broken) -> None:
        """A worker died: every chunk in flight failed with it.  Redo them one file
        per task in a fresh pool, so the file that kills a worker is the only one
        reported."""
        broken = broken + [item for chunk in self.in_flight.values() for item in chunk]
        self.in_flight.clear()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = None
        for index, loaded in sorted(broken, key=lambda item: item[0]):
            if self.executor is None:
                self.executor = self._new()
            future = self.executor.submit(_convert_chunk, [(index, loaded)], self.job, self.cache_dir,
                                          self.fingerprint)
            try:
                for i, r in future.result():
                    self.deliver(i, r)
            except BrokenProcessPool:
                self.deliver(index, _crashed(loaded, "it crashed or was killed"))
                self.executor.shutdown(wait=False, cancel_futures=True)
                self.executor = None
        if self.executor is None:
            self.executor = self._new()

    def close(self) -> None:
        """Stop the workers: normally after draining; on an interrupt, SIGTERM unwinds them."""
        if not self.in_flight:
            self.executor.shutdown(wait=True)
            return
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        for p in processes:
            try:
                p.terminate()
            except Exception:
                pass
        for p in processes:
            p.join(timeout=10)
        self.executor.shutdown(wait=False, cancel_futures=True)

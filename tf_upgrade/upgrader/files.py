"""Where files are found, read, converted and written.

* :func:`discover` walks the given paths (``*.py``/``*.ipynb``; default
  excludes), follows symlinks safely and sweeps temporary files left by an
  earlier run that was killed.
* :func:`process_file` reads one file, upgrades it and, if asked, writes the
  result atomically; it never raises for a bad file, it returns a
  :class:`FileResult` whose diagnostics say what went wrong (path, line where
  known, reason).
* :func:`run` processes many files: the parent reads each file once, answers
  from the cache and the fast path (no TensorFlow import: nothing to do), and
  hands the rest to a pool of worker processes.  Results come back in input
  order; a worker that dies turns into a diagnostic for the file it was on.

The promises (README, "What tf-upgrade guarantees"): a file is either left
byte-identical or replaced whole by its converted text (temporary file in the
same directory, fsync, rename), only when the content changed, with its mode
bits and ownership; a symlink keeps being a link and its target is rewritten
once; read-only files, unreadable files and write errors are reported and the
run goes on; an interrupted run (Ctrl-C, SIGTERM, even SIGKILL) leaves every
file old or new, and the next run removes stale temporary files and finishes
the job.
"""
from __future__ import annotations

import difflib
import fnmatch
import gc
import os
import signal
import stat
import tempfile
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from .fastpath import file_may_need_upgrade
from .result import Diagnostic, Settings, UpgradeResult
from .source import MAX_BYTES, SourceError, SourceText, decode_source

DEFAULT_EXCLUDES = (".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "build", "dist",
                    "node_modules", "site-packages", "__pycache__", ".eggs", ".mypy_cache",
                    ".pytest_cache", ".ci-venv", ".tf-upgrade-cache")
SOURCE_SUFFIXES = (".py", ".ipynb")
TMP_PREFIX = ".tf-upgrade-"  # temporary files: .tf-upgrade-<pid>-<random>.tmp
TMP_SUFFIX = ".tmp"

from ..rules.input_errors import INTERNAL_ERROR, UNREADABLE  # noqa: E402  (light: no libcst)

READ_ERROR = UNREADABLE.id


@dataclass
class FileResult:
    path: str
    changed: bool = False
    written: bool = False
    diagnostics: List[Diagnostic] = field(default_factory=list)
    ok: bool = True  # False: the file was skipped (unreadable, unparsable...)
    diff: str = ""
    new_text: Optional[str] = None  # only when the caller asked to keep it
    requirements: Tuple[str, ...] = ()
    fixes: Dict[str, int] = field(default_factory=dict)  # rule id -> fixes applied
    dialect: str = ""  # tf1 | tf2 | mixed | unknown ("" when the file has no TF reference)
    dialect_reason: str = ""
    cached: bool = False  # answered from the cache
    findings: list = field(default_factory=list)  # Job(audit=True): check.Finding per missing reference


@dataclass(frozen=True)
class Job:
    """What to do with each file."""

    settings: Settings
    write: bool = True  # write results (in place, or to the destination given with the path)
    want_diff: bool = False
    keep_text: bool = False
    # another conversion with convert_text's signature (``tf-upgrade modernize``); module-level, so picklable
    convert: Optional[Callable] = None
    # [(glob, rule ids)]: extra ignores for files whose path (relative to ``root``) matches
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    root: str = ""
    max_bytes: int = MAX_BYTES  # larger files are reported, not read
    audit: bool = False  # tf-upgrade check: a dry run that also classifies missing references

    # [(glob, "tf1" | "tf2" | "auto")]: the dialect of files whose path matches (the first match wins)
    per_file_dialect: Tuple[Tuple[str, str], ...] = ()

    def settings_for(self, path: str) -> Settings:
        """The settings for one file: ``per_file_ignores`` added to the run's ignores, and the
        dialect ``per_file_dialect`` states for it."""
        if not self.per_file_ignores and not self.per_file_dialect:
            return self.settings
        rel = relative_posix(path, self.root)
        settings = self.settings
        extra = [i for pattern, ids in self.per_file_ignores if glob_match(rel, pattern) for i in ids]
        if extra:
            settings = replace(settings, ignore=settings.ignore + tuple(extra))
        for pattern, dialect in self.per_file_dialect:
            if glob_match(rel, pattern):
                settings = replace(settings, dialect=dialect,
                                   dialect_source=f"per-file-dialect {pattern!r}" if dialect != "auto" else "")
                break
        return settings


def relative_posix(path: str, root: str) -> str:
    """``path`` relative to ``root`` (or as given, when outside it), with ``/`` separators."""
    absolute = os.path.abspath(path)
    if root:
        rel = os.path.relpath(absolute, root)
        if not rel.startswith(".."):
            return Path(rel).as_posix()
    return Path(path).as_posix()


def glob_match(rel: str, pattern: str) -> bool:
    """Does a ``/``-separated relative path match a config glob?

    ``*`` matches across ``/`` (fnmatch), a pattern without ``/`` also matches
    the base name anywhere (``conftest.py``), and a pattern naming a directory
    matches everything under it (``legacy``, ``legacy/``).
    """
    pattern = pattern.rstrip("/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern + "/*"):
        return True
    if "/" not in pattern:
        return any(fnmatch.fnmatchcase(part, pattern) for part in rel.split("/"))
    return False


def _excluded(path: Path, excludes: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(path.name, pat) for pat in excludes)


# ---- temporary files ---------------------------------------------------------------

def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    # A killed worker whose parent died too can linger as a zombie until something
    # reaps it (in containers, possibly never): it answers kill(0) but writes nothing.
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def stale_temporary(name: str) -> bool:
    """Is ``name`` a temporary file of a tf-upgrade process that no longer runs?"""
    if not (name.startswith(TMP_PREFIX) and name.endswith(TMP_SUFFIX)):
        return False
    pid = name[len(TMP_PREFIX):].split("-", 1)[0]
    return pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid))


def _sweep(directory: str, names: Iterable[str]) -> None:
    for name in names:
        if stale_temporary(name):
            try:
                os.unlink(os.path.join(directory, name))
            except OSError:
                pass


# ---- discovery ---------------------------------------------------------------------

def discover(paths: Iterable[str], excludes: Sequence[str] = DEFAULT_EXCLUDES,
             suffixes: Sequence[str] = SOURCE_SUFFIXES,
             skip: Optional[Callable[[Path], bool]] = None) -> Iterator[str]:
    """Files to process, each once, in sorted order within each given path.

    ``skip(path)`` (config excludes, .gitignore) prunes directories and files
    found while walking; a file named explicitly is always processed.
    Symlinked files are yielded once per target (the first link found; the
    write goes to the target and the link stays a link).  Symlinked
    directories are followed when they lead to a directory not walked yet and
    inside one of the given paths, so a link loop (``a/loop -> ..``) ends
    there and a link out of the tree never widens the run.  Temporary files
    of killed earlier runs are removed on the way.
    """
    seen: Set[str] = set()
    roots = [os.path.realpath(p) for p in paths if os.path.isdir(p)]

    def inside_roots(real: str) -> bool:
        return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            walked: Set[str] = set()
            for root, dirs, files in os.walk(p, followlinks=True):
                real_root = os.path.realpath(root)
                if real_root in walked:  # reached again through a link: loop or duplicate
                    dirs[:] = []
                    continue
                walked.add(real_root)
                kept = []
                for d in sorted(dirs):
                    full = Path(root, d)
                    if _excluded(full, excludes) or (skip and skip(full)):
                        continue
                    if os.path.islink(full):
                        real = os.path.realpath(full)
                        if real in walked or not inside_roots(real):
                            continue
                    kept.append(d)
                dirs[:] = kept
                _sweep(root, files)
                for name in files:
                    f = Path(root, name)
                    if f.suffix in suffixes and not _excluded(f, excludes) and not (skip and skip(f)):
                        found.append(f)
            candidates = sorted(found)
        else:
            parent = os.path.dirname(raw) or "."
            try:
                _sweep(parent, os.listdir(parent))
            except OSError:
                pass
            candidates = [p]  # named explicitly: always processed
        for f in candidates:
            key = os.path.realpath(f)
            if key in seen:
                continue  # two links to one file: convert it once
            seen.add(key)
            yield str(f)


def out_dir_pairs(paths: Sequence[str], out_dir: str,
                  excludes: Sequence[str] = DEFAULT_EXCLUDES) -> List[Tuple[str, str]]:
    """(source, destination) for every file under PATHS, Python or not, for ``--out-dir``.

    Raises ValueError when the output could land on the input: the output
    directory inside a source tree (the walk would meet its own output), a
    source tree inside the output directory (``a/a/x.py`` -> ``a/x.py``), or
    any destination (through a symlink too) that is one of the inputs.
    """
    out_root = os.path.realpath(out_dir)

    def within(child: str, parent: str) -> bool:
        return child == parent or child.startswith(parent.rstrip(os.sep) + os.sep)

    pairs = []
    for raw in paths:
        src = os.path.realpath(raw)
        if os.path.isdir(src) and within(out_root, src):
            raise ValueError(f"--out-dir {out_dir} is inside the source tree {raw}; choose another place")
        if os.path.isdir(src) and within(src, out_root):
            raise ValueError(f"the source tree {raw} is inside --out-dir {out_dir}; converted copies could "
                             "overwrite the inputs; choose another place")
        if not os.path.isdir(raw):
            pairs.append((raw, os.path.join(out_dir, os.path.basename(raw))))
            continue
        for root, dirs, names in os.walk(raw):
            dirs[:] = sorted(d for d in dirs if not _excluded(Path(root, d), excludes))
            for name in sorted(names):
                if stale_temporary(name):
                    continue
                f = os.path.join(root, name)
                pairs.append((f, os.path.join(out_dir, os.path.relpath(f, raw))))
    inputs = {os.path.realpath(s) for s, _ in pairs}
    for s, d in pairs:
        if os.path.realpath(d) in inputs:
            raise ValueError(f"--out-dir would write {d}, which is an input file ({s}); choose another place")
    return pairs


# ---- writing -----------------------------------------------------------------------

def atomic_write(path: str, data: bytes, mode_from: Optional[str] = None) -> None:
    """Replace ``path``'s content all at once (follows a symlink to its target).

    The new content goes to a temporary file in the target's directory, is
    fsynced and renamed over the target, so any reader, crash or kill sees the
    old file or the new one.  Mode bits and ownership are those of the file
    being replaced, or of ``mode_from`` (the source, for ``--out-dir``).
    """
    target = os.path.realpath(path)
    directory = os.path.dirname(target) or "."
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = os.stat(mode_from) if mode_from else None
    global _writing
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", suffix=TMP_SUFFIX, dir=directory)
    _writing = tmp
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except (PermissionError, AttributeError):
                pass  # not ours to give away: keep the mode at least
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    finally:
        _writing = None
    try:  # make the rename itself durable
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read_only(path: str) -> bool:
    """No write bit for anyone: the owner marked it read-only (checked by bits, so root obeys too)."""
    try:
        return not (os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    except OSError:
        return False


# ---- one file ----------------------------------------------------------------------

def _file_error(path: str, message: str, line: int = 1, rule: str = READ_ERROR) -> FileResult:
    return FileResult(path=path, ok=False, diagnostics=[Diagnostic(
        rule=rule, severity="error", line=line, column=1, message=message, path=path, fix="manual")])


def unified_diff(path: str, old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


def convert_text(path: str, text: str, settings: Settings):
    """Upgrade text of a file of any supported kind: Python source or a Jupyter notebook."""
    if path.endswith(".ipynb"):
        from .notebook import upgrade_notebook

        return upgrade_notebook(text, path, settings)
    from .engine import upgrade_text

    return upgrade_text(text, path, settings)


def _kind(path: str) -> str:
    return os.path.splitext(path)[1] or ".py"


@dataclass
class _Loaded:
    """A file read and decoded, waiting for conversion."""

    path: str
    destination: Optional[str]
    data: bytes
    source: SourceText
    settings: Settings
    cache_key: Optional[str] = None
    stamp: Optional[Tuple[int, int]] = None  # (size, mtime_ns) when read: see _unchanged_since_read


def _load(path: str, job: Job, destination: Optional[str], cache) -> "FileResult | _Loaded":
    """Read + decode; answer from the cache or the fast path when possible."""
    try:
        st = os.stat(path)
        size = st.st_size
    except OSError as exc:
        if os.path.islink(path):
            return _file_error(path, f"broken symbolic link to {os.readlink(path)}; skipped")
        return _file_error(path, f"cannot read: {exc.strerror or exc}")
    if size > job.max_bytes:
        return _file_error(path, f"file is {size / 1e6:.1f} MB, over the {job.max_bytes / 1e6:g} MB size "
                                 "limit for source; skipped (generated or data, not code?)")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return _file_error(path, f"cannot read: {exc.strerror or exc}")
    stamp = (st.st_size, st.st_mtime_ns)
    settings = job.settings_for(path)
    key = None
    if cache is not None and not job.audit:  # a cached result has no findings
        key = cache.key(data, _kind(path), settings.key())
        hit = cache.get(key, path)
        if hit is not None:
            try:
                source = decode_source(data, job.max_bytes)
            except SourceError as exc:
                return _file_error(path, f"{exc}; file left untouched", exc.line)
            if hit.code is None:
                hit.code = source.text
            return _finish(_Loaded(path, destination, data, source, settings, stamp=stamp), hit, job, cached=True)
    try:
        source = decode_source(data, job.max_bytes)
    except SourceError as exc:
        return _file_error(path, f"{exc}; file left untouched", exc.line)
    loaded = _Loaded(path, destination, data, source, settings, key, stamp)
    if not file_may_need_upgrade(path, source.text):
        # Fast path: no TensorFlow import can be written in it; no parse needed.
        return _finish(loaded, UpgradeResult(code=source.text, changed=False), job)
    return loaded


def _convert(loaded: _Loaded, job: Job, cache) -> FileResult:
    path = loaded.path
    findings = None
    try:
        if job.audit:
            from .check import audit

            result, findings = audit(path, loaded.source.text, loaded.settings)
        else:
            result = (job.convert or convert_text)(path, loaded.source.text, loaded.settings)
    except Exception as exc:  # a bug of ours must not lose the file or stop the run
        return _file_error(path, f"internal error while converting ({type(exc).__name__}: {exc}); "
                                 "file left untouched", rule=INTERNAL_ERROR.id)
    if cache is not None and loaded.cache_key is not None:
        cache.put(loaded.cache_key, result)
    if len(loaded.source.text) > BIG_FILE_CHARS:
        _return_freed_memory()
    out = _finish(loaded, result, job)
    if findings:
        out.findings = findings
    return out


# libcst's native parser needs tens of KiB per line while it parses (about 250 MiB for a
# 7,000-line file); glibc keeps that heap for reuse once it is freed, so a worker that met
# one big file would hold it for the rest of the run.  After such a file it goes back.
BIG_FILE_CHARS = 100_000
_TRIM = None


def _return_freed_memory() -> None:
    global _TRIM
    if _TRIM is None:
        try:
            import ctypes

            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):  # not glibc: nothing to do
            _TRIM = False
    if _TRIM:
        _TRIM(0)


def _finish(loaded: _Loaded, result: UpgradeResult, job: Job, cached: bool = False) -> FileResult:
    """Turn a conversion result into a FileResult; write the file when asked and needed."""
    path, destination, source = loaded.path, loaded.destination, loaded.source
    out = FileResult(path=path, changed=result.changed, diagnostics=list(result.diagnostics),
                     ok=result.ok, requirements=tuple(result.requirements), fixes=dict(result.fixes),
                     cached=cached, dialect=result.dialect, dialect_reason=result.dialect_reason)
    if job.want_diff and result.changed:
        out.diff = unified_diff(path, source.text, result.code)
    if job.keep_text:
        out.new_text = result.code
    if not job.write or not result.ok:
        return out
    copy = destination is not None
    if copy and os.path.realpath(destination) == os.path.realpath(path):
        return _write_failed(out, destination, "it is the input file itself; refusing to overwrite it")
    if not (result.changed or copy):
        return out  # nothing to write: the file stays byte-identical (and keeps its mtime)
    target = destination if copy else path
    if not copy and read_only(path):
        return _write_failed(out, target, "the file is read-only; make it writable to convert it")
    if not copy:
        moved = _changed_since_read(loaded, source.encode(result.code) if result.changed else loaded.data)
        if moved:
            out.ok = False
            out.diagnostics.append(Diagnostic(
                rule=READ_ERROR, severity="error", line=1, column=1, path=path, fix="manual",
                message=f"{path} changed while it was being converted ({moved}); not overwritten, so the "
                        "edit is kept: run tf-upgrade again on it"))
            return out
    try:
        new_bytes = source.encode(result.code) if result.changed else loaded.data
        if copy:
            os.makedirs(os.path.dirname(destination) or ".", exist_ok=True)
        atomic_write(target, new_bytes, mode_from=path if copy else None)
        out.written = True
    except (OSError, UnicodeEncodeError) as exc:
        return _write_failed(out, target, getattr(exc, "strerror", None) or str(exc))
    return out


def _changed_since_read(loaded: _Loaded, new_bytes: bytes) -> str:
    """'' if the file on disk is still the one converted, else what differs.  An editor or
    another tool may have saved it meanwhile: writing the conversion of the old content over it
    would lose that edit.  Size and mtime are cheap; the content hash catches an edit that
    keeps both (same size, a coarse or restored mtime).  A file that already holds the
    conversion (a worker wrote it, then died before reporting) is no edit of anyone's."""
    import hashlib

    try:
        st = os.stat(loaded.path)
        with open(loaded.path, "rb") as f:
            now = hashlib.sha256(f.read()).digest()
    except OSError as exc:
        return f"it cannot be read again: {exc.strerror or exc}"
    if now == hashlib.sha256(new_bytes).digest():
        return ""
    if loaded.stamp is not None and (st.st_size, st.st_mtime_ns) != loaded.stamp:
        return "its size or modification time differs"
    if now != hashlib.sha256(loaded.data).digest():
        return "its content differs"
    return ""


def _write_failed(out: FileResult, target: str, reason: str) -> FileResult:
    out.ok = False
    out.diagnostics.append(Diagnostic(
        rule=READ_ERROR, severity="error", line=1, column=1, path=out.path, fix="manual",
        message=f"cannot write {target}: {reason}; file left untouched"))
    return out


def process_file(path: str, job: Job, destination: Optional[str] = None, cache=None) -> FileResult:
    """Convert one file; write it to ``destination`` (default: in place) when ``job.write``."""
    loaded = _load(path, job, destination, cache)
    if isinstance(loaded, FileResult):
        return loaded
    return _convert(loaded, job, cache)


# ---- many files --------------------------------------------------------------------

_writing: Optional[str] = None  # the temporary file atomic_write is filling, if any


def _worker_init() -> None:
    # Ctrl-C goes to the whole process group: the parent decides what to do and
    # stops the workers with SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)


def _worker_stop(signum, frame):
    """Exit now (the pool would catch an exception), removing a half-written temporary file.

    The file being written is untouched: only the rename replaces it, and a
    rename either happened (the file is new) or did not (it is old)."""
    tmp = _writing
    if tmp is not None:
        try:
            os.unlink(tmp)
        except OSError:
            pass
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
    return [(index, _convert(loaded, job, cache)) for index, loaded in chunk]


def _crashed(loaded: _Loaded, how: str) -> FileResult:
    return _file_error(loaded.path, f"the worker converting this file died ({how}); file left untouched",
                       rule=INTERNAL_ERROR.id)


def _warm_up(job: Job) -> None:
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
    heavy: List[Tuple[int, _Loaded]] = []
    pool: Optional[_Pool] = None
    chunk: List[Tuple[int, _Loaded]] = []
    chunk_bytes = 0
    try:
        for index, (path, destination) in enumerate(items):
            loaded = _load(path, job, destination, cache)
            if isinstance(loaded, FileResult):
                deliver(index, loaded)
                continue
            if jobs <= 1:
                deliver(index, _convert(loaded, job, cache))
                continue
            if pool is None:
                heavy.append((index, loaded))
                if len(heavy) < 2 * jobs:
                    continue  # too few to be worth a pool (yet)
                _warm_up(job)
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
            deliver(index, _convert(loaded, job, cache))
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

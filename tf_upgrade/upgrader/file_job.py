"""One file: read, convert, write -- never raising for a bad file.

:func:`process_file` reads a file, answers it from the cache or the fast path
where it can, converts it and, when the :class:`Job` says so, writes the result
(``atomic.atomic_write``): only changed files, only after a successful
conversion, only if the file on disk is still the one read (size, mtime and
content hash), never over a read-only file; a copy for ``--out-dir`` keeps the
source's mode.  Every problem becomes a diagnostic of the returned
:class:`FileResult` (path, line where known, reason).  ``pool.run`` splits the
same steps between the parent (:func:`load`) and the workers (:func:`convert_loaded`).
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Optional, Tuple

from ..rules.input_errors import INTERNAL_ERROR, UNREADABLE  # light: no libcst
from .atomic import atomic_write, read_only
from .discovery import glob_match, relative_posix
from .fastpath import file_may_need_upgrade
from .result import Diagnostic, Settings, UpgradeResult
from .source import MAX_BYTES, SourceError, SourceText, decode_source

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


def file_error(path: str, message: str, line: int = 1, rule: str = READ_ERROR) -> FileResult:
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
class Loaded:
    """A file read and decoded, waiting for conversion."""

    path: str
    destination: Optional[str]
    data: bytes
    source: SourceText
    settings: Settings
    cache_key: Optional[str] = None
    stamp: Optional[Tuple[int, int]] = None  # (size, mtime_ns) when read: see _changed_since_read


def load(path: str, job: Job, destination: Optional[str], cache) -> "FileResult | Loaded":
    """Read + decode; answer from the cache or the fast path when possible."""
    try:
        st = os.stat(path)
        size = st.st_size
    except OSError as exc:
        if os.path.islink(path):
            return file_error(path, f"broken symbolic link to {os.readlink(path)}; skipped")
        return file_error(path, f"cannot read: {exc.strerror or exc}")
    if size > job.max_bytes:
        return file_error(path, f"file is {size / 1e6:.1f} MB, over the {job.max_bytes / 1e6:g} MB size "
                                 "limit for source; skipped (generated or data, not code?)")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return file_error(path, f"cannot read: {exc.strerror or exc}")
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
                return file_error(path, f"{exc}; file left untouched", exc.line)
            if hit.code is None:
                hit.code = source.text
            return _finish(Loaded(path, destination, data, source, settings, stamp=stamp), hit, job, cached=True)
    try:
        source = decode_source(data, job.max_bytes)
    except SourceError as exc:
        return file_error(path, f"{exc}; file left untouched", exc.line)
    loaded = Loaded(path, destination, data, source, settings, key, stamp)
    if not file_may_need_upgrade(path, source.text):
        # Fast path: no TensorFlow import can be written in it; no parse needed.
        return _finish(loaded, UpgradeResult(code=source.text, changed=False), job)
    return loaded


def convert_loaded(loaded: Loaded, job: Job, cache) -> FileResult:
    path = loaded.path
    findings = None
    try:
        if job.audit:
            from .check import audit

            result, findings = audit(path, loaded.source.text, loaded.settings)
        else:
            result = (job.convert or convert_text)(path, loaded.source.text, loaded.settings)
    except Exception as exc:  # a bug of ours must not lose the file or stop the run
        return file_error(path, f"internal error while converting ({type(exc).__name__}: {exc}); "
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


def _finish(loaded: Loaded, result: UpgradeResult, job: Job, cached: bool = False) -> FileResult:
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


def _changed_since_read(loaded: Loaded, new_bytes: bytes) -> str:
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
    loaded = load(path, job, destination, cache)
    if isinstance(loaded, FileResult):
        return loaded
    return convert_loaded(loaded, job, cache)

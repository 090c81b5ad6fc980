"""Where files are found, read, converted and written.

* :func:`discover` walks the given paths (``*.py`` files; default excludes).
* :func:`process_file` reads one file, upgrades it and, if asked, writes the
  result atomically; it never raises for a bad file, it returns a
  :class:`FileResult` whose diagnostics say what went wrong.
* :func:`run` processes many files, in parallel when there are enough of
  them, and returns results in a deterministic order.
"""
from __future__ import annotations

import difflib
import fnmatch
import os
import stat
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from .result import Diagnostic, Settings
from .source import SourceError, decode_source

DEFAULT_EXCLUDES = (".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "build", "dist",
                    "node_modules", "site-packages", "__pycache__", ".eggs", ".mypy_cache",
                    ".pytest_cache", ".ci-venv")
SOURCE_SUFFIXES = (".py", ".ipynb")

from ..rules.input_errors import UNREADABLE

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


@dataclass(frozen=True)
class Job:
    """What to do with each file."""

    settings: Settings
    write: bool = True  # write results (in place, or to the destination given with the path)
    want_diff: bool = False
    keep_text: bool = False
    # [(glob, rule ids)]: extra ignores for files whose path (relative to ``root``) matches
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    root: str = ""

    def settings_for(self, path: str) -> Settings:
        """The settings for one file: ``per_file_ignores`` added to the run's ignores."""
        if not self.per_file_ignores:
            return self.settings
        rel = relative_posix(path, self.root)
        extra = [i for pattern, ids in self.per_file_ignores if glob_match(rel, pattern) for i in ids]
        if not extra:
            return self.settings
        return replace(self.settings, ignore=self.settings.ignore + tuple(extra))


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


def discover(paths: Iterable[str], excludes: Sequence[str] = DEFAULT_EXCLUDES,
             suffixes: Sequence[str] = SOURCE_SUFFIXES,
             skip: Optional[Callable[[Path], bool]] = None) -> Iterator[str]:
    """Files to process, each once, in sorted order within each given path.

    ``skip(path)`` (config excludes, .gitignore) prunes directories and files
    found while walking; a file named explicitly is always processed.
    """
    seen = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not _excluded(Path(root, d), excludes)
                                 and not (skip and skip(Path(root, d))))
                for name in files:
                    f = Path(root, name)
                    if f.suffix in suffixes and not _excluded(f, excludes) and not (skip and skip(f)):
                        found.append(f)
            candidates = sorted(found)
        else:
            candidates = [p]  # named explicitly: always processed
        for f in candidates:
            key = os.path.realpath(f)
            if key in seen:
                continue  # two links to one file: convert it once
            seen.add(key)
            yield str(f)


def atomic_write(path: str, data: bytes) -> None:
    """Replace ``path``'s content all at once, keeping its mode; follows a symlink to its target."""
    target = os.path.realpath(path)
    directory = os.path.dirname(target) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=".tf-upgrade-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
            try:
                st = os.stat(target)
                os.chown(tmp, st.st_uid, st.st_gid)
            except (PermissionError, AttributeError):
                pass
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _file_error(path: str, message: str, line: int = 1) -> FileResult:
    return FileResult(path=path, ok=False, diagnostics=[Diagnostic(
        rule=READ_ERROR, severity="error", line=line, column=1, message=message, path=path, fix="manual")])


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


def process_file(path: str, job: Job, destination: Optional[str] = None) -> FileResult:
    """Convert one file; write it to ``destination`` (default: in place) when ``job.write``."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return _file_error(path, f"cannot read: {exc.strerror or exc}")
    try:
        source = decode_source(data)
    except SourceError as exc:
        return _file_error(path, f"{exc}; file left untouched")
    try:
        result = convert_text(path, source.text, job.settings_for(path))
    except Exception as exc:  # a bug of ours must not lose the file or stop the run
        return _file_error(path, f"internal error while converting ({type(exc).__name__}: {exc}); "
                                 "file left untouched")
    out = FileResult(path=path, changed=result.changed, diagnostics=list(result.diagnostics),
                     ok=result.ok, requirements=result.requirements, fixes=dict(result.fixes))
    if job.want_diff and result.changed:
        out.diff = unified_diff(path, source.text, result.code)
    if job.keep_text:
        out.new_text = result.code
    copy = destination is not None and os.path.realpath(destination) != os.path.realpath(path)
    destination = (destination or path) if job.write else None
    if destination is not None and result.ok and (result.changed or copy):
        try:
            new_bytes = source.encode(result.code) if result.changed else data
            if copy:
                os.makedirs(os.path.dirname(destination) or ".", exist_ok=True)
            atomic_write(destination, new_bytes)
            out.written = True
        except (OSError, UnicodeEncodeError) as exc:
            out.ok = False
            out.diagnostics.append(Diagnostic(
                rule=READ_ERROR, severity="error", line=1, column=1, path=path, fix="manual",
                message=f"cannot write {destination}: {getattr(exc, 'strerror', None) or exc}; file left untouched"))
    return out


def _process_chunk(args):
    items, job = args
    return [process_file(p, job, d) for p, d in items]


def run(items: Sequence[Tuple[str, Optional[str]]], job: Job, jobs: int = 0,
        on_result: Optional[Callable[[FileResult], None]] = None) -> List[FileResult]:
    """Process ``(path, destination)`` pairs; results come back in the same order."""
    jobs = jobs or os.cpu_count() or 1
    results: List[FileResult] = []
    if jobs <= 1 or len(items) < 8:
        for p, d in items:
            r = process_file(p, job, d)
            results.append(r)
            if on_result:
                on_result(r)
        return results
    size = max(1, min(16, len(items) // (jobs * 4)))
    chunks = [(list(items[i:i + size]), job) for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for batch in pool.map(_process_chunk, chunks):
            for r in batch:
                results.append(r)
                if on_result:
                    on_result(r)
    return results

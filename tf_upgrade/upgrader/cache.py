"""Per-file results kept between runs, so re-running over a migrated tree costs a read.

An entry is keyed by the SHA-256 of everything the result depends on: the
file's bytes, its kind (``.py``/``.ipynb``), the effective settings
(:meth:`Settings.key`, after per-file ignores) and a fingerprint of the tool
itself (its version plus the size and mtime of every upgrader/rule module and
data table, and of the installed libcst).  A change to any of them is a miss;
nothing is ever invalidated by hand.  The entry holds the conversion result:
whether it changed, the new text when it did, the diagnostics (without the
path, which is added back on load), requirements and applied-fix counts.
Writing, diffs and ``--check`` decisions are made from it exactly as from a
fresh conversion.

Where: ``--cache-dir DIR``, else ``$TF_UPGRADE_CACHE_DIR``, else
``.tf-upgrade-cache`` in the project root (the nearest directory above the
first path holding ``.git``, ``.hg``, ``pyproject.toml``, ``setup.py`` or
``setup.cfg``), else the user cache directory (``$XDG_CACHE_HOME/tf-upgrade``
or ``~/.cache/tf-upgrade``).  With ``--out-dir`` the project root is skipped: that mode
promises to leave the input tree alone, so the cache goes to the user cache directory.  The directory carries a ``.gitignore`` and a
``CACHEDIR.TAG`` and may be deleted at any time.  ``--no-cache`` bypasses it.

Concurrent runs are safe: every entry is written to a temporary file in its
final directory and renamed into place, so a reader sees a whole entry or
none; an unreadable or malformed entry is a miss.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Optional

from .result import Diagnostic, UpgradeResult

CACHE_DIR_NAME = ".tf-upgrade-cache"
ENV_VAR = "TF_UPGRADE_CACHE_DIR"
FORMAT = "1"  # bump when the entry layout changes
_ROOT_MARKERS = (".git", ".hg", "pyproject.toml", "setup.py", "setup.cfg")
_PACKAGE = Path(__file__).resolve().parents[1]  # tf_upgrade/
# What a conversion depends on; compat_v1 (the runtime) and the report renderers do not count.
_FINGERPRINT_DIRS = ("upgrader", "rules")
_NOT_FINGERPRINTED = ("report",)


def _tool_fingerprint() -> str:
    from .. import __version__

    h = hashlib.sha256(f"tf-upgrade {__version__} cache {FORMAT}".encode())
    paths = [_PACKAGE / "__init__.py"]
    for sub in _FINGERPRINT_DIRS:
        for root, dirs, files in os.walk(_PACKAGE / sub):
            dirs[:] = sorted(d for d in dirs if d not in _NOT_FINGERPRINTED and d != "__pycache__")
            paths.extend(Path(root, f) for f in sorted(files) if not f.endswith(".pyc"))
    spec = importlib.util.find_spec("libcst")  # locates libcst without importing it
    if spec is not None and spec.origin:
        paths.append(Path(spec.origin))
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def project_root(start: str) -> Optional[Path]:
    p = Path(start).resolve()
    if not p.is_dir():
        p = p.parent
    for d in (p, *p.parents):
        if any((d / m).exists() for m in _ROOT_MARKERS):
            return d
    return None


def user_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tf-upgrade"


def default_cache_dir(paths: Iterable[str], in_project: bool = True) -> Path:
    """Where the cache lives when ``--cache-dir`` is not given (see the module doc); ``in_project=False``
    when nothing may be written under the inputs (``--out-dir``)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    for p in paths if in_project else ():
        root = project_root(p)
        if root is not None:
            return root / CACHE_DIR_NAME
        break
    return user_cache_dir()


class Cache:
    """Entries under ``directory``; :meth:`open` returns None when it cannot be used."""

    def __init__(self, directory: Path, fingerprint: Optional[str] = None):
        self.directory = Path(directory)
        self.fingerprint = fingerprint or _tool_fingerprint()
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, directory: os.PathLike) -> Optional["Cache"]:
        directory = Path(directory)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            for name, text in ((".gitignore", "# created by tf-upgrade\n*\n"),
                               ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                                "# tf-upgrade's result cache; safe to delete.\n")):
                if not (directory / name).exists():
                    _write_atomic(directory / name, text.encode())
        except OSError:
            return None  # read-only checkout, no home...: run without a cache
        return cls(directory)

    def key(self, data: bytes, kind: str, settings_key: str) -> str:
        h = hashlib.sha256()
        h.update(f"{self.fingerprint}\0{kind}\0{settings_key}\0".encode())
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / "entries" / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> Optional[UpgradeResult]:
        try:
            with open(self._path(key), "rb") as f:
                entry = json.loads(f.read())
            result = UpgradeResult(
                code=entry["code"], changed=entry["changed"], ok=entry["ok"],
                diagnostics=[Diagnostic(**d, path=path) for d in entry["diagnostics"]],
                requirements=tuple(entry["requirements"]), fixes=dict(entry["fixes"]),
                dialect=entry.get("dialect", ""), dialect_reason=entry.get("dialect_reason", ""))
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: UpgradeResult) -> None:
        """Store ``result`` (``code`` is stored only when it changed); errors are ignored."""
        diagnostics = []
        for d in result.diagnostics:
            item = asdict(d)
            item.pop("path", None)
            diagnostics.append(item)
        entry = {"changed": result.changed, "ok": result.ok,
                 "code": result.code if result.changed else None, "diagnostics": diagnostics,
                 "requirements": list(result.requirements), "fixes": dict(result.fixes),
                 "dialect": result.dialect, "dialect_reason": result.dialect_reason}
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(target, json.dumps(entry, separators=(",", ":")).encode())
        except OSError:
            pass  # a full disk or a read-only cache costs speed, never a result


def _write_atomic(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".tmp-{os.getpid()}-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise

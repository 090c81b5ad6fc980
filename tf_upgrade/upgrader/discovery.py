"""Which files a run covers.

* :func:`discover` walks the given paths (``*.py``/``*.ipynb``; default
  excludes), follows symlinks safely (each target once, no loops, never out of
  the given trees) and sweeps temporary files left by an earlier run that was
  killed (``atomic.sweep``).
* :func:`out_dir_pairs` pairs every file with its ``--out-dir`` destination and
  refuses any layout where the output could land on the input.
* :func:`glob_match` / :func:`relative_posix`: the config's path globs
  (excludes, per-file-ignores, per-file-dialect).
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from .atomic import stale_temporary, sweep

DEFAULT_EXCLUDES = (".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "build", "dist",
                    "node_modules", "site-packages", "__pycache__", ".eggs", ".mypy_cache",
                    ".pytest_cache", ".ci-venv", ".tf-upgrade-cache")
SOURCE_SUFFIXES = (".py", ".ipynb")


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


def excluded(path: Path, excludes: Sequence[str]) -> bool:
    """Does a default or configured exclude pattern match the base name of ``path``?"""
    return any(fnmatch.fnmatch(path.name, pat) for pat in excludes)


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
                    if excluded(full, excludes) or (skip and skip(full)):
                        continue
                    if os.path.islink(full):
                        real = os.path.realpath(full)
                        if real in walked or not inside_roots(real):
                            continue
                    kept.append(d)
                dirs[:] = kept
                sweep(root, files)
                for name in files:
                    f = Path(root, name)
                    if f.suffix in suffixes and not excluded(f, excludes) and not (skip and skip(f)):
                        found.append(f)
            candidates = sorted(found)
        else:
            parent = os.path.dirname(raw) or "."
            try:
                sweep(parent, os.listdir(parent))
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
            dirs[:] = sorted(d for d in dirs if not excluded(Path(root, d), excludes))
            for name in sorted(names):
                if stale_temporary(name):
                    continue
                f = os.path.join(root, name)
                pairs.append((f, os.path.join(out_dir, os.path.relpath(f, raw))))
    inputs = {os.path.realpath(s) for s, _ in pairs}
    written: dict = {}
    for s, d in pairs:
        if os.path.realpath(d) in inputs:
            raise ValueError(f"--out-dir would write {d}, which is an input file ({s}); choose another place")
        # each directory's contents land at the top of --out-dir: two inputs may name the same file
        other = written.setdefault(os.path.normpath(d), s)
        if other != s and os.path.realpath(other) != os.path.realpath(s):
            raise ValueError(f"--out-dir would write {d} twice, from {other} and from {s}: convert these "
                             "inputs into separate output directories")
    return pairs

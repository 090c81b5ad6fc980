"""Replacing a file all at once, and the temporary files that takes.

:func:`atomic_write` writes the new content to a temporary file in the target's
directory (``.tf-upgrade-<pid>-<random>.tmp``), fsyncs it and renames it over the
target, so a reader, a crash or a kill sees the old file or the new one, never a
mix.  A run killed mid-write (SIGKILL) can leave such a temporary file behind;
:func:`stale_temporary` recognises one whose process is gone, and discovery
sweeps them (:func:`sweep`).  A worker stopped by SIGTERM removes its own
(:func:`remove_partial_write`).
"""
from __future__ import annotations

import os
import stat
from typing import Iterable, Optional

TMP_PREFIX = ".tf-upgrade-"  # temporary files: .tf-upgrade-<pid>-<random>.tmp
TMP_SUFFIX = ".tmp"

_writing: Optional[str] = None  # the temporary file atomic_write is filling, if any


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


def sweep(directory: str, names: Iterable[str]) -> None:
    """Remove the stale temporary files among ``names`` (entries of ``directory``)."""
    for name in names:
        if stale_temporary(name):
            try:
                os.unlink(os.path.join(directory, name))
            except OSError:
                pass


def atomic_write(path: str, data: bytes, mode_from: Optional[str] = None) -> None:
    """Replace ``path``'s content all at once (follows a symlink to its target).

    The new content goes to a temporary file in the target's directory, is
    fsynced and renamed over the target, so any reader, crash or kill sees the
    old file or the new one.  Mode bits and ownership are those of the file
    being replaced, or of ``mode_from`` (the source, for ``--out-dir``).
    """
    global _writing
    target = os.path.realpath(path)
    directory = os.path.dirname(target) or "."
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = os.stat(mode_from) if mode_from else None
    # The name is known (and recorded for remove_partial_write) before the file exists, and the file is
    # created inside the try: an interrupt at any point leaves no temporary behind (with mkstemp, one
    # landing between its return and the try leaked the file it had just made).
    tmp = _new_temporary_name(directory)
    _writing = tmp
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
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
    except FileExistsError:
        raise  # O_EXCL: the name was taken meanwhile, by a file that is not ours to remove
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
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


def _new_temporary_name(directory: str) -> str:
    while True:
        tmp = os.path.join(directory, f"{TMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{TMP_SUFFIX}")
        if not os.path.lexists(tmp):  # O_EXCL still guards the (vanishing) race with another writer
            return tmp


def remove_partial_write() -> None:
    """Remove the temporary file :func:`atomic_write` is filling, if any (a worker being stopped:
    the file being written is untouched, since only the rename replaces it)."""
    tmp = _writing
    if tmp is not None:
        try:
            os.unlink(tmp)
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

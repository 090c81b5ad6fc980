"""`tf.gfile` (TF 1.x names) and `tf.io.gfile` (the TF 2 names): files on the local file system.

TensorFlow's versions also reach gs:// and hdfs://; these serve local paths only, with TF's errors:
a missing file raises `tf.errors.NotFoundError`, an existing target `AlreadyExistsError`.
"""
import glob as _glob
import os
import shutil
import sys

from .. import errors
from ..namespace import Namespace, export, export_namespace, export_value


def _not_found(path, what="No such file or directory"):
    return errors.NotFoundError(None, None, "%s; %s" % (path, what))


def _fspath(path):
    path = os.fspath(path)
    return path.decode() if isinstance(path, bytes) else path


@export("tf.io.gfile.GFile")
class GFile:
    """A file object like Python's; text mode reads str, binary mode bytes (TF's GFile)."""

    def __init__(self, name, mode="r"):
        self.name = _fspath(name)
        self.mode = mode
        if "r" in mode and not os.path.exists(self.name):
            raise _not_found(self.name)
        try:
            self._f = open(self.name, mode) if "b" in mode else open(self.name, mode, encoding="utf-8")
        except FileNotFoundError:
            raise _not_found(self.name) from None

    def read(self, n=-1):
        return self._f.read(n)

    def readline(self):
        return self._f.readline()

    def readlines(self):
        return self._f.readlines()

    def write(self, data):
        if isinstance(data, bytes) and "b" not in self.mode:
            data = data.decode("utf-8")
        elif isinstance(data, str) and "b" in self.mode:
            data = data.encode("utf-8")
        self._f.write(data)

    def seek(self, offset=None, whence=0, position=None):
        return self._f.seek(position if offset is None else offset, whence)

    def tell(self):
        return self._f.tell()

    def size(self):
        return os.path.getsize(self.name)

    def flush(self):
        self._f.flush()

    def close(self):
        self._f.close()

    def seekable(self):
        return True

    def next(self):
        return next(self._f)

    __next__ = next

    def __iter__(self):
        return iter(self._f)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


@export("tf.io.gfile.exists")
def exists(path):
    return os.path.exists(_fspath(path))


@export("tf.io.gfile.isdir")
def isdir(path):
    return os.path.isdir(_fspath(path))


@export("tf.io.gfile.listdir")
def listdir(path):
    path = _fspath(path)
    if not os.path.isdir(path):
        raise _not_found(path, "Could not find directory")
    return sorted(os.listdir(path))


@export("tf.io.gfile.makedirs")
def makedirs(path):
    os.makedirs(_fspath(path), exist_ok=True)


@export("tf.io.gfile.mkdir")
def mkdir(path):
    path = _fspath(path)
    try:
        os.mkdir(path)
    except FileExistsError:
        raise errors.AlreadyExistsError(None, None, "%s; File exists" % path) from None
    except FileNotFoundError:
        raise _not_found(path) from None


@export("tf.io.gfile.remove")
def remove(path):
    path = _fspath(path)
    try:
        os.remove(path)
    except FileNotFoundError:
        raise _not_found(path) from None


@export("tf.io.gfile.rmtree")
def rmtree(path):
    path = _fspath(path)
    if not os.path.exists(path):
        raise _not_found(path)
    shutil.rmtree(path)


@export("tf.io.gfile.rename")
def rename(oldname, newname, overwrite=False):
    oldname, newname = _fspath(oldname), _fspath(newname)
    if not overwrite and os.path.exists(newname):
        raise errors.AlreadyExistsError(None, None, "%s; File already exists" % newname)
    if not os.path.exists(oldname):
        raise _not_found(oldname)
    os.replace(oldname, newname)


@export("tf.io.gfile.copy")
def copy(oldpath, newpath, overwrite=False):
    oldpath, newpath = _fspath(oldpath), _fspath(newpath)
    if not overwrite and os.path.exists(newpath):
        raise errors.AlreadyExistsError(None, None, "%s; File already exists" % newpath)
    if not os.path.exists(oldpath):
        raise _not_found(oldpath)
    shutil.copyfile(oldpath, newpath)


@export("tf.io.gfile.glob")
def glob(pattern):
    if isinstance(pattern, (list, tuple)):
        return [p for pat in pattern for p in glob(pat)]
    return sorted(_glob.glob(_fspath(pattern)))


class FileStatistics:
    def __init__(self, length, mtime_nsec, is_directory):
        self.length = length
        self.mtime_nsec = mtime_nsec
        self.is_directory = is_directory


@export("tf.io.gfile.stat")
def stat(path):
    path = _fspath(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise _not_found(path) from None
    return FileStatistics(st.st_size, st.st_mtime_ns, os.path.isdir(path))


@export("tf.io.gfile.walk")
def walk(top, topdown=True, onerror=None):
    """(dirname, subdirectory names, file names) per directory, like os.walk (a missing top yields nothing)."""
    for dirpath, dirnames, filenames in os.walk(_fspath(top), topdown=topdown, onerror=onerror):
        yield dirpath, sorted(dirnames), sorted(filenames)


def _walk_v1(top, in_order=True):
    return walk(top, topdown=in_order)


# tf.gfile: the TF 1.x spellings
Exists = exists
IsDirectory = isdir
ListDirectory = listdir
MakeDirs = makedirs
MkDir = mkdir
Remove = remove
DeleteRecursively = rmtree
Rename = rename
Copy = copy
Glob = glob
Stat = stat
Walk = _walk_v1
Open = GFile
FastGFile = GFile

__all__ = ["GFile", "Open", "FastGFile", "Exists", "IsDirectory", "ListDirectory", "MakeDirs", "MkDir", "Remove",
           "DeleteRecursively", "Rename", "Copy", "Glob", "Stat", "Walk"]
export_namespace(sys.modules[__name__], "tf.gfile")

io_gfile = Namespace("tf.io.gfile", GFile=GFile, exists=exists, isdir=isdir, listdir=listdir, makedirs=makedirs,
                     mkdir=mkdir, remove=remove, rmtree=rmtree, rename=rename, copy=copy, glob=glob, stat=stat,
                     walk=walk)
export_value(io_gfile, "tf.io.gfile")

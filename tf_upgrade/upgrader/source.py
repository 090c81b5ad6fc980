"""Bytes -> text and back, exactly.

The PEP 263 coding cookie or a UTF-8 BOM decides the encoding; line endings
are never translated (libcst keeps each line's own ending), so writing the
text back with the same encoding and BOM reproduces every untouched byte.
"""
from __future__ import annotations

import codecs
import difflib
import io
import re
import tokenize
from dataclasses import dataclass
from typing import List, Tuple

MAX_BYTES = 10 * 1024 * 1024  # larger "source" is almost always generated or data


class SourceError(Exception):
    """A file that cannot be treated as Python source; the message says why, ``line`` where."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, max(0, offset)) + 1


@dataclass(frozen=True)
class SourceText:
    text: str
    encoding: str  # codec name, without the -sig suffix
    bom: bool

    def encode(self, text: str) -> bytes:
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


def decode_source(data: bytes, max_bytes: int = MAX_BYTES) -> SourceText:
    if len(data) > max_bytes:
        raise SourceError(f"file is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for source")
    if b"\0" in data:
        raise SourceError("file contains NUL bytes: binary, not Python source", _line_of(data, data.index(b"\0")))
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if "invalid or missing" in str(exc):
            raise SourceError("cannot decode as UTF-8 and no PEP 263 coding declaration names "
                              "another encoding") from None
        raise SourceError(f"bad encoding declaration: {exc}", getattr(exc, "lineno", None) or 1) from None
    bom = encoding == "utf-8-sig"
    if bom:
        encoding = "utf-8"
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(f"cannot decode as {encoding}: {exc}", _line_of(data, exc.start)) from None
    except LookupError as exc:
        raise SourceError(f"cannot decode as {encoding}: {exc}") from None
    return SourceText(text=text, encoding=encoding, bom=bom)


# ---- mixed line endings ----------------------------------------------------------------
# libcst takes one newline style per module (from the first line) and rejects
# some files that mix them; Python itself reads every style.  A mixed file is
# converted with LF endings and each line gets its own ending back afterwards.

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _split(text: str) -> Tuple[List[str], List[str]]:
    bodies, endings = [], []
    for m in _LINE.finditer(text):
        line = m.group()
        body = line.rstrip("\r\n")
        bodies.append(body)
        endings.append(line[len(body):])
    return bodies, endings


def mixed_newlines(text: str) -> bool:
    """Does ``text`` use more than one of ``\\r\\n``, ``\\r`` and ``\\n``?"""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    return sum(1 for n in (crlf, cr, lf) if n) > 1


def to_lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def restore_newlines(original: str, converted_lf: str) -> str:
    """``converted_lf`` (LF endings) with the endings of ``original`` put back.

    Unchanged lines keep their own ending; a changed line takes the ending of
    the line it replaces, an added line the file's most common ending.
    """
    old_bodies, old_endings = _split(original)
    new_bodies, new_endings = _split(converted_lf)
    common = max(("\r\n", "\n", "\r"), key=lambda e: old_endings.count(e))
    out = []
    matcher = difflib.SequenceMatcher(None, old_bodies, new_bodies, autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k, j in enumerate(range(j1, j2)):
            if not new_endings[j]:
                ending = ""  # the last line had no newline and still has none
            elif i1 + k < i2:
                ending = old_endings[i1 + k] or common
            else:
                ending = common
            out.append(new_bodies[j] + ending)
    return "".join(out)

"""Jupyter notebooks (``.ipynb``): upgrade the code cells, touch nothing else.

* The code cells are joined into one module, with a comment line marking
  each boundary, so ``import tensorflow as tf`` in the first cell resolves
  ``tf.log`` in the fifth, as it does in the kernel.  The upgraded module is
  split again at the markers.
* IPython syntax that is not Python (``%magic``, ``!shell``, ``x = !cmd``,
  ``obj?``, ``%%cell_magic``) is masked with a placeholder statement before
  parsing and restored byte for byte afterwards; cells whose ``%%`` magic
  runs another language (``%%bash``, ``%%writefile``...) are left alone.
* Only the ``source`` values of changed cells are replaced in the original
  JSON text, formatted like the notebook's own (indentation, line list or
  single string, ASCII escaping), so outputs, metadata, key order and number
  spellings stay exactly as they were.
* Diagnostics are placed as ``path:line:col`` with ``line`` counted in "the
  notebook's code": every code cell's source in order (an empty cell counts as
  one line), which is what a tool exporting the notebook to a script and
  dropping its cell headers would number; ``cell`` (1-based index in the
  notebook's cell list, markdown cells included) and ``cell_line`` (line within
  that cell) name the cell, and the text output shows them.  A cell that does not parse is reported and left
  untouched; the other cells are still converted.
"""
from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from dataclasses import replace
from typing import Dict, List, Optional, Tuple

from .result import Diagnostic, Settings, UpgradeResult

# %%magics whose body is Python: the first line is masked, the body upgraded.
_PYTHON_CELL_MAGICS = {"time", "timeit", "capture", "prun", "debug", "pypy", "python", "python3"}
_MARKER = "# tf-upgrade notebook cell {} {}"  # cell index, a token the notebook does not contain
_PLACEHOLDER = "__tf_upgrade_magic_{}__"
_PLACEHOLDER_RE = re.compile(r"^([ \t]*)__tf_upgrade_magic_(\d+)__[ \t]*$")
# Line-level IPython syntax: %magic, !shell, ?help, help?, x = !cmd, x = %magic.
_MAGIC_LINE = re.compile(r"^\s*(?:[%!?]|[A-Za-z_][\w.]*\s*[?]{1,2}\s*$|[\w.,\s()\[\]]+=\s*[%!])")


def _is_python_notebook(nb: dict) -> bool:
    meta = nb.get("metadata") or {}
    lang = (meta.get("language_info") or {}).get("name") or (meta.get("kernelspec") or {}).get("language")
    return lang is None or str(lang).lower() in ("python", "python3", "ipython", "ipython3")


def _source_text(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


class _Masked:
    """A cell's source with IPython-only lines replaced by placeholder statements."""

    def __init__(self, text: str, counter: List[int]):
        self.saved: Dict[int, str] = {}  # placeholder number -> original line (without its newline)
        self.skip = False  # the whole cell is another language
        lines = text.split("\n")
        first = lines[0].lstrip()
        if first.startswith("%%"):
            name = first[2:].split(None, 1)[0] if first[2:].strip() else ""
            if name not in _PYTHON_CELL_MAGICS:
                self.skip = True
        out = []
        in_cell_magic = first.startswith("%%") and not self.skip
        for i, line in enumerate(lines):
            if (i == 0 and in_cell_magic) or _MAGIC_LINE.match(line) and _statement_starts_after(out):
                counter[0] += 1
                n = counter[0]
                self.saved[n] = line
                indent = line[:len(line) - len(line.lstrip())]
                out.append(f"{indent}{_PLACEHOLDER.format(n)}")
            else:
                out.append(line)
        self.text = "\n".join(out)


def _statement_starts_after(lines: List[str]) -> bool:
    """Is the next line the start of a logical line (not inside brackets, a string or after a backslash)?

    ``("%d items"`` followed by ``% n)`` is Python, not a magic: IPython, too,
    only treats ``%``/``!`` as escapes where a statement begins.
    """
    if not lines:
        return True
    if lines[-1].endswith("\\"):
        return False
    try:
        for _ in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
            pass
    except tokenize.TokenError:
        return False  # EOF inside brackets or a multi-line string
    except (SyntaxError, ValueError):
        return True  # e.g. a dedent error: not a continuation either
    return True


def _restore(text: str, saved: Dict[int, str]) -> str:
    if not saved:
        return text
    out = []
    for line in text.split("\n"):
        m = _PLACEHOLDER_RE.match(line)
        out.append(saved[int(m.group(2))] if m and int(m.group(2)) in saved else line)
    return "\n".join(out)


def _parses(text: str) -> Optional[SyntaxError]:
    try:
        compile(text, "<cell>", "exec", ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except SyntaxError as exc:
        return exc
    except (ValueError, RecursionError) as exc:  # NUL bytes, absurd nesting
        return SyntaxError(str(exc))
    return None


class Joined:
    """A notebook's code cells joined into one module, and how to map its lines back."""

    def __init__(self, text: str, cells: list, filename: str):
        from ..rules.input_errors import PARSE_ERROR

        self.text, self.cells, self.filename = text, cells, filename
        self.diagnostics: List[Diagnostic] = []
        counter = [0]
        token = 0
        while f"cell-{token}" in text:
            token += 1
        self.token = f"cell-{token}"
        parts: List[str] = []
        self.masks: Dict[int, _Masked] = {}
        self.offsets: List[Tuple[int, int]] = []  # (first line of the cell in the joined module, cell index)
        # first line of each code cell in "the notebook's code": every code cell's source in order
        self.code_start: Dict[int, int] = {}
        line_no = 1
        code_line = 1
        for index, cell in enumerate(cells):
            if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                continue
            source = _source_text(cell)
            self.code_start[index] = code_line
            code_line += max(1, len(source.splitlines()))
            masked = _Masked(source, counter)
            if masked.skip:
                continue
            error = _parses(masked.text)
            if error is not None:
                self.diagnostics.append(self.locate(Diagnostic(
                    rule=PARSE_ERROR.id, severity="error", line=error.lineno or 1, column=(error.offset or 1),
                    fix="manual", path=filename,
                    message=f"cannot parse this cell as Python 3 ({error.msg}); cell left untouched"), index))
                continue
            self.masks[index] = masked
            body = masked.text if masked.text.endswith("\n") or not masked.text else masked.text + "\n"
            parts.append(_MARKER.format(index, self.token) + "\n" + body)
            self.offsets.append((line_no + 1, index))
            line_no += 1 + body.count("\n")
        self.code = "".join(parts)

    def cell_of(self, line: int) -> Tuple[int, int]:
        """Joined-module line -> (cell index, line within the cell)."""
        start, index = self.offsets[0]
        for s, i in self.offsets:
            if s > line:
                break
            start, index = s, i
        return index, max(1, line - start + 1)

    def code_line(self, line: int) -> Tuple[int, int, int]:
        """Joined-module line -> (line in the notebook's code, 1-based cell number, line in the cell)."""
        index, cell_line = self.cell_of(line)
        return self.code_start[index] + cell_line - 1, index + 1, cell_line

    def locate(self, d: Diagnostic, index: int) -> Diagnostic:
        """A diagnostic made on cell ``index``'s own text, placed in the notebook's code."""
        return _in_cell(d, self.code_start[index], index)

    def place(self, d: Diagnostic) -> Diagnostic:
        """A diagnostic made on the joined module, placed in the notebook's code."""
        index, cell_line = self.cell_of(d.line)
        return _in_cell(replace(d, line=cell_line, end_line=d.end_line - (d.line - cell_line)
                                if d.end_line else None), self.code_start[index], index)


def _in_cell(d: Diagnostic, start: int, index: int) -> Diagnostic:
    """``d`` (line relative to the cell) -> line within the notebook's code, cell named."""
    shift = start - 1
    return replace(d, line=d.line + shift, end_line=d.end_line + shift if d.end_line else None,
                   cell=index + 1, cell_line=d.line)


def load(text: str, filename: str):
    """``Joined`` for a Python notebook; else an UpgradeResult that answers it as it is."""
    from ..rules.input_errors import UNREADABLE

    try:
        nb = json.loads(text)
        cells = nb["cells"]
        assert isinstance(cells, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        return UpgradeResult(code=text, changed=False, ok=False, diagnostics=[Diagnostic(
            rule=UNREADABLE.id, severity="error", line=1, column=1, fix="manual", path=filename,
            message="not a Jupyter notebook (nbformat 4 JSON with a 'cells' list); left untouched")])
    if not _is_python_notebook(nb):
        return UpgradeResult(code=text, changed=False)
    return Joined(text, cells, filename)


def upgrade_notebook(text: str, filename: str, settings: Settings) -> UpgradeResult:
    from .engine import upgrade_text
    from .fastpath import file_may_need_upgrade

    if not file_may_need_upgrade(filename, text):  # the engine's own fast path, on the whole JSON
        return UpgradeResult(code=text, changed=False)
    joined = load(text, filename)
    if isinstance(joined, UpgradeResult):
        return joined
    diagnostics = list(joined.diagnostics)
    cells, masks = joined.cells, joined.masks
    if not joined.code:
        return UpgradeResult(code=text, changed=False, diagnostics=diagnostics, ok=not diagnostics)

    result = upgrade_text(joined.code, filename, settings)
    bodies = _split(result.code, joined.token, list(masks)) if result.changed else {}
    if result.changed and bodies is None:
        # A rule dropped or moved a cell boundary along with a statement: convert the cells one by one
        # (imports in earlier cells are then unknown, but `tf` is recognised without one).
        # The notebook's dialect was decided on all its cells: each cell keeps it.
        if result.dialect:
            settings = replace(settings, dialect=result.dialect, dialect_source="the notebook's cells")
        return _cell_by_cell(joined, diagnostics, settings)

    diagnostics += [joined.place(d) for d in result.diagnostics]
    diagnostics.sort(key=lambda d: (d.line, d.column, d.rule))
    if not result.changed:
        return UpgradeResult(code=text, changed=False, diagnostics=diagnostics, ok=result.ok,
                             requirements=result.requirements, dialect=result.dialect,
                             dialect_reason=result.dialect_reason)

    code = _write_back(text, cells, masks, bodies)
    return UpgradeResult(code=code, changed=code != text, diagnostics=diagnostics, ok=result.ok,
                         requirements=result.requirements, fixes=result.fixes if code != text else {},
                         dialect=result.dialect, dialect_reason=result.dialect_reason)


def _split(code: str, token: str, expected: List[int]) -> Optional[Dict[int, str]]:
    """Cell index -> its upgraded body, or None when a boundary marker went missing."""
    pieces = re.split(r"^# tf-upgrade notebook cell (\d+) %s\n" % re.escape(token), code, flags=re.M)
    bodies: Dict[int, str] = {}
    head = pieces[0]  # text before the first marker: only imports the engine added
    for k in range(1, len(pieces), 2):
        bodies[int(pieces[k])] = head + pieces[k + 1]
        head = ""
    return bodies if list(bodies) == expected else None


def _write_back(text: str, cells: list, masks: Dict[int, "_Masked"], bodies: Dict[int, str]) -> str:
    new_sources: Dict[int, str] = {}
    for index, body in bodies.items():
        original = _source_text(cells[index])
        if not original.endswith("\n") and body.endswith("\n"):
            body = body[:-1]
        body = _restore(body, masks[index].saved)
        if body != original:
            new_sources[index] = body
    return splice_sources(text, new_sources) if new_sources else text


def _cell_by_cell(joined: Joined, diagnostics: List[Diagnostic], settings: Settings) -> UpgradeResult:
    from .engine import upgrade_text

    text, cells, masks, filename = joined.text, joined.cells, joined.masks, joined.filename
    diagnostics = [d for d in diagnostics if d.rule == "TFU001"]  # keep the cells that did not parse
    bodies: Dict[int, str] = {}
    fixes: Dict[str, int] = {}
    requirements = set()
    ok = True
    for index, masked in masks.items():
        r = upgrade_text(masked.text, filename, settings)
        ok = ok and r.ok
        diagnostics += [joined.locate(d, index) for d in r.diagnostics]
        requirements.update(r.requirements)
        if r.changed:
            bodies[index] = r.code
            for rule_id, n in r.fixes.items():
                fixes[rule_id] = fixes.get(rule_id, 0) + n
    diagnostics.sort(key=lambda d: (d.line, d.column, d.rule))
    code = _write_back(text, cells, masks, bodies)
    return UpgradeResult(code=code, changed=code != text, diagnostics=diagnostics, ok=ok,
                         requirements=tuple(sorted(requirements)), fixes=fixes if code != text else {},
                         dialect=settings.dialect if settings.dialect != "auto" else "")


# ---- writing back into the original JSON text --------------------------------------------

def _source_spans(text: str) -> Dict[int, Tuple[int, int]]:
    """Cell index -> (start, end) of its ``source`` value in the notebook's JSON text."""
    decoder = json.JSONDecoder()
    ws = re.compile(r"[ \t\n\r]*")

    def skip_ws(i: int) -> int:
        return ws.match(text, i).end()

    def object_members(i: int):
        """Yield (key, value_start, value_end) of the object starting at text[i] == '{'."""
        i = skip_ws(i + 1)
        if text[i] == "}":
            return
        while True:
            key, i = json.decoder.scanstring(text, i + 1)
            i = skip_ws(i)
            i = skip_ws(i + 1)  # ':'
            _, end = decoder.raw_decode(text, i)
            yield key, i, end
            i = skip_ws(end)
            if text[i] == "}":
                return
            i = skip_ws(i + 1)  # ','

    spans: Dict[int, Tuple[int, int]] = {}
    for key, start, _end in object_members(skip_ws(0)):
        if key != "cells":
            continue
        i = skip_ws(start + 1)
        index = 0
        while text[i] != "]":
            _, cell_end = decoder.raw_decode(text, i)
            if text[i] == "{":
                for ckey, cstart, cend in object_members(i):
                    if ckey == "source":
                        spans[index] = (cstart, cend)
            index += 1
            i = skip_ws(cell_end)
            if text[i] == ",":
                i = skip_ws(i + 1)
    return spans


def _line_start(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    line = text[start:pos]
    return line[:len(line) - len(line.lstrip())]


def _format_source(text: str, span: Tuple[int, int], new: str, ensure_ascii: bool) -> str:
    """``new`` as a JSON value laid out like the original value at ``span``."""
    old = text[span[0]:span[1]]
    dump = lambda s: json.dumps(s, ensure_ascii=ensure_ascii)  # noqa: E731
    if not old.startswith("["):
        return dump(new)
    lines = new.splitlines(True)
    if not lines:
        return "[]"
    if "\n" not in old:  # compact JSON: keep it on one line
        sep = ", " if ", " in old or old == "[]" else ","
        return "[" + sep.join(dump(s) for s in lines) + "]"
    key_indent = _line_start(text, span[0])
    m = re.match(r"\[\r?\n([ \t]*)", old)
    item_indent = m.group(1) if m and m.group(1) else key_indent + " "
    newline = "\r\n" if "\r\n" in old else "\n"
    return ("[" + newline + ("," + newline).join(item_indent + dump(s) for s in lines)
            + newline + key_indent + "]")


def splice_sources(text: str, new_sources: Dict[int, str]) -> str:
    spans = _source_spans(text)
    ensure_ascii = not any(ord(c) > 127 for c in text) and "\\u" in text
    out, pos = [], 0
    for index in sorted(new_sources, key=lambda i: spans[i][0]):
        start, end = spans[index]
        out.append(text[pos:start])
        out.append(_format_source(text, spans[index], new_sources[index], ensure_ascii))
        pos = end
    out.append(text[pos:])
    return "".join(out)

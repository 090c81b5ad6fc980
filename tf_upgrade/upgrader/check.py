"""``tf-upgrade check``: which TensorFlow references would fail on the target version, and why.

One source of truth: ``check`` does not decide on its own what the rewrite would
do.  Each file goes through the same discovery, configuration, per-file ignores
and suppression comments as ``tf-upgrade PATHS`` (``pool.run`` with
``Job(audit=True)``), and is converted in a dry run that records every fix by
position (``upgrade_text(..., explain=True)``).  Then every TensorFlow reference
of the file is resolved as the rewrite resolves it and looked up in the
target's symbol table (``api_check.first_missing``); a missing one is

* **fixable** when the dry run's output no longer has it: the suggestion printed
  is the code the rewrite wrote for it (the fix's own text when one covers it,
  else the line as rewritten);
* **kept on purpose** when a ``# tf-upgrade: ignore`` comment, ``ignore`` or
  ``select`` (also per file) holds back the rule that would act on it;
* **needs hands** otherwise, with the diagnostic of the dry run that explains it
  (``TFU110: tf.contrib.training.HParams ... use a dataclass``), or as unknown to
  every rule.

Names that exist only with the tf_keras package (``tf.compat.v1.layers`` on
2.16+) are listed as requirements, not failures.  Notebooks are checked as the
rewrite converts them (code cells joined); their locations are placed like
every diagnostic of a notebook (``notebook.py``).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Tuple

from ..rules import tables
from .api_check import as_written, first_missing
from .result import Diagnostic, Edit, Settings, UpgradeResult

FIXABLE, MANUAL, UNKNOWN, KEPT, TF_KERAS = "fixable", "manual", "unknown", "kept", "tf_keras"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int  # 1-based
    qualname: str  # the reference, canonical (tf.contrib.layers.xavier_initializer)
    missing: str  # its first part the target lacks ('' for names that load only with tf_keras)
    status: str  # fixable | manual | unknown | kept | tf_keras
    rule: str = ""  # the rule that fixes, explains or holds it back ('' when none)
    suggestion: str = ""  # fixable: the code the rewrite writes for it
    why: str = ""  # manual/kept: the diagnostic's message or what holds it back
    cell: Optional[int] = None  # notebooks: the cell (1-based) and the line within it
    cell_line: Optional[int] = None

    @property
    def needs_tf_keras(self) -> bool:
        return not self.missing

    @property
    def fails(self) -> bool:
        """Does this finding keep the migration from being done?"""
        return self.status in (FIXABLE, MANUAL, UNKNOWN) and bool(self.missing)

    def format(self, target: Tuple[int, int]) -> str:
        version = f"{target[0]}.{target[1]}"
        where = f"{self.path}:{self.line}:{self.column}:"
        if self.cell is not None:
            where += f" (cell {self.cell}, line {self.cell_line})"
        if self.missing:
            head = f"{where} error {self.qualname}: {self.missing} does not exist in TensorFlow {version}"
        else:
            head = (f"{where} info {self.qualname} exists in TensorFlow {version} only with tf_keras installed "
                    "and TF_USE_LEGACY_KERAS=1")
        if self.status == FIXABLE:
            rule = f" ({self.rule})" if self.rule else ""
            return f"{head}; tf-upgrade fixes it{rule}: {self.suggestion}"
        if self.status == KEPT:
            return f"{head.replace(' error ', ' info ', 1)}; kept on purpose ({self.why})"
        if self.status == MANUAL:
            return f"{head}; no automatic fix ({self.rule}: {self.why})"
        if self.status == UNKNOWN:
            return f"{head}; no rule knows this name (typo, private API, or a newer/older TensorFlow?)"
        return head


@dataclass
class FileCheck:
    path: str
    findings: List[Finding]
    result: UpgradeResult  # the dry run (its diagnostics as the rewrite reports them)

    @property
    def missing(self) -> List[Finding]:
        return [f for f in self.findings if f.missing and f.status != KEPT]


# ---- one text -------------------------------------------------------------------------------

def check_text(text: str, path: str = "<string>", settings: Optional[Settings] = None) -> FileCheck:
    """Dry-run the rewrite on ``text`` (a .py file's or a notebook's) and classify every
    TensorFlow reference missing in the target version."""
    settings = settings or Settings()
    result, findings = audit(path, text, settings)
    return FileCheck(path, findings, result)


def audit(path: str, text: str, settings: Settings) -> Tuple[UpgradeResult, List[Finding]]:
    """(the dry run's result as the rewrite would report it, findings)."""
    from .engine import upgrade_text

    if path.endswith(".ipynb"):
        from . import notebook
        from .fastpath import file_may_need_upgrade

        if not file_may_need_upgrade(path, text):
            return UpgradeResult(code=text, changed=False), []
        joined = notebook.load(text, path)
        if isinstance(joined, UpgradeResult):
            return joined, []
        if not joined.code:
            return UpgradeResult(code=text, changed=False, diagnostics=list(joined.diagnostics),
                                 ok=not joined.diagnostics), []
        code = joined.code
        dry = upgrade_text(code, path, settings, explain=True)
        findings = _classify(path, code, dry, settings)
        placed = []
        for f in findings:
            line, cell, cell_line = joined.code_line(f.line)
            placed.append(replace(f, line=line, cell=cell, cell_line=cell_line))
        diagnostics = list(joined.diagnostics) + [joined.place(d) for d in dry.diagnostics]
        diagnostics.sort(key=lambda d: (d.line, d.column, d.rule))
        return replace(dry, diagnostics=diagnostics, edits=[]), placed
    dry = upgrade_text(text, path, settings, explain=True)
    if not dry.ok:
        return dry, []
    return dry, _classify(path, text, dry, settings)


def _references(text: str, settings: Settings):
    """[(line, column, qualname, binding alias position or None)] of every TF reference and
    import binding, resolved as the engine resolves them."""
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from .fastpath import IMPLICIT_HINT
    from .resolve import resolve
    from .source import mixed_newlines, to_lf

    if mixed_newlines(text):
        text = to_lf(text)
    try:
        module = cst.parse_module(text)
    except Exception:  # the dry run reported it already (TFU001)
        return []
    resolution = resolve(module, upgrade_compat_v1_import=settings.upgrade_compat_v1_import)
    if not resolution.bindings and IMPLICIT_HINT.search(text):
        resolution = resolve(module, upgrade_compat_v1_import=settings.upgrade_compat_v1_import, implicit=True)
    if not resolution.references and not resolution.bindings:
        return []
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)

    def at(node):
        p = positions.get(node)
        return (p.start.line, p.start.column + 1) if p is not None else None

    out = []
    for node, ref in resolution.references.items():
        pos = at(node)
        if pos is not None:
            alias = ref.binding.alias
            out.append((pos[0], pos[1], as_written(ref), at(alias) if alias is not None else None))
    for b in resolution.bindings:
        if b.alias is not None and b.qualname != "tf":
            pos = at(b.alias)
            if pos is not None:
                out.append((pos[0], pos[1], b.qualname, pos))
    return sorted(set(out))


def _missing(qualname: str, target) -> Optional[str]:
    """None: exists; '': exists only with tf_keras; else the first missing part."""
    missing = first_missing(qualname, target)
    if not missing:
        return None
    if tables.availability(qualname, target) == "tf_keras":
        return ""
    return missing


def _classify(path: str, text: str, dry: UpgradeResult, settings: Settings) -> List[Finding]:
    target = settings.target_version or tables.newest_version()
    wanted = []
    for line, column, qualname, alias in _references(text, settings):
        missing = _missing(qualname, target)
        if missing is not None:
            wanted.append((line, column, qualname, missing, alias))
    if not wanted:
        return []
    old_lines = text.splitlines()
    new_lines = dry.code.splitlines() if dry.changed else old_lines
    hunks = _hunks(old_lines, new_lines) if dry.changed else []
    still_missing = _missing_by_line(dry.code, settings, target) if dry.changed else {}
    old_missing: Dict[int, List[str]] = {}
    for line, _, qualname, _, _ in wanted:
        old_missing.setdefault(line, []).append(qualname)
    applied = [e for e in dry.edits if e.applied]
    held = [e for e in dry.edits if not e.applied]
    diagnostics = dry.diagnostics
    unfiltered: Optional[UpgradeResult] = None
    out = []
    for line, column, qualname, missing, alias in wanted:
        covering = sorted((e for e in applied if e.covers(line, column)),
                          key=lambda e: (e.end_line - e.line, e.end_column - e.column))
        status, rule, suggestion, why = "", "", "", ""
        if dry.changed:
            (i1, i2), (j1, j2), equal = _lines_of(hunks, line)
            before = sum(q == qualname for n in range(i1 + 1, i2 + 1) for q in old_missing.get(n, []))
            after = sum(q == qualname for n in range(j1 + 1, j2 + 1) for q in still_missing.get(n, []))
            if after == 0 or (after < before and covering):
                status = FIXABLE
                new_text = "\n".join(new_lines[j1:j2])
                for e in covering:
                    if e.text and e.text in new_text:
                        rule, suggestion = e.rule, "writes " + e.text
                        break
                else:
                    rule = covering[0].rule if covering else _import_rule(applied, alias)
                    if equal and alias is not None:
                        # the line stays; the reference stops being TensorFlow's through its import
                        (a1, a2), (b1, b2), _ = _lines_of(hunks, alias[0])
                        written = " / ".join(x.strip() for x in new_lines[b1:b2] if x.strip())
                        suggestion = f"through its import, line {alias[0]}: " + (
                            f"writes {written}" if written else "removed")
                    elif j1 == j2:
                        suggestion = f"removes line {i1 + 1}" if i2 == i1 + 1 else f"removes lines {i1 + 1}-{i2}"
                    else:
                        suggestion = "writes " + " / ".join(x.strip() for x in new_lines[j1:j2] if x.strip())
        if not status:
            explained = _explanation(diagnostics, line, column)
            if explained is None and alias is not None:
                # a report made once at the import speaks for the uses through it (TFU112: a private
                # module, reported per import and not at each of its many uses)
                explained = next((d for d in diagnostics if (d.line, d.column) == alias and d.severity != "info"),
                                 None)
            if explained is not None:
                status, rule, why = MANUAL, explained.rule, explained.message
            elif any(e.covers(line, column) for e in held):
                held_by = next((e.rule for e in held if e.covers(line, column)), "")
                status, rule = KEPT, held_by
                why = f"# tf-upgrade: ignore{f'[{held_by}]' if held_by else ''} on its line"
            else:
                if (settings.select or settings.ignore) and unfiltered is None:
                    unfiltered = _unfiltered_dry_run(path, text, settings)
                acting = _acting_rule(unfiltered, line, column) if unfiltered is not None else None
                if acting:
                    status, rule = KEPT, acting
                    why = f"{acting} is not selected for this file (select/ignore/per-file-ignores)"
                else:
                    status = UNKNOWN if missing else TF_KERAS
        if not missing and status in (UNKNOWN, MANUAL):
            status = TF_KERAS  # a tf_keras-only name the rewrite keeps: a requirement, not a failure
        out.append(Finding(path, line, column, qualname, missing, status, rule, suggestion, why))
    return out


def _hunks(old: List[str], new: List[str]):
    """[((i1, i2), (j1, j2))] of the lines the rewrite replaced (0-based, end exclusive)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [((i1, i2), (j1, j2)) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _lines_of(hunks, line: int):
    """((i1, i2), (j1, j2), equal): the original lines around 1-based ``line`` and what the
    rewrite made of them (0-based, end exclusive); an unchanged line maps to its new place."""
    shift = 0
    for (i1, i2), (j1, j2) in hunks:
        if i1 < line <= i2:
            return (i1, i2), (j1, j2), False
        if i2 < line:
            shift = j2 - i2
        else:
            break
    return (line - 1, line), (line - 1 + shift, line + shift), True


def _missing_by_line(code: str, settings: Settings, target) -> Dict[int, List[str]]:
    out: Dict[int, List[str]] = {}
    for line, _, qualname, _ in _references(code, settings):
        if _missing(qualname, target) is not None:  # '' (tf_keras-only) counts: it is still there
            out.setdefault(line, []).append(qualname)
    return out


def _import_rule(applied: List[Edit], alias) -> str:
    """The rule that rewrote the import a reference goes through, if any."""
    if alias is None:
        return ""
    for e in applied:
        if (e.line, e.column) == alias:
            return e.rule
    return ""


def _explanation(diagnostics: List[Diagnostic], line: int, column: int) -> Optional[Diagnostic]:
    """The dry run's report about the reference at (line, column): at it, else on its line."""
    order = {"error": 0, "warning": 1, "info": 2}
    here = [d for d in diagnostics if d.line == line and d.column == column]
    if not here:
        here = [d for d in diagnostics if d.line == line and d.severity != "info"]
        if not here:
            here = [d for d in diagnostics if d.end_line and d.line <= line <= d.end_line
                    and (d.line, d.column) <= (line, column) and d.severity != "info"]
    return min(here, key=lambda d: order.get(d.severity, 3)) if here else None


def _unfiltered_dry_run(path: str, text: str, settings: Settings) -> UpgradeResult:
    from .engine import upgrade_text

    return upgrade_text(text, path, replace(settings, select=(), ignore=()), explain=True)


def _acting_rule(result: UpgradeResult, line: int, column: int) -> str:
    for e in result.edits:
        if e.covers(line, column):
            return e.rule
    d = _explanation(result.diagnostics, line, column)
    return d.rule if d is not None else ""

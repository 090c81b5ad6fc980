"""The values the upgrader hands back: settings in, diagnostics and results out."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Tuple

MODES = ("default", "safety")


@dataclass(frozen=True)
class Diagnostic:
    """Something a person should look at.  ``line`` and ``column`` are 1-based."""

    rule: str
    severity: str  # error | warning | info
    line: int
    column: int
    message: str
    hint: str = ""  # what to do about it
    fix: str = ""  # fix class of the rule: safe | unsafe | manual
    path: str = ""
    end_line: Optional[int] = None
    end_column: Optional[int] = None
    cell: Optional[int] = None  # notebooks: 1-based cell number; line is then cell-relative

    def format(self) -> str:
        where = self.path or "<stdin>"
        if self.cell is not None:
            where += f":cell {self.cell}"
        text = f"{where}:{self.line}:{self.column}: {self.severity} {self.rule} {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def with_path(self, path: str) -> "Diagnostic":
        return replace(self, path=path)


@dataclass(frozen=True)
class Settings:
    """Everything that changes what the upgrader does to one file."""

    mode: str = "default"
    import_rename: bool = False
    upgrade_compat_v1_import: bool = False
    target_version: Optional[Tuple[int, int]] = None  # None: newest shipped table
    select: Tuple[str, ...] = ()  # rule ids or prefixes; empty = all
    ignore: Tuple[str, ...] = ()
    unsafe_fixes: bool = False

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}; expected one of {', '.join(MODES)}")

    def enabled(self, rule_id: str) -> bool:
        if self.select and not any(rule_id.startswith(p) for p in self.select):
            return False
        return not any(rule_id.startswith(p) for p in self.ignore)

    def key(self) -> str:
        """Stable text for cache keys."""
        return repr((self.mode, self.import_rename, self.upgrade_compat_v1_import,
                     self.target_version, self.select, self.ignore, self.unsafe_fixes))


@dataclass
class UpgradeResult:
    """Outcome for one source text.  ``code`` is the input itself when unchanged."""

    code: str
    changed: bool
    diagnostics: List[Diagnostic] = field(default_factory=list)
    # False when the file could not be converted (parse error...): code is the input.
    ok: bool = True
    requirements: Tuple[str, ...] = ()  # packages the converted code now needs
    # rule id -> number of fixes applied (what was converted automatically; empty when unchanged)
    fixes: Dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

"""The values the upgrader hands back: settings in, diagnostics and results out."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Dict, List, Optional, Tuple

MODES = ("default", "safety")
DIALECTS = ("auto", "tf1", "tf2")  # as stated by the user; decided per file: tf1 | tf2 | mixed | unknown
# Which Keras converted tf.keras code is for when the target ships Keras 3 (TF >= 2.16):
# "keras3" converts Keras 2 idioms; "tf_keras" keeps Keras 2 code, served by the tf_keras package.
KERAS_TARGETS = ("keras3", "tf_keras")


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
    # notebooks: ``line`` counts in the notebook's code (every code cell in order, see
    # notebook.py), so ``path:line:col`` stays parseable; ``cell`` is the 1-based number of the
    # cell in the notebook's cell list and ``cell_line`` the line within it
    cell: Optional[int] = None
    cell_line: Optional[int] = None

    @property
    def where_in_cell(self) -> str:
        """``cell 3, line 2`` for notebooks, else ''."""
        return f"cell {self.cell}, line {self.cell_line}" if self.cell is not None else ""

    def format(self) -> str:
        where = self.path or "<stdin>"
        message = f"({self.where_in_cell}) {self.message}" if self.cell is not None else self.message
        text = f"{where}:{self.line}:{self.column}: {self.severity} {self.rule} {message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def with_path(self, path: str) -> "Diagnostic":
        return replace(self, path=path)


@dataclass(frozen=True)
class Edit:
    """One fix the rewrite made, or would have made (``applied`` False: suppressed by a
    ``# tf-upgrade: ignore`` comment, or an unsafe fix left out).  Recorded only when
    asked (``upgrade_text(..., explain=True)``: ``tf-upgrade check``), at the ORIGINAL
    node's position; ``text`` is the code written in its place."""

    rule: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str = ""
    applied: bool = True

    def covers(self, line: int, column: int) -> bool:
        return (self.line, self.column) <= (line, column) < (self.end_line, self.end_column)


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
    # TF 1.x / TF 2 (upgrader/dialect.py): "auto" decides per file on evidence
    dialect: str = "auto"
    dialect_source: str = ""  # where a stated dialect came from, for the reports ("config", ...)
    project_pin: str = ""  # "requirements.txt: tensorflow==1.15" when the project pins TF < 2
    keras: Optional[str] = None  # KERAS_TARGETS; None: keras3 (only matters when the target is 2.16+)

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}; expected one of {', '.join(MODES)}")
        if self.dialect not in DIALECTS + ("mixed", "unknown"):  # the last two: a notebook's cells
            raise ValueError(f"unknown dialect {self.dialect!r}; expected one of {', '.join(DIALECTS)}")
        if self.keras is not None and self.keras not in KERAS_TARGETS:
            raise ValueError(f"unknown keras target {self.keras!r}; expected one of {', '.join(KERAS_TARGETS)}")

    def enabled(self, rule_id: str) -> bool:
        if self.select and not any(rule_id.startswith(p) for p in self.select):
            return False
        return not any(rule_id.startswith(p) for p in self.ignore)

    def key(self) -> str:
        """Stable text for cache keys: every field, in declaration order, so a new setting
        can never be left out of the key (and serve a stale cached result)."""
        return repr(tuple(getattr(self, f.name) for f in fields(self)))


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
    # every fix and every suppressed report, by position: only with explain=True (tf-upgrade check)
    edits: List[Edit] = field(default_factory=list)
    # the file's dialect (tf1 | tf2 | mixed | unknown) and why; "" when no TF reference was looked at
    dialect: str = ""
    dialect_reason: str = ""

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

"""Migration reports, all rendered from one :class:`RunResult`.

A run (``tf-upgrade PATH...``) produces one :class:`~tf_upgrade.upgrader.file_job.FileResult`
per file; :class:`RunResult` holds them with the settings and the timing and
computes every total the renderers show, so the JSON, SARIF, Markdown, HTML
and text outputs of one run always agree::

    run = RunResult(files=results, settings=settings, action="check")
    write_report(run, "migration.html")          # format from the extension
    render(run, "sarif")                          # -> str

Formats: ``json`` (schema: ``schema.json`` beside this file, documented in
``docs/report-schema.md``), ``sarif`` (SARIF 2.1.0), ``md``, ``html`` and
``text`` (the summary the CLI prints).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from ..result import Diagnostic, Settings

FORMATS = ("json", "sarif", "md", "html", "text")
_EXTENSIONS = {".json": "json", ".sarif": "sarif", ".md": "md", ".markdown": "md", ".html": "html",
               ".htm": "html", ".txt": "text"}
SEVERITY_ORDER = ("error", "warning", "info")


def format_for(path: str, explicit: Optional[str] = None) -> str:
    """The report format: ``explicit`` if given, else from ``path``'s extension."""
    if explicit:
        if explicit not in FORMATS:
            raise ValueError(f"unknown report format {explicit!r}; expected one of {', '.join(FORMATS)}")
        return explicit
    name = path.lower()
    if name.endswith(".sarif.json"):
        return "sarif"
    ext = os.path.splitext(name)[1]
    if ext not in _EXTENSIONS:
        raise ValueError(f"cannot tell the report format of {path!r} from its extension; "
                         f"use --report-format ({', '.join(FORMATS)})")
    return _EXTENSIONS[ext]


@dataclass
class RuleTally:
    """One rule's share of a run: fixes applied and diagnostics left."""

    id: str
    name: str = ""
    summary: str = ""
    why: str = ""
    fix: str = ""
    fixed: int = 0  # fixes applied automatically
    diagnostics: int = 0  # places reported (converted with a note, or left for a person)
    by_severity: Dict[str, int] = field(default_factory=lambda: {s: 0 for s in SEVERITY_ORDER})
    files: int = 0  # files with at least one diagnostic of this rule

    @property
    def manual(self) -> int:
        """Places a person has to look at: error and warning diagnostics."""
        return self.by_severity["error"] + self.by_severity["warning"]


@dataclass
class RunResult:
    """Everything one run produced; the single input of every report format."""

    files: list  # List[FileResult], in the order the run processed them
    settings: Settings = field(default_factory=Settings)
    action: str = "rewrite"  # rewrite | check | diff | out-dir | stdin
    started: float = field(default_factory=time.time)  # seconds since the epoch
    duration: float = 0.0  # seconds
    tool_version: str = ""

    def __post_init__(self):
        if not self.tool_version:
            from ... import __version__

            self.tool_version = __version__

    # ---- facts ---------------------------------------------------------
    @property
    def wrote(self) -> bool:
        """Did the run write its conversions (in place, to --out-dir or to stdout)?"""
        return self.action in ("rewrite", "out-dir", "stdin")

    @property
    def target_version(self) -> str:
        from ...rules import tables

        major, minor = self.settings.target_version or tables.newest_version()
        return f"{major}.{minor}"

    @property
    def diagnostics(self) -> List[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    def dialects(self) -> Dict[str, list]:
        """Dialect (tf1 | tf2 | mixed | unknown) -> the files read as it (files with TF references)."""
        out: Dict[str, list] = {}
        for f in self.files:
            dialect = getattr(f, "dialect", "")
            if dialect:
                out.setdefault(dialect, []).append(f)
        return out

    @property
    def changed(self) -> int:
        return sum(1 for f in self.files if f.changed)

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if not f.ok)

    @property
    def fixed(self) -> int:
        return sum(sum(f.fixes.values()) for f in self.files)

    def by_severity(self) -> Dict[str, int]:
        counts = {s: 0 for s in SEVERITY_ORDER}
        for d in self.diagnostics:
            counts[d.severity] = counts.get(d.severity, 0) + 1
        return counts

    def requirements(self) -> Dict[str, List[str]]:
        """Package -> files whose converted code needs it (the requirements delta)."""
        out: Dict[str, List[str]] = {}
        for f in self.files:
            for req in f.requirements:
                out.setdefault(req, []).append(f.path)
        return dict(sorted(out.items()))

    def by_rule(self) -> List[RuleTally]:
        """Every rule that fixed or reported something, most manual work first."""
        if not any(f.fixes or f.diagnostics for f in self.files):
            return []  # nothing to tally: a no-op run must not load every rule module (and libcst)
        from ...rules import load_all

        registry = load_all()
        tallies: Dict[str, RuleTally] = {}

        def tally(rule_id: str) -> RuleTally:
            if rule_id not in tallies:
                r = registry.rules.get(rule_id)
                tallies[rule_id] = RuleTally(rule_id, name=r.name, summary=r.summary, why=r.why, fix=r.fix) \
                    if r else RuleTally(rule_id)
            return tallies[rule_id]

        for f in self.files:
            for rule_id, n in f.fixes.items():
                tally(rule_id).fixed += n
            seen = set()
            for d in f.diagnostics:
                t = tally(d.rule)
                t.diagnostics += 1
                t.by_severity[d.severity] = t.by_severity.get(d.severity, 0) + 1
                if d.rule not in seen:
                    seen.add(d.rule)
                    t.files += 1
        return sorted(tallies.values(), key=lambda t: (-t.manual, -t.diagnostics, -t.fixed, t.id))

    def hot_spots(self, limit: int = 10) -> list:
        """Files with the most manual work (errors, then warnings, then any diagnostic)."""
        def weight(f) -> Tuple[int, int, int]:
            c = _severity_counts(f.diagnostics)
            return (c["error"], c["warning"], len(f.diagnostics))

        ranked = [f for f in self.files if weight(f)[0] + weight(f)[1] > 0]
        ranked.sort(key=lambda f: tuple(-x for x in weight(f)) + (f.path,))
        return ranked[:limit]

    def manual_files(self) -> int:
        return sum(1 for f in self.files if any(d.severity in ("error", "warning") for d in f.diagnostics))


def _severity_counts(diagnostics: Sequence[Diagnostic]) -> Dict[str, int]:
    counts = {s: 0 for s in SEVERITY_ORDER}
    for d in diagnostics:
        counts[d.severity] = counts.get(d.severity, 0) + 1
    return counts


def location(d: Diagnostic) -> str:
    """``line 12:5`` or, in a notebook, ``line 12:5 (cell 3, line 2)``: where to look, for people."""
    where = f"line {d.line}:{d.column}"
    return f"{where} ({d.where_in_cell})" if d.cell is not None else where


def render(run: RunResult, fmt: str) -> str:
    if fmt == "json":
        from .json_report import render_json as fn
    elif fmt == "sarif":
        from .sarif import render_sarif as fn
    elif fmt == "md":
        from .markdown import render_markdown as fn
    elif fmt == "html":
        from .html import render_html as fn
    elif fmt == "text":
        from .text import render_text as fn
    else:
        raise ValueError(f"unknown report format {fmt!r}")
    return fn(run)


def write_report(run: RunResult, path: str, fmt: Optional[str] = None) -> str:
    """Render ``run`` to ``path`` (format from the extension unless given); returns the format."""
    from ..atomic import atomic_write

    fmt = format_for(path, fmt)
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    atomic_write(path, render(run, fmt).encode("utf-8"))
    return fmt


__all__ = ["FORMATS", "RuleTally", "RunResult", "format_for", "location", "render", "write_report"]

"""The summary printed at the end of every CLI run (and the ``text`` report format).

:func:`summary_lines` gives ``(text, style)`` pairs; the CLI prints them with
rich, which colours them on a terminal and prints plain text when piped.
"""
from __future__ import annotations

from typing import List, Tuple

from . import RunResult
from .markdown import plural as _plural


def _by_rule(pairs) -> str:
    shown = [f"{rule_id} x{n}" for rule_id, n in pairs[:6]]
    if len(pairs) > 6:
        shown.append(f"{len(pairs) - 6} more rules")
    return ", ".join(shown)


REPEATS_PRINTED = 3  # a diagnostic repeated more often is printed this many times, then counted


def diagnostic_key(d) -> tuple:
    return (d.rule, d.severity, d.message, d.hint)


def repeated(run: RunResult) -> list:
    """[(first diagnostic, all its places)] for diagnostics repeated more than REPEATS_PRINTED times."""
    groups: dict = {}
    for f in run.files:
        for d in f.diagnostics:
            groups.setdefault(diagnostic_key(d), []).append(d)
    return [(ds[0], ds) for ds in groups.values() if len(ds) > REPEATS_PRINTED]


def summary_lines(run: RunResult) -> List[Tuple[str, str]]:
    sev = run.by_severity()
    verb = "changed" if run.wrote else "would change"
    first = (f"{_plural(len(run.files), 'file')} checked, {run.changed} {verb}, "
             f"{_plural(sev['error'], 'error')}, {_plural(sev['warning'], 'warning')}")
    if run.failed:
        first += f", {run.failed} skipped (see errors above)"
    style = "bold red" if sev["error"] or run.failed else ("yellow" if sev["warning"] else "green")
    lines = [(first, style)]
    tallies = run.by_rule()
    fixed = [(t.id, t.fixed) for t in sorted(tallies, key=lambda t: (-t.fixed, t.id)) if t.fixed]
    if fixed:
        label = "fixed automatically" if run.wrote else "fixable automatically"
        lines.append((f"{label}: {run.fixed} ({_by_rule(fixed)})", "green"))
    manual = [(t.id, t.manual) for t in tallies if t.manual]
    if manual:
        places = sum(n for _, n in manual)
        lines.append((f"needs hands: {_plural(places, 'place')} in {_plural(run.manual_files(), 'file')} "
                      f"({_by_rule(manual)})", "yellow"))
    for d, places in sorted(repeated(run), key=lambda item: -len(item[1])):
        first = ", ".join(f"{p.path or '<stdin>'}:{p.line}:{p.column}" for p in places[:REPEATS_PRINTED])
        lines.append((f"{len(places)} x {d.severity} {d.rule} {d.message} (first at {first}; "
                      f"{len(places) - REPEATS_PRINTED} more not printed above; every place is in the json and "
                      "sarif reports)", "yellow" if d.severity != "info" else ""))
    reqs = run.requirements()
    if reqs:
        lines.append(("converted code needs: " + ", ".join(reqs), "cyan"))
    return lines


def render_text(run: RunResult) -> str:
    """The summary, then the files the run changed or would change, one a line."""
    verb = "changed" if run.wrote else "would change"
    changed = [f"{verb}: {f.path}" for f in run.files if f.changed]
    return "".join(text + "\n" for text, _ in summary_lines(run)) + "".join(line + "\n" for line in changed)

"""The Markdown migration report: what a lead reads in two minutes.

Totals first, then what tf-upgrade converted by itself, what needs hands
(grouped by rule, each linking to its explanation at the end), the hot-spot
files, the requirements delta and, per file, the lines to look at.
"""
from __future__ import annotations

from typing import List

from . import RunResult, location

MAX_FILES_LISTED = 500


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else f"``{text}``"


def rule_anchor(rule_id: str) -> str:
    return f"rule-{rule_id.lower()}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def converted_heading(run: RunResult) -> str:
    return "Converted automatically" if run.wrote else "What tf-upgrade converts automatically"


def headline(run: RunResult) -> List[str]:
    """The totals, as short sentences (shared by the Markdown and HTML reports)."""
    sev = run.by_severity()
    verb = "changed" if run.wrote else "would change"
    return [
        f"{len(run.files)} files examined, {run.changed} {verb}, {run.failed} could not be converted",
        f"{run.fixed} fixes {'applied' if run.wrote else 'to apply'} automatically",
        f"{plural(sev['error'] + sev['warning'], 'place')} need{'s' if sev['error'] + sev['warning'] == 1 else ''}"
        f" hands in {plural(run.manual_files(), 'file')} ({plural(sev['error'], 'error')}, "
        f"{plural(sev['warning'], 'warning')}); {plural(sev['info'], 'note')}",
    ]


def changed_heading(run: RunResult) -> str:
    return "Files changed" if run.wrote else "Files that would change"


def file_status(run: RunResult, f) -> str:
    if not f.ok:
        return "not converted"
    if f.changed:
        return "changed" if run.wrote else "would change"
    return "unchanged"


DIALECT_NAMES = {"tf1": "TF 1.x", "tf2": "TF 2", "mixed": "mixed", "unknown": "unknown"}


def dialect_section(run: RunResult) -> List[str]:
    """How each file was read: TF 1.x code is converted, TF 2 code left alone; mixed and unknown
    files (their TF 1.x-only conversions reported as TFU130) are listed with the reason."""
    dialects = run.dialects()
    if not dialects:
        return []
    out = ["## Dialect", "",
           ", ".join(f"{DIALECT_NAMES[d]}: {len(dialects[d])}" for d in DIALECT_NAMES if d in dialects) + ".", ""]
    unsure = [f for d in ("mixed", "unknown") for f in dialects.get(d, [])]
    if unsure:
        out += ["Files whose TF 1.x-only conversions were reported instead of applied (state the dialect with "
                "`# tf-upgrade: dialect=tf1|tf2` or `per-file-dialect`):", ""]
        out += [f"- {_code(f.path)}: {f.dialect} ({_cell(f.dialect_reason)})" for f in unsure[:MAX_FILES_LISTED]]
        out.append("")
    return out


def render_markdown(run: RunResult) -> str:
    tallies = run.by_rule()
    out = ["# TensorFlow migration report", "",
           f"tf-upgrade {run.tool_version}, target TensorFlow {run.target_version}, "
           f"action `{run.action}`, {run.duration:.1f} s.", ""]
    out += [f"- {line}" for line in headline(run)]
    out.append("")

    auto = [t for t in tallies if t.fixed]
    out += [f"## {converted_heading(run)}", ""]
    if auto:
        out += ["| Rule | Name | Fixes |", "| --- | --- | ---: |"]
        out += [f"| [{t.id}](#{rule_anchor(t.id)}) | {_cell(t.name)} | {t.fixed} |"
                for t in sorted(auto, key=lambda t: (-t.fixed, t.id))]
    else:
        out.append("Nothing.")
    out.append("")

    hands = [t for t in tallies if t.diagnostics]
    out += ["## Needs hands", ""]
    if hands:
        out += ["| Rule | Name | Errors | Warnings | Notes | Files |", "| --- | --- | ---: | ---: | ---: | ---: |"]
        out += [f"| [{t.id}](#{rule_anchor(t.id)}) | {_cell(t.name)} | {t.by_severity['error']} | "
                f"{t.by_severity['warning']} | {t.by_severity['info']} | {t.files} |" for t in hands]
    else:
        out.append("Nothing: every change was made automatically.")
    out.append("")

    hot = run.hot_spots()
    if hot:
        out += ["## Hot spots", "", "| File | Errors | Warnings | All diagnostics |", "| --- | ---: | ---: | ---: |"]
        for f in hot:
            e = sum(d.severity == "error" for d in f.diagnostics)
            w = sum(d.severity == "warning" for d in f.diagnostics)
            out.append(f"| {_cell(_code(f.path))} | {e} | {w} | {len(f.diagnostics)} |")
        out.append("")

    out += dialect_section(run)

    reqs = run.requirements()
    out += ["## Requirements delta", ""]
    if reqs:
        out += [f"- `{p}` (needed by {len(fs)} file{'s' if len(fs) != 1 else ''})" for p, fs in reqs.items()]
    else:
        out.append("None: the converted code needs only TensorFlow.")
    out.append("")

    changed = [f for f in run.files if f.changed]
    if changed:
        out += [f"## {changed_heading(run)}", ""]
        out += [f"- {_code(f.path)}" for f in changed[:MAX_FILES_LISTED]]
        if len(changed) > MAX_FILES_LISTED:
            out.append(f"- …and {len(changed) - MAX_FILES_LISTED} more; the JSON report lists them all.")
        out.append("")

    listed = [f for f in run.files if f.diagnostics]
    if listed:
        out += ["## Files", ""]
        for f in listed[:MAX_FILES_LISTED]:
            out.append(f"### {_code(f.path)} ({file_status(run, f)})")
            out.append("")
            for d in f.diagnostics:
                text = d.message + (f" — {d.hint}" if d.hint else "")
                out.append(f"- {location(d)} **{d.severity}** [{d.rule}](#{rule_anchor(d.rule)}): {text}")
            out.append("")
        if len(listed) > MAX_FILES_LISTED:
            out += [f"…and {len(listed) - MAX_FILES_LISTED} more files; the JSON report lists them all.", ""]

    if tallies:
        out += ["## Rules", ""]
        for t in sorted(tallies, key=lambda t: t.id):
            out += [f'<a id="{rule_anchor(t.id)}"></a>', f"### {t.id} {t.name}", "",
                    f"{t.summary}. Fix class: **{t.fix or 'n/a'}**.", ""]
            if t.why:
                out += [t.why, ""]
            out += [f"Examples: `tf-upgrade rule {t.id}`.", ""]
    return "\n".join(out).rstrip("\n") + "\n"

"""The JSON report: a versioned, documented schema (``schema.json``; ``docs/report-schema.md``).

``schema_version`` changes only when a field is removed or changes meaning;
new optional fields may appear in any release, so readers should ignore
fields they do not know.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from . import RunResult

SCHEMA_VERSION = 2  # 2: notebook lines count in the notebook's code (cell_line added)
FORMAT_NAME = "tf-upgrade-report"


def diagnostic_dict(d) -> dict:
    return {
        "rule": d.rule, "severity": d.severity, "fix": d.fix or None,
        "line": d.line, "column": d.column, "end_line": d.end_line, "end_column": d.end_column,
        "cell": d.cell, "cell_line": d.cell_line, "message": d.message, "hint": d.hint or None,
    }


def report_dict(run: RunResult) -> dict:
    tallies = run.by_rule()
    return {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "tf-upgrade", "version": run.tool_version},
        "run": {
            "action": run.action,
            "started": datetime.fromtimestamp(run.started, timezone.utc).isoformat(timespec="seconds"),
            "duration_seconds": round(run.duration, 3),
            "mode": run.settings.mode,
            "target_version": run.target_version,
            "select": list(run.settings.select),
            "ignore": list(run.settings.ignore),
            "unsafe_fixes": run.settings.unsafe_fixes,
        },
        "summary": {
            "tool_version": run.tool_version,
            "target_version": run.target_version,
            "files": len(run.files),
            "changed": run.changed,
            "failed": run.failed,
            "files_needing_review": run.manual_files(),
            "fixes": run.fixed,
            "diagnostics": len(run.diagnostics),
            "by_severity": run.by_severity(),
            "by_rule": {t.id: {"name": t.name, "fix": t.fix or None, "fixed": t.fixed,
                               "diagnostics": t.diagnostics, "by_severity": t.by_severity, "files": t.files}
                        for t in sorted(tallies, key=lambda t: t.id)},
            "requirements": [{"package": p, "files": fs} for p, fs in run.requirements().items()],
        },
        "files": [{
            "path": f.path, "changed": f.changed, "written": f.written, "ok": f.ok,
            "fixes": dict(f.fixes), "requirements": list(f.requirements),
            "dialect": getattr(f, "dialect", "") or None, "dialect_reason": getattr(f, "dialect_reason", "") or None,
            "diagnostics": [diagnostic_dict(d) for d in f.diagnostics],
        } for f in run.files],
    }


def render_json(run: RunResult) -> str:
    return json.dumps(report_dict(run), indent=2, ensure_ascii=False) + "\n"

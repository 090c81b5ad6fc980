"""SARIF 2.1.0 for GitHub code scanning (``github/codeql-action/upload-sarif``).

One ``run`` whose driver lists every tf-upgrade rule (id, name, help text,
default level); one ``result`` per diagnostic.  Paths under the current
directory are written relative to it with ``uriBaseId`` ``%SRCROOT%`` (what
code scanning resolves against the checkout); others as ``file://`` URIs.
Notebook diagnostics have the region the text output prints (the line counted
in the notebook's code, see ``notebook.py``) and name their cell in the
message and in ``properties.cell``/``cellLine``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from . import RunResult

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _artifact(path: str) -> dict:
    if path == "<stdin>":
        return {"uri": "stdin"}
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute == cwd or absolute.startswith(cwd + os.sep):
        return {"uri": quote(Path(os.path.relpath(absolute, cwd)).as_posix()), "uriBaseId": "%SRCROOT%"}
    return {"uri": Path(absolute).as_uri()}


def _rule_descriptor(r) -> dict:
    help_text = f"{r.summary}.\n\n{r.why}".strip() if r.why else r.summary
    help_text += f"\n\nFix class: {r.fix}. Examples: `tf-upgrade rule {r.id}`."
    return {
        "id": r.id,
        "name": "".join(part.capitalize() for part in r.name.split("-")),
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.why or r.summary},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": LEVELS.get(r.severity, "warning")},
        "properties": {"fix": r.fix, "tags": ["tensorflow", "migration", r.fix]},
    }


def sarif_dict(run: RunResult) -> dict:
    from ...rules import load_all

    rules = sorted(load_all().rules.values(), key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for f in run.files:
        artifact = _artifact(f.path)
        for d in f.diagnostics:
            message = d.message + (f" (hint: {d.hint})" if d.hint else "")
            physical = {"artifactLocation": artifact}
            props = {"fix": d.fix or None}
            region = {"startLine": d.line, "startColumn": d.column}
            if d.end_line:
                region["endLine"] = d.end_line
                if d.end_column:
                    region["endColumn"] = d.end_column
            physical["region"] = region
            if d.cell is not None:
                # the same path:line:col as the text output (line in the notebook's code), cell named
                message = f"({d.where_in_cell}) {message}"
                props.update(cell=d.cell, cellLine=d.cell_line, cellColumn=d.column)
            result = {
                "ruleId": d.rule,
                "level": LEVELS.get(d.severity, "warning"),
                "message": {"text": message},
                "locations": [{"physicalLocation": physical}],
                "properties": props,
            }
            if d.rule in index:
                result["ruleIndex"] = index[d.rule]
            results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tf-upgrade",
                "version": run.tool_version,
                "semanticVersion": run.tool_version,
                "rules": [_rule_descriptor(r) for r in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
            "invocations": [{"executionSuccessful": run.failed == 0,
                             "properties": {"action": run.action, "targetVersion": run.target_version,
                                            # what --check would change / what the run changed
                                            "changedFiles": [_artifact(f.path)["uri"] for f in run.files
                                                             if f.changed],
                                            "changesWritten": run.wrote,
                                            # how each file was read (tf1 | tf2 | mixed | unknown) and why
                                            "fileDialects": [{"uri": _artifact(f.path)["uri"],
                                                              "dialect": f.dialect, "reason": f.dialect_reason}
                                                             for f in run.files if getattr(f, "dialect", "")]}}],
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def render_sarif(run: RunResult) -> str:
    return json.dumps(sarif_dict(run), indent=2, ensure_ascii=False) + "\n"

"""The HTML migration report: one self-contained file (inline CSS and SVG, no
scripts, nothing fetched), readable on a phone, with the same content as the
Markdown report plus a chart of the remaining manual work by rule."""
from __future__ import annotations

from html import escape
from typing import List

from . import RuleTally, RunResult, location
from .markdown import (
    DIALECT_NAMES,
    MAX_FILES_LISTED,
    changed_heading,
    converted_heading,
    file_status,
    headline,
    rule_anchor,
)

_CSS = """
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--err:#cf222e;--warn:#bf8700;--info:#0969da;--ok:#1a7f37;
--bar-err:#cf222e;--bar-warn:#d4a72c}
*{box-sizing:border-box}
body{font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;
max-width:60rem;padding:1rem;overflow-wrap:break-word}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:.5rem 0}
.meta{color:var(--muted);font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:.5rem;margin:1rem 0}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem}
.card b{display:block;font-size:1.5rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code{font-size:.9em;overflow-wrap:break-word}
.error{color:var(--err)}.warning{color:var(--warn)}.info{color:var(--info)}
details{border:1px solid var(--line);border-radius:6px;padding:.4rem .75rem;margin:.4rem 0}
summary{cursor:pointer}
ul.diags{padding-left:1.2rem;margin:.4rem 0}
.chart{margin:.5rem 0}
.bar-row{display:grid;grid-template-columns:minmax(0,16rem) 1fr;gap:.25rem .75rem;align-items:center;margin:.35rem 0}
.bar-label{font-size:.95rem}
.bar{display:flex;align-items:center;gap:.4rem;min-width:0}
.bar span.e,.bar span.w{display:inline-block;height:1.1rem;min-width:2px}
.bar span.e{background:var(--bar-err)}.bar span.w{background:var(--bar-warn)}
.bar b{font-weight:600;font-size:.95rem}
.legend{font-size:.9rem;color:var(--muted)}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 .8rem;vertical-align:-.1rem}
/* phones: one column; tables become stacked rows with their header as a label, so nothing
   needs sideways scrolling and text keeps its size */
@media (max-width:40rem){
body{padding:.75rem}
.bar-row{grid-template-columns:1fr}
table,thead,tbody,tr,th,td{display:block}
tr.head{display:none}
tr{border-bottom:1px solid var(--line);padding:.3rem 0}
td{border:0;padding:.1rem 0}
td.n,th.n{text-align:left}
td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}
}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--line:#30363d}body{background:#0d1117}
a{color:#58a6ff}}
"""


def _path(path: str) -> str:
    """A path that may wrap after each ``/`` (and only there, unless one part is longer than the line)."""
    parts = path.split("/")
    return "".join(escape(part) + "/<wbr>" for part in parts[:-1]) + escape(parts[-1])


def _chart(tallies: List[RuleTally]) -> str:
    """Horizontal stacked bars of the errors and warnings left per rule, in HTML: the labels are
    text at the page's size (an SVG scaled down to a phone's width made them about 5 px)."""
    rows = [t for t in tallies if t.manual]
    if not rows:
        return "<p>No manual work left.</p>"
    top = max(t.manual for t in rows)
    parts = ['<div class="chart" role="img" aria-label="Remaining manual work by rule">']
    for t in rows:
        e, w = t.by_severity["error"], t.by_severity["warning"]
        parts.append(f'<div class="bar-row"><span class="bar-label">{escape(t.id)} {escape(t.name)}</span>'
                     f'<span class="bar">'
                     + (f'<span class="e" style="width:{80 * e / top:.1f}%" title="{e} errors"></span>' if e else "")
                     + (f'<span class="w" style="width:{80 * w / top:.1f}%" title="{w} warnings"></span>' if w else "")
                     + f"<b>{t.manual}</b></span></div>")
    parts.append('<div class="legend"><i style="background:var(--bar-err)"></i>errors'
                 '<i style="background:var(--bar-warn)"></i>warnings</div></div>')
    return "".join(parts)


def _table(headers, rows) -> str:
    """A table whose cells carry their column's name (shown on phones, where rows stack)."""
    out = ['<table><tr class="head">' + "".join(
        f'<th class="n">{escape(h[1:])}</th>' if h.startswith("#") else f"<th>{escape(h)}</th>"
        for h in headers) + "</tr>"]
    for row in rows:
        cells = []
        for h, value in zip(headers, row):
            cls = ' class="n"' if h.startswith("#") else ""
            cells.append(f'<td{cls} data-label="{escape(h.lstrip("#"))}">{value}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _rule_link(rule_id: str) -> str:
    return f'<a href="#{rule_anchor(rule_id)}">{escape(rule_id)}</a>'


def render_html(run: RunResult) -> str:
    tallies = run.by_rule()
    sev = run.by_severity()
    h = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         '<title>TensorFlow migration report</title>', f"<style>{_CSS}</style></head><body>",
         "<h1>TensorFlow migration report</h1>",
         f'<p class="meta">tf-upgrade {escape(run.tool_version)}, target TensorFlow {escape(run.target_version)}, '
         f'action <code>{escape(run.action)}</code>, {run.duration:.1f} s.</p>',
         '<div class="cards">']
    cards = [("files", len(run.files), ""), ("changed" if run.wrote else "would change", run.changed, ""), ("fixes applied" if run.wrote else "fixes to apply", run.fixed, ""),
             ("errors", sev["error"], "error"), ("warnings", sev["warning"], "warning"),
             ("notes", sev["info"], "info"), ("not converted", run.failed, "error" if run.failed else "")]
    for label, value, cls in cards:
        h.append(f'<div class="card"><b class="{cls}">{value}</b>{escape(label)}</div>')
    h.append("</div><ul>" + "".join(f"<li>{escape(line)}</li>" for line in headline(run)) + "</ul>")

    h.append("<h2>Remaining manual work by rule</h2>")
    h.append(_chart(tallies))

    h.append(f"<h2>{converted_heading(run)}</h2>")
    auto = sorted((t for t in tallies if t.fixed), key=lambda t: (-t.fixed, t.id))
    if auto:
        h.append(_table(["Rule", "Name", "#Fixes"], [(_rule_link(t.id), escape(t.name), t.fixed) for t in auto]))
    else:
        h.append("<p>Nothing.</p>")

    h.append("<h2>Needs hands</h2>")
    hands = [t for t in tallies if t.diagnostics]
    if hands:
        h.append(_table(["Rule", "Name", "#Errors", "#Warnings", "#Notes", "#Files"],
                        [(_rule_link(t.id), escape(t.name), t.by_severity["error"], t.by_severity["warning"],
                          t.by_severity["info"], t.files) for t in hands]))
    else:
        h.append("<p>Nothing: every change was made automatically.</p>")

    dialects = run.dialects()
    if dialects:
        h.append("<h2>Dialect</h2>")
        h.append(_table(["Read as", "#Files"], [(name, len(dialects[d])) for d, name in DIALECT_NAMES.items()
                                                if d in dialects]))
        unsure = [f for d in ("mixed", "unknown") for f in dialects.get(d, [])]
        if unsure:
            h.append("<p>TF 1.x-only conversions were reported (TFU130) instead of applied in these files; state "
                     "the dialect with <code># tf-upgrade: dialect=tf1|tf2</code> or <code>per-file-dialect</code>:</p>")
            h.append(_table(["File", "Dialect", "Why"], [(escape(f.path), f.dialect, escape(f.dialect_reason))
                                                        for f in unsure[:MAX_FILES_LISTED]]))

    hot = run.hot_spots()
    if hot:
        h.append("<h2>Hot spots</h2>")
        h.append(_table(["File", "#Errors", "#Warnings", "#All"], [
            (f"<code>{_path(f.path)}</code>", sum(d.severity == "error" for d in f.diagnostics),
             sum(d.severity == "warning" for d in f.diagnostics), len(f.diagnostics)) for f in hot]))

    changed = [f for f in run.files if f.changed]
    if changed:
        h.append(f"<h2>{changed_heading(run)}</h2><ul>")
        h += [f"<li><code>{_path(f.path)}</code></li>" for f in changed[:MAX_FILES_LISTED]]
        h.append("</ul>")
        if len(changed) > MAX_FILES_LISTED:
            h.append(f"<p>…and {len(changed) - MAX_FILES_LISTED} more; the JSON report lists them all.</p>")

    h.append("<h2>Requirements delta</h2>")
    reqs = run.requirements()
    if reqs:
        h.append("<ul>" + "".join(f"<li><code>{escape(p)}</code> (needed by {len(fs)} file"
                                  f"{'s' if len(fs) != 1 else ''})</li>" for p, fs in reqs.items()) + "</ul>")
    else:
        h.append("<p>None: the converted code needs only TensorFlow.</p>")

    listed = [f for f in run.files if f.diagnostics]
    if listed:
        h.append("<h2>Files</h2>")
        for f in listed[:MAX_FILES_LISTED]:
            h.append(f"<details><summary><code>{_path(f.path)}</code> — {file_status(run, f)}, "
                     f"{len(f.diagnostics)} to look at</summary><ul class=\"diags\">")
            for d in f.diagnostics:
                hint = f" — {escape(d.hint)}" if d.hint else ""
                h.append(f'<li>{escape(location(d))} <b class="{escape(d.severity)}">{escape(d.severity)}</b> '
                         f"{_rule_link(d.rule)}: {escape(d.message)}{hint}</li>")
            h.append("</ul></details>")
        if len(listed) > MAX_FILES_LISTED:
            h.append(f"<p>…and {len(listed) - MAX_FILES_LISTED} more files; the JSON report lists them all.</p>")

    if tallies:
        h.append("<h2>Rules</h2>")
        for t in sorted(tallies, key=lambda t: t.id):
            h.append(f'<section id="{rule_anchor(t.id)}"><h3>{escape(t.id)} {escape(t.name)}</h3>'
                     f"<p>{escape(t.summary)}. Fix class: <b>{escape(t.fix or 'n/a')}</b>.</p>")
            if t.why:
                h.append(f"<p>{escape(t.why)}</p>")
            h.append(f"<p>Examples: <code>tf-upgrade rule {escape(t.id)}</code></p></section>")
    h.append("</body></html>\n")
    return "\n".join(h)

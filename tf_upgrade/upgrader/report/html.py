"""The HTML migration report: one self-contained file (inline CSS and SVG, no
scripts, nothing fetched), readable on a phone, with the same content as the
Markdown report plus a chart of the remaining manual work by rule."""
from __future__ import annotations

from html import escape
from typing import List

from . import RuleTally, RunResult, location
from .markdown import MAX_FILES_LISTED, converted_heading, headline, rule_anchor

_CSS = """
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--err:#cf222e;--warn:#bf8700;--info:#0969da;--ok:#1a7f37}
*{box-sizing:border-box}
body{font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;
max-width:60rem;padding:1rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:.5rem 0}
.meta{color:var(--muted);font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:1rem 0}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem}
.card b{display:block;font-size:1.5rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code{font-size:.9em;word-break:break-all}
.error{color:var(--err)}.warning{color:var(--warn)}.info{color:var(--info)}
details{border:1px solid var(--line);border-radius:6px;padding:.4rem .75rem;margin:.4rem 0}
summary{cursor:pointer}
ul.diags{padding-left:1.2rem;margin:.4rem 0}
svg{max-width:100%;height:auto}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--line:#30363d}body{background:#0d1117}
a{color:#58a6ff}}
"""


def _chart(tallies: List[RuleTally]) -> str:
    """Horizontal stacked bars: errors and warnings left, per rule (inline SVG)."""
    rows = [t for t in tallies if t.manual]
    if not rows:
        return "<p>No manual work left.</p>"
    width, label_w, bar_h, gap = 640, 210, 22, 8
    top = max(t.manual for t in rows)
    span = width - label_w - 60
    height = len(rows) * (bar_h + gap) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Remaining manual work by rule" font-family="sans-serif" font-size="13">']
    y = 4
    for t in rows:
        e, w = t.by_severity["error"], t.by_severity["warning"]
        we, ww = span * e / top, span * w / top
        label = escape(f"{t.id} {t.name}"[:30])
        parts.append(f'<text x="0" y="{y + 16}" fill="currentColor">{label}</text>')
        if e:
            parts.append(f'<rect x="{label_w}" y="{y}" width="{we:.1f}" height="{bar_h}" fill="#cf222e">'
                         f'<title>{t.id}: {e} errors</title></rect>')
        if w:
            parts.append(f'<rect x="{label_w + we:.1f}" y="{y}" width="{ww:.1f}" height="{bar_h}" fill="#d4a72c">'
                         f'<title>{t.id}: {w} warnings</title></rect>')
        parts.append(f'<text x="{label_w + we + ww + 6:.1f}" y="{y + 16}" fill="currentColor">{t.manual}</text>')
        y += bar_h + gap
    parts.append(f'<rect x="{label_w}" y="{y + 6}" width="12" height="12" fill="#cf222e"/>'
                 f'<text x="{label_w + 16}" y="{y + 17}" fill="currentColor">errors</text>'
                 f'<rect x="{label_w + 80}" y="{y + 6}" width="12" height="12" fill="#d4a72c"/>'
                 f'<text x="{label_w + 96}" y="{y + 17}" fill="currentColor">warnings</text>')
    parts.append("</svg>")
    return "".join(parts)


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
    cards = [("files", len(run.files), ""), ("changed", run.changed, ""), ("fixes applied" if run.wrote else "fixes to apply", run.fixed, ""),
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
        h.append('<div class="scroll"><table><tr><th>Rule</th><th>Name</th><th class="n">Fixes</th></tr>')
        h += [f"<tr><td>{_rule_link(t.id)}</td><td>{escape(t.name)}</td><td class=\"n\">{t.fixed}</td></tr>"
              for t in auto]
        h.append("</table></div>")
    else:
        h.append("<p>Nothing.</p>")

    h.append("<h2>Needs hands</h2>")
    hands = [t for t in tallies if t.diagnostics]
    if hands:
        h.append('<div class="scroll"><table><tr><th>Rule</th><th>Name</th><th class="n">Errors</th>'
                 '<th class="n">Warnings</th><th class="n">Notes</th><th class="n">Files</th></tr>')
        h += [f"<tr><td>{_rule_link(t.id)}</td><td>{escape(t.name)}</td>"
              f"<td class=\"n\">{t.by_severity['error']}</td><td class=\"n\">{t.by_severity['warning']}</td>"
              f"<td class=\"n\">{t.by_severity['info']}</td><td class=\"n\">{t.files}</td></tr>" for t in hands]
        h.append("</table></div>")
    else:
        h.append("<p>Nothing: every change was made automatically.</p>")

    hot = run.hot_spots()
    if hot:
        h.append('<h2>Hot spots</h2><div class="scroll"><table><tr><th>File</th><th class="n">Errors</th>'
                 '<th class="n">Warnings</th><th class="n">All</th></tr>')
        for f in hot:
            e = sum(d.severity == "error" for d in f.diagnostics)
            w = sum(d.severity == "warning" for d in f.diagnostics)
            h.append(f"<tr><td><code>{escape(f.path)}</code></td><td class=\"n\">{e}</td>"
                     f"<td class=\"n\">{w}</td><td class=\"n\">{len(f.diagnostics)}</td></tr>")
        h.append("</table></div>")

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
            status = "changed" if f.changed else ("not converted" if not f.ok else "unchanged")
            h.append(f"<details><summary><code>{escape(f.path)}</code> — {status}, "
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

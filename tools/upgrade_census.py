"""What the rewrite does to a body of real code: files changed, by dialect, and diagnostics per rule.

    python tools/upgrade_census.py DIR_OR_FILE... [--list] [--rule ID] [--json OUT] [-- UPGRADE OPTIONS...]

Runs `tf-upgrade upgrade --check --no-cache --report` over the paths exactly as a user (or the
pre-commit hook) would, writing nothing, and tabulates the JSON report: how many files came back
byte-identical, how many would change, per dialect the file was read as (a TF 2 file that changes
is the first place to look for a broken promise: only Keras 3 fixes and renames of names TF 2 lacks
may change one), fixes and diagnostics per rule, and files that failed to convert. Options after
`--` go to the upgrade command (`--target-version 2.15`, `--dialect tf2`, `--keras tf_keras`...).

`--list` prints, per changed or diagnosed file, its dialect and the rules that acted on it;
`--rule ID` lists every diagnostic of that rule (path:line:col message) for review.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_upgrade(paths, extra):
    """The JSON report of one `--check` run over ``paths`` (nothing is written)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "census.json")
        env = dict(os.environ)
        env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
        cmd = [sys.executable, "-m", "tf_upgrade.cli", "upgrade", "--check", "--no-cache", "-q",
               "--report", report, *extra, *paths]
        proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if not os.path.exists(report):
            sys.exit(f"tf-upgrade wrote no report (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        with open(report, encoding="utf-8") as f:
            return json.load(f)


def tabulate(report):
    """Counts from a JSON report: totals, per dialect, per rule (fixes and diagnostics)."""
    files = report["files"]
    by_dialect = collections.Counter()
    changed_by_dialect = collections.Counter()
    diagnosed_by_dialect = collections.Counter()
    fixes = collections.Counter()
    fix_files = collections.Counter()
    diags = collections.Counter()
    diag_files = collections.Counter()
    rule_dialects = collections.defaultdict(collections.Counter)
    for f in files:
        dialect = f.get("dialect") or "none"
        by_dialect[dialect] += 1
        if f["changed"]:
            changed_by_dialect[dialect] += 1
        if f["diagnostics"]:
            diagnosed_by_dialect[dialect] += 1
        for rule_id, n in f.get("fixes", {}).items():
            fixes[rule_id] += n
            fix_files[rule_id] += 1
            rule_dialects[rule_id][dialect] += 1
        seen = set()
        for d in f["diagnostics"]:
            diags[d["rule"]] += 1
            if d["rule"] not in seen:
                seen.add(d["rule"])
                diag_files[d["rule"]] += 1
                rule_dialects[d["rule"]][dialect] += 1
    return dict(
        files=len(files),
        identical=sum(1 for f in files if not f["changed"]),
        changed=sum(1 for f in files if f["changed"]),
        failed=sum(1 for f in files if not f["ok"]),
        diagnosed=sum(1 for f in files if f["diagnostics"]),
        by_dialect=dict(by_dialect), changed_by_dialect=dict(changed_by_dialect),
        diagnosed_by_dialect=dict(diagnosed_by_dialect),
        fixes=dict(fixes), fix_files=dict(fix_files), diagnostics=dict(diags), diagnostic_files=dict(diag_files),
        rule_dialects={k: dict(v) for k, v in rule_dialects.items()},
    )


def print_table(t, out=sys.stdout):
    w = out.write
    w(f"files: {t['files']}  byte-identical: {t['identical']}  would change: {t['changed']}  "
      f"with diagnostics: {t['diagnosed']}  failed: {t['failed']}\n")
    w("\ndialect     files  changed  diagnosed\n")
    for dialect in sorted(t["by_dialect"]):
        w(f"{dialect:<10} {t['by_dialect'][dialect]:>6} {t['changed_by_dialect'].get(dialect, 0):>8} "
          f"{t['diagnosed_by_dialect'].get(dialect, 0):>10}\n")
    rules = sorted(set(t["fixes"]) | set(t["diagnostics"]))
    if rules:
        w("\nrule      fixes (files)  diagnostics (files)  files by dialect\n")
    for r in rules:
        dialects = ", ".join(f"{d} {n}" for d, n in sorted(t["rule_dialects"].get(r, {}).items()))
        w(f"{r:<9} {t['fixes'].get(r, 0):>6} ({t['fix_files'].get(r, 0):>4})  "
          f"{t['diagnostics'].get(r, 0):>10} ({t['diagnostic_files'].get(r, 0):>4})      {dialects}\n")


def print_files(report, out=sys.stdout):
    for f in report["files"]:
        if not (f["changed"] or f["diagnostics"] or not f["ok"]):
            continue
        rules = collections.Counter(d["rule"] for d in f["diagnostics"])
        fixes = ", ".join(f"{r} x{n}" for r, n in sorted(f.get("fixes", {}).items()))
        diags = ", ".join(f"{r} x{n}" for r, n in sorted(rules.items()))
        state = "FAILED" if not f["ok"] else ("changed" if f["changed"] else "same")
        out.write(f"{f['path']}: {state} [{f.get('dialect')}] fixes: {fixes or '-'}; diagnostics: {diags or '-'}\n")


def print_rule(report, rule_id, out=sys.stdout):
    for f in report["files"]:
        for d in f["diagnostics"]:
            if d["rule"] == rule_id:
                message = d["message"].splitlines()[0]
                out.write(f"{f['path']}:{d['line']}:{d['column']}: [{f.get('dialect')}] {message}\n")


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--list", action="store_true", help="one line per changed or diagnosed file")
    parser.add_argument("--rule", action="append", default=[], help="list this rule's diagnostics")
    parser.add_argument("--json", help="write the counts (and the full report under 'report') here")
    args = parser.parse_args(argv)
    report = run_upgrade(args.paths, extra)
    table = tabulate(report)
    print_table(table)
    if args.list:
        print()
        print_files(report)
    for rule_id in args.rule:
        print()
        print_rule(report, rule_id)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"counts": table, "report": report}, f, indent=1)


if __name__ == "__main__":
    main()

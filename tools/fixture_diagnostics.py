"""Rewrite tests/fixtures/<RULE>/<case>.diagnostics.json from what the engine reports today.

    python tools/fixture_diagnostics.py                 # every case
    python tools/fixture_diagnostics.py TFU213 TFU101/crlf   # the cases of a rule, or one case
    python tools/fixture_diagnostics.py --check         # exit 1 (and list them) if any file would change

Each file holds every diagnostic of its case in full, one a line:
``[rule, severity, line, column, message]`` (1-based positions; no file when there is none).
The fixture test (tests/test_fixtures.py) compares them exactly, so a reworded message shows
up as a failing fixture; run this tool, then read ``git diff tests/fixtures``: every message
must say what the rule really means to say about that case.  For each file that changes, the
tool prints the entries that appeared and disappeared, and warns when the set of
(rule, severity, line) changed, which is a change of behaviour rather than of wording.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fixture_cases import Case, cases, diagnostic_entries, sort_entries  # noqa: E402


def render(entries) -> str:
    """One entry a line, so a diff shows each diagnostic that changed."""
    if not entries:
        return ""
    return "[\n" + ",\n".join(" " + json.dumps(e, ensure_ascii=False) for e in entries) + "\n]\n"


def current(case: Case, python) -> list:
    return diagnostic_entries(case.run(python).diagnostics)


def _key(entry) -> tuple:
    return tuple(entry[:3])


def main(argv) -> int:
    check = "--check" in argv
    wanted = [a.rstrip("/") for a in argv if not a.startswith("--")]
    chosen = [c for c in cases() if not wanted or c.rule_dir in wanted or c.id in wanted]
    if wanted and not chosen:
        print(f"no fixture case matches {' '.join(wanted)}", file=sys.stderr)
        return 2
    from tf_upgrade.modernize.verify import ENV, tf_python

    python = tf_python()
    stale = 0
    for case in chosen:
        if case.command() == "verify" and python is None:
            print(f"{case.id}: skipped (runs both programs: set {ENV} to a Python with TensorFlow)", file=sys.stderr)
            continue
        path = case.diagnostics_path()
        old = sort_entries([list(e) for e in case.expected_diagnostics()])
        new = current(case, python)
        text = render(new)
        if (path.read_text(encoding="utf-8") if path.exists() else "") == text:
            continue
        stale += 1
        rel = path.relative_to(ROOT)
        behaviour = sorted(map(_key, old)) != sorted(map(_key, new))
        note = ("  (new)" if not path.exists() else
                "  (rule/severity/line changed: a change of behaviour, not of wording)" if behaviour else "")
        print(f"{rel}{note}")
        for entry in old:
            if entry not in new:
                print(f"  - {json.dumps(entry, ensure_ascii=False)}")
        for entry in new:
            if entry not in old:
                print(f"  + {json.dumps(entry, ensure_ascii=False)}")
        if check:
            continue
        if text:
            path.write_text(text, encoding="utf-8")
        else:
            path.unlink()
    if check and stale:
        print(f"{stale} diagnostics file(s) differ from the engine: run python tools/fixture_diagnostics.py "
              "and review the diff", file=sys.stderr)
        return 1
    print(f"{len(chosen)} case(s), {stale} file(s) {'stale' if check else 'rewritten'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

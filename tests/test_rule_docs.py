"""docs/rules.md is generated from the registry and the fixtures and must be current."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rules_reference_is_up_to_date():
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_rule_docs.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr + " (run: python tools/gen_rule_docs.py)"


def test_every_rule_is_documented_with_its_fix_class():
    from tf_upgrade.rules import load_all

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for r in load_all().rules.values():
        assert f"## {r.id}\n" in text and f"| {r.name} | {r.fix} |" in text


def test_readme_links_the_rules_reference():
    assert "docs/rules.md" in (ROOT / "README.md").read_text(encoding="utf-8")

"""The fixtures are the spec: every tests/fixtures/<rule>/<case>.py converts to its
expected output, with exactly the expected diagnostics, the output parses, and a
second run over the output changes nothing."""
import ast

import pytest

from fixture_cases import cases, diagnostic_entries, sort_entries
from tf_env import tf_python
from tf_upgrade.upgrader.source import decode_source

CASES = cases()
PARAMS = [pytest.param(c, id=c.id, marks=[pytest.mark.tf] if c.command() == "verify" else []) for c in CASES]


@pytest.mark.parametrize("case", PARAMS)
def test_fixture(case):
    result = case.run(tf_python() if case.command() == "verify" else None)
    if result.code is None:  # a "file" case the pipeline could not read: it must be left as it is
        assert not result.ok and case.expected_bytes() == case.input_bytes()
    else:
        source = decode_source(case.input_bytes()).text
        expected = decode_source(case.expected_bytes()).text
        assert result.code == expected
        assert result.changed == (expected != source)

    # every diagnostic in full: rule, severity, position and the message the rule really gives
    # (tools/fixture_diagnostics.py rewrites these files from the engine's output for review)
    expected_diagnostics = case.expected_diagnostics()
    assert all(len(e) == 5 for e in expected_diagnostics), \
        f"{case.diagnostics_path().name}: entries are [rule, severity, line, column, message]"
    got = diagnostic_entries(result.diagnostics)
    assert got == sort_entries(expected_diagnostics), "\n".join(d.format() for d in result.diagnostics)

    if result.ok:
        ast.parse(result.code)
    if result.code is not None:
        again = case.convert(result.code)
        assert again.code == result.code, "second run changed the output"


def test_every_fixture_folder_names_a_rule():
    from tf_upgrade.rules import load_all

    rules = load_all().rules
    for case in CASES:
        assert case.rule_dir in rules, f"tests/fixtures/{case.rule_dir} is not a rule id"


def test_every_rule_has_a_fixture():
    """A rule is specified by its fixtures: each has a folder with at least one case."""
    from tf_upgrade.rules import load_all

    covered = {case.rule_dir for case in CASES}
    missing = sorted(set(load_all().rules) - covered)
    assert not missing, f"rules without a tests/fixtures/<RULE>/ case: {', '.join(missing)}"

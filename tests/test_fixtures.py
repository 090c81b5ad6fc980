"""The fixtures are the spec: every tests/fixtures/<rule>/<case>.py converts to its
expected output, with exactly the expected diagnostics, the output parses, and a
second run over the output changes nothing."""
import ast

import pytest

from fixture_cases import cases
from tf_upgrade import upgrade_source
from tf_upgrade.upgrader.source import decode_source

CASES = cases()


def _convert(case, text, options):
    if case.command() == "modernize":
        from tf_upgrade.modernize import modernize_text
        from tf_upgrade.upgrader.result import Settings

        return modernize_text(text, case.source.name, Settings(**options))
    return upgrade_source(text, filename=case.source.name, **options)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture(case):
    source = decode_source(case.input_bytes())
    options = case.options()
    result = _convert(case, source.text, options)
    expected = decode_source(case.expected_bytes()).text
    assert result.code == expected
    assert result.changed == (expected != source.text)

    expected_diagnostics = case.expected_diagnostics()
    got = sorted([d.rule, d.severity, d.line] for d in result.diagnostics)
    assert got == sorted(e[:3] for e in expected_diagnostics), "\n".join(d.format() for d in result.diagnostics)
    for entry in expected_diagnostics:
        if len(entry) > 3:  # [rule, severity, line, column, message fragment]: that diagnostic, exactly there
            rule, severity, line, column, fragment = entry
            assert any(d.rule == rule and d.line == line and d.column == column and fragment in d.message
                       for d in result.diagnostics), (entry, [d.format() for d in result.diagnostics])

    if result.ok:
        ast.parse(result.code)
    again = _convert(case, result.code, options)
    assert again.code == result.code, "second run changed the output"


def test_every_fixture_folder_names_a_rule():
    from tf_upgrade.rules import load_all

    rules = load_all().rules
    for case in CASES:
        assert case.rule_dir in rules, f"tests/fixtures/{case.rule_dir} is not a rule id"

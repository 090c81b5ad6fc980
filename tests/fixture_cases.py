"""Discovery of the fixture cases in tests/fixtures, shared by the fixture and prescreen tests
and the tools that read or write them (tools/gen_rule_docs.py, tools/fixture_diagnostics.py).

Layout, one folder per rule id (the rule the case is mainly about)::

    tests/fixtures/TFU101/<case>.py              input
    tests/fixtures/TFU101/<case>.expected.py     expected output (absent: must come back byte-identical)
    tests/fixtures/TFU101/<case>.diagnostics.json  every diagnostic, one a line, in full:
        [[rule, severity, line, column, message], ...] (line and column 1-based; absent: none);
        written by tools/fixture_diagnostics.py from the engine's output, then reviewed
    tests/fixtures/TFU101/<case>.options.json    keyword arguments for upgrade_source (optional);
        "command": "modernize" runs `tf-upgrade modernize` instead; "command": "file" runs the file
        itself through the file pipeline (`tf-upgrade --diff`: read, decode, convert; for input errors
        such as an encoding its bytes do not follow, which upgrade_source never sees); "command":
        "verify" is `tf-upgrade modernize --verify`: the modernized output, and TFU511 when running
        both programs disagrees (needs TensorFlow: the fixture test is marked tf for it)
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Case:
    rule_dir: str
    name: str
    source: Path

    @property
    def id(self) -> str:
        return f"{self.rule_dir}/{self.name}"

    def _sibling(self, suffix: str) -> Path:
        return self.source.with_name(self.name + suffix)

    def input_bytes(self) -> bytes:
        return self.source.read_bytes()

    def expected_bytes(self) -> bytes:
        p = self._sibling(".expected.py")
        return p.read_bytes() if p.exists() else self.input_bytes()

    def expected_diagnostics(self) -> List[list]:
        p = self.diagnostics_path()
        return json.loads(p.read_text()) if p.exists() else []

    def _options(self) -> dict:
        p = self._sibling(".options.json")
        return json.loads(p.read_text()) if p.exists() else {}

    def diagnostics_path(self) -> Path:
        return self._sibling(".diagnostics.json")

    def options(self) -> dict:
        return {k: v for k, v in self._options().items() if k != "command"}

    def command(self) -> str:
        """The conversion the case is about: "upgrade" (upgrade_source) or "modernize"."""
        return self._options().get("command", "upgrade")

    def run(self, python: Optional[str] = None):
        """The case's conversion of its input (an UpgradeResult; for "file", the file pipeline's
        outcome in that shape: ``code`` is None where the file could not be read).  ``python``:
        a Python with TensorFlow, for "verify"."""
        if self.command() == "verify":
            from tf_upgrade.modernize.verify import verify_file

            result = self.convert(self.input_bytes().decode("utf-8"))
            mismatch = verify_file(str(self.source), python).diagnostic()
            if mismatch is not None:
                result.diagnostics.append(mismatch)
            return result
        if self.command() == "file":
            from tf_upgrade.upgrader.file_job import Job, process_file
            from tf_upgrade.upgrader.result import Settings, UpgradeResult

            done = process_file(str(self.source), Job(Settings(**self.options()), write=False, keep_text=True))
            return UpgradeResult(code=done.new_text, changed=done.changed, diagnostics=done.diagnostics, ok=done.ok)
        from tf_upgrade.upgrader.source import decode_source

        return self.convert(decode_source(self.input_bytes()).text)

    def convert(self, text: str):
        """The case's conversion of ``text`` (an UpgradeResult); "file" cases convert text as a .py file."""
        if self.command() in ("modernize", "verify"):
            from tf_upgrade.modernize import modernize_text
            from tf_upgrade.upgrader.result import Settings

            return modernize_text(text, self.source.name, Settings(**self.options()))
        if self.command() == "file":
            from tf_upgrade.upgrader.file_job import convert_text
            from tf_upgrade.upgrader.result import Settings

            return convert_text(self.source.name, text, Settings(**self.options()))
        from tf_upgrade import upgrade_source

        return upgrade_source(text, filename=self.source.name, **self.options())


def sort_entries(entries: List[list]) -> List[list]:
    """Diagnostics entries in the order of their position (then rule, severity, message)."""
    return sorted(entries, key=lambda e: (e[2:4], e[:2], e[4:]))


def diagnostic_entries(diagnostics) -> List[list]:
    """What a .diagnostics.json holds for these diagnostics: [rule, severity, line, column, message]."""
    return sort_entries([[d.rule, d.severity, d.line, d.column, d.message] for d in diagnostics])


def cases(root: Optional[Path] = None) -> List[Case]:
    root = root or FIXTURES
    out = []
    for source in sorted(root.glob("*/*.py")):
        if source.name.endswith(".expected.py"):
            continue
        out.append(Case(source.parent.name, source.stem, source))
    return out

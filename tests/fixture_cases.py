"""Discovery of the fixture cases in tests/fixtures (shared by the tests and `tf-upgrade rule`).

Layout, one folder per rule id (the rule the case is mainly about)::

    tests/fixtures/TFU101/<case>.py              input
    tests/fixtures/TFU101/<case>.expected.py     expected output (absent: must come back byte-identical)
    tests/fixtures/TFU101/<case>.diagnostics.json  [[rule, severity, line], ...] (absent: no diagnostics);
        an entry may also pin the column and a fragment of the message:
        [rule, severity, line, column, "message fragment"]
    tests/fixtures/TFU101/<case>.options.json    keyword arguments for upgrade_source (optional);
                                                 "command": "modernize" runs `tf-upgrade modernize` instead
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
        p = self._sibling(".diagnostics.json")
        return json.loads(p.read_text()) if p.exists() else []

    def _options(self) -> dict:
        p = self._sibling(".options.json")
        return json.loads(p.read_text()) if p.exists() else {}

    def options(self) -> dict:
        return {k: v for k, v in self._options().items() if k != "command"}

    def command(self) -> str:
        """The conversion the case is about: "upgrade" (upgrade_source) or "modernize"."""
        return self._options().get("command", "upgrade")


def cases(root: Optional[Path] = None) -> List[Case]:
    root = root or FIXTURES
    out = []
    for source in sorted(root.glob("*/*.py")):
        if source.name.endswith(".expected.py"):
            continue
        out.append(Case(source.parent.name, source.stem, source))
    return out

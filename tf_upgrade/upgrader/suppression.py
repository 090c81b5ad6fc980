"""``# tf-upgrade: ignore`` and ``# tf-upgrade: ignore[RULE,...]`` comments, by line.

A comment covers the line it is on; :meth:`FileContext.suppressed` asks about every line of a
node and of the simple statement holding it (formatters keep a trailing comment at the end of a
multi-line call).  ``ignore[TFU2]`` covers every rule id starting with ``TFU2``.
"""
from __future__ import annotations

import re
from typing import Dict, Optional, Set

SUPPRESS = re.compile(r"#\s*tf-upgrade:\s*ignore(?:\[([^\]]*)\])?")
MARKER = "tf-upgrade:"  # a text without it has no suppression comment


class Suppressions:
    """The suppression comments of one text."""

    __slots__ = ("by_line",)

    def __init__(self, text: str):
        # 1-based line -> None (every rule) or the rule ids / id prefixes named
        self.by_line: Dict[int, Optional[Set[str]]] = {}
        for i, line in enumerate(text.splitlines(), start=1):
            m = SUPPRESS.search(line)
            if m:
                ids = m.group(1)
                self.by_line[i] = None if ids is None else {s.strip() for s in ids.split(",") if s.strip()}

    def __bool__(self) -> bool:
        return bool(self.by_line)

    def covers(self, rule_id: str, first: int, last: int) -> bool:
        """Does a comment on lines ``first``..``last`` silence ``rule_id``?"""
        for line in range(first, last + 1):
            ids = self.by_line.get(line, False)
            if ids is None or (ids and any(rule_id.startswith(i) for i in ids)):
                return True
        return False

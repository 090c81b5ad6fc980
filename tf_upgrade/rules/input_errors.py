"""Rules for input the upgrader could not convert at all (no code changes, only reports)."""
from __future__ import annotations

from .registry import rule

PARSE_ERROR = rule(
    "TFU001", "parse-error", "the file is not valid Python 3 and was left untouched",
    fix="manual", severity="error",
    why="libcst parses Python 3 only; Python 2 files need 2to3 or pyupgrade before tf-upgrade.")
INTERNAL_ERROR = rule(
    "TFU002", "internal-error", "tf-upgrade failed on this file (a bug or pathological input); left untouched",
    fix="manual", severity="error", why="A failure on one file never stops the run or changes the file.")
UNREADABLE = rule(
    "TFU003", "unreadable-file", "the file could not be read, decoded or written; left untouched",
    fix="manual", severity="error",
    why="Permission problems, undecodable bytes, binary or oversized files are reported, never guessed at.")

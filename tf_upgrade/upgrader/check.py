"""``tf-upgrade check``: which TensorFlow references would fail on the target version, and why.

Every reference is resolved as the upgrader resolves it (same imports, same
shadowing) and looked up in the generated symbol set of the target version;
no TensorFlow is imported.  For each missing one the upgrader's own reference
rules are asked what they would do with it, so the report says either "rule X
rewrites it to Y" or the rule's explanation of why nothing can ("tf.estimator
was removed in 2.16: ...").  Names that exist only with the tf_keras package
(``tf.compat.v1.layers`` on 2.16+) are listed as requirements, not failures.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..rules import load_all, tables
from .api_check import first_missing
from .context import FileContext
from .resolve import Reference, resolve
from .result import Settings


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int  # 1-based
    qualname: str  # the reference, canonical (tf.contrib.layers.xavier_initializer)
    missing: str  # its first part the target lacks ('' for tf_keras-only names)
    rule: str  # the rule that would fix or explain it ('' when none answers)
    fix: Optional[str]  # what the rule would write ('' = via its import/call), None when it cannot
    why: str  # the rule's explanation / the requirement

    @property
    def needs_tf_keras(self) -> bool:
        return not self.missing

    def format(self, target: Tuple[int, int]) -> str:
        version = f"{target[0]}.{target[1]}"
        where = f"{self.path}:{self.line}:{self.column}:"
        if self.needs_tf_keras:
            return (f"{where} info {self.qualname} exists in TensorFlow {version} only with tf_keras installed "
                    "and TF_USE_LEGACY_KERAS=1")
        head = f"{where} error {self.qualname}: {self.missing} does not exist in TensorFlow {version}"
        if self.fix:
            return f"{head}; tf-upgrade fixes it ({self.rule}: -> {self.fix})"
        if self.fix == "":
            return f"{head}; tf-upgrade fixes it ({self.rule}, by rewriting its import or call)"
        if self.rule:
            return f"{head}; no automatic fix ({self.rule}: {self.why})"
        return f"{head}; no rule knows this name (typo, private API, or a newer/older TensorFlow?)"


@dataclass
class FileCheck:
    path: str
    findings: List[Finding] = field(default_factory=list)
    error: str = ""  # unreadable / unparsable

    @property
    def missing(self) -> List[Finding]:
        return [f for f in self.findings if not f.needs_tf_keras]


def _answer(ctx: FileContext, hooks, ref: Reference):
    for r, fn in hooks:
        answer = fn(ctx, ref)
        if answer is not None:
            return answer
    return None


def check_module(module: cst.Module, text: str, path: str, target: Tuple[int, int]) -> List[Finding]:
    resolution = resolve(module)
    candidates = [(node, ref) for node, ref in resolution.references.items()]
    candidates += [(b.alias, Reference(b.alias, b, b.qualname)) for b in resolution.bindings
                   if b.alias is not None and b.qualname != "tf"]
    found = []
    for node, ref in candidates:
        missing = first_missing(ref.qualname, target)
        if missing and tables.availability(ref.qualname, target) == "tf_keras":
            missing = ""
        elif not missing:
            continue
        found.append((node, ref, missing))
    if not found:
        return []
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    registry = load_all()
    hooks = [(r, fn) for _, r, fn in registry.reference_hooks if r.applies_to(target)]
    settings = Settings(target_version=target)
    statements = _statements_of(module, {id(node) for node, _, _ in found})
    # What a real conversion reports as impossible wins over what the reference hooks
    # would answer (a call hook may still refuse a reference its reference hook let through).
    from .engine import upgrade_module

    refused = {(d.line, d.column): d for d in upgrade_module(module, text, path, settings).diagnostics
               if d.severity == "error"}
    out = []
    for node, ref, missing in found:
        pos = positions[node].start
        rule, fix, why = "", None, ""
        if missing:
            # a throwaway context per reference: hooks may record imports or reports on it
            ctx = FileContext(module=module, text=text, filename=path, settings=settings, resolution=resolution)
            ctx.current_statement = statements.get(id(node))
            answer = _answer(ctx, hooks, ref)
            if answer is not None:
                rule = answer.rule.id
                fix = answer.new_name if answer.new_name and answer.new_name != ref.qualname else None
                why = answer.message or answer.rule.why
                if fix is None and not answer.message and answer.rule.fix != "manual":
                    # the rule keeps the reference and rewrites its import or its call instead
                    fix = ""
            diagnostic = refused.get((pos.line, pos.column + 1))
            if diagnostic is not None:
                rule, fix, why = diagnostic.rule, None, diagnostic.message
        out.append(Finding(path, pos.line, pos.column + 1, ref.qualname, missing, rule, fix, why))
    return sorted(set(out), key=lambda f: (f.line, f.column, f.qualname))


def _statements_of(module: cst.Module, wanted) -> dict:
    """id(node) -> the module-level statement containing it (hooks compute report positions from it)."""
    out = {}

    class _Find(cst.CSTVisitor):
        def on_visit(self, n):
            if id(n) in wanted:
                out[id(n)] = self.stmt
            return True

    finder = _Find()
    for stmt in module.body:
        finder.stmt = stmt
        stmt.visit(finder)
    return out


def check_path(path: str, target: Tuple[int, int]) -> FileCheck:
    from .source import SourceError, decode_source

    result = FileCheck(path)
    try:
        with open(path, "rb") as f:
            text = decode_source(f.read()).text
    except (OSError, SourceError) as exc:
        result.error = f"cannot read: {exc}"
        return result
    if "tensorflow" not in text:
        return result
    try:
        module = cst.parse_module(text)
    except (cst.ParserSyntaxError, SyntaxError, ValueError, RecursionError) as exc:
        result.error = f"cannot parse as Python 3 ({str(exc).splitlines()[0]})"
        return result
    result.findings = check_module(module, text, path, target)
    return result

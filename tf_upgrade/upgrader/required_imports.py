"""Imports rules ask for: finding the file's own, recording new ones, writing them in.

A rule calls ``ctx.require_import("absl", "flags")``: an import the module already has is
reused (:func:`find_import`), else a :class:`RequiredImport` is recorded, and after the
transform :func:`insert_imports` writes the recorded ones after the module's leading imports.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

import libcst as cst

from ..rules.syntax import build_dotted, dotted


@dataclass
class RequiredImport:
    module: str  # "absl" or "tensorflow"
    name: Optional[str]  # "flags" for `from absl import flags`; None for `import module`
    asname: Optional[str] = None

    @property
    def local(self) -> str:
        return self.asname or self.name or self.module.split(".")[0]


def find_import(module: cst.Module, imported: str, name: Optional[str] = None) -> Optional[str]:
    """The local name that a module-level ``import imported`` (``name`` None) or ``from imported
    import name`` of ``module`` binds, if it has one."""
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if name is None and isinstance(small, cst.Import):
                for alias in small.names:
                    if dotted(alias.name) == imported:
                        return alias.asname.name.value if alias.asname else imported
            elif name is not None and isinstance(small, cst.ImportFrom) and small.module is not None \
                    and not small.relative and dotted(small.module) == imported \
                    and not isinstance(small.names, cst.ImportStar):
                for alias in small.names:
                    if dotted(alias.name) == name:
                        return alias.asname.name.value if alias.asname else name
    return None


def insert_imports(module: cst.Module, required: List[RequiredImport]) -> cst.Module:
    """Add the imports rules asked for after the module's leading imports."""
    if not required:
        return module
    new_lines = []
    for req in required:
        if req.name is None:
            alias = cst.ImportAlias(name=build_dotted(req.module),
                                    asname=cst.AsName(name=cst.Name(req.asname)) if req.asname else None)
            new_lines.append(cst.SimpleStatementLine(body=[cst.Import(names=[alias])]))
        else:
            alias = cst.ImportAlias(name=cst.Name(req.name),
                                    asname=cst.AsName(name=cst.Name(req.asname)) if req.asname else None)
            new_lines.append(cst.SimpleStatementLine(
                body=[cst.ImportFrom(module=build_dotted(req.module), names=[alias])]))
    body = list(module.body)
    insert_at = 0
    for i, stmt in enumerate(body):
        if isinstance(stmt, cst.SimpleStatementLine) and all(
                isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body):
            insert_at = i + 1
        elif i == 0 and isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], cst.Expr) \
                and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
            insert_at = 1  # after the docstring
        elif _is_import_block(stmt):
            insert_at = i + 1  # try: import x / except ImportError: ...
        else:
            break
    return module.with_changes(body=body[:insert_at] + new_lines + body[insert_at:])


def _is_import_block(stmt) -> bool:
    if not isinstance(stmt, cst.Try):
        return False
    return all(isinstance(s, cst.SimpleStatementLine) and all(isinstance(x, (cst.Import, cst.ImportFrom))
                                                              for x in s.body) for s in stmt.body.body)

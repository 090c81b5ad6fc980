"""``tf-upgrade modernize``: Session-style TF 1.x programs rewritten into eager TF 2.

    from tf_upgrade.modernize import modernize_text
    r = modernize_text(source, "train.py")   # an UpgradeResult, like upgrade_source's

Pipeline (one module each): ``names`` reads the original (TF references, positions, the
:class:`Decline` a module raises when it meets what cannot be lifted); ``evidence`` decides
the file is a TF 1.x graph program; ``graph`` reads the graph-building statements as a
dataflow program; ``session`` reads the session's runs; ``emit`` writes the eager program;
``fragments`` spells copied TF 1.x code in TF 2 with the ordinary upgrader; ``verify`` runs
original and modernized programs and compares what they fetch.  A file that cannot be lifted
whole gets the ordinary conversion and a TFU5xx diagnostic saying why, with the line.
"""
from __future__ import annotations

import ast
import re
from typing import List, Optional

from ..upgrader.result import Diagnostic, Settings, UpgradeResult

# what a modernized file must not contain (the list, as source patterns)
LEGACY = re.compile(r"\bcompat\.v1\b|\bSession\s*\(|\bplaceholder\s*\(|\bfeed_dict\b|disable_eager_execution"
                    r"|\btf_keras\b|\bglobal_variables_initializer\b|\bdisable_v2_behavior\b")


# upgrader notes that speak of the TF 1.x graph program, moot once it runs eagerly
_MOOT = {"TFU401"}  # resource variables: every eager variable is one


def _rule(rule_id: str):
    from ..rules import load_all

    return load_all().rules[rule_id]


def _diagnostic(rule_id: str, line: int, column: int, message: str, path: str) -> Diagnostic:
    r = _rule(rule_id)
    hint = "" if rule_id == "TFU500" else "the file got the ordinary conversion; `tf-upgrade rule " + rule_id + "`"
    return Diagnostic(rule_id, r.severity, line, column, message, hint=hint, fix=r.fix, path=path)


def ordinary(text: str, path: str, settings: Optional[Settings]) -> UpgradeResult:
    from ..upgrader.engine import upgrade_text

    return upgrade_text(text, path, settings or Settings())


def modernize_text(text: str, path: str = "<string>", settings: Optional[Settings] = None,
                   instrument: bool = False) -> UpgradeResult:
    """The eager TF 2 program for a Session-style TF 1.x program, or the ordinary conversion with a
    TFU5xx diagnostic.  ``instrument``: route every fetched value through ``__tfu_fetch__`` (verify)."""
    from .evidence import reads_as_tf2, session_program
    from .names import Decline

    settings = settings or Settings()
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return ordinary(text, path, settings)  # reports TFU001 with Python's message
    try:
        found = session_program(tree)
        if found is None and reads_as_tf2(tree):
            return UpgradeResult(code=text, changed=False, diagnostics=[_diagnostic(
                "TFU501", 1, 1, "reads as TF 2 (no tf.Session; TF 2-only constructs): left as it is", path)])
        if found is None:
            result = ordinary(text, path, settings)
            if _uses_tensorflow(tree):
                result.diagnostics.append(_diagnostic(
                    "TFU501", 1, 1, "no tf.Session running a graph built here: nothing to modernize", path))
            return result
        code, notes = _lift(text, path, settings, tree, found, instrument)
    except Decline as exc:
        result = ordinary(text, path, settings)
        result.diagnostics.insert(0, _diagnostic(exc.rule, exc.line, exc.column,
                                                 f"not modernized: {exc.message}", path))
        return result
    session_line = found[1].stmt.lineno
    diagnostics = [_diagnostic("TFU500", session_line, 1, "modernized: graph and session lifted into eager "
                               "TF 2 functions", path)] + notes
    return UpgradeResult(code=code, changed=code != text, diagnostics=diagnostics, fixes={"TFU500": 1})


def _uses_tensorflow(tree: ast.Module) -> bool:
    return any(isinstance(n, ast.Import) and any(a.name.split(".")[0] == "tensorflow" for a in n.names)
               for n in ast.walk(tree))


def _lift(text, path, settings, tree, found, instrument):
    from .emit import Emitter
    from .fragments import Fragments
    from .graph import GraphReader
    from .names import Decline, Source
    from .session import SessionReader

    index, session = found
    alias = session.alias
    source = Source(text)
    reader = GraphReader(alias, source)
    reader.taken = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    reader.read(tree.body[:index])
    reader.finish()
    for node in reader.g.nodes:  # names whose statements vanish may be reused for functions
        if node.kind in ("train", "init", "placeholder") and node.name not in reader.g.plain_names:
            reader.taken.discard(node.name)
    SessionReader(reader.g, session.session).read()
    fragments = Fragments(path, settings)
    emitter = Emitter(reader.g, session.session, source, reader, fragments, tree, index, instrument)
    emitter.plan()
    code = re.sub(r"\n{4,}", "\n\n\n", fragments.resolve(emitter.module_text()))
    if emitter.needs_os and not re.search(r"^import os\b", code, re.M):
        code = _add_import(code, "import os")
    try:
        ast.parse(code)
    except SyntaxError as exc:
        raise Decline("TFU510", None, f"the lifted program does not parse ({exc.msg}, line {exc.lineno})")
    legacy = LEGACY.search(code if not instrument else code.replace("__tfu_fetch__", ""))
    if legacy:
        line = code.count("\n", 0, legacy.start()) + 1
        raise Decline("TFU510", None, f"the lifted program would still use `{legacy.group(0)}` (output line {line})")
    notes: List[Diagnostic] = []
    for d, line in fragments.diagnostics:
        if d.rule in _MOOT:
            continue
        notes.append(Diagnostic(d.rule, d.severity, line, 1, d.message, hint=d.hint, fix=d.fix, path=path))
    return code, notes


def _add_import(code: str, line: str) -> str:
    tree = ast.parse(code)
    last = 0
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            last = stmt.end_lineno
        elif last:
            break
    lines = code.splitlines(keepends=True)
    lines.insert(last, line + "\n")
    return "".join(lines)





def modernize_file(path: str, text: str, settings: Settings) -> UpgradeResult:
    """``convert_text``'s signature, for the CLI's file pipeline: notebooks get the ordinary conversion."""
    if path.endswith(".ipynb"):
        from ..upgrader.files import convert_text

        return convert_text(path, text, settings)
    return modernize_text(text, path, settings)
__all__ = ["modernize_text", "modernize_file", "LEGACY"]

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
from typing import List, Optional, Tuple

from ..upgrader.result import Diagnostic, Settings, UpgradeResult

# what a modernized file must not contain (the list, as source patterns)
LEGACY = re.compile(r"\bcompat\.v1\b|\bSession\s*\(|\bplaceholder\s*\(|\bfeed_dict\b|disable_eager_execution"
                    r"|\btf_keras\b|\bglobal_variables_initializer\b|\bdisable_v2_behavior\b")


def legacy_use(code: str) -> Optional[Tuple[str, int]]:
    """(the TF 1.x construct, its line) the code still uses, or None.  Comments and string
    literals do not count: a docstring that says "feed_dict" runs no Session."""
    import io
    import tokenize

    blank = {tokenize.COMMENT, tokenize.STRING} | {getattr(tokenize, n) for n in ("FSTRING_MIDDLE",)
                                                   if hasattr(tokenize, n)}
    lines = code.splitlines(keepends=True)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type in blank:
                (r1, c1), (r2, c2) = tok.start, tok.end
                for r in range(r1, r2 + 1):
                    line = lines[r - 1]
                    a = c1 if r == r1 else 0
                    b = c2 if r == r2 else len(line.rstrip("\n"))
                    lines[r - 1] = line[:a] + " " * (b - a) + line[b:]
    except (tokenize.TokenError, IndentationError):
        pass
    text = "".join(lines)
    m = LEGACY.search(text)
    return (m.group(0), text.count("\n", 0, m.start()) + 1) if m else None


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
    lines = None  # entry-function programs: lines of the text the lifter read -> original lines
    try:
        found = session_program(tree)
        entry = None
        if found is None and not reads_as_tf2(tree):
            lifted = _entry_program(text)
            if lifted is not None:
                text_read, lines, tree, entry, found = lifted
            else:
                from .entry import unreachable_session
                from .names import tf_alias

                alias = tf_alias(tree)
                if alias:
                    unreachable_session(tree, alias)
        if found is None and reads_as_tf2(tree):
            return UpgradeResult(code=text, changed=False, diagnostics=[_diagnostic(
                "TFU501", 1, 1, "reads as TF 2 (no tf.Session; TF 2-only constructs): left as it is", path)])
        if found is None:
            result = ordinary(text, path, settings)
            if _uses_tensorflow(tree):
                result.diagnostics.append(_diagnostic(
                    "TFU501", 1, 1, "no tf.Session running a graph built here: nothing to modernize", path))
            return result
        _absl(text, path, settings, check=True)
        code, notes = _lift(text_read if entry else text, path, settings, tree, found, instrument, entry)
    except Decline as exc:
        result = ordinary(text, path, settings)
        line = lines(exc.line) if lines is not None else exc.line
        result.diagnostics.insert(0, _diagnostic(exc.rule, line, exc.column if line == exc.line else 1,
                                                 f"not modernized: {exc.message}", path))
        return result
    if lines is not None:
        for d in notes:
            d.line = lines(d.line)
    session_line = lines(found[1].stmt.lineno) if lines is not None else found[1].stmt.lineno
    diagnostics = [_diagnostic("TFU500", session_line, 1, "modernized: graph and session lifted into eager "
                               "TF 2 functions", path)] + notes
    return UpgradeResult(code=code, changed=code != text, diagnostics=diagnostics, fixes={"TFU500": 1})


def _entry_program(text: str):
    """A program whose session runs inside a function (``def main(_):``): (the text with its
    graph-building helpers copied into that function, its line map, tree, entry, found) or None."""
    from .entry import find_entry, inline_helpers
    from .evidence import Found
    from .names import tf_alias
    from .session import find_session

    alias = tf_alias(ast.parse(text))
    if alias is None or find_entry(ast.parse(text), alias, find_session) is None:
        return None
    inlined, lines = inline_helpers(text, alias, find_session)
    tree = ast.parse(inlined)
    entry, session = find_entry(tree, alias, find_session)
    return inlined, lines, tree, entry, (entry.session_index, Found(alias, session))


def _uses_tensorflow(tree: ast.Module) -> bool:
    return any(isinstance(n, ast.Import) and any(a.name.split(".")[0] == "tensorflow" for a in n.names)
               for n in ast.walk(tree))


def _lift(text, path, settings, tree, found, instrument, entry=None):
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
    if entry is None:
        reader.read(tree.body[:index])
    else:  # the module's own statements (flags, helpers, the __main__ block), then the entry's body
        from .entry import copied_helpers

        dropped = copied_helpers(tree, alias, entry)
        reader.read([s for s in tree.body if s is not entry.func and s not in dropped])
        reader.read(entry.body[:index])
    reader.finish()
    for node in reader.g.nodes:  # names whose statements vanish may be reused for functions
        if node.kind in ("train", "init", "placeholder") and node.name not in reader.g.plain_names:
            reader.taken.discard(node.name)
    SessionReader(reader.g, session.session, source.lines).read()
    fragments = Fragments(path, settings)
    emitter = Emitter(reader.g, session.session, source, reader, fragments, tree, index, instrument, entry)
    if entry is not None:
        emitter.dropped = [(d.lineno - len(d.decorator_list), d.end_lineno) for d in dropped]
    emitter.plan()
    code = re.sub(r"\n{4,}", "\n\n\n", fragments.resolve(emitter.module_text()))
    code = _absl(code, path, settings)
    if emitter.needs_os and not re.search(r"^import os\b", code, re.M):
        code = _add_import(code, "import os")
    try:
        ast.parse(code)
    except SyntaxError as exc:
        raise Decline("TFU510", None, f"the lifted program does not parse ({exc.msg}, line {exc.lineno})") from None
    legacy = legacy_use(code if not instrument else code.replace("__tfu_fetch__", ""))
    if legacy:
        raise Decline("TFU510", None, f"the lifted program would still use `{legacy[0]}` (output line {legacy[1]})")
    notes: List[Diagnostic] = []
    from .randomness import audit

    random_rule = _rule("TFU512")
    for where, message, hint in audit(emitter, tree):
        notes.append(Diagnostic("TFU512", random_rule.severity, where.lineno, where.col_offset + 1, message,
                                hint=hint, fix=random_rule.fix, path=path))
    for d, line in fragments.diagnostics:
        if d.rule in _MOOT:
            continue
        notes.append(Diagnostic(d.rule, d.severity, line, 1, d.message, hint=d.hint, fix=d.fix, path=path))
    return code, notes


def _absl(code: str, path: str, settings, check: bool = False) -> str:
    """tf.app.flags / tf.app.run / tf.logging, copied as written, become absl's with the ordinary
    rules (TFU310-TFU312), which see the whole file: whether flags are read before ``app.run``
    parses them decides whether they can (TF 1.x parsed sys.argv on a flag's first read).
    ``check``: run on the original, declining (at the original's line) where a rule keeps compat.v1."""
    from ..upgrader.engine import upgrade_text
    from .entry import ABSL_MODULES
    from .names import Decline

    if not re.search(r"\b(" + "|".join(re.escape(m[3:]) for m in ABSL_MODULES) + r")\b", code):
        return code
    result = upgrade_text(code, path, Settings(
        select=("TFU310", "TFU311", "TFU312"), dialect="tf1", dialect_source="modernize: a tf.Session program",
        target_version=settings.target_version if settings else None))
    kept = next((d for d in result.diagnostics if d.rule in ("TFU310", "TFU311", "TFU312")
                 and "compat.v1" in d.message), None)
    if kept is not None:
        at = ast.Pass(lineno=kept.line, col_offset=kept.column - 1) if check else None
        raise Decline("TFU510", at, f"{kept.rule}: {kept.message}")
    return result.code


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
        from ..upgrader.file_job import convert_text

        return convert_text(path, text, settings)
    return modernize_text(text, path, settings)
__all__ = ["modernize_text", "modernize_file", "LEGACY", "legacy_use"]

"""Runs the active rules over one module: resolve, transform, add imports, report.

The engine knows no TensorFlow symbol.  It asks the resolver what each name
refers to and asks the registered rule hooks (``tf_upgrade.rules``) what to do
with it, in this order for every node, bottom-up:

1. imports (``leave_Import`` / ``leave_ImportFrom``), decided before the walk so
   every reference already knows how its binding will be spelled;
2. references (``tf.log``...): the first reference hook that answers wins;
3. calls: generic call hooks (positional->keyword, keyword renames), then the
   hooks registered for the callee's TF 1.x name, or method hooks for
   ``x.method(...)`` on non-TF receivers;
4. module hooks, then the imports that rules asked for are added.

Only the hooks of active rules run (``Rule.active``: select/ignore, mode, target), and a
hook with a screen is asked only where its screen lets the site through
(``registry.ActiveHooks``): the screen is the hook's guard.

If the generated code equals the input, the input text is returned untouched.
"""
from __future__ import annotations

from typing import Dict, List, Optional

import libcst as cst

from ..rules import load_all
from ..rules.api import CallSite
from ..rules.dialect import AMBIGUOUS_CALL, site_is_tf1
from ..rules.input_errors import INTERNAL_ERROR, PARSE_ERROR
from ..rules.registry import CallShape, Hook, Registry, Rename, Rule
from ..rules.syntax import build_dotted, dotted
from . import prescreen
from .context import FileContext, default_target
from .dialect import decide
from .fastpath import IMPLICIT_HINT, may_need_upgrade
from .prescreen import Plan
from .required_imports import insert_imports
from .resolve import STATEMENT_TYPES, Reference, content_fields, is_node, resolve
from .result import Diagnostic, Settings, UpgradeResult
from .source import mixed_newlines, restore_newlines, to_lf
from .spelling import is_tf

_SEQUENCES = (list, tuple)


class _Upgrader(cst.CSTTransformer):
    def __init__(self, ctx: FileContext, registry: Registry):
        super().__init__()
        self.ctx = ctx
        self.settings = ctx.settings
        self.refs = ctx.resolution.references
        self.hot = ctx.resolution.hot
        self.depth = 0  # statement nesting: depth 0 = module level
        self.hooks = registry.active(self.settings, ctx.target)
        # a module that binds no TensorFlow name: only the methods only TensorFlow objects have
        self.method_names = None if ctx.resolution.bindings else self.hooks.methods_without_import
        self.import_edits: Dict[int, Rename] = {}  # id(alias) -> decision
        self.split_imports: Dict[cst.ImportFrom, List[cst.ImportFrom]] = {}
        self.applied: Dict[str, int] = {}  # rule id -> fixes applied, for the reports
        self._decide_imports()

    # ---- decisions -----------------------------------------------------
    def _gate(self, r: Rule, qualname: str, keywords=(), binding=None) -> str:
        """``apply``, ``skip`` or ``report`` a rule at a site, by the file's dialect: a rule whose
        TF 1.x and TF 2 meanings differ applies in TF 1.x files and at sites TF 2 could not
        run; it is reported (TFU130) in mixed/unknown files and skipped in TF 2 files, and at
        sites spelled through ``tensorflow.compat.v2`` (the TF 2 API by name) in any file."""
        if not r.meaning_differs:
            return "apply"
        if binding is not None and (binding.written or "").startswith("tf.compat.v2"):
            return "skip"
        dialect = self.ctx.dialect.dialect
        if dialect == "tf1" or (qualname and site_is_tf1(qualname, keywords)):
            return "apply"
        return "skip" if dialect == "tf2" else "report"

    def _dry(self, fn, site):
        """What a hook would do, without what it records for the file (imports, requirements)."""
        ctx = self.ctx
        imports, requirements = list(ctx.required_imports), set(ctx.requirements)
        try:
            return fn(ctx, site)
        finally:
            ctx.required_imports[:] = imports
            ctx.requirements.clear()
            ctx.requirements.update(requirements)

    def _report_ambiguous(self, node: cst.CSTNode, what: str, rules: List[Rule], suggestion: str,
                          statement=None) -> None:
        """TFU130: a TF 1.x-only transform withheld because the file's dialect is mixed or unknown."""
        if not self.settings.enabled(AMBIGUOUS_CALL.id):
            return
        decision = self.ctx.dialect
        names = ", ".join(f"{r.id} ({r.name})" for r in rules)
        self.ctx.report(
            AMBIGUOUS_CALL, node, f"{what} means different things in TF 1.x and TF 2 and this file's dialect is "
            f"{decision.dialect} ({decision.reason()}): left as written; as TF 1.x code {names} would make it "
            f"{suggestion}", statement=statement,
            hint="state the file's dialect: `# tf-upgrade: dialect=tf1` to convert it, `# tf-upgrade: dialect=tf2` "
                 "if it is TF 2 code (or dialect / per-file-dialect in [tool.tf-upgrade])")

    def _ask(self, ref: Reference, statement=None, imported: bool = False) -> Optional[Rename]:
        hooks = self.hooks
        env = hooks.import_env if imported else hooks.called_env if self.ctx.is_called(ref.node) else hooks.env
        for hook in hooks.references(ref.qualname, env):
            r = hook.rule
            gate = self._gate(r, ref.qualname, binding=ref.binding)
            if gate == "skip":
                continue
            answer = hook.fn(self.ctx, ref)
            if answer is None:
                continue
            if gate == "report" and answer.new_name and answer.new_name != ref.qualname:
                self._report_ambiguous(ref.node, ref.qualname, [answer.rule], answer.new_name, statement)
                return Rename(answer.rule, None)
            return answer
        return None

    def _allowed(self, r: Rule, node: cst.CSTNode, suggestion: str, statement=None) -> bool:
        """May a fix of rule ``r`` be applied here?  If not, say what it would be."""
        if self.ctx.suppressed(r.id, node, statement):
            self.ctx.note_edit(r.id, node, suggestion, statement, applied=False)
            return False
        if r.fix == "unsafe" and not self.settings.unsafe_fixes:
            self.ctx.report(r, node, f"{r.summary}; suggested: {suggestion}", statement=statement,
                            severity="warning", hint="behaviour may change: review, or run with --unsafe-fixes")
            self.ctx.note_edit(r.id, node, suggestion, statement, applied=False)
            return False
        self.applied[r.id] = self.applied.get(r.id, 0) + 1
        return True

    def _decide_imports(self) -> None:
        """Decide each TF import's new spelling first: references are spelled through them."""
        for b in self.ctx.resolution.bindings:
            if b.alias is None:
                continue  # implicit: no import statement to rewrite
            ref = Reference(b.alias, b, b.qualname)
            answer = self._ask(ref, b.top, imported=True)
            if answer is None:
                continue
            if answer.message:
                self.ctx.report(answer.rule, b.alias, answer.message, severity=answer.severity,
                                hint=answer.hint, statement=b.top)
            if answer.new_name and answer.new_name != (b.written or b.qualname):
                if self._allowed(answer.rule, b.alias, answer.new_name, b.top):
                    self.import_edits[id(b.alias)] = answer
                    new = answer.new_name
                    self.ctx.note_edit(answer.rule.id, b.alias, "tensorflow" + new[2:] if is_tf(new) else new,
                                       b.top)
                    if answer.new_name != b.qualname and is_tf(answer.new_name):
                        self.ctx.binding_renames[id(b)] = answer.new_name

    # ---- walk only nodes that contain something to do ------------------
    def on_visit(self, node: cst.CSTNode) -> bool:
        if node not in self.hot:
            return False
        if type(node) in STATEMENT_TYPES:
            if self.depth == 0:
                self.ctx.current_statement = node
            self.depth += 1
        return super().on_visit(node)

    def on_leave(self, original_node, updated_node):
        if type(original_node) in STATEMENT_TYPES and original_node in self.hot:
            self.depth -= 1
        return super().on_leave(original_node, updated_node)

    def transform(self, node: cst.CSTNode):
        """``node.visit(self)``, except that a node whose children all come back unchanged is
        kept as it is: libcst rebuilds (and re-validates) every node it walks, and most
        TensorFlow references need no edit."""
        if self.on_visit(node):
            changes = None
            for name in content_fields(type(node)):
                value = getattr(node, name)
                if type(value) in _SEQUENCES:
                    items = None
                    for i, item in enumerate(value):
                        new = self.transform(item) if is_node(item) else item
                        if new is item and items is None:
                            continue
                        if items is None:
                            items = list(value[:i])
                        if isinstance(new, cst.FlattenSentinel):
                            items.extend(new.nodes)
                        elif not isinstance(new, cst.RemovalSentinel):
                            items.append(new)
                    if items is not None:
                        changes = changes or {}
                        changes[name] = items
                elif is_node(value):
                    new = self.transform(value)
                    if new is not value:
                        changes = changes or {}
                        changes[name] = new
            updated = node.with_changes(**changes) if changes else node
        else:
            updated = node
        return self.on_leave(node, updated)

    # ---- references ----------------------------------------------------
    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return node not in self.refs

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if original in self.refs:
            return self._reference(original, updated)
        hooks = self.hooks.attributes.get(original.attr.value)
        if not hooks or self.method_names is not None:
            return updated  # no TF import: not TF code
        for hook in hooks:
            new = hook.fn(self.ctx, updated)
            if new is None or new is updated:
                continue
            if not self._allowed(hook.rule, original, self.ctx.code(new)):
                return updated
            if self.ctx.edits is not None:
                self.ctx.note_edit(hook.rule.id, original, self.ctx.code(new))
            return new
        return updated

    def leave_Name(self, original: cst.Name, updated: cst.Name):
        return self._reference(original, updated)

    def _reference(self, original, updated):
        ref = self.refs.get(original)
        if ref is None or ref.qualname == ref.binding.qualname:
            # A bare imported name: its import statement carries the rename.
            return updated
        answer = self._ask(ref)
        if answer is None:
            return updated
        if answer.message:
            self.ctx.report(answer.rule, original, answer.message, severity=answer.severity, hint=answer.hint)
        if answer.expression is not None:
            if not self._allowed(answer.rule, original, answer.expression):
                return updated
            return cst.parse_expression(answer.expression)
        new = answer.new_name
        if not new or new == ref.qualname or not self._allowed(answer.rule, original, new):
            return updated
        for alias in self.ctx.resolution.alias_values.get(id(original), ()):
            # `layers = tf.layers` now binds the new name: uses through `layers` are spelled
            # through it only where the new name lies under it (ctx.spell), otherwise via TF.
            self.ctx.binding_renames[id(alias)] = new
        self.ctx.renamed_to[id(original)] = new
        spelled = self.ctx.spell(new, near=ref.binding, import_from=answer.import_from)
        if self.ctx.edits is not None:
            self.ctx.note_edit(answer.rule.id, original, self.ctx.code(spelled))
        return spelled

    # ---- calls ---------------------------------------------------------
    def leave_Call(self, original: cst.Call, updated: cst.Call):
        ref = self.refs.get(original.func)
        hooks: List[Hook]
        if ref is not None:
            site = CallSite(original, updated, ref.qualname, ref.binding)
            hooks = self.hooks.calls(ref.qualname)
        elif isinstance(original.func, cst.Attribute):
            method = original.func.attr.value
            if self.method_names is not None and method not in self.method_names:
                return updated
            site = CallSite(original, updated, "", None)
            hooks = self.hooks.methods.get(method, [])
        else:
            return updated
        if not hooks:
            return updated
        node: cst.BaseExpression = updated
        keywords = [a.keyword.value for a in original.args if a.keyword is not None]
        # TF 1.x-only transforms withheld in a mixed/unknown file, chained on a shadow of the call
        # so the report shows what the TF 1.x conversion would write
        withheld: List[Rule] = []
        shadow: Optional[CallSite] = site
        shadow_node = None
        written = None  # the call's shape as written, for the hooks' screens
        for hook in hooks:
            if hook.screen is not None:
                # asked about the call as written (what the prescreen saw) and as the hooks before
                # this one left it (positional arguments may have become keywords)
                written = written or call_shape(original)
                env = self.hooks.called_env
                if not hook.screen(site.qualname, env, written) and (
                        site.node is original or not hook.screen(site.qualname, env, call_shape(site.node))):
                    continue
            r, fn = hook.rule, hook.fn
            gate = self._gate(r, site.qualname, keywords, site.reference_binding)
            if gate == "skip":
                continue
            if gate == "report":
                if shadow is None:
                    continue
                new = self._dry(fn, shadow)
                if new is not None and new is not shadow.node:
                    withheld.append(r)
                    shadow_node = new
                    same_callee = isinstance(new, cst.Call) and new.func.deep_equals(shadow.node.func)
                    shadow = CallSite(original, new, site.qualname, site.reference_binding) if same_callee else None
                continue
            new = fn(self.ctx, site)
            if new is None or new is site.node:
                continue
            # the suggested code is only shown for unsafe fixes: don't generate it otherwise
            explain = r.fix == "unsafe" or self.ctx.edits is not None
            if not self._allowed(r, original, self.ctx.code(new) if explain else ""):
                continue
            if self.ctx.edits is not None:
                self.ctx.note_edit(r.id, original, self.ctx.code(new))
            node = new
            if not isinstance(new, cst.Call) or not new.func.deep_equals(site.node.func):
                break  # a new callee: the remaining hooks were meant for the old one
            site = CallSite(original, new, site.qualname, site.reference_binding)
        if withheld:
            self._report_ambiguous(original, site.qualname or f".{original.func.attr.value}()", withheld,
                                   self.ctx.code(shadow_node))
        return node

    # ---- imports -------------------------------------------------------
    def leave_Import(self, original: cst.Import, updated: cst.Import):
        names = []
        changed = False
        for old_alias, alias in zip(original.names, updated.names):
            decision = self.import_edits.get(id(old_alias))
            if decision is None:
                names.append(alias)
                continue
            new = decision.new_name
            module = "tensorflow" + new[2:] if is_tf(new) else new
            local = alias.asname.name.value if alias.asname else None
            if local is None and "." not in dotted(alias.name) and "." in module:
                # `import tensorflow` -> `import tensorflow.compat.v1 as tensorflow`: same local name,
                # now bound to the new module.
                names.append(alias.with_changes(name=build_dotted(module),
                                                asname=cst.AsName(name=cst.Name(dotted(alias.name)))))
            elif local is None:
                # `import tensorflow.x.y` binds `tensorflow`: keep it importable under that name.
                names.append(alias.with_changes(name=build_dotted(module)))
            else:
                asname = alias.asname if module.split(".")[-1] != local or "." in module else None
                names.append(alias.with_changes(name=build_dotted(module), asname=asname))
            changed = True
        return updated.with_changes(names=names) if changed else updated

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom):
        if isinstance(updated.names, cst.ImportStar) or not any(
                id(a) in self.import_edits for a in original.names):
            return updated
        groups: Dict[str, List[cst.ImportAlias]] = {}
        old_module = dotted(updated.module)
        for old_alias, alias in zip(original.names, updated.names):
            decision = self.import_edits.get(id(old_alias))
            if decision is None:
                groups.setdefault(old_module, []).append(alias)
                continue
            new = decision.new_name
            full = "tensorflow" + new[2:] if is_tf(new) else new
            module, _, name = full.rpartition(".")
            local = alias.asname.name.value if alias.asname else alias.name.value
            asname = None if name == local else cst.AsName(name=cst.Name(local))
            groups.setdefault(module, []).append(alias.with_changes(name=cst.Name(name), asname=asname))
        statements = []
        for module, aliases in groups.items():
            aliases = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in aliases]
            paren = updated.lpar if len(aliases) > 1 else None
            stmt = updated.with_changes(module=build_dotted(module), names=aliases,
                                        lpar=paren, rpar=updated.rpar if paren else None)
            statements.append(stmt)
        if len(statements) == 1:
            if len(aliases) == len(updated.names):
                # Same names, same count: keep the original commas/parentheses layout.
                only = statements[0]
                return only.with_changes(names=[
                    a.with_changes(comma=old.comma) for a, old in zip(only.names, updated.names)],
                    lpar=updated.lpar, rpar=updated.rpar)
            return statements[0]
        self.split_imports[original] = statements
        return updated

    def leave_SimpleStatementLine(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine):
        if len(original.body) == 1 and original.body[0] in self.split_imports:
            parts = self.split_imports.pop(original.body[0])
            lines = [updated.with_changes(body=[parts[0]])]
            lines += [cst.SimpleStatementLine(body=[p]) for p in parts[1:]]
            return cst.FlattenSentinel(lines)
        return updated


def call_shape(call: cst.Call) -> CallShape:
    """What a call screen knows of a call (as ``prescreen`` reads it from Python's ast)."""
    positional, keywords, star, double_star = 0, set(), False, False
    for a in call.args:
        if a.keyword is not None:
            keywords.add(a.keyword.value)
        elif a.star == "**":
            double_star = True
        else:
            positional += 1
            star = star or a.star == "*"
    return CallShape(positional, frozenset(keywords), star, double_star)


def upgrade_module(module: cst.Module, text: str, filename: str, settings: Settings,
                   plan: Optional[Plan] = None, explain: bool = False) -> UpgradeResult:
    """Upgrade a parsed module (``text`` is the file's source, used for suppression comments).

    With a prescreen ``plan``, ``module`` was parsed from ``plan.text`` (the file
    with the statements no rule can touch left out) and they are put back in the output.
    """
    registry = load_all()
    hooks = registry.active(settings, settings.target_version or default_target())
    watched = hooks.watched
    resolution = resolve(module, upgrade_compat_v1_import=settings.upgrade_compat_v1_import,
                         watched_attributes=watched)
    if not resolution.bindings and IMPLICIT_HINT.search(text):
        # No TensorFlow import at all, yet `tf.` is used: a notebook cell or snippet.
        resolution = resolve(module, upgrade_compat_v1_import=settings.upgrade_compat_v1_import,
                             watched_attributes=watched, implicit=True)
    if not resolution.bindings and not resolution.hot:
        return UpgradeResult(code=text, changed=False)
    if plan is not None:
        resolution.omitted_qualnames = plan.omitted_qualnames
    ctx = FileContext(module=module, text=text, filename=filename, settings=settings, resolution=resolution,
                      statement_lines=plan.statement_lines if plan is not None else None,
                      edits=[] if explain else None)
    ctx.dialect = decide(resolution, text, settings, line_of=ctx.line_of)
    upgrader = _Upgrader(ctx, registry)
    new_module = upgrader.transform(module)
    for hook in hooks.module:
        r, fn = hook.rule, hook.fn
        gate = "apply" if not r.meaning_differs or ctx.dialect.is_tf1 else \
            "skip" if ctx.dialect.dialect == "tf2" else "report"
        if gate == "skip":
            continue
        if gate == "report":
            if upgrader._dry(fn, new_module) is not new_module and module.body:
                upgrader._report_ambiguous(module.body[0], "the whole module", [r], f"so ({r.summary})",
                                           statement=module.body[0])
            continue
        before, new_module = new_module, fn(ctx, new_module)
        if new_module is not before:  # hooks return their input when they change nothing
            upgrader.applied[r.id] = upgrader.applied.get(r.id, 0) + 1
    diagnostics = sorted(ctx.diagnostics, key=lambda d: (d.line, d.column, d.rule))
    if not upgrader.applied and not ctx.required_imports:
        # Every edit passes _allowed() (or is a module hook's, counted above): none were made,
        # so the text is the input's and generating it again (a third of a re-run) is skipped.
        return UpgradeResult(code=text, changed=False, diagnostics=_dedupe(diagnostics),
                             requirements=tuple(sorted(ctx.requirements)), edits=ctx.edits or [],
                             dialect=ctx.dialect.dialect, dialect_reason=ctx.dialect.reason())
    new_module = insert_imports(new_module, ctx.required_imports)
    code = new_module.code
    changed = code != (plan.text if plan is not None else text)
    if changed and plan is not None:
        code = plan.restore(code)
        if code is None:
            raise _PlanLost()
    return UpgradeResult(code=code if changed else text, changed=changed, diagnostics=_dedupe(diagnostics),
                         requirements=tuple(sorted(ctx.requirements)),
                         fixes=dict(sorted(upgrader.applied.items())) if changed else {},
                         edits=ctx.edits or [],
                         dialect=ctx.dialect.dialect, dialect_reason=ctx.dialect.reason())


class _PlanLost(Exception):
    """A rule dropped a left-out statement's placeholder: convert the whole file instead."""


def _dedupe(diagnostics: List[Diagnostic]) -> List[Diagnostic]:
    seen = set()
    out = []
    for d in diagnostics:
        key = (d.rule, d.line, d.column, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def parse_error(exc: Exception, filename: str, text: Optional[str] = None) -> Diagnostic:
    line = getattr(exc, "raw_line", None) or getattr(exc, "lineno", None) or 1
    col = (getattr(exc, "raw_column", None) or 0) + 1
    message = getattr(exc, "message", None) or str(exc).splitlines()[0]
    if text is not None:
        # Python's own parser places the error where people expect it (libcst's
        # points past it) and explains Python 2 constructs ("Missing parentheses
        # in call to 'print'"); keep libcst's report when Python accepts the text.
        import ast

        try:
            ast.parse(text)
        except SyntaxError as py_exc:
            line, col, message = py_exc.lineno or line, py_exc.offset or 1, py_exc.msg or message
        except (ValueError, RecursionError, MemoryError):
            pass
    return Diagnostic(rule=PARSE_ERROR.id, severity="error", line=line, column=col,
                      message=f"cannot parse as Python 3 ({message}); file left untouched",
                      hint="fix the syntax (Python 2 code needs 2to3/pyupgrade first)", fix="manual",
                      path=filename)


# libcst's native parser overflows its stack (the process dies) somewhere past a
# thousand nested brackets; Python's parser stops at 200 with a SyntaxError.
# Only a text with this many opening brackets can nest that deep.
_DEEP_NESTING_BRACKETS = 1000


def _too_deeply_nested(text: str, filename: str) -> Optional[Diagnostic]:
    if text.count("(") + text.count("[") + text.count("{") < _DEEP_NESTING_BRACKETS:
        return None
    import ast

    try:
        ast.parse(text)
    except SyntaxError as exc:
        if "too many nested" not in (exc.msg or ""):
            return None  # an ordinary syntax error: libcst reports it
        line, message = exc.lineno or 1, exc.msg
    except (RecursionError, MemoryError):
        line, message = 1, "too deeply nested for Python's parser"
    else:
        return None
    return Diagnostic(rule=PARSE_ERROR.id, severity="error", line=line, column=1, fix="manual", path=filename,
                      message=f"cannot parse as Python 3 ({message}); file left untouched",
                      hint="machine-generated code? exclude it from the run")


def upgrade_text(text: str, filename: str = "<string>", settings: Optional[Settings] = None,
                 use_prescreen: bool = True, explain: bool = False) -> UpgradeResult:
    """Upgrade one module's source text.  Never raises for bad input: it reports.

    ``use_prescreen=False`` parses the whole file with libcst (the prescreen's
    tests compare both ways).  ``explain=True`` also records every fix by position
    (``UpgradeResult.edits``, for ``tf-upgrade check``).
    """
    settings = settings or Settings()
    # Fast path: nothing can resolve to TensorFlow without an import of it or
    # one of the conventional names used without import (see fastpath.py).
    if not may_need_upgrade(text):
        return UpgradeResult(code=text, changed=False)
    if mixed_newlines(text):
        # libcst rejects some files that mix CRLF and LF: convert with LF, then
        # give every line its own ending back (see source.restore_newlines).
        result = upgrade_text(to_lf(text), filename, settings, use_prescreen, explain)
        result.code = restore_newlines(text, result.code) if result.changed else text
        return result
    too_deep = _too_deeply_nested(text, filename)
    if too_deep is not None:
        return UpgradeResult(code=text, changed=False, diagnostics=[too_deep], ok=False)
    plan = prescreen.plan(text, settings, default_target() if settings.target_version is None
                          else settings.target_version) if use_prescreen else None
    if plan is not None and plan.untouched:
        return UpgradeResult(code=text, changed=False)
    try:
        module = prescreen.parse_without_gc(cst.parse_module, plan.text if plan is not None else text)
    except (cst.ParserSyntaxError, SyntaxError, ValueError, RecursionError) as exc:
        if plan is not None:
            return upgrade_text(text, filename, settings, use_prescreen=False, explain=explain)
        return UpgradeResult(code=text, changed=False, diagnostics=[parse_error(exc, filename, text)], ok=False)
    try:
        return upgrade_module(module, text, filename, settings, plan, explain)
    except _PlanLost:
        return upgrade_text(text, filename, settings, use_prescreen=False, explain=explain)
    except RecursionError:
        return UpgradeResult(code=text, changed=False, ok=False, diagnostics=[Diagnostic(
            rule=INTERNAL_ERROR.id, severity="error", line=1, column=1, fix="manual", path=filename,
            message="file is nested too deeply to convert; left untouched")])
    except Exception as exc:  # a bug in a rule must cost one file's conversion, never the caller's run
        return UpgradeResult(code=text, changed=False, ok=False, diagnostics=[Diagnostic(
            rule=INTERNAL_ERROR.id, severity="error", line=1, column=1, fix="manual", path=filename,
            message=f"internal error while converting ({type(exc).__name__}: {exc}); file left untouched",
            hint="please report this with the file")])

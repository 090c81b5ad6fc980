"""Is this file TF 1.x or TF 2?  Decided per file (a notebook is one file), on evidence.

A transform whose TF 1.x and TF 2 meanings differ (``Rule.meaning_differs``)
is only right in TF 1.x code: ``tf.nn.dropout(x, 0.2)`` keeps 20% in TF 1.x and
drops 20% in TF 2.  The engine asks :func:`decide` once per file and applies
such transforms only in a ``tf1`` file, reports them (TFU130) in a ``mixed`` or
``unknown`` one, and leaves a ``tf2`` file alone.  A call TF 2 could not run
(its name or a keyword does not exist there) is TF 1.x by itself and converted
in any file.

The user's word comes first, most specific first: a ``# tf-upgrade: dialect=tf2``
comment in the file, then ``per-file-dialect`` globs, then ``dialect`` in
``[tool.tf-upgrade]`` or ``--dialect`` (``auto``: decide on evidence).  On
evidence (what counts is in ``rules/dialect.py``): TF 1.x evidence only is
``tf1``, TF 2 evidence only is ``tf2``, both is ``mixed``, none is ``unknown``;
a project that pins TensorFlow < 2 makes a file without evidence of its own
``tf1``, and one with only TF 2 evidence ``mixed``.

:func:`decide_source` is the entry point for other tools (``modernize``): text
in, :class:`Decision` out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

DIALECTS = ("auto", "tf1", "tf2")
# `# tf-upgrade: dialect=tf2` anywhere in the file, on a comment of its own or after code
_COMMENT = re.compile(r"#\s*tf-upgrade:\s*dialect\s*=\s*([A-Za-z0-9_]+)")
_MAX_SHOWN = 3  # evidence items kept per side for the reason text


@dataclass(frozen=True)
class Decision:
    """The dialect a file is treated as, and why."""

    dialect: str  # tf1 | tf2 | mixed | unknown
    source: str  # "evidence", "file comment", "per-file-dialect", "config", "command line", "project pin"
    tf1: Tuple[str, ...] = ()  # evidence for TF 1.x, e.g. "tf.placeholder (line 4)"
    tf2: Tuple[str, ...] = ()
    tf1_count: int = 0
    tf2_count: int = 0

    @property
    def is_tf1(self) -> bool:
        return self.dialect == "tf1"

    def reason(self) -> str:
        """One line: ``tf1 (evidence: tf.placeholder line 3, keep_dims= line 9)``."""
        def items(values, count):
            extra = count - len(values)
            return ", ".join(values) + (f" and {extra} more" if extra > 0 else "")

        parts = []
        if self.tf1:
            parts.append("TF 1.x: " + items(self.tf1, self.tf1_count))
        if self.tf2:
            parts.append("TF 2: " + items(self.tf2, self.tf2_count))
        evidence = "; ".join(parts) if parts else "no TF 1.x-only or TF 2-only reference"
        if self.source == "evidence":
            return evidence
        return f"stated by {self.source}" + (f" ({evidence})" if parts else "")

    def to_dict(self) -> Dict[str, object]:
        return {"dialect": self.dialect, "source": self.source, "reason": self.reason(),
                "tf1_evidence": list(self.tf1), "tf2_evidence": list(self.tf2)}


def stated_in_comment(text: str) -> Optional[str]:
    """``tf1``/``tf2``/``auto`` from a ``# tf-upgrade: dialect=...`` comment, if the file has one."""
    if "tf-upgrade:" not in text:
        return None
    m = _COMMENT.search(text)
    if m is None:
        return None
    value = m.group(1).lower()
    return value if value in DIALECTS else None


class _Evidence:
    def __init__(self):
        self.tf1: List[str] = []
        self.tf2: List[str] = []
        self.tf1_count = 0
        self.tf2_count = 0
        self._seen = set()

    def add(self, side: str, what: str, key: str) -> None:
        if (side, key) in self._seen:
            return
        self._seen.add((side, key))
        if side == "tf1":
            self.tf1_count += 1
            if len(self.tf1) < _MAX_SHOWN:
                self.tf1.append(what)
        else:
            self.tf2_count += 1
            if len(self.tf2) < _MAX_SHOWN:
                self.tf2.append(what)


def gather(resolution, line_of=None) -> _Evidence:
    """The evidence in a resolved file: its imports, every reference (also those the
    prescreen left out of the parse) and the keywords of the calls that were parsed
    (a call passing a removed keyword is always parsed: a rule screens it in)."""
    import libcst as cst

    from ..rules import dialect as evidence_rules

    ev = _Evidence()
    line_of = _until_it_fails(line_of)
    compat_v1 = compat_v2 = False
    for b in resolution.bindings:
        written = b.written or b.qualname
        # An import of (a part of) tensorflow.compat.v1, or a name assigned the whole module
        # (`tf = tf2.compat.v1`), gives the file the TF 1.x API; an assigned alias of one member
        # (`optimizer_fn = tf.compat.v1.train.AdamOptimizer`) is a spelled-out reference like any
        # other (TF 2 evidence, counted with the references below).
        imported = isinstance(b.statement, (cst.Import, cst.ImportFrom))
        if b.statement is not None and (written == "tf.compat.v1"
                                        or (imported and written.startswith("tf.compat.v1."))):
            compat_v1 = True
            ev.add("tf1", f"import of {written.replace('tf', 'tensorflow', 1)}", "import-v1")
        elif b.statement is not None and (written == "tf.compat.v2" or written.startswith("tf.compat.v2.")):
            compat_v2 = True
            ev.add("tf2", f"import of {written.replace('tf', 'tensorflow', 1)}", "import-v2")
    located = {}
    for node, ref in resolution.references.items():
        located.setdefault(ref.qualname, node)
        parent = resolution.parents.get(id(node))
        if isinstance(parent, cst.Call) and parent.func is node:
            keywords = [a.keyword.value for a in parent.args if a.keyword is not None]
            for k in sorted(evidence_rules.removed_keywords(ref.qualname, keywords)):
                ev.add("tf1", f"{k}= ({ref.qualname}{_at(line_of, parent)})", f"{ref.qualname}:{k}")
    for q in resolution.all_qualnames():
        if q == "tf":
            continue
        side = evidence_rules.reference_evidence(q, compat_v1_binding=compat_v1, compat_v2_binding=compat_v2)
        if side is not None:
            ev.add(side, q + _at(line_of, located.get(q)), q)
    return ev


def _at(line_of, node) -> str:
    if line_of is None or node is None:
        return ""
    try:
        line = line_of(node)
    except Exception:  # a position is a nicety in a reason text, never worth failing a file for
        return ""
    return f" line {line}" if line else ""


def _until_it_fails(line_of):
    """``line_of`` that gives up for good after its first failure: a statement too deep to
    generate fails the same way for every reference in it, after as long a walk each time
    (a generated 500-term sum spent 14 s here before)."""
    if line_of is None:
        return None
    failed = False

    def careful(node):
        nonlocal failed
        if failed:
            return None
        try:
            return line_of(node)
        except Exception:
            failed = True
            raise

    return careful


def decide(resolution, text: str, settings, line_of=None) -> Decision:
    """The dialect of one resolved file under ``settings`` (see the module docstring)."""
    ev = gather(resolution, line_of)
    evidence = dict(tf1=tuple(ev.tf1), tf2=tuple(ev.tf2), tf1_count=ev.tf1_count, tf2_count=ev.tf2_count)
    stated = stated_in_comment(text)
    if stated is not None and stated != "auto":
        return Decision(stated, "file comment", **evidence)
    if stated is None:
        configured = getattr(settings, "dialect", "auto") or "auto"
        if configured != "auto":
            return Decision(configured, getattr(settings, "dialect_source", "") or "config", **evidence)
    pin = getattr(settings, "project_pin", "") or ""
    if ev.tf1_count and ev.tf2_count:
        return Decision("mixed", "evidence", **evidence)
    if ev.tf1_count:
        return Decision("tf1", "evidence", **evidence)
    if ev.tf2_count:
        if pin:
            return Decision("mixed", "evidence", tf1=(f"project pins {pin}",), tf1_count=1,
                            tf2=evidence["tf2"], tf2_count=ev.tf2_count)
        return Decision("tf2", "evidence", **evidence)
    if pin:
        return Decision("tf1", "project pin", tf1=(pin,), tf1_count=1)
    return Decision("unknown", "evidence")


def decide_source(text: str, filename: str = "<string>", settings=None) -> Decision:
    """The dialect of a Python source text (for tools other than the rewrite: ``modernize``).

    A file that does not parse, or imports no TensorFlow, is ``unknown``."""
    import libcst as cst

    from .resolve import resolve
    from .result import Settings

    settings = settings or Settings()
    try:
        module = cst.parse_module(text)
    except Exception:
        return Decision("unknown", "evidence")
    resolution = resolve(module, upgrade_compat_v1_import=settings.upgrade_compat_v1_import)
    if not resolution.bindings:
        from .fastpath import IMPLICIT_HINT

        if IMPLICIT_HINT.search(text):
            resolution = resolve(module, upgrade_compat_v1_import=settings.upgrade_compat_v1_import, implicit=True)
    return decide(resolution, text, settings)

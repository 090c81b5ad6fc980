"""ARCHITECTURE.md's dependency statement, checked on the source with Python's ast (no TF, no imports run).

Dependencies point one way: ``cli -> upgrader -> rules -> rules/data``; ``compat_v1`` stands
alone.  Every import counts: module level, inside functions, under ``if TYPE_CHECKING:``, and
``importlib.import_module("literal")`` calls.
"""
from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import libcst as cst

PACKAGE = Path(__file__).resolve().parents[1] / "tf_upgrade"


def _module_name(path: Path) -> Tuple[str, bool]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(parts), is_package


def _imports(path: Path) -> Iterator[Tuple[int, str]]:
    """(line, absolute module) for every import in the file; ``from a import b`` yields
    ``a.b`` (b may be a submodule) and, for ``from . import b``, never the bare package."""
    name, is_package = _module_name(path)
    package = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                yield node.lineno, module + "." + alias.name if alias.name != "*" else module
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str) and (
                    (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                    or (isinstance(node.func, ast.Name) and node.func.id in ("import_module", "__import__"))):
            yield node.lineno, node.args[0].value


def _graph() -> Dict[str, List[Tuple[str, int, str]]]:
    """module -> [(file, line, imported tf_upgrade module or name)]."""
    out: Dict[str, List[Tuple[str, int, str]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name, _ = _module_name(path)
        rel = str(path.relative_to(PACKAGE.parent))
        out[name] = [(rel, line, target) for line, target in _imports(path)
                     if target == "tf_upgrade" or target.startswith("tf_upgrade.")]
    return out


GRAPH = _graph()


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _violations(importer: str, allowed=(), forbidden=()) -> List[str]:
    """Imports by modules under ``importer`` that leave ``allowed`` (when given) or enter ``forbidden``."""
    bad = []
    for module, imports in GRAPH.items():
        if not _within(module, importer):
            continue
        for file, line, target in imports:
            if allowed and not any(_within(target, a) for a in allowed):
                bad.append(f"{file}:{line} imports {target}")
            elif any(_within(target, f) for f in forbidden):
                bad.append(f"{file}:{line} imports {target}")
    return bad


def test_the_import_graph_is_read():
    # the walk finds the edges it is meant to judge (a broken walk would pass everything)
    assert any(t.startswith("tf_upgrade.rules") for _, _, t in GRAPH["tf_upgrade.upgrader.engine"])
    assert any(t.startswith("tf_upgrade.upgrader") for _, _, t in GRAPH["tf_upgrade.cli"])
    assert any(t.startswith("tf_upgrade.rules.syntax") for _, _, t in GRAPH["tf_upgrade.rules._calls"])
    assert len(GRAPH) > 100


def test_rules_depend_only_on_rules():
    """Rules see the engine through ``rules/api.py`` only: never the upgrader, the CLI, or the
    package root (which imports the upgrader)."""
    assert _violations("tf_upgrade.rules", allowed=("tf_upgrade.rules",)) == []


def test_upgrader_never_imports_what_sits_above_it():
    forbidden = ("tf_upgrade.cli", "tf_upgrade.config", "tf_upgrade.target", "tf_upgrade.modernize",
                 "tf_upgrade.compat_v1")
    assert _violations("tf_upgrade.upgrader", forbidden=forbidden) == []


def test_compat_v1_stands_alone():
    assert _violations("tf_upgrade.compat_v1", allowed=("tf_upgrade.compat_v1",)) == []


def test_data_stays_data():
    """rules/data holds generated tables, no code; their reader imports nothing of the package."""
    data = PACKAGE / "rules" / "data"
    assert data.is_dir()
    assert sorted(str(p.relative_to(PACKAGE)) for p in data.rglob("*.py")) == []
    assert GRAPH["tf_upgrade.rules.tables"] == []
    assert GRAPH["tf_upgrade.rules.contrib_replacements"] == []


# Private names (a leading underscore) imported from another module: each is a helper
# that should be public where it is defined, or live where it is used.  Listed here are the
# ones outside the upgrader/rules area still waiting for that; add none.
KNOWN_PRIVATE_IMPORTS = {
    ("tf_upgrade/compat_v1/ops/scatter_ops.py", "_value_infer"),
    ("tf_upgrade/compat_v1/train/training_util.py", "_var_scope_state"),
}


def test_no_private_names_imported_across_modules():
    found: Set[Tuple[str, str]] = set()
    lines = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = str(path.relative_to(PACKAGE.parent))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        found.add((rel, alias.name))
                        if (rel, alias.name) not in KNOWN_PRIVATE_IMPORTS:
                            lines.append(f"{rel}:{node.lineno} imports {alias.name}")
    assert lines == []
    assert found, "the walk finds the known cases (a broken walk would pass everything)"


def _file_context():
    from tf_upgrade.rules import load_all
    from tf_upgrade.upgrader.context import FileContext
    from tf_upgrade.upgrader.resolve import resolve
    from tf_upgrade.upgrader.result import Settings

    load_all()
    text = "import tensorflow as tf\nfrom absl import flags as F\nimport numpy\n\nx = tf.log(1.0)\n"
    module = cst.parse_module(text)
    return FileContext(module=module, text=text, filename="x.py", settings=Settings(),
                       resolution=resolve(module))


def test_the_engines_context_implements_the_rules_protocol():
    from tf_upgrade.rules import api
    from tf_upgrade.upgrader.context import FileContext

    ctx = _file_context()
    assert isinstance(ctx, api.FileContext)
    members = [n for n, v in vars(api.FileContext).items() if not n.startswith("_") and callable(v)]
    assert "spell" in members and "require_import" in members
    for name in members:
        declared = inspect.signature(getattr(api.FileContext, name))
        implemented = inspect.signature(getattr(FileContext, name))
        assert list(declared.parameters) == list(implemented.parameters), name
        for p in declared.parameters.values():
            assert implemented.parameters[p.name].kind == p.kind, (name, p.name)


def test_rules_find_and_require_imports_by_local_name():
    ctx = _file_context()
    assert ctx.existing_import("absl", "flags") == "F"
    assert ctx.existing_import("numpy") == "numpy"
    assert ctx.existing_import("absl", "app") is None
    # an import the file has wins over the wished-for local name
    assert ctx.require_import("absl", "flags", asname="absl_flags") == "F"
    assert ctx.required_imports == []
    assert ctx.require_import("absl", "app", asname="absl_app") == "absl_app"
    # an import already required is reused, whatever name is asked for the second time
    assert ctx.require_import("absl", "app") == "absl_app"
    assert [(r.module, r.name, r.asname) for r in ctx.required_imports] == [("absl", "app", "absl_app")]
    assert ctx.require_import("os") == "os"


def test_rules_keep_per_file_state_on_the_context():
    first, second = _file_context(), _file_context()
    first.scratch["reported"] = True
    assert second.scratch == {}

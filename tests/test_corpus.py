"""Converting the TF 1.x corpus (tests/corpus/tf1) and examples/tf1: the output parses,
a second run changes nothing, and every tf.* reference in the output exists in
TensorFlow 2.21 (with the packages the result records as requirements, e.g. tf_keras)
or carries an error diagnostic on that line.

Diagnostics carry input line numbers; rules may add lines (imports, mode
switches), so output lines are mapped back to input lines with a line diff.
Needs no TensorFlow (the 2.21 symbol set is generated data); the optional test at
the end runs some converted files under a real TensorFlow when one is installed.
"""
import ast
import difflib
import os
import subprocess
from pathlib import Path

import libcst as cst
import pytest

from tf_env import tf_python
from tf_upgrade import upgrade_source
from tf_upgrade.rules import tables
from tf_upgrade.upgrader.api_check import missing_references

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "tests" / "corpus" / "tf1").glob("*.py")) + sorted((ROOT / "examples" / "tf1").glob("*.py"))


def _input_lines(source: str, output: str) -> dict:
    """Output line number -> input line number, for lines a conversion kept or rewrote in place."""
    a, b = source.splitlines(), output.splitlines()
    mapping = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(j2 - j1):
                mapping[j1 + k + 1] = i1 + k + 1
    return mapping


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_file_converts_cleanly(path):
    source = path.read_text()
    result = upgrade_source(source, filename=str(path))
    assert result.ok, [d.format() for d in result.diagnostics]
    ast.parse(result.code)
    again = upgrade_source(result.code, filename=str(path))
    assert again.code == result.code, "second run changed the output"

    missing = missing_references(cst.parse_module(result.code), (2, 21))
    if not missing:
        return
    flagged = {d.line for d in result.diagnostics if d.severity == "error"}
    lines = _input_lines(source, result.code)
    with_tf_keras = any(r.startswith("tf_keras") for r in result.requirements)
    for m in missing:
        if with_tf_keras and tables.availability(m.qualname, (2, 21)) == "tf_keras":
            continue  # exists once the recorded requirement (tf_keras) is installed
        assert lines.get(m.line) in flagged, \
            f"{path.name}:{m.line}: {m.qualname} is missing in TF 2.21 and its line has no error diagnostic"


def test_corpus_is_large_enough():
    assert len([p for p in CORPUS if p.parent.name == "tf1" and "corpus" in p.parts]) >= 30


@pytest.mark.slow
def test_conversion_reduces_missing_references():
    """On the p_* files (written for the argument/value families) and the examples,
    conversion removes most references that do not exist in 2.21 (116 -> 7 when written)."""
    before = after = 0
    for path in [p for p in CORPUS if p.name.startswith("p_") or p.parent.name == "tf1" and "examples" in p.parts]:
        source = path.read_text()
        before += len(missing_references(cst.parse_module(source), (2, 21)))
        after += len(missing_references(cst.parse_module(upgrade_source(source).code), (2, 21)))
    assert after * 5 < before, (before, after)


EAGER = ["p_eager_math.py", "p_eager_images.py", "p_eager_init.py", "p_casts.py", "p_batch_gather.py",
         "p_sampling.py", "p_initializers.py", "p_moments.py", "p_strings.py", "p_contrib_init.py",
         "p_mlp_dropout.py", "p_dataset_iterators.py", "p_keras_generators.py", "p_cond_scaling.py", "p_control_flow.py",
         "p_tf0_era.py", "p_shapes.py"]


@pytest.mark.tf
@pytest.mark.parametrize("name", EAGER)
def test_converted_file_runs_under_tensorflow(name, tmp_path):
    python = tf_python()
    path = ROOT / "tests" / "corpus" / "tf1" / name
    converted = tmp_path / name
    converted.write_text(upgrade_source(path.read_text(), filename=name).code)
    proc = subprocess.run([python, str(converted)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.mark.slow
@pytest.mark.parametrize("options", [{"mode": "safety"}, {"import_rename": True}, {"upgrade_compat_v1_import": True}],
                         ids=["safety", "import_rename", "upgrade_compat_v1_import"])
def test_corpus_in_every_mode_parses_and_is_idempotent(options):
    for path in CORPUS:
        result = upgrade_source(path.read_text(), filename=str(path), **options)
        ast.parse(result.code)
        assert upgrade_source(result.code, filename=str(path), **options).code == result.code, path.name
        if options.get("mode") == "safety":
            # only imports change: every line that is not an import or the v2-behaviour switch is untouched
            kept = [line for line in result.code.splitlines()
                    if "import" not in line and "disable_v2_behavior" not in line]
            original = [line for line in path.read_text().splitlines() if "import" not in line]
            assert kept == original, path.name


# The live check: what the tables say about 2.21, asked of TensorFlow 2.21 itself.
RESOLVE = r'''
import importlib, json, sys
import tensorflow as tf
missing = []
for qualname in json.load(sys.stdin):
    obj, parts = tf, qualname.split(".")[1:]
    for i, part in enumerate(parts):
        try:
            obj = getattr(obj, part)
        except Exception:  # AttributeError, or a lazy module that fails to load (tf_keras absent)
            missing.append(qualname)
            break
print(json.dumps(missing))
'''


def _references(code):
    from libcst.metadata import MetadataWrapper, PositionProvider

    from tf_upgrade.upgrader.resolve import resolve
    module = cst.parse_module(code)
    resolution = resolve(module)
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    refs = [(ref.qualname, positions[node].start.line) for node, ref in resolution.references.items()]
    refs += [(b.qualname, positions[b.alias].start.line) for b in resolution.bindings
             if b.alias is not None and b.qualname != "tf"]
    return refs


def _unresolved(python, qualnames, legacy_keras):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="")
    env.pop("TF_USE_LEGACY_KERAS", None)
    if legacy_keras:
        env["TF_USE_LEGACY_KERAS"] = "1"
    import json
    proc = subprocess.run([python, "-c", RESOLVE], input=json.dumps(sorted(qualnames)), capture_output=True,
                          text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


LIVE_CORPUS = CORPUS + sorted((ROOT / "examples" / "tf1_runnable").glob("*.py"))


@pytest.mark.tf
def test_every_reference_in_converted_corpora_exists_in_live_tensorflow_or_is_flagged():
    """Each converted corpus file's TF references, resolved attribute by attribute in a live TF 2.21
    (with TF_USE_LEGACY_KERAS=1 only where the conversion asked for it): what does not resolve has an
    error diagnostic on its line."""
    python = tf_python()
    converted = {}
    for path in LIVE_CORPUS:
        source = path.read_text()
        result = upgrade_source(source, filename=str(path), target_version="2.21")
        converted[path] = (source, result, _references(result.code))
    legacy = {p for p, (_, r, _) in converted.items() if "TF_USE_LEGACY_KERAS=1" in r.requirements}
    names = {q for _, _, refs in converted.values() for q, _ in refs}
    unresolved = {False: _unresolved(python, names, False), True: _unresolved(python, names, True)}
    assert len(names) > 200  # the corpora really were read (236 distinct names when written)
    problems = []
    for path, (source, result, refs) in converted.items():
        flagged = {d.line for d in result.diagnostics if d.severity == "error"}
        lines = _input_lines(source, result.code)
        for qualname, line in refs:
            if qualname in unresolved[path in legacy] and lines.get(line) not in flagged:
                problems.append(f"{path.name}:{line}: {qualname} does not resolve in TensorFlow 2.21 and has no "
                                "error diagnostic")
    assert problems == [], "\n".join(problems)

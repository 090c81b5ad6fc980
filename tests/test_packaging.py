"""What an installed wheel holds: everything the commands read at run time (no tests/ folder)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """What a wheel of the package holds: setuptools' build_py (packages + package-data, the
    step that fills a wheel) run on a copy of the sources, away from the repository."""
    out = tmp_path_factory.mktemp("wheel")
    src = out / "src"
    shutil.copytree(ROOT / "tf_upgrade", src / "tf_upgrade", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    proc = subprocess.run([sys.executable, "-c", "from setuptools import setup; setup()", "-q", "build_py",
                           "--build-lib", str(out / "site")], capture_output=True, text=True, cwd=src)
    if proc.returncode != 0:
        pytest.skip(f"setuptools cannot build here: {proc.stderr[-300:]}")
    return out / "site"


@pytest.mark.slow
def test_rule_examples_ship_inside_the_wheel(wheel, tmp_path):
    assert (wheel / "tf_upgrade" / "rules" / "data" / "examples.json").is_file()
    assert not (wheel / "tests").exists()
    env = dict(os.environ, PYTHONPATH=str(wheel))
    proc = subprocess.run([sys.executable, "-m", "tf_upgrade.cli", "rule", "TFU102"], capture_output=True,
                          text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Examples (from tests/fixtures/TFU102/):" in proc.stdout
    assert "  before:" in proc.stdout and "  after:" in proc.stdout


def test_rule_examples_are_generated_from_the_fixtures():
    """examples.json is current (tools/gen_rule_docs.py writes it with docs/rules.md)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import gen_rule_docs
    finally:
        sys.path.pop(0)
    text = (ROOT / "tf_upgrade" / "rules" / "data" / "examples.json").read_text(encoding="utf-8")
    assert text == gen_rule_docs.render_examples(), "run: python tools/gen_rule_docs.py"

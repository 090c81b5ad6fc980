"""--target-version auto: reading the TensorFlow pin from a project's packaging files."""
import pytest

from tf_upgrade.target import allowed_newest, detect_target, parse_requirement, resolve_target

NEWEST = (2, 21)


@pytest.mark.parametrize("line, want", [
    ("tensorflow==2.15.1", (2, 15)),
    ("tensorflow == 2.15.*", (2, 15)),
    ("tensorflow>=2.4,<2.16", (2, 15)),
    ("tensorflow<2.16.1", (2, 16)),
    ("tensorflow-cpu~=2.12.0", (2, 12)),
    ("tensorflow~=2.12", NEWEST),
    ("tensorflow>=2.10", NEWEST),
    ("tensorflow<=2.13", (2, 13)),
    ("tensorflow<3", NEWEST),
    ("tensorflow[and-cuda]>=2.14,<2.18 ; python_version >= '3.9'", (2, 17)),
    ("tensorflow", NEWEST),
    ("tensorflow==2.99", NEWEST),  # newer than our tables: the newest table
])
def test_allowed_newest(line, want):
    name, specs = parse_requirement(line)
    assert name.startswith("tensorflow")
    assert allowed_newest(specs, NEWEST) == want


def test_requirements_file_nearest_to_the_paths(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "requirements.txt").write_text("numpy\n# tensorflow==2.5\ntensorflow-gpu>=2.10,<2.16\n")
    pkg = tmp_path / "src" / "pkg"
    pkg.mkdir(parents=True)
    (pkg / "m.py").write_text("import tensorflow as tf\n")
    found = detect_target([str(pkg / "m.py")], NEWEST)
    assert found.version == (2, 15) and found.source.endswith("requirements.txt")
    assert "tensorflow-gpu>=2.10,<2.16" == found.requirement


def test_pyproject_pep621_and_poetry(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["tensorflow~=2.15.0"]\n')
    assert detect_target([str(tmp_path)], NEWEST).version == (2, 15)
    (tmp_path / "pyproject.toml").write_text('[tool.poetry.dependencies]\npython = "^3.10"\n'
                                             'tensorflow = {version = "~2.13", extras = ["and-cuda"]}\n')
    assert detect_target([str(tmp_path)], NEWEST).version == (2, 13)


def test_setup_cfg_and_setup_py(tmp_path):
    (tmp_path / "setup.cfg").write_text("[options]\ninstall_requires =\n    numpy\n    tensorflow<2.16\n")
    assert detect_target([str(tmp_path)], NEWEST).version == (2, 15)
    (tmp_path / "setup.cfg").unlink()
    (tmp_path / "setup.py").write_text("from setuptools import setup\n"
                                       "setup(name='x', install_requires=['tensorflow==2.14.1', 'six'])\n")
    assert detect_target([str(tmp_path)], NEWEST).version == (2, 14)


def test_tf1_pin_and_nothing_found_fall_back_to_newest(tmp_path):
    (tmp_path / ".git").mkdir()
    found = detect_target([str(tmp_path)], NEWEST)
    assert found.version is None and "no TensorFlow requirement" in found.note
    (tmp_path / "requirements.txt").write_text("tensorflow-gpu==1.15.5\n")
    found = detect_target([str(tmp_path)], NEWEST)
    assert found.version is None and "1.x" in found.note


def test_resolve_target_passes_explicit_versions_through():
    assert resolve_target("2.15", []) == ((2, 15), "")
    assert resolve_target(None, []) == (None, "")
    with pytest.raises(ValueError):
        resolve_target("soon", [])


def test_upgrade_cli_target_version_auto(tmp_path):
    from click.testing import CliRunner

    from tf_upgrade.cli import main

    (tmp_path / ".git").mkdir()
    (tmp_path / "requirements.txt").write_text("tensorflow-cpu==2.15.1\n")
    src = tmp_path / "m.py"
    src.write_text("import tensorflow as tf\nest = tf.estimator.Estimator(model_fn=None)\n")
    runner = CliRunner()
    res = runner.invoke(main, ["--check", "--target-version", "auto", str(src)])
    assert "target TensorFlow 2.15" in res.output and "TFU330" not in res.output, res.output
    res = runner.invoke(main, ["--check", str(src)])
    assert "TFU330" in res.output  # default target 2.21: the estimator is gone

"""[tool.tf-upgrade] in pyproject.toml: discovery, precedence (defaults < file < flags), excludes, .gitignore."""
import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from tf_upgrade.cli import main
from tf_upgrade.config import ConfigError, find_config, load_config

TF1 = "import tensorflow as tf\nx = tf.log(1.0)\ny = tf.nn.dropout(x, keep_prob=0.5)\n"
RENAMED = "x = tf.math.log(1.0)"
DROPOUT = "rate=0.5)"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "proj"
    (root / "src" / "pkg").mkdir(parents=True)
    (root / "src" / "pkg" / "model.py").write_text(TF1)
    (root / "tests").mkdir()
    (root / "tests" / "test_model.py").write_text(TF1)
    monkeypatch.chdir(tmp_path)
    return root


def pyproject(root, body):
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.tf-upgrade]\n" + body)


def test_nearest_pyproject_with_the_section_wins(project):
    pyproject(project, 'target-version = "2.15"\n')
    (project / "src" / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n")  # no section: skipped
    assert find_config([str(project / "src" / "pkg" / "model.py")]) == project / "pyproject.toml"
    assert find_config([str(project / "src"), str(project / "tests")]) == project / "pyproject.toml"
    config = load_config([str(project / "src")])
    assert config.target_version == (2, 15) and config.sources["target_version"].endswith("pyproject.toml")
    assert config.root == str(project.resolve())


def test_no_config_means_defaults(tmp_path):
    config = load_config([str(tmp_path)])
    assert config.path is None and config.select == () and config.respect_gitignore is True


@pytest.mark.parametrize("body,message", [
    ("colour = true\n", "unknown key 'colour'"),
    ("target-version = 2.15\n", "must be a string"),
    ("select = 3\n", "list of rule ids"),
    ("unsafe-fixes = 'yes'\n", "true or false"),
    ("report-format = 'pdf'\n", "one of"),
    ("per-file-ignores = ['x']\n", "table of glob"),
])
def test_bad_config_is_a_usage_error(project, body, message):
    pyproject(project, body)
    with pytest.raises(ConfigError, match=message):
        load_config([str(project)])
    res = run(project, "--check")
    assert res.exit_code == 2 and message in res.output


def test_config_select_by_prefix_and_flags_override_it(project):
    pyproject(project, 'select = ["TFU2"]\n')  # argument transforms only: no renames
    res = run(project / "src", "--diff")
    assert DROPOUT in res.output and RENAMED not in res.output
    res = run(project / "src", "--diff", "--select", "tfu1")  # the flag replaces the file's value
    assert RENAMED in res.output and DROPOUT not in res.output


def test_config_ignore_and_flag_override(project):
    pyproject(project, 'ignore = ["TFU101"]\n')
    res = run(project / "src", "--diff")
    assert DROPOUT in res.output and RENAMED not in res.output
    res = run(project / "src", "--diff", "--ignore", "TFU201")
    assert RENAMED in res.output and DROPOUT not in res.output


def test_target_version_precedence_in_show_config(project):
    pyproject(project, 'target-version = "2.15"\nunsafe-fixes = true\nexclude = ["legacy"]\n')
    shown = run("--show-config", project).output
    assert 'target-version = "2.15"  # ' + str(project / "pyproject.toml") in shown
    assert "unsafe-fixes = true" in shown and 'exclude = ["legacy"]' in shown
    shown = run("--show-config", project, "--target-version", "2.21", "--no-unsafe-fixes").output
    assert 'target-version = "2.21"  # command line' in shown
    assert "unsafe-fixes = false  # command line" in shown
    assert 'exclude = ["legacy"]  # ' + str(project / "pyproject.toml") in shown
    assert "# report is not set  # default" in shown


def test_show_config_without_any_config(tmp_path):
    res = run("--show-config", tmp_path)
    assert res.exit_code == 0 and "# config file: none found" in res.output
    assert "target-version = " in res.output and "# default (newest table)" in res.output


def test_explicit_config_file(project, tmp_path):
    other = tmp_path / "ci.toml"
    other.write_text('[tool.tf-upgrade]\nselect = ["TFU201"]\n')
    res = run(project / "src", "--diff", "--config", other)
    assert DROPOUT in res.output and RENAMED not in res.output
    (tmp_path / "empty.toml").write_text("")
    assert run(project, "--config", tmp_path / "empty.toml").exit_code == 2


def test_per_file_ignores(project):
    pyproject(project, 'per-file-ignores = { "tests/*" = ["TFU101"], "model.py" = ["TFU201"] }\n')
    run(project)
    assert (project / "tests" / "test_model.py").read_text().count("tf.log(") == 1  # TFU101 ignored there
    assert DROPOUT in (project / "tests" / "test_model.py").read_text()
    model = (project / "src" / "pkg" / "model.py").read_text()
    assert RENAMED in model and "keep_prob" in model  # base-name pattern matches anywhere


def test_exclude_globs_add_to_the_defaults(project):
    (project / "legacy").mkdir()
    (project / "legacy" / "old.py").write_text(TF1)
    (project / "src" / "pkg" / "gen_ops.py").write_text(TF1)
    (project / "node_modules").mkdir()
    (project / "node_modules" / "x.py").write_text(TF1)
    pyproject(project, 'exclude = ["legacy", "src/*/gen_*.py"]\n')
    res = run(project, "--check")
    assert "2 files checked" in res.output  # model.py, test_model.py
    res = run(project, "--check", "--exclude", "tests")  # the flag replaces the file's list
    assert "3 files checked" in res.output  # legacy/old.py, gen_ops.py, model.py; never node_modules
    # a file named explicitly is always processed
    assert "1 file checked, 1 would change" in run(project / "legacy" / "old.py", "--check").output


def test_report_path_in_config_is_relative_to_it(project, monkeypatch):
    pyproject(project, 'report = "reports/migration.json"\n')
    monkeypatch.chdir(project / "src")
    res = run(".", "--check")
    doc = json.loads((project / "reports" / "migration.json").read_text())
    assert doc["summary"]["files"] == 1, res.output
    res = run(".", "--check", "--report", "here.md")  # a flag path is relative to the current directory
    assert (project / "src" / "here.md").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_is_respected_inside_a_git_repository(project):
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / ".gitignore").write_text("generated/\n*_pb2.py\n!keep_pb2.py\n")
    (project / "generated").mkdir()
    (project / "generated" / "a.py").write_text(TF1)
    (project / "src" / "pkg" / "ops_pb2.py").write_text(TF1)
    (project / "src" / "pkg" / "keep_pb2.py").write_text(TF1)
    (project / "src" / "pkg" / ".gitignore").write_text("local_*.py\n")
    (project / "src" / "pkg" / "local_x.py").write_text(TF1)
    res = run(project, "--check")
    assert "3 files checked" in res.output, res.output  # model.py, keep_pb2.py, test_model.py
    res = run(project, "--check", "--no-respect-gitignore")
    assert "6 files checked" in res.output
    pyproject(project, "respect-gitignore = false\n")
    assert "6 files checked" in run(project, "--check").output


def test_gitignore_means_nothing_outside_git(project):
    (project / ".gitignore").write_text("tests/\n")
    assert "2 files checked" in run(project, "--check").output


def test_force_exclude_applies_excludes_to_files_named_explicitly(project, monkeypatch):
    (project / "legacy").mkdir()
    (project / "legacy" / "old.py").write_text(TF1)
    (project / ".venv").mkdir()
    (project / ".venv" / "lib.py").write_text(TF1)
    pyproject(project, 'exclude = ["legacy"]\n')
    monkeypatch.chdir(project)
    named = ["legacy/old.py", ".venv/lib.py", "src/pkg/model.py"]
    assert "3 files checked" in run(*named, "--check").output  # named explicitly: processed
    res = run(*named, "--check", "--force-exclude")
    assert "1 file checked" in res.output and "legacy" not in res.output
    pyproject(project, 'exclude = ["legacy"]\nforce-exclude = true\n')
    assert "1 file checked" in run(*named, "--check").output


def test_selectors_that_match_no_rule_are_usage_errors(project):
    res = run(project, "--check", "--select", "TFU1,TFX9")
    assert res.exit_code == 2 and "'TFX9' matches no rule (command line)" in res.output
    pyproject(project, 'per-file-ignores = { "tests/*" = ["TFU99999"] }\n')
    res = run(project, "--check")
    assert res.exit_code == 2 and "per-file-ignores: 'TFU99999' matches no rule" in res.output


def test_target_version_auto_in_config_reads_the_projects_pin(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["tensorflow==2.15.1"]\n\n'
                                            '[tool.tf-upgrade]\ntarget-version = "auto"\n')
    res = run("--show-config", project)
    assert 'target-version = "2.15"' in res.output and "(auto)" in res.output
    res = run("--show-config", project, "--target-version", "2.21")  # the flag still wins
    assert 'target-version = "2.21"  # command line' in res.output

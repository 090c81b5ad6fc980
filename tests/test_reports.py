"""Reports: every format rendered from one run agrees with it; JSON and SARIF validate against their schemas."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tf_upgrade.cli import main
from tf_upgrade.upgrader import discovery, file_job, pool
from tf_upgrade.upgrader.report import RunResult, format_for, render
from tf_upgrade.upgrader.result import Settings

jsonschema = pytest.importorskip("jsonschema")

DATA = Path(__file__).parent / "data"
REPORT_SCHEMA = Path(file_job.__file__).parent / "report" / "schema.json"

CONVERTED = "import tensorflow as tf\nx = tf.log(1.0)\ny = tf.log(2.0)\n"
MANUAL = ("import tensorflow as tf\n"
          "init = tf.contrib.learn.datasets.load_dataset('mnist')\n"
          "h = tf.layers.dense(x, 3)\n"
          "z = tf.nn.dropout(x, keep_prob=0.5)\n")
PY2 = "import tensorflow as tf\nprint 'hello'\n"
NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# notes"]},
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
         "source": ["import tensorflow as tf\n", "!pip list\n"]},
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
         "source": ["a = tf.log(3.0)\n", "b = tf.contrib.learn.datasets.load_dataset('mnist')"]},
    ],
    "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5,
}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    root = tmp_path / "proj"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "converted.py").write_text(CONVERTED)
    (root / "pkg" / "manual.py").write_text(MANUAL)
    (root / "pkg" / "py2.py").write_text(PY2)
    (root / "pkg" / "clean.py").write_text("x = 1\n")
    (root / "pkg" / "nb.ipynb").write_text(json.dumps(NOTEBOOK, indent=1))
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def run_result(tree):
    items = [(p, None) for p in discovery.discover(["pkg"])]
    results = pool.run(items, file_job.Job(settings=Settings(), write=False), jobs=1)
    return RunResult(files=results, settings=Settings(), action="check", duration=0.25)


def _validate(document, schema_path, validator_cls):
    schema = json.loads(Path(schema_path).read_text())
    validator_cls.check_schema(schema)
    errors = sorted(validator_cls(schema).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_run_result_totals(run_result):
    assert len(run_result.files) == 5
    assert run_result.changed == 3  # converted.py, manual.py (dropout), nb.ipynb
    assert run_result.failed == 1  # py2.py
    tallies = {t.id: t for t in run_result.by_rule()}
    assert tallies["TFU101"].fixed == 3  # two in converted.py, one in the notebook
    assert tallies["TFU201"].fixed == 1
    assert tallies["TFU110"].by_severity["error"] == 2 and tallies["TFU110"].files == 2
    assert tallies["TFU302"].by_severity["warning"] == 1  # unsafe fix only suggested
    assert run_result.fixed == sum(t.fixed for t in tallies.values())
    assert tallies["TFU001"].by_severity["error"] == 1
    assert [f.path for f in run_result.hot_spots()][0].endswith(("manual.py", "nb.ipynb", "py2.py"))


def test_json_report_matches_its_schema_and_the_run(run_result):
    doc = json.loads(render(run_result, "json"))
    _validate(doc, REPORT_SCHEMA, jsonschema.Draft7Validator)
    summary = doc["summary"]
    assert doc["schema_version"] == 2 and doc["format"] == "tf-upgrade-report"
    assert summary["files"] == 5 and summary["changed"] == 3 and summary["failed"] == 1
    assert summary["by_rule"]["TFU101"]["fixed"] == 3
    assert summary["by_rule"]["TFU110"]["diagnostics"] == 2
    assert summary["by_severity"] == run_result.by_severity()
    assert summary["target_version"] == run_result.target_version
    assert summary["tool_version"] == doc["tool"]["version"]
    nb = next(f for f in doc["files"] if f["path"].endswith("nb.ipynb"))
    assert [(d["rule"], d["cell"], d["cell_line"], d["line"]) for d in nb["diagnostics"]] == [("TFU110", 3, 2, 4)]
    assert nb["fixes"] == {"TFU101": 1}


def test_json_schema_rejects_a_broken_report(run_result):
    doc = json.loads(render(run_result, "json"))
    doc["files"][0]["diagnostics"] = [{"rule": "TFU101", "severity": "fatal"}]
    schema = json.loads(REPORT_SCHEMA.read_text())
    assert list(jsonschema.Draft7Validator(schema).iter_errors(doc))


def test_sarif_validates_against_the_official_schema(run_result):
    doc = json.loads(render(run_result, "sarif"))
    _validate(doc, DATA / "sarif-schema-2.1.0.json", jsonschema.Draft4Validator)
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert all(r["id"].startswith("TFU") and r["help"]["text"] for r in rules)
    results = run["results"]
    assert len(results) == len(run_result.diagnostics)
    by_rule = {}
    for r in results:
        by_rule[r["ruleId"]] = by_rule.get(r["ruleId"], 0) + 1
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert by_rule["TFU110"] == 2
    manual = next(r for r in results if r["ruleId"] == "TFU110" and "manual.py" in
                  r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    loc = manual["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "pkg/manual.py", "uriBaseId": "%SRCROOT%"}
    assert loc["region"]["startLine"] == 2 and loc["region"]["startColumn"] == 8
    cell = next(r for r in results if "nb.ipynb" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    assert cell["properties"]["cell"] == 3 and "cell 3, line 2" in cell["message"]["text"]
    # the same path:line:col as the text output: line 4 of the notebook's code
    assert cell["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert {"error", "warning"} <= {r["level"] for r in results} <= {"error", "warning", "note"}


def test_markdown_has_the_totals_and_per_rule_counts(run_result):
    md = render(run_result, "md")
    assert "5 files examined, 3 would change, 1 could not be converted" in md
    assert f"{run_result.fixed} fixes to apply automatically" in md
    assert "| [TFU101](#rule-tfu101) | symbol-rename | 3 |" in md
    assert "| [TFU110](#rule-tfu110) | contrib-removed | 2 | 0 | 0 | 2 |" in md
    for t in run_result.by_rule():  # every rule of the run, with the run's counts
        if t.fixed:
            assert f"| [{t.id}](#rule-{t.id.lower()}) | {t.name} | {t.fixed} |" in md
        if t.diagnostics:
            s = t.by_severity
            assert (f"| [{t.id}](#rule-{t.id.lower()}) | {t.name} | {s['error']} | {s['warning']} | "
                    f"{s['info']} | {t.files} |") in md
        assert f'<a id="rule-{t.id.lower()}"></a>' in md  # each rule link has its target
    assert "line 4:5 (cell 3, line 2) **error** [TFU110]" in md
    assert "## Hot spots" in md


def test_html_is_self_contained_and_agrees_with_the_run(run_result):
    html = render(run_result, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert 'name="viewport"' in html  # phone-readable layout
    assert "<script" not in html and "src=" not in html and "url(" not in html and "@import" not in html
    assert not re.search(r'href="(?!#)', html)  # only in-page links
    assert "Remaining manual work by rule" in html
    assert 'title="2 errors"' in html and 'title="1 warnings"' in html
    assert ('<td data-label="Rule"><a href="#rule-tfu101">TFU101</a></td><td data-label="Name">symbol-rename</td>'
            '<td class="n" data-label="Fixes">3</td>') in html
    for t in run_result.by_rule():
        row = (f'<td data-label="Rule"><a href="#rule-{t.id.lower()}">{t.id}</a></td>'
               f'<td data-label="Name">{t.name}</td>')
        if t.fixed:
            assert f'{row}<td class="n" data-label="Fixes">{t.fixed}</td></tr>' in html
        if t.diagnostics:
            assert f'{row}<td class="n" data-label="Errors">{t.by_severity["error"]}</td>' in html
        assert f'id="rule-{t.id.lower()}"' in html
    sev = run_result.by_severity()
    assert f'<b class="error">{sev["error"]}</b>errors' in html
    assert "5 files examined, 3 would change, 1 could not be converted" in html


def test_text_summary(run_result):
    text = render(run_result, "text")
    assert text.splitlines()[0] == "5 files checked, 3 would change, 3 errors, 1 warning, 1 skipped (see errors above)"
    assert f"fixable automatically: {run_result.fixed} (TFU101 x3, " in text
    assert "needs hands: 4 places in 3 files (TFU110 x2, " in text


def test_requirements_delta_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("flags.py").write_text("import tensorflow as tf\nflags = tf.app.flags\nFLAGS = flags.FLAGS\n")
    items = [("flags.py", None)]
    results = pool.run(items, file_job.Job(settings=Settings(), write=False), jobs=1)
    run = RunResult(files=results, settings=Settings(), action="check")
    doc = json.loads(render(run, "json"))
    assert doc["summary"]["requirements"] == [{"package": "absl-py", "files": ["flags.py"]}]
    assert "`absl-py` (needed by 1 file)" in render(run, "md")


@pytest.mark.parametrize("name,fmt", [("r.json", "json"), ("r.sarif", "sarif"), ("r.sarif.json", "sarif"),
                                      ("r.md", "md"), ("r.html", "html"), ("r.txt", "text")])
def test_cli_writes_the_report_named_by_extension(tree, name, fmt):
    res = CliRunner().invoke(main, ["pkg", "--check", "--report", name])
    assert res.exit_code == 1, res.output
    assert f"report written to {name} ({fmt})" in res.output
    text = Path(name).read_text()
    assert text and (fmt not in ("json", "sarif") or json.loads(text))
    assert (tree / "pkg" / "converted.py").read_text() == CONVERTED  # --check wrote nothing


def test_cli_report_format_overrides_extension(tree):
    res = CliRunner().invoke(main, ["pkg", "--check", "--report", "out.log", "--report-format", "sarif"])
    assert json.loads(Path("out.log").read_text())["version"] == "2.1.0", res.output


def test_cli_report_with_unknown_extension_is_a_usage_error(tree):
    res = CliRunner().invoke(main, ["pkg", "--report", "out.log"])
    assert res.exit_code == 2 and "--report-format" in res.output
    assert (tree / "pkg" / "converted.py").read_text() == CONVERTED  # refused before converting


def test_cli_report_from_stdin(tree):
    res = CliRunner().invoke(main, ["-", "--report", "r.json"], input=CONVERTED)
    doc = json.loads(Path("r.json").read_text())
    assert doc["run"]["action"] == "stdin" and doc["summary"]["by_rule"]["TFU101"]["fixed"] == 2
    assert res.stdout == CONVERTED.replace("tf.log", "tf.math.log")


def test_format_for():
    assert format_for("x.HTML") == "html" and format_for("x", "md") == "md"
    with pytest.raises(ValueError):
        format_for("x.csv")


def test_sarif_schema_catches_a_broken_log(run_result):
    doc = json.loads(render(run_result, "sarif"))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    assert list(jsonschema.Draft4Validator(schema).iter_errors(doc))


def test_the_documented_example_matches_the_schema():
    doc_md = (Path(__file__).resolve().parents[1] / "docs" / "report-schema.md").read_text()
    example = json.loads(re.search(r"```json\n(.*?)```", doc_md, re.S).group(1))
    _validate(example, REPORT_SCHEMA, jsonschema.Draft7Validator)


def test_sarif_uris_are_encoded(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my dir").mkdir()
    (tmp_path / "my dir" / "a b.py").write_text("import tensorflow as tf\nz = tf.contrib.foo()\n")
    results = pool.run([("my dir/a b.py", None)], file_job.Job(settings=Settings(), write=False), jobs=1)
    doc = json.loads(render(RunResult(files=results, action="check"), "sarif"))
    loc = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "my%20dir/a%20b.py", "uriBaseId": "%SRCROOT%"}

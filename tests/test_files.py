"""Never lose a line: bytes, bad files, the file system, the worker pool, the cache, interruption.

Each test names the promise it backs in README "What tf-upgrade guarantees".
"""
import codecs
import dis
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tf_upgrade import upgrade_source
from tf_upgrade.cli import main
from tf_upgrade.upgrader import atomic, discovery, file_job, pool
from tf_upgrade.upgrader.cache import Cache
from tf_upgrade.upgrader.result import Settings

TF1 = "import tensorflow as tf\nx = tf.log(1.0)\n"
TF2 = "import tensorflow as tf\nx = tf.math.log(1.0)\n"
PY2_TF = "import tensorflow as tf\nx = 1\nprint 'hello'\n"
ROOT = Path(__file__).resolve().parents[1]


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args] + ["--no-cache"])


def job(**kw):
    return file_job.Job(settings=Settings(), **kw)


def only_error(result):
    assert not result.ok
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert errors, result.diagnostics
    return errors[0]


# ---- encodings and bytes ------------------------------------------------------------

@pytest.mark.parametrize("data,expected", [
    (TF1.replace("\n", "\r\n").encode(), TF2.replace("\n", "\r\n").encode()),
    (b"import tensorflow as tf\r\nx = tf.log(1.0)\ny = 2\r\n", b"import tensorflow as tf\r\nx = tf.math.log(1.0)\ny = 2\r\n"),
    (b"import tensorflow as tf\nx = tf.log(1.0)", b"import tensorflow as tf\nx = tf.math.log(1.0)"),
    (codecs.BOM_UTF8 + TF1.encode() + "s = 'é'\n".encode(), codecs.BOM_UTF8 + TF2.encode() + "s = 'é'\n".encode()),
    ("# -*- coding: latin-1 -*-\n".encode() + TF1.encode() + "s = 'é'\n".encode("latin-1"),
     "# -*- coding: latin-1 -*-\n".encode() + TF2.encode() + "s = 'é'\n".encode("latin-1")),
])
def test_encoding_bom_line_endings_and_final_newline_are_kept(tmp_path, data, expected):
    f = tmp_path / "m.py"
    f.write_bytes(data)
    r = file_job.process_file(str(f), job())
    assert r.ok and r.written
    assert f.read_bytes() == expected


def test_undecodable_file_is_reported_with_its_line_and_left_untouched(tmp_path):
    f = tmp_path / "m.py"
    data = b"import tensorflow as tf\nx = 1\ns = '\xff\xfe'\n"
    f.write_bytes(data)
    err = only_error(file_job.process_file(str(f), job()))
    assert err.line == 3 and "decode" in err.message and err.path == str(f)
    assert f.read_bytes() == data


# ---- bad files ----------------------------------------------------------------------

def test_python2_file_is_reported_with_line_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.py").write_text(PY2_TF)
    (tmp_path / "b.py").write_text(TF1)
    res = cli(tmp_path)
    assert res.exit_code == 1  # something was skipped
    assert f"{tmp_path / 'a.py'}:3:" in res.output and "TFU001" in res.output
    assert (tmp_path / "a.py").read_text() == PY2_TF
    assert (tmp_path / "b.py").read_text() == TF2


def test_python2_file_without_tensorflow_is_not_parsed_nor_reported(tmp_path):
    # Documented: syntax is checked only where something might need converting.
    (tmp_path / "a.py").write_text("print 'hello'\n")
    res = cli(tmp_path)
    assert res.exit_code == 0 and "TFU001" not in res.output


def test_syntax_error_is_reported(tmp_path):
    (tmp_path / "a.py").write_text("import tensorflow as tf\ndef f(:\n    pass\n")
    r = file_job.process_file(str(tmp_path / "a.py"), job())
    assert only_error(r).rule == "TFU001" and only_error(r).line == 2


def test_empty_file_is_fine_and_untouched(tmp_path):
    f = tmp_path / "empty.py"
    f.write_bytes(b"")
    r = file_job.process_file(str(f), job())
    assert r.ok and not r.changed and not r.written and not r.diagnostics


def test_binary_file_named_py_is_reported(tmp_path):
    f = tmp_path / "blob.py"
    data = b"import tensorflow\n\x00\x01\x02\xff" * 10
    f.write_bytes(data)
    err = only_error(file_job.process_file(str(f), job()))
    assert "binary" in err.message and err.line == 2
    assert f.read_bytes() == data


def test_huge_file_gets_a_size_limit_message_without_being_read(tmp_path, monkeypatch):
    f = tmp_path / "huge.py"
    f.write_text(TF1 * 1000)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k))
    err = only_error(file_job.process_file(str(f), job(max_bytes=1000)))
    assert "size limit" in err.message and "MB" in err.message
    assert str(f) not in opened


def test_internal_error_in_one_file_is_that_files_diagnostic(tmp_path, monkeypatch):
    for name in ("a", "boom", "c"):
        (tmp_path / f"{name}.py").write_text(TF1)
    real = file_job.convert_text

    def flaky(path, text, settings):
        if "boom" in path:
            raise RuntimeError("simulated bug")
        return real(path, text, settings)

    monkeypatch.setattr(file_job, "convert_text", flaky)
    results = pool.run([(str(p), None) for p in sorted(tmp_path.glob("*.py"))], job(), jobs=1)
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].diagnostics[0].rule == "TFU002" and "simulated bug" in results[1].diagnostics[0].message
    assert (tmp_path / "boom.py").read_text() == TF1 and (tmp_path / "c.py").read_text() == TF2


# ---- the file system ----------------------------------------------------------------

def test_writes_only_when_content_changed(tmp_path):
    same = tmp_path / "same.py"
    same.write_text("import tensorflow as tf\nx = tf.math.log(1.0)\n")
    before = os.stat(same)
    time.sleep(0.01)
    r = file_job.process_file(str(same), job())
    after = os.stat(same)
    assert not r.written and (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def _lines_of(fn):
    """The body's lines that run an instruction (a `try:` line is a bare NOP, where CPython never raises a
    signal's KeyboardInterrupt, and which its exception table may leave uncovered)."""
    code = fn.__code__
    lines, line = set(), None
    for instruction in dis.get_instructions(code):
        if hasattr(instruction, "line_number"):  # 3.13+: starts_line is a bool
            line = instruction.line_number or line
        else:
            line = instruction.starts_line or line  # the line where one starts, else None
        if instruction.opname != "NOP" and line and line > code.co_firstlineno:
            lines.add(line)
    return sorted(lines)


@pytest.mark.parametrize("line", _lines_of(atomic.atomic_write))
def test_an_interrupt_at_any_line_of_atomic_write_leaves_old_or_new_and_no_temporary(tmp_path, line):
    """Ctrl-C lands between any two lines: the target is whole (old or new) and no temporary file stays
    (mkstemp's file leaked when the interrupt came after it returned, before the try that removes it)."""
    target = tmp_path / "a.py"
    target.write_bytes(b"old\n")
    code = atomic.atomic_write.__code__
    fired = []

    def local(frame, event, arg):
        if event == "line" and frame.f_code is code and frame.f_lineno == line and not fired:
            fired.append(line)
            raise KeyboardInterrupt
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code is code else None

    sys.settrace(tracer)
    try:
        atomic.atomic_write(str(target), b"new\n")
    except KeyboardInterrupt:
        pass
    finally:
        sys.settrace(None)
    assert target.read_bytes() in (b"old\n", b"new\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.py"]
    assert atomic._writing is None or not os.path.exists(atomic._writing)


def test_atomic_write_leaves_no_temporary_file_and_keeps_mode_and_owner(tmp_path):
    f = tmp_path / "tool.py"
    f.write_text(TF1)
    os.chmod(f, 0o751)
    if os.geteuid() == 0:
        os.chown(f, 12345, 23456)
    r = file_job.process_file(str(f), job())
    st = os.stat(f)
    assert r.written and f.read_text() == TF2
    assert stat.S_IMODE(st.st_mode) == 0o751
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (12345, 23456)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tool.py"]


def test_failed_write_is_reported_and_leaves_the_file_whole(tmp_path, monkeypatch):
    f = tmp_path / "a.py"
    f.write_text(TF1)

    def fail(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", fail)
    err = only_error(file_job.process_file(str(f), job()))
    assert "cannot write" in err.message and "Permission denied" in err.message
    assert f.read_text() == TF1 and sorted(p.name for p in tmp_path.iterdir()) == ["a.py"]


def test_symlink_target_rewritten_once_and_link_kept(tmp_path):
    (tmp_path / "real.py").write_text(TF1)
    (tmp_path / "link.py").symlink_to("real.py")
    (tmp_path / "link2.py").symlink_to(tmp_path / "real.py")
    found = list(discovery.discover([str(tmp_path)]))
    assert len(found) == 1  # one target, converted once
    res = cli(tmp_path)
    assert res.exit_code == 0
    assert (tmp_path / "link.py").is_symlink() and os.readlink(tmp_path / "link.py") == "real.py"
    assert (tmp_path / "real.py").read_text() == TF2


def test_explicitly_named_symlink_writes_through_to_the_target(tmp_path):
    (tmp_path / "real.py").write_text(TF1)
    (tmp_path / "link.py").symlink_to("real.py")
    assert cli(tmp_path / "link.py").exit_code == 0
    assert (tmp_path / "link.py").is_symlink() and (tmp_path / "real.py").read_text() == TF2


def test_symlink_loops_end_and_links_out_of_the_tree_are_not_followed(tmp_path):
    tree = tmp_path / "tree"
    (tree / "pkg").mkdir(parents=True)
    (tree / "pkg" / "m.py").write_text(TF1)
    (tree / "pkg" / "loop").symlink_to("..")  # tree/pkg/loop -> tree
    (tree / "pkg" / "self").symlink_to(".")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.py").write_text(TF1)
    (tree / "ext").symlink_to(outside)
    found = list(discovery.discover([str(tree)]))
    assert found == [str(tree / "pkg" / "m.py")]
    assert cli(tree).exit_code == 0
    assert (outside / "o.py").read_text() == TF1


def test_broken_symlink_is_reported(tmp_path):
    (tmp_path / "gone.py").symlink_to(tmp_path / "missing.py")
    res = cli(tmp_path)
    assert res.exit_code == 1 and "broken symbolic link" in res.output


def test_read_only_file_is_reported_not_fatal(tmp_path):
    ro = tmp_path / "ro.py"
    ro.write_text(TF1)
    os.chmod(ro, 0o444)
    (tmp_path / "rw.py").write_text(TF1)
    res = cli(tmp_path)
    assert res.exit_code == 1 and "read-only" in res.output
    assert ro.read_text() == TF1 and stat.S_IMODE(os.stat(ro).st_mode) == 0o444
    assert (tmp_path / "rw.py").read_text() == TF2


def test_permission_error_on_read_is_reported_not_fatal(tmp_path, monkeypatch):
    (tmp_path / "secret.py").write_text(TF1)
    (tmp_path / "ok.py").write_text(TF1)
    real_open = open

    def guarded(p, *a, **k):
        if str(p).endswith("secret.py"):
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(p, *a, **k)

    monkeypatch.setattr("builtins.open", guarded)
    results = pool.run([(str(tmp_path / "ok.py"), None), (str(tmp_path / "secret.py"), None)], job(), jobs=1)
    assert results[0].ok and results[0].written
    assert "Permission denied" in only_error(results[1]).message


def test_out_dir_never_inside_the_source_and_never_over_an_input(tmp_path):
    src = tmp_path / "src"
    (src / "src").mkdir(parents=True)
    (src / "a.py").write_text(TF1)
    (src / "src" / "a.py").write_text(TF1)
    assert "inside the source tree" in cli(src, "--out-dir", src / "out").output
    # the tree inside the output: src/src/a.py would land on src/a.py
    res = cli(src, "--out-dir", tmp_path)
    assert res.exit_code == 2 and "inside --out-dir" in res.output
    # a single file into its own directory
    res = cli(src / "a.py", "--out-dir", src)
    assert res.exit_code == 2 and "input file" in res.output
    # an existing output that links back to the input
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.py").symlink_to(src / "a.py")
    res = cli(src / "a.py", "--out-dir", out)
    assert res.exit_code == 2 and "input file" in res.output
    assert (src / "a.py").read_text() == TF1 and (src / "src" / "a.py").read_text() == TF1


def test_out_dir_copy_keeps_the_source_mode(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "run.py").write_text(TF1)
    os.chmod(src / "run.py", 0o755)
    assert cli(src, "--out-dir", tmp_path / "out").exit_code == 0
    assert stat.S_IMODE(os.stat(tmp_path / "out" / "run.py").st_mode) == 0o755
    assert (tmp_path / "out" / "run.py").read_text() == TF2 and (src / "run.py").read_text() == TF1


def test_stale_temporary_files_of_dead_runs_are_swept(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{atomic.TMP_PREFIX}{dead.pid}-abc{atomic.TMP_SUFFIX}"
    live = tmp_path / f"{atomic.TMP_PREFIX}1-abc{atomic.TMP_SUFFIX}"  # pid 1 is alive
    stale.write_text("partial")
    live.write_text("in progress")
    (tmp_path / "m.py").write_text(TF1)
    list(discovery.discover([str(tmp_path)]))
    assert not stale.exists() and live.exists()


# ---- the worker pool ----------------------------------------------------------------

def _tree(tmp_path, n=24):
    texts = {}
    for i in range(n):
        text = TF1 if i % 3 else "import os\nprint(os.sep)\n"
        if i % 5 == 0:
            text = PY2_TF
        p = tmp_path / f"m{i:03d}.py"
        p.write_text(text + f"# file {i}\n")
        texts[str(p)] = text + f"# file {i}\n"
    return texts


def test_parallel_results_are_in_input_order_and_equal_to_serial(tmp_path):
    texts = _tree(tmp_path, 40)
    items = [(p, None) for p in sorted(texts)]
    serial = pool.run(items, job(write=False), jobs=1)
    order = []
    parallel = pool.run(items, job(write=False), jobs=2, on_result=lambda r: order.append(r.path))
    assert order == [p for p, _ in items]
    strip = lambda rs: [(r.path, r.changed, r.ok, [d.format() for d in r.diagnostics]) for r in rs]  # noqa: E731
    assert strip(parallel) == strip(serial)


def test_a_worker_that_dies_becomes_that_files_diagnostic(tmp_path, monkeypatch):
    texts = _tree(tmp_path, 30)
    crash = sorted(texts)[7]
    Path(crash).write_text(TF1 + "# crash here\n")
    real = file_job.convert_text

    def deadly(path, text, settings):
        if "crash here" in text:
            os.kill(os.getpid(), signal.SIGKILL)  # a segfault, OOM kill...
        return real(path, text, settings)

    monkeypatch.setattr(file_job, "convert_text", deadly)  # inherited by forked workers
    results = pool.run([(p, None) for p in sorted(texts)], job(), jobs=2)
    by_path = {r.path: r for r in results}
    assert "worker converting this file died" in only_error(by_path[crash]).message
    assert Path(crash).read_text() == TF1 + "# crash here\n"
    for p, text in texts.items():
        if p != crash and "tf.log" in text and "print '" not in text:
            assert by_path[p].ok and Path(p).read_text() == text.replace("tf.log", "tf.math.log")


# ---- start-up -----------------------------------------------------------------------

HEAVY = ("libcst", "numpy", "tf_upgrade.compat_v1", "tf_upgrade.upgrader.engine",
         "tf_upgrade.upgrader.report.html", "tf_upgrade.upgrader.report.sarif")


@pytest.mark.parametrize("args", [["--version"], ["NOOP", "--no-cache"], ["NOOP"]])
def test_version_and_a_no_op_run_import_nothing_heavy(tmp_path, args):
    (tmp_path / "noop.py").write_text("import os\nprint('tensorflow is not imported here')\n")
    args = [str(tmp_path / "noop.py") if a == "NOOP" else a for a in args]
    code = ("import sys\nfrom tf_upgrade.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            f"print('HEAVY', sorted(m for m in sys.modules if m.startswith({HEAVY!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert "HEAVY []" in out, out


# ---- the cache ----------------------------------------------------------------------

def test_cache_answers_a_rerun_with_the_same_results(tmp_path):
    (tmp_path / "t").mkdir()
    texts = _tree(tmp_path / "t", 12)
    cache = Cache.open(tmp_path / "cache")
    items = [(p, None) for p in sorted(texts)]
    first = pool.run(items, job(write=False), jobs=1, cache=cache)
    again = pool.run(items, job(write=False), jobs=1, cache=Cache.open(tmp_path / "cache"))
    assert not any(r.cached for r in first)
    parsed = [r for r in again if "tensorflow" in texts[r.path]]
    assert parsed and all(r.cached for r in parsed)
    strip = lambda rs: [(r.path, r.changed, r.ok, [d.format() for d in r.diagnostics]) for r in rs]  # noqa: E731
    assert strip(again) == strip(first)


def test_cache_key_covers_settings_and_content_and_survives_corruption(tmp_path):
    f = tmp_path / "m.py"
    f.write_text(TF1)
    cache = Cache.open(tmp_path / "cache")
    file_job.process_file(str(f), job(write=False), cache=cache)
    assert file_job.process_file(str(f), job(write=False), cache=cache).cached
    other = file_job.Job(settings=Settings(ignore=("TFU101",)), write=False)
    assert not file_job.process_file(str(f), other, cache=cache).cached
    for entry in (tmp_path / "cache" / "entries").rglob("*.json"):
        entry.write_text("{truncated")
    r = file_job.process_file(str(f), job(write=False), cache=cache)
    assert not r.cached and r.changed  # a bad entry is a miss, never a wrong answer
    assert (tmp_path / "cache" / ".gitignore").read_text().strip().endswith("*")


def test_cache_hit_still_writes_the_converted_file(tmp_path):
    cache_dir = tmp_path / "cache"
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "m.py").write_text(TF1)
    runner = CliRunner()
    assert runner.invoke(main, [str(tmp_path / "a"), "--cache-dir", str(cache_dir)]).exit_code == 0
    assert runner.invoke(main, [str(tmp_path / "b"), "--cache-dir", str(cache_dir)]).exit_code == 0
    assert (tmp_path / "b" / "m.py").read_text() == TF2


def test_no_cache_creates_no_cache_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("TF_UPGRADE_CACHE_DIR", str(tmp_path / "envcache"))
    (tmp_path / "m.py").write_text(TF1)
    assert cli(tmp_path / "m.py").exit_code == 0
    assert not (tmp_path / "envcache").exists()
    assert CliRunner().invoke(main, [str(tmp_path / "m.py")]).exit_code == 0
    assert (tmp_path / "envcache" / "CACHEDIR.TAG").exists()


def test_out_dir_leaves_the_input_tree_alone_even_in_a_project(tmp_path, monkeypatch):
    """--out-dir promises not to touch the input: the cache goes to the user cache dir, not the project."""
    monkeypatch.delenv("TF_UPGRADE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "usercache"))
    src = tmp_path / "proj" / "src"
    src.mkdir(parents=True)
    (tmp_path / "proj" / "pyproject.toml").write_text("[project]\nname = 'p'\n")
    (src / "m.py").write_text(TF1)
    before = sorted(p.relative_to(tmp_path / "proj") for p in (tmp_path / "proj").rglob("*"))
    monkeypatch.chdir(tmp_path / "proj")
    assert CliRunner().invoke(main, ["src", "--out-dir", str(tmp_path / "out")]).exit_code == 0
    assert sorted(p.relative_to(tmp_path / "proj") for p in (tmp_path / "proj").rglob("*")) == before
    assert (tmp_path / "out" / "m.py").read_text() == TF2 or (tmp_path / "out" / "src" / "m.py").read_text() == TF2
    assert (tmp_path / "usercache" / "tf-upgrade" / "CACHEDIR.TAG").exists()


@pytest.mark.slow
def test_concurrent_runs_share_a_cache_safely(tmp_path):
    tree = tmp_path / "t"
    tree.mkdir()
    texts = _tree(tree, 40)
    cache_dir = tmp_path / "cache"
    cmd = [sys.executable, "-m", "tf_upgrade.cli", str(tree), "--check", "-q", "--cache-dir", str(cache_dir)]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate()[1] for p in procs]
    assert all(p.returncode == 1 for p in procs)  # work to do + Python 2 files: same answer every time
    assert len({o for o in outs}) == 1
    assert not list(cache_dir.rglob(".tmp-*"))
    assert {p: Path(p).read_text() for p in texts} == texts


# ---- interruption -------------------------------------------------------------------

def _converted(text, path):
    r = upgrade_source(text, path)
    return r.code if r.ok else text


def _interrupt_corpus(tmp_path, n=120):
    sys.path.insert(0, str(ROOT / "tests"))
    from tf1_generator import generate_module

    tree = tmp_path / "tree"
    tree.mkdir()
    old, new = {}, {}
    for i in range(n):
        text = generate_module(i, 60)
        p = tree / f"m{i:03d}.py"
        p.write_text(text)
        old[str(p)] = text
        new[str(p)] = _converted(text, str(p))
    return tree, old, new


def _wait_until_some_written(old, timeout=60.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if sum(Path(p).read_text() != t for p, t in old.items()) >= 2:
            return
        time.sleep(0.02)
    raise AssertionError("nothing was written in time")


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupted_run_leaves_every_file_old_or_new_and_a_rerun_finishes(tmp_path, how):
    tree, old, new = _interrupt_corpus(tmp_path)
    cmd = [sys.executable, "-m", "tf_upgrade.cli", str(tree), "-q", "--no-cache", "-j", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    _wait_until_some_written(old)
    assert proc.poll() is None, "the run finished before it could be interrupted: make the corpus bigger"
    os.killpg(proc.pid, how)  # like Ctrl-C in a terminal: the whole process group
    _, err = proc.communicate(timeout=60)
    if how == signal.SIGINT:
        assert proc.returncode == 130 and b"interrupted after" in err
    states = {p: Path(p).read_text() for p in old}
    assert all(states[p] in (old[p], new[p]) for p in old)
    assert any(states[p] != old[p] for p in old)
    if how != signal.SIGKILL:  # a SIGKILL cannot clean up; the next run does
        assert not [p for p in tree.iterdir() if p.name.startswith(atomic.TMP_PREFIX)]
    rerun = subprocess.run(cmd, cwd=ROOT, capture_output=True)
    assert rerun.returncode in (0, 1)
    # The rerun converts what is left; files already converted go through once more
    # (a no-op for an idempotent conversion, see test_properties).
    assert {p: Path(p).read_text() for p in old} == {p: _converted(states[p], p) for p in old}
    assert not [p for p in tree.iterdir() if p.name.startswith(atomic.TMP_PREFIX)]


def test_out_dir_refuses_two_inputs_that_would_write_the_same_file(tmp_path):
    # a directory's contents land at the top of --out-dir: a.py beside the tree and the tree's own a.py
    # would overwrite each other (found converting a driver script and its package in one run)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "a.py").write_text(TF1)
    (tmp_path / "pkg" / "a.py").write_text(TF1)
    res = cli(tmp_path / "a.py", tmp_path / "pkg", "--out-dir", tmp_path / "out")
    assert res.exit_code == 2 and "twice" in res.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    # the same file named twice is one input
    assert cli(tmp_path / "a.py", tmp_path / "a.py", "--out-dir", tmp_path / "out2").exit_code == 0

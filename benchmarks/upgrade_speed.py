"""How fast is tf-upgrade at repository scale, against TensorFlow's tf_upgrade_v2 in the same run?

    python benchmarks/upgrade_speed.py                      # synthetic corpus, 973 files x ~218 lines
    python benchmarks/upgrade_speed.py --files 200 --lines 150
    python benchmarks/upgrade_speed.py --corpus ~/src/some-tf1-repo   # copied first, never modified
    python benchmarks/upgrade_speed.py --anchor /path/to/tf_upgrade_v2 # default: tf_upgrade_v2 on PATH
    python benchmarks/upgrade_speed.py --profile            # where one process spends its time

Every measured command runs as a child process on a fresh copy of the corpus:

* ``cold``: tf-upgrade over the original tree, all cores, empty cache (fills it);
* ``warm``: the same again on a fresh copy with the filled cache;
* ``check (converted)``: ``--check --no-cache`` over the converted tree (pre-commit
  on a migrated repository: nothing to do, but every file is examined);
* ``check (converted, cached)``: the same with the cache, twice (the second is timed);
* ``start-up``: ``tf-upgrade --version`` and a run over one file with nothing to do;
* the anchor (``tf_upgrade_v2 --intree ... --outtree ...``) on the original and
  on the converted tree, when one is found.

Peak memory is the largest resident set of any process of the run
(``getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper) and, for tf-upgrade's worker
pool, the sampled sum of the proportional set sizes (PSS) of all its processes.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

MEASURE = r"""
import resource, subprocess, sys, time, json
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - t
print(json.dumps({"wall": wall, "rc": p.returncode,
                  "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def _tree_pss_kib(pid: int) -> int:
    """Sum of PSS over ``pid`` and its descendants (Linux; 0 elsewhere)."""
    children: Dict[int, List[int]] = {}
    try:
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry))
    except OSError:
        return 0
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def measure(cmd: Sequence[str], sample_tree: bool = False) -> dict:
    """Run ``cmd`` in a wrapper process; wall time, exit code, peak RSS (and tree PSS)."""
    wrapper = subprocess.Popen([sys.executable, "-c", MEASURE, *cmd], stdout=subprocess.PIPE, text=True)
    peak = 0
    if sample_tree:
        stop = threading.Event()

        def sample():
            nonlocal peak
            while not stop.is_set():
                peak = max(peak, _tree_pss_kib(wrapper.pid))
                stop.wait(0.05)

        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
    out, _ = wrapper.communicate()
    if sample_tree:
        stop.set()
        thread.join()
    result = json.loads(out.strip().splitlines()[-1])
    result["tree_pss_kib"] = peak
    return result


def corpus_stats(root: Path) -> tuple:
    files = lines = 0
    for p in root.rglob("*.py"):
        files += 1
        with open(p, "rb") as f:
            lines += f.read().count(b"\n")
    return files, lines


def copy_tree(src: Path, dst: Path) -> Path:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst, symlinks=True)
    return dst


def find_anchor(given: Optional[str]) -> Optional[str]:
    if given:
        return given
    return shutil.which("tf_upgrade_v2")


def tf_upgrade_cmd(*args: str) -> List[str]:
    """tf-upgrade from this checkout (the code next to this script), whatever is installed."""
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
            "from tf_upgrade.cli import main; main(prog_name='tf-upgrade')", *args]


def line(name: str, r: dict, files: int, lines: int, anchor: Optional[dict] = None) -> str:
    wall = r["wall"]
    text = (f"{name:<34} {wall:8.2f} s  {lines / wall:10,.0f} lines/s  {files / wall:8,.0f} files/s"
            f"  peak {r['maxrss_kib'] / 1024:6.0f} MiB")
    if r.get("tree_pss_kib"):
        text += f" (all processes {r['tree_pss_kib'] / 1024:.0f} MiB PSS)"
    if anchor is not None:
        text += f"  {anchor['wall'] / wall:6.1f}x tf_upgrade_v2"
    if r["rc"] not in (0, 1):
        text += f"  [exit {r['rc']}]"
    return text


def run_benchmark(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="tfu-bench-"))
    try:
        if args.corpus:
            original = copy_tree(Path(args.corpus), work / "original")
        else:
            from tf1_generator import write_corpus

            write_corpus(work / "original", args.files, args.lines, seed=args.seed)
            original = work / "original"
        files, lines = corpus_stats(original)
        jobs = str(args.jobs or os.cpu_count() or 1)
        cache = work / "cache"
        print(f"corpus: {files} files, {lines:,} lines ({'from ' + args.corpus if args.corpus else 'synthetic'});"
              f" {jobs} jobs; python {sys.version.split()[0]}")
        anchor = find_anchor(args.anchor)
        results = {}

        results["start-up (--version)"] = min((measure(tf_upgrade_cmd("--version")) for _ in range(5)),
                                              key=lambda r: r["wall"])
        noop = work / "noop.py"
        noop.write_text("import os\n\nprint(os.getcwd())\n")
        results["start-up (one no-op file)"] = min(
            (measure(tf_upgrade_cmd(str(noop), "-q", "--no-cache")) for _ in range(5)), key=lambda r: r["wall"])

        cold_tree = copy_tree(original, work / "cold")
        results["cold"] = measure(tf_upgrade_cmd(str(cold_tree), "-q", "-j", jobs, "--cache-dir", str(cache)),
                                  sample_tree=True)
        results["cold, no cache"] = measure(tf_upgrade_cmd(str(copy_tree(original, work / "nocache")), "-q",
                                                           "-j", jobs, "--no-cache"), sample_tree=True)
        results["warm (cache)"] = measure(tf_upgrade_cmd(str(copy_tree(original, work / "warm")), "-q",
                                                         "-j", jobs, "--cache-dir", str(cache)))
        results["check converted, no cache"] = measure(
            tf_upgrade_cmd(str(cold_tree), "--check", "-q", "-j", jobs, "--no-cache"), sample_tree=True)
        measure(tf_upgrade_cmd(str(cold_tree), "--check", "-q", "-j", jobs, "--cache-dir", str(cache)))
        results["check converted, cached"] = measure(
            tf_upgrade_cmd(str(cold_tree), "--check", "-q", "-j", jobs, "--cache-dir", str(cache)))

        anchors = {}
        if anchor:
            for name, tree in (("cold", original), ("check converted, no cache", cold_tree)):
                out = work / f"anchor-{name.split()[0]}"
                anchors[name] = measure([anchor, "--intree", str(tree), "--outtree", str(out),
                                         "--reportfile", str(work / "anchor-report.txt")])
            anchors["cold, no cache"] = anchors["warm (cache)"] = anchors["cold"]
            anchors["check converted, cached"] = anchors["check converted, no cache"]
            anchors["start-up (--version)"] = measure([anchor, "--help"])

        print(f"\n{'run':<34} {'wall':>10}  {'throughput':>16}  {'':>14}  memory")
        for name, r in results.items():
            print(line(name, r, 1 if name.startswith("start-up") else files,
                       1 if name.startswith("start-up") else lines, anchors.get(name)))
        if anchor:
            print()
            for name in ("cold", "check converted, no cache"):
                print(line(f"tf_upgrade_v2 ({name.split(',')[0]})", anchors[name], files, lines))
            print(line("tf_upgrade_v2 start-up (--help)", anchors["start-up (--version)"], 1, 1))
            print(f"\nanchor: {anchor}")
        else:
            print("\nno tf_upgrade_v2 on PATH and no --anchor: ratios not measured")
        print(f"warm cache per 1,000 files: {results['check converted, cached']['wall'] * 1000 / files:.2f} s")
        if args.profile:
            profile(original, args.profile_files, "TF 1.x originals")
            profile(cold_tree, args.profile_files, "converted files (the re-run case)")
    finally:
        if args.keep:
            print(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


# ---- --profile: where one process spends its time ---------------------------------------------

class _Phases:
    """Exclusive wall time per phase; nested phases are subtracted from their parents."""

    def __init__(self):
        self.totals: Dict[str, float] = {}
        self.stack: List[list] = []

    def wrap(self, phase: str, fn):
        phases = self

        def timed(*a, **k):
            phases.stack.append([phase, time.perf_counter(), 0.0])
            try:
                return fn(*a, **k)
            finally:
                name, start, inner = phases.stack.pop()
                spent = time.perf_counter() - start
                phases.totals[name] = phases.totals.get(name, 0.0) + spent - inner
                if phases.stack:
                    phases.stack[-1][2] += spent
        return timed


def profile(original: Path, limit: int, label: str) -> None:
    """Time each phase of converting the corpus in this one process (no cache, one core)."""
    import libcst

    from tf_upgrade.upgrader import atomic, engine, file_job, pool, prescreen
    from tf_upgrade.upgrader.fastpath import file_may_need_upgrade
    from tf_upgrade.upgrader.result import Settings
    from tf_upgrade.upgrader.source import decode_source

    paths = sorted(str(p) for p in original.rglob("*.py"))[:limit]
    pool.warm_up(file_job.Job(settings=Settings()))
    ph = _Phases()
    # Wrap the stages the engine goes through; anything not wrapped inside the
    # engine is the rules' own work (hooks, spelling, import edits).
    plan = prescreen.plan
    engine.prescreen.plan = ph.wrap("prescreen (ast, screens)", plan)
    engine.cst.parse_module = ph.wrap("parse (libcst)", libcst.parse_module)
    resolve = engine.resolve
    engine.resolve = ph.wrap("resolve (names)", resolve)
    code_prop = libcst.Module.code
    libcst.Module.code = property(ph.wrap("codegen", code_prop.fget))
    from tf_upgrade.upgrader import context
    position = context.FileContext.position
    context.FileContext.position = ph.wrap("positions", position)
    upgrade_text = ph.wrap("rules (hooks, edits)", engine.upgrade_text)
    out_dir = Path(tempfile.mkdtemp(prefix="tfu-profile-"))
    lines = 0
    try:
        start = time.perf_counter()
        for i, path in enumerate(paths):
            t0 = time.perf_counter()
            with open(path, "rb") as f:
                data = f.read()
            source = decode_source(data)
            lines += data.count(b"\n")
            t1 = time.perf_counter()
            ph.totals["I/O (read, decode)"] = ph.totals.get("I/O (read, decode)", 0.0) + t1 - t0
            need = file_may_need_upgrade(path, source.text)
            ph.totals["fast-path check"] = ph.totals.get("fast-path check", 0.0) + time.perf_counter() - t1
            if not need:
                continue
            result = upgrade_text(source.text, path, Settings())
            if result.changed:
                t2 = time.perf_counter()
                atomic.atomic_write(str(out_dir / f"{i}.py"), source.encode(result.code))
                ph.totals["I/O (write)"] = ph.totals.get("I/O (write)", 0.0) + time.perf_counter() - t2
        total = time.perf_counter() - start
    finally:
        engine.cst.parse_module = libcst.parse_module
        engine.resolve = resolve
        engine.prescreen.plan = plan
        context.FileContext.position = position
        libcst.Module.code = code_prop
        shutil.rmtree(out_dir, ignore_errors=True)
    print(f"\nprofile of {label}: {len(paths)} files, {lines:,} lines, one process, no cache: {total:.2f} s "
          f"({lines / total:,.0f} lines/s)")
    print(f"{'phase':<26} {'seconds':>8} {'share':>7} {'lines/s':>12}")
    for name, spent in sorted(ph.totals.items(), key=lambda kv: -kv[1]):
        print(f"{name:<26} {spent:8.2f} {spent / total:7.1%} {lines / spent if spent else 0:12,.0f}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help="a directory of Python files to use instead of the synthetic corpus")
    ap.add_argument("--files", type=int, default=973, help="synthetic corpus: number of files")
    ap.add_argument("--lines", type=int, default=218, help="synthetic corpus: median lines per file")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=0, help="tf-upgrade workers (default: all cores)")
    ap.add_argument("--anchor", help="a tf_upgrade_v2 executable (default: the one on PATH)")
    ap.add_argument("--profile", action="store_true", help="also print where one process spends its time")
    ap.add_argument("--profile-files", type=int, default=200, help="files to profile (default 200)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    run_benchmark(ap.parse_args(argv))


if __name__ == "__main__":
    main()

"""The ``tf-upgrade`` command.

``tf-upgrade PATH...`` rewrites files in place; ``tf-upgrade -`` filters stdin
to stdout.  Diagnostics go to stderr as ``path:line:col: severity RULE message``
so that ``--diff`` output and ``-`` output on stdout stay clean.

Exit status: 0 fine; 1 when ``--check`` finds files to change, or a file could
not be converted; 2 for usage errors.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import click

from . import __version__, parse_version
from .upgrader.result import MODES, Settings

SUBCOMMANDS = ("upgrade",)


class _DefaultToUpgrade(click.Group):
    """``tf-upgrade ARGS`` means ``tf-upgrade upgrade ARGS`` unless ARGS names a subcommand."""

    def parse_args(self, ctx, args):
        if not args or args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["upgrade"] + list(args)
        return super().parse_args(ctx, args)


def _split_ids(values: Sequence[str]) -> Tuple[str, ...]:
    out = []
    for v in values:
        out.extend(x.strip().upper() for x in v.split(",") if x.strip())
    return tuple(out)


def _err(console_message: str) -> None:
    click.echo(console_message, err=True)


@click.group(cls=_DefaultToUpgrade, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tf-upgrade")
def main():
    """Move TensorFlow 1.x code onto TensorFlow 2.x.

    tf-upgrade PATH... rewrites Python files in place (see `tf-upgrade upgrade --help`).
    """


@main.command("upgrade")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", is_flag=True, help="Print a unified diff; write nothing.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any file would change.")
@click.option("--out-dir", type=click.Path(file_okay=False), help="Write converted copies of the tree here.")
@click.option("--mode", type=click.Choice(MODES), default="default", show_default=True,
              help="'safety': only switch imports to tensorflow.compat.v1.")
@click.option("--import-rename", is_flag=True, help="Rewrite `import tensorflow as tf` to tensorflow.compat.v2.")
@click.option("--upgrade-compat-v1-import", is_flag=True,
              help="Treat `import tensorflow.compat.v1 as tf` code as TF 1.x and upgrade it.")
@click.option("--target-version", default=None, metavar="X.Y",
              help="TensorFlow version the output must run on (default: newest shipped table).")
@click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids/prefixes (comma-separated).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rule ids/prefixes (comma-separated).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change behaviour.")
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (default: all cores).")
@click.option("-q", "--quiet", is_flag=True, help="Only print diagnostics of severity error.")
@click.option("--list-rules", is_flag=True, help="List every rule with its fix class and exit.")
def upgrade(paths, diff, check, out_dir, mode, import_rename, upgrade_compat_v1_import, target_version,
            select, ignore, unsafe_fixes, jobs, quiet, list_rules):
    """Rewrite TensorFlow 1.x code in PATHS (files or directories; `-` for stdin)."""
    if list_rules:
        _list_rules()
        return
    if not paths:
        raise click.UsageError("no PATH given (use `-` to read standard input)")
    try:
        settings = Settings(mode=mode, import_rename=import_rename,
                            upgrade_compat_v1_import=upgrade_compat_v1_import,
                            target_version=parse_version(target_version),
                            select=_split_ids(select), ignore=_split_ids(ignore), unsafe_fixes=unsafe_fixes)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    if "-" in paths:
        if len(paths) > 1:
            raise click.UsageError("`-` (stdin) cannot be combined with other paths")
        sys.exit(_stdin(settings, diff, check, quiet))
    for p in paths:
        if not os.path.exists(p):
            raise click.BadParameter(f"{p}: no such file or directory", param_hint="PATHS")
    if out_dir and (diff or check):
        raise click.UsageError("--out-dir writes files; it cannot be combined with --diff or --check")
    sys.exit(_run_paths(paths, settings, diff=diff, check=check, out_dir=out_dir, jobs=jobs, quiet=quiet))


def _stdin(settings: Settings, diff: bool, check: bool, quiet: bool) -> int:
    from .upgrader.engine import upgrade_text
    from .upgrader.files import unified_diff

    text = sys.stdin.read()
    result = upgrade_text(text, "<stdin>", settings)
    if diff:
        sys.stdout.write(unified_diff("<stdin>", text, result.code))
    elif not check:
        sys.stdout.write(result.code)
    _print_diagnostics(result.diagnostics, quiet)
    if not result.ok or (check and result.changed):
        return 1
    return 0


def _destinations(paths: Sequence[str], out_dir: str) -> List[Tuple[str, str]]:
    """(source, destination) for every file under PATHS, .py or not, for --out-dir."""
    from .upgrader.files import DEFAULT_EXCLUDES, _excluded

    out_root = os.path.realpath(out_dir)
    pairs = []
    for raw in paths:
        src = os.path.realpath(raw)
        if out_root == src or out_root.startswith(src + os.sep) and os.path.isdir(src):
            raise click.UsageError(f"--out-dir {out_dir} is inside the source tree {raw}; choose another place")
        if os.path.isfile(raw):
            pairs.append((raw, os.path.join(out_dir, os.path.basename(raw))))
            continue
        for root, dirs, files in os.walk(raw):
            dirs[:] = sorted(d for d in dirs if not _excluded(Path(root, d), DEFAULT_EXCLUDES))
            for name in sorted(files):
                f = os.path.join(root, name)
                pairs.append((f, os.path.join(out_dir, os.path.relpath(f, raw))))
    return pairs


def _run_paths(paths, settings: Settings, *, diff: bool, check: bool, out_dir: Optional[str], jobs: int,
               quiet: bool) -> int:
    from .upgrader import files

    if out_dir:
        pairs = _destinations(paths, out_dir)
        items = [(s, d) for s, d in pairs if s.endswith(files.SOURCE_SUFFIXES)]
        for s, d in pairs:
            if not s.endswith(files.SOURCE_SUFFIXES):
                os.makedirs(os.path.dirname(d) or ".", exist_ok=True)
                shutil.copy2(s, d)
    else:
        items = [(p, None) for p in files.discover(paths)]
    job = files.Job(settings=settings, write=not (diff or check), want_diff=diff)

    def show(r: files.FileResult) -> None:
        if r.diff:
            sys.stdout.write(r.diff)
        _print_diagnostics(r.diagnostics, quiet)

    results = files.run(items, job, jobs=jobs, on_result=show)
    changed = sum(r.changed for r in results)
    skipped = sum(not r.ok for r in results)
    _summary(results, check=check or diff, quiet=quiet)
    if skipped or (check and changed):
        return 1
    return 0


def _print_diagnostics(diagnostics, quiet: bool) -> None:
    for d in diagnostics:
        if quiet and d.severity != "error":
            continue
        _err(d.format())


def _summary(results, *, check: bool, quiet: bool) -> None:
    changed = sum(r.changed for r in results)
    skipped = sum(not r.ok for r in results)
    counts = {"error": 0, "warning": 0, "info": 0}
    requirements = set()
    for r in results:
        requirements.update(r.requirements)
        for d in r.diagnostics:
            counts[d.severity] = counts.get(d.severity, 0) + 1
    verb = "would change" if check else "changed"
    line = (f"{len(results)} file{'s' if len(results) != 1 else ''} checked, {changed} {verb}, "
            f"{counts['error']} errors, {counts['warning']} warnings")
    if skipped:
        line += f", {skipped} skipped (see errors above)"
    if quiet and not skipped:
        return
    _err(line)
    if requirements:
        _err("converted code needs: " + ", ".join(sorted(requirements)))


def _list_rules() -> None:
    from .rules import load_all

    registry = load_all()
    for r in sorted(registry.rules.values(), key=lambda r: r.id):
        click.echo(f"{r.id}  {r.name:<28} [{r.fix}]  {r.summary}")


if __name__ == "__main__":  # pragma: no cover
    main()

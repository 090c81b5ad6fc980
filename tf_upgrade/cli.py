"""The ``tf-upgrade`` command.

``tf-upgrade PATH...`` rewrites files in place; ``tf-upgrade -`` filters stdin
to stdout.  Diagnostics go to stderr as ``path:line:col: severity RULE message``
so that ``--diff`` output and ``-`` output on stdout stay clean.

Exit status (one rule, :func:`exit_status`): 1 when a file could not be read,
converted or written; with ``--check`` also when a file would change or an
error-severity diagnostic remains (``--lenient``: not for those); 2 for usage
errors; 0 otherwise.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import click

from . import __version__, parse_version
from .upgrader.result import KERAS_TARGETS, MODES, Settings


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


def _apply(fn, options):
    for option in reversed(options):
        fn = option(fn)
    return fn


def _project_options(fn):
    """Options about the project rather than one run: config file, excludes, reports."""
    from .upgrader.report import FORMATS

    return _apply(fn, [
        click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True),
                     help="Read [tool.tf-upgrade] from this file instead of the nearest pyproject.toml."),
        click.option("--exclude", multiple=True, metavar="GLOB",
                     help="Skip matching files/directories (on top of the defaults; replaces the config's)."),
        click.option("--respect-gitignore/--no-respect-gitignore", default=True,
                     help="Skip files git ignores (default: yes)."),
        click.option("--force-exclude", is_flag=True,
                     help="Apply excludes and .gitignore to files named explicitly too (pre-commit passes files)."),
        click.option("--report", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Write a migration report (.json, .sarif, .md, .html, .txt)."),
        click.option("--report-format", type=click.Choice(FORMATS), help="Report format (default: from FILE)."),
        click.option("--show-config", is_flag=True, help="Print the effective configuration and exit."),
    ])


def settings_options(fn):
    """Options that change what the rules do to a file (one :class:`Settings`)."""
    return _apply(fn, [
        click.option("--mode", type=click.Choice(MODES), default="default", show_default=True,
                     help="'safety': only switch imports to tensorflow.compat.v1."),
        click.option("--import-rename", is_flag=True,
                     help="Rewrite `import tensorflow as tf` to tensorflow.compat.v2."),
        click.option("--upgrade-compat-v1-import", is_flag=True,
                     help="Treat `import tensorflow.compat.v1 as tf` code as TF 1.x and upgrade it "
                          "(other aliases, such as tf_v1, stay)."),
        click.option("--target-version", default=None, metavar="X.Y|auto",
                     help="TensorFlow version the output must run on: one of the shipped tables "
                          "(default: the newest) or auto: the version the project's pyproject.toml/"
                          "requirements*.txt/setup.cfg/setup.py pins."),
        click.option("--dialect", type=click.Choice(("auto", "tf1", "tf2")), default="auto", show_default=True,
                     help="What the code is written in: auto decides per file on evidence (TF 1.x-only or "
                          "TF 2-only names); tf1/tf2 states it. Transforms whose TF 1.x and TF 2 meanings "
                          "differ apply to TF 1.x code only."),
        click.option("--keras", type=click.Choice(KERAS_TARGETS), default=None,
                     help="Keras for tf.keras code on TF 2.16+: keras3 (default: convert Keras 2 idioms) or "
                          "tf_keras (keep Keras 2 code; needs the tf_keras package and TF_USE_LEGACY_KERAS=1)."),
        click.option("--select", multiple=True, metavar="IDS",
                     help="Only these rule ids/prefixes (comma-separated)."),
        click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rule ids/prefixes (comma-separated)."),
        click.option("--unsafe-fixes/--no-unsafe-fixes", default=False,
                     help="Also apply fixes that may change behaviour."),
    ])


def run_options(fn):
    """How a run over files goes: workers, cache, verbosity."""
    return _apply(fn, [
        click.option("-j", "--jobs", type=int, default=0, help="Worker processes (default: all cores)."),
        click.option("--no-cache", is_flag=True,
                     help="Convert every file afresh; neither read nor fill the result cache."),
        click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
                     help="Result cache directory (default: .tf-upgrade-cache in the project root, else the "
                          "user cache dir; or $TF_UPGRADE_CACHE_DIR)."),
        click.option("-q", "--quiet", is_flag=True,
                     help="Only print diagnostics of severity error; no progress bar."),
    ])


def common_options(fn):
    """Every option a command that runs the rules over PATHS shares (`upgrade`, `check`, ...):
    settings, run and project options.  The command receives them as keyword arguments and
    hands them to :func:`prepare`."""
    return settings_options(run_options(_project_options(fn)))


@dataclass
class Prepared:
    """What :func:`prepare` makes of the common options."""

    config: object  # tf_upgrade.config.Config
    settings: Settings
    report: "_Report"
    paths: Tuple[str, ...]

    def files(self) -> List[str]:
        """The files the main command would convert: one discovery for every command."""
        return discover_files(self.paths, self.config)


def prepare(paths: Sequence[str], *, allow_stdin: bool = True) -> Optional[Prepared]:
    """Config file overlaid with the flags, validated; None when the command is done
    (``--show-config``).  Raises click usage errors (exit 2)."""
    ctx = click.get_current_context()
    _printed.clear()
    target_version = ctx.params.get("target_version")
    if target_version is not None and target_version.strip().lower() == "auto":
        _resolve_auto_target(ctx, paths)
    config = _effective_config(ctx, paths)
    if ctx.params.get("show_config"):
        click.echo(config.describe(), nl=False)
        if paths and "-" not in paths:
            _show_dialects(paths, config)
        return None
    if not paths:
        raise click.UsageError("no PATH given" + (" (use `-` to read standard input)" if allow_stdin else ""))
    if "-" in paths:
        if not allow_stdin:
            raise click.UsageError("`-` (stdin) is not supported by this command")
        if len(paths) > 1:
            raise click.UsageError("`-` (stdin) cannot be combined with other paths")
    else:
        for p in paths:
            if not os.path.exists(p):
                raise click.BadParameter(f"{p}: no such file or directory", param_hint="PATHS")
    return Prepared(config, config.settings(), _Report(config.report_path(), config.report_format), tuple(paths))


def _show_dialects(paths: Sequence[str], config) -> None:
    """``--show-config PATHS``: the dialect each file is read as, and why (upgrader/dialect.py)."""
    from .upgrader.file_job import Job, convert_text
    from .upgrader.source import decode_source

    job = Job(settings=config.settings(), per_file_ignores=config.per_file_ignores,
                    per_file_dialect=config.per_file_dialect, root=config.root)
    lines = []
    for path in discover_files(paths, config):
        try:
            with open(path, "rb") as f:
                text = decode_source(f.read()).text
            result = convert_text(path, text, job.settings_for(path))
        except (OSError, ValueError) as exc:
            lines.append(f"# {path}: not read ({exc})")
            continue
        if result.dialect:
            lines.append(f"# {path}: {result.dialect} ({result.dialect_reason})")
    if lines:
        click.echo("# dialect per file (tf1: converted; tf2: left alone; mixed/unknown: TF 1.x-only "
                   "conversions reported as TFU130):")
        click.echo("\n".join(lines))


def discover_files(paths: Sequence[str], config) -> List[str]:
    """Python files and notebooks under PATHS after default excludes, the config's
    ``exclude``, .gitignore (unless turned off) and ``--force-exclude``."""
    from .config import make_skip
    from .upgrader.discovery import discover

    skip = make_skip(paths, config)
    return [p for p in discover(paths, skip=skip)
            if not (config.force_exclude and _force_excluded(p, skip))]


def _no_files_found(paths: Sequence[str]) -> None:
    _err("no Python files found under " + ", ".join(paths) + " (after excludes and .gitignore; "
         "`tf-upgrade --show-config` shows them)")


@main.command("upgrade")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", is_flag=True, help="Print a unified diff on stdout; write nothing.")
@click.option("--check", is_flag=True,
              help="Write nothing; print `would change: PATH` per file; exit 1 if any file would change "
                   "or an error remains (see --lenient).")
@click.option("--lenient", is_flag=True,
              help="With --check: exit 1 only for files that would change or could not be read, "
                   "not for error diagnostics that remain.")
@click.option("--out-dir", type=click.Path(file_okay=False), help="Write converted copies of the tree here.")
@click.option("--list-rules", is_flag=True, help="List every rule with its fix class and exit.")
@common_options
def upgrade(paths, diff, check, lenient, out_dir, list_rules, **options):
    """Rewrite TensorFlow 1.x code in PATHS (files or directories; `-` for stdin).

    Exit status: 1 when a file could not be read, converted or written; with --check
    also when a file would change or an error-severity diagnostic remains (code that
    cannot run on the target version; --lenient leaves those out); 2 for usage
    errors; 0 otherwise.
    """
    if list_rules:
        _list_rules()
        return
    run = prepare(paths)
    if run is None:
        return
    if out_dir and (diff or check):
        raise click.UsageError("--out-dir writes files; it cannot be combined with --diff or --check")
    if out_dir and "-" in paths:
        raise click.UsageError("`-` writes the converted code to stdout; it cannot be combined with --out-dir")
    if lenient and not check:
        raise click.UsageError("--lenient only changes the exit status of --check")
    strict = check and not lenient
    quiet = options["quiet"]
    if "-" in paths:
        sys.exit(_stdin(run.settings, diff, check, quiet, run.report, strict=strict))
    sys.exit(_run_paths(paths, run.settings, diff=diff, check=check, out_dir=out_dir, jobs=options["jobs"],
                        quiet=quiet, cache_dir=None if options["no_cache"] else options["cache_dir"] or "",
                        config=run.config, report=run.report, strict=strict))


def _resolve_auto_target(ctx: click.Context, paths) -> None:
    """``--target-version auto``: the TensorFlow pin of the project around PATHS (see target.py)."""
    from .target import resolve_target

    version, note = resolve_target("auto", [p for p in paths if p != "-"])
    if note:
        _err(note)
    ctx.params["target_version"] = f"{version[0]}.{version[1]}" if version else None


# ---- configuration: pyproject.toml overlaid with the flags given ------------------------------

# click parameter -> (config option, how to read the flag's value)
_FLAG_OPTIONS = {
    "mode": ("mode", lambda v: v),
    "import_rename": ("import_rename", bool),
    "upgrade_compat_v1_import": ("upgrade_compat_v1_import", bool),
    "target_version": ("target_version", lambda v: _shipped(parse_version(v))),
    "select": ("select", lambda v: _split_ids(v)),
    "ignore": ("ignore", lambda v: _split_ids(v)),
    "unsafe_fixes": ("unsafe_fixes", bool),
    "dialect": ("dialect", lambda v: v),
    "keras": ("keras", lambda v: v),
    "exclude": ("exclude", tuple),
    "report": ("report", lambda v: v),
    "report_format": ("report_format", lambda v: v),
    "respect_gitignore": ("respect_gitignore", bool),
    "force_exclude": ("force_exclude", bool),
}


def _shipped(version):
    from .config import shipped_version

    return None if version is None else shipped_version(version)


def _effective_config(ctx: click.Context, paths):
    """Defaults < [tool.tf-upgrade] < flags given on the command line."""
    from .config import ConfigError, load_config

    try:
        config = load_config(paths, ctx.params.get("config_file"))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    for param, (name, convert) in _FLAG_OPTIONS.items():
        if param not in ctx.params:
            continue
        source = ctx.get_parameter_source(param)
        if source in (click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT):
            try:
                config.override(name, convert(ctx.params[param]))
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint=f"--{param.replace('_', '-')}") from None
    if config.target_version == "auto":  # from the config file (the flag was resolved already)
        from .target import resolve_target

        version, note = resolve_target("auto", [p for p in paths if p != "-"])
        if note:
            _err(note)
        config.override("target_version", version, source=config.sources["target_version"] + " (auto)")
    if config.dialect == "auto" or config.per_file_dialect:
        from .target import tf1_pin

        config.project_pin = tf1_pin([p for p in paths if p != "-"])
    _check_selectors(config)
    if config.report_format and not config.report:
        raise click.UsageError("--report-format needs --report FILE (or `report` in the config)")
    if config.report:
        from .upgrader.report import format_for

        try:
            format_for(config.report, config.report_format)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
    return config


def _check_selectors(config) -> None:
    """A rule id or prefix that names no rule is a typo: say so instead of silently matching nothing."""
    given = [("select", s) for s in config.select] + [("ignore", s) for s in config.ignore]
    given += [("per-file-ignores", s) for _, ids in config.per_file_ignores for s in ids]
    if not given:
        return
    from .rules import load_all

    ids = load_all().rules
    for where, selector in given:
        if not any(rule_id.startswith(selector) for rule_id in ids):
            source = config.sources[where.replace("-", "_")]
            raise click.UsageError(f"{where}: {selector!r} matches no rule ({source}); "
                                   "`tf-upgrade --list-rules` lists them")


class _Report:
    """Where the run's report goes, if anywhere, and its timing."""

    def __init__(self, path: Optional[str], fmt: Optional[str]):
        self.path, self.fmt = path, fmt
        self.started = time.time()
        self.clock = time.perf_counter()

    def finish(self, results, settings: Settings, action: str, quiet: bool) -> None:
        from .upgrader.report import RunResult, write_report

        run = RunResult(files=list(results), settings=settings, action=action, started=self.started,
                        duration=time.perf_counter() - self.clock)
        if self.path:
            try:
                fmt = write_report(run, self.path, self.fmt)
            except OSError as exc:
                _err(f"cannot write the report {self.path}: {exc.strerror or exc}")
                raise SystemExit(1) from None
        _summary(run, quiet=quiet, report=f"{self.path} ({fmt})" if self.path else None)


def _stdin(settings: Settings, diff: bool, check: bool, quiet: bool, report: "_Report",
           strict: bool = False, convert=None) -> int:
    from .upgrader.file_job import FileResult, convert_text, unified_diff

    text = sys.stdin.read()
    result = (convert or convert_text)("<stdin>", text, settings)
    if diff:
        sys.stdout.write(unified_diff("<stdin>", text, result.code))
    elif not check:
        sys.stdout.write(result.code)
    sys.stdout.flush()
    _print_diagnostics(result.diagnostics, quiet)
    if check and result.changed:
        click.echo("would change: <stdin>")
    file_result = FileResult(path="<stdin>", changed=result.changed, diagnostics=list(result.diagnostics),
                             ok=result.ok, requirements=result.requirements, fixes=dict(result.fixes))
    action = "check" if check else "diff" if diff else "stdin"
    report.finish([file_result], settings, action, quiet)  # the summary goes to stderr: stdout stays code
    return exit_status([file_result], check=check, strict=strict)


def exit_status(results, *, check: bool, strict: bool) -> int:
    """The one rule (README "Exit status"): 1 when a file could not be read, converted or
    written; with --check also when a file would change, and (unless --lenient) when an
    error-severity diagnostic remains; else 0."""
    if any(not r.ok for r in results):
        return 1
    if check and any(r.changed for r in results):
        return 1
    if strict and any(d.severity == "error" for r in results for d in r.diagnostics):
        return 1
    return 0


def _destinations(paths: Sequence[str], out_dir: str) -> List[Tuple[str, str]]:
    """(source, destination) for every file under PATHS, .py or not, for --out-dir."""
    from .upgrader.discovery import out_dir_pairs

    try:
        return out_dir_pairs(paths, out_dir)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


PROGRESS_MIN_FILES = 20  # fewer files finish before a bar is worth drawing


def _progress(total: int, quiet: bool):
    """A rich progress bar on stderr for long runs on a terminal; None when piped, quiet or short."""
    if quiet or total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    # redirect_stdout=False: rich would otherwise route the diff printed on stdout through the
    # progress display on stderr (`--diff > x.patch` would come out empty).
    return Progress(TextColumn("converting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True, redirect_stdout=False)


def _run_paths(paths, settings: Settings, *, diff: bool, check: bool, out_dir: Optional[str], jobs: int,
               quiet: bool, config=None, report: Optional["_Report"] = None, cache_dir: Optional[str] = None,
               strict: bool = False, convert=None) -> int:
    """``cache_dir``: None = no cache, "" = the default place (see upgrader/cache.py).
    ``convert``: another conversion than the upgrader's (``tf-upgrade modernize``)."""
    from .config import load_config, make_skip
    from .upgrader import discovery, file_job, pool

    config = config or load_config(paths)
    report = report or _Report(None, None)
    skip = make_skip(paths, config)
    if out_dir:
        pairs = _destinations(paths, out_dir)
        is_source = lambda s: s.endswith(discovery.SOURCE_SUFFIXES) and not (skip and skip(Path(s)))  # noqa: E731
        items = [(s, d) for s, d in pairs if is_source(s)]
        for s, d in pairs:
            if not is_source(s):
                os.makedirs(os.path.dirname(d) or ".", exist_ok=True)
                shutil.copy2(s, d)
    else:
        items = [(p, None) for p in discover_files(paths, config)]
    if not items:
        _no_files_found(paths)
    job = file_job.Job(settings=settings, write=not (diff or check), want_diff=diff,
                    per_file_ignores=config.per_file_ignores, per_file_dialect=config.per_file_dialect,
                    root=config.root, convert=convert)
    progress = _progress(len(items), quiet)

    def show(r: file_job.FileResult) -> None:
        if r.diff:
            sys.stdout.write(r.diff)
            sys.stdout.flush()  # before the diagnostics on stderr: a terminal shows them in order
        _print_diagnostics(r.diagnostics, quiet)
        if check and r.changed:
            click.echo(f"would change: {r.path}")  # stdout: the list a CI step can keep
        if progress is not None:
            progress.advance(task)

    cache = None
    if cache_dir is not None:
        from .upgrader.cache import Cache, default_cache_dir

        cache = Cache.open(cache_dir or default_cache_dir(paths, in_project=not out_dir))
    try:
        if progress is not None:
            with progress:
                task = progress.add_task("converting", total=len(items))
                results = pool.run(items, job, jobs=jobs, on_result=show, cache=cache)
        else:
            results = pool.run(items, job, jobs=jobs, on_result=show, cache=cache)
    except pool.Interrupted as exc:
        _err(f"interrupted after {exc.done} of {exc.total} files; every file is either untouched or fully "
             "converted: run again to finish")
        return 130
    action = "out-dir" if out_dir else "diff" if diff else "check" if check else "rewrite"
    report.finish(results, settings, action, quiet)
    return exit_status(results, check=check, strict=strict)


def _force_excluded(path: str, skip) -> bool:
    """--force-exclude: is a file named on the command line excluded like a file found by walking?"""
    from .upgrader.discovery import DEFAULT_EXCLUDES, excluded

    rel = os.path.relpath(path)
    p = Path(path if rel.startswith("..") else rel)  # below the current directory: judge only that part
    if any(excluded(Path(part), DEFAULT_EXCLUDES) for part in p.parts[:-1] if part not in ("", ".", "..")):
        return True
    if skip is None:
        return False
    return any(skip(q) for q in [p, *p.parents] if str(q) not in (".", "", p.anchor))


_printed: dict = {}  # diagnostic key -> times printed in this run (see report/text.py: repeated)


def _print_diagnostics(diagnostics, quiet: bool) -> None:
    """Each diagnostic on stderr; one repeated more than REPEATS_PRINTED times is printed that
    often and then counted (the summary names it with its first places; reports keep all)."""
    from .upgrader.report.text import REPEATS_PRINTED, diagnostic_key

    for d in diagnostics:
        if quiet:  # errors only, every one: there is no summary to count the rest in
            if d.severity == "error":
                _err(d.format())
            continue
        key = diagnostic_key(d)
        seen = _printed.get(key, 0)
        _printed[key] = seen + 1
        if seen < REPEATS_PRINTED:
            _err(d.format())


def _summary(run, *, quiet: bool, report: Optional[str] = None) -> None:
    """The closing summary on stderr: coloured on a terminal, plain text when piped."""
    from rich.console import Console

    from .upgrader.report.text import summary_lines

    if quiet and not run.failed:
        return
    console = Console(stderr=True, highlight=False)
    lines = summary_lines(run)
    if report:
        lines.append((f"report written to {report}", ""))
    for text, style in (lines[:1] if quiet else lines):
        console.print(text, style=style or None, markup=False, soft_wrap=True)


def _list_rules() -> None:
    from .rules import load_all

    registry = load_all()
    for r in sorted(registry.rules.values(), key=lambda r: r.id):
        click.echo(f"{r.id}  {r.name:<28} [{r.fix}]  {r.summary}")


# Generated from tests/fixtures by tools/gen_rule_docs.py and shipped in the package, so an
# installed wheel (which has no tests/) shows the same examples.
EXAMPLES = Path(__file__).resolve().parent / "rules" / "data" / "examples.json"


@main.command("modernize")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", is_flag=True, help="Print a unified diff on stdout; write nothing.")
@click.option("--check", is_flag=True, help="Write nothing; print `would change: PATH`; exit 1 if any would.")
@click.option("--out-dir", type=click.Path(file_okay=False), help="Write converted copies of the tree here.")
@click.option("--verify", is_flag=True,
              help="Write nothing: run each original (tf.compat.v1 graph mode) and its modernized version "
                   "from the same weights and compare every fetched value (needs TensorFlow: "
                   "$TF_UPGRADE_TF_PYTHON or this Python).")
@common_options
def modernize_command(paths, diff, check, out_dir, verify, **options):
    """Rewrite Session-style TF 1.x programs in PATHS into eager TF 2 (tf.function, GradientTape,
    Keras 3 layers and optimizers, tf.train.Checkpoint).  A file that cannot be lifted whole gets
    the ordinary conversion and a TFU5xx diagnostic saying why (`tf-upgrade rule TFU5`)."""
    from .modernize import modernize_file

    run = prepare(paths, allow_stdin=not verify)
    if run is None:
        return
    if out_dir and (diff or check or verify or "-" in paths):
        raise click.UsageError("--out-dir writes files; it cannot be combined with --diff, --check, --verify or -")
    if verify:
        sys.exit(_verify(run.files()))
    if "-" in paths:
        sys.exit(_stdin(run.settings, diff, check, options["quiet"], run.report, convert=modernize_file))
    sys.exit(_run_paths(paths, run.settings, diff=diff, check=check, out_dir=out_dir, jobs=options["jobs"],
                        quiet=options["quiet"], config=run.config, report=run.report, cache_dir=None,
                        convert=modernize_file))


def _verify(paths) -> int:
    """--verify: one line per program; TFU511 for each that disagrees or fails."""
    from .modernize.verify import verify_file

    failed = 0
    for path in paths:
        if not path.endswith(".py"):
            continue
        verdict = verify_file(path)
        click.echo(verdict.line())
        mismatch = verdict.diagnostic()
        if mismatch is not None:
            failed += 1
            _err(mismatch.format())
    return 1 if failed else 0


@main.command("rule")
@click.argument("rule_id", metavar="RULE")
def rule_command(rule_id):
    """Explain RULE (an id such as TFU101, an id prefix, or a name such as symbol-rename)."""
    from .rules import load_all

    rules = sorted(load_all().rules.values(), key=lambda r: r.id)
    wanted = rule_id.strip()
    exact = [r for r in rules if r.id == wanted.upper() or r.name == wanted.lower()]
    if not exact:
        matches = [r for r in rules if r.id.startswith(wanted.upper())]
        if not matches:
            raise click.BadParameter(f"no rule {wanted!r}; `tf-upgrade --list-rules` lists them", param_hint="RULE")
        if len(matches) > 1:
            for r in matches:
                click.echo(f"{r.id}  {r.name:<28} [{r.fix}]  {r.summary}")
            return
        exact = matches
    click.echo(_explain_rule(exact[0]), nl=False)


def _explain_rule(r) -> str:
    lines = [f"{r.id} {r.name}", "", f"{r.summary}.", "",
             f"Fix class: {r.fix} ({_FIX_CLASS_HELP[r.fix]}). Default severity: {r.severity}."]
    if r.min_target or r.max_target:
        lo = ".".join(map(str, r.min_target)) if r.min_target else "any"
        hi = ".".join(map(str, r.max_target)) if r.max_target else "any"
        lines.append(f"Applies to target versions {lo} .. {hi}.")
    if r.why:
        lines += ["", "Why:", *("  " + line for line in r.why.splitlines())]
    if r.depends:
        from .rules import load_all

        rules = load_all().rules
        lines += ["", "Depends on: " + ", ".join(
            f"{d} ({rules[d].name})" if d in rules else d for d in r.depends)
            + f". `--select {r.id}` runs this rule alone; with those rules off it acts only where "
              "their fixes are not needed."]
    lines += ["", f"Suppress on one line with `# tf-upgrade: ignore[{r.id}]`; "
                  f"in a project with `ignore = [\"{r.id}\"]` under [tool.tf-upgrade]."]
    examples = _fixture_examples(r.id)
    if examples:
        lines += ["", f"Examples (from tests/fixtures/{r.id}/):"]
        lines += examples
    return "\n".join(lines) + "\n"


_FIX_CLASS_HELP = {"safe": "applied automatically", "unsafe": "applied only with --unsafe-fixes",
                   "manual": "reported; a person makes the change"}


def _indent(text: str) -> List[str]:
    return ["    " + row for row in text.splitlines()]


def _fixture_examples(rule_id: str) -> List[str]:
    """Before/after pairs from the rule's fixtures (see tools/gen_rule_docs.py for the choice)."""
    import json

    try:
        chosen = json.loads(EXAMPLES.read_text(encoding="utf-8")).get(rule_id, [])
    except (OSError, ValueError):
        return []
    out: List[str] = []
    for case in chosen:
        out += ["", f"  {case['case']}:"]
        if case.get("options"):
            out.append("  with: " + " ".join(
                f"--{k.replace('_', '-')}" if v is True else f"--{k.replace('_', '-')} {v}"
                for k, v in case["options"].items()))
        out += ["  before:"] + _indent(case["before"])
        if case.get("after") is not None:
            out += ["  after:"] + _indent(case["after"])
        else:
            out.append("  after: unchanged")
        if case.get("reports"):
            out.append("  reports:")
            out += [f"    line {line}:{column}: {sev} {rule} {message}"
                    for rule, sev, line, column, message in case["reports"]]
    return out


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@common_options
def check_command(paths, **options):
    """List TensorFlow references in PATHS that do not exist in the target version; rewrite nothing.

    Same files, configuration, suppressions and rules as `tf-upgrade PATHS`: each
    file is converted in a dry run, so "fixable" means the rewrite changes that
    reference (the code it writes is shown) and everything else comes with the
    diagnostic that explains it.  Exit status 1 while any reference is missing (or
    a file cannot be read); references held back on purpose (`# tf-upgrade:
    ignore`, ignore/select) are listed but do not count.  Needs no TensorFlow.
    """
    from .rules.tables import newest_version
    from .upgrader import file_job, pool
    from .upgrader.check import FIXABLE, KEPT, MANUAL, UNKNOWN

    run = prepare(paths, allow_stdin=False)
    if run is None:
        return
    settings = run.settings
    target = settings.target_version or newest_version()
    quiet = options["quiet"]
    found = run.files()
    if not found:
        _no_files_found(paths)
    job = file_job.Job(settings=settings, write=False, audit=True, per_file_ignores=run.config.per_file_ignores,
                    per_file_dialect=run.config.per_file_dialect,
                    root=run.config.root)
    counts = {FIXABLE: 0, MANUAL: 0, UNKNOWN: 0, KEPT: 0, "tf_keras": 0}
    unreadable = 0

    def show(r: file_job.FileResult) -> None:
        nonlocal unreadable
        if not r.ok:
            unreadable += 1
            _print_diagnostics([d for d in r.diagnostics if d.severity == "error"], quiet)
        for f in r.findings:
            status = f.status if f.missing or f.status == FIXABLE else "tf_keras"
            counts[status] = counts.get(status, 0) + 1
            if quiet and status in (KEPT, "tf_keras"):
                continue
            click.echo(f.format(target))

    try:
        results = pool.run([(p, None) for p in found], job, jobs=options["jobs"], on_result=show)
    except pool.Interrupted as exc:
        _err(f"interrupted after {exc.done} of {exc.total} files")
        sys.exit(130)
    missing = counts[FIXABLE] + counts[MANUAL] + counts[UNKNOWN]
    version = f"{target[0]}.{target[1]}"
    n = len(results)
    line = (f"{n} file{'s' if n != 1 else ''} checked: {missing} reference{'s' if missing != 1 else ''} "
            f"missing in TensorFlow {version} ({counts[FIXABLE]} fixable by `tf-upgrade`, "
            f"{counts[MANUAL]} explained by a rule, {counts[UNKNOWN]} unknown to every rule)")
    if counts[KEPT]:
        line += f"; {counts[KEPT]} kept on purpose"
    if counts["tf_keras"]:
        line += f"; {counts['tf_keras']} need tf_keras with TF_USE_LEGACY_KERAS=1"
    if unreadable:
        line += f"; {unreadable} unreadable"
    _err(line)
    if run.report.path:
        run.report.finish(results, settings, "check", quiet=True)
    sys.exit(1 if missing or unreadable else 0)


if __name__ == "__main__":  # pragma: no cover
    main()

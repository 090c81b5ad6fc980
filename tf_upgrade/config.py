"""Project configuration: ``[tool.tf-upgrade]`` in ``pyproject.toml``.

The nearest ``pyproject.toml`` with a ``[tool.tf-upgrade]`` table, looking
upward from the paths given on the command line (from the current directory
for stdin), supplies defaults; command-line flags override them, one setting
at a time (a flag replaces the file's value, it does not merge with it).
Paths in the file (``report``, ``exclude`` and ``per-file-ignores`` globs) are
relative to the directory that holds it.  ``tf-upgrade --show-config`` prints
the result and where each value came from.

Example::

    [tool.tf-upgrade]
    target-version = "2.15"              # or "auto": the version the project pins
    select = ["TFU1", "TFU2"]            # rule ids or prefixes
    ignore = ["TFU112"]
    exclude = ["third_party", "legacy/*.py"]   # on top of the default excludes
    per-file-ignores = { "tests/*" = ["TFU105"] }
    dialect = "auto"                     # or "tf1" / "tf2": what the code is written in (auto: per file, on evidence)
    per-file-dialect = { "legacy/*" = "tf1", "src/*" = "tf2" }
    unsafe-fixes = false
    keras = "keras3"                     # or "tf_keras": keep Keras 2 code (TF >= 2.16 targets)
    report = "migration.html"            # format from the extension
    respect-gitignore = true
    force-exclude = false                # true: excludes apply to files named explicitly too

``.gitignore`` is honoured through git itself (``git ls-files --others
--ignored --exclude-standard --directory``, one call per repository): it is
the only way to get every rule of git's (nested files, negations,
``info/exclude``, ``core.excludesFile``) exactly right, and outside a git
work tree a ``.gitignore`` file means nothing to anyone.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.9/3.10
    import tomli as tomllib  # type: ignore[no-redef]

SECTION = "tf-upgrade"


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message says where and why."""


def _str(value, key):
    if not isinstance(value, str):
        raise ConfigError(f"{key} must be a string, not {type(value).__name__}")
    return value


def _bool(value, key):
    if not isinstance(value, bool):
        raise ConfigError(f"{key} must be true or false, not {value!r}")
    return value


def _strings(value, key, what: str) -> Tuple[str, ...]:
    """A string or a list of strings (``what`` names them in the error)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of {what}")
    return tuple(value)


def _ids(value, key) -> Tuple[str, ...]:
    return split_ids(_strings(value, key, "rule ids or prefixes"))


def _globs(value, key) -> Tuple[str, ...]:
    return _strings(value, key, "glob patterns")


def _per_file(value, key) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{key} must be a table of glob = [rule ids]")
    return tuple((pattern, _ids(ids, f"{key}.{pattern!r}")) for pattern, ids in value.items())


def _dialect(value, key):
    from .upgrader.result import DIALECTS

    if value not in DIALECTS:
        raise ConfigError(f"{key} must be one of {', '.join(DIALECTS)}, not {value!r}")
    return value


def _per_file_dialect(value, key) -> Tuple[Tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f'{key} must be a table of glob = "tf1" | "tf2" | "auto"')
    return tuple((pattern, _dialect(d, f"{key}.{pattern!r}")) for pattern, d in value.items())


def _version(value, key):
    from . import parse_version

    if isinstance(value, (int, float)):
        raise ConfigError(f'{key} must be a string such as "2.21" (a TOML number loses the minor version)')
    if isinstance(value, str) and value.strip().lower() == "auto":
        return "auto"  # the project's TensorFlow pin; resolved with the paths (tf_upgrade.target)
    try:
        return shipped_version(parse_version(_str(value, key)))
    except ValueError as exc:
        raise ConfigError(f"{key}: {exc}") from None


def shipped_version(version: Tuple[int, int]) -> Tuple[int, int]:
    """``version`` if rule tables are shipped for it, else ValueError naming those that are:
    a target without its own symbol table would be checked against another version's API."""
    from .rules import tables

    shipped = tables.available_versions()
    if version not in shipped:
        names = ", ".join(f"{a}.{b}" for a, b in shipped)
        raise ValueError(f"no rule tables for TensorFlow {version[0]}.{version[1]}; "
                         f"supported target versions: {names}, auto")
    return version


def _mode(value, key):
    from .upgrader.result import MODES

    if value not in MODES:
        raise ConfigError(f"{key} must be one of {', '.join(MODES)}")
    return value


def _keras(value, key):
    from .upgrader.result import KERAS_TARGETS

    if value not in KERAS_TARGETS:
        raise ConfigError(f"{key} must be one of {', '.join(KERAS_TARGETS)}")
    return value


def _format(value, key):
    from .upgrader.report import FORMATS

    if value not in FORMATS:
        raise ConfigError(f"{key} must be one of {', '.join(FORMATS)}")
    return value


# key in the file -> (option name, parser, default)
OPTIONS: Dict[str, Tuple[str, Callable, Any]] = {
    "target-version": ("target_version", _version, None),
    "mode": ("mode", _mode, "default"),
    "select": ("select", _ids, ()),
    "ignore": ("ignore", _ids, ()),
    "exclude": ("exclude", _globs, ()),
    "per-file-ignores": ("per_file_ignores", _per_file, ()),
    "dialect": ("dialect", _dialect, "auto"),
    "per-file-dialect": ("per_file_dialect", _per_file_dialect, ()),
    "unsafe-fixes": ("unsafe_fixes", _bool, False),
    "keras": ("keras", _keras, None),
    "import-rename": ("import_rename", _bool, False),
    "upgrade-compat-v1-import": ("upgrade_compat_v1_import", _bool, False),
    "report": ("report", _str, None),
    "report-format": ("report_format", _format, None),
    "respect-gitignore": ("respect_gitignore", _bool, True),
    "force-exclude": ("force_exclude", _bool, False),
}
_BY_NAME = {name: key for key, (name, _, _) in OPTIONS.items()}


def split_ids(values: Iterable[str]) -> Tuple[str, ...]:
    """``["TFU1,TFU2", "tfu301"]`` -> ``("TFU1", "TFU2", "TFU301")``."""
    out: List[str] = []
    for v in values:
        out.extend(x.strip().upper() for x in v.split(",") if x.strip())
    return tuple(out)


@dataclass
class Config:
    """Effective options: defaults < pyproject.toml < command line."""

    values: Dict[str, Any] = field(default_factory=lambda: {n: d for n, _, d in OPTIONS.values()})
    sources: Dict[str, str] = field(default_factory=lambda: {n: "default" for n, _, _ in OPTIONS.values()})
    path: Optional[str] = None  # the pyproject.toml read, if any
    # "requirements.txt: tensorflow==1.15" when the project pins TF < 2 (TF 1.x evidence; cli sets it)
    project_pin: str = ""
    root: str = field(default_factory=os.getcwd)  # its directory: config-relative paths start here

    def __getattr__(self, name: str):
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def override(self, name: str, value: Any, source: str = "command line") -> None:
        if name not in self.values:
            raise KeyError(name)
        self.values[name] = value
        self.sources[name] = source

    def settings(self):
        from .upgrader.result import Settings

        v = self.values
        return Settings(mode=v["mode"], import_rename=v["import_rename"],
                        upgrade_compat_v1_import=v["upgrade_compat_v1_import"],
                        target_version=v["target_version"], select=v["select"], ignore=v["ignore"],
                        unsafe_fixes=v["unsafe_fixes"], dialect=v["dialect"],
                        dialect_source="" if v["dialect"] == "auto" else self._dialect_source(),
                        project_pin=self.project_pin, keras=v["keras"])

    def _dialect_source(self) -> str:
        source = self.sources["dialect"]
        return "--dialect" if source == "command line" else f"dialect in {source}"

    def report_path(self) -> Optional[str]:
        """The report file; a path from pyproject.toml is relative to its directory."""
        report = self.values["report"]
        if report and self.sources["report"] != "command line" and not os.path.isabs(report):
            return os.path.join(self.root, report)
        return report

    def describe(self) -> str:
        """TOML text of the effective settings, each with its source (``--show-config``)."""
        from .rules import tables

        lines = [f"# config file: {self.path or 'none found'}", f"# paths relative to: {self.root}",
                 f"[tool.{SECTION}]"]
        for key, (name, _, _) in OPTIONS.items():
            value = self.values[name]
            shown = value
            if name == "target_version":
                shown = value or tables.newest_version()
                shown = f"{shown[0]}.{shown[1]}"
            if name == "keras" and value is None:
                shown = "keras3"
            note = self.sources[name] + (" (newest table)" if name == "target_version" and value is None else "")
            if shown is None:
                lines.append(f"# {key} is not set  # {note}")
            elif name in ("per_file_ignores", "per_file_dialect"):
                lines.append(f"{key} = {{ {', '.join(f'{_toml(p)} = {_toml(ids)}' for p, ids in shown)} }}  # {note}")
            else:
                lines.append(f"{key} = {_toml(shown)}  # {note}")
        if self.values["dialect"] == "auto":
            lines.append("# dialect auto: each file is TF 1.x, TF 2, mixed or unknown by its own references "
                         "(`# tf-upgrade: dialect=tf1|tf2` in a file states it)")
        if self.project_pin:
            lines.append(f"# the project pins TensorFlow 1.x ({self.project_pin}): files without evidence "
                         "of their own are TF 1.x")
        from .upgrader.discovery import DEFAULT_EXCLUDES

        lines.append(f"# always excluded: {', '.join(DEFAULT_EXCLUDES)}")
        return "\n".join(lines) + "\n"


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def find_config(paths: Sequence[str]) -> Optional[Path]:
    """The nearest pyproject.toml with a [tool.tf-upgrade] table above the given paths."""
    starts = [Path(p).resolve() for p in paths if p != "-"] or [Path.cwd()]
    dirs = [p if p.is_dir() else p.parent for p in starts]
    try:
        here = Path(os.path.commonpath([str(d) for d in dirs]))
    except ValueError:  # different drives
        here = dirs[0]
    for d in [here, *here.parents]:
        candidate = d / "pyproject.toml"
        if candidate.is_file() and _section(candidate) is not None:
            return candidate
    return None


def _section(path: Path) -> Optional[dict]:
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    section = data.get("tool", {}).get(SECTION)
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.{SECTION}] must be a table")
    return section


def load_config(paths: Sequence[str] = (), config_file: Optional[str] = None) -> Config:
    """Defaults overlaid with the project's [tool.tf-upgrade] table (none found: defaults)."""
    path = Path(config_file) if config_file else find_config(paths)
    config = Config()
    if path is None:
        return config
    section = _section(path)
    if section is None:
        if config_file:
            raise ConfigError(f"{path}: no [tool.{SECTION}] table")
        return config
    config.path, config.root = str(path), str(path.resolve().parent)
    for raw_key, value in section.items():
        key = raw_key.replace("_", "-")
        if key not in OPTIONS:
            raise ConfigError(f"{path}: unknown key {raw_key!r} in [tool.{SECTION}]; known keys: "
                              f"{', '.join(OPTIONS)}")
        name, parse, _ = OPTIONS[key]
        try:
            config.values[name] = parse(value, key)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from None
        config.sources[name] = str(path)
    return config


# ---- which files: excludes and .gitignore ---------------------------------------------------

def _git_ignored(directory: str) -> Optional[Tuple[str, frozenset]]:
    """(repository root, ignored untracked paths relative to it; directories end with '/')."""
    try:
        top = subprocess.run(["git", "-C", directory, "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=30)
        if top.returncode != 0:
            return None
        root = top.stdout.strip()
        out = subprocess.run(["git", "-C", root, "ls-files", "--others", "--ignored", "--exclude-standard",
                              "--directory", "-z"], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None  # no git: nothing can be "ignored by git"
    if out.returncode != 0:
        return None
    names = out.stdout.decode("utf-8", "surrogateescape").split("\0")
    return os.path.realpath(root), frozenset(n for n in names if n)


def make_skip(paths: Sequence[str], config: Config) -> Optional[Callable[[Path], bool]]:
    """The predicate :func:`tf_upgrade.upgrader.discovery.discover` prunes the walk with."""
    from .upgrader.discovery import glob_match, relative_posix

    excludes = config.values["exclude"]
    repos: List[Tuple[str, frozenset]] = []
    if config.values["respect_gitignore"]:
        seen = set()
        for p in paths:
            directory = p if os.path.isdir(p) else (os.path.dirname(p) or ".") if config.force_exclude else None
            if directory is not None and os.path.isdir(directory):
                found = _git_ignored(directory)
                if found and found[0] not in seen:
                    seen.add(found[0])
                    repos.append(found)
    if not excludes and not repos:
        return None

    def skip(path: Path) -> bool:
        if excludes:
            rel = relative_posix(str(path), config.root)
            if any(glob_match(rel, pattern) for pattern in excludes):
                return True
        if repos:
            real = os.path.realpath(path)
            for root, ignored in repos:
                if real.startswith(root + os.sep):
                    rel = Path(os.path.relpath(real, root)).as_posix()
                    if rel in ignored or rel + "/" in ignored:
                        return True
        return False

    return skip

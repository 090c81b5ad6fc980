"""``--target-version auto``: the TensorFlow version a project pins, read from its packaging files.

Like django-upgrade's ``--target-version`` detection: look upward from the
converted paths for ``pyproject.toml`` (PEP 621 dependencies and optional
dependencies, Poetry dependencies), ``requirements*.txt`` (also
``requirements/*.txt``), ``setup.cfg`` (``install_requires``/``extras_require``)
and ``setup.py`` (requirement strings anywhere in it).  The first directory
with a TensorFlow requirement decides.  The target is the newest X.Y the
requirement allows (that is what ``pip install`` picks): ``==2.15.1`` and
``~=2.15.0`` give 2.15, ``<2.16`` gives 2.15, ``>=2.10`` gives the newest
table we ship.  A TF 1.x pin says nothing about where the code is going, so
it falls back to the newest table (with a note).
"""
from __future__ import annotations

import ast
import configparser
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.9/3.10
    import tomli as tomllib  # type: ignore[no-redef]

Version = Tuple[int, int]

TF_PACKAGES = frozenset({"tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tensorflow-macos",
                         "tensorflow-intel", "tensorflow-aarch64", "tensorflow-cpu-aws", "intel-tensorflow",
                         "tf-nightly", "tf-nightly-cpu", "tf-nightly-gpu"})
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:\(?\s*([^;#]*?)\s*\)?)?\s*(?:[;#].*)?$")
_SPEC = re.compile(r"^\s*(~=|===|==|!=|<=|>=|<|>)\s*([0-9][0-9a-zA-Z.*+!-]*)\s*$")


@dataclass(frozen=True)
class Detection:
    version: Optional[Version]  # None: nothing usable found
    source: str = ""  # file the pin came from
    requirement: str = ""  # the requirement as written
    note: str = ""  # why it was not used / how it was read


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _numbers(version: str) -> List[int]:
    out = []
    for part in version.split("."):
        m = re.match(r"\d+", part)
        if not m:
            break
        out.append(int(m.group()))
    return out


def _below(version: List[int]) -> Optional[Version]:
    """The newest X.Y strictly below ``version`` (``2.16`` -> 2.15, ``2.16.1`` -> 2.16)."""
    major, minor = version[0], version[1] if len(version) > 1 else 0
    if any(version[2:]):
        return major, minor
    if minor > 0:
        return major, minor - 1
    return None  # "<3.0": the newest 2.x, decided by the caller


def allowed_newest(specs: Iterable[Tuple[str, str]], newest: Version) -> Optional[Version]:
    """The newest (major, minor) a set of ``(operator, version)`` specifiers allows."""
    upper: Optional[Version] = None
    major_cap: Optional[int] = None
    for op, version in specs:
        nums = _numbers(version)
        if not nums:
            continue
        if op in ("==", "===") or (op == "~=" and len(nums) >= 3):
            cand: Optional[Version] = (nums[0], nums[1] if len(nums) > 1 else 0)
        elif op == "~=":
            major_cap, cand = nums[0], None
        elif op == "<=":
            cand = (nums[0], nums[1] if len(nums) > 1 else 0)
        elif op == "<":
            cand = _below(nums)
            if cand is None:
                major_cap = nums[0] - 1
        else:
            continue  # >=, >, != only bound from below / punch holes
        if cand is not None and (upper is None or cand < upper):
            upper = cand
    if upper is None:
        if major_cap is not None and major_cap < newest[0]:
            return (major_cap, 99)  # a TF 1.x cap: reported as such by the caller
        return newest
    return min(upper, newest) if upper[0] == newest[0] else upper


def _poetry_specs(constraint: str) -> List[Tuple[str, str]]:
    """Poetry constraints: ``^2.15`` -> >=2.15,<3; ``~2.15`` -> >=2.15,<2.16; else PEP 440-ish."""
    constraint = constraint.strip()
    if constraint.startswith("^"):
        nums = _numbers(constraint[1:])
        return [(">=", constraint[1:]), ("<", f"{nums[0] + 1}.0")] if nums else []
    if constraint.startswith("~") and not constraint.startswith("~="):
        nums = _numbers(constraint[1:])
        if len(nums) >= 2:
            return [(">=", constraint[1:]), ("<", f"{nums[0]}.{nums[1] + 1}")]
        return []
    if constraint in ("*", ""):
        return []
    if re.match(r"^\d", constraint):
        return [("==", constraint)]
    return _specs(constraint) or []


def _specs(text: str) -> Optional[List[Tuple[str, str]]]:
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        m = _SPEC.match(part)
        if not m:
            return None
        out.append((m.group(1), m.group(2)))
    return out


def parse_requirement(line: str) -> Optional[Tuple[str, List[Tuple[str, str]]]]:
    """``tensorflow-cpu>=2.10,<2.16 ; python_version>'3.8'`` -> (name, [(op, version)...])."""
    line = line.strip()
    if not line or line.startswith(("#", "-")):
        return None
    m = _REQUIREMENT.match(line)
    if not m:
        return None
    specs = _specs(m.group(2) or "")
    if specs is None:
        return None
    return _normalize(m.group(1)), specs


# ---- reading the files -------------------------------------------------------------------------

def _from_lines(lines: Iterable[str]) -> List[Tuple[str, List[Tuple[str, str]]]]:
    out = []
    for line in lines:
        req = parse_requirement(line)
        if req and req[0] in TF_PACKAGES:
            out.append((line.strip(), req[1]))
    return out


def _pyproject(path: Path):
    with path.open("rb") as f:
        data = tomllib.load(f)
    project = data.get("project", {})
    lines = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        lines.extend(extra)
    found = _from_lines(lines)
    poetry = data.get("tool", {}).get("poetry", {})
    groups = [poetry.get("dependencies", {})] + [g.get("dependencies", {})
                                                  for g in poetry.get("group", {}).values()]
    for deps in groups:
        for name, constraint in deps.items():
            if _normalize(name) not in TF_PACKAGES:
                continue
            if isinstance(constraint, dict):
                constraint = constraint.get("version", "*")
            if isinstance(constraint, str):
                found.append((f"{name} = {constraint!r}", _poetry_specs(constraint)))
    return found


def _setup_cfg(path: Path):
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    lines = []
    if parser.has_option("options", "install_requires"):
        lines.extend(parser.get("options", "install_requires").splitlines())
    if parser.has_section("options.extras_require"):
        for _, value in parser.items("options.extras_require"):
            lines.extend(value.splitlines())
    return _from_lines(lines)


def _setup_py(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return _from_lines(s for s in strings if "\n" not in s)


def _requirements(path: Path):
    return _from_lines(path.read_text(encoding="utf-8", errors="replace").splitlines())


def _candidates(directory: Path) -> List[Tuple[Path, object]]:
    files = [(directory / "pyproject.toml", _pyproject)]
    files += [(p, _requirements) for p in sorted(directory.glob("requirements*.txt"))]
    files += [(p, _requirements) for p in sorted(directory.glob("requirements/*.txt"))]
    files += [(directory / "setup.cfg", _setup_cfg), (directory / "setup.py", _setup_py)]
    return [(p, reader) for p, reader in files if p.is_file()]


def _directories(paths: Sequence[str]) -> List[Path]:
    """Each path's directory and its parents up to the repository root (a .git) or /."""
    out: List[Path] = []
    for raw in paths or ["."]:
        p = Path(raw).resolve()
        d = p if p.is_dir() else p.parent
        while True:
            if d not in out:
                out.append(d)
            if (d / ".git").exists() or d.parent == d:
                break
            d = d.parent
    return out


def detect_target(paths: Sequence[str], newest: Version) -> Detection:
    """The target version the project near ``paths`` pins (see the module docstring)."""
    for directory in _directories(paths):
        for path, reader in _candidates(directory):
            try:
                found = reader(path)
            except (OSError, ValueError, SyntaxError, configparser.Error):
                continue
            if not found:
                continue
            picks = [(allowed_newest(specs, newest), line) for line, specs in found]
            version, line = min(picks, key=lambda item: item[0])  # all of them must be satisfied
            if version[0] < 2:
                return Detection(None, str(path), line, note=f"{path} pins TensorFlow 1.x ({line}); "
                                 f"targeting {newest[0]}.{newest[1]} -- update the pin after converting")
            return Detection(version, str(path), line)
    return Detection(None, note="no TensorFlow requirement found in pyproject.toml, requirements*.txt, "
                                f"setup.cfg or setup.py; targeting {newest[0]}.{newest[1]}")


def resolve_target(value: Optional[str], paths: Sequence[str]) -> Tuple[Optional[Version], str]:
    """``--target-version`` value -> (version or None for the newest table, a note for the user)."""
    from . import parse_version
    from .rules.tables import newest_version

    if value is None or str(value).strip().lower() != "auto":
        return parse_version(value), ""
    newest = newest_version()
    found = detect_target(paths, newest)
    if found.version is None:
        return None, found.note
    return found.version, f"target TensorFlow {found.version[0]}.{found.version[1]} " \
                          f"(from {os.path.relpath(found.source)}: {found.requirement})"


def tf1_pin(paths: Sequence[str]) -> str:
    """``"requirements.txt: tensorflow==1.15.5"`` when the project around ``paths`` pins
    TensorFlow 1.x, else ``""``: evidence that its files without evidence of their own are
    TF 1.x code (upgrader/dialect.py)."""
    from .rules.tables import newest_version

    found = detect_target(paths, newest_version())
    if found.version is None and found.requirement:
        return f"{os.path.relpath(found.source)}: {found.requirement}"
    return ""

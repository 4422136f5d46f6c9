"""Which findings ``lint`` reports, and how severe: ``[tool.docschema.lint]`` and its flags.

The names are ruff's: ``select`` and ``ignore`` take codes or prefixes (``DS1``, ``DS111``,
``ALL``); the most specific selector decides, and at equal length ``ignore`` wins.
``per-file-ignores`` maps a glob (matched against the path as shown, relative to the working
directory, and the file name) to codes. ``severity`` maps a code or prefix to ``error``,
``warning``, ``info`` or ``off``. An unknown code is a configuration error.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fnmatch
import functools
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.diagnostics import CODES
from generator.model import Diagnostic, Severity
from generator.options import ConfigError

ALL = "ALL"
OFF = "off"
LEVELS = (*(s.value for s in Severity), OFF)
SECTION = "[tool.docschema.lint]"
KEYS = frozenset({"select", "extend-select", "ignore", "per-file-ignores", "severity",
                  "baseline"})


@dataclass(frozen=True)
class LintPolicy:
    select: tuple[str, ...] = (ALL,)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    baseline: Path | None = None

    def enabled(self, code: str) -> bool:
        chosen = _most_specific(code, self.select)
        dropped = _most_specific(code, self.ignore)
        if chosen is None:
            return False
        return dropped is None or len(chosen) > len(dropped)

    def level(self, code: str) -> str | None:
        """The configured level of ``code`` (most specific selector), or None for its own."""
        best = _most_specific(code, [selector for selector, _ in self.severity])
        return None if best is None else dict(self.severity)[best]

    def ignored_in(self, code: str, path: str) -> bool:
        if not self.per_file_ignores:
            return False
        names = _path_forms(path)
        return any(_most_specific(code, codes) is not None
                   and any(fnmatch.fnmatchcase(n, glob) for n in names)
                   for glob, codes in self.per_file_ignores)

    def apply(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics this policy reports, each at its configured severity."""
        kept: list[Diagnostic] = []
        for d in diagnostics:
            if not self.enabled(d.code) or self.ignored_in(d.code, d.path):
                continue
            level = self.level(d.code)
            if level == OFF:
                continue
            if level is not None and level != d.severity.value:
                d = dataclasses.replace(d, severity=Severity(level))
            kept.append(d)
        return kept


def _most_specific(code: str, selectors: Iterable[str]) -> str | None:
    """The longest selector that matches ``code`` (``ALL`` matches all, as the shortest)."""
    best: str | None = None
    for selector in selectors:
        if selector == ALL:
            if best is None:
                best = ""
        elif code.startswith(selector) and (best is None or len(selector) > len(best)):
            best = selector
    return best


@functools.lru_cache(maxsize=4096)
def _path_forms(path: str) -> tuple[str, ...]:
    forms = [path, Path(path).name]
    if os.path.isabs(path):
        with contextlib.suppress(ValueError):  # not under the working directory
            forms.append(Path(path).relative_to(Path.cwd()).as_posix())
    return tuple(forms)


# --------------------------------------------------------------------------------------------
# From configuration and flags
# --------------------------------------------------------------------------------------------


def check_selector(selector: str, where: str) -> str:
    """``selector`` upper-cased if it is ALL, a code or a prefix of one; else ConfigError."""
    value = selector.strip().upper()
    if value == ALL or (value and any(code.startswith(value) for code in CODES)):
        return value
    raise ConfigError(f"{where}: unknown code {selector!r} (see 'docschema codes')")


def policy_from_config(table: Mapping[str, Any], base: Path = Path()) -> LintPolicy:
    """``[tool.docschema.lint]`` as a LintPolicy; ConfigError names the first bad entry."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{SECTION} must be a table")
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise ConfigError(f"{SECTION}: unknown key {unknown[0]!r}")
    select = _selectors(table, "select") if "select" in table else (ALL,)
    select += _selectors(table, "extend-select")
    files = table.get("per-file-ignores", {})
    if not isinstance(files, Mapping):
        raise ConfigError(f"{SECTION} per-file-ignores must be a table of glob = [codes]")
    per_file = tuple((str(glob), _codes(codes, f"{SECTION} per-file-ignores {glob!r}"))
                     for glob, codes in files.items())
    levels = table.get("severity", {})
    if not isinstance(levels, Mapping):
        raise ConfigError(f"{SECTION} severity must be a table of code = level")
    severity = tuple(_level(str(code), level, f"{SECTION} severity")
                     for code, level in levels.items())
    baseline = table.get("baseline")
    if baseline is not None and not isinstance(baseline, str):
        raise ConfigError(f"{SECTION} baseline must be a path")
    return LintPolicy(select, _selectors(table, "ignore"), per_file, severity,
                      base / baseline if baseline else None)


def _selectors(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return _codes(table.get(key, []), f"{SECTION} {key}")


def _codes(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of codes")
    return tuple(check_selector(v, where) for v in value)


def _level(code: str, level: Any, where: str) -> tuple[str, str]:
    if level not in LEVELS:
        raise ConfigError(f"{where} {code}: {level!r} is not one of {', '.join(LEVELS)}")
    return check_selector(code, where), str(level)


def with_flags(policy: LintPolicy, select: Sequence[str] | None = None,
               extend_select: Sequence[str] = (), ignore: Sequence[str] = (),
               per_file_ignores: Sequence[str] = (), severity: Sequence[str] = (),
               baseline: Path | None = None) -> LintPolicy:
    """The policy with command-line flags applied: ``--select`` replaces the configured
    selection, the others add to it (``--per-file-ignores GLOB:CODE,CODE``,
    ``--severity CODE=LEVEL``); each takes comma-separated values, as ruff's do."""
    chosen = policy.select if select is None else _split(select, "--select")
    files = list(policy.per_file_ignores)
    for item in per_file_ignores:
        glob, sep, codes = item.rpartition(":")
        if not sep or not glob:
            raise ConfigError(f"--per-file-ignores {item!r}: expected GLOB:CODE[,CODE]")
        files.append((glob, _split([codes], "--per-file-ignores")))
    levels = list(policy.severity)
    for item in severity:
        for part in filter(None, (p.strip() for p in item.split(","))):
            code, sep, level = part.partition("=")
            if not sep:
                raise ConfigError(f"--severity {part!r}: expected CODE=LEVEL")
            levels.append(_level(code, level.strip().lower(), "--severity"))
    return LintPolicy(chosen + _split(extend_select, "--extend-select"),
                      policy.ignore + _split(ignore, "--ignore"), tuple(files), tuple(levels),
                      baseline if baseline is not None else policy.baseline)


def _split(values: Sequence[str], flag: str) -> tuple[str, ...]:
    return tuple(check_selector(v, flag) for value in values
                 for v in value.split(",") if v.strip())

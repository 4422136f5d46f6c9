"""One frozen options value that travels through every stage (like black's ``Mode``)."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

TARGETS = ("python", "jsonschema", "openapi", "model")
OPENAPI_VERSIONS = ("3.0.4", "3.1")
DEFAULT_SOURCES = ("specs",)
DEFAULT_OUT = "out"
DEFAULT_PACKAGE = "graph_models"
_OTHER_TABLES = {"lint"}  # [tool.docschema.lint]: generator.lintpolicy reads it


class ConfigError(ValueError):
    """Bad configuration or usage: the CLI prints it on one line and exits 2."""


@dataclass(frozen=True)
class Options:
    sources: tuple[Path, ...] = tuple(Path(s) for s in DEFAULT_SOURCES)
    out: Path = Path(DEFAULT_OUT)
    targets: tuple[str, ...] = TARGETS
    python_package: str = DEFAULT_PACKAGE
    openapi_version: str = "3.0.4"
    strict: bool = False
    use_cache: bool = True
    cache_dir: Path = Path(".docschema_cache")
    jobs: int = 0  # 0: as many as pays off on this machine
    against: Path | None = None  # service metadata (CSDL or OpenAPI) lint compares the docs with
    template_dir: Path | None = None  # the user's templates, over the built-ins file by file
    template_data: Mapping[str, Any] = field(default_factory=dict, hash=False)
    keep_unresolved_paths: bool = False  # keep operations whose path does not resolve (x-)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.targets) - set(TARGETS))
        if unknown:
            raise ConfigError(f"unknown target {unknown[0]!r}; choose from {', '.join(TARGETS)}")
        if self.openapi_version not in OPENAPI_VERSIONS:
            raise ConfigError(f"openapi_version must be one of {', '.join(OPENAPI_VERSIONS)}, "
                              f"not {self.openapi_version!r}")
        if not self.python_package.isidentifier():
            raise ConfigError(f"python_package {self.python_package!r} is not a Python identifier")
        if not self.sources:
            raise ConfigError("no sources given")
        if self.template_dir is not None and not self.template_dir.is_dir():
            raise ConfigError(f"template_dir {self.template_dir.as_posix()}: not a directory")

    def output_key(self, *, templates: bool = True) -> str:
        """A hash of every field that changes generated output (not paths, cache or jobs),
        the effective templates of each target and ``template_data`` included (``templates``
        False: without them, for a key that adds one target's own, ``emitter_version``)."""
        from generator.templating import template_fingerprint

        relevant: dict[str, Any] = {
            "targets": sorted(self.targets),
            "python_package": self.python_package,
            "openapi_version": self.openapi_version,
            "strict": self.strict,
            "keep_unresolved_paths": self.keep_unresolved_paths,
        }
        if templates:
            relevant["templates"] = [template_fingerprint(t, self) for t in sorted(self.targets)]
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


def load_config(directory: Path) -> dict[str, Any]:
    """``[tool.docschema]`` from ``directory/pyproject.toml``; empty when there is none."""
    path = directory / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from error
    section = data.get("tool", {}).get("docschema", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.docschema] must be a table")
    return section


_CONFIG_KEYS = {"sources", "out", "targets", "python_package", "openapi_version", "strict",
                "template_dir", "template_data", "keep_unresolved_paths", "against"}


def options_from_config(config: dict[str, Any], base: Path, **overrides: Any) -> Options:
    """Build Options from a ``[tool.docschema]`` table; ``overrides`` (CLI flags) win when set."""
    unknown = sorted(set(config) - _CONFIG_KEYS - _OTHER_TABLES)
    if unknown:
        raise ConfigError(f"[tool.docschema]: unknown key {unknown[0]!r}")
    values: dict[str, Any] = {}
    if "sources" in config:
        values["sources"] = tuple(base / _string(s, "sources") for s in _list(config, "sources"))
    if "out" in config:
        values["out"] = base / _string(config["out"], "out")
    if "against" in config:
        values["against"] = base / _string(config["against"], "against")
    if "targets" in config:
        values["targets"] = tuple(_string(t, "targets") for t in _list(config, "targets"))
    for key in ("python_package", "openapi_version"):
        if key in config:
            values[key] = _string(config[key], key)
    for key in ("strict", "keep_unresolved_paths"):
        if key in config:
            if not isinstance(config[key], bool):
                raise ConfigError(f"[tool.docschema] {key} must be true or false")
            values[key] = config[key]
    if "template_dir" in config:
        values["template_dir"] = base / _string(config["template_dir"], "template_dir")
    if "template_data" in config:
        if not isinstance(config["template_data"], dict):
            raise ConfigError("[tool.docschema] template_data must be a table")
        try:
            json.dumps(config["template_data"])
        except (TypeError, ValueError) as error:  # a TOML date or time, say
            raise ConfigError(f"[tool.docschema] template_data must hold strings, numbers, "
                              f"booleans, arrays and tables: {error}") from None
        values["template_data"] = config["template_data"]
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Options(**values)


def _list(config: dict[str, Any], key: str) -> list[Any]:
    value = config[key]
    if not isinstance(value, list):
        raise ConfigError(f"[tool.docschema] {key} must be a list")
    return value


def _string(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"[tool.docschema] {key} must hold strings, not {value!r}")
    return value


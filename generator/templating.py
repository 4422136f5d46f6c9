"""The Jinja environment over ``templates/`` (repo checkout) or ``generator/templates`` (wheel),
and what identifies the code that makes docschema's output (its fingerprint, the libraries'
versions)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

_PACKAGE_DIR = Path(__file__).resolve().parent


def templates_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "templates", _PACKAGE_DIR.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("docschema's templates/ directory is missing from the installation")


@cache
def environment() -> jinja2.Environment:
    import jinja2  # only a run that renders needs it (a no-op run or an edit from memo not)

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def code_fingerprint() -> str:
    """A hash of docschema's own code and templates, so caches notice an edited checkout."""
    digest = hashlib.sha256()
    for root in (_PACKAGE_DIR, templates_dir()):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


#: The libraries whose versions shape output or page facts: (distribution, top-level module).
OUTPUT_LIBRARIES = (("markdown-it-py", "markdown_it"), ("PyYAML", "yaml"), ("Jinja2", "jinja2"),
                    ("black", "black"), ("orjson", "orjson"))


@cache
def library_versions() -> tuple[tuple[str, str], ...]:
    """(distribution, version) of each of ``OUTPUT_LIBRARIES``: part of every cache key."""
    return tuple((name, distribution_version(name, module)) for name, module in OUTPUT_LIBRARIES)


@cache
def distribution_version(name: str, module: str) -> str:
    """The installed version: from the name of the one ``.dist-info`` directory beside the
    module (no import of importlib.metadata, a tenth of a no-op run), else as
    importlib.metadata reads it ("" when it is not installed)."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin is not None:
        site = Path(spec.origin).parent.parent
        wanted = name.lower().replace("-", "_")
        found = [p for p in site.glob("*.dist-info")
                 if p.name.lower().partition("-")[0] == wanted]
        if len(found) == 1:
            return found[0].name[len(wanted) + 1:].removesuffix(".dist-info")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return ""

"""The Jinja environment over ``templates/`` (repo checkout) or ``generator/templates`` (wheel)."""

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

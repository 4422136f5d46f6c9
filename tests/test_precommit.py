"""pre-commit itself runs this repository's hooks (``pre-commit try-repo``) on a docs repo.

pre-commit builds a virtualenv and pip-installs this repository into it (PyPI or a local wheel
cache must be reachable), so this test is slow; it is skipped when pre-commit or git is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGES = ("entity.md", "identity.md", "identityset.md")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False,
                          timeout=900)


@pytest.fixture
def docs_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "docs-repo"
    (repo / "docs").mkdir(parents=True)
    for name in PAGES:
        source = REPO / "specs" / "api-reference" / "beta" / "resources" / name
        (repo / "docs" / name).write_bytes(source.read_bytes())
    (repo / "pyproject.toml").write_text(
        '[tool.docschema]\nsources = ["docs"]\nout = "out"\ntargets = ["model", "jsonschema"]\n',
        encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    env.pop("PRE_COMMIT", None)
    for argv in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "docs"]):
        assert run(argv, repo, env).returncode == 0
    return repo, env


def try_hook(repo: Path, env: dict[str, str], hook: str) -> subprocess.CompletedProcess[str]:
    result = run(["pre-commit", "try-repo", str(REPO), hook, "--all-files", "--verbose"], repo,
                 env)
    if result.returncode == 3 and "Installing environment" in result.stdout:
        # pre-commit's "unexpected error" while pip-installing this repo: no index reachable.
        pytest.skip("pre-commit could not build the hook environment (offline?)")
    return result


def test_generate_hook_fails_until_the_output_is_committed(
        docs_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = docs_repo
    first = try_hook(repo, env, "docschema-generate")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "docschema: 3 pages" in first.stdout
    assert (repo / "out" / "MANIFEST").is_file()

    assert run(["git", "add", "out"], repo, env).returncode == 0
    second = try_hook(repo, env, "docschema-generate")
    assert second.returncode == 0, second.stdout + second.stderr

    page = repo / "docs" / "identity.md"
    text = page.read_text(encoding="utf-8")
    assert "The display name of the identity." in text
    page.write_text(text.replace("The display name of the identity.", "The identity's name."),
                    encoding="utf-8")
    third = try_hook(repo, env, "docschema-generate")
    assert third.returncode == 1, third.stdout + third.stderr
    assert re.search(r"files: [1-9]\d* written", third.stdout), third.stdout


def test_lint_hook_runs(docs_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = docs_repo
    result = try_hook(repo, env, "docschema-lint")
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert "docschema lint" in result.stdout
    assert "docschema: 3 pages" in result.stdout

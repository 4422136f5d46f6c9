"""``lint``'s verdict over its findings, in one place and one order, for every source of
findings (parse, resolve, examples, drift against service metadata):

1. each finding's subject is filled in (``subjects``);
2. the configuration selects codes, drops per-file ignores and sets severities
   (``lintpolicy``);
3. inline comments suppress findings on their lines, and each comment that suppressed nothing
   is itself a finding (``suppress``; DS601/DS602, which the configuration governs too);
4. hints and fixes are added (``hints``);
5. with a baseline, findings in it are set apart and its entries no longer found are fixed
   (``baseline``).

It fails on an error among the findings reported, or, with a baseline, on any new finding at or
above the minimum severity shown.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator import baseline as baselines
from generator import hints, subjects, suppress
from generator.diagnostics import sort_diagnostics
from generator.lintpolicy import LintPolicy
from generator.model import Diagnostic, Model, Severity
from generator.options import ConfigError


@dataclass(frozen=True)
class Review:
    """``reported``: what lint shows and judges. ``suppressed``: silenced by a comment (with
    it). ``baselined``: in the baseline. ``fixed``: baseline entries no longer found. ``all``:
    every finding the configuration keeps, suppressed ones excepted (what a new baseline
    holds)."""

    reported: tuple[Diagnostic, ...]
    suppressed: tuple[tuple[Diagnostic, suppress.Suppression], ...] = ()
    baselined: tuple[Diagnostic, ...] = ()
    fixed: tuple[baselines.Entry, ...] = ()
    all: tuple[Diagnostic, ...] = ()
    fixes: Mapping[Diagnostic, hints.Fix] = field(default_factory=dict)
    with_baseline: bool = False

    def fails(self) -> bool:
        if self.with_baseline:
            return bool(self.reported)
        return any(d.severity is Severity.ERROR for d in self.reported)


def scan_pages(texts: Mapping[str, str]) -> dict[str, suppress.PageSuppressions]:
    """The suppression comments of every page that has any."""
    found = {}
    for path, text in texts.items():
        page = suppress.scan(text)
        if page:
            found[path] = page
    return found


def with_texts_of(diagnostics: Sequence[Diagnostic], texts: Mapping[str, str]
                  ) -> Mapping[str, str]:
    """``texts`` and the text of every other file a finding is in (an API page that
    ``--examples`` read, say), so its comments suppress too."""
    missing = {d.path for d in diagnostics} - texts.keys()
    if not missing:
        return texts
    found = dict(texts)
    for path in sorted(missing):
        with contextlib.suppress(OSError):  # no such file: a finding about the run itself
            found[path] = Path(path).read_text(encoding="utf-8", errors="replace")
    return found


def review(diagnostics: Sequence[Diagnostic], model: Model | None, texts: Mapping[str, str],
           policy: LintPolicy | None = None, minimum: Severity = Severity.INFO,
           baseline: Sequence[baselines.Entry] | None = None) -> Review:
    """Subjects, the policy, suppressions (and their DS601/DS602 reports, which the policy
    governs too), hints, then the baseline; ``minimum`` is what is shown and judged."""
    policy = LintPolicy() if policy is None else policy
    texts = with_texts_of(diagnostics, texts)
    pages = scan_pages(texts)
    found = subjects.with_subjects(diagnostics, model)
    kept = policy.apply(found)
    outcome = suppress.apply(kept, pages)
    reports = policy.apply(subjects.with_subjects(outcome.reports, model))
    advised = hints.advise(sort_diagnostics([*outcome.kept, *reports]), model, texts, pages)
    every = advised.diagnostics
    quiet = hints.advise([d for d, _ in outcome.suppressed], model, texts, pages).diagnostics
    suppressed = tuple((d, s) for d, (_, s) in zip(quiet, outcome.suppressed, strict=True)
                       if d.severity.rank >= minimum.rank)
    shown = [d for d in every if d.severity.rank >= minimum.rank]
    if baseline is None:
        return Review(tuple(shown), suppressed, all=every, fixes=advised.fixes)
    comparison = baselines.compare(every, baseline)
    new = set(comparison.new)
    linted = {baselines.display_path(path) for path in texts}
    fixed = tuple(e for e in comparison.fixed if e.path in linted and policy.enabled(e.code)
                  and not policy.ignored_in(e.code, e.path))
    return Review(tuple(d for d in shown if d in new), suppressed,
                  tuple(d for d in comparison.unchanged if d.severity.rank >= minimum.rank),
                  fixed, every, advised.fixes, with_baseline=True)


def baseline_entries(policy: LintPolicy, update: bool = False) -> list[baselines.Entry] | None:
    """The policy's baseline to compare with (None: no baseline, or one about to be written);
    ConfigError when it cannot be read, or when ``update`` has no file to write."""
    if update and policy.baseline is None:
        raise ConfigError("--update-baseline needs --baseline FILE (or baseline in "
                          "[tool.docschema.lint])")
    if update or policy.baseline is None:
        return None
    return baselines.load(policy.baseline)


def record_baseline(policy: LintPolicy, review: Review) -> str:
    """Write every finding of ``review`` into the policy's baseline file; what was written."""
    assert policy.baseline is not None, "baseline_entries(update=True) checked it"
    count = baselines.write(policy.baseline, review.all)
    return (f"docschema: {policy.baseline}: {count} findings recorded "
            f"({len(review.all)} diagnostics)")

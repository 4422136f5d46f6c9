"""Name lookup for the resolve stage: which declared type or enum a spelling on a page means.

The index is built once from every declaration (types, enums, pages) and answers three
questions: what a link target means (page path plus optional anchor), what a plain name means
(``alertFeedback``, ``callRecords.session``, ``microsoft.graph.callRecords.session``) seen from a
page's namespace, and which namespace spelling is canonical. Keys are lower case throughout:
the docs spell one name in several casings (``DateTimeTimeZOne``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.model import split_qualified

DEFAULT_NAMESPACE = "microsoft.graph"
_ROOT_PREFIX = "microsoft."


def namespace_key(namespace: str) -> str:
    return namespace.lower()


def canonical_namespaces(spellings: Iterable[str]) -> dict[str, str]:
    """Lower-case namespace → its most frequent spelling (ties: the sorted-first spelling)."""
    counts = Counter(spellings)
    best: dict[str, tuple[int, str]] = {}
    for spelling, count in counts.items():
        key = namespace_key(spelling)
        rank = (-count, spelling)
        if key not in best or rank < best[key]:
            best[key] = rank
    return {key: spelling for key, (_, spelling) in best.items()}


def clean_name(name: str) -> str:
    """``#microsoft.graph.user`` → ``microsoft.graph.user``; surrounding blanks and dots dropped."""
    return name.strip().lstrip("#").strip().strip(".")


def qualify(name: str, page_namespace: str) -> tuple[str, str]:
    """(namespace, short name) a declaration's name means on a page in ``page_namespace``.

    A name with a ``microsoft.`` prefix carries its own namespace; another dotted name
    (``callRecords.session``) is relative to ``microsoft.graph``; a plain name takes the page's.
    """
    cleaned = clean_name(name)
    if "." not in cleaned:
        return page_namespace, cleaned
    if cleaned.lower().startswith(_ROOT_PREFIX):
        return split_qualified(cleaned)
    return split_qualified(f"{DEFAULT_NAMESPACE}.{cleaned}")


@dataclass(frozen=True)
class Found:
    """A lookup's answer: the qualified name (None: nothing matched) and any rivals it beat."""

    qualified: str | None
    rivals: tuple[str, ...] = ()
    via_alias: bool = False


@dataclass
class PageTargets:
    """What a link to one page can mean: its types, and its enums by heading anchor."""

    types: list[tuple[str, str]] = field(default_factory=list)  # (lower short name, qualified)
    enums_by_anchor: dict[str, str] = field(default_factory=dict)  # lower anchor → qualified
    enums: list[tuple[str, str]] = field(default_factory=list)  # (lower short name, qualified)


class NameIndex:
    """Every declared qualified name, looked up case-insensitively."""

    def __init__(self) -> None:
        self._qualified: dict[str, str] = {}  # lower qualified → canonical qualified
        self._is_enum: dict[str, bool] = {}  # lower qualified → enum?
        self._by_short: dict[str, set[str]] = {}  # lower short name → canonical qualified names
        self._aliases: dict[str, set[str]] = {}  # lower alias (page title name) → qualified
        self._pages: dict[str, PageTargets] = {}  # lower page path → targets

    # -- building -----------------------------------------------------------------------------

    def add(self, qualified: str, *, is_enum: bool) -> None:
        key = qualified.lower()
        if key in self._qualified:
            return
        self._qualified[key] = qualified
        self._is_enum[key] = is_enum
        self._by_short.setdefault(split_qualified(key)[1], set()).add(qualified)

    def add_alias(self, alias: str, qualified: str) -> None:
        """Another spelling a page uses for its type (a title that differs from the annotation)."""
        key = clean_name(alias).lower()
        if key and key != split_qualified(qualified)[1].lower():
            self._aliases.setdefault(key, set()).add(qualified)

    def add_page_type(self, page_path: str, short_name: str, qualified: str) -> None:
        self._page(page_path).types.append((short_name.lower(), qualified))

    def add_page_enum(self, page_path: str, short_name: str, anchor: str,
                      qualified: str) -> None:
        targets = self._page(page_path)
        targets.enums.append((short_name.lower(), qualified))
        if anchor:
            targets.enums_by_anchor.setdefault(anchor.lower(), qualified)

    def _page(self, path: str) -> PageTargets:
        return self._pages.setdefault(path.lower(), PageTargets())

    def canonical_form(self) -> tuple[object, ...]:
        """Everything the index answers from, as plain values in an order that depends on the
        content only (sets sorted; the page lists keep their order, which lookups follow)."""
        return (
            tuple(sorted(self._qualified.items())),
            tuple(sorted(self._is_enum.items())),
            tuple(sorted((k, tuple(sorted(v))) for k, v in self._by_short.items())),
            tuple(sorted((k, tuple(sorted(v))) for k, v in self._aliases.items())),
            tuple(sorted((path, tuple(t.types), tuple(sorted(t.enums_by_anchor.items())),
                          tuple(t.enums)) for path, t in self._pages.items())),
        )

    # -- questions ----------------------------------------------------------------------------

    def canonical(self, qualified: str) -> str | None:
        return self._qualified.get(qualified.lower())

    def is_enum(self, qualified: str) -> bool:
        return self._is_enum.get(qualified.lower(), False)

    def page_target(self, path: str, anchor: str | None, name: str) -> str | None:
        """The type or enum a link to ``path#anchor`` with link text ``name`` means, if any.

        The link text picks among the page's types and enums (by name or alias). When it names
        none, the page's only type serves (``[photo](profilephoto.md)``), unless the text is
        a qualified name, which names a type of its own; a page of several types or of several
        enums gives no answer, so the caller resolves the text as a plain name.
        """
        targets = self._pages.get(path.lower())
        if targets is None:
            return None
        if anchor:
            return targets.enums_by_anchor.get(anchor.lower())
        cleaned = clean_name(name).lower()
        short = split_qualified(cleaned)[1]
        for candidates in (targets.types, targets.enums):
            for candidate_short, qualified in candidates:
                if candidate_short == short:
                    return qualified
        documented = sorted({qualified for _, qualified in targets.types})
        aliased = self._aliases.get(short, set()).intersection(documented)
        if len(aliased) == 1:
            return aliased.pop()
        if "." in cleaned:
            return None  # a qualified name (NAV.UnitOfMeasure) names a type the page lacks
        if len(documented) == 1:
            return documented[0]
        if not documented and len(targets.enums) == 1:
            return targets.enums[0][1]
        return None  # several types, and the text names none of them

    def page_types(self, path: str) -> tuple[str, ...]:
        """The qualified names of the types a page documents, sorted."""
        targets = self._pages.get(path.lower())
        return tuple(sorted({q for _, q in targets.types})) if targets is not None else ()

    def lookup(self, name: str, page_namespace: str, *, prefer_enum: bool = False) -> Found:
        """What a plain name means on a page in ``page_namespace``.

        Exact qualified names first; then the short name in the name's own namespace
        qualifier, the page's namespace, ``microsoft.graph``, or a unique match anywhere;
        then a page's alias spelling. ``prefer_enum`` (``x enum`` cells) prefers enums to types
        of the same short name.
        """
        cleaned = clean_name(name)
        if not cleaned:
            return Found(None)
        exact = self._exact(cleaned)
        if exact is not None:
            return Found(exact)
        namespace, short = qualify(cleaned, page_namespace)
        candidates = self._by_short.get(short.lower(), set())
        if candidates:
            return self._choose(candidates, (namespace, page_namespace), prefer_enum)
        aliased = self._aliases.get(cleaned.lower()) or self._aliases.get(short.lower())
        if aliased:
            found = self._choose(aliased, (namespace, page_namespace), prefer_enum)
            return Found(found.qualified, found.rivals, via_alias=True)
        return Found(None)

    def _exact(self, cleaned: str) -> str | None:
        if "." not in cleaned:
            return None
        found = self._qualified.get(cleaned.lower())
        if found is None and not cleaned.lower().startswith(_ROOT_PREFIX):
            found = self._qualified.get(f"{DEFAULT_NAMESPACE}.{cleaned}".lower())
        return found

    def _choose(self, candidates: set[str], namespaces: tuple[str, str],
                prefer_enum: bool) -> Found:
        pool = sorted(candidates)
        wanted = [c for c in pool if self.is_enum(c) == prefer_enum]
        if wanted:
            pool = wanted
        if len(pool) == 1:
            return Found(pool[0])
        for namespace in (*namespaces, DEFAULT_NAMESPACE):
            in_namespace = [c for c in pool if split_qualified(c)[0].lower() == namespace.lower()]
            if len(in_namespace) == 1:
                return Found(in_namespace[0])
        return Found(pool[0], tuple(pool[1:]))

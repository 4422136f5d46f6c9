"""The registry of diagnostic codes: stable code, name, default severity, what it means.

Ranges: DS0xx reading files, DS1xx resolving names across pages, DS2xx validating examples,
DS3xx emitting, DS4xx parsing one page, DS5xx API pages and operations, DS6xx lint's own
findings (suppression comments), DS9xx the tool itself. The README's table of codes is
generated from this registry (``docschema codes``) and a test keeps the two in step.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.model import Diagnostic, Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    meaning: str


_CODES: tuple[Code, ...] = (
    Code("DS001", "unreadable-file", E, "A source file could not be read."),
    Code("DS002", "invalid-encoding", W, "A source file is not valid UTF-8; bad bytes replaced."),
    Code("DS003", "missing-include", W, "An [!INCLUDE] names a file that does not exist."),
    Code("DS004", "invalid-front-matter", W, "The YAML front matter is not valid YAML."),
    Code("DS101", "unresolved-type", W, "A type name matches no page, enum or known type."),
    Code("DS102", "unresolved-base-type", W, "A base type matches no known type."),
    Code("DS103", "inheritance-cycle", E, "Base types form a cycle; the cycle is cut."),
    Code("DS104", "duplicate-type", W, "Two pages define the same qualified name; first kept."),
    Code("DS105", "json-only-property", I,
         "A property appears only in the JSON representation; added with its JSON type."),
    Code("DS106", "type-conflict", W,
         "The table and the JSON representation disagree on a type; the table wins."),
    Code("DS107", "name-mismatch", I, "The title and the annotation name the type differently."),
    Code("DS108", "ambiguous-type", I,
         "A plain type name matches several namespaces; the page's own namespace is preferred."),
    Code("DS109", "enum-from-description", I,
         "An enum with no members table was built from 'Possible values' in a description."),
    Code("DS110", "duplicate-property", W, "A type lists the same property twice; first kept."),
    Code("DS111", "redundant-inherited-property", I,
         "A property is declared again on a derived type; the base type's declaration is kept."),
    Code("DS112", "link-mismatch", I,
         "A link's text and its target name different types; the text wins when it names a "
         "known type other than the property itself, else the target."),
    Code("DS113", "base-type-conflict", W,
         "The baseType annotation and the 'Inherits from' prose disagree; the more derived one "
         "wins when one derives from the other, else the annotation."),
    Code("DS114", "json-type-used", I,
         "A table type could not be resolved or read; the JSON representation's type is used."),
    Code("DS115", "merged-type", I,
         "Several pages document one type; their properties are merged (the primary page first)."),
    Code("DS116", "json-example-key", I,
         "A JSON representation key is not added as a property: it is no property name, or the "
         "type is open and the key shows a dynamic property."),
    Code("DS117", "implicit-entity-base", I,
         "A type keyed by id names no base type; microsoft.graph.entity, which declares the "
         "key, is assumed."),
    Code("DS118", "inferred-namespace", I,
         "A page with no Namespace line takes the sub-namespace its file name names."),
    Code("DS119", "annotation-row", I,
         "A table row names an instance annotation (@odata.etag, @microsoft.graph.x), which is "
         "no property; not added."),
    Code("DS120", "flags-from-usage", I,
         "An enum whose values allow flags is marked flags: a property typed by it says so."),
    Code("DS121", "base-from-derived-list", I,
         "A type's page names no base, but a base page lists it under 'Derived types' (or 'A "
         "base type for [x]'); that base is used."),
    Code("DS122", "base-refined-by-derived-list", I,
         "A type names an ancestor of the page that lists it as a derived type; the listing, "
         "more derived, is used."),
    Code("DS123", "derived-list-conflict", W,
         "A base page lists a type as derived that its own page derives otherwise; the type's "
         "own page is used."),
    Code("DS124", "derived-list-ambiguous", W,
         "Several unrelated base pages list one type as derived; the lists are not used."),
    Code("DS125", "narrowed-inherited-property", I,
         "A derived type names an inherited property again with a type derived from the "
         "inherited one; kept on the derived type with the narrower type."),
    Code("DS126", "collection-from-json", I,
         "A type cell that is only a reference-style link ([x][]) says nothing of how many; "
         "the JSON representation's array of x makes it a collection."),
    Code("DS130", "invalid-type-name", E,
         "A type's or enum's name or namespace breaks the naming rule (a letter or underscore, "
         "then letters, digits, underscores; at most 128 characters; namespaces dot-separated "
         "names); the type is left out."),
    Code("DS131", "reference-to-invalid-name", W,
         "A type cell or base type refers to a type left out for its invalid name (DS130); "
         "typed Edm.Untyped (no base)."),
    Code("DS132", "shortened-file-name", I,
         "A valid name is too long for one file name (255 bytes); its output files take a "
         "shortened name ending in a digest of the whole name."),
    Code("DS133", "duplicate-enum-member", W,
         "An enum lists a member again with the same spelling; the first is kept. Members "
         "that differ in case only are all kept (their wire values differ)."),
    Code("DS134", "case-drift", I,
         "Declarations spell one type, enum, namespace or property in different cases; they "
         "are taken as one, under the spelling the message names."),
    Code("DS201", "example-invalid", E, "A docs example response does not match the schema."),
    Code("DS202", "example-no-schema", W, "A docs example names a type with no schema."),
    Code("DS203", "example-unparseable", W, "A docs example response is not JSON."),
    Code("DS301", "renamed-identifier", I, "A name was changed to be a valid Python identifier."),
    Code("DS401", "no-types", I, "A page documents no type or enum (and says why)."),
    Code("DS402", "missing-namespace", I, "A page has no Namespace line; microsoft.graph assumed."),
    Code("DS403", "invalid-annotation", W, "An annotation comment is not JSON, even leniently."),
    Code("DS404", "lenient-annotation", I, "An annotation comment needed repair to parse."),
    Code("DS405", "invalid-json-block", W,
         "The JSON representation is not JSON, even leniently; its properties are ignored."),
    Code("DS406", "lenient-json-block", I, "The JSON representation needed repair to parse."),
    Code("DS407", "unknown-table", W, "A table under a Properties-like heading has no name column."),
    Code("DS408", "malformed-row", W, "A table row has too few cells or no name."),
    Code("DS409", "unknown-type-spelling", W, "A type cell's spelling is not understood."),
    Code("DS410", "missing-title", W, "A page has no H1 title."),
    Code("DS411", "bad-enum-value", W, "An enum member's Value cell is not an integer."),
    Code("DS412", "type-name-from-heading", I,
         "A section documents a type under a heading of several words; named by joining them."),
    Code("DS413", "values-not-enum", I,
         "A values section names no enum type (it lists a string property's values); no enum."),
    Code("DS414", "flags-from-values", I,
         "An enum is numbered like flags (powers of two) though the page does not say so; "
         "marked flags."),
    Code("DS501", "no-request-lines", W,
         "An API page has no request line in its HTTP request section."),
    Code("DS502", "malformed-request-line", W, "A request line's path cannot be read."),
    Code("DS503", "unresolved-path-segment", W,
         "A request line's segment is no property, key, cast, $ref/$value/$count or documented "
         "bound action or function of the type reached; the operation is left out of paths."),
    Code("DS504", "unknown-root", W,
         "A request line does not start with a root name (an entity set or singleton); it is "
         "left out of paths."),
    Code("DS505", "method-mismatch", W,
         "A request line calls a bound action with GET or a function with POST."),
    Code("DS506", "operation-conflict", I,
         "Pages documenting one operation disagree (response, body, status); the first page "
         "(by path) wins."),
    Code("DS507", "invalid-example-request", W,
         "An example request body does not match the operation's request-body schema."),
    Code("DS508", "implied-member", I,
         "A path segment no resource page declares is taken as a navigation property: an API "
         "page documents it with the type it returns (and it is no near miss of a declared one)."),
    Code("DS509", "body-parameters-from-example", I,
         "An action's Request body section has no parameter table (and names no entity); its "
         "parameters are read from a JSON block in that section or the example request."),
    Code("DS516", "implied-container", I,
         "A segment no resource page declares and no page types, in the middle of request "
         "lines of several pages, is taken as a member; its own members come from the pages "
         "that document them."),
    Code("DS517", "plural-collection-spelling", W,
         "A request line spells in the plural a collection-valued member that its resource "
         "page names in the singular; the member is taken, spelled as the line spells it."),
    Code("DS601", "unused-suppression", W,
         "A docschema-disable comment suppresses no finding; remove it (or the unused codes)."),
    Code("DS602", "invalid-suppression", W,
         "A suppression comment cannot be read (an unknown code or directive, a comment over "
         "several lines) or enables what no comment disabled; it is ignored."),
    Code("DS701", "type-not-in-service", W,
         "Drift: the docs document a type the service metadata does not have."),
    Code("DS702", "types-not-in-docs", I,
         "Drift: a service namespace has types the docs do not document (one finding per "
         "namespace, at the metadata file)."),
    Code("DS703", "base-type-drift", W, "Drift: the docs and the service name different base types."),
    Code("DS704", "type-kind-drift", W,
         "Drift: a type is an entity, complex or enum type in the docs but another in the "
         "service."),
    Code("DS705", "abstract-drift", I, "Drift: the docs and the service disagree on abstract."),
    Code("DS706", "open-type-drift", I, "Drift: the docs and the service disagree on open type."),
    Code("DS707", "property-not-in-service", W,
         "Drift: the docs document a property the service's type does not have."),
    Code("DS708", "property-not-in-docs", W,
         "Drift: the service's type has a property the docs do not document."),
    Code("DS709", "property-type-drift", W,
         "Drift: a property's element type differs between the docs and the service."),
    Code("DS710", "collection-drift", W,
         "Drift: a property is a collection on one side and a single value on the other."),
    Code("DS711", "nullable-drift", I,
         "Drift: a description says (not) nullable and the service says otherwise."),
    Code("DS712", "navigation-drift", W,
         "Drift: a property is structural on one side and navigation on the other."),
    Code("DS713", "enum-member-not-in-service", W,
         "Drift: the docs document an enum member the service does not have."),
    Code("DS714", "enum-member-not-in-docs", W,
         "Drift: the service's enum has a member the docs do not document."),
    Code("DS715", "flags-drift", W, "Drift: an enum is a flags enum on one side only."),
    Code("DS716", "name-case-drift", W,
         "Drift: a type, property or member name differs from the service's in case only."),
    Code("DS717", "namespace-drift", W,
         "Drift: the docs put a type in another namespace than the service does."),
    Code("DS718", "enum-value-drift", W,
         "Drift: an enum member's value differs between the docs and the service."),
    Code("DS901", "internal-error", E, "docschema failed on this input; please report it."),
    Code("DS902", "cache-discarded", W, "The cache was unreadable or foreign and was discarded."),
    Code("DS950", "unused-template-file", W,
         "A file in template_dir overrides no built-in template and is no static file of a "
         "target; it is not used."),
)

CODES: dict[str, Code] = {c.code: c for c in _CODES}


def default_severity(code: str) -> Severity:
    return CODES[code].severity


def code_name(code: str) -> str:
    return CODES[code].name


def is_about_the_tool(code: str) -> bool:
    """A DS9xx code: about docschema's own run (its cache, a failure), not about the docs."""
    return code.startswith("DS9")


def worth_printing(diagnostic: Diagnostic) -> bool:
    """What ``generate`` prints beside its summary: errors, and anything about the tool itself
    (which ``lint``, about the docs, may not see)."""
    return diagnostic.severity is Severity.ERROR or is_about_the_tool(diagnostic.code)


_ORDER = operator.attrgetter("path", "line", "col", "code", "message")


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable, file-order-independent order: path, line, column, code, message (repeats
    dropped)."""
    return sorted(dict.fromkeys(diagnostics), key=_ORDER)


def with_more(ordered: Sequence[Diagnostic], more: Sequence[Diagnostic]) -> list[Diagnostic]:
    """``sort_diagnostics(ordered + more)`` for an ``ordered`` that is sorted already."""
    return sort_diagnostics([*ordered, *more]) if more else list(ordered)


def count_by_severity(diagnostics: Iterable[Diagnostic]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for d in diagnostics:
        counts[d.severity] += 1
    return counts

"""Help for each diagnostic code: what to do about it (``docschema codes CODE``), and where
its documentation is (SARIF ``helpUri``: ``docs/codes.md``, which ``codes_markdown`` writes
and a test keeps in step with the registry)."""

from __future__ import annotations

from generator.diagnostics import CODES, Code

#: Where docs/codes.md is published; each code is an anchor in it (``#ds101``).
DOCS_URL = "https://github.com/your-org/docschema/blob/main/docs/codes.md"

HELP: dict[str, str] = {
    "DS001": "Check the file exists and is readable; lint cannot go on without it.",
    "DS002": "Save the page as UTF-8. The bad bytes were replaced with U+FFFD.",
    "DS003": "Fix the [!INCLUDE] path, or add the included file. The include is left out.",
    "DS004": "Fix the YAML between the --- lines (quote values with colons).",
    "DS101": "Link the type's page, fix the spelling (the hint names the nearest known type), "
             "or document the type. The property is typed Edm.Untyped meanwhile.",
    "DS102": "Name a documented type in baseType or 'Inherits from' (the hint names the "
             "nearest), or document the base type.",
    "DS103": "Break the cycle: one of the types names the wrong base type.",
    "DS104": "Keep one definition of the type, or give the other a different namespace.",
    "DS105": "Add a row for the property to the Properties (or Relationships) table, so it "
             "has a description and a documented type.",
    "DS106": "Make the table's type and the JSON representation's placeholder agree.",
    "DS107": "Make the H1 title and the annotation's @odata.type name the same type.",
    "DS108": "Qualify the type name (microsoft.graph.x) or link its page.",
    "DS109": "Add a Members table for the enum (a values section), so its members are "
             "documented where the type is.",
    "DS110": "Delete the repeated row; the first one is kept.",
    "DS111": "The base type declares the property; the row may go. Many pages repeat "
             "inherited rows on purpose: ignore this code if yours do.",
    "DS112": "Make the link text and the link target name the same type.",
    "DS113": "Make the annotation's baseType and the 'Inherits from' prose agree.",
    "DS114": "Fix the table's type cell; the JSON representation's type stands in for it.",
    "DS115": "Nothing to do when several pages document one type on purpose; otherwise keep "
             "one.",
    "DS116": "Nothing to do for an open type's example keys; otherwise make the key a "
             "property name.",
    "DS117": "Name the base type (baseType in the annotation, or 'Inherits from').",
    "DS118": "Add a 'Namespace:' line under the title.",
    "DS119": "Instance annotations are no properties: document them in prose, not the table.",
    "DS120": "Say the enum is a flags enum on its page (isFlags in the annotation).",
    "DS130": "Rename the type (or namespace) so it is a letter or underscore followed by letters, "
             "digits and underscores, 128 characters at most.",
    "DS131": "Fix the referenced type's name (its DS130), or refer to another type.",
    "DS132": "Nothing to do; a shorter type name gives a readable file name.",
    "DS133": "Delete the repeated member row.",
    "DS134": "Spell the name the same way everywhere (the message says the spelling used).",
    "DS201": "Fix the example response, or the type's documentation, so the two agree.",
    "DS202": "Document the type the example names, or fix the @odata.type.",
    "DS203": "Make the example response valid JSON.",
    "DS301": "Nothing to do: the Python name differs from the wire name, which is kept.",
    "DS401": "Nothing to do for a conceptual page; a resource page needs an annotation or a "
             "Properties table.",
    "DS402": "Add a 'Namespace: microsoft.graph' line under the title.",
    "DS403": "Make the annotation comment valid JSON.",
    "DS404": "Make the annotation comment strict JSON (the hint says what was repaired).",
    "DS405": "Make the JSON representation valid JSON.",
    "DS406": "Make the JSON representation strict JSON (the hint says what was repaired).",
    "DS407": "Give the table a name column and a type column, or move it under another "
             "heading.",
    "DS408": "Give the row all its cells and a name.",
    "DS409": "Write the type as a type name, a link to its page, or 'Collection(x)'; see "
             "docs/type-spellings.md.",
    "DS410": "Add an H1 title ('# x resource type').",
    "DS411": "Make the Value cell an integer, or leave it empty.",
    "DS412": "Name the section after the type (one word), or add an annotation.",
    "DS413": "Nothing to do, unless the values belong to an enum type: then name it.",
    "DS414": "Say whether the enum is a flags enum (isFlags in the annotation).",
    "DS121": "Nothing to do if the base page is right; to be explicit, name the base on the "
             "type's own page ('Inherits from').",
    "DS122": "Name the more derived base on the type's own page.",
    "DS123": "Make the base page's 'Derived types' list and the type's own page agree.",
    "DS124": "Remove the type from all but one base page's 'Derived types' list.",
    "DS125": "Nothing to do if the narrower type is meant; otherwise use the inherited type, "
             "or drop the row (the base declares the property).",
    "DS126": "Write the type cell as a collection ('[x][] collection') if the array is meant, "
             "or fix the JSON representation.",
    "DS501": "Add the HTTP request line(s) under the HTTP request heading.",
    "DS502": "Write the request line as METHOD /path (with {id} placeholders).",
    "DS503": "Fix the path segment: a property, key, cast or bound operation of the type there "
             "(or document the one it names).",
    "DS504": "Start the path at an entity set or singleton (/users, /me, ...).",
    "DS505": "Call actions with POST and functions with GET.",
    "DS506": "Make the pages documenting the operation agree.",
    "DS507": "Fix the example request body, or the type's documentation, so the two agree.",
    "DS508": "Document the navigation property on its resource page.",
    "DS509": "Add a parameter table (Parameter | Type | Description) to the Request body "
             "section.",
    "DS516": "Document the member (and its type) on the resource page of the type it "
             "belongs to.",
    "DS517": "Spell the collection-valued member in one way on the resource page and the API "
             "pages (collections are usually plural).",
    "DS601": "Remove the comment, or the codes in it that no longer occur.",
    "DS602": "Fix the comment: a known code (see 'docschema codes'), a known directive, all on "
             "one line, or the disable/enable pairing.",
    "DS701": "Remove or rename the type's page, or check the service version you compare with.",
    "DS702": "Document the service's types, or ignore this code if the docs cover a part of "
             "the service on purpose.",
    "DS703": "Make the page's base type (baseType, 'Inherits from') the service's.",
    "DS704": "Document the type as the service declares it (entity, complex or enum).",
    "DS705": "Say on the page whether the type is abstract, as the service does.",
    "DS706": "Say on the page whether the type is open, as the service does.",
    "DS707": "Remove the row, or check the property's spelling against the service.",
    "DS708": "Add a row for the property to the type's Properties or Relationships table.",
    "DS709": "Fix the row's type cell (the hint says the service's type).",
    "DS710": "Write the type cell as a collection (or not), as the service has it.",
    "DS711": "Fix what the description says about null.",
    "DS712": "Move the row between the Properties and Relationships tables.",
    "DS713": "Remove the member, or check its spelling against the service.",
    "DS714": "Add the member to the enum's Members table.",
    "DS715": "Say on the page whether the enum is a flags enum, as the service does.",
    "DS716": "Spell the name as the service does (the fix replaces it).",
    "DS717": "Put the type in the service's namespace (the Namespace line).",
    "DS718": "Make the member's Value cell the service's value.",
    "DS901": "A bug in docschema: please report it with the page.",
    "DS950": "Remove the file, or name it after the built-in template it should override "
             "(docschema templates lists them).",
    "DS902": "Nothing to do; the cache was rebuilt. Check the disk if it recurs.",
}


def help_text(code: str) -> str:
    return HELP.get(code) or CODES[code].meaning


def help_uri(code: str) -> str:
    return f"{DOCS_URL}#{code.lower()}"


def describe(code: str) -> str:
    """``docschema codes CODE``: the code, its name, severity, meaning, help and docs link."""
    key = code.strip().upper()
    if key not in CODES:
        raise LookupError(f"unknown code {code!r} (see 'docschema codes')")
    c = CODES[key]
    return (f"{c.code} {c.name} ({c.severity.value})\n\n{c.meaning}\n\n"
            f"What to do: {help_text(c.code)}\n\nSee {help_uri(c.code)}\n")


def codes_markdown() -> str:
    """docs/codes.md: one section per code, anchored by the code (``#ds101``)."""
    parts = ["# Diagnostic codes\n",
             "Generated from the registry (`generator/diagnostics.py`, help in "
             "`generator/codehelp.py`) by `docschema codes --docs`; a test keeps it current. "
             "Configure codes in `[tool.docschema.lint]` and suppress them with "
             "`<!-- docschema-disable... -->` comments (see the README).\n"]
    parts += [_section(c) for c in CODES.values()]
    return "\n".join(parts)


def _section(c: Code) -> str:
    return (f"## {c.code}\n\n`{c.name}` · default severity **{c.severity.value}**\n\n"
            f"{c.meaning}\n\n{help_text(c.code)}\n")

"""One API page → ``ApiPageFacts``: request lines, parameters, body, response, examples.

Pure and per page, like ``generator.parse`` (whose block scanner it reuses): no knowledge of
other pages or of the types. Every fact carries its file:line. What the page says is read by
small rules, each over one section:

- ``rule_request_lines``  the fenced request lines of the ``HTTP request`` section (never the
                          examples'), each split into ``PathSegment``s
- ``rule_parameter_table`` path / query / header / body parameter tables (type cells read with
                          the type-cell grammar of property tables)
- ``rule_request_body``   "supply a JSON representation of [x]", a parameter table, a stream
- ``rule_response``       the status code and the linked (or primitive) type of the Response prose
- ``rule_examples``       annotated example requests and responses
"""

from __future__ import annotations

import bisect
import dataclasses
import posixpath
import re
from collections.abc import Sequence
from typing import Any

from markdown_it.token import Token

from generator.lenient import parse_lenient
from generator.model import (
    ApiPageFacts,
    Diagnostic,
    ExampleFact,
    ParameterFact,
    PathSegment,
    RequestLineFact,
    SourceLocation,
    TypeExpr,
)
from generator.parse import (
    Annotation,
    Blocks,
    Fence,
    Heading,
    Paragraph,
    Table,
    annotation_bool,
    annotation_name,
    json_value_type,
)
from generator.typecell import flatten_cell, type_from_text

Diagnostics = list[Diagnostic]

METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE")
_REQUEST_LINE = re.compile(r"^\s*(GET|POST|PATCH|PUT|DELETE)\b\s*(.*?)\s*$")
_HTTP_REQUEST_HEADING = re.compile(r"^http\s+requests?\b", re.IGNORECASE)
_EXAMPLE_HEADING = re.compile(r"^examples?\b", re.IGNORECASE)
_HOST = re.compile(r"^https?://[^/\s]+(?:/(?:v1\.0|beta))?", re.IGNORECASE)
_VERSION_PREFIX = re.compile(r"^/(?:v1\.0|beta)(?=/)", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"(?:\{[^{}]*\}|<[^<>]*>|[^A-Za-z0-9{}<>()]+)*")
_GUID = re.compile(r"'?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12}'?")
_CALL = re.compile(r"^([^()]*)\((.*)\)$")
_ALTERNATE_KEY = re.compile(r"^([A-Za-z_]\w*)=(.+)$")
_STATUS = re.compile(r"\b([1-3]\d\d)(?:\s+[A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*)*)?\b")
_SUCCESS = re.compile(r"\b(2\d\d)(?:\s+[A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*)*)?\b")
_SUPPLY = re.compile(r"\b(?:supply|provide|specify|include)\b[^.]*\b(?:JSON\s+)?"
                     r"representation\b", re.IGNORECASE)
_NO_BODY = re.compile(r"\bdo\s+not\s+supply\b|\bno\s+request\s+body\b|\bempty\b",
                      re.IGNORECASE)
_MEDIA = re.compile(r"\bbinary\b|\bstream\b|\bcontents?\s+of\s+the\s+file\b", re.IGNORECASE)
_COLLECTION_WORDS = re.compile(r"\bcollection\b|\blist\s+of\b|\barray\b", re.IGNORECASE)
_PRIMITIVE_RESPONSE = re.compile(
    r"\b(String|Int32|Int64|Boolean|Double|Single|Decimal|DateTimeOffset|Guid|Binary|Stream)\b")
_EMPTY_BODY = re.compile(
    r"\b(?:does\s+not|doesn't|will\s+not|won't)\s+return\s+anything\b|\breturns?\s+nothing\b"
    r"|\b(?:with\s+)?no\s+(?:response\s+)?(?:content|body)\b|\ban\s+empty\s+(?:response\s+)?body\b",
    re.IGNORECASE)
_DOWNLOAD = re.compile(r"\bredirects?\b.*\bdownload\b", re.IGNORECASE)
_IN_HEADER = re.compile(r"\bheaders?\b", re.IGNORECASE)
_IN_BODY = re.compile(r"\b(?:response|message)\s+body\b|\bin\s+the\s+body\b", re.IGNORECASE)
#: "a `true` value is returned", "returns true if ...": a Boolean result.
_BOOLEAN_RESPONSE = re.compile(r"\b(?:an?\s+(?:true|false)\s+value\b|returns?\s+(?:true|false)\b)",
                               re.IGNORECASE)
_ODATA_OPTION = re.compile(r"`?(\$(?:select|filter|expand|orderby|top|skip|search|count|"
                           r"format|skiptoken))\b", re.IGNORECASE)
_NAME_HEADERS = ("name", "parameter", "parameter name", "property", "header", "header name",
                 "query parameter", "property name")
_TYPE_HEADERS = ("type", "value", "data type", "parameter type")
_DESCRIPTION_HEADERS = ("description", "notes", "details", "remarks")


_RESOURCE_HEADING = re.compile(r"^(?:properties|relationships|json\s+representation)\b",
                               re.IGNORECASE)


def is_api_page(doc_type: str | None, blocks: Blocks, lines: Sequence[str] = ()) -> bool:
    """An API page: an HTTP request section holding request lines, or ``doc_type: apiPageType``
    on a page without a resource's sections (pages are told apart by content first: some
    resource pages carry an API page's front matter)."""
    if any(_is_request_fence(fence) for fence in without_tab_headings(blocks, lines).fences):
        return True
    return (doc_type or "").strip().lower() == "apipagetype" and not any(
        _RESOURCE_HEADING.match(h.text.strip()) for h in blocks.headings)


def _is_request_fence(fence: Fence) -> bool:
    return (_section_heading(fence.headings, _HTTP_REQUEST_HEADING) is not None
            and any(_REQUEST_LINE.match(line) for line in fence.text.split("\n")))


def _section_heading(headings: Sequence[Heading], pattern: re.Pattern[str]) -> Heading | None:
    """The heading matching ``pattern`` among ``headings``, unless it sits in an Example."""
    if any(_EXAMPLE_HEADING.match(h.text) for h in headings):
        return None
    for heading in reversed(headings):
        if pattern.match(heading.text.strip()):
            return heading
    return None


_TAB_HEADING = re.compile(r"^\s*#+\s*\[[^\]]*\]\(#tab/")


def without_tab_headings(blocks: Blocks, lines: Sequence[str]) -> Blocks:
    """``blocks`` with docs tab markers (``# [HTTP](#tab/http)``, headings to markdown) taken
    out of every block's heading chain, which they would otherwise cut: a request fence
    under a tab stays in its HTTP request section."""
    real = [h for h in blocks.headings
            if not (0 < h.line <= len(lines) and _TAB_HEADING.match(lines[h.line - 1]))]
    if len(real) == len(blocks.headings):
        return blocks
    chains: list[tuple[int, tuple[Heading, ...]]] = []
    chain: list[Heading] = []
    for heading in real:
        chain = [h for h in chain if h.level < heading.level] + [heading]
        chains.append((heading.line, tuple(chain)))
    starts = [line for line, _ in chains]

    def chain_at(line: int) -> tuple[Heading, ...]:
        at = bisect.bisect_right(starts, line) - 1
        return chains[at][1] if at >= 0 else ()

    return Blocks(
        headings=real,
        tables=[dataclasses.replace(t, headings=chain_at(t.line)) for t in blocks.tables],
        paragraphs=[dataclasses.replace(p, headings=chain_at(p.line))
                    for p in blocks.paragraphs],
        comments=blocks.comments,
        fences=[dataclasses.replace(f, headings=chain_at(f.line)) for f in blocks.fences],
    )


def build_api_page(path: str, title: str, blocks: Blocks, annotations: Sequence[Annotation],
                   source_lines: Sequence[str] = ()) -> tuple[ApiPageFacts, Diagnostics]:
    diagnostics: Diagnostics = []
    blocks = without_tab_headings(blocks, source_lines)
    lines = rule_request_lines(path, blocks, diagnostics, annotations)
    tables = _tables_by_section(blocks)
    # A bare "Parameters" section holds the body of a POST and the query of anything else.
    posts = bool(lines) and lines[0].method == "POST"
    tables.setdefault("body" if posts else "query", []).extend(tables.pop("parameters", []))
    body_kind, body_type, body_parameters, body_location = rule_request_body(
        path, blocks, tables.get("body", []), diagnostics)
    examples = tuple(rule_examples(path, blocks, annotations))
    status, response_type, primitive, response_location = rule_response(path, blocks)
    if status is None:
        status = next((e.status for e in examples if e.kind == "response" and e.status), None)
    body_from = ""
    if posts and body_kind == "none":
        body_parameters, body_from = rule_body_from_example(path, blocks, examples)
        body_kind = "parameters" if body_parameters else body_kind
    title_line = next((h.line for h in blocks.headings if h.level == 1), 1)
    facts = ApiPageFacts(
        title=title,
        description=_first_paragraph(blocks),
        location=SourceLocation(path, title_line),
        request_lines=tuple(lines),
        path_parameters=_parameters(path, tables.get("path", []), diagnostics),
        query_parameters=_parameters(path, tables.get("query", []), diagnostics),
        odata_options=_odata_options(blocks),
        headers=_parameters(path, tables.get("headers", []), diagnostics),
        body_kind=body_kind,
        body_type=body_type,
        body_parameters=body_parameters,
        body_location=body_location,
        status=status,
        response_type=response_type,
        response_primitive=primitive,
        response_location=response_location,
        response_empty=response_type is None and primitive is None and rule_response_empty(
            blocks),
        examples=examples,
        links=_resource_links(path, blocks),
        body_from=body_from,
    )
    if not lines:
        diagnostics.append(Diagnostic.at(SourceLocation(path, title_line), "DS501",
                                         "API page without request lines in an HTTP request "
                                         "section"))
    return facts, diagnostics


# --------------------------------------------------------------------------------------------
# Request lines
# --------------------------------------------------------------------------------------------


def rule_request_lines(path: str, blocks: Blocks, diagnostics: Diagnostics,
                       annotations: Sequence[Annotation] = ()) -> list[RequestLineFact]:
    """The request lines of the HTTP request section; a page without one (a few document each
    request under a heading of its own) gives those of its ``http`` fences outside the
    examples that no annotation marks as an example (and says so, DS501)."""
    found = _fence_request_lines(path, [f for f in blocks.fences if _section_heading(
        f.headings, _HTTP_REQUEST_HEADING) is not None], diagnostics)
    if found:
        return found
    examples = {a.index for a in annotations if a.block_type in ("request", "response")}
    loose = [f for f in blocks.fences
             if f.info.lower() == "http" and not any(i in examples for i in (
                 f.index - 1, f.index - 2)) and not any(
                 _EXAMPLE_HEADING.match(h.text) for h in f.headings)]
    found = _fence_request_lines(path, loose, diagnostics)
    if found:
        diagnostics.append(Diagnostic.at(found[0].location, "DS501", (
            f"API page without an HTTP request section; {len(found)} request lines read from "
            f"its http code blocks outside the examples")))
    return found


def _fence_request_lines(path: str, fences: Sequence[Fence], diagnostics: Diagnostics
                         ) -> list[RequestLineFact]:
    found: list[RequestLineFact] = []
    for fence in fences:
        for offset, text in enumerate(fence.text.split("\n")):
            match = _REQUEST_LINE.match(text)
            if match is None:
                continue
            location = SourceLocation(path, fence.line + 1 + offset, text.find(match[1]) + 1)
            line = parse_request_line(match[1], match[2], location)
            if isinstance(line, str):
                diagnostics.append(Diagnostic.at(location, "DS502",
                                                 f"request line not understood: {line}"))
            else:
                found.append(line)
    return found


def parse_request_line(method: str, text: str, location: SourceLocation
                       ) -> RequestLineFact | str:
    """A request line's path split into segments, or why it cannot be."""
    path, *rest = _split_top(_HOST.sub("", text.strip()), "?")
    query = "?".join(rest)
    path = re.sub(r"\{[^{}]*\}|\([^()]*\)",
                  lambda m: re.sub(r"\s+", "", m.group(0)), path).strip()
    if path and path[0].isalpha():
        path = "/" + path
    path = _VERSION_PREFIX.sub("", path).rstrip("/")
    if not path.startswith("/") or re.search(r"\s", path):
        return f"{text.strip()!r} is not a path"
    segments = split_segments(path)
    if not segments:
        return f"{text.strip()!r} has no segments"
    names = tuple(part.partition("=")[0].strip() for part in query.split("&") if part.strip())
    return RequestLineFact(method, path, tuple(segments), names, location)


def split_segments(path: str) -> list[PathSegment]:
    raw = _split_top(path.lstrip("/"), "/")
    segments: list[PathSegment] = []
    index = 0
    while index < len(raw):
        part = raw[index]
        index += 1
        if part.endswith(":") and "(" not in part:
            head = part[:-1]
            if head:
                segments.extend(segment_parts(head))
            address: list[str] = []
            while index < len(raw):
                address.append(raw[index])
                index += 1
                if raw[index - 1].endswith(":"):
                    break
            segments.append(PathSegment(address="/".join(address).rstrip(":")))
            continue
        if ":" in part and not part.startswith("{") and "(" not in part:
            head, _, rest = part.partition(":")  # root:{path}: without a slash
            segments.extend(segment_parts(head))
            segments.append(PathSegment(address=rest.rstrip(":")))
            continue
        segments.extend(segment_parts(part))
    return [s for s in segments if s.name or s.key is not None or s.address is not None]


def segment_parts(part: str) -> list[PathSegment]:
    """One ``/``-separated part → segments: a name, a key, a call, or a name and its key."""
    if part.startswith("$"):
        return [PathSegment(name=part)]
    if (("{" in part or "<" in part) and _PLACEHOLDER.fullmatch(part)) or _GUID.fullmatch(part):
        return [PathSegment(key=_placeholder_text(part))]
    alternate = _ALTERNATE_KEY.match(part)
    if alternate:  # /directoryRoles/roleTemplateId={id}
        return [PathSegment(key=_placeholder_text(alternate[2]), name=alternate[1])]
    call = _CALL.match(part)
    if call is None:
        return [PathSegment(name=part)]
    name, arguments = call[1], call[2]
    if arguments == "":
        return [PathSegment(name=name, args=())]
    pieces = _split_top(arguments, ",")
    if all("=" not in piece for piece in pieces):  # name('{id}') / name({id}): a key
        key = PathSegment(key=_placeholder_text(arguments))
        return [PathSegment(name=name), key] if name else [key]
    return [PathSegment(name=name, args=tuple(p.partition("=")[0].strip() for p in pieces))]


def _placeholder_text(text: str) -> str:
    inner = re.findall(r"\{([^{}]*)\}|<([^<>]*)>", text)
    words = [a or b for a, b in inner]
    return " | ".join(w.strip() for w in words if w.strip()) or text.strip("'\"")


def _split_top(text: str, separator: str) -> list[str]:
    """Split on ``separator`` outside (), {}, <> and quotes."""
    parts: list[str] = []
    depth = 0
    quote = False
    current: list[str] = []
    for char in text:
        if char == "'":
            quote = not quote
        elif not quote and char in "({<":
            depth += 1
        elif not quote and char in ")}>" and depth:
            depth -= 1
        elif char == separator and depth == 0 and not quote:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


# --------------------------------------------------------------------------------------------
# Parameter tables
# --------------------------------------------------------------------------------------------

_SECTIONS = (
    ("path", re.compile(r"^(?:path|uri|url)\s+parameters?\b", re.IGNORECASE)),
    ("query", re.compile(r"^(?:(?:optional|required)\s+)?query\s+(?:string\s+)?parameters?\b"
                         r"|^function\s+parameters?\b", re.IGNORECASE)),
    ("parameters", re.compile(r"^parameters$", re.IGNORECASE)),
    ("headers", re.compile(r"^(?:request\s+)?headers?\b", re.IGNORECASE)),
    ("body", re.compile(r"^request\s+body\b|^body\s+parameters?\b|^action\s+parameters?\b",
                        re.IGNORECASE)),
)


def _section_of(headings: Sequence[Heading]) -> str | None:
    if any(_EXAMPLE_HEADING.match(h.text) for h in headings):
        return None
    for heading in reversed(headings):
        for name, pattern in _SECTIONS:
            if pattern.match(heading.text.strip()):
                return name
    return None


def _tables_by_section(blocks: Blocks) -> dict[str, list[Table]]:
    found: dict[str, list[Table]] = {}
    for table in blocks.tables:
        section = _section_of(table.headings)
        if section is not None:
            found.setdefault(section, []).append(table)
    return found


def _column(header: Sequence[str], names: Sequence[str]) -> int | None:
    for wanted in names:
        for index, text in enumerate(header):
            if text.strip("* ") == wanted:
                return index
    return None


def _parameters(path: str, tables: Sequence[Table], diagnostics: Diagnostics
                ) -> tuple[ParameterFact, ...]:
    found: list[ParameterFact] = []
    for table in tables:
        found.extend(rule_parameter_table(path, table, diagnostics))
    return tuple(found)


def rule_parameter_table(path: str, table: Table, diagnostics: Diagnostics
                         ) -> list[ParameterFact]:
    """Rows of a parameter table: name, type (type-cell grammar), description, required."""
    name_column = _column(table.header, _NAME_HEADERS)
    if name_column is None:
        name_column = 0
    type_column = _column(table.header, _TYPE_HEADERS)
    description_column = _column(table.header, _DESCRIPTION_HEADERS)
    found: list[ParameterFact] = []
    for row in table.rows:
        if name_column >= len(row.cells):
            continue
        name = flatten_cell(row.cells[name_column]).text.strip("` *")
        if not name or not re.match(r"^[@$A-Za-z_][\w.\-@$]*$", name):
            continue
        location = SourceLocation(path, row.line, row.column(name_column))
        type_text = ""
        type_expr: TypeExpr | None = None
        if type_column is not None and type_column < len(row.cells):
            cell = flatten_cell(row.cells[type_column])
            type_text = cell.text
            if type_text:
                type_expr, _ = type_from_text(cell, path)
        description = ""
        if description_column is not None and description_column < len(row.cells):
            description = flatten_cell(row.cells[description_column]).text
        required = bool(re.search(r"\brequired\b", f"{description} {type_text}", re.IGNORECASE)
                        ) and not re.search(r"\bnot\s+required\b|\boptional\b", description,
                                            re.IGNORECASE)
        found.append(ParameterFact(name, type_expr, type_text, description, required, location))
    return found


def _odata_options(blocks: Blocks) -> tuple[str, ...]:
    """The OData system query options the page's query-parameter section names."""
    found: set[str] = set()
    for paragraph in blocks.paragraphs:
        if _section_of(paragraph.headings) == "query":
            found.update(m.lower() for m in _ODATA_OPTION.findall(_inline_text(paragraph.inline)))
    for table in blocks.tables:
        if _section_of(table.headings) == "query":
            for row in table.rows:
                if row.cells:
                    found.update(m.lower() for m in
                                 _ODATA_OPTION.findall(flatten_cell(row.cells[0]).text))
    return tuple(sorted(found))


# --------------------------------------------------------------------------------------------
# Request body and response prose
# --------------------------------------------------------------------------------------------


def _section_paragraphs(blocks: Blocks, pattern: re.Pattern[str]) -> list[Paragraph]:
    return [p for p in blocks.paragraphs if _section_heading(p.headings, pattern) is not None]


_RESPONSE_HEADING = re.compile(r"^responses?\b", re.IGNORECASE)
_BODY_HEADING = re.compile(r"^request\s+body\b", re.IGNORECASE)


def rule_request_body(path: str, blocks: Blocks, tables: Sequence[Table],
                      diagnostics: Diagnostics
                      ) -> tuple[str, TypeExpr | None, tuple[ParameterFact, ...],
                                 SourceLocation | None]:
    """What the Request body section says the body is: ``parameters`` (its parameter tables;
    wrapped in one object parameter when the prose says "provide a `x` object with the
    following properties"), an ``entity`` ("supply a JSON representation of [x]"), ``media``
    or ``none``. Tables without a type column (notes) or listing an enum's members
    (``Member | Value | Description``) are no parameter tables."""
    paragraphs = _section_paragraphs(blocks, _BODY_HEADING)
    tables = [t for t in tables if _is_parameter_table(t)]
    parameters = _parameters(path, tables, diagnostics)
    location = SourceLocation(path, paragraphs[0].line) if paragraphs else (
        SourceLocation(path, tables[0].line) if tables else None)
    if parameters:
        wrapper = _body_wrapper(path, paragraphs, tables[0].line)
        if wrapper is not None:
            return "parameters", None, (wrapper,), location
        return "parameters", None, parameters, location
    for paragraph in paragraphs:
        text = _inline_text(paragraph.inline)
        if _SUPPLY.search(text):
            link = _first_resource_link(path, paragraph.inline)
            if link is not None:
                return "entity", link, (), SourceLocation(path, paragraph.line)
        if _MEDIA.search(text) and not _NO_BODY.search(text):
            return "media", None, (), SourceLocation(path, paragraph.line)
    return "none", None, (), location


_ENUM_HEADER = re.compile(r"^(?:members?|values?|enum\s+values?)$")


def _is_parameter_table(table: Table) -> bool:
    """A table with a type column whose names are no enum's members (``Member | Value``)."""
    if _column(table.header, _TYPE_HEADERS) is None or not table.header:
        return False
    return _column(table.header, _NAME_HEADERS) is not None or \
        not _ENUM_HEADER.match(table.header[0].strip("* "))


#: "provide an optional `passwordCredential` object with the following properties": the
#: table lists the members of one object parameter, not the body's own parameters.
_WRAPPER = re.compile(r"\b(?:provide|supply|specify|include|pass)\s+(?:an?\s+|the\s+)?"
                      r"(?:optional\s+|required\s+)?`([A-Za-z_]\w*)`\s+(?:object|parameter)\s+"
                      r"with\s+the\s+following\b", re.IGNORECASE)


def _body_wrapper(path: str, paragraphs: Sequence[Paragraph], table_line: int
                  ) -> ParameterFact | None:
    """The object parameter the prose just before the table wraps its rows in, if any."""
    before = [p for p in paragraphs if p.line < table_line]
    if not before:
        return None
    paragraph = before[-1]
    match = _WRAPPER.search(_marked_text(paragraph.inline))
    if match is None or match[1].lower() == "json":  # "a `JSON` object": the body itself
        return None
    name = match[1]
    return ParameterFact(name, TypeExpr(name), name, "", False,
                         SourceLocation(path, paragraph.line))


def _marked_text(inline: Token) -> str:
    """An inline's text with its code spans still in backticks (line breaks as spaces)."""
    pieces = {"code_inline": "`{}`", "text": "{}", "softbreak": " ", "hardbreak": " "}
    return "".join(pieces[c.type].format(c.content) for c in inline.children or []
                   if c.type in pieces)


def rule_body_from_example(path: str, blocks: Blocks, examples: Sequence[ExampleFact]
                           ) -> tuple[tuple[ParameterFact, ...], str]:
    """The body parameters of a POST whose Request body section has no parameter table and
    names no entity: the keys of a JSON block in that section (``section``), else of the
    first example request's JSON object (``example``). The resolver says so (DS509) when an
    action's body is built from them; a POST to a collection takes the entity instead."""
    section = [f for f in blocks.fences if _section_heading(f.headings, _BODY_HEADING)
               is not None and f.text.lstrip().startswith("{")]
    found = example_parameters(path, [ExampleFact("request", "", SourceLocation(path, f.line),
                                                  f.text, f.line + 1) for f in section])
    if found:
        return found, "section"
    found = example_parameters(path, examples)
    return found, "example" if found else ""


def rule_response(path: str, blocks: Blocks
                  ) -> tuple[int | None, TypeExpr | None, str | None, SourceLocation | None]:
    # The page's own Response section (an H2); a page walking through several requests
    # (### Response under each step) leaves the status to its first example response.
    paragraphs = [p for p in _section_paragraphs(blocks, _RESPONSE_HEADING)
                  if (_section_heading(p.headings, _RESPONSE_HEADING) or p.headings[0]).level <= 2]
    success = [p for p in paragraphs if _SUCCESS.search(_inline_text(p.inline))]
    for paragraph in success or paragraphs:
        text = _inline_text(paragraph.inline)
        status = _SUCCESS.search(text) or _STATUS.search(text)
        if status is None:
            continue
        link = _first_resource_link(path, paragraph.inline)
        if link is not None and status[1] == "202" and _IN_HEADER.search(text) and \
                not _IN_BODY.search(text):
            link = None  # "202 Accepted ... a Location header to the [operation]": no body
        primitive = None
        if link is None:
            rest = text[status.end():]
            named = _PRIMITIVE_RESPONSE.search(rest)
            primitive = f"Edm.{named[1]}" if named else None
            if named is None and _BOOLEAN_RESPONSE.search(rest):
                primitive = "Edm.Boolean"
            if named is None and status[1].startswith("3") and _DOWNLOAD.search(rest):
                primitive = "Edm.Stream"  # "a 302 Found that redirects to a download URL"
            if named and (_COLLECTION_WORDS.search(rest[max(0, named.start() - 30):named.start()])
                          or re.match(r"^\W*collection\b", rest[named.end():], re.IGNORECASE)):
                primitive = f"Collection({primitive})"
        location = SourceLocation(path, paragraph.line)
        return int(status[1]), link, primitive, location
    return None, None, None, None


def rule_response_empty(blocks: Blocks) -> bool:
    """The Response section's success paragraph says no body comes back ("It does not return
    anything in the response body", "with no content")."""
    paragraphs = [p for p in _section_paragraphs(blocks, _RESPONSE_HEADING)
                  if (_section_heading(p.headings, _RESPONSE_HEADING) or p.headings[0]).level <= 2]
    success = [p for p in paragraphs if _SUCCESS.search(_inline_text(p.inline))]
    return bool(success) and bool(_EMPTY_BODY.search(_inline_text(success[0].inline)))


def _first_resource_link(path: str, inline: Token) -> TypeExpr | None:
    """The first link to a resource page, with "collection" said just before or after it."""
    before: list[str] = []
    children = list(inline.children or [])
    for index, child in enumerate(children):
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            target = href.partition("#")[0]
            beside = "/" not in target and posixpath.basename(posixpath.dirname(path)) == "api"
            if target.endswith(".md") and "/api/" not in f"/{target}" and not beside and \
                    "://" not in target:
                text = children[index + 1].content if index + 1 < len(children) else ""
                expr, _ = type_from_text(flatten_cell(f"[{text}]({href})"), path)
                if expr is not None:
                    said = " ".join(before)[-60:]
                    after = " ".join(c.content for c in children[index + 3:index + 5]
                                     if c.type in ("text", "code_inline"))
                    collection = bool(_COLLECTION_WORDS.search(said)) or expr.collection or \
                        bool(re.match(r"^\W*(?:objects?\s+)?collection\b", after, re.IGNORECASE))
                    return TypeExpr(expr.name, collection, expr.link, expr.anchor, expr.enum_hint)
        if child.type in ("text", "code_inline"):
            before.append(child.content)
    return None


def _resource_links(path: str, blocks: Blocks) -> tuple[str, ...]:
    found: list[str] = []
    for paragraph in blocks.paragraphs:
        for child in paragraph.inline.children or []:
            if child.type == "link_open":
                target = str(child.attrs.get("href", "")).partition("#")[0]
                if target.endswith(".md") and "://" not in target:
                    joined = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
                    if "/resources/" in f"/{joined}" and joined not in found:
                        found.append(joined)
    return tuple(found)


def _inline_text(inline: Token) -> str:
    return flatten_cell(inline).text


def _first_paragraph(blocks: Blocks) -> str:
    for paragraph in blocks.paragraphs:
        text = _inline_text(paragraph.inline)
        before_sections = not paragraph.headings or (
            len(paragraph.headings) == 1 and paragraph.headings[0].level == 1)
        if before_sections and text and not text.startswith("[!") and \
                not re.match(r"^namespace\s*:", text, re.IGNORECASE):
            return text
    return ""


# --------------------------------------------------------------------------------------------
# Examples
# --------------------------------------------------------------------------------------------


def rule_examples(path: str, blocks: Blocks, annotations: Sequence[Annotation]
                  ) -> list[ExampleFact]:
    """Each ``blockType: request|response`` annotation and the fence right after it."""
    fences = sorted(blocks.fences, key=lambda f: f.index)
    found: list[ExampleFact] = []
    for annotation in annotations:
        kind = annotation.block_type
        if kind not in ("request", "response"):
            continue
        fence = next((f for f in fences if f.index > annotation.index), None)
        if fence is None or fence.index > annotation.index + 2:
            continue
        body, body_line, status = _split_http(fence, kind)
        found.append(ExampleFact(
            kind=kind,
            name=str(annotation.value.get("name", "")),
            location=SourceLocation(path, fence.line),
            body=body,
            body_line=body_line,
            odata_type=annotation_name(annotation.value.get("@odata.type",
                                                            annotation.value.get("@type"))),
            collection=annotation_bool(annotation.value.get("isCollection", False)),
            status=status,
        ))
    taken = {e.location.line for e in found}
    for fence in fences:  # a bare JSON block in the page's own Response section
        heading = _section_heading(fence.headings, _RESPONSE_HEADING)
        if heading is not None and heading.level <= 2 and fence.line not in taken and \
                fence.info.strip().lower() == "json" and fence.text.lstrip().startswith("{"):
            found.append(ExampleFact(kind="response", name="", location=SourceLocation(
                path, fence.line), body=fence.text, body_line=fence.line + 1))
    return found


def _split_http(fence: Fence, kind: str) -> tuple[str, int, int | None]:
    """(JSON body, its first line, status) of an example HTTP block."""
    lines = fence.text.split("\n")
    status: int | None = None
    for offset, line in enumerate(lines):
        stripped = line.strip()
        match = re.match(r"^HTTP/\S+\s+(\d{3})", stripped)
        if match:
            status = int(match[1])
        if stripped.startswith(("{", "[")):
            return "\n".join(lines[offset:]), fence.line + 1 + offset, status
    return "", 0, status


def example_parameters(path: str, examples: Sequence[ExampleFact]
                       ) -> tuple[ParameterFact, ...]:
    """The keys of the first example request's JSON object, typed by their values: the
    parameters of an action whose page has no parameter table."""
    for example in examples:
        if example.kind != "request" or not example.body.strip().startswith("{"):
            continue
        result = parse_lenient(example.body, want_members=False)
        if not result.ok or not isinstance(result.value, dict):
            continue
        location = SourceLocation(path, example.body_line)
        return tuple(ParameterFact(str(key), json_value_type(value), "", "", False, location)
                     for key, value in result.value.items() if not str(key).startswith("@"))
    return ()


def example_payload(value: Any) -> Any:
    """An example body's entity: a collection response's ``value`` items, else the body."""
    if isinstance(value, dict) and isinstance(value.get("value"), list):
        return value["value"]
    return value

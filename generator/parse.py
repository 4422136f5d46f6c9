"""Stage 2: one page → PageFacts. Pure: no file system, no knowledge of other pages.

The page is tokenised once with markdown-it-py (``.map`` gives line numbers) and split into
blocks that carry the headings they sit under (``scan_blocks``). Small named rules then read
one construct each and return facts plus diagnostics:

- ``rule_front_matter``   YAML between ``---`` lines (title, doc_type)
- ``rule_title``          the H1
- ``rule_namespace``      the ``Namespace: microsoft.graph.x`` line, or a page annotation
- ``rule_inherits_from``  "Inherits from [x](x.md)" / "derived from **x**" / "A subclass of
                          [x]" / "extends [x]" prose
- ``rule_derived_types``  a base page's "Derived types" table, list or sentence
- ``rule_abstract``       "An abstract base class ..." prose, when the annotation does not say
- ``rule_open_type``      "This is an open type" prose, when the annotation does not say
- ``rule_annotations``    ``<!-- { ... } -->`` comments, parsed leniently
- ``rule_property_table`` Properties / Relationships tables
- ``rule_enum_table``     enum Members / "xyz values" tables
- ``rule_json_block``     the JSON representation
- ``rule_methods_table``  the Methods table

``assemble_page`` combines them into the page's TypeFact and EnumFacts, and says why a page
yields neither. ``parse_page`` guards the whole: an unexpected exception becomes DS901.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.common import normalize_url
from markdown_it.token import Token

from generator.lenient import LenientResult, Member, parse_lenient, recover_top_level_members
from generator.model import (
    Diagnostic,
    EnumFact,
    EnumMemberFact,
    JsonPropertyFact,
    MethodFact,
    PageFacts,
    PropertyFact,
    SourceLocation,
    TypeExpr,
    TypeFact,
    flag_values_allowed,
)
from generator.read import SourceFile
from generator.typecell import (
    ALTERNATIVES_NOTE,
    CellText,
    core_type,
    flatten_cell,
    type_from_text,
)


class _Markdown(MarkdownIt):
    """markdown-it-py's parser with its link normalisation memoised: a pure function of the
    URL (mdurl's parse, encode and format: a large part of tokenizing a page full of links),
    and a corpus's pages link the same few thousand targets again and again."""

    def normalizeLink(self, url: str) -> str:
        return _normalized_link(url)

    def validateLink(self, url: str) -> bool:
        return _valid_link(url)


_normalized_link = functools.lru_cache(maxsize=1 << 16)(normalize_url.normalizeLink)
_valid_link = functools.lru_cache(maxsize=1 << 16)(normalize_url.validateLink)

#: One parser per process: building a MarkdownIt instance costs more than parsing a page.
MARKDOWN: MarkdownIt = _Markdown("commonmark").enable("table")
#: libyaml's loader when pyyaml has it (same results, several times faster).
YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Diagnostics = list[Diagnostic]


# --------------------------------------------------------------------------------------------
# Blocks: the token stream cut into the pieces the rules read, each with its headings.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # plain text
    line: int  # 1-based

    @property
    def slug(self) -> str:
        return github_slug(self.text)


@dataclass(frozen=True)
class Row:
    line: int
    cells: tuple[Token, ...]  # inline tokens
    continued: str = ""  # plain text of continuation lines (see merge_continuation_rows)
    columns: tuple[int, ...] = ()  # 1-based column of each cell written in the source

    @property
    def written_cells(self) -> int:
        """Cells written in the source (markdown-it pads short rows with empty cells)."""
        return len(self.columns) if self.columns else len(self.cells)

    def column(self, cell: int) -> int:
        return self.columns[cell] if cell < len(self.columns) else 1


@dataclass(frozen=True)
class Table:
    line: int
    header: tuple[str, ...]  # plain text, lower case, whitespace collapsed
    rows: tuple[Row, ...]
    headings: tuple[Heading, ...]  # enclosing headings, outermost first


@dataclass(frozen=True)
class Paragraph:
    line: int
    inline: Token
    headings: tuple[Heading, ...]


@dataclass(frozen=True)
class Comment:
    line: int
    text: str
    index: int  # position among the page's blocks


@dataclass(frozen=True)
class Fence:
    line: int
    info: str
    text: str
    index: int
    headings: tuple[Heading, ...]


@dataclass(frozen=True)
class ListBlock:
    """A top-level bullet or numbered list: the first paragraph of each item."""

    line: int
    items: tuple[Token, ...]  # inline tokens
    headings: tuple[Heading, ...]


@dataclass
class Blocks:
    headings: list[Heading] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    lists: list[ListBlock] = field(default_factory=list)
    notes: list[Paragraph] = field(default_factory=list)  # first paragraph of a "> " quote
    comments: list[Comment] = field(default_factory=list)
    fences: list[Fence] = field(default_factory=list)


def scan_blocks(tokens: Sequence[Token], lines: Sequence[str] = ()) -> Blocks:
    """One pass over the tokens: headings, tables, paragraphs, HTML comments, code fences.

    ``lines`` (the page's source lines) lets table rows be checked against their raw text.
    """
    blocks = Blocks()
    chain: list[Heading] = []
    index = 0
    position = 0
    while index < len(tokens):
        token = tokens[index]
        line = _line(token)
        if token.type == "heading_open":
            heading = Heading(int(token.tag[1:]), _plain(tokens[index + 1]), line)
            chain = [h for h in chain if h.level < heading.level] + [heading]
            blocks.headings.append(heading)
            index += 3
            continue
        if token.type == "table_open":
            table, index = _read_table(tokens, index, tuple(chain))
            table = merge_continuation_rows(count_written_cells(table, lines), lines)
            blocks.tables.append(table)
            continue
        if token.type == "paragraph_open" and token.level == 0:
            blocks.paragraphs.append(Paragraph(line, tokens[index + 1], tuple(chain)))
        elif token.type == "paragraph_open" and token.level == 1 and index > 0 \
                and tokens[index - 1].type == "blockquote_open":
            blocks.notes.append(Paragraph(line, tokens[index + 1], tuple(chain)))
        elif token.type in ("bullet_list_open", "ordered_list_open") and token.level == 0:
            blocks.lists.append(ListBlock(line, _list_items(tokens, index), tuple(chain)))
        elif token.type == "html_block":
            for offset, comment in _comments(token.content):
                blocks.comments.append(Comment(line + offset, comment, position))
        elif token.type == "fence":
            blocks.fences.append(Fence(line, token.info.strip(), token.content, position,
                                       tuple(chain)))
        if token.level == 0 and not token.type.endswith("_close"):
            position += 1
        index += 1
    return blocks


def _list_items(tokens: Sequence[Token], start: int) -> tuple[Token, ...]:
    """The inline token of each item's first paragraph, for the list opening at ``start``."""
    items: list[Token] = []
    depth = 0
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.type.endswith("_list_open"):
            depth += 1
        elif token.type.endswith("_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif token.type == "list_item_open" and depth == 1 and index + 2 < len(tokens) \
                and tokens[index + 1].type == "paragraph_open":
            items.append(tokens[index + 2])
    return tuple(items)


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")


def count_written_cells(table: Table, lines: Sequence[str]) -> Table:
    """Record where each row's cells start in the source, and so how many it really writes:
    markdown-it pads short rows with empty cells, which would hide a row missing its Type."""
    if not lines:
        return table
    rows = tuple(Row(r.line, r.cells, r.continued, cell_columns(_raw(lines, r.line)))
                 for r in table.rows)
    return Table(table.line, table.header, rows, table.headings)


def cell_columns(raw: str) -> tuple[int, ...]:
    """1-based start column of each cell's content in a table row's source line."""
    masked = re.sub(r"`[^`]*`", lambda m: "`" * len(m.group()), raw.rstrip())
    separators = [m.start() for m in _CELL_SEPARATOR.finditer(masked)]
    first = len(masked) - len(masked.lstrip())
    starts = [first] if not masked[first:].startswith("|") else []
    starts += [position + 1 for position in separators]
    if separators and separators[-1] == len(masked) - 1:
        starts.pop()  # the closing pipe starts no cell
    columns = []
    for start in starts:
        offset = len(masked[start:]) - len(masked[start:].lstrip(" \t"))
        columns.append(start + offset + 1)
    return tuple(columns)


def merge_continuation_rows(table: Table, lines: Sequence[str]) -> Table:
    """Fallback rule: a line without a leading pipe inside a piped table continues the row above.

    Hand-written tables sometimes break a long description over two lines::

        |name|Int64|Specifies the bandwidth. Valid values 0 to 4294967295
        The value 0 (zero) means ... Valid values 0 to 4294967295|

    markdown-it reads the second line as a row of its own; this rule folds its text into the
    previous row (``Row.continued``) instead.
    """
    if not lines or not _raw(lines, table.line).lstrip().startswith("|"):
        return table
    rows: list[Row] = []
    for row in table.rows:
        if rows and not _raw(lines, row.line).lstrip().startswith("|"):
            previous = rows[-1]
            text = " ".join(_plain(c) for c in row.cells if c.content.strip())
            rows[-1] = Row(previous.line, previous.cells, f"{previous.continued} {text}".strip(),
                           previous.columns)
        else:
            rows.append(row)
    return Table(table.line, table.header, tuple(rows), table.headings)


def _raw(lines: Sequence[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _read_table(tokens: Sequence[Token], start: int, headings: tuple[Heading, ...]
                ) -> tuple[Table, int]:
    header: list[str] = []
    rows: list[Row] = []
    cells: list[Token] = []
    in_head = False
    row_line = _line(tokens[start])
    index = start + 1
    while index < len(tokens) and tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            cells, row_line = [], _line(token)
        elif token.type == "inline":
            cells.append(token)
        elif token.type == "tr_close":
            if in_head:
                header = [" ".join(_plain(c).lower().split()) for c in cells]
            else:
                rows.append(Row(row_line, tuple(cells)))
        index += 1
    return Table(_line(tokens[start]), tuple(header), tuple(rows), headings), index + 1


_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def _comments(html: str) -> Iterator[tuple[int, str]]:
    for match in _COMMENT.finditer(html):
        yield html.count("\n", 0, match.start(1)), match.group(1)


def _plain(token: Token) -> str:
    return flatten_cell(token).text


def github_slug(text: str) -> str:
    """The anchor GitHub (and docs.microsoft.com) gives a heading: ``xyz-values``."""
    lowered = text.strip().lower()
    kept = re.sub(r"[^\w\- ]", "", lowered)
    return kept.replace(" ", "-")


# --------------------------------------------------------------------------------------------
# Front matter, title, namespace, inheritance.
# --------------------------------------------------------------------------------------------

_FRONT_MATTER_FENCE = re.compile(r"^---\s*$")


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(YAML text or None, body) with the front matter's lines blanked so lines stay true."""
    lines = text.split("\n")
    if not lines or not _FRONT_MATTER_FENCE.match(lines[0]):
        return None, text
    for number in range(1, len(lines)):
        if _FRONT_MATTER_FENCE.match(lines[number]):
            yaml_text = "\n".join(lines[1:number])
            body = "\n" * (number + 1) + "\n".join(lines[number + 1:])
            return yaml_text, body
    return None, text


def rule_front_matter(path: str, yaml_text: str | None) -> tuple[dict[str, Any], Diagnostics]:
    if yaml_text is None:
        return {}, []
    try:
        data = yaml.load(yaml_text, Loader=YAML_LOADER)  # a safe loader, C or Python
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, [Diagnostic.at(SourceLocation(path, line), "DS004",
                                  f"front matter is not valid YAML: {problem}")]
    if not isinstance(data, dict):
        return {}, [Diagnostic.at(SourceLocation(path, 2), "DS004",
                                  "front matter is not a YAML mapping")]
    return data, []


def rule_title(path: str, blocks: Blocks) -> tuple[Heading | None, Diagnostics]:
    for heading in blocks.headings:
        if heading.level == 1:
            return heading, []
    return None, [Diagnostic.at(SourceLocation(path), "DS410", "the page has no H1 title")]


_NAMESPACE_LINE = re.compile(r"^\s*namespace\s*:\s*(?P<name>[A-Za-z_][\w.]*)", re.IGNORECASE)


def rule_namespace(blocks: Blocks) -> str | None:
    """The ``Namespace: x`` line (bold, backticks and links allowed)."""
    for paragraph in blocks.paragraphs:
        match = _NAMESPACE_LINE.match(_plain(paragraph.inline))
        if match:
            return match.group("name").rstrip(".")
    return None


_INHERITS = re.compile(r"\b(?:inherits|derived|derives)\s+from\b"
                       r"|\b(?:an?\s+)?subclass\s+(?:of|from)\b|\bextends\b", re.IGNORECASE)
_BARE_NAME_AFTER = re.compile(r"^\s*(?:the\s+)?\**`?(?P<name>[A-Za-z_][\w.]*)")


def rule_inherits_from(path: str, blocks: Blocks, own_name: str | None = None
                       ) -> TypeExpr | None:
    """The type named after "Inherits from" / "derived from" in the page's prose.

    The first link after the phrase names the base; without a link, the (bold or code) word
    right after it. Paragraphs inside tables are not prose and are not read. The phrase counts
    only where the page states its own base (``states_own_base``): "The following types are
    derived from **x**" names the page's derived types, not its base.
    """
    for paragraph in blocks.paragraphs:
        found = _inherits_in(path, paragraph.inline, own_name)
        if found is not None:
            return found
    return None


_SENTENCE_END = re.compile(r"[.!?:]\s+")
_SELF_NOUN = (r"(?:(?:resource|entity|complex|abstract|base)\s+)*"
              r"(?:type|resource|entity|class|superclass|object)")
_SELF_SUBJECT = re.compile(
    rf"^(?:(?:hence|so|thus|therefore)\s+)?(?:this|(?:this|the)\s+{_SELF_NOUN}|an?\s+(?:\w+\s+)?{_SELF_NOUN}|it|it's\s+an?\s+\w+\s+that"
    rf"|it\s+is\s+an?\s+\w+\s+that|(?:the\s+)?(?P<name>[A-Za-z_]\w*)(?:\s+{_SELF_NOUN})?)"
    rf"(?:\s+(?:is|also|creates))*$",
    re.IGNORECASE)


def states_own_base(before: str, own_name: str | None) -> bool:
    """Whether the sentence part before "inherits from" makes the page's type its subject.

    Yes: nothing ("Inherits from x."), a clause ending in a comma ("Used to ..., derived from
    x"), "This type", "It is", "It's a singleton that", "A type", or the page's own name ("The
    drive resource is", "mailSearchFolder"). No: any other subject ("The following types of
    statistics are", "The x resource, which represents ..., inherits from", "the extensions
    navigation property, which is").
    """
    sentence = _SENTENCE_END.split(before)[-1].strip()
    if not sentence:
        return True
    if sentence.endswith(","):
        # The subject, if any, stands before the first comma; "Used to ..." has none.
        subject = sentence.split(",")[0].strip()
        return _SELF_SUBJECT.match(subject) is None or _is_own_subject(subject, own_name)
    return _is_own_subject(sentence, own_name)


def _is_own_subject(sentence: str, own_name: str | None) -> bool:
    match = _SELF_SUBJECT.match(sentence)
    if match is None:
        return False
    name = match.group("name")
    return name is None or (own_name is not None and name.lower() == own_name.lower())


_FILLER = re.compile(r"^(?:\s|the|an?|abstract|base|entity|resource|complex|type|class)*$",
                     re.IGNORECASE)


def _inherits_in(path: str, inline: Token, own_name: str | None = None) -> TypeExpr | None:
    """The base named right after "inherits from" in one paragraph.

    Between the phrase and the name only filler words may stand ("the abstract base type");
    the name is the first link, or a bold or code-formatted word. Anything else (prose) means
    the phrase does not name a base here.
    """
    children = list(inline.children or [])
    text_so_far = ""
    for position, child in enumerate(children):
        phrase = _INHERITS.search(text_so_far)
        if phrase:
            if not states_own_base(text_so_far[:phrase.start()], own_name):
                return None
            between = text_so_far[_last_match_end(_INHERITS, text_so_far):]
            return _base_after(path, children[position:], between)
        text_so_far += _child_plain(child)
    return None


_DERIVED_HEADING = re.compile(r"^(?:supported\s+)?derived\s+types?$", re.IGNORECASE)
_DERIVED_PHRASE = re.compile(
    r"\bderived\s+types?\b|\bbase\s+(?:type|class|resource)\s+(?:for|of)\b|\binherited\s+by\b",
    re.IGNORECASE)


def rule_derived_types(path: str, blocks: Blocks, own_name: str | None = None
                       ) -> tuple[TypeExpr, ...]:
    """The types a base page names as derived from its own type (evidence for their base).

    A "Derived types" heading: the first link of each row of its table and of each item of its
    list. Prose: after "derived types" or "base type/class/resource for" in a paragraph whose
    subject is the page's type (or none), the links that follow in that paragraph, or, when
    the paragraph ends with a colon, the first link of each item of the list right after it
    ("Supported derived types:", "the derived types are [a] and [b]", "**eventMessage** is the
    base type for [x] and [y]").
    """
    found: list[TypeExpr] = []
    for table in blocks.tables:
        if table.headings and _DERIVED_HEADING.match(table.headings[-1].text.strip()):
            found.extend(e for row in table.rows if row.cells
                         if (e := _first_link(path, row.cells[0])) is not None)
    for listed in blocks.lists:
        if listed.headings and _DERIVED_HEADING.match(listed.headings[-1].text.strip()):
            found.extend(_list_links(path, listed))
    for number in range(len(blocks.paragraphs)):
        found.extend(_derived_in_paragraph(path, blocks, number, own_name))
    for note in blocks.notes:
        found.extend(_derived_in_note(path, note, own_name))
    unique: dict[str, TypeExpr] = {}
    for expr in found:
        unique.setdefault(expr.name.lower(), expr)
    return tuple(unique.values())


_LEADS_TO_NAMES = re.compile(r"^\s*(?:(?:are|is|include|includes)\s*)?$"
                             r"|(?:such\s+as|like|including|following|:)\s*$", re.IGNORECASE)


def _text_before_link(inline: Token, offset: int) -> str:
    """The plain text from ``offset`` up to the next link: what leads from the phrase to the
    names ("for [room]", "are [a]", "such as [x]"; not "for apply actions in the [x]")."""
    text = ""
    for child in inline.children or []:
        if child.type == "link_open" and len(text) >= offset:
            break
        text += _child_plain(child)
    return text[offset:]


def _derived_in_paragraph(path: str, blocks: Blocks, number: int, own_name: str | None
                          ) -> list[TypeExpr]:
    paragraph = blocks.paragraphs[number]
    text = _plain(paragraph.inline)
    for phrase in _DERIVED_PHRASE.finditer(text):
        if not _is_derived_of_own(phrase.group(), text[:phrase.start()], own_name):
            continue
        after = _links_after(path, paragraph.inline, phrase.end())
        if after and _LEADS_TO_NAMES.search(_text_before_link(paragraph.inline, phrase.end())):
            return after
    if _DERIVED_PHRASE.search(text) and text.rstrip().endswith(":"):
        following = _list_after(blocks, paragraph.line, number)
        if following is not None:
            return _list_links(path, following)
    return []


def _derived_in_note(path: str, note: Paragraph, own_name: str | None) -> list[TypeExpr]:
    """"> This is an abstract type ... Use the derived types [a] and [b] instead."""
    text = _plain(note.inline)
    for phrase in _DERIVED_PHRASE.finditer(text):
        if _is_derived_of_own(phrase.group(), text[:phrase.start()], own_name) \
                and _LEADS_TO_NAMES.search(_text_before_link(note.inline, phrase.end())):
            return _links_after(path, note.inline, phrase.end())
    return []


def _is_derived_of_own(phrase: str, before: str, own_name: str | None) -> bool:
    """"derived type(s) [x]" on a page names the page's own derived types whatever the
    sentence's subject ("See the methods of the derived type [x]"); "base type for [x]" only
    where the page's type is the subject."""
    return phrase.lower().startswith("derived") or _names_own_derived(before, own_name)


_LEAD_WORDS = re.compile(r"(?:\b(?:is|are|the|an?|following|supported|represents|this|its|use|"
                         r"that|type|abstract|richer|of|for|many|other)\b\s*|[,;]\s*)+$",
                         re.IGNORECASE)


def _names_own_derived(before: str, own_name: str | None) -> bool:
    """Whether the sentence before the phrase is about the page's type: none, "This is the",
    "**x** is the", "Represents a", "Supported", "the following", "Use the", "x is the base
    resource for the following", "It is an abstract type that is (inherited by)"."""
    sentence = re.split(r"[.!?:;]\s+", before)[-1].strip()
    sentence = _LEAD_WORDS.sub("", sentence).strip()
    return not sentence or _is_own_subject(sentence, own_name)


def _first_link(path: str, inline: Token) -> TypeExpr | None:
    children = list(inline.children or [])
    for position, child in enumerate(children):
        if child.type == "link_open":
            expr, _ = type_from_text(flatten_cell_from(children[position:]), path)
            return expr if expr is not None and not expr.is_primitive else None
    return None


def _links_after(path: str, inline: Token, offset: int) -> list[TypeExpr]:
    """The type links in a paragraph whose start lies past ``offset`` of its plain text, up to
    the end of that sentence."""
    children = list(inline.children or [])
    found: list[TypeExpr] = []
    text = ""
    for position, child in enumerate(children):
        if len(text) >= offset and _SENTENCE_END.search(text[offset:]):
            break
        if child.type == "link_open" and len(text) >= offset:
            expr, _ = type_from_text(flatten_cell_from(children[position:]), path)
            if expr is not None and not expr.is_primitive and expr.link is not None:
                found.append(expr)
        text += _child_plain(child)
    return found


def _list_after(blocks: Blocks, line: int, number: int) -> ListBlock | None:
    """The list right after the paragraph at ``line`` (no other paragraph between)."""
    following = [b for b in blocks.lists if b.line > line]
    if not following:
        return None
    listed = min(following, key=lambda b: b.line)
    next_paragraph = blocks.paragraphs[number + 1].line \
        if number + 1 < len(blocks.paragraphs) else None
    return listed if next_paragraph is None or listed.line < next_paragraph else None


def _list_links(path: str, listed: ListBlock) -> list[TypeExpr]:
    return [e for item in listed.items if (e := _first_link(path, item)) is not None]


_ABSTRACT = re.compile(r"(?:\b(?:an?|the)\s+|^)abstract\s+(?:\w+\s+){0,2}?"
                       r"(?:type|class|resource|entity)\b|\bis\s+abstract\b"
                       r"|\bcan(?:not|'t|\s+not)\s+be\s+used\s+directly\b", re.IGNORECASE)


_ALERT_MARK = re.compile(r"^\s*\[!\w+\]\s*")  # "> [!TIP]", "> [!NOTE]" opening a note


def rule_abstract(blocks: Blocks, own_name: str | None) -> bool:
    """Whether the prose says the page's own type is abstract: "An abstract base class that
    ...", "Represents an abstract base type for ...", "This is an abstract type", "Abstract
    class to ...", "This superclass is abstract", "This superclass can't be used directly"."""
    for paragraph in (*blocks.paragraphs, *blocks.notes):
        text = _ALERT_MARK.sub("", _plain(paragraph.inline))
        for sentence in _SENTENCE_END.split(text):
            match = _ABSTRACT.search(sentence)
            if match is None:
                continue
            before = re.sub(r"^represents$", "", sentence[:match.start()].strip(),
                            flags=re.IGNORECASE)
            if not before or _is_own_subject(before, own_name):
                return True
    return False


_OPEN_TYPE = re.compile(r"\b(?:is\s+)?an?\s+(?:odata\s+(?:v4\s+)?)?open\s+type\b",
                        re.IGNORECASE)
_OPEN_TYPE_TITLE = re.compile(r"\(\s*open\s+type\s*\)", re.IGNORECASE)


def rule_open_type(blocks: Blocks, title: str | None, own_name: str | None) -> bool:
    """Whether the prose says the page's own type is open.

    "This is an open type", "This resource is an open type and ...", "It is an Open Type",
    "..., hence this is an open type", "An open type that represents ...", a title
    "x resource type (Open Type)". Not "used in the open type x" or "Properties of an open
    type can be defined by the client": there the open type is another, or any, type.
    """
    if title is not None and _OPEN_TYPE_TITLE.search(title):
        return True
    return any(_says_open_type(sentence, own_name)
               for paragraph in blocks.paragraphs
               for sentence in _SENTENCE_END.split(_plain(paragraph.inline)))


def _says_open_type(sentence: str, own_name: str | None) -> bool:
    for clause in sentence.split(","):
        match = _OPEN_TYPE.search(clause)
        if match is None:
            continue
        before = clause[:match.start()].strip()
        if not before and match.group().lower().startswith("a"):
            return True  # "An open type that represents ..."
        if before and match.group().lower().startswith("is") \
                and _is_own_subject(before, own_name):
            return True
    return False


def _base_after(path: str, children: Sequence[Token], between: str) -> TypeExpr | None:
    """Scan the children after the phrase: filler text, then a link, bold or code name."""
    if not _FILLER.match(between):
        return None
    for position, child in enumerate(children):
        if child.type == "link_open":
            expr, _ = type_from_text(flatten_cell_from(children[position:]), path)
            return expr
        if child.type == "code_inline":
            return _bare_name(child.content)
        if child.type in ("strong_open", "em_open"):
            inner = children[position + 1] if position + 1 < len(children) else None
            return _bare_name(inner.content) if inner is not None and inner.type == "text" \
                else None
        if child.type in ("text", "softbreak") and _FILLER.match(_child_plain(child)):
            continue
        return None
    return None


def _bare_name(text: str) -> TypeExpr | None:
    match = _BARE_NAME_AFTER.match(text)
    name = core_type(match.group("name").rstrip(".")) if match else None
    return TypeExpr(name) if name is not None else None


def _last_match_end(pattern: re.Pattern[str], text: str) -> int:
    end = 0
    for match in pattern.finditer(text):
        end = match.end()
    return end


def _child_plain(child: Token) -> str:
    if child.type in ("text", "code_inline"):
        return child.content
    if child.type in ("softbreak", "hardbreak"):
        return " "
    return ""


def flatten_cell_from(children: Sequence[Token]) -> CellText:
    """The first link in ``children`` (which start at its ``link_open``) as a CellText."""
    href = str(children[0].attrs.get("href", ""))
    parts: list[str] = []
    for child in children[1:]:
        if child.type == "link_close":
            break
        parts.append(_child_plain(child))
    text = " ".join("".join(parts).split())
    return CellText(text, text, href)


# --------------------------------------------------------------------------------------------
# Annotations.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Annotation:
    value: dict[str, Any]
    line: int
    index: int

    @property
    def block_type(self) -> str:
        return str(self.value.get("blockType", "")).strip().lower()

    @property
    def is_page_annotation(self) -> bool:
        return str(self.value.get("type", "")).lstrip("#").lower() == "page.annotation"


def rule_annotations(path: str, blocks: Blocks) -> tuple[list[Annotation], Diagnostics]:
    """Every ``<!-- { ... } -->`` comment, parsed leniently."""
    found: list[Annotation] = []
    diagnostics: Diagnostics = []
    for comment in blocks.comments:
        body = comment.text
        if not body.strip().startswith("{"):
            continue
        result = parse_lenient(body, want_members=False)
        if not result.ok:
            line = comment.line + (result.error_line or 1) - 1
            diagnostics.append(Diagnostic.at(SourceLocation(path, line), "DS403",
                                             f"annotation is not JSON: {result.error}"))
            continue
        if result.repaired:
            diagnostics.append(Diagnostic.at(SourceLocation(path, comment.line), "DS404",
                                             f"annotation repaired: {', '.join(result.repairs)}"))
        if isinstance(result.value, dict):
            found.append(Annotation(result.value, comment.line, comment.index))
    return found, diagnostics


def annotation_bool(value: Any) -> bool:
    """Annotation booleans, which are sometimes strings ("true")."""
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def annotation_name(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lstrip("#")


# --------------------------------------------------------------------------------------------
# Tables: which section a table belongs to, and the rules that read each kind.
# --------------------------------------------------------------------------------------------

PROPERTIES, RELATIONSHIPS, MEMBERS, METHODS, ENUM_VALUES, JSON_SECTION, OTHER = (
    "properties", "relationships", "members", "methods", "enum-values", "json", "other")

_ENUM_HEADING = re.compile(
    r"^(?P<name>[A-Za-z_][\w.]*(?:\s+[A-Za-z_][\w.]*){0,2}?)\s+(?:values?|enum|enumeration|"
    r"enum\s+values|enumeration\s+values|enum\s+type|members|options|property\s+values)$",
    re.IGNORECASE)
_SUB_DEFINITION = re.compile(r"\bproperties\s+of\b", re.IGNORECASE)
#: "Properties", "operationError properties", "Instance attributes"; not "Roles property values"
#: or "Supported property data types", which describe values, not the type's properties.
_PROPERTIES_HEADING = re.compile(r"\bproperties\b|^property$|\binstance attributes\b")


def heading_kind(heading: Heading) -> str | None:
    """What a heading introduces, or None when it says nothing we read."""
    if heading.level == 1:
        return None  # the title names the page, not a section
    text = " ".join(heading.text.split()).strip(" :")
    lowered = text.lower()
    if _ENUM_HEADING.match(text):
        return ENUM_VALUES
    if "relationship" in lowered or "navigation propert" in lowered:
        return RELATIONSHIPS
    if _SUB_DEFINITION.search(lowered):
        return OTHER  # "Properties of a token lifetime policy definition": another thing
    if _PROPERTIES_HEADING.search(lowered):
        return PROPERTIES
    if lowered in ("members", "enum members", "values", "enum values", "enumeration values"):
        return MEMBERS
    if "method" in lowered:
        return METHODS
    if "json representation" in lowered:
        return JSON_SECTION
    return None


def table_section(table: Table) -> tuple[str, Heading | None]:
    """The kind of section a table sits in, and the heading that decided it.

    The nearest heading that says something decides; an unrecognised H3+ defers to its
    parents ("### Indicator observables" under "## Properties") when the table has property
    columns ("### sortBy options" under "## Properties" holds a values table: not properties).
    An unrecognised H1/H2 does not defer. A table right under the title with Property and Type
    columns is a Properties table.
    """
    for depth, heading in enumerate(reversed(table.headings)):
        kind = heading_kind(heading)
        if kind is not None:
            if depth > 0 and kind in (PROPERTIES, RELATIONSHIPS) \
                    and property_columns(table.header) is None:
                return OTHER, None
            return kind, heading
        if heading.level <= 2:
            break
    if table.header and _column(table.header, _PROPERTY_NAMES) == 0 and "type" in table.header:
        return PROPERTIES, None
    return OTHER, None


_PROPERTY_NAMES = ("property", "property name", "name", "relationship", "relationship name",
                   "navigation property", "attribute", "field", "member")
_TYPE_NAMES = ("type", "data type", "property type", "return type")
_DESCRIPTION_NAMES = ("description", "notes", "remarks", "comments", "details")


def _column(header: Sequence[str], names: Sequence[str]) -> int | None:
    cleaned = [re.sub(r"[^\w ]", "", h).strip() for h in header]
    for name in names:
        if name in cleaned:
            return cleaned.index(name)
    return None


@dataclass(frozen=True)
class PropertyColumns:
    name: int
    type: int
    description: int | None


def property_columns(header: Sequence[str]) -> PropertyColumns | None:
    name = _column(header, _PROPERTY_NAMES)
    kind = _column(header, _TYPE_NAMES)
    if name is None or kind is None:
        return None
    return PropertyColumns(name, kind, _column(header, _DESCRIPTION_NAMES))


_FOOTNOTE = re.compile(r"(?:\[\d+\]|[\u00b9\u00b2\u00b3\u2070-\u2079*†‡]+)$")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_PROPERTY_NAME = re.compile(r"^[@A-Za-z_][\w.@\-]*$")


def clean_property_name(text: str) -> str:
    """``**name**``, `` `name` ``, ``name (deprecated)``, ``name*``, ``name¹`` → ``name``."""
    text = _PARENTHESES.sub("", text).replace("`", "").replace("*", " ")
    words = text.split()
    if not words:
        return ""
    return _FOOTNOTE.sub("", words[0]).strip(".,:;")


def rule_property_table(path: str, table: Table, navigation: bool,
                        json_types: Mapping[str, TypeExpr | None] | None = None,
                        ) -> tuple[list[PropertyFact], Diagnostics]:
    """A Properties or Relationships table → PropertyFacts (DS407, DS408, DS409 on trouble).

    ``json_types`` (the page's JSON representation, key → type) settles cells that offer
    alternatives ("[a](a.md) or [b](b.md)"): the JSON block names the type the page means,
    usually their common base.
    """
    columns = property_columns(table.header)
    if columns is None:
        header = " | ".join(table.header)
        return [], [Diagnostic.at(SourceLocation(path, table.line), "DS407",
                                  f"table under a properties heading has no name and type "
                                  f"columns (header: {header})")]
    facts: list[PropertyFact] = []
    diagnostics: Diagnostics = []
    for row in table.rows:
        fact, found = _property_row(path, row, columns, navigation, json_types or {})
        diagnostics.extend(found)
        if fact is not None:
            facts.append(fact)
    return facts, diagnostics


def _property_row(path: str, row: Row, columns: PropertyColumns, navigation: bool,
                  json_types: Mapping[str, TypeExpr | None]
                  ) -> tuple[PropertyFact | None, Diagnostics]:
    location = SourceLocation(path, row.line, row.column(columns.name))
    if all(not c.content.strip() for c in row.cells) or is_group_label_row(row, columns.name):
        return None, []
    if row.written_cells <= max(columns.name, columns.type):
        return None, [Diagnostic.at(SourceLocation(path, row.line), "DS408",
                                    f"row has {row.written_cells} cells; expected at least "
                                    f"{max(columns.name, columns.type) + 1}")]
    name = clean_property_name(_plain(row.cells[columns.name]))
    if not name or not _PROPERTY_NAME.match(name):
        return None, [Diagnostic.at(SourceLocation(path, row.line), "DS408",
                                    f"row has no property name (name cell "
                                    f"{row.cells[columns.name].content.strip()!r})")]
    type_cell = row.cells[columns.type]
    type_expr, note = type_from_text(flatten_cell(type_cell), path)
    json_type = json_types.get(name)
    if note is not None and note.startswith(ALTERNATIVES_NOTE) and json_type is not None:
        note = f"{note.split(';')[0]}; kept {json_type.name}, the JSON representation's type"
        type_expr = TypeExpr(json_type.name, json_type.collection)
    diagnostics: Diagnostics = []
    if note is not None:
        type_location = SourceLocation(path, row.line, row.column(columns.type))
        diagnostics.append(Diagnostic.at(type_location, "DS409", f"property {name!r}: {note}"))
    description_cell = row.cells[columns.description] \
        if columns.description is not None and columns.description < len(row.cells) else None
    description = _plain(description_cell) if description_cell is not None else ""
    description = f"{description} {row.continued}".strip()
    possible = possible_values(description_cell.content) if description_cell is not None else ()
    fact = PropertyFact(name, type_expr, type_cell.content.strip(), description, location,
                        navigation, possible)
    return fact, diagnostics


def is_group_label_row(row: Row, name_column: int) -> bool:
    """``|**Onboarding**|``: a bold label grouping the rows below it, not a property."""
    filled = [i for i, c in enumerate(row.cells) if c.content.strip()]
    if filled != [name_column]:
        return False
    children = [c for c in row.cells[name_column].children or [] if c.type != "text"
                or c.content.strip()]
    return len(children) >= 3 and children[0].type in ("strong_open", "em_open") \
        and children[-1].type in ("strong_close", "em_close")


_POSSIBLE_VALUES = re.compile(
    r"(?:the\s+)?(?:possible|supported|allowed|valid|accepted)\s+value(?P<plural>s)?"
    r"\s*(?:are|is|include|being)?\s*:?", re.IGNORECASE)
_CODE_SPAN = re.compile(r"`([^`]+)`")
_VALUE_WORD = re.compile(r"^[A-Za-z_][\w.\-]*$")
_SENTENCE_STOP = re.compile(r"\.(?:\s|$)|<br", re.IGNORECASE)


def possible_values(markdown: str) -> tuple[str, ...]:
    """The values after "Possible values are:" (code spans, or a plain comma list).

    The first phrase that is followed by values wins ("See the Enum definition for supported
    values. Possible values are: `a`, `b`." gives a, b). "Possible value: x." gives one value.
    """
    for match in _POSSIBLE_VALUES.finditer(markdown):
        values = _values_after(markdown[match.end():], plural=bool(match.group("plural")))
        if values:
            return values
    return ()


def _values_after(rest: str, plural: bool) -> tuple[str, ...]:
    codes = _CODE_SPAN.findall(_until_sentence_end(rest, allow_code=True))
    if codes:
        return tuple(dict.fromkeys(c.strip() for c in codes if c.strip()))
    sentence = _until_sentence_end(rest, allow_code=False)
    words = [w.strip(" *_\"'") for w in re.split(r",|\s+and\s+|\s+or\s+", sentence)]
    values = [w for w in words if _VALUE_WORD.match(w)]
    if len(values) != len([w for w in words if w]):
        return ()  # prose, not a list of values
    return tuple(dict.fromkeys(values)) if len(values) >= (2 if plural else 1) else ()


def _until_sentence_end(text: str, allow_code: bool) -> str:
    if allow_code:
        # Stop at the first sentence end outside code spans.
        position = 0
        while True:
            stop = _SENTENCE_STOP.search(text, position)
            if stop is None:
                return text
            if text.count("`", 0, stop.start()) % 2 == 0:
                return text[:stop.start()]
            position = stop.end()
    stop = _SENTENCE_STOP.search(text)
    return text[:stop.start()] if stop else text


@dataclass(frozen=True)
class EnumColumns:
    name: int
    value: int | None
    description: int | None


_ENUM_NAME_NAMES = ("member", "name", "member name", "enum member", "value name")
_ENUM_VALUE_NAMES = ("value", "int value", "integer value", "numeric value")


def enum_columns(header: Sequence[str]) -> EnumColumns | None:
    name = _column(header, _ENUM_NAME_NAMES)
    value = _column(header, _ENUM_VALUE_NAMES)
    description = _column(header, _DESCRIPTION_NAMES)
    if name is None:
        if value is None:
            return None
        return EnumColumns(value, None, description)  # "| Value | Description |"
    return EnumColumns(name, value, description)


def rule_enum_table(path: str, table: Table) -> tuple[list[EnumMemberFact], Diagnostics]:
    """A Members table → members (DS407 without a name column, DS411 for a bad Value)."""
    columns = enum_columns(table.header)
    if columns is None:
        return [], [Diagnostic.at(SourceLocation(path, table.line), "DS407",
                                  f"enum table has no Member column "
                                  f"(header: {' | '.join(table.header)})")]
    members: list[EnumMemberFact] = []
    diagnostics: Diagnostics = []
    for row in table.rows:
        location = SourceLocation(path, row.line, row.column(columns.name))
        if len(row.cells) <= columns.name:
            diagnostics.append(Diagnostic.at(location, "DS408",
                                             f"row has {len(row.cells)} cells; no member name"))
            continue
        name = clean_property_name(_plain(row.cells[columns.name]))
        if not name:
            if any(c.content.strip() for c in row.cells):
                diagnostics.append(Diagnostic.at(location, "DS408", "row has no member name"))
            continue
        value = None
        if columns.value is not None and columns.value < len(row.cells):
            value, problem = _enum_value(_plain(row.cells[columns.value]))
            if problem:
                value_location = SourceLocation(path, row.line, row.column(columns.value))
                diagnostics.append(Diagnostic.at(value_location, "DS411",
                                                 f"member {name!r}: {problem}"))
        description = _plain(row.cells[columns.description]) \
            if columns.description is not None and columns.description < len(row.cells) else ""
        members.append(EnumMemberFact(name, value, description, location))
    return members, diagnostics


def _enum_value(text: str) -> tuple[int | None, str | None]:
    cleaned = text.strip().strip("`*")
    if not cleaned:
        return None, None
    try:
        return int(cleaned, 0), None
    except ValueError:
        return None, f"value {text.strip()!r} is not an integer"


#: Words in an enum's own description, title or heading that say it is a flags enum.
_FLAGS_WORDS = re.compile(
    r"\bflags?\s+enum|\bflags\b|\bbit\s*(?:flags?|masks?|fields?)\b|\bbitwise\b"
    r"|\bcombinations?\s+of\b|\bcombined\s+with\b|\bone\s+or\s+more\b|\bmultiple\s+values\b"
    r"|\bcomma[- ]separated\b", re.IGNORECASE)
#: Words in a member's description that say so ("No flags set.", "combined with `x`").
_MEMBER_FLAGS_WORDS = re.compile(r"\bflags\b|\bbitwise\b|\bcombined\s+with\b", re.IGNORECASE)


def flags_evidence(texts: Sequence[str], members: Sequence[EnumMemberFact]) -> str | None:
    """What says an enum is a flags enum, or None.

    Flags are claimed only on the page's word: the enum's description, title or heading
    ("Flag enum representing ...", "Flags representing ...") or a member's description ("No
    flags set."), and only when the Value column allows it (distinct powers of two, or 0).
    Without words, ``looks_like_flags`` judges by the numbering.
    """
    if not flag_values_allowed(m.value for m in members):
        return None
    for text in texts:
        found = _FLAGS_WORDS.search(text)
        if found:
            return f"{found.group()!r} in {' '.join(text.split())[:80]!r}"
    for member in members:
        found = _MEMBER_FLAGS_WORDS.search(member.description)
        if found:
            return f"{found.group()!r} in member {member.name!r}"
    return None


def looks_like_flags(members: Sequence[EnumMemberFact]) -> bool:
    """Every member valued, distinct powers of two (0 allowed for "none"), three or more of
    them non-zero. A plain enum counts 0, 1, 2, 3; skipping 3 is how a flags enum is numbered
    (``easServices`` 0, 1, 2, 4, 8, 16; ``clonableTeamParts`` 1, 2, 4, 8, 16).
    """
    values = [m.value for m in members]
    if not values or any(v is None for v in values):
        return False
    return sum(1 for m in members if m.value) >= 3 and flag_values_allowed(m.value for m in members)


def decide_flags(context: PageContext, location: SourceLocation, name: str,
                 texts: Sequence[str], members: Sequence[EnumMemberFact]) -> bool:
    """``flags_evidence`` in words, else values numbered like flags (DS414 says so)."""
    if flags_evidence(texts, members) is not None:
        return True
    if looks_like_flags(members):
        values = ", ".join(str(m.value) for m in members)
        context.diagnostics.append(Diagnostic.at(location, "DS414", (
            f"enum {name!r} is numbered like flags ({values}) though the page does not say it "
            f"is a flags enum; marked flags")))
        return True
    return False


def rule_methods_table(path: str, table: Table) -> tuple[list[MethodFact], Diagnostics]:
    """The Methods table: name (link text), link, return type, description."""
    header = table.header
    name_column = _column(header, ("method", "function", "action", "name", "operation"))
    if name_column is None:
        return [], []
    return_column = _column(header, ("return type", "json return type", "returns", "type"))
    description_column = _column(header, _DESCRIPTION_NAMES)
    methods: list[MethodFact] = []
    diagnostics: Diagnostics = []
    for row in table.rows:
        if len(row.cells) <= name_column:
            continue
        location = SourceLocation(path, row.line)
        cell = flatten_cell(row.cells[name_column])
        if not cell.text:
            continue
        link = _method_link(path, cell.href)
        return_type: TypeExpr | None = None
        if return_column is not None and return_column < len(row.cells):
            type_cell = flatten_cell(row.cells[return_column])
            if type_cell.text and type_cell.text.lower() not in ("none", "no content", "n/a"):
                return_type, _ = type_from_text(type_cell, path)
        description = _plain(row.cells[description_column]) \
            if description_column is not None and description_column < len(row.cells) else ""
        methods.append(MethodFact(cell.link_text or cell.text, link, return_type, description,
                                  location))
    return methods, diagnostics


def _method_link(path: str, href: str | None) -> str | None:
    if not href:
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
        return href
    expr, _ = type_from_text(CellText("x", "x", href), path)
    return expr.link if expr is not None else None


# --------------------------------------------------------------------------------------------
# The JSON representation.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JsonBlock:
    fence: Fence
    properties: tuple[JsonPropertyFact, ...]


def find_json_fence(blocks: Blocks, resource: Annotation | None) -> Fence | None:
    """The fence right after the resource annotation, else the first one under a heading
    "JSON representation"."""
    if resource is not None:
        for fence in blocks.fences:
            if fence.index > resource.index:
                if fence.index <= resource.index + 2:
                    return fence
                break
    for fence in blocks.fences:
        if any(heading_kind(h) == JSON_SECTION for h in fence.headings) \
                and fence.info.lower().split()[:1] in ([], ["json"], ["javascript"]):
            return fence
    return None


def rule_json_block(path: str, fence: Fence) -> tuple[JsonBlock, Diagnostics]:
    """Each top-level key of the block → JsonPropertyFact (DS406 repaired, DS405 hopeless)."""
    first_line = fence.line + 1
    result = parse_lenient(fence.text)
    diagnostics: Diagnostics = []
    members: Sequence[Member]
    if result.ok and isinstance(result.value, dict):
        members = result.members
        if result.repaired:
            diagnostics.append(Diagnostic.at(
                SourceLocation(path, fence.line), "DS406",
                f"JSON representation repaired: {', '.join(result.repairs)}"))
    else:
        members = recover_top_level_members(fence.text)
        diagnostics.append(_hopeless_json(path, first_line, result, len(members)))
    facts = tuple(
        JsonPropertyFact(m.key, json_value_type(m.value), m.value_text,
                         SourceLocation(path, first_line + m.line - 1, m.column))
        for m in members if not _is_annotation_key(m.key))
    return JsonBlock(fence, facts), diagnostics


def _hopeless_json(path: str, first_line: int, result: LenientResult, recovered: int
                   ) -> Diagnostic:
    if result.ok:
        reason, line = "it is not a JSON object", first_line
    else:
        reason, line = str(result.error), first_line + (result.error_line or 1) - 1
    return Diagnostic.at(SourceLocation(path, line), "DS405",
                         f"JSON representation is not JSON, even leniently ({reason}); "
                         f"kept the {recovered} top-level keys found line by line")


def _is_annotation_key(key: str) -> bool:
    return key.startswith("@odata.") or key.startswith("@")


_TIMESTAMP_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_DATE_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT32_MAX = 2**31 - 1


def json_value_type(value: Any) -> TypeExpr | None:
    """The type a JSON representation value implies ("String" → Edm.String, ...)."""
    if isinstance(value, bool):
        return TypeExpr("Edm.Boolean")
    if isinstance(value, int):
        return TypeExpr("Edm.Int32" if abs(value) <= _INT32_MAX else "Edm.Int64")
    if isinstance(value, float):
        return TypeExpr("Edm.Double")
    if isinstance(value, str):
        return _json_string_type(value)
    if isinstance(value, dict):
        odata_type = value.get("@odata.type")
        if isinstance(odata_type, str) and odata_type.strip():
            return TypeExpr(odata_type.strip().lstrip("#"))
        return None
    if isinstance(value, list):
        for item in value:
            element = json_value_type(item)
            if element is not None:
                return TypeExpr(element.name, True)
        return None
    return None


def _json_string_type(value: str) -> TypeExpr | None:
    text = value.strip()
    parsed, _ = type_from_text(CellText(text), "")
    if parsed is not None and parsed.name.startswith("Edm."):
        return TypeExpr(parsed.name, parsed.collection)
    if parsed is not None and text.lower().startswith("microsoft.graph."):
        return TypeExpr(parsed.name, parsed.collection)
    if _TIMESTAMP_VALUE.match(text):
        return TypeExpr("Edm.DateTimeOffset")
    if _DATE_VALUE.match(text):
        return TypeExpr("Edm.Date")
    return TypeExpr("Edm.String")  # an example string value: its type is string


# --------------------------------------------------------------------------------------------
# The page.
# --------------------------------------------------------------------------------------------

_ENUM_TITLE = re.compile(r"^\s*(?P<name>[A-Za-z_][\w.]*)\s+(?:enum|enumeration)(?:\s+type)?\b",
                         re.IGNORECASE)
_TYPE_TITLE = re.compile(r"^\s*(?P<name>[A-Za-z_][\w.]*)")
_RESOURCE_TITLE = re.compile(
    r"^\s*(?P<name>[A-Za-z_][\w.]*)\s+(?:resource|complex|entity)?\s*(?:type|resource|object)\b",
    re.IGNORECASE)


@dataclass
class PageContext:
    path: str
    front: dict[str, Any]
    title: Heading | None
    blocks: Blocks
    diagnostics: Diagnostics = field(default_factory=list)

    @property
    def doc_type(self) -> str | None:
        value = self.front.get("doc_type")
        return str(value).strip() if value is not None else None

    @property
    def title_text(self) -> str | None:
        if self.title is not None:
            return self.title.text
        value = self.front.get("title")
        return str(value).strip() if value is not None else None

    @property
    def is_conceptual(self) -> bool:
        return (self.doc_type or "").lower() in ("conceptualpagetype", "overview")

    @property
    def is_enum_page(self) -> bool:
        doc_type = (self.doc_type or "").lower()
        return doc_type == "enumpagetype" or bool(_ENUM_TITLE.match(self.title_text or ""))


def parse_page(source: SourceFile) -> PageFacts:
    """Never raises for bad input: every irregularity becomes a diagnostic in the facts."""
    try:
        return _parse_page(source)
    except Exception as error:  # one page must never stop the others
        diagnostic = Diagnostic.at(SourceLocation(source.path), "DS901",
                                   f"parsing failed: {type(error).__name__}: {error}")
        return PageFacts(source.path, source.sha256, diagnostics=(diagnostic,))


def _parse_page(source: SourceFile) -> PageFacts:
    path = source.path
    yaml_text, body = split_front_matter(source.text)
    front, diagnostics = rule_front_matter(path, yaml_text)
    blocks = scan_blocks(MARKDOWN.parse(body), body.split("\n"))
    title, title_diagnostics = rule_title(path, blocks)
    context = PageContext(path, front, title, blocks, diagnostics)
    context.diagnostics.extend(title_diagnostics)
    annotations, found = rule_annotations(path, blocks)
    context.diagnostics.extend(found)
    namespace = rule_namespace(blocks) or _page_annotation_namespace(annotations)
    from generator.parse_api import build_api_page, is_api_page

    lines = body.split("\n")
    if is_api_page(context.doc_type, blocks, lines):
        api, found = build_api_page(path, context.title_text or "", blocks, annotations, lines)
        return PageFacts(path=path, sha256=source.sha256, title=context.title_text,
                         doc_type=context.doc_type, namespace=namespace,
                         diagnostics=tuple(context.diagnostics + found), api=api)
    type_fact = build_type(context, annotations)
    types = ([type_fact] if type_fact is not None else []) + build_section_types(context)
    enums = build_enums(context, types)
    methods = build_methods(context)
    if not types and not enums:
        context.diagnostics.append(Diagnostic.at(SourceLocation(path, 1), "DS401",
                                                 why_no_types(context, annotations)))
    elif namespace is None:
        context.diagnostics.append(Diagnostic.at(
            SourceLocation(path, title.line if title else 1), "DS402",
            "no Namespace line; microsoft.graph assumed"))
    return PageFacts(
        path=path,
        sha256=source.sha256,
        title=context.title_text,
        doc_type=context.doc_type,
        namespace=namespace,
        types=tuple(types),
        enums=tuple(enums),
        methods=tuple(methods),
        diagnostics=tuple(context.diagnostics),
    )


def _page_annotation_namespace(annotations: Sequence[Annotation]) -> str | None:
    for annotation in annotations:
        if annotation.is_page_annotation:
            name = annotation_name(annotation.value.get("namespace"))
            if name:
                return name
    return None


def _resource_annotation(annotations: Sequence[Annotation]) -> Annotation | None:
    for annotation in annotations:
        if annotation.block_type == "resource":
            return annotation
    return None


def build_type(context: PageContext, annotations: Sequence[Annotation]) -> TypeFact | None:
    """The page's TypeFact, when it is a resource page (doc_type, annotation or table)."""
    path = context.path
    resource = _resource_annotation(annotations)
    fence = find_json_fence(context.blocks, resource)
    block: JsonBlock | None = None
    json_diagnostics: Diagnostics = []
    if fence is not None:
        block, json_diagnostics = rule_json_block(path, fence)
    json_types = {p.name: p.type for p in block.properties} if block is not None else {}
    properties: list[PropertyFact] = []
    has_property_table = False
    for table in context.blocks.tables:
        kind, decided_by = table_section(table)
        if resource is None and context.is_conceptual:
            break  # "Common properties" of an overview page describe no type of its own
        if type_section_of(table, decided_by) is not None:
            continue  # another type documented on the page (build_section_types)
        if kind in (PROPERTIES, RELATIONSHIPS) and not _is_enum_table_on_enum_page(context, table):
            has_property_table = True
            facts, found = rule_property_table(path, table, kind == RELATIONSHIPS, json_types)
            properties.extend(facts)
            context.diagnostics.extend(found)
    is_resource_doc = (context.doc_type or "").lower() == "resourcepagetype"
    if resource is None and not has_property_table and not \
            (is_resource_doc and not context.is_enum_page and _has_json_section(context)):
        return None
    if context.is_enum_page and resource is None:
        return None
    name = _type_name(context, resource)
    if name is None:
        return None
    context.diagnostics.extend(json_diagnostics)
    json_properties = block.properties if block is not None else ()
    value = resource.value if resource is not None else {}
    odata_type = annotation_name(value.get("@odata.type")) or annotation_name(value.get("@type"))
    line = resource.line if resource is not None else (context.title.line if context.title else 1)
    key = value.get("keyProperty")
    return TypeFact(
        name=name,
        location=SourceLocation(path, context.title.line if context.title else line),
        odata_type=odata_type,
        base_type=annotation_name(value.get("baseType")),
        inherits_from=rule_inherits_from(path, context.blocks, name),
        derived_types=rule_derived_types(path, context.blocks, name),
        abstract=annotation_bool(value["abstract"]) if "abstract" in value
        else rule_abstract(context.blocks, name),
        open_type=annotation_bool(value["openType"]) if "openType" in value
        else rule_open_type(context.blocks, context.title_text, name),
        key_property=str(key).strip() if isinstance(key, str) and key.strip() else None,
        description=_type_description(context),
        properties=tuple(properties),
        json_properties=json_properties,
        has_json_block=fence is not None,
    )


# --------------------------------------------------------------------------------------------
# Pages documenting several types, one per section.
# --------------------------------------------------------------------------------------------

_WORDS_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z][A-Za-z0-9]*){1,3}$")
_IDENTIFIER = re.compile(r"^[A-Za-z_][\w.]*$")


def section_type_name(text: str) -> tuple[str, bool] | None:
    """The type an H2/H3 heading names, and whether the name was joined from words.

    "postalAddress", "postalAddress resource type" name it as written; "Postal address"
    (up to four plain words) gives ``postalAddress``, joined: the page does not spell it.
    """
    text = " ".join(text.split()).strip(" :")
    titled = _RESOURCE_TITLE.match(text)
    if titled and titled.end() == len(text):
        return titled.group("name"), False
    if _IDENTIFIER.match(text):
        return text, False
    if _WORDS_NAME.match(text):
        first, *rest = text.split()
        return first[0].lower() + first[1:] + "".join(w[0].upper() + w[1:] for w in rest), True
    return None


def type_section_of(table: Table, decided_by: Heading | None) -> Heading | None:
    """The H2/H3 heading that names a type and holds the table's Properties heading.

    ``## Postal address`` / ``### Properties`` / table: the section documents a type of its
    own. A table right under an unrecognised heading (``## Page Content``) groups the page's
    own properties, and ``### Indicator observables`` under ``## Properties`` is part of them.
    """
    if decided_by is None or decided_by not in table.headings:
        return None
    for heading in reversed(table.headings[:table.headings.index(decided_by)]):
        if heading.level < 2:
            return None
        if heading_kind(heading) is None and section_type_name(heading.text) is not None:
            return heading
    return None


def build_section_types(context: PageContext) -> list[TypeFact]:
    """One TypeFact per section that documents a type (``type_section_of``), in page order."""
    sections: dict[Heading, list[tuple[Table, bool]]] = {}
    for table in context.blocks.tables:
        kind, decided_by = table_section(table)
        section = type_section_of(table, decided_by)
        if section is not None and kind in (PROPERTIES, RELATIONSHIPS):
            sections.setdefault(section, []).append((table, kind == RELATIONSHIPS))
    return [_section_type(context, heading, tables) for heading, tables in sections.items()]


def _section_type(context: PageContext, heading: Heading,
                  tables: Sequence[tuple[Table, bool]]) -> TypeFact:
    path = context.path
    named = section_type_name(heading.text)
    assert named is not None  # type_section_of checked it
    name, joined = named
    location = SourceLocation(path, heading.line)
    if joined:
        context.diagnostics.append(Diagnostic.at(
            location, "DS412", f"section {heading.text!r} documents a type the page does not "
                               f"spell as one word; named it {name!r}"))
    fence = next((f for f in context.blocks.fences if heading in f.headings
                  and f.info.lower().split()[:1] in ([], ["json"], ["javascript"])), None)
    block: JsonBlock | None = None
    if fence is not None:
        block, json_diagnostics = rule_json_block(path, fence)
        context.diagnostics.extend(json_diagnostics)
    json_types = {p.name: p.type for p in block.properties} if block is not None else {}
    properties: list[PropertyFact] = []
    for table, navigation in tables:
        facts, found = rule_property_table(path, table, navigation, json_types)
        properties.extend(facts)
        context.diagnostics.extend(found)
    description = next((_plain(p.inline) for p in context.blocks.paragraphs
                        if p.headings and p.headings[-1] == heading), "")
    return TypeFact(
        name=name,
        location=location,
        description=description,
        properties=tuple(properties),
        json_properties=block.properties if block is not None else (),
        has_json_block=fence is not None,
    )


def _has_json_section(context: PageContext) -> bool:
    return any(heading_kind(h) == JSON_SECTION for h in context.blocks.headings)


def _is_enum_table_on_enum_page(context: PageContext, table: Table) -> bool:
    return context.is_enum_page and enum_columns(table.header) is not None \
        and property_columns(table.header) is None


def _type_name(context: PageContext, resource: Annotation | None) -> str | None:
    """The short name: the annotation's ``@odata.type`` when it has one, else the title's
    first word. Without an annotation the title must name a type ("x resource type");
    "complex types JSON" names none."""
    if resource is not None:
        qualified = annotation_name(resource.value.get("@odata.type")) or \
            annotation_name(resource.value.get("@type"))
        if qualified:
            return qualified.rpartition(".")[2]
        match = _TYPE_TITLE.match(context.title_text or "")
    else:
        match = _RESOURCE_TITLE.match(context.title_text or "")
    return match.group("name") if match else None


def _type_description(context: PageContext) -> str:
    """The first prose paragraph under the title (not the Namespace line, not a note)."""
    for paragraph in context.blocks.paragraphs:
        if len(paragraph.headings) != 1 or paragraph.headings[0].level != 1:
            continue
        text = _plain(paragraph.inline)
        if not text or _NAMESPACE_LINE.match(text) or text.startswith("[!") \
                or text.lower().startswith(("inherits from", "derived from")):
            continue
        return text
    description = context.front.get("description")
    return " ".join(str(description).split()) if description else ""


def build_enums(context: PageContext, types: Sequence[TypeFact] = ()) -> list[EnumFact]:
    """Enums: the page's own (enum pages) and every ``xyz values`` section
    (named by ``section_enum_name``, which knows the page's ``types``)."""
    path = context.path
    enums: list[EnumFact] = []
    page_members: list[EnumMemberFact] = []
    page_table_line = 0
    for table in context.blocks.tables:
        kind, heading = table_section(table)
        if kind == ENUM_VALUES and heading is not None:
            match = _ENUM_HEADING.match(" ".join(heading.text.split()).strip(" :"))
            name = section_enum_name(context, match.group("name"), heading, types) \
                if match else None
            if name is None:
                continue
            members, found = rule_enum_table(path, table)
            context.diagnostics.extend(found)
            if members:
                enums.append(_enum_fact(name, members, heading, context))
        elif context.is_enum_page and (kind in (MEMBERS, OTHER) or
                                       _is_enum_table_on_enum_page(context, table)):
            if enum_columns(table.header) is None:
                continue
            members, found = rule_enum_table(path, table)
            context.diagnostics.extend(found)
            page_members.extend(members)
            page_table_line = page_table_line or table.line
    if context.is_enum_page and page_members:
        name = _enum_page_name(context)
        if name is not None:
            location = SourceLocation(path, context.title.line if context.title else 1)
            texts = (str(context.front.get("description", "")), _type_description(context),
                     context.title_text or "")
            flags = decide_flags(context, location, name, texts, page_members)
            namespace, short = split_enum_name(name)
            enums.insert(0, EnumFact(short, tuple(page_members), location, "", flags,
                                     _type_description(context), namespace))
    return enums


def section_enum_name(context: PageContext, subject: str, heading: Heading,
                      types: Sequence[TypeFact]) -> str | None:
    """The enum an ``xyz values`` section documents, or None (DS413) when no enum type is named.

    In order: the type of the properties whose type cells link to the section's anchor
    (``[openIdConnectResponseMode](#responsemode-value)``); the type of the property the
    heading names ("smsSignInState values" → its type, authenticationMethodSignInState); a
    heading that names a property typed as a primitive (quota's "State enumeration values",
    folderView's "sortBy options") lists that string's values: no enum. Otherwise the heading
    word itself, when it is one identifier (enums.md's "modality values").
    """
    linked = {p.type.name for t in types for p in t.properties
              if p.type is not None and not p.type.is_primitive and p.type.anchor
              and p.type.anchor.lower() == heading.slug and p.type.link in (None, context.path)}
    if len(linked) == 1:
        return linked.pop()
    named = _property_named(subject, types)
    if named is not None and named.type is not None and not named.type.is_primitive:
        return named.type.name
    if named is not None:
        type_text = named.type.name if named.type is not None else named.type_text
        _no_enum(context, heading, f"section {heading.text!r} lists the values of property "
                                   f"{named.name!r} ({type_text}), which names no enum type")
        return None
    if _IDENTIFIER.match(subject):
        return subject
    _no_enum(context, heading, f"section {heading.text!r} names no enum type and no property "
                               f"links to it; its values are not an enum")
    return None


def _property_named(subject: str, types: Sequence[TypeFact]) -> PropertyFact | None:
    """The property a heading subject names: "sortBy", "State" (state), "Group visibility"
    (visibility)."""
    words = subject.split()
    wanted = {"".join(words).lower(), words[-1].lower()}
    for fact in types:
        for prop in fact.properties:
            if prop.name.lower() in wanted:
                return prop
    return None


def _no_enum(context: PageContext, heading: Heading, message: str) -> None:
    context.diagnostics.append(Diagnostic.at(SourceLocation(context.path, heading.line),
                                             "DS413", message))


def _enum_fact(name: str, members: list[EnumMemberFact], heading: Heading,
               context: PageContext) -> EnumFact:
    paragraphs = [_plain(p.inline) for p in context.blocks.paragraphs
                  if p.headings and p.headings[-1] == heading]
    location = SourceLocation(context.path, heading.line)
    flags = decide_flags(context, location, name, [heading.text, *paragraphs], members)
    namespace, short = split_enum_name(name)
    return EnumFact(short, tuple(members), location, heading.slug, flags,
                    paragraphs[0] if paragraphs else "", namespace)


def split_enum_name(name: str) -> tuple[str | None, str]:
    """``microsoft.graph.callRecords.modality`` → (its namespace, ``modality``)."""
    namespace, _, short = name.rpartition(".")
    return (namespace or None), short


def _enum_page_name(context: PageContext) -> str | None:
    title = context.title_text or ""
    match = _ENUM_TITLE.match(title)
    if match:
        return match.group("name")
    if title.strip().lower() in ("enum values", "enums", "enumerations"):
        return None
    match = _TYPE_TITLE.match(title)
    return match.group("name") if match else None


def build_methods(context: PageContext) -> list[MethodFact]:
    methods: list[MethodFact] = []
    for table in context.blocks.tables:
        kind, _ = table_section(table)
        if kind == METHODS:
            facts, found = rule_methods_table(context.path, table)
            methods.extend(facts)
            context.diagnostics.extend(found)
    return methods


def why_no_types(context: PageContext, annotations: Sequence[Annotation]) -> str:
    """One sentence saying why a page yields no type and no enum."""
    doc_type = context.doc_type or "none"
    reasons: list[str] = [f"doc_type {doc_type}"]
    if context.is_enum_page:
        reasons.append("an enum page with no Members table")
    elif doc_type.lower() in ("conceptualpagetype", "overview"):
        reasons.append("a conceptual/overview page")
    if not any(a.block_type == "resource" for a in annotations):
        reasons.append("no resource annotation")
    if not any(table_section(t)[0] in (PROPERTIES, RELATIONSHIPS) for t in context.blocks.tables):
        reasons.append("no Properties table")
    if context.title is None:
        reasons.append("no title")
    elif not _RESOURCE_TITLE.match(context.title.text):
        reasons.append(f"the title {context.title.text!r} names no type")
    return "page documents no type or enum: " + ", ".join(reasons)

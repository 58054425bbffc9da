"""The strategy document as plain data: sections of blocks (paragraphs, lists, tables, a
picture's data) whose texts carry their language. Every format renders this one structure,
and a published version stores it as JSON."""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Text:
    """A text and the language it is in: the document's language, or "fi" for a report text
    not yet translated (the formats mark it so)."""

    text: str
    lang: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph, optionally led by a label in the document's language ("Tila")."""

    text: Text
    label: str = ""
    kind: str = "paragraph"


@dataclass(frozen=True)
class ItemList:
    """A list of texts, optionally under a label."""

    items: list
    label: str = ""
    kind: str = "list"


@dataclass(frozen=True)
class Table:
    """A table: a caption, column headings (document language) and rows of Texts."""

    caption: str
    columns: list
    rows: list
    kind: str = "table"


@dataclass(frozen=True)
class Flows:
    """The data of a Sankey picture, [(from, to, count)]; the same numbers are in a table
    beside it, so a format without pictures (Word) leaves it out."""

    caption: str
    flows: list
    languages: dict = field(default_factory=dict)
    kind: str = "flows"


@dataclass
class Section:
    """A numbered section (the report's own numbering) with its blocks and subsections."""

    number: str
    title: Text
    blocks: list = field(default_factory=list)
    sections: list = field(default_factory=list)

    @property
    def anchor(self):
        return "osa-" + (self.number.replace(".", "-") or "liite")

    def walk(self, level=1):
        """This section and every section under it, in reading order; each gets `level`, its
        depth in the document (1 for a main section), which sets its heading level."""
        self.level = level
        yield self
        for section in self.sections:
            yield from section.walk(level + 1)


@dataclass
class StrategyDocument:
    """The whole document: title page facts and the sections in order."""

    title: str
    year: int
    language: str
    generated_at: str
    subtitle: str
    sections: list

    def __post_init__(self):
        for _section in self.walk():
            pass  # walking gives every section its level

    def walk(self):
        for section in self.sections:
            yield from section.walk()

    def as_json(self):
        """The document as JSON-ready data (a published version stores this)."""
        return asdict(self)


_BLOCKS = {cls.kind: cls for cls in (Paragraph, ItemList, Table, Flows)}


def _text(data):
    return Text(**data)


def _block(data):
    data = dict(data)
    kind = data.pop("kind")
    if kind == "paragraph":
        return Paragraph(text=_text(data["text"]), label=data["label"])
    if kind == "list":
        return ItemList(items=[_text(item) for item in data["items"]], label=data["label"])
    if kind == "table":
        rows = [[_text(cell) for cell in row] for row in data["rows"]]
        return Table(caption=data["caption"], columns=data["columns"], rows=rows)
    flows = [tuple(flow) for flow in data["flows"]]
    return Flows(caption=data["caption"], flows=flows, languages=data.get("languages", {}))


def _section(data):
    return Section(
        number=data["number"],
        title=_text(data["title"]),
        blocks=[_block(block) for block in data["blocks"]],
        sections=[_section(section) for section in data["sections"]],
    )


def document_from_json(data):
    """A document back from `StrategyDocument.as_json()` (a published version's contents)."""
    return StrategyDocument(
        **{key: data[key] for key in ("title", "year", "language", "generated_at", "subtitle")},
        sections=[_section(section) for section in data["sections"]],
    )

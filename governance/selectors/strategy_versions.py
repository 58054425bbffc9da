"""Reads of the published strategy versions, and a section-by-section comparison of two
versions of the document (or the draft against a published one)."""

import difflib
from dataclasses import dataclass, field

from ..document.blocks import document_from_json
from ..models import StrategyVersion


def version_list():
    """Published versions, newest first, with their decision and publisher (the frozen
    contents left unread: a list does not need them)."""
    return (
        StrategyVersion.objects.select_related("decision__decided_by", "published_by")
        .defer("contents")
        .order_by("-year", "-number")
    )


def version_detail_queryset():
    return StrategyVersion.objects.select_related("decision__decided_by", "published_by")


def latest_version(*, year=None):
    """The newest published version (of `year` if given), or None."""
    versions = version_list()
    if year is not None:
        versions = versions.filter(year=year)
    return versions.first()


def version_document(version, language):
    """The version's frozen document in `language` (Finnish if it has no such language)."""
    contents = version.contents
    return document_from_json(contents.get(language) or contents["fi"])


@dataclass
class DiffLine:
    """One line of a section's comparison: "removed", "added" or "kept"."""

    kind: str
    text: str


@dataclass
class SectionChange:
    """A section that differs between the two documents: added, removed or changed, with
    its lines as they were and as they are."""

    number: str
    title: str
    status: str
    lines: list = field(default_factory=list)


def section_lines(section):
    """A section's own contents (not its subsections) as readable lines of text."""
    lines = [section.title.text]
    for block in section.blocks:
        if block.kind == "paragraph":
            lines.append(f"{block.label}: {block.text.text}" if block.label else block.text.text)
        elif block.kind == "list":
            if block.label:
                lines.append(block.label)
            lines.extend(f"• {item.text}" for item in block.items)
        elif block.kind == "table":
            lines.append(block.caption)
            lines.extend(" | ".join(cell.text for cell in row) for row in block.rows)
        # A flows picture's numbers are in the table beside it.
    return lines


def document_comparison(before, after):
    """The sections whose contents differ between the documents `before` and `after`, in
    reading order (sections matched by their number), each with the lines removed and added
    and one line of context around them."""
    old = {section.number: section for section in before.walk()}
    new = {section.number: section for section in after.walk()}
    order = [s.number for s in after.walk()] + [n for n in old if n not in new]
    changes = []
    for number in order:
        was, now = old.get(number), new.get(number)
        if was is None:
            changes.append(
                SectionChange(number, now.title.text, "added", _lines("added", section_lines(now)))
            )
        elif now is None:
            changes.append(
                SectionChange(
                    number, was.title.text, "removed", _lines("removed", section_lines(was))
                )
            )
        else:
            a, b = section_lines(was), section_lines(now)
            if a != b:
                changes.append(SectionChange(number, now.title.text, "changed", _diff(a, b)))
    return changes


def _lines(kind, texts):
    return [DiffLine(kind, text) for text in texts]


def _diff(a, b):
    rows = []
    for group in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_grouped_opcodes(1):
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                rows.extend(_lines("kept", a[i1:i2]))
                continue
            rows.extend(_lines("removed", a[i1:i2]))
            rows.extend(_lines("added", b[j1:j2]))
    return rows

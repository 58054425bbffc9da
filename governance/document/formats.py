"""The strategy document as files: PDF (WeasyPrint, tagged PDF/UA with the document's
language, from the same HTML as the print page) and Word (python-docx: real heading styles,
Word tables, the document's language and every untranslated run marked Finnish)."""

import functools
import hashlib
import io
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

# Word's language tags for the document languages (Finland's Swedish, not Sweden's).
WORD_LANGUAGES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
STYLESHEET = "css/governance-document.css"
# How long a laid-out PDF is kept (a draft's contents change with the data: a new key).
PDF_SECONDS = 24 * 60 * 60
FONT_FACES = """
@font-face { font-family: "Source Sans 3"; font-weight: 400;
  src: url("../fonts/source-sans-3-latin-400-normal.woff2"); }
@font-face { font-family: "Source Sans 3"; font-weight: 600;
  src: url("../fonts/source-sans-3-latin-600-normal.woff2"); }
@font-face { font-family: "Source Sans 3"; font-weight: 700;
  src: url("../fonts/source-sans-3-latin-700-normal.woff2"); }
body { font-family: "Source Sans 3", "DejaVu Sans", sans-serif; }
"""


def filename(document, extension):
    """The download's file name, e.g. asiakkuusstrategia-2026-sv.pdf."""
    return f"asiakkuusstrategia-{document.year}-{document.language}.{extension}"


def _static_root():
    return Path(finders.find(STYLESHEET)).parent


def _fetch_static_only(url, *args, **kwargs):
    """WeasyPrint's fetcher limited to the app's own static files: the document never makes
    the server fetch anything else (no request to a URL a text might contain)."""
    from weasyprint.urls import default_url_fetcher

    root = _static_root().parent.resolve()
    if not url.startswith("file://"):
        raise ValueError(f"not fetched: {url}")
    path = Path(url.removeprefix("file://")).resolve()
    if not path.is_relative_to(root):
        raise ValueError(f"not fetched: {url}")
    return default_url_fetcher(url, *args, **kwargs)


@functools.cache
def _layout_digest():
    """What the PDF is laid out with besides its data, as part of its cache key: the
    stylesheet, the document's templates and the translation catalogues (a deployment may
    change any of them; the processes restart with it)."""
    digest = hashlib.sha256((_static_root() / Path(STYLESHEET).name).read_bytes())
    root = Path(settings.BASE_DIR)
    for pattern in (
        "templates/governance/strategy_document*.html",
        "templates/governance/includes/strategy_document*.html",
        "locale/*/LC_MESSAGES/django.mo",
    ):
        for path in sorted(root.glob(pattern)):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def render_pdf(document, *, version=None):
    """The document as a tagged PDF (PDF/UA-1) whose language is the document's. Laying it
    out takes seconds at national scale, so the PDF is kept in the cache under a digest of
    its contents: the same contents are laid out once (the PDF then says when they were
    first read), and any change to the data or to the files it is laid out with makes
    another key."""
    contents = document.as_json()
    contents.pop("generated_at", None)
    digest = hashlib.sha256(
        json.dumps(
            [
                _layout_digest(),
                # What the title page says of a published version besides its contents.
                [version.pk, version.decision.reference, version.decision.date]
                if version
                else None,
                contents,
            ],
            sort_keys=True,
            default=str,
        ).encode()
    ).hexdigest()
    return cache.get_or_set(
        f"strategy-pdf:{digest}", lambda: _layout(_pdf_html(document, version)), PDF_SECONDS
    )


def _pdf_html(document, version):
    with translation.override(document.language):
        return render_to_string(
            "governance/strategy_document_pdf.html",
            {"document": document, "version": version},
        )


def _layout(html):
    from weasyprint import CSS, HTML

    stylesheet = _static_root() / Path(STYLESHEET).name
    base = stylesheet.as_uri()
    return HTML(string=html, base_url=base, url_fetcher=_fetch_static_only).write_pdf(
        stylesheets=[
            CSS(filename=str(stylesheet), url_fetcher=_fetch_static_only),
            CSS(string=FONT_FACES, base_url=base, url_fetcher=_fetch_static_only),
        ],
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
    )


def render_docx(document, *, version=None):
    """The document as a Word file: the title, a contents note, every section a heading of
    its level, every table a Word table with a repeated header row."""
    from docx import Document

    word = Document()
    language = WORD_LANGUAGES[document.language]
    _set_default_language(word, language)
    props = word.core_properties
    props.title = document.title
    props.subject = document.subtitle
    props.language = language
    props.author = _in(document, "Työ- ja elinkeinoministeriö")
    word.add_heading(document.title, 0)
    word.add_paragraph(document.subtitle)
    if version is not None:
        word.add_paragraph(
            f"{_in(document, 'Julkaistu versio')} {version.number} "
            f"({version.published_at:%d.%m.%Y}), "
            f"{_in(document, 'Hyväksytty päätöksellä')} {version.decision.reference}"
        )
    word.add_paragraph(f"{_in(document, 'Koottu')} {document.generated_at}")
    _add_contents(word, document.language)
    for section in document.walk():
        heading = word.add_heading(level=min(section.level, 9))
        heading.add_run(f"{section.number} ")
        _add_text(heading, section.title, document.language)
        for block in section.blocks:
            _add_block(word, block, document.language)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _add_contents(word, language):
    """The table of contents as Word's own TOC field over the heading styles, filled in with
    page numbers when Word opens the file (updateFields), then a page break."""
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word.add_paragraph().add_run(_ui(language, "Sisällys")).bold = True
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), 'TOC \\o "1-3" \\h \\z \\u')
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = _ui(language, "Sisällysluettelo päivittyy, kun tiedosto avataan Wordissa.")
    run.append(text)
    field.append(run)
    word.add_paragraph()._p.append(field)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    word.settings.element.append(update)
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _in(document, text):
    with translation.override(document.language):
        return _(text)


def _set_default_language(word, language):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), language)


def _add_text(paragraph, text, language):
    """A Text as a run; an untranslated one in Finnish, marked so (language and a note)."""
    run = paragraph.add_run(text.text)
    if text.text and text.lang != language:
        _mark_language(run, WORD_LANGUAGES.get(text.lang, text.lang))
        paragraph.add_run(f" ({_ui(language, 'ei käännetty')})")
    return run


def _ui(language, text):
    with translation.override(language):
        return _(text)


def _mark_language(run, language):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = run._r.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    rpr.append(lang)


def _add_block(word, block, language):
    if block.kind == "paragraph":
        paragraph = word.add_paragraph()
        if block.label:
            paragraph.add_run(f"{block.label}: ").bold = True
        _add_text(paragraph, block.text, language)
    elif block.kind == "list":
        if block.label:
            word.add_paragraph().add_run(block.label).bold = True
        for item in block.items:
            _add_text(word.add_paragraph(style="List Bullet"), item, language)
    elif block.kind == "table":
        _add_table(word, block, language)
    # A flows picture's numbers are in the table that follows it.


def _add_table(word, block, language):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word.add_paragraph(block.caption, style="Caption")
    rows = block.rows or [[]]
    table = word.add_table(rows=1 + len(rows), cols=len(block.columns), style="Table Grid")
    header = table.rows[0]
    # The header row repeats on every page the table runs to, and says it is a header.
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell, column in zip(header.cells, block.columns, strict=True):
        cell.paragraphs[0].add_run(column).bold = True
    if not block.rows:
        merged = table.rows[1].cells[0].merge(table.rows[1].cells[-1])
        merged.paragraphs[0].add_run(_ui(language, "ei kirjauksia"))
        return
    for row, cells in zip(table.rows[1:], block.rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            _add_text(cell.paragraphs[0], text, language)

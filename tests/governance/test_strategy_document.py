"""The strategy document (issue 15): its contents from live data in the report's structure,
the page, the PDF and the Word file, and who may read them."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.document.blocks import Paragraph, Table, document_from_json
from governance.selectors.strategy_document import strategy_document
from segments.models import Criterion, Goal, Segment, ServicePromise
from tests.factories import SegmentOfferingFactory
from tests.factories.scenarios import NEW_PROMISE_FI, decide_at_meeting, promise_proposal, submitted

PAGE = reverse("governance:strategy_document")
PDF = reverse("governance:strategy_document_pdf")
DOCX = reverse("governance:strategy_document_docx")


def _section(document, number):
    return next(section for section in document.walk() if section.number == number)


def _segment_section(document, code, part="5.1"):
    segment = Segment.objects.get(code=code)
    index = list(Segment.objects.filter(is_active=True).order_by("number")).index(segment) + 1
    return _section(document, f"{part}.{index}")


def _table(section, caption_start):
    return next(
        b for b in section.blocks if isinstance(b, Table) and b.caption.startswith(caption_start)
    )


def _paragraph(section, label):
    return next(b for b in section.blocks if isinstance(b, Paragraph) and b.label == label)


def test_strategy_document__sections_in_the_reports_order(strategy_data):
    document = strategy_document(year=2026)
    assert [s.number for s in document.sections] == ["2.2", "3", "4", "5", "6", "7", "8", "Liite"]
    assert [s.number for s in _section(document, "5").sections] == ["5.1", "5.2", "5.4", "5.5"]
    assert [s.number for s in _section(document, "6").sections] == ["6.1", "6.2", "6.3", "6.4"]
    assert document.title == "Asiakkuusstrategia 2026"
    # Every segment has its strategy section and its offering section.
    active = Segment.objects.filter(is_active=True).count()
    assert len(_section(document, "5.1").sections) == active
    assert len(_section(document, "5.2").sections) == active


def test_strategy_document__segment_texts_are_the_live_data(strategy_data):
    segment = Segment.objects.get(code="kansainvalistyvat")
    goal = segment.goals.filter(perspective=Goal.Perspective.PUBLIC_ACTOR).first()
    goal.text_fi = "Kasvattaa viennin osuutta uudella tavalla."
    goal.save()
    document = strategy_document(year=2026)
    section = _segment_section(document, "kansainvalistyvat")
    assert section.title.text == segment.name_fi
    goal_texts = [row[1].text for row in _table(section, "Tavoitteet").rows]
    goals = list(segment.goals.order_by("order", "pk"))
    # The public actor's goals first, then the customer company's (the report's 5.1.2).
    assert goal_texts == [g.text_fi for g in goals if g.perspective == "public_actor"] + [
        g.text_fi for g in goals if g.perspective == "customer"
    ]
    assert "Kasvattaa viennin osuutta uudella tavalla." in goal_texts
    criteria = _table(section, "Kriteerit").rows
    assert [row[0].text for row in criteria] == [
        str(Criterion.Kind(c.kind).label)
        for c in sorted(
            segment.criteria.all(), key=lambda c: list(Criterion.Kind.values).index(c.kind)
        )
    ]
    assert _paragraph(section, "Strategia (5.1.3)").text.text == segment.strategy.text_fi
    assert _paragraph(section, "Tyyppikuvaus").text.text == segment.description_fi


def test_strategy_document__a_confirmed_promise_with_its_decision(strategy_data, chair, decider):
    decide_at_meeting(submitted(promise_proposal(chair), chair), decider)
    section = _segment_section(strategy_document(year=2026), "kansainvalistyvat")
    assert _paragraph(section, "Vahvistettu palvelulupaus").text.text == NEW_PROMISE_FI
    assert _paragraph(section, "Päätös").text.text.startswith("ASR 1/2009")
    decisions = _table(_section(strategy_document(year=2026), "8.1"), "Tehdyt päätökset")
    assert [row[0].text for row in decisions.rows] == ["ASR 1/2009"]


def test_strategy_document__untranslated_texts_are_marked_finnish(strategy_data):
    segment = Segment.objects.get(code="suuryritykset")
    segment.name_sv = ""
    segment.save()
    section = _segment_section(strategy_document(year=2026, language="sv"), "suuryritykset")
    assert (section.title.text, section.title.lang) == (segment.name_fi, "fi")
    segment.name_sv = "Storföretag"
    segment.save()
    document = strategy_document(year=2026, language="sv")
    section = _segment_section(document, "suuryritykset")
    assert (section.title.text, section.title.lang) == ("Storföretag", "sv")
    # The document's own words are Swedish.
    assert document.title == "Kundstrategi 2026"
    assert _section(document, "7").title.lang == "sv"


def test_strategy_document__round_trips_as_json(strategy_data):
    document = strategy_document(year=2026, language="en")
    again = document_from_json(document.as_json())
    assert again.as_json() == document.as_json()


def _queries(**kwargs):
    with CaptureQueriesContext(connection) as captured:
        strategy_document(year=2026, **kwargs)
    return len(captured.captured_queries)


def test_strategy_document__constant_number_of_queries(strategy_data):
    # One offering to start with (an empty prefetch makes no query) and the content types
    # cached, as in a running server.
    SegmentOfferingFactory(segment=Segment.objects.get(code="perustajat"))
    _queries()
    few = _queries()
    segments = Segment.objects.filter(is_active=True)
    for n, segment in enumerate(segments):
        Goal.objects.create(
            segment=segment, perspective="customer", text_fi=f"Lisätavoite {n}", order=9
        )
        ServicePromise.objects.create(segment=segment, text_fi=f"Vaihtoehto {n}", order=9)
        SegmentOfferingFactory(segment=segment)
        SegmentOfferingFactory(segment=segment)
    assert _queries() == few
    assert few <= 35


def test_strategy_document_page__who_may_read(client, assert_closed_to_outsiders, role_users):
    assert_closed_to_outsiders([PAGE, PDF, DOCX])
    for user in role_users.values():
        client.force_login(user)
        assert client.get(PAGE).status_code == 200, user


def test_strategy_document_page__constant_queries(client, working_group_user, count_queries):
    client.force_login(working_group_user)
    SegmentOfferingFactory(segment=Segment.objects.get(code="perustajat"))
    few = count_queries(client, PAGE, warm=True)
    for segment in Segment.objects.filter(is_active=True):
        Goal.objects.create(segment=segment, perspective="customer", text_fi="Lisätavoite", order=9)
        SegmentOfferingFactory(segment=segment)
    assert count_queries(client, PAGE) == few


def test_strategy_document_page__in_swedish_with_finnish_marked(client, working_group_user):
    client.force_login(working_group_user)
    response = client.get(PAGE, {"kieli": "sv", "year": "2026"})
    html = response.content.decode()
    assert '<div lang="sv">' in html
    assert '<h1 id="document-title" class="document-title">Kundstrategi 2026</h1>' in html
    segment = Segment.objects.get(code="perustajat")
    assert f'<span lang="fi">{segment.name_fi}</span>' in html
    # Contents, every section's heading, the downloads in the same language.
    assert html.count('class="document-toc__item') == sum(
        1 for _ in response.context["document"].walk()
    )
    assert f'href="{PDF}?year=2026&amp;kieli=sv"' in html
    assert f'href="{DOCX}?year=2026&amp;kieli=sv"' in html


@pytest.mark.parametrize(
    "query", [{"year": "x"}, {"year": "99999999999999"}, {"kieli": "<script>"}, {"year": ""}]
)
def test_strategy_document_page__unusable_choices_fall_back(client, working_group_user, query):
    client.force_login(working_group_user)
    response = client.get(PAGE, query)
    assert response.status_code == 200
    assert response.context["document"].language in ("fi", "sv", "en")
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_strategy_document_pdf__tagged_with_its_language_and_text_in_order(
    client, working_group_user
):
    from pypdf import PdfReader

    client.force_login(working_group_user)
    response = client.get(PDF, {"kieli": "sv", "year": "2026"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="asiakkuusstrategia-2026-sv.pdf"' in response["Content-Disposition"]
    pdf = PdfReader(io.BytesIO(response.content))
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert pdf.metadata.title == "Kundstrategi 2026"
    text = "\n".join(page.extract_text() for page in pdf.pages)
    # The title page first, then the contents, then the sections in the report's order.
    assert text.index("Kundstrategi 2026") < text.index("Innehåll")
    headings = [_section_heading(text, number) for number in ("2.2", "3", "4", "5", "6", "7", "8")]
    assert headings == sorted(headings)
    goal = Segment.objects.get(code="perustajat").goals.first()
    assert goal.text_fi.split()[0] in text


def test_strategy_document_pdf__laid_out_once_until_the_data_changes(
    client, working_group_user, monkeypatch
):
    """The layout takes seconds at national scale: the same contents are laid out once,
    and a change to the data gives the changed PDF at once. What is laid out is counted
    and stands in for the PDF (WeasyPrint's own layout is tested above: here it would only
    take the seconds this test is about)."""
    from governance.document import formats

    layouts = []
    monkeypatch.setattr(formats, "_layout", lambda html: layouts.append(html) or html.encode())
    client.force_login(working_group_user)
    first = client.get(PDF, {"kieli": "fi", "year": "2026"})
    again = client.get(PDF, {"kieli": "fi", "year": "2026"})
    assert len(layouts) == 1
    assert again.content == first.content
    goal = Segment.objects.get(code="perustajat").goals.first()
    goal.text_fi = "Uudelleen muotoiltu tavoite"
    goal.save()
    changed = client.get(PDF, {"kieli": "fi", "year": "2026"})
    assert len(layouts) == 2
    assert "Uudelleen muotoiltu tavoite" in changed.content.decode()
    assert "Uudelleen muotoiltu tavoite" not in first.content.decode()
    client.get(PDF, {"kieli": "sv", "year": "2026"})  # another language: its own layout
    assert len(layouts) == 3
    assert 'lang="sv"' in layouts[2]


def _section_heading(text, number):
    """Where the section's heading is in the text after the contents (its second mention)."""
    contents_end = text.index("\n", text.index("Innehåll"))
    first = text.index(f"\n{number} ", contents_end)
    return text.index(f"\n{number} ", first + 1)


def test_strategy_document_docx__headings_tables_and_language(client, working_group_user):
    from docx import Document
    from docx.oxml.ns import qn

    client.force_login(working_group_user)
    response = client.get(DOCX, {"kieli": "sv", "year": "2026"})
    assert response.status_code == 200
    assert 'filename="asiakkuusstrategia-2026-sv.docx"' in response["Content-Disposition"]
    word = Document(io.BytesIO(response.content))
    assert word.core_properties.language == "sv-FI"
    assert word.core_properties.title == "Kundstrategi 2026"
    default = (
        word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    assert default.find(qn("w:lang")).get(qn("w:val")) == "sv-FI"
    headings = [
        (p.style.name, p.text)
        for p in word.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", "Kundstrategi 2026")
    document = strategy_document(year=2026, language="sv")
    sections = list(document.walk())
    assert [name for name, _text in headings[1:]] == [f"Heading {s.level}" for s in sections]
    assert [text.split(" ", 1)[0] for _name, text in headings[1:]] == [s.number for s in sections]
    tables = sum(1 for s in sections for b in s.blocks if isinstance(b, Table))
    assert len(word.tables) == tables
    first = word.tables[0]
    assert [cell.text for cell in first.rows[0].cells] == [
        "Nr",
        "Segment",
        "Slag",
        "Typbeskrivning",
    ]
    # Word's own table of contents over the headings, filled in when the file is opened.
    fields = [el.get(qn("w:instr")) for el in word.element.body.iter(qn("w:fldSimple"))]
    assert fields == ['TOC \\o "1-3" \\h \\z \\u']
    assert word.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    # An untranslated run says it is Finnish.
    langs = {el.get(qn("w:val")) for el in word.element.body.iter(qn("w:lang"))}
    assert "fi-FI" in langs

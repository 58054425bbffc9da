"""The overlap and gap matrix, its export, and the findings opened from it (5.2, 6.2)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from governance import roles
from offerings import analysis, services
from offerings.models import (
    CustomerNeed,
    Finding,
    Organisation,
    Service,
)
from tests.factories import (
    CustomerNeedFactory,
    FindingFactory,
    SegmentFactory,
    SegmentOfferingFactory,
    ServiceFactory,
    UserFactory,
    create_in_bulk,
    link_in_bulk,
)

pytestmark = pytest.mark.django_db


def _service(name, producers, needs, segments, *, status="current", transition=None):
    service = ServiceFactory(
        name_fi=name,
        owner=Organisation.objects.get(code=producers[0]),
        status=status,
        producers=Organisation.objects.filter(code__in=producers),
    )
    service.needs.set(needs)
    for segment in segments:
        SegmentOfferingFactory(service=service, segment=segment)
    if transition:
        from_segment, to_segment = transition
        SegmentOfferingFactory(
            service=service, kind="transition", from_segment=from_segment, to_segment=to_segment
        )
    return service


@pytest.fixture
def case(strategy_data):
    """Two segments and five needs of our own:

    - "puute": relevant in A and B, met by no service that counts (a retired one, a planned
      one, a transition service): a gap in both;
    - "paallekkain": relevant in A, met by Finnvera and by the TE-centres: an overlap;
    - "katettu": relevant in A, met by Tekes alone: served;
    - "te": relevant in A, met by three TE-centres in two services: served (one actor);
    - "ei": not relevant in A and met by nothing: not relevant.
    """
    a = SegmentFactory(code="testi-a", number=101, kind="confirmed", name_fi="Testi A")
    b = SegmentFactory(code="testi-b", number=102, name_fi="Testi B")
    needs = {}
    for order, code in enumerate(["puute", "paallekkain", "katettu", "te", "ei"], start=900):
        needs[code] = CustomerNeedFactory(code=f"t-{code}", name_fi=f"Tarve {code}", order=order)
    for code in ["puute", "paallekkain", "katettu", "te"]:
        needs[code].segments.add(a)
    needs["puute"].segments.add(b)
    made = {
        "laina": _service("Laina", ["finnvera"], [needs["paallekkain"]], [a]),
        "avustus": _service(
            "Avustus",
            ["te-uusimaa", "te-lappi"],
            [needs["paallekkain"], needs["te"]],
            [a],
            status="harmonising",
        ),
        "neuvonta": _service("Neuvonta", ["tekes"], [needs["katettu"]], [a]),
        "koulutus": _service("Koulutus", ["te-pirkanmaa"], [needs["te"]], [a]),
        "vanha": _service("Vanha", ["vtt"], [needs["puute"]], [a], status="retired"),
        "tuleva": _service("Tuleva", ["finpro"], [needs["puute"]], [a], status="planned"),
        "siirtyma": _service("Siirtymä", ["gtk"], [needs["puute"]], [], transition=(a, b)),
    }
    return {"a": a, "b": b, "needs": needs, "services": made}


def _matrix(case, **filters):
    return analysis.offering_matrix(segments=[case["a"], case["b"]], **filters)


# The analysis ------------------------------------------------------------------------------


def test_offering_matrix__gap_overlap_served_and_not_relevant(case):
    matrix = _matrix(case)
    assert [s.code for s in matrix.segments] == ["testi-a", "testi-b"]
    assert matrix.cell("t-puute", "testi-a").state == "gap"
    assert matrix.cell("t-puute", "testi-b").state == "gap"
    overlap = matrix.cell("t-paallekkain", "testi-a")
    assert overlap.state == "overlap"
    assert [s.service.name for s in overlap.services] == ["Avustus", "Laina"]
    assert overlap.actors == ["Finnvera", "TE-keskukset"]
    assert matrix.cell("t-katettu", "testi-a").state == "served"
    assert matrix.cell("t-ei", "testi-a").state == "not_relevant"
    assert matrix.cell("t-paallekkain", "testi-b").state == "not_relevant"


def test_offering_matrix__te_centres_count_as_one_actor(case):
    cell = _matrix(case).cell("t-te", "testi-a")
    assert cell.state == "served"
    assert [s.service.name for s in cell.services] == ["Avustus", "Koulutus"]
    assert cell.actors == ["TE-keskukset"]
    assert [s.producer_label for s in cell.services] == [
        "TE-keskukset (2)",
        "Pirkanmaan TE-keskus",
    ]


def test_offering_matrix__counts_overall_and_per_segment(case):
    matrix = _matrix(case)
    assert (matrix.gap_count, matrix.overlap_count) == (2, 1)
    assert [(c.segment.code, c.gaps, c.overlaps) for c in matrix.segment_counts] == [
        ("testi-a", 1, 1),
        ("testi-b", 1, 0),
    ]
    assert [(c.segment.code, c.need.code, c.state) for c in matrix.findings()] == [
        ("testi-a", "t-puute", "gap"),
        ("testi-a", "t-paallekkain", "overlap"),
        ("testi-b", "t-puute", "gap"),
    ]


def test_offering_matrix__only_basic_services_of_counted_statuses(case):
    # Retired (Vanha), planned (Tuleva) and a transition service (Siirtymä) do not count.
    assert not _matrix(case).cell("t-puute", "testi-a").services


def test_offering_matrix__status_filter(case):
    matrix = _matrix(case, status=["planned"])
    assert [s.service.name for s in matrix.cell("t-puute", "testi-a").services] == ["Tuleva"]
    assert matrix.cell("t-puute", "testi-a").state == "served"
    assert matrix.cell("t-katettu", "testi-a").state == "gap"
    assert [str(s.label) for s in matrix.statuses] == ["suunnitteilla"]


def test_offering_matrix__organisation_filter_counts_only_its_services(case):
    matrix = _matrix(case, organisation=Organisation.objects.get(code="finnvera"))
    assert matrix.cell("t-paallekkain", "testi-a").state == "served"
    assert matrix.cell("t-katettu", "testi-a").state == "gap"  # Finnvera does not meet it
    assert matrix.cell("t-te", "testi-a").state == "gap"
    assert (matrix.gap_count, matrix.overlap_count) == (4, 0)


def test_offering_matrix__segment_filter(case):
    matrix = analysis.offering_matrix(segments=[case["b"]])
    assert [s.code for s in matrix.segments] == ["testi-b"]
    assert (matrix.gap_count, matrix.overlap_count) == (1, 0)


def test_offering_matrix__inactive_needs_and_segments_are_left_out(case):
    CustomerNeed.objects.filter(code="t-puute").update(is_active=False)
    matrix = _matrix(case)
    assert "t-puute" not in [n.code for n in matrix.needs]
    assert "yhteisot" not in [s.code for s in analysis.offering_matrix().segments]


def test_offering_matrix__report_data_alone_is_all_gaps(strategy_data):
    # No services yet: every need that matters in a segment is a gap.
    matrix = analysis.offering_matrix()
    assert matrix.overlap_count == 0
    assert (
        matrix.gap_count
        == CustomerNeed.segments.through.objects.filter(segment__customer_group="company").count()
    )


def _grow(case, count):
    """`count` more services, all offered to segment A for every need: bulk, not one by one."""
    owner = Organisation.objects.get(code="tekes")
    te_centres = list(Organisation.objects.filter(kind="te_centre")[:3])
    made = create_in_bulk(
        ServiceFactory, ({"name_fi": f"Massapalvelu {n:04d}"} for n in range(count)), owner=owner
    )
    create_in_bulk(SegmentOfferingFactory, ({"service": s} for s in made), segment=case["a"])
    needs = list(case["needs"].values())
    Service.needs.through.objects.bulk_create(
        [
            Service.needs.through(service=s, customerneed=needs[n % len(needs)])
            for n, s in enumerate(made)
        ]
    )
    link_in_bulk(Service.producers, made, [owner, *te_centres])


def test_offering_matrix__queries_do_not_grow_with_services(case, django_assert_max_num_queries):
    _grow(case, 20)
    with django_assert_max_num_queries(50) as few:
        analysis.offering_matrix()
    _grow(case, 1980)
    with django_assert_max_num_queries(50) as many:
        matrix = analysis.offering_matrix()
    assert len(matrix.cell("t-katettu", "testi-a").services) == 401
    assert len(few.captured_queries) == len(many.captured_queries) <= 8


# The page ----------------------------------------------------------------------------------

MATRIX = reverse("offerings:offering_matrix")
EXPORT = reverse("offerings:offering_matrix_export")


@pytest.mark.parametrize("url", [MATRIX, EXPORT])
def test_matrix__anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [MATRIX, EXPORT])
def test_matrix__user_without_role_is_refused(client, no_role_user, url):
    client.force_login(no_role_user)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [MATRIX, EXPORT])
def test_matrix__every_role_reads(client, role_users, url, case):
    for user in role_users.values():
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_matrix__shows_services_producers_gaps_and_overlaps(client, working_group_user, case):
    client.force_login(working_group_user)
    response = client.get(MATRIX, {"segment": [case["a"].pk, case["b"].pk]})
    page = response.content.decode()
    assert response.context["matrix"].gap_count == 2
    assert 'class="cell cell--gap"' in page and ">puute</strong>" in page
    assert 'class="cell cell--overlap"' in page and ">päällekkäisyys</strong>" in page
    assert f'href="{case["services"]["laina"].get_absolute_url()}"' in page
    assert "(Finnvera)" in page and "(TE-keskukset (2))" in page
    assert '<th scope="row">Tarve katettu</th>' in page
    assert 'role="region" tabindex="0" aria-labelledby="offering-matrix-caption"' in page
    assert '<caption id="offering-matrix-caption">' in page
    need = case["needs"]["paallekkain"]
    create = reverse("offerings:finding_create")
    assert f"{create}?segment={case['a'].pk}&amp;need={need.pk}&amp;kind=overlap" in page
    assert (
        f"{create}?segment={case['b'].pk}&amp;need={case['needs']['puute'].pk}&amp;kind=gap" in page
    )
    assert f"{EXPORT}?segment={case['a'].pk}&amp;segment={case['b'].pk}" in page


def test_matrix__no_finding_links_without_the_permission(client, agency_user, case):
    client.force_login(agency_user)
    page = client.get(MATRIX).content.decode()
    assert "Avaa havainto" not in page and "puute" in page


def test_matrix__an_open_finding_replaces_the_link(client, working_group_user, case):
    FindingFactory(
        segment=case["b"], need=case["needs"]["puute"], note="Selvitetään", owner=working_group_user
    )
    client.force_login(working_group_user)
    response = client.get(MATRIX, {"segment": [case["b"].pk]})
    page = response.content.decode()
    assert "Avoin havainto" in page and "Avaa havainto" not in page


@pytest.mark.parametrize(
    ("params", "gaps", "overlaps"),
    [
        ({"status": ["planned"]}, 4, 0),
        ({"status": ["current", "harmonising", "planned"]}, 1, 1),
        ({"organisation": "finnvera"}, 4, 0),
        ({"segment": "b"}, 1, 0),
    ],
)
def test_matrix__filters(client, working_group_user, case, params, gaps, overlaps):
    if params.get("organisation"):
        params["organisation"] = Organisation.objects.get(code=params["organisation"]).pk
    if params.get("segment") == "b":
        params["segment"] = [case["b"].pk]
    else:
        params["segment"] = [case["a"].pk, case["b"].pk]
    client.force_login(working_group_user)
    matrix = client.get(MATRIX, params).context["matrix"]
    assert (matrix.gap_count, matrix.overlap_count) == (gaps, overlaps)


@pytest.mark.parametrize(
    "params",
    [
        {"organisation": "999999"},
        {"organisation": "<script>"},
        {"status": ["hack"]},
        {"segment": ["abc"]},
        {"segment": ["999999"]},
    ],
)
def test_matrix__bad_filters_are_pointed_out_not_applied(client, working_group_user, case, params):
    client.force_login(working_group_user)
    response = client.get(MATRIX, params)
    assert response.status_code == 200
    assert "rajausta ei käytetty" in response.content.decode()
    assert len(response.context["matrix"].segments) == len(analysis.segment_choices())
    assert client.get(EXPORT, params).status_code == 200


def test_matrix__query_count_same_with_20_and_2000_services(
    client, ministry_user, case, count_queries
):
    client.force_login(ministry_user)
    params = {"segment": [case["a"].pk, case["b"].pk]}
    _grow(case, 20)
    few = count_queries(client, MATRIX, params, most=60, warm=True)
    _grow(case, 1980)
    assert count_queries(client, MATRIX, params, most=60) == few


# The export --------------------------------------------------------------------------------


def _workbook(response):
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    return load_workbook(io.BytesIO(response.content))


def test_matrix_export__sheets_and_cells(client, working_group_user, case):
    case["services"]["neuvonta"].name_fi = "=HYPERLINK(1)"
    case["services"]["neuvonta"].save()
    client.force_login(working_group_user)
    workbook = _workbook(client.get(EXPORT, {"segment": [case["a"].pk, case["b"].pk]}))
    assert workbook.sheetnames == ["Matriisi", "Puutteet ja päällekkäisyydet"]
    rows = {row[0]: row[1:] for row in workbook["Matriisi"].iter_rows(values_only=True)}
    assert rows["Tarve"] == ("Testi A", "Testi B")
    assert rows["Tarve puute"] == ("PUUTE", "PUUTE")
    assert rows["Tarve paallekkain"] == (
        "PÄÄLLEKKÄISYYS: Avustus (TE-keskukset (2))\nLaina (Finnvera)",
        None,
    )
    assert rows["Tarve katettu"] == ("'=HYPERLINK(1) (Tekes)", None)
    assert rows["Tarve ei"] == (None, None)
    findings = list(workbook["Puutteet ja päällekkäisyydet"].iter_rows(values_only=True))
    assert findings == [
        ("Segmentti", "Tarve", "Laji", "Palvelut", "Tuottajat"),
        ("Testi A", "Tarve puute", "puute", None, None),
        (
            "Testi A",
            "Tarve paallekkain",
            "päällekkäisyys",
            "Avustus\nLaina",
            "Finnvera, TE-keskukset",
        ),
        ("Testi B", "Tarve puute", "puute", None, None),
    ]


def test_matrix_export__filters_apply(client, working_group_user, case):
    client.force_login(working_group_user)
    finnvera = Organisation.objects.get(code="finnvera")
    workbook = _workbook(
        client.get(EXPORT, {"segment": [case["a"].pk], "organisation": finnvera.pk})
    )
    rows = {row[0]: row[1:] for row in workbook["Matriisi"].iter_rows(values_only=True)}
    assert rows["Tarve"] == ("Testi A",)
    assert rows["Tarve paallekkain"] == ("Laina (Finnvera)",)


# Findings ----------------------------------------------------------------------------------

CREATE = reverse("offerings:finding_create")
FINDINGS = reverse("offerings:finding_list")


def _cell(case, kind="gap", need="puute", segment="a"):
    return {"segment": case[segment].pk, "need": case["needs"][need].pk, "kind": kind}


def test_finding_create__anonymous_is_sent_to_login(client, case):
    response = client.get(CREATE, _cell(case))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("user", ["no_role_user", "agency_user", "coordinator_user"])
def test_finding_create__refused_without_the_permission(client, request, case, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(CREATE, _cell(case)).status_code == 403
    response = client.post(CREATE, {**_cell(case), "note": "x", "owner": ""})
    assert response.status_code == 403
    assert not Finding.objects.exists()


def test_finding_create__form_shows_the_cell(client, working_group_user, case):
    client.force_login(working_group_user)
    response = client.get(CREATE, _cell(case, kind="overlap", need="paallekkain"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "päällekkäisyys" in page and "Tarve paallekkain" in page and "Testi A" in page
    assert "Vastuuhenkilö" in page
    assert response.context["form"].initial["owner"] == working_group_user


def test_finding_create__opens_with_history(client, working_group_user, ministry_user, case):
    client.force_login(working_group_user)
    response = client.post(
        CREATE, {**_cell(case), "note": "Kukaan ei tarjoa tätä.", "owner": ministry_user.pk}
    )
    assert response.status_code == 302 and response["Location"] == FINDINGS
    finding = Finding.objects.get()
    assert (finding.kind, finding.status, finding.owner, finding.created_by) == (
        "gap",
        "open",
        ministry_user,
        working_group_user,
    )
    history = finding.history.get()
    assert history.history_user == working_group_user
    assert history.history_change_reason == "Havainto avattu matriisista"
    page = client.get(FINDINGS).content.decode()
    assert "Havainto avattiin." in page and "Kukaan ei tarjoa tätä." in page


def test_finding_create__second_open_finding_on_a_cell_is_refused(client, working_group_user, case):
    client.force_login(working_group_user)
    data = {**_cell(case), "note": "Ensimmäinen", "owner": working_group_user.pk}
    assert client.post(CREATE, data).status_code == 302
    response = client.post(CREATE, {**data, "note": "Toinen"})
    assert response.status_code == 200
    assert "Tästä kohdasta on jo avoin havainto." in response.content.decode()
    assert Finding.objects.count() == 1


def test_finding_create__overlap_and_gap_of_one_cell_are_separate(client, working_group_user, case):
    client.force_login(working_group_user)
    for kind in ("gap", "overlap"):
        data = {**_cell(case, kind=kind), "note": "x", "owner": working_group_user.pk}
        assert client.post(CREATE, data).status_code == 302
    assert Finding.objects.count() == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Tuntematon segmentti"),
        ({"segment": "999999", "need": "1", "kind": "gap"}, "Tuntematon segmentti"),
        ({"segment": "abc", "kind": "gap"}, "Tuntematon segmentti"),
        ({"kind": "hack"}, "Havainnon laji on puute tai päällekkäisyys"),
        ({"need": "<script>"}, "Tuntematon tarve"),
    ],
)
def test_finding_create__bad_query_parameters_are_an_error_not_500(
    client, working_group_user, case, params, message
):
    query = {**_cell(case), **params} if params else {}
    client.force_login(working_group_user)
    response = client.get(CREATE, query)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "Matriisin kohtaa ei tunnistettu" in page
    assert "<textarea" not in page


def test_finding_create__tampered_hidden_fields_are_refused(client, working_group_user, case):
    client.force_login(working_group_user)
    response = client.post(
        CREATE,
        {
            **_cell(case),
            "kind": "hack",
            "segment": "999999",
            "note": "x",
            "owner": working_group_user.pk,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Tuntematon segmentti" in page
    assert not Finding.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"note": ""}, "Kirjoita huomio."),
        ({"note": "   "}, "Kirjoita huomio."),
        ({"note": "x" * 5001}, "Huomio on liian pitkä: enintään 5000 merkkiä (nyt 5001)."),
        ({"note": "<script>alert(1)</script>"}, "Kirjoita pelkkää tekstiä"),
        ({"owner": ""}, "Valitse vastuuhenkilö."),
        ({"owner": "999999"}, "Valitse vastuuhenkilö luettelosta."),
    ],
)
def test_finding_create__bad_input_is_a_finnish_message(
    client, working_group_user, case, fields, message
):
    client.force_login(working_group_user)
    data = {**_cell(case), "note": "Huomio", "owner": working_group_user.pk, **fields}
    response = client.post(CREATE, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Finding.objects.exists()


def test_finding_create__owner_must_have_a_person_record(client, working_group_user, case):
    outsider = UserFactory(username="ulkopuolinen")
    client.force_login(working_group_user)
    response = client.post(CREATE, {**_cell(case), "note": "x", "owner": outsider.pk})
    assert "Valitse vastuuhenkilö luettelosta." in response.content.decode()
    assert not Finding.objects.exists()


def _finding(case, owner, *, kind="gap", status="open"):
    return FindingFactory(
        segment=case["a"],
        need=case["needs"]["puute"],
        kind=kind,
        status=status,
        note="Selvitettävä",
        owner=owner,
    )


def test_finding_list__four_ways(client, no_role_user, role_users, case):
    response = client.get(FINDINGS)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(no_role_user)
    assert client.get(FINDINGS).status_code == 403
    _finding(case, role_users[roles.WORKING_GROUP_MEMBER])
    for user in role_users.values():
        client.force_login(user)
        response = client.get(FINDINGS)
        assert response.status_code == 200 and "Selvitettävä" in response.content.decode()


def test_finding_list__filter_by_status(client, working_group_user, case):
    _finding(case, working_group_user)
    _finding(case, working_group_user, kind="overlap", status="resolved")
    client.force_login(working_group_user)
    for status, kinds in [("open", ["gap"]), ("resolved", ["overlap"]), ("", ["gap", "overlap"])]:
        response = client.get(FINDINGS, {"status": status})
        assert sorted(f.kind for f in response.context["findings"]) == kinds
    assert client.get(FINDINGS, {"status": "hack"}).status_code == 200


def test_finding_list__query_count_does_not_grow(client, ministry_user, case, count_queries):
    client.force_login(ministry_user)
    _finding(case, ministry_user)
    few = count_queries(client, FINDINGS, most=40, warm=True)
    for n in range(30):
        FindingFactory(
            segment=case["b"],
            need=case["needs"]["puute"],
            status="resolved",
            note=f"Vanha {n}",
            owner=ministry_user,
        )
    assert count_queries(client, FINDINGS, most=40) == few


def test_finding_resolve__the_owner_resolves_with_history(client, working_group_user, case):
    finding = _finding(case, working_group_user)
    client.force_login(working_group_user)
    page = client.get(FINDINGS).content.decode()
    assert "Merkitse ratkaistuksi" in page
    response = client.post(FINDINGS, {"resolve": finding.pk}, follow=True)
    assert "Havainto merkittiin ratkaistuksi." in response.content.decode()
    finding.refresh_from_db()
    assert finding.status == "resolved"
    latest = finding.history.latest()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        "resolved",
        working_group_user,
        "Havainto merkitty ratkaistuksi",
    )


def test_finding_resolve__ministry_staff_resolve_any(
    client, ministry_user, working_group_user, case
):
    finding = _finding(case, working_group_user)
    client.force_login(ministry_user)
    assert client.post(FINDINGS, {"resolve": finding.pk}).status_code == 302
    finding.refresh_from_db()
    assert finding.status == "resolved"


def test_finding_resolve__others_are_refused(
    client, working_group_user, coordinator_user, agency_user, case
):
    finding = _finding(case, working_group_user)
    for user in (coordinator_user, agency_user):
        client.force_login(user)
        assert "Merkitse ratkaistuksi" not in client.get(FINDINGS).content.decode()
        assert client.post(FINDINGS, {"resolve": finding.pk}).status_code == 403
    finding.refresh_from_db()
    assert finding.status == "open" and finding.history.count() == 1


def test_finding_resolve__twice_or_unknown_is_a_message_not_500(client, ministry_user, case):
    finding = _finding(case, ministry_user, status="resolved")
    client.force_login(ministry_user)
    response = client.post(FINDINGS, {"resolve": finding.pk}, follow=True)
    assert "Havainto on jo merkitty ratkaistuksi." in response.content.decode()
    assert client.post(FINDINGS, {"resolve": "abc"}).status_code == 404
    assert client.post(FINDINGS, {"resolve": "999999"}).status_code == 404


def test_finding_open__service_checks_the_constraint(working_group_user, case):
    arguments = {
        "segment": case["a"],
        "need": case["needs"]["puute"],
        "kind": "gap",
        "note": "x",
        "owner": working_group_user,
        "by": working_group_user,
    }
    services.finding_open(**arguments)
    with pytest.raises(ValidationError, match="Tästä kohdasta on jo avoin havainto"):
        services.finding_open(**arguments)
    assert Finding.history.count() == 1


def test_finding_create__a_note_written_in_swedish(client, working_group_user, ministry_user, case):
    """A working-group member writes the note in Swedish: kept as written, recorded as
    Swedish in the finding and its history, and marked lang="sv" on the list."""
    client.force_login(working_group_user)
    client.cookies["kieli"] = "sv"
    form = client.get(CREATE, _cell(case)).context["form"]
    assert form["original_language"].value() == "sv"
    response = client.post(
        CREATE,
        {
            **_cell(case),
            "note": "Ingen erbjuder detta.",
            "owner": ministry_user.pk,
            "original_language": "sv",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert (finding.note, finding.original_language) == ("Ingen erbjuder detta.", "sv")
    assert finding.history.get().original_language == "sv"
    client.cookies["kieli"] = "fi"
    page = client.get(FINDINGS).content.decode()
    assert '<td lang="sv">Ingen erbjuder detta.</td>' in page


def test_finding_create__an_unknown_language_is_refused(client, working_group_user, case):
    client.force_login(working_group_user)
    data = {**_cell(case), "note": "x", "owner": working_group_user.pk, "original_language": "xx"}
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert "Tuntematon kieli" in response.content.decode()
    assert not Finding.objects.exists()

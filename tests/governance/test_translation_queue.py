"""The translation queue (issue 17): who may see and post it, its counts and coverage, a
translator clearing a segment's texts (the Done-means story), refused input with Finnish
messages and nothing changed, history rows, and queries that do not grow with the texts."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from core.translation import source_digest
from governance.models import Body, NeedsMessage, RegionalTask
from governance.selectors import translations as selectors
from offerings.models import Organisation
from segments import services as segment_services
from segments.models import Goal, Segment
from tests.factories.scenarios import log_task, needs_message

pytestmark = pytest.mark.django_db

QUEUE = reverse("governance:translation_queue")
ADD = reverse("governance:translation_add")


@pytest.fixture
def segment(strategy_data):
    return Segment.objects.get(code="perustajat")


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def goal_of(segment):
    return Goal.objects.filter(segment=segment).order_by("pk").first()


def post_data(item, field="text", language="sv", kind="goal-text", **overrides):
    """What a row of the queue posts for `item`'s `field`, with `overrides`."""
    data = {
        "kind": kind,
        "record": item.pk,
        "language": language,
        "version": getattr(item, "version", ""),
        "source": source_digest(getattr(item, f"{field}_fi")),
        "text": "Ny översättning",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def untranslated_goal(segment):
    goal = goal_of(segment)
    Goal.objects.filter(pk=goal.pk).update(text_sv="", text_en="")
    goal.refresh_from_db()
    return goal


# --- who may -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (None, 302),
        ("no_role_user", 403),
        ("coordinator_user", 403),
        ("working_group_user", 403),
        ("agency_user", 403),
        ("translator_user", 200),
        ("ministry_user", 200),
    ],
)
def test_translation_queue__who_may_open_it(request, strategy_data, user, expected):
    client = client_for(request.getfixturevalue(user) if user else None)
    assert client.get(QUEUE).status_code == expected


@pytest.mark.parametrize(
    "user", ["no_role_user", "coordinator_user", "working_group_user", "agency_user"]
)
def test_translation_add__others_change_nothing(request, segment, user):
    goal = untranslated_goal(segment)
    history = goal.history.count()
    response = client_for(request.getfixturevalue(user)).post(ADD, post_data(goal))
    assert response.status_code == 403
    goal.refresh_from_db()
    assert goal.text_sv == "" and goal.history.count() == history


def test_translation_add__anonymous_is_sent_to_log_in(segment):
    goal = untranslated_goal(segment)
    assert Client().post(ADD, post_data(goal)).status_code == 302
    goal.refresh_from_db()
    assert goal.text_sv == ""


def test_translation_add__get_is_not_allowed(translator_user):
    assert client_for(translator_user).get(ADD).status_code == 405


def test_main_nav__links_the_queue_only_for_translators(translator_user, coordinator_user):
    assert f'href="{QUEUE}"' in client_for(translator_user).get("/").content.decode()
    assert f'href="{QUEUE}"' not in client_for(coordinator_user).get("/").content.decode()


# --- counts and the queue ------------------------------------------------------------------


def test_translation_counts__count_missing_texts_and_coverage(segment):
    goals = list(Goal.objects.filter(segment=segment).order_by("pk"))
    Goal.objects.filter(segment=segment).update(text_sv="", text_en="")
    Goal.objects.filter(pk=goals[0].pk).update(text_sv="Mål")
    counts = {c.kind.key: c for c in selectors.translation_counts(segment=segment)}
    goal_count = counts["goal-text"]
    assert goal_count.total == len(goals)
    assert goal_count.missing == {"fi": 0, "sv": len(goals) - 1, "en": len(goals)}
    assert goal_count.coverage("sv") == round(100 / len(goals))
    assert goal_count.coverage("en") == 0
    # Kinds of no segment are left out when a segment is chosen.
    assert "body-name" not in counts
    assert "body-name" in {c.kind.key for c in selectors.translation_counts()}


def test_translation_queue__lists_a_segments_missing_texts_with_owner(translator_user, segment):
    goal = untranslated_goal(segment)
    response = client_for(translator_user).get(
        QUEUE, {"segment": segment.pk, "kind": "goal-text", "language": "sv"}
    )
    page = response.content.decode()
    assert next(row.record.pk for row in response.context["rows"]) == goal.pk
    assert goal.text_fi in page
    assert segment.name_fi in page
    assert 'lang="sv"' in page  # the translation is typed in Swedish


def test_translation_queue__bad_filters_are_pointed_out_not_applied(translator_user, segment):
    response = client_for(translator_user).get(
        QUEUE, {"kind": "<script>", "language": "de", "segment": "abc", "after": "-1"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tuntematon tekstilaji: rajausta ei käytetty." in page
    assert "Tuntematon kieli: näytetään ruotsi." in page
    assert "Tuntematon segmentti: rajausta ei käytetty." in page
    assert "<script>" not in page.split("<main", 1)[1]
    assert response.context["language"] == "sv"


def test_translation_queue__pages_follow_the_last_key(translator_user, segment):
    Goal.objects.filter(segment=segment).update(text_sv="")
    total = Goal.objects.filter(segment=segment).count()
    rows, after = selectors.translation_queue(
        kind=selectors.KINDS_BY_KEY["goal-text"], language="sv", segment=segment, size=1
    )
    assert len(rows) == 1 and (after is not None) == (total > 1)
    if after is not None:
        more, _next = selectors.translation_queue(
            kind=selectors.KINDS_BY_KEY["goal-text"],
            language="sv",
            segment=segment,
            after=after,
            size=1,
        )
        assert more[0].record.pk > rows[0].record.pk


def _add_goals(segment, count, *, start):
    Goal.objects.bulk_create(
        Goal(segment=segment, perspective=goal_of(segment).perspective, order=100 + i, text_fi=t)
        for i, t in enumerate(f"Tavoite {n}" for n in range(start, start + count))
    )


def test_translation_queue__query_count_does_not_grow_with_texts(
    translator_user, segment, count_queries
):
    client = client_for(translator_user)
    query = {"kind": "goal-text", "language": "sv"}
    _add_goals(segment, 2, start=1)
    few = count_queries(client, QUEUE, query, warm=True)
    _add_goals(segment, 60, start=10)
    many = count_queries(client, QUEUE, query)
    assert len(count_queries.response.context["rows"]) == selectors.PAGE_SIZE
    assert many == few


# --- translating ---------------------------------------------------------------------------


def test_translation_add__saves_the_text_with_history_and_leaves_the_queue(
    translator_user, segment
):
    goal = untranslated_goal(segment)
    client = client_for(translator_user)
    query = f"?segment={segment.pk}&kind=goal-text&language=sv"
    response = client.post(ADD + query, post_data(goal, text="  Fler nya företag  "))
    assert response.status_code == 302 and response["Location"] == QUEUE + query
    goal.refresh_from_db()
    assert (goal.text_sv, goal.text_en) == ("Fler nya företag", "")
    record = goal.history.latest()
    assert record.history_user == translator_user
    assert record.history_change_reason == "Käännös lisätty käännösjonosta: ruotsi"
    assert record.text_sv == "Fler nya företag"
    page = client.get(QUEUE + query)
    assert goal.pk not in [row.record.pk for row in page.context["rows"]]
    assert "Käännös tallennettiin." in page.content.decode()


def test_translation_add__hostile_text_is_stored_and_shown_escaped(translator_user, segment):
    goal = untranslated_goal(segment)
    client = client_for(translator_user)
    client.post(ADD, post_data(goal, language="en", text="<script>alert(1)</script>"))
    goal.refresh_from_db()
    assert goal.text_en == "<script>alert(1)</script>"
    page = client.get(segment.get_absolute_url(), HTTP_COOKIE="kieli=en").content.decode()
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"text": ""}, "Kirjoita käännös."),
        ({"text": "   "}, "Kirjoita käännös."),
        ({"text": "x" * 20001}, "Käännös on liian pitkä"),
        ({"language": "de"}, "Tuntematon kieli. Valitse suomi, ruotsi tai englanti."),
        ({"language": "<script>"}, "Tuntematon kieli. Valitse suomi, ruotsi tai englanti."),
        ({"kind": "segment-nope"}, "Tuntematon tekstilaji. Valitse luettelosta."),
        ({"record": "abc"}, "Tuntematon teksti."),
    ],
)
def test_translation_add__bad_input_is_refused_in_finnish(
    translator_user, segment, overrides, error
):
    goal = untranslated_goal(segment)
    history = goal.history.count()
    response = client_for(translator_user).post(ADD, post_data(goal, **overrides))
    assert response.status_code == 200
    assert error in response.content.decode().replace("&#x27;", "'")
    assert "Lomakkeessa on virheitä" in response.content.decode()
    goal.refresh_from_db()
    assert (goal.text_sv, goal.text_en, goal.history.count()) == ("", "", history)


def test_translation_add__a_text_longer_than_its_field_is_refused(translator_user, segment):
    Segment.objects.filter(pk=segment.pk).update(name_en="")
    segment.refresh_from_db()
    response = client_for(translator_user).post(
        ADD, post_data(segment, field="name", kind="segment-name", language="en", text="x" * 201)
    )
    assert response.status_code == 200
    assert "enintään 200 merkkiä" in response.content.decode()
    segment.refresh_from_db()
    assert segment.name_en == ""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("reworded", "Joku muu on tallentanut"),
        ("translated", "Tekstillä on jo käännös tällä kielellä"),
        ("original", "Teksti on kirjoitettu tällä kielellä"),
        ("stale_version", "Joku muu on tallentanut"),
        ("gone", "Tekstiä ei enää ole käännösjonossa"),
    ],
)
def test_translation_add__a_changed_text_is_refused_and_the_typing_kept(
    translator_user, ministry_user, segment, change, message
):
    goal = untranslated_goal(segment)
    data = post_data(goal, text="Min översättning")
    if change == "reworded":
        Goal.objects.filter(pk=goal.pk).update(text_fi="Uusi sanamuoto")
    elif change == "translated":
        Goal.objects.filter(pk=goal.pk).update(text_sv="Någon annans")
    elif change == "original":
        data["language"] = "fi"  # a report text's original is Finnish
    elif change == "stale_version":
        data["version"] = goal.version - 1
    else:
        data["record"] = 999999
    response = client_for(translator_user).post(ADD, data)
    assert response.status_code == 409
    page = response.content.decode().replace("&#x27;", "'")
    assert message in page
    goal.refresh_from_db()
    assert goal.text_sv in ("", "Någon annans")
    if change != "gone":
        assert "Min översättning" in page  # the typed text is not lost


def test_text_translation_add__each_app_writes_its_own_records(translator_user, segment):
    goal = untranslated_goal(segment)
    with pytest.raises(ValueError):
        from offerings import services as offering_services

        offering_services.text_translation_add(
            record=goal,
            field="text",
            language="sv",
            text="Mål",
            version=goal.version,
            source=source_digest(goal.text_fi),
            by=translator_user,
        )
    segment_services.text_translation_add(
        record=goal,
        field="text",
        language="sv",
        text="Mål",
        version=goal.version,
        source=source_digest(goal.text_fi),
        by=translator_user,
    )
    goal.refresh_from_db()
    assert goal.text_sv == "Mål"


def test_done_means__a_translator_clears_the_queue_of_a_segments_texts(translator_user, segment):
    """Every Swedish text of the segment's kinds is removed, then the translator works
    through the queue page by page, row by row, until the segment has none missing; each
    save is a history row by the translator, and no other language is filled."""
    for kind in selectors.KINDS:
        if kind.segment is not None:
            kind.current().filter(**{kind.segment: segment.pk}).update(**{f"{kind.field}_sv": ""})
    client = client_for(translator_user)
    query = {"segment": segment.pk, "language": "sv"}
    before = {c.kind.key: c.missing["sv"] for c in selectors.translation_counts(segment=segment)}
    assert sum(before.values()) > 0
    saved = 0
    for _round in range(200):
        page = client.get(QUEUE, query)
        rows = page.context["rows"]
        if not rows:
            break
        for row in rows:
            data = {
                "kind": row.kind.key,
                "record": row.record.pk,
                "language": "sv",
                "version": row.version if row.version is not None else "",
                "source": row.source,
                "text": f"Svensk text {row.kind.key} {row.record.pk}",
            }
            assert client.post(ADD + "?" + page.context["here_query"], data).status_code == 302
            saved += 1
    assert saved == sum(before.values())
    counts = selectors.translation_counts(segment=segment)
    assert all(c.missing["sv"] == 0 for c in counts)
    assert all(c.coverage("sv") in (100, None) for c in counts)
    page = client.get(QUEUE, query).content.decode()
    assert re.search(r"ei puutu käännöksiä", page)
    goal = goal_of(segment)
    assert goal.history.latest().history_user == translator_user
    assert goal.text_sv.startswith("Svensk text goal-text")


# --- texts written in the app --------------------------------------------------------------

SWEDISH_TASK = "Enkät om nya företags servicebehov."
FINNISH_TASK = "Kysely uusien yritysten palvelutarpeista."


def swedish_task(coordinator_user, **fields):
    return log_task(coordinator_user, description=SWEDISH_TASK, original_language="sv", **fields)


def task_post(task, language="fi", **overrides):
    return {
        "kind": "regionaltask-description",
        "record": task.pk,
        "language": language,
        "version": task.version,
        "source": source_digest(SWEDISH_TASK),
        "text": FINNISH_TASK,
        **overrides,
    }


def queue_pks(client, **query):
    response = client.get(QUEUE, {"kind": "regionaltask-description", **query})
    assert response.status_code == 200
    return [row.record.pk for row in response.context["rows"]]


def test_done_means__a_task_written_in_swedish_is_translated_into_finnish(
    coordinator_user, translator_user, group_a_member
):
    """The task's text is in the Swedish column only; the queue lists it as lacking Finnish
    and English (not Swedish), with its group as owner and its Swedish text marked lang="sv";
    a translator adds the Finnish, which leaves that queue and is a history row by the
    translator; the pages show the Finnish in Finnish and the Swedish original elsewhere."""
    task = swedish_task(coordinator_user)
    assert (task.description_sv, task.description_fi, task.description_en) == (
        SWEDISH_TASK,
        None,
        None,
    )
    client = client_for(translator_user)
    assert task.pk in queue_pks(client, language="fi")
    assert task.pk in queue_pks(client, language="en")
    assert task.pk not in queue_pks(client, language="sv")
    page = client.get(QUEUE, {"kind": "regionaltask-description", "language": "fi"})
    text = page.content.decode()
    assert f'<div lang="sv">{SWEDISH_TASK}</div>' in text
    assert task.body.name_fi in text
    counts = {c.kind.key: c for c in page.context["counts"]}
    assert counts["regionaltask-description"].missing["fi"] >= 1

    response = client.post(ADD + "?language=fi", task_post(task, text=f"  {FINNISH_TASK}  "))
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.description_fi, task.description_sv, task.original_language) == (
        FINNISH_TASK,
        SWEDISH_TASK,
        "sv",
    )
    assert task.pk not in queue_pks(client, language="fi")
    assert task.pk in queue_pks(client, language="en")
    record = task.history.latest()
    assert record.history_user == translator_user
    assert record.history_change_reason == "Käännös lisätty käännösjonosta: suomi"
    assert (record.description_fi, record.description_sv) == (FINNISH_TASK, SWEDISH_TASK)

    for language, shown, marked in (
        ("fi", FINNISH_TASK, "fi"),
        ("sv", SWEDISH_TASK, "sv"),
        ("en", SWEDISH_TASK, "sv"),
    ):
        reader = client_for(group_a_member)
        reader.cookies["kieli"] = language
        page = reader.get(task.get_absolute_url()).content.decode()
        assert f'<dd lang="{marked}">{shown}</dd>' in page


def test_translation_add__a_written_texts_original_changed_is_refused(
    coordinator_user, translator_user
):
    task = swedish_task(coordinator_user)
    RegionalTask.objects.filter(pk=task.pk).update(description_sv="Omformulerad text.")
    history = task.history.count()
    response = client_for(translator_user).post(ADD, task_post(task))
    assert response.status_code == 409
    assert "Joku muu on tallentanut" in response.content.decode().replace("&#x27;", "'")
    task.refresh_from_db()
    assert task.description_fi is None and task.history.count() == history


def test_translation_add__a_written_text_is_not_translated_into_its_own_language(
    coordinator_user, translator_user
):
    task = swedish_task(coordinator_user)
    response = client_for(translator_user).post(ADD, task_post(task, language="sv", text="X"))
    assert response.status_code == 409
    assert "Teksti on kirjoitettu tällä kielellä" in response.content.decode()
    task.refresh_from_db()
    assert task.description_sv == SWEDISH_TASK


@pytest.mark.parametrize("user", ["coordinator_user", "working_group_user", "agency_user"])
def test_translation_add__others_do_not_translate_a_written_text(request, coordinator_user, user):
    task = swedish_task(coordinator_user)
    response = client_for(request.getfixturevalue(user)).post(ADD, task_post(task))
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.description_fi is None


def test_translation_add__a_written_text_longer_than_its_field_is_refused(
    coordinator_user, translator_user
):
    task = swedish_task(coordinator_user)
    message = needs_message(task, coordinator_user)
    NeedsMessage.objects.filter(pk=message.pk).update(
        original_language="sv", subject_sv="Finansiering", subject_fi=None
    )
    response = client_for(translator_user).post(
        ADD,
        {
            "kind": "needsmessage-subject",
            "record": message.pk,
            "language": "fi",
            "version": message.version,
            "source": source_digest("Finansiering"),
            "text": "x" * 201,
        },
    )
    assert response.status_code == 200
    assert "enintään 200 merkkiä" in response.content.decode()
    message.refresh_from_db()
    assert message.subject_fi is None


def test_translation_queue__a_swedish_needs_message_lacks_finnish_and_english(
    coordinator_user, translator_user
):
    task = swedish_task(coordinator_user)
    message = needs_message(task, coordinator_user)
    NeedsMessage.objects.filter(pk=message.pk).update(
        original_language="sv", text_sv="Nya företag behöver rådgivning.", text_fi=None
    )
    client = client_for(translator_user)
    for language, listed in (("fi", True), ("en", True), ("sv", False)):
        response = client.get(QUEUE, {"kind": "needsmessage-text", "language": language})
        assert (message.pk in [row.record.pk for row in response.context["rows"]]) == listed
    # Both the sending regional group and the receiving working group find it.
    for code in ("alue-varsinais-suomi", "tyoryhma-a"):
        response = client.get(
            QUEUE,
            {"kind": "needsmessage-text", "language": "fi", "body": Body.objects.get(code=code).pk},
        )
        assert message.pk in [row.record.pk for row in response.context["rows"]]


def test_translation_queue__filters_by_body(coordinator_user, translator_user):
    task = swedish_task(coordinator_user)
    client = client_for(translator_user)
    own = Body.objects.get(code="alue-varsinais-suomi")
    other = Body.objects.filter(kind="regional_group").exclude(pk=own.pk).first()
    assert task.pk in queue_pks(client, language="fi", body=own.pk)
    assert task.pk not in queue_pks(client, language="fi", body=other.pk)
    counts = client.get(QUEUE, {"language": "fi", "body": own.pk}).context["counts"]
    keys = {count.kind.key for count in counts}
    assert "regionaltask-description" in keys
    assert "segment-name" not in keys and "plan-title" not in keys  # no body of theirs


def test_translation_queue__filters_by_organisation(coordinator_user, translator_user):
    finnvera = Organisation.objects.get(code="finnvera")
    other = Organisation.objects.exclude(pk=finnvera.pk).filter(is_active=True).first()
    task = swedish_task(coordinator_user, organisations=[finnvera])
    client = client_for(translator_user)
    assert task.pk in queue_pks(client, language="fi", organisation=finnvera.pk)
    assert task.pk not in queue_pks(client, language="fi", organisation=other.pk)
    counts = selectors.translation_counts(organisation=finnvera)
    keys = {count.kind.key for count in counts}
    assert "regionaltask-description" in keys and "goal-text" not in keys


def test_translation_queue__bad_body_and_organisation_are_pointed_out(translator_user):
    response = client_for(translator_user).get(
        QUEUE, {"body": "<script>", "organisation": "9" * 30, "language": "fi"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tuntematon toimielin: rajausta ei käytetty." in page
    assert "Tuntematon organisaatio: rajausta ei käytetty." in page
    assert "<script>" not in page.split("<main", 1)[1]
    assert response.context["body"] is None and response.context["organisation"] is None


def test_translation_queue__written_texts_query_count_does_not_grow(
    coordinator_user, translator_user, count_queries
):
    task = swedish_task(coordinator_user)
    client = client_for(translator_user)
    query = {"kind": "regionaltask-description", "language": "fi", "body": task.body_id}

    def add_tasks(count):
        RegionalTask.objects.bulk_create(
            RegionalTask(
                region_id=task.region_id,
                body_id=task.body_id,
                date=task.date,
                kind=task.kind,
                description_sv=f"Uppgift {n}",
                original_language="sv",
                created_by=coordinator_user,
            )
            for n in range(count)
        )

    add_tasks(2)
    few = count_queries(client, QUEUE, query, warm=True)
    add_tasks(60)
    many = count_queries(client, QUEUE, query)
    assert len(count_queries.response.context["rows"]) == selectors.PAGE_SIZE
    assert many == few


# --- a needs message's answer and a plan item (texts with a language of their own) ---------

SWEDISH_ANSWER = "Vi tar upp finansieringsrådgivningen i arbetsgruppen."
FINNISH_ANSWER = "Otamme rahoitusneuvonnan työryhmän käsittelyyn."
ENGLISH_ITEM = "Grow exports among new companies."
FINNISH_ITEM = "Kasvatetaan uusien yritysten vientiä."


def swedish_answer(coordinator_user, member):
    """A Finnish message from Varsinais-Suomi, answered in Swedish by working group (a)."""
    from governance.services import regional as regional_services

    message = needs_message(log_task(coordinator_user), coordinator_user)
    regional_services.needs_message_acknowledge(message=message, by=member)
    message = regional_services.needs_message_answer(
        message=message, answer=SWEDISH_ANSWER, original_language="sv", by=member
    )
    message.refresh_from_db()
    return message


def english_item(agency_user, **plan_fields):
    """A Finnish plan of Finnvera's customer base with one goal written in English."""
    from governance.services import steering

    plan = steering.plan_create(
        level="organisation_base",
        year=2026,
        title="Finnveran asiakaskanta",
        organisation=Organisation.objects.get(code="finnvera"),
        original_language="fi",
        by=agency_user,
        **plan_fields,
    )
    item = steering.plan_item_create(
        plan=plan, kind="goal", text=ENGLISH_ITEM, original_language="en", by=agency_user
    )
    item.refresh_from_db()
    return item


def rows_of(client, kind, language, **query):
    response = client.get(QUEUE, {"kind": kind, "language": language, **query})
    assert response.status_code == 200
    return {row.record.pk: row for row in response.context["rows"]}


def reader(user, language):
    client = client_for(user)
    client.cookies["kieli"] = language
    return client


def test_done_means__an_answer_written_in_swedish_is_translated_into_finnish(
    coordinator_user, group_a_member, translator_user
):
    """The message is Finnish, its answer Swedish: the queue lists the answer as lacking
    Finnish and English (not Swedish), owned by the answering working group, its source the
    Swedish answer; a translator adds the Finnish through the queue's POST, a history row by
    the translator; the message's page shows the Finnish answer in Finnish and the Swedish
    original, marked lang="sv", in English."""
    message = swedish_answer(coordinator_user, group_a_member)
    assert (message.original_language, message.answer_language) == ("fi", "sv")
    assert (message.answer_sv, message.answer_fi, message.answer_en) == (SWEDISH_ANSWER, None, None)
    client = client_for(translator_user)
    assert message.pk not in rows_of(client, "needsmessage-answer", "sv")
    assert message.pk in rows_of(client, "needsmessage-answer", "en")
    row = rows_of(client, "needsmessage-answer", "fi")[message.pk]
    assert (row.source_language, row.original, row.owner) == ("sv", SWEDISH_ANSWER, message.to_body)
    # The message's own texts are Finnish: they lack Swedish, not Finnish.
    assert message.pk not in rows_of(client, "needsmessage-text", "fi")
    assert message.pk in rows_of(client, "needsmessage-text", "sv")
    page = client.get(QUEUE, {"kind": "needsmessage-answer", "language": "fi"}).content.decode()
    assert f'<div lang="sv">{SWEDISH_ANSWER}</div>' in page
    assert message.to_body.name_fi in page
    for code in ("alue-varsinais-suomi", "tyoryhma-a"):
        body = Body.objects.get(code=code)
        assert message.pk in rows_of(client, "needsmessage-answer", "fi", body=body.pk)

    response = client.post(
        ADD + "?language=fi&kind=needsmessage-answer",
        {
            "kind": "needsmessage-answer",
            "record": message.pk,
            "language": "fi",
            "version": message.version,
            "source": row.source,
            "text": f" {FINNISH_ANSWER} ",
        },
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.answer_fi, message.answer_sv, message.answer_language) == (
        FINNISH_ANSWER,
        SWEDISH_ANSWER,
        "sv",
    )
    assert message.pk not in rows_of(client, "needsmessage-answer", "fi")
    assert message.pk in rows_of(client, "needsmessage-answer", "en")
    record = message.history.latest()
    assert record.history_user == translator_user
    assert record.history_change_reason == "Käännös lisätty käännösjonosta: suomi"
    assert (record.answer_fi, record.answer_sv) == (FINNISH_ANSWER, SWEDISH_ANSWER)
    for language, shown, marked in (
        ("fi", FINNISH_ANSWER, "fi"),
        ("sv", SWEDISH_ANSWER, "sv"),
        ("en", SWEDISH_ANSWER, "sv"),
    ):
        page = reader(group_a_member, language).get(message.get_absolute_url()).content.decode()
        assert f'<dd lang="{marked}">{shown}</dd>' in page


def test_translation_add__an_answers_original_changed_is_refused(
    coordinator_user, group_a_member, translator_user
):
    message = swedish_answer(coordinator_user, group_a_member)
    NeedsMessage.objects.filter(pk=message.pk).update(answer_sv="Omformulerat svar.")
    response = client_for(translator_user).post(
        ADD,
        {
            "kind": "needsmessage-answer",
            "record": message.pk,
            "language": "fi",
            "version": message.version,
            "source": source_digest(SWEDISH_ANSWER),
            "text": FINNISH_ANSWER,
        },
    )
    assert response.status_code == 409
    message.refresh_from_db()
    assert message.answer_fi is None


def test_translation_add__an_answer_is_not_translated_into_its_own_language(
    coordinator_user, group_a_member, translator_user
):
    """The answer's original is its answer_language (Swedish), not the message's (Finnish)."""
    message = swedish_answer(coordinator_user, group_a_member)
    response = client_for(translator_user).post(
        ADD,
        {
            "kind": "needsmessage-answer",
            "record": message.pk,
            "language": "sv",
            "version": message.version,
            "source": source_digest(SWEDISH_ANSWER),
            "text": "X",
        },
    )
    assert response.status_code == 409
    assert "Teksti on kirjoitettu tällä kielellä" in response.content.decode()
    message.refresh_from_db()
    assert message.answer_sv == SWEDISH_ANSWER


def test_done_means__a_plan_item_written_in_english_is_translated_into_finnish(
    agency_user, translator_user
):
    """A Finnish plan with a goal written in English: the queue lists the goal as lacking
    Finnish and Swedish, owned by the plan; a translator adds the Finnish; the plan's page
    shows it in Finnish and the English original, marked lang="en", in Swedish."""
    item = english_item(agency_user)
    assert (item.text_en, item.text_fi, item.original_language) == (ENGLISH_ITEM, None, "en")
    client = client_for(translator_user)
    assert item.pk not in rows_of(client, "planitem-text", "en")
    assert item.pk in rows_of(client, "planitem-text", "sv")
    row = rows_of(client, "planitem-text", "fi")[item.pk]
    assert (row.source_language, row.original, row.owner) == ("en", ENGLISH_ITEM, item.plan)
    page = client.get(QUEUE, {"kind": "planitem-text", "language": "fi"}).content.decode()
    assert f'<div lang="en">{ENGLISH_ITEM}</div>' in page
    assert "Finnveran asiakaskanta" in page
    finnvera = item.plan.organisation
    assert item.pk in rows_of(client, "planitem-text", "fi", organisation=finnvera.pk)

    response = client.post(
        ADD,
        {
            "kind": "planitem-text",
            "record": item.pk,
            "language": "fi",
            "version": item.version,
            "source": row.source,
            "text": FINNISH_ITEM,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.text_fi, item.text_en, item.original_language) == (
        FINNISH_ITEM,
        ENGLISH_ITEM,
        "en",
    )
    assert item.pk not in rows_of(client, "planitem-text", "fi")
    record = item.history.latest()
    assert (record.history_user, record.text_fi, record.text_en) == (
        translator_user,
        FINNISH_ITEM,
        ENGLISH_ITEM,
    )
    for language, shown, marked in (
        ("fi", FINNISH_ITEM, "fi"),
        ("sv", ENGLISH_ITEM, "en"),
        ("en", ENGLISH_ITEM, "en"),
    ):
        page = reader(agency_user, language).get(item.plan.get_absolute_url()).content.decode()
        assert f'<span lang="{marked}">{shown}</span>' in page


def test_translation_counts__include_answers_and_plan_items(
    coordinator_user, group_a_member, agency_user, segment
):
    """The new kinds are counted with their coverage, and narrowed by the message's
    segments and bodies and by the plan's segment and organisation."""
    swedish_answer(coordinator_user, group_a_member)
    english_item(agency_user, segment=segment)
    counts = {c.kind.key: c for c in selectors.translation_counts()}
    answer, item = counts["needsmessage-answer"], counts["planitem-text"]
    assert (answer.total, answer.missing) == (1, {"fi": 1, "sv": 0, "en": 1})
    assert (answer.coverage("sv"), answer.coverage("fi")) == (100, 0)
    assert (item.total, item.missing) == (1, {"fi": 1, "sv": 1, "en": 0})
    by_segment = {c.kind.key: c.total for c in selectors.translation_counts(segment=segment)}
    assert (by_segment["needsmessage-answer"], by_segment["planitem-text"]) == (1, 1)
    other = Segment.objects.exclude(pk=segment.pk).filter(is_active=True).first()
    by_other = {c.kind.key: c.total for c in selectors.translation_counts(segment=other)}
    assert (by_other["needsmessage-answer"], by_other["planitem-text"]) == (0, 0)
    body = Body.objects.get(code="tyoryhma-a")
    by_body = {c.kind.key: c.total for c in selectors.translation_counts(body=body)}
    assert by_body["needsmessage-answer"] == 1 and "planitem-text" not in by_body
    finnvera = Organisation.objects.get(code="finnvera")
    by_org = {c.kind.key: c.total for c in selectors.translation_counts(organisation=finnvera)}
    assert by_org["planitem-text"] == 1 and "needsmessage-answer" not in by_org


def test_translation_counts__an_archived_plans_items_do_not_count(agency_user):
    from governance.models import Plan

    item = english_item(agency_user)
    Plan.objects.filter(pk=item.plan_id).update(is_archived=True)
    counts = {c.kind.key: c for c in selectors.translation_counts()}
    assert counts["planitem-text"].total == 0


def test_translation_queue__answers_and_plan_items_query_count_does_not_grow(
    coordinator_user, group_a_member, agency_user, translator_user, count_queries
):
    from governance.models import PlanItem

    message = swedish_answer(coordinator_user, group_a_member)
    item = english_item(agency_user)
    client = client_for(translator_user)

    def add(count, start):
        NeedsMessage.objects.bulk_create(
            NeedsMessage(
                task_id=message.task_id,
                from_body_id=message.from_body_id,
                to_body_id=message.to_body_id,
                subject_fi=f"Aihe {n}",
                text_fi="Viesti",
                status="answered",
                sent_by=coordinator_user,
                acknowledged_at=message.acknowledged_at,
                answered_at=message.answered_at,
                answer=f"Svar {n}",
                answer_sv=f"Svar {n}",
                answer_language="sv",
            )
            for n in range(start, start + count)
        )
        PlanItem.objects.bulk_create(
            PlanItem(plan_id=item.plan_id, kind="goal", text_en=f"Goal {n}", original_language="en")
            for n in range(start, start + count)
        )

    add(2, 1)
    counts = {}
    for kind in ("needsmessage-answer", "planitem-text"):
        counts[kind] = count_queries(client, QUEUE, {"kind": kind, "language": "fi"}, warm=True)
    add(60, 10)
    for kind in ("needsmessage-answer", "planitem-text"):
        many = count_queries(client, QUEUE, {"kind": kind, "language": "fi"})
        assert len(count_queries.response.context["rows"]) == selectors.PAGE_SIZE
        assert many == counts[kind]

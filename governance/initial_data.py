"""The report's content, loaded app by app in import order, in one transaction."""

from django.db import transaction

import offerings.initial_data
import responsibility.initial_data
import segments.initial_data
from offerings.initial_data import TE_CENTRES, te_centre_code
from segments.models import Segment, ServicePromise
from segments.seeding import SeedReport, seed_object

from . import report_texts as texts
from . import roles
from .models import (
    Body,
    BodyResponsibility,
    Membership,
    MinistryUnitRole,
    QuestionAlternative,
    StrategicQuestion,
    WorkPhase,
)


@transaction.atomic
def load_strategy_2008():
    """Load everything the 2008 report gives; idempotent, and user edits are kept."""
    report = SeedReport()
    roles.sync_roles()
    regions = segments.initial_data.load_regions(report)
    segments.initial_data.load_segments(report)
    organisations = offerings.initial_data.load(report, regions=regions)
    offerings.initial_data.load_offering(report, organisations=organisations)
    responsibility.initial_data.load(report)
    load_governance(report, organisations=organisations, regions=regions)
    return report


def load_governance(report, *, organisations, regions):
    """The three tiers with their responsibilities (6, 6.1–6.3), the ministry's roles (6.4),
    the strategic questions (5.1.1, 5.1.3, 5.4, 5.5, 6.3, 8) and the phases of the work (7).

    The annual planning clock gets no events: 5.6 asks the further work to define it
    ("on täsmennettävä asiakkuussuunnittelun vuosikello") and names no months.
    """
    segments_by_code = {segment.code: segment for segment in Segment.objects.all()}
    bodies = _load_bodies(report, organisations, regions, segments_by_code)
    _load_responsibilities(report, bodies)
    _load_ministry_roles(report, organisations, bodies)
    _load_questions(report, segments_by_code)
    for order, (name, description, timing, status, organisation, sections) in enumerate(
        texts.WORK_PHASES, start=1
    ):
        seed_object(
            WorkPhase,
            lookup={"order": order},
            values={
                "name_fi": name,
                "description_fi": description,
                "timing": timing,
                "status": status,
                "organisation": organisations[organisation] if organisation else None,
                "report_reference": sections,
            },
            report=report,
        )


def _seed_body(report, code, values, segments=()):
    body = seed_object(Body, lookup={"code": code}, values=values, report=report)
    # Like the other loaders' links: set once, then the users' to keep.
    if segments and not body.segments.exists():
        body.segments.set(segments)
    return body


def _load_bodies(report, organisations, regions, segments_by_code):
    """The bodies of the three tiers (6, 6.1–6.3), by code."""
    bodies = _load_national_bodies(report, organisations)
    bodies.update(_load_segment_groups(report, segments_by_code))
    bodies.update(_load_regional_groups(report, organisations, regions))
    return bodies


def _load_national_bodies(report, organisations):
    """The strategy group, and under it the working committee and the advisory board."""
    strategy_group = _seed_body(
        report,
        "asiakkuusstrategiaryhma",
        {
            "kind": Body.Kind.STRATEGY_GROUP,
            "name_fi": "Asiakkuusstrategiaryhmä",
            "abbreviation": "ASR",
            "description_fi": texts.STRATEGY_GROUP_DESCRIPTION,
            "lead_organisation": organisations["tem-konserniohjaus"],
            "report_reference": "6, 6.1, 6.4, 8",
            "order": 1,
        },
    )
    bodies = {strategy_group.code: strategy_group}
    under_the_group = [
        (
            "tyovaliokunta",
            Body.Kind.WORKING_COMMITTEE,
            "Työvaliokunta",
            texts.WORKING_COMMITTEE_DESCRIPTION,
            "6.1, 6.4, 8",
        ),
        (
            "neuvottelukunta",
            Body.Kind.ADVISORY_BOARD,
            "Neuvottelukunta",
            texts.ADVISORY_BOARD_DESCRIPTION,
            "6, 8",
        ),
    ]
    for order, (code, kind, name, description, sections) in enumerate(under_the_group, start=2):
        bodies[code] = _seed_body(
            report,
            code,
            {
                "kind": kind,
                "name_fi": name,
                "description_fi": description,
                "parent": strategy_group,
                "report_reference": sections,
                "order": order,
            },
        )
    return bodies


def _load_segment_groups(report, segments_by_code):
    bodies = {}
    for order, (letter, description, segment_codes) in enumerate(texts.SEGMENT_GROUPS, start=4):
        code = f"tyoryhma-{letter}"
        bodies[code] = _seed_body(
            report,
            code,
            {
                "kind": Body.Kind.SEGMENT_GROUP,
                "letter": letter,
                "name_fi": f"Asiakassegmenttikohtainen työryhmä {letter}",
                "description_fi": description,
                "report_reference": "6.2, 6.4",
                "order": order,
            },
            segments=[segments_by_code[c] for c in segment_codes],
        )
    return bodies


def _load_regional_groups(report, organisations, regions):
    bodies = {}
    for order, (region_code, genitive, _swedish) in enumerate(TE_CENTRES, start=7):
        code = f"alue-{region_code}"
        bodies[code] = _seed_body(
            report,
            code,
            {
                "kind": Body.Kind.REGIONAL_GROUP,
                "variant": Body.Variant.COMBINED,
                "region": regions[region_code],
                "lead_organisation": organisations[te_centre_code(region_code)],
                "name_fi": f"{genitive} alueellinen asiakkuustyöryhmä",
                "description_fi": texts.REGIONAL_GROUP_DESCRIPTION,
                "report_reference": "6, 6.3",
                "order": order,
            },
        )
    return bodies


def _load_responsibilities(report, bodies):
    for body in bodies.values():
        if body.kind in (Body.Kind.STRATEGY_GROUP, Body.Kind.WORKING_COMMITTEE):
            section, lines = "6.1", texts.STRATEGY_GROUP_RESPONSIBILITIES
        elif body.kind == Body.Kind.SEGMENT_GROUP:
            section, lines = "6.2", texts.SEGMENT_GROUP_RESPONSIBILITIES
        elif body.kind == Body.Kind.REGIONAL_GROUP:
            section, lines = "6.3", texts.REGIONAL_GROUP_RESPONSIBILITIES
        else:
            continue  # the report lists no tasks for the advisory board
        for order, text in enumerate(lines, start=1):
            seed_object(
                BodyResponsibility,
                lookup={"report_key": f"{section}/{body.code}/{order}"},
                values={"body": body, "order": order, "text_fi": text},
                report=report,
            )


def _load_ministry_roles(report, organisations, bodies):
    for order, (code, text) in enumerate(texts.MINISTRY_ROLES, start=1):
        seed_object(
            MinistryUnitRole,
            lookup={"report_key": f"6.4/{order}"},
            values={"organisation": organisations[code], "order": order, "text_fi": text},
            report=report,
        )
    for code, body_codes in texts.MINISTRY_MEMBERSHIPS:
        for body_code in body_codes:
            seed_object(
                Membership,
                lookup={"report_key": f"6.4/{code}/{body_code}"},
                values={
                    "body": bodies[body_code],
                    "organisation": organisations[code],
                    "role": Membership.Role.MEMBER,
                },
                report=report,
            )


def _seed_question(report, code, order, values, alternatives=()):
    question = seed_object(
        StrategicQuestion,
        lookup={"code": code},
        values={"order": order, **values},
        report=report,
    )
    for number, alternative in enumerate(alternatives, start=1):
        seed_object(
            QuestionAlternative,
            lookup={"report_key": f"{code}/{number}"},
            values={"question": question, "order": number, **alternative},
            report=report,
        )
    return question


def _load_questions(report, segments_by_code):
    """The register's strategic questions in the report's order (8), numbered from 1."""
    questions = [
        *_data_sharing_questions(),
        *_responsibility_questions(segments_by_code),
        *_promise_questions(segments_by_code),
        *_existence_questions(segments_by_code),
        *_regional_scope_questions(),
    ]
    for order, (code, values, alternatives) in enumerate(questions, start=1):
        _seed_question(report, code, order, values, alternatives)


Subject = StrategicQuestion.Subject


def _data_sharing_questions():
    values = {
        "subject": Subject.DATA_SHARING,
        "title_fi": texts.DATA_SHARING_TITLE,
        "description_fi": texts.DATA_SHARING_DESCRIPTION,
        "report_reference": "8, 5.4, 5.5",
    }
    alternatives = [
        {"text_fi": text, "description_fi": description, "target_value": value}
        for text, description, value in texts.DATA_SHARING_ALTERNATIVES
    ]
    yield "yhteiset-vai-omat-asiakkaat", values, alternatives


def _responsibility_questions(segments_by_code):
    alternatives = [
        {"label": label, "text_fi": text, "description_fi": description, "target_value": mode}
        for label, text, description, mode in texts.RESPONSIBILITY_ALTERNATIVES
    ]
    for segment_code in texts.RESPONSIBILITY_SEGMENTS:
        values = {
            "subject": Subject.RESPONSIBILITY,
            "segment": segments_by_code[segment_code],
            "title_fi": texts.RESPONSIBILITY_TITLE,
            "description_fi": texts.RESPONSIBILITY_DESCRIPTION,
            "report_reference": "8, 5.4",
        }
        yield f"asiakasvastuu-{segment_code}", values, alternatives


def _promise_questions(segments_by_code):
    for segment_code in texts.PROMISE_SEGMENTS:
        recorded = ServicePromise.objects.get(report_key=f"5.1.3/{segment_code}/1")
        values = {
            "subject": Subject.SERVICE_PROMISE,
            "segment": segments_by_code[segment_code],
            "title_fi": texts.PROMISE_TITLE,
            "description_fi": texts.PROMISE_DESCRIPTION,
            "report_reference": "5.1.3",
        }
        # The recorded wording, and the slot of the one the report does not give.
        alternatives = [{"text_fi": recorded.text_fi, "promise": recorded}, {"text_fi": ""}]
        yield f"palvelulupaus-{segment_code}", values, alternatives


def _existence_questions(segments_by_code):
    for segment_code, paragraph in texts.EXISTENCE_SEGMENTS:
        values = {
            "subject": Subject.SEGMENT_EXISTENCE,
            "segment": segments_by_code[segment_code],
            "title_fi": texts.EXISTENCE_TITLE,
            "description_fi": paragraph,
            "report_reference": "5.1, 5.1.1",
        }
        yield f"olemassaolo-{segment_code}", values, ()


def _regional_scope_questions():
    values = {
        "subject": Subject.REGIONAL_SCOPE,
        "title_fi": texts.REGIONAL_SCOPE_TITLE,
        "description_fi": texts.REGIONAL_SCOPE_DESCRIPTION,
        "report_reference": "6.3",
    }
    alternatives = [{"text_fi": text} for text in texts.REGIONAL_SCOPE_ALTERNATIVES]
    yield "alueellisten-tyoryhmien-kokoonpano", values, alternatives

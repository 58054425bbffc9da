"""Existing consents release the data of the organisation that recorded them.

Before 0004 a consent said only who may see, and it opened every organisation's data,
Finnvera's too, whoever recorded it. Read as the law reads it (Act 443/1998 § 5), a consent
recorded by an organisation releases that organisation's data: each consent gets its
recorder's organisation as its one discloser, confirmed by the recorder, as consents
recorded from now on are. A recorder who works for no organisation (a superuser in the
admin) leaves the consent without a discloser: it opens nothing until one is added. Each row
gets a history row saying why it exists.

Reverse: the rows this migration wrote (and their history rows) are removed.
"""

from django.db import migrations
from django.utils import timezone

REASON = "Aiempi suostumus: kirjaajan organisaatio luovuttajaksi"


def forward(apps, schema_editor):
    Consent = apps.get_model("responsibility", "Consent")
    Disclosure = apps.get_model("responsibility", "ConsentDisclosure")
    History = apps.get_model("responsibility", "HistoricalConsentDisclosure")
    Person = apps.get_model("offerings", "Person")
    organisation_of = dict(Person.objects.values_list("user_id", "organisation_id"))
    existing = set(Disclosure.objects.values_list("consent_id", "organisation_id"))
    new = []
    for consent_id, recorder_id, recorded_at in Consent.objects.order_by("pk").values_list(
        "pk", "recorded_by_id", "recorded_at"
    ):
        organisation_id = organisation_of.get(recorder_id)
        if organisation_id is None or (consent_id, organisation_id) in existing:
            continue
        new.append(
            Disclosure(
                consent_id=consent_id,
                organisation_id=organisation_id,
                confirmed_by_id=recorder_id,
                confirmed_at=recorded_at,
            )
        )
    Disclosure.objects.bulk_create(new, batch_size=1000)
    # Read back rather than trust bulk_create to return keys on every database.
    pairs = {(d.consent_id, d.organisation_id) for d in new}
    written = [
        row
        for row in Disclosure.objects.values_list(
            "pk", "consent_id", "organisation_id", "confirmed_by_id", "confirmed_at"
        )
        if (row[1], row[2]) in pairs
    ]
    now = timezone.now()
    History.objects.bulk_create(
        [
            History(
                id=pk,
                consent_id=consent_id,
                organisation_id=organisation_id,
                confirmed_by_id=confirmed_by_id,
                confirmed_at=confirmed_at,
                history_date=now,
                history_type="+",
                history_change_reason=REASON,
            )
            for pk, consent_id, organisation_id, confirmed_by_id, confirmed_at in written
        ],
        batch_size=1000,
    )


def backward(apps, schema_editor):
    Disclosure = apps.get_model("responsibility", "ConsentDisclosure")
    History = apps.get_model("responsibility", "HistoricalConsentDisclosure")
    ours = History.objects.filter(history_change_reason=REASON)
    Disclosure.objects.filter(pk__in=ours.values("id")).delete()
    ours.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("offerings", "0003_finding_opener_label"),
        ("responsibility", "0004_consent_disclosers"),
    ]

    operations = [migrations.RunPython(forward, backward)]

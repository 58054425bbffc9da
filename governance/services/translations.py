"""Writes of the translation queue: a translator adds a missing Swedish or English text, and
the owning app's service records it with who and why (each app writes its own tables)."""

from django.db import transaction

from core.translation import app_translation_add
from offerings import services as offering_services
from segments import services as segment_services


@transaction.atomic
def governance_text_translation_add(*, record, field, language, text, version, source, by):
    """A translator adds the missing version of one of governance's translated texts."""
    return app_translation_add(
        "governance",
        record,
        field=field,
        language=language,
        text=text,
        version=version,
        source=source,
        by=by,
    )


# Each app's service for its own records.
SERVICES = {
    "segments": segment_services.text_translation_add,
    "offerings": offering_services.text_translation_add,
    "governance": governance_text_translation_add,
}


def text_translation_add(*, record, **values):
    """Add a translation through the service of the app that owns `record`."""
    return SERVICES[record._meta.app_label](record=record, **values)

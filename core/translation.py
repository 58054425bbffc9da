"""Translated texts: a model's fields with one column per language (fi/sv/en)."""

import hashlib

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from .history import save_with_history
from .refusals import check_version, refuse, refuse_stale

# Finnish is the interface's default language: a text has its Finnish version; the Swedish
# and English ones may follow.
FINNISH = ("fi",)


def translated(model, *fields, required=FINNISH):
    """Register `fields` of `model` as translated, the texts of the languages in `required`
    (none: `()`) required."""
    translator.register(model, fields=fields, required_languages=required)


def text_served(obj, field):
    """(text, language): `obj`'s translated `field` in the active UI language, or, where
    that translation is missing, the Finnish original marked "fi" (the pages mark it
    lang="fi", the API says so in data). Empty Finnish: ("", "fi")."""
    language = (get_language() or FINNISH[0])[:2]
    value = getattr(obj, f"{field}_{language}", None) or ""
    if value:
        return value, language
    return getattr(obj, f"{field}_fi", None) or "", "fi"


def line_items(text):
    """A one-item-per-line text (a strategy's points) as its non-empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# The languages a text is translated into: Finnish is every text's original.
TRANSLATION_LANGUAGES = ("sv", "en")


def source_digest(text):
    """A short fingerprint of the Finnish text a translation was made from: a translation
    posted after the Finnish text changed would no longer say the same thing."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def translation_add(record, *, field, language, text, version, source, by, reason):
    """Add the missing `language` version of `record`'s translated `field`, as a person
    wrote it (never generated), recording who and why in the record's history.

    Refused (nothing changes) when the field has that version already, the Finnish text
    has changed since `source` was read, or, for a record with a version counter, anyone
    has saved the record since `version`. Call inside the owning app's service, in its
    transaction."""
    if field not in translator.get_options_for_model(type(record)).fields:
        refuse(_("Tällä tiedolla ei ole käännettävää tekstiä."))
    if language not in TRANSLATION_LANGUAGES:
        raise ValidationError(
            {"language": _("Tuntematon kieli. Valitse ruotsi tai englanti.")}, code="invalid"
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Kirjoita käännös.")}, code="required")
    limit = type(record)._meta.get_field(f"{field}_{language}").max_length
    if limit and len(text) > limit:
        raise ValidationError(
            {"text": _("Käännös on liian pitkä: enintään %(limit)d merkkiä.") % {"limit": limit}},
            code="max_length",
        )
    stored = type(record)._default_manager.select_for_update().filter(pk=record.pk).first()
    if stored is None:
        refuse_stale()
    if hasattr(stored, "version"):
        check_version(stored, version)
    if source_digest(getattr(stored, f"{field}_fi")) != source:
        refuse_stale()
    if getattr(stored, f"{field}_{language}"):
        refuse(
            _("Tekstillä on jo käännös tällä kielellä: joku ehti ensin. Lataa sivu uudelleen."),
            code="conflict",
        )
    setattr(stored, f"{field}_{language}", text)
    return save_with_history(stored, by=by, reason=reason)


def translation_reason(language):
    """The history's reason for a translator's added text."""
    names = {"sv": _("ruotsi"), "en": _("englanti")}
    return _("Käännös lisätty käännösjonosta: %(language)s") % {"language": names[language]}


def app_translation_add(app_label, record, **values):
    """translation_add for an app's service: refused unless `record` is that app's (each
    app's tables are written through its own services)."""
    if record._meta.app_label != app_label:
        raise ValueError(f"{record._meta.label} is not a model of {app_label}")
    language = values.get("language")
    reason = translation_reason(language) if language in TRANSLATION_LANGUAGES else ""
    return translation_add(record, reason=reason, **values)

"""Translated texts: a model's fields with one column per language (fi/sv/en)."""

import hashlib

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.translator import translator

from .history import save_with_history
from .refusals import check_version, refuse, refuse_stale

# Finnish is the interface's default language: a report text has its Finnish version; the
# Swedish and English ones may follow.
FINNISH = ("fi",)
# The languages a text may be in (settings.MODELTRANSLATION_LANGUAGES).
LANGUAGES = ("fi", "sv", "en")


def translated(model, *fields, required=FINNISH):
    """Register `fields` of `model` as translated, the texts of the languages in `required`
    (none: `()`) required."""
    translator.register(model, fields=fields, required_languages=required)


# The field recording the language of a text written in the app, unless registered otherwise.
ORIGINAL_LANGUAGE = "original_language"


def language_field(model, field):
    """The field of `model` that records the language its written text `field` is in
    ("original_language", or e.g. a needs message's answer's "answer_language"); None for
    a report text (its original is Finnish)."""
    fields = getattr(model, "_written_language_fields", {})
    if field is None:
        return ORIGINAL_LANGUAGE if fields else None
    return fields.get(field)


def written_fields(model):
    """The texts of `model` people write in the app (registered with `written`)."""
    return tuple(getattr(model, "_written_language_fields", {}))


def original_language(obj, field=None):
    """The language `obj`'s text `field` was written in: the language its record keeps for
    it (a text people write in the app; without `field`, the record's `original_language`),
    else Finnish (the report's texts)."""
    name = language_field(type(obj), field) or ORIGINAL_LANGUAGE
    language = getattr(obj, name, None)
    return language if language in LANGUAGES else FINNISH[0]


def text_served(obj, field):
    """(text, language): `obj`'s translated `field` in the active UI language, or, where
    that translation is missing, the original (Finnish for the report's texts, the
    language recorded for it for texts written in the app) marked with its language
    (the pages mark it lang="…", the API says so in data). Empty original: ("", original)."""
    language = (get_language() or FINNISH[0])[:2]
    value = getattr(obj, f"{field}_{language}", None) or ""
    if value:
        return value, language
    original = original_language(obj, field)
    return getattr(obj, f"{field}_{original}", None) or "", original


def original_text(obj, field):
    """`obj`'s `field` as written, in its original language (what an edit form starts from)."""
    return getattr(obj, f"{field}_{original_language(obj, field)}", None) or ""


class WrittenTextDescriptor(TranslationFieldDescriptor):
    """A text a person wrote in the app, in the language its record keeps for it (its
    `original_language`, or the text's own language field): read in the UI language where
    a translation exists, else the original; assigned (forms, services, the admin) into the
    original language's column, whatever the UI language."""

    def __get__(self, instance, owner):
        if instance is None:
            return self
        name = self.field.name
        ui = (get_language() or FINNISH[0])[:2]
        original = original_language(instance, name)
        for language in dict.fromkeys((ui, original, *LANGUAGES)):
            value = getattr(instance, f"{name}_{language}", None)
            if value:
                return value
        return self.field.get_default()

    def __set__(self, instance, value):
        instance.__dict__[self.field.name] = value
        if getattr(instance, "_mt_init", False) or getattr(instance, "_mt_disable", False):
            return
        name = self.field.name
        setattr(instance, f"{name}_{original_language(instance, name)}", value)


def written(model, *fields, language_fields=None):
    """Register `fields` of `model` as texts people write in the app: one column per
    language, none required; the text as written goes into the column of its language
    (`WrittenTextDescriptor`), its translations into the others. A text's language is kept
    in the record's `original_language`, or in the field `language_fields` names for it (a
    needs message's answer, written by another body than its text, in `answer_language`).
    One call per model (modeltranslation registers a model once)."""
    language_fields = language_fields or {}
    if set(language_fields) - set(fields):
        raise ValueError(f"{model.__name__}: language fields of texts not registered")
    translator.register(
        model, fields=fields, required_languages=(), fallback_languages={"default": LANGUAGES}
    )
    model._written_language_fields = {
        field: language_fields.get(field, ORIGINAL_LANGUAGE) for field in fields
    }
    for field in fields:
        setattr(model, field, WrittenTextDescriptor(model._meta.get_field(field)))
    translated_init = model.__init__

    def __init__(self, *args, **kwargs):
        # modeltranslation would put a text given to the constructor into the UI
        # language's column: it goes into the original language's once that is known.
        texts = {field: kwargs.pop(field) for field in fields if field in kwargs}
        translated_init(self, *args, **kwargs)
        for field, value in texts.items():
            setattr(self, field, value)

    model.__init__ = __init__


def write_texts(record, language, **texts):
    """Set `record`'s written `texts` (of one language field: the record's
    `original_language`, or a text's own) as written in `language`. As with the report's
    texts (core.history.text_set), a changed text drops its translations, which no longer
    say the same thing; an earlier original in another language is dropped too (it is no
    translation of the text). The history keeps what was dropped."""
    names = {language_field(type(record), field) or ORIGINAL_LANGUAGE for field in texts}
    if len(names) > 1:
        raise ValueError(f"texts of different language fields: {sorted(texts)}")
    name = names.pop() if names else ORIGINAL_LANGUAGE
    previous = language
    if record.pk:
        previous = getattr(record, name, None)
        previous = previous if previous in LANGUAGES else FINNISH[0]
    setattr(record, name, language)
    for field, text in texts.items():
        changed = record.pk and (getattr(record, f"{field}_{previous}", None) or "") != text
        for other in LANGUAGES:
            column = type(record)._meta.get_field(f"{field}_{other}")
            if other == language:
                setattr(record, column.attname, text)
            elif other == previous or changed:
                setattr(record, column.attname, None if column.null else "")


def line_items(text):
    """A one-item-per-line text (a strategy's points) as its non-empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# The languages a report text is translated into: Finnish is its original.
TRANSLATION_LANGUAGES = ("sv", "en")


def translation_languages(original):
    """The languages a text written in `original` is translated into: the other two."""
    return tuple(language for language in LANGUAGES if language != original)


def source_digest(text):
    """A short fingerprint of the original text a translation was made from: a translation
    posted after the original changed would no longer say the same thing."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def translation_add(record, *, field, language, text, version, source, by, reason):
    """Add the missing `language` version of `record`'s translated `field`, as a person
    wrote it (never generated), recording who and why in the record's history.

    Refused (nothing changes) when the field has that version already or `language` is the
    text's original, the original text (Finnish, or the language recorded for it) has
    changed since `source` was read, or, for a record with a version counter, anyone
    has saved the record since `version`. Call inside the owning app's service, in its
    transaction."""
    if field not in translator.get_options_for_model(type(record)).fields:
        refuse(_("Tällä tiedolla ei ole käännettävää tekstiä."))
    if language not in LANGUAGES:
        raise ValidationError(
            {"language": _("Tuntematon kieli. Valitse suomi, ruotsi tai englanti.")},
            code="invalid",
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
    original = original_language(stored, field)
    if source_digest(getattr(stored, f"{field}_{original}")) != source:
        refuse_stale()
    if language == original:
        refuse(
            _("Teksti on kirjoitettu tällä kielellä: se ei tarvitse käännöstä."),
            code="conflict",
        )
    if getattr(stored, f"{field}_{language}"):
        refuse(
            _("Tekstillä on jo käännös tällä kielellä: joku ehti ensin. Lataa sivu uudelleen."),
            code="conflict",
        )
    setattr(stored, f"{field}_{language}", text)
    return save_with_history(stored, by=by, reason=reason)


def translation_reason(language):
    """The history's reason for a translator's added text."""
    names = {"fi": _("suomi"), "sv": _("ruotsi"), "en": _("englanti")}
    return _("Käännös lisätty käännösjonosta: %(language)s") % {"language": names[language]}


def app_translation_add(app_label, record, **values):
    """translation_add for an app's service: refused unless `record` is that app's (each
    app's tables are written through its own services)."""
    if record._meta.app_label != app_label:
        raise ValueError(f"{record._meta.label} is not a model of {app_label}")
    language = values.get("language")
    reason = translation_reason(language) if language in LANGUAGES else ""
    return translation_add(record, reason=reason, **values)

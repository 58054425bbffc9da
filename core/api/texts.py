"""The open data's texts in the client's language (Accept-Language), each saying in which
language it was actually served: a text not yet translated is the Finnish one, marked "fi"
(as the pages mark it lang="fi" and "ei käännetty")."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.translation import line_items, text_served

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def requested_language(request):
    """The first supported language of the Accept-Language header by its q-values; Finnish
    when none is asked for or none is supported (Language Act 423/2003)."""
    wanted = []
    for position, part in enumerate(request.headers.get("Accept-Language", "").split(",")):
        tag, _semi, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGE_CODES and quality > 0:
            wanted.append((-quality, position, primary))
    return min(wanted)[2] if wanted else settings.LANGUAGE_CODE


class TranslatedTextSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="Teksti; tyhjä, kun sitä ei ole millään kielellä.")
    language = serializers.ChoiceField(
        choices=LANGUAGE_CODES,
        help_text="Kieli, jolla teksti annettiin: suomi (fi), kun pyydettyä käännöstä ei ole.",
    )


class TranslatedLinesSerializer(serializers.Serializer):
    lines = serializers.ListField(child=serializers.CharField(), help_text="Yksi kohta riviltä.")
    language = serializers.ChoiceField(choices=LANGUAGE_CODES)


@extend_schema_field(TranslatedTextSerializer)
class TranslatedTextField(serializers.Field):
    """A translated model field (`name` reads name_fi/name_sv/name_en) as {text, language}."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, value):
        text, language = text_served(value, self.source)
        return {"text": text, "language": language}


@extend_schema_field(TranslatedLinesSerializer)
class TranslatedLinesField(TranslatedTextField):
    """A translated one-item-per-line field as {lines, language}."""

    def to_representation(self, value):
        text, language = text_served(value, self.source)
        return {
            "lines": line_items(text),
            "language": language,
        }


class ChoiceLabelField(serializers.CharField):
    """A choice field's label in the asked language (`kind_label` beside `kind`): the code
    is for programs, the label for people."""

    def __init__(self, field, **kwargs):
        kwargs.setdefault("help_text", "Arvon nimi pyydetyllä kielellä.")
        super().__init__(source=f"get_{field}_display", read_only=True, **kwargs)

"""Translated fields (fi/sv/en columns); history is registered here, after the fields exist."""

from modeltranslation.translator import TranslationOptions, translator
from simple_history import register

from .models import (
    CustomerNeed,
    DevelopmentItem,
    Finding,
    Organisation,
    Person,
    Rationale,
    RationalePoint,
    SegmentOffering,
    Service,
    ServiceChannel,
    ServiceModel,
    SharedTool,
)


class OrganisationTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi", "sv")


class TitleTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("fi",)


class TextTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("fi",)


class NameDescriptionTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


class NameTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


class ServiceModelTranslation(TranslationOptions):
    fields = (
        "who_does_what",
        "how",
        "with_whom",
        "distribution_channels",
        "in_house",
        "partners",
        "marketing_principles",
    )


translator.register(Organisation, OrganisationTranslation)
translator.register(Rationale, TitleTranslation)
translator.register(RationalePoint, TextTranslation)
translator.register(CustomerNeed, NameDescriptionTranslation)
translator.register(ServiceChannel, NameTranslation)
translator.register(Service, NameDescriptionTranslation)
translator.register(ServiceModel, ServiceModelTranslation)
# The version counter changes on every save; it is not part of what changed.
register(Organisation, app="offerings", excluded_fields=["version"])
register(Person, app="offerings")
for model in (Rationale, RationalePoint, ServiceChannel, SegmentOffering, Finding, SharedTool):
    register(model, app="offerings")
# Many-to-many links are part of what changed: which producers, needs, segments.
register(CustomerNeed, app="offerings", m2m_fields=["segments", "source_goals"])
register(
    Service,
    app="offerings",
    excluded_fields=["version"],
    m2m_fields=["producers", "channels", "rationales", "needs"],
)
register(DevelopmentItem, app="offerings", excluded_fields=["version"], m2m_fields=["segments"])
register(
    ServiceModel, app="offerings", excluded_fields=["version"], m2m_fields=["service_channels"]
)

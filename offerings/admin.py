from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from segments.history import HistoryAdmin, VersionedHistoryAdmin

from .models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(VersionedHistoryAdmin, TranslationAdmin):
    list_display = ["name", "abbreviation", "kind", "region", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_fi", "name_sv", "name_en", "abbreviation", "code"]
    list_select_related = ["region", "parent"]
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["code", "kind", "name", "abbreviation", "parent", "region"]}),
        (None, {"fields": ["report_reference", "order", "is_active", "version"]}),
    ]


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["__str__", "organisation", "title"]
    list_filter = ["organisation__kind", "organisation"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "organisation__name_fi",
    ]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]

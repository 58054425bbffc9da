from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin import InlineConstraintsFormSet

from ..models import Body, BodyResponsibility, Membership, MinistryUnitRole
from .base import CheckedInline, GovernanceAdmin, OneFlaggedFormSet


class BodyResponsibilityInline(CheckedInline, TranslationTabularInline):
    model = BodyResponsibility
    formset = InlineConstraintsFormSet
    fields = ["order", "text", "is_archived"]


class MembershipFormSet(OneFlaggedFormSet):
    message = _("Toimielimellä voi olla vain yksi voimassa oleva puheenjohtaja.")

    def is_flagged(self, data):
        return (
            data.get("role") == Membership.Role.CHAIR
            and not data.get("ends_on")
            and not data.get("is_archived")
        )


class MembershipInline(CheckedInline, admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    fields = ["organisation", "person", "role", "starts_on", "ends_on", "is_archived"]
    autocomplete_fields = ["organisation", "person"]


@admin.register(Body)
class BodyAdmin(GovernanceAdmin, TranslationAdmin):
    list_display = ["name", "kind", "letter", "region", "lead_organisation", "is_archived"]
    list_filter = ["kind", "variant", "is_archived", "region"]
    search_fields = ["name_fi", "name_sv", "name_en", "code", "abbreviation"]
    list_select_related = ["region", "lead_organisation"]
    autocomplete_fields = ["parent", "lead_organisation", "region"]
    filter_horizontal = ["segments"]
    fieldsets = [
        (None, {"fields": ["code", "kind", "name", "abbreviation", "description"]}),
        (
            _("Paikka rakenteessa"),
            {
                "fields": [
                    "parent",
                    "letter",
                    "segments",
                    "variant",
                    "region",
                    "lead_organisation",
                ]
            },
        ),
        (None, {"fields": ["report_reference", "order", "is_archived"]}),
    ]
    inlines = [BodyResponsibilityInline, MembershipInline]


@admin.register(BodyResponsibility)
class BodyResponsibilityAdmin(GovernanceAdmin, TranslationAdmin):
    list_display = ["text", "body", "order", "is_archived"]
    list_filter = ["body__kind", "is_archived", "body"]
    search_fields = ["text_fi", "text_sv", "text_en"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]
    fields = ["body", "order", "text", "is_archived"]


@admin.register(MinistryUnitRole)
class MinistryUnitRoleAdmin(GovernanceAdmin, TranslationAdmin):
    list_display = ["organisation", "order", "short_text", "is_archived"]
    list_filter = ["is_archived"]
    search_fields = ["text_fi", "text_sv", "text_en"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "order", "text", "is_archived"]

    @admin.display(description=_("rooli"))
    def short_text(self, obj):
        return obj.text[:100]


@admin.register(Membership)
class MembershipAdmin(GovernanceAdmin):
    list_display = ["body", "organisation", "person", "role", "starts_on", "ends_on", "is_archived"]
    list_filter = ["role", "is_archived", "body__kind", "body"]
    search_fields = [
        "body__name_fi",
        "organisation__name_fi",
        "person__user__first_name",
        "person__user__last_name",
    ]
    list_select_related = ["body", "organisation", "person__user"]
    autocomplete_fields = ["body", "organisation", "person"]
    fields = ["body", "organisation", "person", "role", "starts_on", "ends_on", "is_archived"]

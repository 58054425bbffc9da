from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin import (
    AuthorMixin,
    HistoryAdmin,
    InlineConstraintsForm,
    InlineConstraintsFormSet,
    ReadOnlyMixin,
    TabularImportAdminMixin,
    VersionedChangeReasonForm,
    VersionedHistoryAdmin,
)

from .models import (
    CustomerNeed,
    DevelopmentItem,
    Finding,
    Organisation,
    OrganisationClaimRule,
    Person,
    Rationale,
    RationalePoint,
    RoleClaimRule,
    SegmentOffering,
    Service,
    ServiceChannel,
    ServiceModel,
    SharedTool,
    SignInIdentity,
)


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


class RationalePointInline(TranslationTabularInline):
    model = RationalePoint
    fields = ["order", "text"]
    extra = 0


@admin.register(Rationale)
class RationaleAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["order", "title"]
    list_display_links = ["title"]
    fields = ["code", "order", "title"]
    inlines = [RationalePointInline]


@admin.register(CustomerNeed)
class CustomerNeedAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["name", "code", "order", "is_active"]
    list_filter = ["is_active", "segments"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]
    filter_horizontal = ["segments"]
    autocomplete_fields = ["source_goals"]
    fields = ["code", "name", "description", "segments", "source_goals", "order", "is_active"]


@admin.register(ServiceChannel)
class ServiceChannelAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["name", "code", "order"]
    fields = ["code", "name", "order"]


class SegmentOfferingInline(admin.TabularInline):
    model = SegmentOffering
    form = InlineConstraintsForm
    formset = InlineConstraintsFormSet
    fields = ["kind", "segment", "from_segment", "to_segment"]
    extra = 0


class ServiceAdminForm(VersionedChangeReasonForm):
    def clean(self):
        cleaned = super().clean()
        # A service is produced by someone: the many-to-many cannot be a database constraint.
        if "producers" in self.fields and not cleaned.get("producers"):
            self.add_error("producers", _("Palvelulla on oltava vähintään yksi tuottaja."))
        return cleaned


@admin.register(Service)
class ServiceAdmin(TabularImportAdminMixin, VersionedHistoryAdmin, TranslationAdmin):
    form = ServiceAdminForm
    change_list_template = "admin/offerings/service/change_list.html"
    import_function = "offerings.imports.import_services"
    import_title = _("Tuo palveluja tiedostosta")
    list_display = ["name", "owner", "production_mode", "pricing", "status", "is_demo"]
    list_filter = ["status", "production_mode", "pricing", "is_demo", "owner", "needs"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    list_select_related = ["owner"]
    filter_horizontal = ["producers", "channels", "rationales", "needs"]
    inlines = [SegmentOfferingInline]
    fieldsets = [
        (None, {"fields": ["name", "description", "status", "owner", "is_demo", "version"]}),
        (
            _("Tuotanto ja hinnoittelu"),
            {"fields": ["producers", "production_mode", "partner", "pricing", "charging_note"]},
        ),
        (_("Kanavat, perusteet ja tarpeet"), {"fields": ["channels", "rationales", "needs"]}),
    ]


@admin.register(Finding)
class FindingAdmin(AuthorMixin, HistoryAdmin):
    list_display = ["need", "segment", "kind", "status", "owner", "created_at"]
    list_filter = ["kind", "status", "segment"]
    list_select_related = ["need", "segment", "owner"]
    raw_id_fields = ["owner"]
    fields = ["segment", "need", "kind", "note", "owner", "status"]

    def has_delete_permission(self, request, obj=None):
        return False  # resolved, not deleted


@admin.register(DevelopmentItem)
class DevelopmentItemAdmin(VersionedHistoryAdmin):
    list_display = ["title", "kind", "coordinator", "deadline", "status"]
    list_filter = ["kind", "status"]
    filter_horizontal = ["segments"]
    fields = [
        "kind",
        "title",
        "sub_working_group",
        "coordinator",
        "segments",
        "deadline",
        "status",
        "result",
        "version",
    ]


@admin.register(ServiceModel)
class ServiceModelAdmin(VersionedHistoryAdmin, TranslationAdmin):
    list_display = ["segment"]
    filter_horizontal = ["service_channels"]
    readonly_fields = ["segment"]
    fields = [
        "segment",
        "who_does_what",
        "how",
        "with_whom",
        "initiative",
        "service_channels",
        "distribution_channels",
        "in_house",
        "partners",
        "marketing_principles",
        "lifecycle_stages",
        "version",
    ]

    def get_readonly_fields(self, request, obj=None):
        # The segment is chosen when a model is added for a segment made after the report.
        return ["segment"] if obj else []


@admin.register(SharedTool)
class SharedToolAdmin(HistoryAdmin):
    list_display = ["name", "kind", "owner"]
    list_filter = ["kind"]
    filter_horizontal = ["users"]
    fields = ["kind", "name", "description", "owner", "users"]


# Sign-in with the organisation's account (OpenID Connect): the mapping from the identity
# provider's claims to an organisation and role groups, applied anew at every sign-in.


@admin.register(OrganisationClaimRule)
class OrganisationClaimRuleAdmin(HistoryAdmin):
    list_display = ["organisation", "match", "claim", "value", "order", "is_active"]
    list_filter = ["is_active", "match"]
    search_fields = ["value", "claim", "organisation__name_fi", "note"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fields = ["match", "claim", "value", "organisation", "order", "is_active", "note"]


@admin.register(RoleClaimRule)
class RoleClaimRuleAdmin(HistoryAdmin):
    list_display = ["group", "claim", "value", "gives_admin_access", "is_active"]
    list_filter = ["is_active", "group", "gives_admin_access"]
    search_fields = ["value", "claim", "group__name", "note"]
    list_select_related = ["group"]
    fields = ["claim", "value", "group", "gives_admin_access", "is_active", "note"]


@admin.register(SignInIdentity)
class SignInIdentityAdmin(ReadOnlyMixin, HistoryAdmin):
    """Written at a user's first sign-in; shown so that staff see whose account it is."""

    list_display = ["user", "subject", "issuer", "created_at"]
    search_fields = ["=subject", "user__username", "user__email"]
    list_select_related = ["user"]
    fields = ["user", "issuer", "subject", "created_at"]
    readonly_fields = fields

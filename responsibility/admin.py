from django.contrib import admin

from core.admin import (
    AuthorMixin,
    HistoryAdmin,
    NoAddMixin,
    NoDeleteMixin,
    ReadOnlyAdmin,
    ReadOnlyMixin,
    VersionedHistoryAdmin,
)

from .models import (
    AccessLogEntry,
    Assignment,
    Consent,
    ConsentDisclosure,
    CustomerNote,
    CustomerTeam,
    DataSharingSetting,
    GroupResponsibility,
    Handover,
    ResponsibilityPolicy,
    ServiceDelivery,
    TeamMembership,
)


@admin.register(ResponsibilityPolicy)
class ResponsibilityPolicyAdmin(NoAddMixin, NoDeleteMixin, VersionedHistoryAdmin):
    """One policy per segment, loaded with the report's content: changed, never added."""

    list_display = [
        "segment",
        "mode",
        "scope",
        "lead_organisation",
        "forms_customer_teams",
        "emphasis",
    ]
    list_filter = ["mode", "scope", "emphasis"]
    readonly_fields = ["segment"]
    fields = [
        "segment",
        "mode",
        "scope",
        "target_group",
        "lead_organisation",
        "forms_customer_teams",
        "team_lead_organisation",
        "competences",
        "emphasis",
        "information_flow",
        "decision_reference",
        "version",
    ]


@admin.register(Assignment)
class AssignmentAdmin(NoDeleteMixin, HistoryAdmin):
    """Ended, never deleted: the holders' history is the customer's history."""

    list_display = ["company", "organisation", "person", "team", "role", "starts_on", "ends_on"]
    list_filter = ["role", "organisation"]
    search_fields = ["=company__business_id", "^company__name"]
    list_select_related = ["company", "organisation", "person__user", "team"]
    raw_id_fields = ["company", "delivery"]
    show_full_result_count = False
    fields = [
        "company",
        "organisation",
        "person",
        "team",
        "role",
        "delivery",
        "starts_on",
        "ends_on",
        "note",
    ]


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    fields = ["person", "role"]


@admin.register(CustomerTeam)
class CustomerTeamAdmin(HistoryAdmin):
    list_display = ["name", "leader", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    inlines = [TeamMembershipInline]
    fields = ["name", "description", "leader", "is_active"]


@admin.register(GroupResponsibility)
class GroupResponsibilityAdmin(HistoryAdmin):
    list_display = ["segment", "target_group", "organisation", "team", "starts_on", "ends_on"]
    list_filter = ["segment", "organisation"]
    fields = ["segment", "target_group", "organisation", "team", "starts_on", "ends_on"]


@admin.register(ServiceDelivery)
class ServiceDeliveryAdmin(HistoryAdmin):
    list_display = ["title", "company", "organisation", "service", "started_on", "ended_on"]
    list_filter = ["organisation"]
    search_fields = ["title", "=company__business_id"]
    raw_id_fields = ["company"]
    fields = ["company", "organisation", "service", "title", "started_on", "ended_on"]


@admin.register(Handover)
class HandoverAdmin(ReadOnlyAdmin, HistoryAdmin):
    """Handovers are requested and answered on their pages (the state machine); here read."""

    list_display = [
        "company",
        "from_organisation",
        "to_organisation",
        "status",
        "requested_at",
        "decided_at",
    ]
    list_filter = ["status", "from_organisation", "to_organisation"]
    search_fields = ["=company__business_id", "^company__name"]
    list_select_related = ["company", "from_organisation", "to_organisation"]


@admin.register(DataSharingSetting)
class DataSharingSettingAdmin(NoAddMixin, NoDeleteMixin, HistoryAdmin):
    """The one row of the group's choice: changed, never added or deleted."""

    list_display = ["strategy", "decision_reference"]
    fields = ["strategy", "decision_reference"]


class ConsentDisclosureInline(ReadOnlyMixin, admin.TabularInline):
    """Whose data the consent releases, read only: disclosers are chosen when the consent is
    recorded on the company's page, and a part under bank secrecy is confirmed there by the
    organisation's own staff (Act 443/1998 § 5), never by editing it here."""

    model = ConsentDisclosure
    extra = 0
    fields = ["organisation", "confirmed_by", "confirmed_at"]
    readonly_fields = fields


@admin.register(Consent)
class ConsentAdmin(AuthorMixin, NoDeleteMixin, HistoryAdmin):
    """Consents are withdrawn, never deleted."""

    author_field = "recorded_by"

    list_display = ["company", "scope", "given_by", "given_on", "expires_on", "withdrawn_on"]
    list_filter = ["scope"]
    search_fields = ["=company__business_id", "^company__name"]
    raw_id_fields = ["company"]
    filter_horizontal = ["organisations"]
    inlines = [ConsentDisclosureInline]
    fields = [
        "company",
        "scope",
        "organisations",
        "given_by",
        "given_on",
        "expires_on",
        "withdrawn_on",
    ]


@admin.register(CustomerNote)
class CustomerNoteAdmin(NoAddMixin, HistoryAdmin):
    """Notes are written on the company's page, by its organisation."""

    list_display = ["company", "organisation", "kind", "author", "created_at"]
    list_filter = ["kind", "organisation"]
    search_fields = ["=company__business_id"]
    list_select_related = ["company", "organisation", "author"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    """The access log is read, searched and nothing else (906/2019 § 17)."""

    list_display = [
        "at",
        "viewer",
        "viewer_organisation",
        "owner_organisation",
        "company",
        "scope",
        "basis",
    ]
    list_filter = ["basis", "scope", "viewer_organisation", "owner_organisation"]
    search_fields = ["=company__business_id", "viewer__username"]
    list_select_related = ["viewer", "viewer_organisation", "owner_organisation", "company"]
    date_hierarchy = "at"
    show_full_result_count = False


# The integration API's clients, keys and call log (registered on import).
from . import admin_api  # noqa: E402, F401

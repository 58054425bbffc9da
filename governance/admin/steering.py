"""The annual planning clock, plans with their items and metrics, and the phases of the work."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.admin import (
    AuthorMixin,
    InlineConstraintsForm,
    InlineConstraintsFormSet,
    WrittenTextsForm,
    every_language,
)

from ..models import ClockEvent, Metric, Plan, PlanItem, WorkPhase
from ..services.steering import METRIC_FIELDS, PLAN_FIELDS
from .base import CheckedInline, GovernanceAdmin, VersionedGovernanceAdmin


@admin.register(ClockEvent)
class ClockEventAdmin(GovernanceAdmin, TranslationAdmin):
    list_display = ["month", "timing", "title", "kind", "level", "body", "is_recurring", "year"]
    list_filter = ["kind", "level", "is_recurring", "is_archived", "month"]
    search_fields = ["title_fi", "title_sv", "title_en", "description_fi"]
    list_select_related = ["body", "organisation"]
    autocomplete_fields = ["body", "organisation"]
    fields = [
        "month",
        "timing",
        "is_recurring",
        "year",
        "title",
        "kind",
        "level",
        "body",
        "organisation",
        "description",
        "report_reference",
        "order",
        "is_archived",
    ]


class PlanItemForm(WrittenTextsForm, InlineConstraintsForm):
    """An item as a plan's inline row: its text edited as written, in its own language (the
    language itself is changed on the item's own page)."""


class PlanItemInline(CheckedInline, admin.TabularInline):
    model = PlanItem
    form = PlanItemForm
    formset = InlineConstraintsFormSet
    fields = ["kind", "order", "text", "is_archived"]


class MetricStatusMixin:
    """A metric's status (on track, at risk, …) as a read-only column; none before it is saved."""

    @admin.display(description=_("tilanne"))
    def status_text(self, obj):
        return obj.get_status_display() if obj.pk else ""


class MetricInline(MetricStatusMixin, CheckedInline, admin.TabularInline):
    model = Metric
    formset = InlineConstraintsFormSet
    fields = [*METRIC_FIELDS, "status_text"]
    readonly_fields = ["status_text"]


@admin.register(Plan)
class PlanAdmin(AuthorMixin, VersionedGovernanceAdmin):
    list_display = ["title", "year", "level", "organisation", "segment", "is_archived"]
    list_filter = ["level", "year", "is_archived"]
    search_fields = every_language("title", "description")
    list_select_related = ["organisation", "segment"]
    autocomplete_fields = ["organisation", "segment", "team", "person", "company"]
    fields = [*PLAN_FIELDS, "created_by", "version"]
    readonly_fields = ["created_by"]
    inlines = [PlanItemInline, MetricInline]


@admin.register(PlanItem)
class PlanItemAdmin(GovernanceAdmin):
    list_display = ["__str__", "plan", "kind", "order", "is_archived"]
    list_filter = ["kind", "is_archived"]
    search_fields = every_language("text", "plan__title")
    list_select_related = ["plan"]
    autocomplete_fields = ["plan"]
    fields = ["plan", "kind", "order", "text", "original_language", "is_archived"]


@admin.register(Metric)
class MetricAdmin(MetricStatusMixin, GovernanceAdmin):
    list_display = ["name", "plan", "year", "unit", "target", "actual", "status_text"]
    list_filter = ["year", "higher_is_better", "is_archived"]
    search_fields = ["name", "plan__title"]
    list_select_related = ["plan"]
    autocomplete_fields = ["plan"]
    fields = ["plan", *METRIC_FIELDS]


@admin.register(WorkPhase)
class WorkPhaseAdmin(GovernanceAdmin, TranslationAdmin):
    list_display = ["order", "name", "status", "starts_on", "ends_on", "timing", "organisation"]
    list_display_links = ["order", "name"]
    list_filter = ["status", "is_archived"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fields = [
        "order",
        "name",
        "description",
        "timing",
        "starts_on",
        "ends_on",
        "status",
        "organisation",
        "report_reference",
        "is_archived",
    ]

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.admin import (
    HistoryAdmin,
    InlineConstraintsFormSet,
    ReadOnlyAdmin,
    TabularImportAdminMixin,
    VersionedHistoryAdmin,
    VersionedInlineForm,
)
from core.paginators import LargeTablePaginator

from . import services
from .models import (
    ONE_CONFIRMED_PROMISE_MESSAGE,
    Attribute,
    AttributeValue,
    Company,
    Criterion,
    Goal,
    ManualPlacement,
    Region,
    ResegmentationRun,
    Segment,
    SegmentAlias,
    SegmentTransition,
    ServicePromise,
    Strategy,
)
from .selectors.companies import company_search


@admin.register(Region)
class RegionAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]
    fields = ["code", "name", "order"]


class SegmentAliasInline(admin.TabularInline):
    model = SegmentAlias
    extra = 0
    fields = ["name", "report_reference"]


class CriterionInline(TranslationStackedInline):
    model = Criterion
    form = VersionedInlineForm
    formset = InlineConstraintsFormSet
    fields = ["kind", "text", "rules", "version"]
    readonly_fields = ["kind"]
    extra = 0
    max_num = len(Criterion.Kind.choices)
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # The three criteria of every segment exist from the start (loaded with it).
        return False


class PerspectiveFormSet(InlineConstraintsFormSet):
    """Goals of one perspective; a goal added here gets that perspective."""

    perspective = None

    def save_new(self, form, commit=True):
        form.instance.perspective = self.perspective
        return super().save_new(form, commit=commit)


class GoalInline(TranslationTabularInline):
    model = Goal
    form = VersionedInlineForm
    formset = InlineConstraintsFormSet
    fields = ["order", "text", "status", "version"]
    extra = 0
    perspective = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(perspective=self.perspective)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(
            formset.__name__, (formset, PerspectiveFormSet), {"perspective": self.perspective}
        )


class PublicActorGoalInline(GoalInline):
    perspective = Goal.Perspective.PUBLIC_ACTOR
    verbose_name = _("julkisen toimijan tavoite")
    verbose_name_plural = _("julkisen toimijan tavoitteet")


class CustomerGoalInline(GoalInline):
    perspective = Goal.Perspective.CUSTOMER
    verbose_name = _("asiakasyrityksen tavoite")
    verbose_name_plural = _("asiakasyrityksen tavoitteet")


class StrategyInline(TranslationStackedInline):
    model = Strategy
    form = VersionedInlineForm
    formset = InlineConstraintsFormSet
    fields = ["text", "points", "status", "version"]
    extra = 0
    max_num = 1
    can_delete = False


class ServicePromiseFormSet(InlineConstraintsFormSet):
    """Promises of one segment: at most one of them confirmed, also within one submission."""

    def clean(self):
        super().clean()
        confirmed = [
            form
            for form in self.forms
            if form.cleaned_data.get("status") == ServicePromise.Status.CONFIRMED
            and not form.cleaned_data.get("DELETE")
        ]
        if len(confirmed) > 1:
            raise forms.ValidationError(ONE_CONFIRMED_PROMISE_MESSAGE)


class ServicePromiseInline(TranslationStackedInline):
    model = ServicePromise
    form = VersionedInlineForm
    formset = ServicePromiseFormSet
    fields = ["text", "status", "order", "version"]
    extra = 0


@admin.register(Segment)
class SegmentAdmin(VersionedHistoryAdmin, TranslationAdmin):
    list_display = [
        "number",
        "name",
        "kind",
        "customer_group",
        "has_open_promise_alternative",
        "is_active",
    ]
    list_display_links = ["number", "name"]
    list_filter = [
        "kind",
        "customer_group",
        "is_active",
        "has_open_promise_alternative",
        "promises__status",
    ]
    search_fields = ["name_fi", "name_sv", "name_en", "code", "aliases__name"]
    ordering = ["number"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "priority",
                    "code",
                    "kind",
                    "customer_group",
                    "name",
                    "description",
                ]
            },
        ),
        (
            _("Lisätiedot"),
            {
                "fields": [
                    "is_cross_cutting",
                    "has_open_promise_alternative",
                    "report_reference",
                    "is_active",
                    "version",
                ]
            },
        ),
    ]
    inlines = [
        SegmentAliasInline,
        CriterionInline,
        PublicActorGoalInline,
        CustomerGoalInline,
        StrategyInline,
        ServicePromiseInline,
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.segment_ensure_criteria(
            segment=form.instance, by=request.user, reason=form.cleaned_data["change_reason"]
        )

    def get_search_results(self, request, queryset, search_term):
        # Searching across aliases joins a to-many table: keep each segment once.
        queryset, _may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


@admin.register(Goal)
class GoalAdmin(VersionedHistoryAdmin, TranslationAdmin):
    list_display = ["text", "segment", "perspective", "order", "status"]
    list_filter = ["status", "perspective", "segment"]
    search_fields = ["text_fi", "text_sv", "text_en"]
    list_select_related = ["segment"]
    autocomplete_fields = ["segment"]
    fields = ["segment", "perspective", "order", "text", "status", "version"]


@admin.register(ServicePromise)
class ServicePromiseAdmin(VersionedHistoryAdmin, TranslationAdmin):
    list_display = ["text", "segment", "status", "order"]
    list_filter = ["status", "segment"]
    search_fields = ["text_fi", "text_sv", "text_en"]
    list_select_related = ["segment"]
    autocomplete_fields = ["segment"]
    fields = ["segment", "text", "status", "order", "version"]


@admin.register(Strategy)
class StrategyAdmin(VersionedHistoryAdmin, TranslationAdmin):
    list_display = ["text", "segment", "status"]
    list_filter = ["status"]
    search_fields = ["text_fi", "text_sv", "text_en", "points_fi"]
    list_select_related = ["segment"]
    fields = ["segment", "text", "points", "status", "version"]
    readonly_fields = ["segment"]

    def has_add_permission(self, request):
        return False  # one per segment, made with the segment


@admin.register(Criterion)
class CriterionAdmin(VersionedHistoryAdmin, TranslationAdmin):
    list_display = ["segment", "kind", "is_defined"]
    list_filter = ["kind", "segment"]
    search_fields = ["text_fi", "text_sv", "text_en"]
    list_select_related = ["segment"]
    fields = ["segment", "kind", "text", "rules", "version"]
    readonly_fields = ["segment", "kind"]

    def has_add_permission(self, request):
        return False  # the three criteria of a segment are made with it

    @admin.display(boolean=True, description=_("määritelty"))
    def is_defined(self, obj):
        return obj.is_defined


class AttributeValueInline(admin.TabularInline):
    """A company's yearly values; they come from imports and are read here."""

    model = AttributeValue
    fields = ["attribute", "year", "number", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["attribute__order", "year"]

    def has_add_permission(self, request, obj=None):
        return False


class CompanySearchMixin:
    """Changelists of national-scale tables: searched by an exact Y-tunnus or a name prefix
    (Django's "=" is iexact, UPPER(…) = UPPER(…), which no index serves), counted by an
    estimate and paged by keys (core.paginators), 50 rows a page."""

    company_path = "company__"  # from the listed rows to their company
    search_help_text = _("Hae Y-tunnuksella (koko tunnus) tai nimen alulla.")
    paginator = LargeTablePaginator
    show_full_result_count = False
    list_per_page = 50

    def get_search_results(self, request, queryset, search_term):
        return company_search(queryset, search_term, self.company_path), False


@admin.register(Company)
class CompanyAdmin(CompanySearchMixin, TabularImportAdminMixin, VersionedHistoryAdmin):
    change_list_template = "admin/segments/company/change_list.html"
    import_function = "segments.imports.import_companies"
    import_title = _("Tuo yrityksiä tiedostosta")
    list_display = [
        "name",
        "business_id",
        "segment",
        "region",
        "industry",
        "is_ready_to_move",
        "is_active",
    ]
    list_filter = ["segment", "region", "is_ready_to_move", "is_active", "is_synthetic"]
    company_path = ""
    search_fields = ["business_id", "name"]  # searched as CompanySearchMixin says
    list_select_related = ["segment", "region"]
    # The name index's order (company_name_idx), so that a page's keys come from it alone.
    ordering = ["name", "id"]
    inlines = [AttributeValueInline]
    fields = [
        "business_id",
        "name",
        "region",
        "municipality",
        "industry",
        "founded_on",
        "segment",
        "is_ready_to_move",
        "is_active",
        "is_synthetic",
        "version",
    ]

    def get_readonly_fields(self, request, obj=None):
        # A company's segment changes through the yearly run (with a transition), not here.
        return ["segment", "is_ready_to_move"] if obj else ["is_ready_to_move"]


@admin.register(Attribute)
class AttributeAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "value_type", "unit", "order"]
    list_filter = ["value_type"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]
    fields = ["code", "name", "value_type", "unit", "choices", "description", "order"]


@admin.register(ResegmentationRun)
class ResegmentationRunAdmin(ReadOnlyAdmin):
    list_display = [
        "year",
        "status",
        "company_count",
        "mover_count",
        "unplaced_count",
        "created_by",
        "created_at",
        "applied_at",
    ]
    list_filter = ["status", "year"]
    list_select_related = ["created_by"]


@admin.register(ManualPlacement)
class ManualPlacementAdmin(CompanySearchMixin, HistoryAdmin, ReadOnlyAdmin):
    """Manual placements are recorded and removed on the run pages (with their reasons);
    the admin lists them and shows their history."""

    list_display = [
        "company",
        "action",
        "segment",
        "first_year",
        "last_year",
        "created_by",
        "created_at",
        "removed_at",
    ]
    list_filter = ["action", "first_year"]
    search_fields = ["company__business_id", "company__name"]
    list_select_related = ["company", "segment", "created_by"]
    raw_id_fields = ["company"]


@admin.register(SegmentTransition)
class SegmentTransitionAdmin(CompanySearchMixin, ReadOnlyAdmin):
    list_display = [
        "company",
        "year",
        "from_segment",
        "to_segment",
        "cause",
        "created_by",
        "created_at",
    ]
    list_filter = ["year", "cause", "to_segment"]
    search_fields = ["company__business_id", "company__name"]
    list_select_related = ["company", "from_segment", "to_segment", "created_by"]
    # Newest first by an indexed key (transition_year_idx) at any depth.
    ordering = ["-year", "-id"]


@admin.register(AttributeValue)
class AttributeValueAdmin(CompanySearchMixin, ReadOnlyAdmin):
    """The companies' yearly values (millions of rows): written by imports and the yearly
    data load, read here by company."""

    list_display = ["company", "attribute", "year", "number", "text"]
    list_filter = ["attribute"]
    search_fields = ["company__business_id", "company__name"]
    list_select_related = ["company", "attribute"]
    # The unique (company, attribute, year) index's order.
    ordering = ["company_id", "attribute_id", "year"]

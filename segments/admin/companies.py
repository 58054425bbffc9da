"""The admin of the company data at national scale: companies with their yearly attribute
values, the attributes, the runs, the manual placements and the transitions."""

from django.contrib import admin
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
)

from core.admin import (
    HistoryAdmin,
    ReadOnlyAdmin,
    TabularImportAdminMixin,
    VersionedHistoryAdmin,
)
from core.paginators import LargeTablePaginator

from ..models import (
    Attribute,
    AttributeValue,
    Company,
    ManualPlacement,
    ResegmentationRun,
    SegmentTransition,
)
from ..selectors.companies import company_search


class AttributeValueInline(admin.TabularInline):
    """A company's yearly values; they come from imports and are read here."""

    model = AttributeValue
    fields = ["attribute", "year", "shown_value"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["attribute__order", "year"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Each row shows its attribute and rounds by it: read with the values.
        return super().get_queryset(request).select_related("attribute")

    @admin.display(description=_("arvo"))
    def shown_value(self, value):
        # A read-only callable's value is not localized by the admin itself.
        return formats.localize(value.display_value)


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
    list_display = ["code", "name", "value_type", "unit", "decimals", "order"]
    list_filter = ["value_type"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]
    fields = ["code", "name", "value_type", "unit", "decimals", "choices", "description", "order"]


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

    list_display = ["company", "attribute", "year", "shown_value"]
    list_filter = ["attribute"]
    search_fields = ["company__business_id", "company__name"]
    list_select_related = ["company", "attribute"]
    # The unique (company, attribute, year) index's order.
    ordering = ["company_id", "attribute_id", "year"]

    @admin.display(description=_("arvo"))
    def shown_value(self, value):
        # A read-only callable's value is not localized by the admin itself.
        return formats.localize(value.display_value)

"""The admin of the segments' definitions: segments with their criteria, goals, strategies
and promises (the ministry's main editing screen), and the regions."""

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
    VersionedHistoryAdmin,
    VersionedInlineForm,
)

from .. import services
from ..models import (
    ONE_CONFIRMED_PROMISE_MESSAGE,
    Criterion,
    Goal,
    Region,
    Segment,
    SegmentAlias,
    ServicePromise,
    Strategy,
)


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

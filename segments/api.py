"""The segments' open data in the integration API (/api/v1/segments/): serializers and
read views."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.texts import ChoiceLabelField, TranslatedLinesField, TranslatedTextField
from core.api.views import OpenDataDetailView, OpenDataListView, parse_updated_since
from segments.models import Criterion, Goal, Segment, ServicePromise, Strategy
from segments.selectors import segment_open_data

CRITERION_ORDER = {kind: index for index, kind in enumerate(Criterion.Kind.values)}


@extend_schema_field({"type": ["object", "null"]})
class RulesField(serializers.JSONField):
    """A criterion's rules: an object, or null when there are none."""


class CriterionSerializer(serializers.ModelSerializer):
    text = TranslatedTextField()
    kind_label = ChoiceLabelField("kind")
    rules = RulesField(
        allow_null=True,
        help_text='Koneellisesti tarkistettavat ehdot, esim. {"attribute": "henkilosto", '
        '"op": "gte", "value": 250}; ryhmät "all" ja "any". null: ei sääntöjä.',
    )

    class Meta:
        model = Criterion
        fields = ["kind", "kind_label", "text", "rules"]


class GoalSerializer(serializers.ModelSerializer):
    text = TranslatedTextField()
    perspective_label = ChoiceLabelField("perspective")
    status_label = ChoiceLabelField("status")

    class Meta:
        model = Goal
        fields = ["perspective", "perspective_label", "text", "status", "status_label"]


class StrategySerializer(serializers.ModelSerializer):
    text = TranslatedTextField()
    points = TranslatedLinesField()
    status_label = ChoiceLabelField("status")

    class Meta:
        model = Strategy
        fields = ["text", "points", "status", "status_label"]


class PromiseSerializer(serializers.ModelSerializer):
    text = TranslatedTextField()

    class Meta:
        model = ServicePromise
        fields = ["text"]


class SegmentSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()
    description = TranslatedTextField()
    kind_label = ChoiceLabelField("kind")
    customer_group_label = ChoiceLabelField("customer_group")
    criteria = serializers.SerializerMethodField()
    goals = GoalSerializer(many=True, read_only=True)
    strategy = StrategySerializer(read_only=True, allow_null=True)
    confirmed_promise = serializers.SerializerMethodField(
        help_text="Segmentin vahvistettu palvelulupaus; null, kun sitä ei vielä ole."
    )

    class Meta:
        model = Segment
        fields = [
            "code",
            "number",
            "name",
            "kind",
            "kind_label",
            "customer_group",
            "customer_group_label",
            "description",
            "is_cross_cutting",
            "report_reference",
            "criteria",
            "goals",
            "strategy",
            "confirmed_promise",
        ]

    @extend_schema_field(CriterionSerializer(many=True))
    def get_criteria(self, segment):
        # Placement, entry, exit: the order in which the report names them (5.1.1).
        criteria = sorted(segment.criteria.all(), key=lambda c: CRITERION_ORDER[c.kind])
        return CriterionSerializer(criteria, many=True).data

    @extend_schema_field(PromiseSerializer(allow_null=True))
    def get_confirmed_promise(self, segment):
        promises = segment.confirmed_promises
        return PromiseSerializer(promises[0]).data if promises else None


class SegmentList(OpenDataListView):
    """Segments: descriptions, criteria and their rules, goals of both perspectives, the
    strategy and the confirmed service promise."""

    serializer_class = SegmentSerializer
    cursor_ordering = "number"

    def get_queryset(self):
        return segment_open_data(updated_since=parse_updated_since(self.request))


class SegmentDetail(OpenDataDetailView):
    """One segment by its code."""

    serializer_class = SegmentSerializer
    lookup_field = "code"

    def get_queryset(self):
        return segment_open_data()

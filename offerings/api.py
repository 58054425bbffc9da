"""The offerings' open data in the integration API (/api/v1/organisations/, /services/):
serializers and read views."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from core.api.texts import ChoiceLabelField, TranslatedTextField
from core.api.views import OpenDataDetailView, OpenDataListView, parse_updated_since
from offerings.models import Organisation, SegmentOffering, Service, ServiceChannel
from offerings.selectors import organisation_open_data, service_open_data


class OrganisationRefSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()

    class Meta:
        model = Organisation
        fields = ["code", "name", "abbreviation"]


class OrganisationSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    kind_label = ChoiceLabelField("kind")
    region = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "code",
            "kind",
            "kind_label",
            "name",
            "abbreviation",
            "parent",
            "region",
            "is_active",
        ]

    def get_region(self, organisation) -> str | None:
        return organisation.region.code if organisation.region else None


class ChannelSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()

    class Meta:
        model = ServiceChannel
        fields = ["code", "name"]


class OfferingSerializer(serializers.ModelSerializer):
    """A segment the service is offered to: a basic service of `segment`, or a transition
    service for companies moving from `from_segment` to `to_segment` (segment codes)."""

    segment = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    from_segment = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    to_segment = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    kind_label = ChoiceLabelField("kind")

    class Meta:
        model = SegmentOffering
        fields = ["kind", "kind_label", "segment", "from_segment", "to_segment"]


class ServiceSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()
    description = TranslatedTextField()
    owner = OrganisationRefSerializer(read_only=True)
    producers = OrganisationRefSerializer(many=True, read_only=True)
    channels = ChannelSerializer(many=True, read_only=True)
    status_label = ChoiceLabelField("status")
    production_mode_label = ChoiceLabelField("production_mode")
    pricing_label = ChoiceLabelField("pricing")
    offered_to = OfferingSerializer(source="offerings", many=True, read_only=True)

    class Meta:
        model = Service
        fields = [
            "id",
            "name",
            "description",
            "status",
            "status_label",
            "production_mode",
            "production_mode_label",
            "partner",
            "pricing",
            "pricing_label",
            "charging_note",
            "owner",
            "producers",
            "channels",
            "offered_to",
            "is_demo",
        ]


class OrganisationList(OpenDataListView):
    """The public actors: the ministry, its units, the agencies and the TE-centres."""

    serializer_class = OrganisationSerializer
    cursor_ordering = "code"

    def get_queryset(self):
        return organisation_open_data(updated_since=parse_updated_since(self.request))


class OrganisationDetail(OpenDataDetailView):
    """One organisation by its code."""

    serializer_class = OrganisationSerializer
    lookup_field = "code"

    def get_queryset(self):
        return organisation_open_data()


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter(
                "segment",
                str,
                description="Vain segmentin tarjooma: sen peruspalvelut ja täsmäpalvelut "
                "segmenttiin tai siitä siirtyville (segmentin tunnus, esim. suuryritykset).",
            )
        ]
    )
)
class ServiceList(OpenDataListView):
    """Public business services with their owner, producers, channels and the segments
    they are offered to; `segment` gives one segment's offering."""

    serializer_class = ServiceSerializer
    cursor_ordering = "id"

    def get_queryset(self):
        return service_open_data(
            updated_since=parse_updated_since(self.request),
            segment_code=self.request.query_params.get("segment", "").strip(),
        )


class ServiceDetail(OpenDataDetailView):
    """One service by its id."""

    serializer_class = ServiceSerializer

    def get_queryset(self):
        return service_open_data()

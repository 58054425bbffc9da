"""The offerings' open data in the integration API (/api/v1/organisations/, /services/):
serializers and read views."""

from rest_framework import serializers

from core.api.texts import TranslatedTextField
from core.api.views import OpenDataDetailView, OpenDataListView, parse_updated_since
from offerings.models import Organisation, Service, ServiceChannel
from offerings.selectors import organisation_open_data, service_open_data


class OrganisationRefSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()

    class Meta:
        model = Organisation
        fields = ["code", "name", "abbreviation"]


class OrganisationSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ["code", "kind", "name", "abbreviation", "parent", "region", "is_active"]

    def get_region(self, organisation) -> str | None:
        return organisation.region.code if organisation.region else None


class ChannelSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()

    class Meta:
        model = ServiceChannel
        fields = ["code", "name"]


class ServiceSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()
    description = TranslatedTextField()
    owner = OrganisationRefSerializer(read_only=True)
    producers = OrganisationRefSerializer(many=True, read_only=True)
    channels = ChannelSerializer(many=True, read_only=True)

    class Meta:
        model = Service
        fields = [
            "id",
            "name",
            "description",
            "status",
            "production_mode",
            "partner",
            "pricing",
            "charging_note",
            "owner",
            "producers",
            "channels",
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


class ServiceList(OpenDataListView):
    """Public business services with their owner, producers and channels."""

    serializer_class = ServiceSerializer
    cursor_ordering = "id"

    def get_queryset(self):
        return service_open_data(updated_since=parse_updated_since(self.request))


class ServiceDetail(OpenDataDetailView):
    """One service by its id."""

    serializer_class = ServiceSerializer

    def get_queryset(self):
        return service_open_data()

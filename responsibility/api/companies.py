"""Companies by Y-tunnus for systems with a key (/api/v1/companies/…): placement, yearly
attribute values and transitions (companies:read), and who serves the company now
(responsibility:read)."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema_field,
)
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response

from core.api.schema import KeyedAutoSchema
from core.api.views import parse_updated_since
from offerings.api import OrganisationRefSerializer
from segments.models import AttributeValue, Company, SegmentTransition
from segments.selectors import company_integration_data, company_integration_rows
from segments.validators import normalize_business_id, validate_business_id

from ..models import Assignment, Scope
from ..selectors import company_for_responsibility, company_lead
from .keys import KeyedView

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")


def business_id_or_400(raw):
    """The Y-tunnus of the address in its standard form; a malformed one is a 400 with the
    app's own Finnish message (in the asked language where translated)."""
    business_id = normalize_business_id(raw)
    try:
        validate_business_id(business_id)
    except ValidationError as error:
        raise exceptions.ValidationError({"business_id": error.messages}) from error
    return business_id


class AttributeValueSerializer(serializers.ModelSerializer):
    attribute = serializers.SlugRelatedField(slug_field="code", read_only=True)
    value = serializers.SerializerMethodField(
        help_text="Kokonaisluku, desimaaliluku merkkijonona (tarkka), true/false tai teksti."
    )

    class Meta:
        model = AttributeValue
        fields = ["attribute", "year", "value"]

    @extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}, {"type": "boolean"}]})
    def get_value(self, value):
        result = value.value
        return format(result.normalize(), "f") if isinstance(result, Decimal) else result


class TransitionSerializer(serializers.ModelSerializer):
    from_segment = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    to_segment = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = SegmentTransition
        fields = ["year", "from_segment", "to_segment", "cause"]


class CompanySerializer(serializers.ModelSerializer):
    """A company as the API gives it. The views answer with segments' plain-row reader
    (company_integration_rows), the same data without a model instance per value; this
    serializer describes it in the OpenAPI document, and a test keeps the two the same."""

    segment = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="Nykyinen segmentti (tunnus); null, kun yritystä ei ole sijoitettu.",
    )
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    values = AttributeValueSerializer(
        source="attribute_values", many=True, read_only=True, help_text="Arvot vuosittain."
    )
    transitions = TransitionSerializer(
        many=True, read_only=True, help_text="Siirtymät segmentistä toiseen, uusin ensin."
    )

    class Meta:
        model = Company
        fields = [
            "business_id",
            "name",
            "is_active",
            "segment",
            "is_ready_to_move",
            "region",
            "municipality",
            "industry",
            "founded_on",
            "values",
            "transitions",
        ]


class CompanyListSchema(KeyedAutoSchema):
    """The list's own filter beside the keyed conventions (extend_schema would build the
    operation on the open data's schema class instead)."""

    def get_override_parameters(self):
        segment = OpenApiParameter(
            "segment", str, description="Vain segmentin yritykset (segmentin tunnus)."
        )
        return [*super().get_override_parameters(), segment]


class CompanyList(KeyedView, generics.ListAPIView):
    """Companies with their placement, values and transitions, a cursor page at a time in
    Y-tunnus order; `updated_since` for an incremental sync (a change of the company's own
    fields or a move between segments; a new attribute value alone does not count)."""

    serializer_class = CompanySerializer
    required_scope = Scope.COMPANIES_READ
    cursor_ordering = "business_id"
    schema = CompanyListSchema()

    def get_queryset(self):
        segment = self.request.query_params.get("segment", "").strip()
        companies = company_integration_data(
            segment_code=segment, updated_since=parse_updated_since(self.request)
        )
        # A segment code is a slug; anything else (a NUL byte, which PostgreSQL refuses in
        # a query, included) names no segment.
        return companies if not segment or SLUG.fullmatch(segment) else companies.none()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(company_integration_rows(page))


class CompanyDetail(KeyedView, generics.RetrieveAPIView):
    """One company by its Y-tunnus (1234567-8)."""

    serializer_class = CompanySerializer
    required_scope = Scope.COMPANIES_READ
    lookup_field = "business_id"

    def retrieve(self, request, *args, **kwargs):
        business_id = business_id_or_400(self.kwargs["business_id"])
        company = company_integration_data().filter(business_id=business_id).first()
        if company is None:
            raise Http404
        return Response(company_integration_rows([company])[0])


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    email = serializers.EmailField(allow_blank=True)


class LeadSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)
    contact = serializers.SerializerMethodField(
        help_text="Vastuuhenkilö; null, kun vastuu on organisaatiolla tai tiimillä."
    )
    team = serializers.SerializerMethodField(help_text="Asiakkuustiimin nimi tai null.")
    since = serializers.DateField(source="starts_on")

    class Meta:
        model = Assignment
        fields = ["organisation", "contact", "team", "since"]

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_contact(self, lead):
        if lead.person is None:
            return None
        user = lead.person.user
        return {
            "name": user.get_full_name() or user.get_username(),
            "title": lead.person.title,
            "email": user.email,
        }

    def get_team(self, lead) -> str | None:
        return lead.team.name if lead.team else None


class ResponsibilitySerializer(serializers.Serializer):
    business_id = serializers.CharField()
    lead = LeadSerializer(
        allow_null=True,
        help_text="Päävastuullinen organisaatio ja sen yhteyshenkilö; null, kun ei ole.",
    )


class CompanyResponsibilityDetail(KeyedView, generics.GenericAPIView):
    """Who serves the company now: its lead organisation and the contact there (what the
    portal shows a company as "who serves you")."""

    serializer_class = ResponsibilitySerializer
    required_scope = Scope.RESPONSIBILITY_READ
    pagination_class = None

    def get(self, request, business_id):
        company = company_for_responsibility(business_id_or_400(business_id))
        if company is None:
            raise Http404
        data = {"business_id": company.business_id, "lead": company_lead(company)}
        return Response(self.get_serializer(data).data)

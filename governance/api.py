"""The governance app's open data in the integration API (/api/v1/bodies/, /decisions/,
/roadmap/): the bodies with their duties, the strategic decisions register and the phases
of the work (report 6, 8, 7)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.texts import ChoiceLabelField, TranslatedTextField, TranslatedTextSerializer
from core.api.views import OpenDataDetailView, OpenDataListView, parse_updated_since
from core.translation import text_served
from governance.models import (
    Body,
    BodyResponsibility,
    Decision,
    QuestionAlternative,
    StrategicQuestion,
    WorkPhase,
)
from governance.selectors.open_data import (
    body_open_data,
    question_open_data,
    work_phase_open_data,
)
from offerings.api import OrganisationRefSerializer


class DutySerializer(serializers.ModelSerializer):
    text = TranslatedTextField()

    class Meta:
        model = BodyResponsibility
        fields = ["text"]


class BodySerializer(serializers.ModelSerializer):
    name = TranslatedTextField()
    description = TranslatedTextField()
    kind_label = ChoiceLabelField("kind")
    variant_label = ChoiceLabelField("variant")
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    lead_organisation = OrganisationRefSerializer(read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    segments = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    duties = DutySerializer(
        source="responsibilities", many=True, read_only=True, help_text="Tehtäväalueet."
    )

    class Meta:
        model = Body
        fields = [
            "code",
            "kind",
            "kind_label",
            "name",
            "abbreviation",
            "letter",
            "variant",
            "variant_label",
            "description",
            "parent",
            "lead_organisation",
            "region",
            "segments",
            "report_reference",
            "duties",
        ]


class AlternativeSerializer(serializers.ModelSerializer):
    text = serializers.SerializerMethodField(
        help_text="Vaihtoehdon sanamuoto (palvelulupauksen vaihtoehdossa lupauksen teksti); "
        "tyhjä, kun raportti mainitsee vaihtoehdon mutta ei sen sanamuotoa."
    )
    description = TranslatedTextField()

    class Meta:
        model = QuestionAlternative
        fields = ["label", "text", "description", "is_chosen"]

    @extend_schema_field(TranslatedTextSerializer)
    def get_text(self, alternative):
        text, language = text_served(alternative, "text")
        if not text and alternative.promise_id:
            text, language = text_served(alternative.promise, "text")
        return {"text": text, "language": language}


class DecisionSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True, help_text="Esim. ASR 3/2009.")
    decided_by = serializers.SlugRelatedField(slug_field="code", read_only=True)
    outcome_label = ChoiceLabelField("outcome")

    class Meta:
        model = Decision
        fields = ["reference", "date", "decided_by", "outcome", "outcome_label", "rationale"]
        extra_kwargs = {
            "rationale": {"help_text": "Perustelut kielellä, jolla ne kirjattiin."},
        }


class QuestionSerializer(serializers.ModelSerializer):
    title = TranslatedTextField()
    description = TranslatedTextField()
    subject_label = ChoiceLabelField("subject")
    status_label = ChoiceLabelField("status")
    segment = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    preparing_body = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    alternatives = AlternativeSerializer(many=True, read_only=True)
    decision = DecisionSerializer(
        read_only=True, allow_null=True, help_text="Päätös; null, kun kysymys on avoin."
    )

    class Meta:
        model = StrategicQuestion
        fields = [
            "code",
            "subject",
            "subject_label",
            "title",
            "description",
            "status",
            "status_label",
            "segment",
            "preparing_body",
            "report_reference",
            "alternatives",
            "decision",
        ]


class WorkPhaseSerializer(serializers.ModelSerializer):
    name = TranslatedTextField()
    description = TranslatedTextField()
    status_label = ChoiceLabelField("status")
    organisation = OrganisationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = WorkPhase
        fields = [
            "order",
            "name",
            "description",
            "timing",
            "starts_on",
            "ends_on",
            "status",
            "status_label",
            "organisation",
            "report_reference",
        ]
        extra_kwargs = {
            "timing": {"help_text": "Raportin maininta aikataulusta (suomeksi)."},
        }


class BodyList(OpenDataListView):
    """The bodies of the work (customer strategy group, working committee, advisory board,
    segment and regional working groups) with their duties."""

    serializer_class = BodySerializer
    cursor_ordering = "code"

    def get_queryset(self):
        return body_open_data(updated_since=parse_updated_since(self.request))


class BodyDetail(OpenDataDetailView):
    """One body by its code."""

    serializer_class = BodySerializer
    lookup_field = "code"

    def get_queryset(self):
        return body_open_data()


class DecisionRegisterList(OpenDataListView):
    """The strategic decisions register: the questions the report leaves open, their
    alternatives and, once settled, the decision with its date and rationale."""

    serializer_class = QuestionSerializer
    cursor_ordering = "code"

    def get_queryset(self):
        return question_open_data(updated_since=parse_updated_since(self.request))


class DecisionRegisterDetail(OpenDataDetailView):
    """One question of the register by its code."""

    serializer_class = QuestionSerializer
    lookup_field = "code"

    def get_queryset(self):
        return question_open_data()


class RoadmapList(OpenDataListView):
    """The roadmap: the phases of the work (report 7) with their dates and status."""

    serializer_class = WorkPhaseSerializer
    cursor_ordering = "order"

    def get_queryset(self):
        return work_phase_open_data(updated_since=parse_updated_since(self.request))

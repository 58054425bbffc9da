"""Uploads of yearly attribute values by an organisation's system (attributes:write): the
body read up to its limit, then imported by the company import itself
(segments.value_uploads): at once when small, by the task worker when large (202 and a
status address)."""

from django.conf import settings
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from core.api.schema import KeyedAutoSchema, ProblemSerializer
from segments import value_uploads
from segments.models import ValueUpload

from ..models import Scope
from ..services.api_clients import api_client_viewer
from .keys import KeyedView


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE


class UploadValueSerializer(serializers.Serializer):
    attribute = serializers.CharField(help_text="Ominaisuuden tunnus, esim. henkilosto.")
    year = serializers.IntegerField(min_value=1900, max_value=2100)
    value = serializers.JSONField(
        help_text="Luku (desimaaliluku myös merkkijonona), true/false tai teksti; luetaan "
        "ominaisuuden tyypin mukaan kuten tuonnissa."
    )


class UploadCompanySerializer(serializers.Serializer):
    business_id = serializers.CharField(help_text="Y-tunnus, esim. 0737546-2.")
    values = UploadValueSerializer(many=True)


class UploadSerializer(serializers.Serializer):
    companies = UploadCompanySerializer(many=True, help_text="Yksi kohta yritystä kohden.")


class OutcomeSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    changed = serializers.BooleanField(help_text="false: kaikki arvot olivat jo tallessa.")
    companies = serializers.IntegerField(help_text="Rivejä (yrityksiä).")
    values_created = serializers.IntegerField()
    values_updated = serializers.IntegerField()
    values_unchanged = serializers.IntegerField()
    summary = serializers.CharField()


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        allow_null=True,
        help_text="Rivi kuten taulukossa (otsikkorivi on 1; JSONin ensimmäinen kohta on rivi 2); "
        "null: koko sisältö.",
    )
    column = serializers.CharField(help_text="Sarake: y_tunnus tai tunnus:vuosi.")
    detail = serializers.CharField()


class UploadProblemSerializer(ProblemSerializer):
    error_count = serializers.IntegerField(help_text="Virheitä kaikkiaan.")
    errors = RowErrorSerializer(many=True, help_text="Ensimmäiset virheet riveittäin.")


class UploadStatusSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=ValueUpload.Status.values)
    status_label = serializers.CharField(help_text="Tila pyydetyllä kielellä.")
    submitted_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    result = OutcomeSerializer(allow_null=True, help_text="Tulos, kun käsittely onnistui.")
    problem = UploadProblemSerializer(
        allow_null=True, help_text="Virheet ongelmakuvauksena, kun käsittely epäonnistui."
    )


def _problem_body(outcome):
    return {
        "type": "about:blank",
        "title": _("Arvoissa on virheitä"),
        "status": 422,
        "detail": outcome["detail"],
        "error_count": outcome["error_count"],
        "errors": outcome["errors"],
    }


class UploadSchema(KeyedAutoSchema):
    """The upload's bodies (JSON or the import's CSV) and answers beside the keyed
    conventions."""

    def get_request_serializer(self):
        return {"application/json": UploadSerializer, "text/csv": OpenApiTypes.STR}

    def get_response_serializers(self):
        return {"200": OutcomeSerializer, "202": UploadStatusSerializer}

    def problems(self):
        return {
            **super().problems(),
            "413": "Sisältö on suurempi kuin API_UPLOAD_MAX_BYTES.",
            "415": "Sisältö ei ole JSONia eikä CSV:tä.",
            "422": "Arvoissa on virheitä; mitään ei tallennettu (errors: rivi, sarake, viesti).",
        }

    def _problem_response(self, code, description):
        if code != "422":
            return super()._problem_response(code, description)
        response = self._get_response_for_code(
            UploadProblemSerializer, code, media_types=["application/problem+json"]
        )
        response["description"] = description
        return response

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response" and "202" in responses:
            responses["202"]["headers"] = {
                "Location": {
                    "schema": {"type": "string"},
                    "description": "Käsittelyn tila-osoite.",
                }
            }
        return responses


class ValueUploadCreate(KeyedView, generics.GenericAPIView):
    """Upload yearly attribute values of companies in the register: JSON
    ({"companies": [{"business_id", "values": [{"attribute", "year", "value"}]}]}) or the
    import's CSV (y_tunnus;henkilosto:2026;…). All or nothing, checked as the import checks a
    file; a value already stored is left as it is, so a repeated upload changes nothing
    (changed: false). A small body is imported at once (200); a large one is answered 202
    with its status address in Location and imported by the task worker."""

    serializer_class = UploadSerializer
    required_scope = Scope.ATTRIBUTES_WRITE
    pagination_class = None
    schema = UploadSchema()

    def post(self, request):
        table = self._table(request)
        by = api_client_viewer(request.auth.client)
        if len(table) <= settings.API_UPLOAD_SYNC_MAX_BYTES:
            outcome = value_uploads.values_upload(table, by=by)
            if not outcome["ok"]:
                return Response(
                    _problem_body(outcome), status=422, content_type="application/problem+json"
                )
            return Response(outcome)
        upload = value_uploads.value_upload_submit(table, by=by)
        url = request.build_absolute_uri(upload.get_absolute_url())
        return Response(
            _status_data(ValueUpload.objects.get(pk=upload.pk)),
            status=202,
            headers={"Location": url},
        )

    def _table(self, request):
        limit = settings.API_UPLOAD_MAX_BYTES
        too_large = PayloadTooLarge(
            _("Sisältö on liian suuri: enintään %(limit)s. Jaa arvot osiin.")
            % {"limit": filesizeformat(limit)}
        )
        try:
            declared = int(request.headers.get("Content-Length") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            raise too_large  # refused before a byte is read
        # The raw stream, not request.body: its own limit (DATA_UPLOAD_MAX_MEMORY_SIZE) is
        # the forms' and far smaller; one byte past this limit is enough to refuse.
        body = request._request.read(limit + 1)
        if len(body) > limit:
            raise too_large
        if not body.strip():
            raise exceptions.ValidationError(_("Sisältö puuttuu: lähetä arvot JSONina tai CSV:nä."))
        content_type = request.headers.get("Content-Type", "")
        try:
            return value_uploads.upload_table(body, content_type=content_type)
        except value_uploads.UploadBodyRefused as refusal:
            if "json" in content_type.lower() or "csv" in content_type.lower():
                raise exceptions.ValidationError(str(refusal)) from None
            raise exceptions.UnsupportedMediaType(content_type, detail=str(refusal)) from None


def _status_data(upload):
    outcome = upload.outcome or {}
    done = upload.status in (ValueUpload.Status.SUCCEEDED, ValueUpload.Status.FAILED)
    return {
        "id": upload.pk,
        "status": upload.status,
        "status_label": upload.get_status_display(),
        "submitted_at": upload.submitted_at,
        "started_at": upload.started_at,
        "finished_at": upload.finished_at,
        "result": outcome if done and outcome.get("ok") else None,
        "problem": _problem_body(outcome) if done and not outcome.get("ok") else None,
    }


class ValueUploadDetail(KeyedView, generics.GenericAPIView):
    """The status of an upload sent to the task worker: queued, running, succeeded (with its
    counts) or failed (with its errors as problem details). Only the system that sent it
    sees it."""

    serializer_class = UploadStatusSerializer
    required_scope = Scope.ATTRIBUTES_WRITE
    pagination_class = None

    def get(self, request, upload_id):
        upload = (
            ValueUpload.objects.filter(
                pk=upload_id, submitted_by=api_client_viewer(request.auth.client)
            )
            .defer("body")
            .first()
        )
        if upload is None:
            raise Http404
        return Response(UploadStatusSerializer(_status_data(upload)).data)

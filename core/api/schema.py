"""The OpenAPI document's share of the conventions: what every open-data operation answers
besides its data (problem details, 304) and its response headers (licence, ETag)."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin

from .problems import PROBLEM_CONTENT_TYPE

UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description=(
        "Vain kohteet, joita (tai joiden osia) on muutettu tämän ajan jälkeen (ISO 8601, "
        "esim. 2026-01-31T00:00:00Z; pelkkä päivä tarkoittaa Suomen aikaa keskiyöllä). "
        "Poistoja lista ei kerro."
    ),
)
ACCEPT_LANGUAGE = OpenApiParameter(
    "Accept-Language",
    str,
    location=OpenApiParameter.HEADER,
    enum=["fi", "sv", "en"],
    description="Tekstien ja virheilmoitusten kieli; oletus suomi (fi).",
)
LICENCE_HEADER = OpenApiParameter(
    "Link",
    str,
    location=OpenApiParameter.HEADER,
    response=True,
    description='Lisenssi: <https://creativecommons.org/licenses/by/4.0/>; rel="license".',
)
ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    location=OpenApiParameter.HEADER,
    response=["200", "304"],
    description="Vastauksen tunniste; lähetä se If-None-Match-otsakkeessa, niin muuttumaton "
    "vastaus on 304 ilman sisältöä.",
)


class ProblemSerializer(serializers.Serializer):
    """An error as RFC 9457 problem details."""

    type = serializers.CharField(help_text="about:blank: tila kertoo virheen lajin.")
    title = serializers.CharField(help_text="Tilan lyhyt kuvaus pyydetyllä kielellä.")
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="Mitä tapahtui, pyydetyllä kielellä.")


class _ConventionsAutoSchema(AutoSchema):
    """What open and keyed operations share: Accept-Language (and updated_since on lists)
    in, and the problems an operation can meet as problem details (`problems`)."""

    def _is_list(self):
        return isinstance(self.view, ListModelMixin)

    def _parameters(self):
        return [ACCEPT_LANGUAGE]

    def problems(self):
        """{status code: description} of the problem details this operation can answer."""
        return {}

    def get_override_parameters(self):
        extra = self._parameters()
        if self._is_list():
            extra.append(UPDATED_SINCE)
        return [*super().get_override_parameters(), *extra]

    def _problem_response(self, code, description):
        response = self._get_response_for_code(
            ProblemSerializer, code, media_types=[PROBLEM_CONTENT_TYPE]
        )
        response["description"] = description
        return response

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, description in sorted(self.problems().items()):
            responses[code] = self._problem_response(code, description)
        return responses


class OpenDataAutoSchema(_ConventionsAutoSchema):
    """drf-spectacular's schema with the open data's conventions: Accept-Language in,
    licence and ETag headers out, updated_since on lists, problem details for 400 and 404,
    and 304 for a matching If-None-Match."""

    def get_auth(self):
        # Open data: no security requirement at all (not even the optional {}).
        return []

    def _parameters(self):
        return [ACCEPT_LANGUAGE, LICENCE_HEADER, ETAG_HEADER]

    def problems(self):
        problems = {"404": "Kohdetta ei löytynyt (tai kursori on virheellinen)."}
        if self._is_list():
            problems["400"] = "Virheellinen parametri (esim. updated_since)."
        return problems

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response":
            responses["304"] = {
                "description": "Ei muuttunut (If-None-Match vastasi ETagia).",
                "headers": self._get_response_headers_for_code("304"),
            }
        return responses


class KeyedAutoSchema(_ConventionsAutoSchema):
    """drf-spectacular's schema for reads with a key: Accept-Language in, updated_since on
    lists, and the problems a keyed call can meet (400 bad input, 401 no valid key, 403 a
    scope not granted, 404, 429 over the client's rate limit, with Retry-After)."""

    def problems(self):
        return {
            "400": "Virheellinen parametri (esim. Y-tunnus tai updated_since).",
            "401": "Avain puuttuu, sitä ei tunneta, se on peruttu tai vanhentunut.",
            "403": "Avaimella ei ole tämän kohdan oikeutta.",
            "404": "Kohdetta ei löytynyt (tai kursori on virheellinen).",
            "429": "Järjestelmän pyyntöraja ylittyi, tai osoitteesta on kokeiltu liian monta tuntematonta avainta; Retry-After kertoo, montako sekuntia odottaa.",
        }

    def _problem_response(self, code, description):
        response = super()._problem_response(code, description)
        if code == "429":
            response["headers"] = {
                "Retry-After": {
                    "schema": {"type": "integer"},
                    "description": "Sekunteja, kunnes pyynnön voi tehdä uudelleen.",
                }
            }
        return response

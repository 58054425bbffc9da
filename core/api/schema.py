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


class OpenDataAutoSchema(AutoSchema):
    """drf-spectacular's schema with the open data's conventions: Accept-Language in,
    licence and ETag headers out, updated_since on lists, problem details for 400 and 404,
    and 304 for a matching If-None-Match."""

    def _is_list(self):
        return isinstance(self.view, ListModelMixin)

    def get_auth(self):
        # Open data: no security requirement at all (not even the optional {}).
        return []

    def get_override_parameters(self):
        extra = [ACCEPT_LANGUAGE, LICENCE_HEADER, ETAG_HEADER]
        if self._is_list():
            extra.append(UPDATED_SINCE)
        return [*super().get_override_parameters(), *extra]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        responses["304"] = {
            "description": "Ei muuttunut (If-None-Match vastasi ETagia).",
            "headers": self._get_response_headers_for_code("304"),
        }
        problems = {"404": "Kohdetta ei löytynyt (tai kursori on virheellinen)."}
        if self._is_list():
            problems["400"] = "Virheellinen parametri (esim. updated_since)."
        for code, description in sorted(problems.items()):
            response = self._get_response_for_code(
                ProblemSerializer, code, media_types=[PROBLEM_CONTENT_TYPE]
            )
            response["description"] = description
            responses[code] = response
        return responses


class KeyedAutoSchema(AutoSchema):
    """drf-spectacular's schema for reads with a key: Accept-Language in, updated_since on
    lists, and the problems a keyed call can meet (400 bad input, 401 no valid key, 403 a
    scope not granted, 404, 429 over the client's rate limit, with Retry-After)."""

    def _is_list(self):
        return isinstance(self.view, ListModelMixin)

    def get_override_parameters(self):
        extra = [ACCEPT_LANGUAGE]
        if self._is_list():
            extra.append(UPDATED_SINCE)
        return [*super().get_override_parameters(), *extra]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        problems = {
            "400": "Virheellinen parametri (esim. Y-tunnus tai updated_since).",
            "401": "Avain puuttuu, sitä ei tunneta, se on peruttu tai vanhentunut.",
            "403": "Avaimella ei ole tämän kohdan oikeutta.",
            "404": "Kohdetta ei löytynyt (tai kursori on virheellinen).",
            "429": "Järjestelmän pyyntöraja ylittyi; Retry-After kertoo, montako sekuntia odottaa.",
        }
        for code, description in problems.items():
            response = self._get_response_for_code(
                ProblemSerializer, code, media_types=[PROBLEM_CONTENT_TYPE]
            )
            response["description"] = description
            if code == "429":
                response["headers"] = {
                    "Retry-After": {
                        "schema": {"type": "integer"},
                        "description": "Sekunteja, kunnes pyynnön voi tehdä uudelleen.",
                    }
                }
            responses[code] = response
        return responses

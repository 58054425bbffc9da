"""The open data's read views: no key, GET only, the licence, the language and the ETag."""

import datetime

from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import activate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions, generics
from rest_framework.views import APIView

from .texts import requested_language

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_LINK = f'<{LICENCE_URL}>; rel="license"'


def parse_updated_since(request):
    """The `updated_since` parameter as an aware datetime, None when not given; a value
    that is not a date or a time is a 400."""
    raw = request.query_params.get("updated_since", "").strip()
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None and (day := parse_date(raw)):
            moment = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise exceptions.ValidationError(
            {"updated_since": [_("Anna aika ISO 8601 -muodossa, esim. 2026-01-31T00:00:00Z.")]}
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class LanguageMixin:
    """Every API answer in the Accept-Language's language, errors included, saying which
    (Content-Language) and varying by it."""

    def initial(self, request, *args, **kwargs):
        # Before anything can fail: the error messages follow the language too.
        request.LANGUAGE_CODE = requested_language(request)
        activate(request.LANGUAGE_CODE)
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        if not hasattr(request, "LANGUAGE_CODE"):
            request.LANGUAGE_CODE = requested_language(request)
            activate(request.LANGUAGE_CODE)
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = request.LANGUAGE_CODE
        patch_vary_headers(response, ("Accept-Language",))
        return response


class OpenDataMixin(LanguageMixin):
    """Open data, read without a key: the texts in the Accept-Language's language, the
    licence (CC BY 4.0) in a Link header of every answer, errors included, and a strong
    ETag over the body, so an unchanged list or item answers 304 to If-None-Match."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = LICENCE_LINK
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            set_response_etag(response)
            conditional = get_conditional_response(
                request, etag=response["ETag"], response=response
            )
            if conditional is not response:
                conditional["Link"] = LICENCE_LINK
                conditional["Content-Language"] = request.LANGUAGE_CODE
                return conditional
        return response


class OpenDataListView(OpenDataMixin, generics.ListAPIView):
    """A keyset-paged list of open data, filtered by `updated_since` (the selector's)."""


class OpenDataDetailView(OpenDataMixin, generics.RetrieveAPIView):
    """One item of open data."""


@extend_schema(exclude=True)
class NotFoundView(OpenDataMixin, APIView):
    """Any other address under /api/v1/: 404 as problem details, whatever the method."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound()


class SchemaView(OpenDataMixin, SpectacularAPIView):
    """The OpenAPI 3.1 document, under the same licence and with an ETag like the data."""

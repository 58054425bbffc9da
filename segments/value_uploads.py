"""Uploads of yearly attribute values by the agencies' systems (the integration API): the
body (JSON or CSV) turned into the company import's file of y_tunnus and tunnus:vuosi
columns, and read by the import itself (segments.imports.import_attribute_values), so that
an upload is checked with the same rules and Finnish messages as a file in the admin. A
small body is imported at once; a large one is kept and imported by the task worker."""

import csv
import io
import json
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.refusals import Refusal

from . import tasks
from .imports import import_attribute_values
from .models import ValueUpload

logger = logging.getLogger(__name__)

# The file name the import names in its messages and history reason.
UPLOAD_NAME = "arvot.csv"
Status = ValueUpload.Status


class UploadBodyRefused(Refusal):
    """The body is not a JSON document or a CSV table the upload reads (message for the user)."""


def upload_table(body, *, content_type):
    """The body as the import's CSV bytes. CSV (text/csv) is the import's own format and is
    passed on as it is; JSON is {"companies": [{"business_id", "values": [{"attribute",
    "year", "value"}]}]}, one item per company, as the company endpoint gives the values."""
    media = content_type.split(";")[0].strip().lower()
    if media in ("text/csv", "text/plain"):
        return body
    if media != "application/json":
        raise UploadBodyRefused(
            _("Lähetä arvot JSON- tai CSV-muodossa (application/json tai text/csv).")
        )
    try:
        # Numbers as exact decimals: 1.10 stays 1.10, never a binary float.
        document = json.loads(body, parse_float=Decimal)
    except (ValueError, RecursionError):
        raise UploadBodyRefused(_("Sisältö ei ole kelvollista JSONia.")) from None
    companies = document.get("companies") if isinstance(document, dict) else None
    if not isinstance(companies, list):
        raise UploadBodyRefused(
            _('JSONissa pitää olla lista "companies": [{"business_id", "values": [...]}].')
        )
    return _json_as_csv(companies)


def _json_as_csv(companies):
    """One row per item (row 2 is the first item, as the import counts rows), one column per
    attribute and year named in any item."""
    header, rows = {}, []
    for index, item in enumerate(companies):
        if not isinstance(item, dict) or not isinstance(item.get("values", []), list):
            raise UploadBodyRefused(
                _('Kohta %(index)s ei ole muotoa {"business_id", "values": [...]}.')
                % {"index": index}
            )
        cells = {"y_tunnus": _cell(item.get("business_id"))}
        for value in item.get("values", []):
            if not isinstance(value, dict):
                raise UploadBodyRefused(
                    _('Kohdan %(index)s arvo ei ole muotoa {"attribute", "year", "value"}.')
                    % {"index": index}
                )
            label = f"{_cell(value.get('attribute'))}:{_cell(value.get('year'))}"
            if label in cells:
                raise UploadBodyRefused(
                    _("Kohdassa %(index)s on arvo %(label)s kahdesti.")
                    % {"index": index, "label": label}
                )
            header.setdefault(label, None)
            cells[label] = _cell(value.get("value"))
        rows.append(cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["y_tunnus", *header], delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _cell(value):
    """A JSON value as the text of a cell: yes/no as kyllä/ei, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "kyllä" if value else "ei"
    if isinstance(value, dict | list):
        # Read as text, and refused as the attribute's type says (decimals written as read).
        return json.dumps(value, default=str)
    return str(value)


def outcome_of(result):
    """What the client reads of an import's result: its counts, or its errors (the first
    API_UPLOAD_MAX_LISTED_ERRORS)."""
    if not result.ok:
        return {
            "ok": False,
            "detail": result.outcome(),
            "error_count": result.error_count,
            "errors": [
                {"row": problem.row, "column": problem.column, "detail": problem.message}
                for problem in result.errors
            ],
        }
    return {
        "ok": True,
        "changed": result.changes_anything,
        "companies": result.rows,
        "values_created": result.values_created,
        "values_updated": result.values_updated,
        "values_unchanged": result.values_unchanged,
        "summary": result.counts_text()
        if result.changes_anything
        else _("Kaikki arvot olivat jo tallessa; mitään ei muutettu.") + " " + result.counts_text(),
    }


def values_upload(table, *, by):
    """Import the values at once (a small body); the outcome (outcome_of)."""
    result = import_attribute_values(
        io.BytesIO(table),
        filename=UPLOAD_NAME,
        by=by,
        max_listed_errors=settings.API_UPLOAD_MAX_LISTED_ERRORS,
    )
    return outcome_of(result)


def value_upload_submit(table, *, by):
    """Keep a large body and send it to the task worker; the upload to follow. The outcome
    will be written in the active language (the request's)."""
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with transaction.atomic():
        upload = ValueUpload.objects.create(
            body=table, size=len(table), submitted_by=by, language=language
        )
        transaction.on_commit(lambda: tasks.process_value_upload.enqueue(str(upload.pk)))
    return upload


def value_upload_process(upload_id):
    """Import a kept upload (the task worker): queued, running, then succeeded or failed with
    the outcome; the body is dropped once read."""
    claimed = ValueUpload.objects.filter(pk=upload_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return  # already taken by another worker, or done
    upload = ValueUpload.objects.get(pk=upload_id)
    with translation.override(upload.language):
        _process(upload)


def _process(upload):
    upload_id = upload.pk
    try:
        result = import_attribute_values(
            io.BytesIO(bytes(upload.body)),
            filename=UPLOAD_NAME,
            by=upload.submitted_by,
            max_listed_errors=settings.API_UPLOAD_MAX_LISTED_ERRORS,
        )
        outcome = outcome_of(result)
    except Exception:
        logger.exception("Value upload %s failed.", upload_id)
        outcome = {
            "ok": False,
            "detail": _(
                "Arvojen käsittely keskeytyi odottamattomaan virheeseen; mitään ei tallennettu."
            ),
            "error_count": 0,
            "errors": [],
        }
    ValueUpload.objects.filter(pk=upload_id).update(
        status=Status.SUCCEEDED if outcome["ok"] else Status.FAILED,
        finished_at=timezone.now(),
        outcome=outcome,
        body=b"",
    )

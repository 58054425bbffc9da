"""The translation queue: texts missing their Swedish or English version, by kind and owner,
with counts and coverage, and a form per text for translators. Thin views: the queue comes
from selectors.translations, a translation is saved by the owning app's service."""

from urllib.parse import urlencode

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.refusals import refuse

from ..forms.translations import TranslationForm, TranslationQueueFilterForm
from ..selectors import translations as selectors
from ..services.translations import text_translation_add
from .base import PageStepView

PERMISSION = "governance.translate_text"


def _row_form(row, form=None):
    """The row's translation form: the posted one when it was this row's, else a blank one
    carrying what the row showed."""
    auto_id = f"id_{row.kind.key}_{row.record.pk}_%s"
    if form is not None:
        form.auto_id = auto_id
        return form
    return TranslationForm(
        auto_id=auto_id,
        initial={
            "kind": row.kind.key,
            "record": row.record.pk,
            "language": row.language,
            "version": row.version,
            "source": row.source,
        },
    )


def _posted_row(form, rows):
    """The row the posted form belongs to, when it is on this page."""
    if form is None:
        return None
    kind, record = form.data.get("kind"), form.data.get("record")
    return next(
        (row for row in rows if row.kind.key == kind and str(row.record.pk) == record), None
    )


def queue_page(query, *, posted=None):
    """The queue page's context from its query string; `posted` is a translation form that
    failed, shown in its row (or above the list when its row is no longer on the page)."""
    filters = TranslationQueueFilterForm(query or None)
    chosen = filters.filters()
    language = chosen.get("language") or "sv"
    owners = {name: chosen.get(name) for name in ("segment", "body", "organisation")}
    segment = owners["segment"]
    counts = selectors.translation_counts(**owners)
    kind = selectors.KINDS_BY_KEY.get(chosen.get("kind"))
    if kind is None and posted is not None:
        kind = selectors.KINDS_BY_KEY.get(posted.data.get("kind"))
    if kind is None:
        # The first kind that still lacks the language: the queue's head.
        kind = next(
            (count.kind for count in counts if count.missing[language]),
            counts[0].kind if counts else None,
        )
    rows, after = selectors.translation_queue(
        kind=kind, language=language, **owners, after=chosen.get("after")
    )
    row = _posted_row(posted, rows)
    for each in rows:
        each.form = _row_form(each, posted if each is row else None)
    keep = {
        "language": language,
        "kind": kind.key,
        **{name: owner.pk for name, owner in owners.items() if owner is not None},
    }
    return {
        "filters": filters,
        "form": filters,
        "counts": counts,
        "kind": kind,
        "language": language,
        "language_name": selectors.LANGUAGE_NAMES[language],
        "segment": segment,
        "body": owners["body"],
        "organisation": owners["organisation"],
        "languages": list(selectors.LANGUAGE_NAMES.items()),
        "rows": rows,
        "next_query": urlencode({**keep, "after": after}) if after else "",
        "here_query": query.urlencode(),
        "kind_query": urlencode({k: v for k, v in keep.items() if k != "kind"}),
        "stray_form": posted if posted is not None and row is None else None,
    }


class TranslationQueueView(PermissionRequiredMixin, TemplateView):
    """The queue, to those who may translate."""

    permission_required = PERMISSION
    template_name = "governance/translation_queue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**queue_page(self.request.GET), **kwargs)


class TranslationAddView(PageStepView):
    """One text's missing version, posted from its row; the queue again (with the same
    filters) on success, or with the form's errors in its row."""

    permission_required = PERMISSION
    page_template = "governance/translation_queue.html"
    form_class = TranslationForm
    success_message = gettext_lazy("Käännös tallennettiin.")

    def page_context(self, form=None):
        return queue_page(self.request.GET, posted=form)

    def keeps_form(self, form):
        # The typed translation is worth keeping beside the refusal's message.
        return True

    def perform(self, data):
        kind = selectors.KINDS_BY_KEY[data["kind"]]
        record = selectors.queue_record(kind, data["record"])
        if record is None:
            refuse(gettext_lazy("Tekstiä ei enää ole käännösjonossa. Lataa sivu uudelleen."))
        return text_translation_add(
            record=record,
            field=kind.field,
            language=data["language"],
            text=data["text"],
            version=data["version"],
            source=data["source"],
            by=self.request.user,
        )

    def get_success_url(self, result):
        query = self.request.GET.urlencode()
        return reverse("governance:translation_queue") + (f"?{query}" if query else "")

"""The admin's shared pieces: a required change reason for the history, optimistic locking,
the parent's constraints on inline rows, read-only pages for records the services write, and
the page that imports a file (TabularImportAdminMixin)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .forms import long_text, version_field
from .history import field_changes, previous_row, previous_rows, related_objects, with_previous
from .refusals import STALE_EDIT_MESSAGE, locked_version
from .translation import (
    LANGUAGES,
    ORIGINAL_LANGUAGE,
    WrittenTextDescriptor,
    language_field,
    original_language,
    original_text,
    write_texts,
)

# A change reason long enough for a sentence or two; kept in the history row.
CHANGE_REASON_MAX_LENGTH = 500


def every_language(*fields):
    """Admin search_fields for translated `fields`, one per language's column:
    modeltranslation narrows a bare name to the UI language's column, so a text written in
    Swedish would not be found from a Finnish admin."""
    return [f"{field}_{language}" for field in fields for language in LANGUAGES]


class WrittenTextsForm(forms.ModelForm):
    """An admin form whose texts written in the app start from the text as written."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A text written in the app is edited as written (its original language's column),
        # not as the UI language's translation of it: a save writes the original's column.
        if self.instance.pk:
            for name in self._written_fields():
                self.initial[name] = original_text(self.instance, name)

    def _written_fields(self):
        return [
            name
            for name in self.fields
            if isinstance(getattr(type(self.instance), name, None), WrittenTextDescriptor)
            # A text with a language field of its own (a needs message's answer) is written
            # by its service, not here.
            and language_field(type(self.instance), name) == ORIGINAL_LANGUAGE
        ]


class ChangeReasonForm(WrittenTextsForm):
    """An admin form that asks why the change is made; the answer goes to the history row."""

    change_reason = long_text(
        _("Muutoksen syy"),
        CHANGE_REASON_MAX_LENGTH,
        rows=2,
        help_text=_("Kirjataan muutoshistoriaan: miksi muutos tehdään."),
    )

    def _post_clean(self):
        written = [name for name in self._written_fields() if name in self.cleaned_data]
        previous = original_language(self.instance)
        stored = {name: getattr(self.instance, f"{name}_{previous}", None) for name in written}
        super()._post_clean()
        if written:
            # The texts go into the column of the language chosen on this same form (the
            # model's fields are set in their order, the language possibly after the texts),
            # as a service writes them: from the record as it was.
            language = original_language(self.instance)
            self.instance.original_language = previous
            for name, text in stored.items():
                setattr(self.instance, f"{name}_{previous}", text)
            write_texts(
                self.instance, language, **{name: self.cleaned_data[name] for name in written}
            )


class VersionedForm(forms.ModelForm):
    """A form that refuses a save based on a stale copy (optimistic locking).

    The version the editor started from must still be the stored one; the row is locked
    while checking, inside the admin's transaction, so two saves cannot both pass.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # django-concurrency's own form field signs the number and raises a non-form error
        # (a 500) on a tampered value; a plain hidden integer with a Finnish message is enough,
        # since the model's save still refuses any version that is not the stored one.
        name = self.instance._concurrencymeta.field.name
        self.fields[name] = version_field(required=bool(self.instance.pk))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            version_field = self.instance._concurrencymeta.field
            started_from = cleaned.get(version_field.name)
            stored = locked_version(self.instance, field=version_field.attname)
            if started_from is None or stored is None or int(started_from) != stored:
                raise forms.ValidationError(STALE_EDIT_MESSAGE, code="stale")
        return cleaned


class InlineConstraintsForm(forms.ModelForm):
    """An inline form that also checks the unique constraints that involve its parent.

    Django leaves the inline's foreign key out of model validation, and with it every
    constraint naming that key (such as "one confirmed promise per segment"); unchecked,
    the database would refuse the save with an error page instead of a message.
    """

    parent_field = None  # set by the inline formset

    def _post_clean(self):
        super()._post_clean()
        if not self.parent_field or self.errors:
            return
        exclude = self._get_validation_exclusions() - {self.parent_field}
        for constraint in self.instance._meta.constraints:
            if isinstance(constraint, UniqueConstraint) and self.parent_field in constraint.fields:
                try:
                    constraint.validate(type(self.instance), self.instance, exclude=exclude)
                except forms.ValidationError as error:
                    self._update_errors(error)


class InlineConstraintsFormSet(BaseInlineFormSet):
    """Hands each form its parent field, so the form can check the parent's constraints."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.parent_field = self.fk.name
        return form


class VersionedInlineForm(InlineConstraintsForm, VersionedForm):
    """The form of versioned inline rows: optimistic locking and the parent's constraints."""


class VersionedChangeReasonForm(VersionedForm, ChangeReasonForm):
    """Optimistic locking and a change reason: the form of every versioned admin page."""


class HistoryAdmin(SimpleHistoryAdmin):
    """Admin whose saves record who (the request user), when and why (a required reason);
    its history page shows each change's fields before → after, without the saves that
    changed nothing, in the UI language (templates/simple_history)."""

    form = ChangeReasonForm

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        return with_previous(
            super().get_history_queryset(request, history_manager, pk_name, object_id)
        )

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # Each row against the row before it, even when that one is on the next page: the
        # rows before and the objects their foreign keys name, read in a few queries a page.
        records = list(historical_records)
        previous = previous_rows(records)
        related = related_objects([*records, *previous.values()])
        for record in records:
            record.history_delta_changes = field_changes(
                record, previous_row(previous, record), related=related
            )
            # A save that changed nothing anyone can see is left off the page.
            record.is_noop = record.history_type == "~" and not record.history_delta_changes

    def history_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("Muutoshistoria: %(object)s") % {"object": obj}
        return _("Muutoshistoria ja palautus: %(object)s") % {"object": obj}

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("Aiempi versio: %(object)s") % {"object": obj}
        return _("Palauta aiempi versio: %(object)s") % {"object": obj}

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {name for _title, options in fieldsets for name in _flatten(options["fields"])}
        if "change_reason" not in named:
            fieldsets.append((_("Muutoshistoria"), {"fields": ["change_reason"]}))
        return fieldsets

    def get_fields(self, request, obj=None):
        # With neither fields nor fieldsets declared, put the reason last, where it is read.
        fields = [f for f in super().get_fields(request, obj) if f != "change_reason"]
        return [*fields, "change_reason"]

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data["change_reason"]
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data["change_reason"]
        instances = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            deleted._change_reason = reason
            deleted.delete()
        for instance in instances:
            instance._change_reason = reason
            instance.save()
        formset.save_m2m()

    def delete_model(self, request, obj):
        obj._change_reason = _("Poistettu ylläpidossa")
        super().delete_model(request, obj)


def _flatten(fields):
    for field in fields:
        if isinstance(field, (list, tuple)):
            yield from field
        else:
            yield field


class VersionedHistoryAdmin(HistoryAdmin):
    """HistoryAdmin for models with a version field: a stale save is refused in Finnish."""

    form = VersionedChangeReasonForm

    def get_form(self, request, obj=None, **kwargs):
        match = request.resolver_match
        if obj is not None and match and match.url_name.endswith("_simple_history"):
            # Reverting starts from an old version, whose history keeps no version number:
            # it is the stored one when the page is shown, so a save by someone else
            # before the revert is posted still refuses it.
            field = obj._concurrencymeta.field.attname
            setattr(
                obj,
                field,
                type(obj)._default_manager.filter(pk=obj.pk).values_list(field, flat=True).first(),
            )
        return super().get_form(request, obj, **kwargs)


class NoDeleteMixin:
    """Records that are archived or kept as they are, never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


class NoAddMixin:
    """Records written on the application's own pages or by its services: the admin adds
    none. For admin pages and inlines alike."""

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyMixin(NoAddMixin, NoDeleteMixin):
    """Records the application's services write themselves; the admin lists and shows them."""

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """A read-only admin page."""


class AuthorMixin:
    """The user who adds a record in the admin is recorded as its author (`author_field`)."""

    author_field = "created_by"

    def save_model(self, request, obj, form, change):
        if not change:
            setattr(obj, self.author_field, request.user)
        super().save_model(request, obj, form, change)


class ImportFileForm(forms.Form):
    """The file an import reads, and whether only to check it."""

    file = forms.FileField(
        label=_("Tiedosto (CSV tai XLSX)"),
        error_messages={
            "required": _("Valitse tuotava tiedosto."),
            "empty": _("Tiedosto on tyhjä."),
        },
    )
    dry_run = forms.BooleanField(label=_("Vain tarkistus: älä tallenna"), required=False)


class TabularImportAdminMixin:
    """A "Tuo tiedostosta" page beside a model's change list (URL name
    `admin:<app>_<model>_import`) that runs one import of core.imports on an uploaded file
    and shows its result, or its errors by row and column. Staff who may both add and change
    the model may import."""

    # Dotted path of the import: (file, *, filename, by, dry_run) -> core.imports.ImportResult.
    # Imported when the page is used, not when the admin loads.
    import_function = ""
    import_title = ""
    # Extends admin/tabular_import.html with the page's own description of the columns;
    # by default admin/<app>/<model>/import.html.
    import_template = ""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name=name), *super().get_urls()]

    def import_view(self, request):
        """Import a file: all or nothing, errors by row and column."""
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = ImportFileForm(request.POST, request.FILES) if posted else ImportFileForm()
        result = self.run_import(request, form) if posted and form.is_valid() else None
        context = self.import_context(request, form=form, result=result)
        return TemplateResponse(request, self.get_import_template(), context)

    def run_import(self, request, form):
        upload = form.cleaned_data["file"]
        return import_string(self.import_function)(
            upload, filename=upload.name, by=request.user, dry_run=form.cleaned_data["dry_run"]
        )

    def import_context(self, request, **context):
        # The upload limits live with the reading of files (openpyxl and all), loaded here.
        from .tabular import max_bytes

        return {
            **self.admin_site.each_context(request),
            "title": self.import_title,
            "opts": self.opts,
            "max_megabytes": max_bytes() // (1024 * 1024),
            **context,
        }

    def get_import_template(self):
        return self.import_template or (
            f"admin/{self.opts.app_label}/{self.opts.model_name}/import.html"
        )


# The notifications' admin pages (core.notifications.admin) register with the rest of core's.
from .notifications import admin as notifications_admin  # noqa: E402, F401

"""The forms of the segment editor: a segment's names and description, its three criteria
with their rules, its goals of both perspectives, its strategy and its service promises,
each text in Finnish, Swedish and English side by side; and the rules whose placements the
editor previews."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.admin import CHANGE_REASON_MAX_LENGTH
from core.forms import long_text, version_field

from .forms import MAX_YEAR, MIN_YEAR, YEAR_LIMIT_ERRORS
from .models import (
    ONE_CONFIRMED_PROMISE_MESSAGE,
    Criterion,
    Goal,
    Segment,
    SegmentAlias,
    ServicePromise,
    Strategy,
)
from .rules import RuleError, parse_rules

LANGUAGES = [("fi", _("suomeksi")), ("sv", _("ruotsiksi")), ("en", _("englanniksi"))]

# The rules of one criterion as JSON text: far more than MAX_CONDITIONS conditions need.
MAX_RULES_LENGTH = 20_000

# A text grows with what is written in it (CSS field-sizing), from one line.
ONE_LINE = {"rows": 1, "class": "grows"}


def _language_fields(form, field, *, max_length, rows=1, required_fi=True, missing=None):
    """The form's `field_fi`, `field_sv`, `field_en` as text areas labelled by language,
    each marked with the language its text is written in."""
    for code, label in LANGUAGES:
        name = f"{field}_{code}"
        form.fields[name] = forms.CharField(
            label=label,
            required=required_fi and code == "fi",
            max_length=max_length,
            widget=forms.Textarea(attrs={**ONE_LINE, "rows": rows, "lang": code}),
            error_messages={"required": missing} if missing else {},
        )


class VersionedEditForm(forms.ModelForm):
    """An editor form of one record: the version it was opened at rides along (the service
    refuses a save from a stale copy); only a changed form is saved."""

    version = version_field(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    @property
    def started_from(self):
        return self.cleaned_data.get("version")


class SegmentEditForm(VersionedEditForm):
    """The segment's name and type description in three languages, and its place in the
    evaluation order."""

    class Meta:
        model = Segment
        fields = ["priority", "has_open_promise_alternative"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _language_fields(
            self, "name", max_length=200, missing=_("Kirjoita segmentin nimi suomeksi.")
        )
        _language_fields(self, "description", max_length=5000, rows=2, required_fi=False)
        for name in self.fields:
            if name.startswith(("name_", "description_")):
                self.initial.setdefault(name, getattr(self.instance, name) or "")
        self.fields["priority"].widget.attrs["class"] = "narrow"
        self.order_fields(["name_fi", "name_sv", "name_en", "description_fi"])

    def _post_clean(self):
        for name in self.fields:
            if name.startswith(("name_", "description_")):
                setattr(self.instance, name, self.cleaned_data.get(name) or "")
        super()._post_clean()


class RulesField(forms.JSONField):
    """JSON of a rule tree, refused beyond a length and a nesting depth the rule engine
    accepts (a deeply nested text would exhaust the JSON parser's recursion)."""

    def to_python(self, value):
        if isinstance(value, str) and len(value) > MAX_RULES_LENGTH:
            raise ValidationError(_("Säännöt ovat liian pitkät."), code="max_length")
        try:
            return super().to_python(value)
        except RecursionError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def bound_data(self, data, initial):
        # Shown back as typed when it does not parse (Django's own behaviour), also when
        # it is nested too deep to parse.
        if isinstance(data, str) and len(data) > MAX_RULES_LENGTH:
            return forms.fields.InvalidJSONInput(data)
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return forms.fields.InvalidJSONInput(data)


class CriterionEditForm(VersionedEditForm):
    """One criterion: its text in three languages and its rules. The rules field (JSON) is
    the form's real input; the rule builder, where scripts run, reads and writes it."""

    class Meta:
        model = Criterion
        fields = ["rules"]

    rules = RulesField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "rules-json", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _language_fields(self, "text", max_length=5000, rows=1, required_fi=False)
        for code, _label in LANGUAGES:
            self.initial.setdefault(f"text_{code}", getattr(self.instance, f"text_{code}") or "")
        self.fields["rules"].label = _("Säännöt (JSON)")
        self.fields["rules"].error_messages["invalid"] = _("Säännöt eivät ole kelvollista JSONia.")
        self.order_fields(["text_fi", "text_sv", "text_en", "rules"])

    def _post_clean(self):
        for code, _label in LANGUAGES:
            setattr(self.instance, f"text_{code}", self.cleaned_data.get(f"text_{code}") or "")
        # Criterion.clean validates the rules against the attributes (RuleError in Finnish).
        super()._post_clean()


class GoalEditForm(VersionedEditForm):
    """One goal: its texts in three languages, order and status; a new goal needs its
    Finnish text."""

    class Meta:
        model = Goal
        fields = ["order", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _language_fields(self, "text", max_length=1000, missing=_("Kirjoita tavoite suomeksi."))
        for code, _label in LANGUAGES:
            self.initial.setdefault(f"text_{code}", getattr(self.instance, f"text_{code}") or "")
        self.fields["order"].widget.attrs["class"] = "narrow"
        self.order_fields(["order", "text_fi", "text_sv", "text_en", "status"])

    def _post_clean(self):
        for code, _label in LANGUAGES:
            setattr(self.instance, f"text_{code}", self.cleaned_data.get(f"text_{code}") or "")
        super()._post_clean()


class GoalFormSetBase(forms.BaseModelFormSet):
    """A perspective's goals and one empty row for a new one; each may be removed."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Poista")


GoalFormSet = forms.modelformset_factory(
    Goal, form=GoalEditForm, formset=GoalFormSetBase, extra=1, can_delete=True
)


class AliasEditForm(forms.ModelForm):
    """Another name of the segment (search finds the segment by it). An alias has no version
    counter: the name it was opened with rides along, and the service refuses the save when
    the stored name is no longer that (someone else renamed or removed it)."""

    opened = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)

    class Meta:
        model = SegmentAlias
        fields = ["name"]
        error_messages = {
            "name": {
                "required": _("Kirjoita vaihtoehtoinen nimi."),
                "max_length": _("Nimi on liian pitkä (enintään %(limit_value)d merkkiä)."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Vaihtoehtoinen nimi")
        if self.instance.pk:
            self.fields["opened"].initial = self.instance.name

    @property
    def started_from(self):
        return self.cleaned_data.get("opened")


class AliasFormSetBase(GoalFormSetBase):
    """The segment's aliases and one empty row for a new one; a name once per segment."""

    def clean(self):
        super().clean()
        names = [
            form.cleaned_data["name"]
            for form in self.forms
            if getattr(form, "cleaned_data", {}).get("name") and not self._should_delete_form(form)
        ]
        if len(names) != len(set(names)):
            raise ValidationError(_("Segmentillä on jo tämä vaihtoehtoinen nimi."))


AliasFormSet = forms.modelformset_factory(
    SegmentAlias, form=AliasEditForm, formset=AliasFormSetBase, extra=1, can_delete=True
)


class StrategyEditForm(VersionedEditForm):
    """The segment's strategy (5.1.3): its text and points (one a line) in three languages
    and its status. A segment without a strategy gets one when its Finnish text is written;
    left empty, none is made."""

    class Meta:
        model = Strategy
        fields = ["status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _language_fields(self, "text", max_length=2000, rows=2, required_fi=False)
        _language_fields(self, "points", max_length=2000, rows=2, required_fi=False)
        for name in self.fields:
            if name.startswith(("text_", "points_")):
                self.initial.setdefault(name, getattr(self.instance, name) or "")
        self.order_fields(["text_fi", "text_sv", "text_en", "points_fi", "points_sv", "points_en"])

    def clean(self):
        cleaned = super().clean()
        # An existing strategy keeps its Finnish text; a new one needs it once anything of
        # it is written.
        written = self.instance.pk is not None or self.has_changed()
        if written and not cleaned.get("text_fi") and "text_fi" not in self.errors:
            self.add_error("text_fi", _("Kirjoita strategia suomeksi."))
        return cleaned

    def _post_clean(self):
        for name in self.fields:
            if name.startswith(("text_", "points_")):
                setattr(self.instance, name, self.cleaned_data.get(name) or "")
        super()._post_clean()


class PromiseEditForm(VersionedEditForm):
    """One service promise: order, its text in three languages and its status (one promise
    of a segment may be confirmed, and only with its Swedish text)."""

    class Meta:
        model = ServicePromise
        fields = ["order", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _language_fields(
            self, "text", max_length=1000, missing=_("Kirjoita palvelulupaus suomeksi.")
        )
        for code, _label in LANGUAGES:
            self.initial.setdefault(f"text_{code}", getattr(self.instance, f"text_{code}") or "")
        self.fields["order"].widget.attrs["class"] = "narrow"
        self.order_fields(["order", "text_fi", "text_sv", "text_en", "status"])

    def clean(self):
        cleaned = super().clean()
        confirmed = cleaned.get("status") == ServicePromise.Status.CONFIRMED
        if confirmed and not cleaned.get("text_sv", "").strip() and "text_sv" not in self.errors:
            self.add_error(
                "text_sv", _("Vahvistettu palvelulupaus tarvitsee ruotsinkielisen tekstin.")
            )
        return cleaned

    def _post_clean(self):
        for code, _label in LANGUAGES:
            setattr(self.instance, f"text_{code}", self.cleaned_data.get(f"text_{code}") or "")
        super()._post_clean()


class PromiseFormSetBase(GoalFormSetBase):
    """A segment's promises and one empty row for a new one: at most one of them confirmed,
    also within one submission."""

    def clean(self):
        super().clean()
        confirmed = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", {}).get("status") == ServicePromise.Status.CONFIRMED
            and not self._should_delete_form(form)
        ]
        if len(confirmed) > 1:
            raise ValidationError(ONE_CONFIRMED_PROMISE_MESSAGE)


PromiseFormSet = forms.modelformset_factory(
    ServicePromise, form=PromiseEditForm, formset=PromiseFormSetBase, extra=1, can_delete=True
)


class ChangeReasonForm(forms.Form):
    """Why the change is made: kept in every history row the save writes."""

    reason = long_text(
        _("Muutoksen syy"),
        CHANGE_REASON_MAX_LENGTH,
        rows=1,
        missing=_("Kirjoita muutoksen syy."),
        too_long=_("Muutoksen syy on liian pitkä (enintään %(limit_value)d merkkiä)."),
        help_text=_("Kirjataan muutoshistoriaan: miksi muutos tehdään."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs["class"] = "grows"

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Kirjoita muutoksen syy."))
        return reason


class PreviewYearForm(forms.Form):
    """The year whose attribute values the editor's preview tries the rules on (this year
    unless chosen)."""

    year = forms.IntegerField(
        label=_("Vuosi"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        required=False,
        error_messages={
            "invalid": _("Vuosi on neljä numeroa, esimerkiksi 2026."),
            **YEAR_LIMIT_ERRORS,
        },
        widget=forms.NumberInput(attrs={"class": "narrow"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "preview")
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.error_context = _("Esikatselu, ")

    def clean_year(self):
        return self.cleaned_data["year"] or timezone.localdate().year


class RulePreviewForm(forms.Form):
    """The rules being edited (placement and entry decide where a company is placed; exit
    rules only flag it) and the year whose attribute values they are tried on."""

    placement = forms.CharField(required=False, max_length=MAX_RULES_LENGTH, strip=True)
    entry = forms.CharField(required=False, max_length=MAX_RULES_LENGTH, strip=True)
    year = forms.IntegerField(
        label=_("Vuosi"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        required=False,
        error_messages={
            "invalid": _("Vuosi on neljä numeroa, esimerkiksi 2026."),
            **YEAR_LIMIT_ERRORS,
        },
    )

    def __init__(self, *args, attributes, **kwargs):
        super().__init__(*args, **kwargs)
        self.attributes = attributes
        for kind in ("placement", "entry"):
            self.fields[kind].error_messages["max_length"] = _("Säännöt ovat liian pitkät.")

    def clean_year(self):
        return self.cleaned_data["year"] or timezone.localdate().year

    def _rules(self, kind, label):
        text = self.cleaned_data[kind]
        if text in ("", "null", "{}", "[]"):
            return None
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            raise ValidationError(
                _("%(kind)s: säännöt eivät ole kelvollista JSONia.") % {"kind": label}
            ) from None
        if data in (None, {}, []):
            return None
        try:
            return parse_rules(data, self.attributes)
        except RuleError as error:
            raise ValidationError(f"{label}: {error}") from None

    def clean_placement(self):
        return self._rules("placement", Criterion.Kind.PLACEMENT.label)

    def clean_entry(self):
        return self._rules("entry", Criterion.Kind.ENTRY.label)

    def rules_by_kind(self):
        return {
            kind: self.cleaned_data[kind]
            for kind in ("placement", "entry")
            if self.cleaned_data[kind] is not None
        }


class SegmentEditor:
    """Every form of the segment editor's page, bound or not: the segment, its criteria by
    kind, its goals by perspective and the change reason."""

    def __init__(
        self,
        segment,
        *,
        criteria,
        goals,
        strategy=None,
        promises=(),
        aliases=(),
        data=None,
        preview=False,
    ):
        self.segment = segment
        # A preview saves nothing and asks for no reason: the reason typed so far is kept
        # on the page, unvalidated.
        self.preview = preview
        self.form = SegmentEditForm(data, instance=segment, prefix="segment")
        self.strategy = StrategyEditForm(
            data, instance=strategy or Strategy(segment=segment), prefix="strategy"
        )
        self.promises = PromiseFormSet(data, queryset=promises, prefix="promises")
        self.aliases = AliasFormSet(data, queryset=aliases, prefix="aliases")
        self.criteria = [
            CriterionEditForm(data, instance=criterion, prefix=f"criterion-{criterion.kind}")
            for criterion in criteria
        ]
        self.goals = [
            (
                perspective,
                GoalFormSet(data, queryset=queryset, prefix=f"goals-{perspective.value}"),
            )
            for perspective, queryset in goals
        ]
        if preview:
            self.reason = ChangeReasonForm(
                initial={"reason": data.get("change-reason", "")}, prefix="change"
            )
        else:
            self.reason = ChangeReasonForm(data, prefix="change")
        # Where each form's errors are, for the list of errors above the form.
        self.form.error_context = ""
        self.reason.error_context = ""
        self.strategy.error_context = _("Strategia, ")
        for number, form in enumerate(self.promises.forms, start=1):
            form.error_context = _("Palvelulupaus %(number)s, ") % {"number": number}
        for form in self.aliases.forms:
            form.error_context = ""
        for form in self.criteria:
            form.error_context = f"{capfirst(form.instance.get_kind_display())}, "
        for perspective, formset in self.goals:
            for number, form in enumerate(formset.forms, start=1):
                form.error_context = f"{capfirst(perspective.label)} {number}, "

    @property
    def all_forms(self):
        forms_ = [self.form, *self.aliases.forms, *self.criteria]
        for _perspective, formset in self.goals:
            forms_ += formset.forms
        return [*forms_, self.strategy, *self.promises.forms, self.reason]

    def is_valid(self):
        """Whether every form is valid (the change reason left out of a preview). Every
        form is validated, so that all errors are shown at once."""
        results = [
            self.form.is_valid(),
            self.aliases.is_valid(),
            self.strategy.is_valid(),
            self.promises.is_valid(),
        ]
        if not self.preview:
            results.append(self.reason.is_valid())
        results += [form.is_valid() for form in self.criteria]
        results += [formset.is_valid() for _perspective, formset in self.goals]
        return all(results)

    def rules_by_kind(self):
        """The placement and entry rules as the (valid) criteria forms have them, parsed
        against the attributes, for the preview; `None` rules are left out."""
        by_kind = {}
        for form in self.criteria:
            kind = form.instance.kind
            if kind in (Criterion.Kind.PLACEMENT, Criterion.Kind.ENTRY) and form.instance.rules:
                by_kind[kind] = parse_rules(form.instance.rules)
        return by_kind

    def changes(self):
        """(changed, removed): (record, version it was opened at) pairs for the service;
        an untouched form is left out, so a save writes no empty history rows."""
        changed, removed = [], []
        if self.form.has_changed():
            changed.append((self.form.instance, self.form.started_from))
        for form in self.criteria:
            if form.has_changed():
                changed.append((form.instance, form.started_from))
        for perspective, formset in self.goals:
            _formset_changes(
                formset, changed, removed, segment=self.segment, perspective=perspective
            )
        _formset_changes(self.aliases, changed, removed, segment=self.segment)
        if self.strategy.has_changed():
            changed.append((self.strategy.instance, self.strategy.started_from))
        _formset_changes(self.promises, changed, removed, segment=self.segment)
        return changed, removed

    def error_count(self):
        forms_ = [self.form, self.reason, *self.criteria]
        count = sum(len(form.errors) for form in forms_)
        formsets = [self.aliases, self.promises, *(formset for _p, formset in self.goals)]
        for formset in formsets:
            count += sum(len(errors) for errors in formset.errors) + len(formset.non_form_errors())
        return count + len(self.strategy.errors)


def _formset_changes(formset, changed, removed, **new_fields):
    """Add the formset's rows to (changed, removed) as (record, version opened at) pairs:
    untouched rows left out, a row marked for removal removed (a new one simply dropped),
    and a new row given `new_fields` (its segment, a goal's perspective)."""
    for form in formset.forms:
        if not form.has_changed():
            continue
        if formset.can_delete and formset._should_delete_form(form):
            if form.instance.pk:
                removed.append((form.instance, form.started_from))
            continue
        if form.instance.pk is None:
            for name, value in new_fields.items():
                setattr(form.instance, name, value)
        changed.append((form.instance, form.started_from))

"""A segment's customer-responsibility policy (5.4): any of the policy's fields, only
those that change; organisations by code."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import LanguageMarkedSelect
from offerings.models import Organisation
from responsibility import services as responsibility_services
from responsibility.models import ResponsibilityPolicy

from .base import ProposalTarget, check_keys, check_texts, content_error, field_lines
from .forms import ProposalContentForm, changed

TEXT_FIELDS = ("target_group", "competences", "information_flow")
CHOICE_FIELDS = ("mode", "scope", "emphasis")
ORGANISATION_FIELDS = ("lead_organisation", "team_lead_organisation")
FIELDS = (*CHOICE_FIELDS, *TEXT_FIELDS, *ORGANISATION_FIELDS, "forms_customer_teams")


def _label(name):
    return str(ResponsibilityPolicy._meta.get_field(name).verbose_name).capitalize()


def _choice_field(name, choices, *, required, message):
    return forms.ChoiceField(
        label=_label(name),
        required=required,
        choices=choices,
        error_messages={"invalid_choice": message},
    )


class ResponsibilityPolicyForm(ProposalContentForm):
    def setup(self):
        self.fields["mode"] = _choice_field(
            "mode",
            ResponsibilityPolicy.Mode.choices,
            required=True,
            message=gettext_lazy("Tuntematon asiakasvastuun malli."),
        )
        for name, enum in (
            ("scope", ResponsibilityPolicy.Scope),
            ("emphasis", ResponsibilityPolicy.Emphasis),
        ):
            self.fields[name] = _choice_field(
                name,
                [("", "–"), *enum.choices],
                required=False,
                message=gettext_lazy("Tuntematon valinta."),
            )
        for name in TEXT_FIELDS:
            self.fields[name] = forms.CharField(
                label=_label(name),
                required=False,
                max_length=ResponsibilityPolicy._meta.get_field(name).max_length,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for name in ORGANISATION_FIELDS:
            self.fields[name] = forms.ModelChoiceField(
                label=_label(name),
                queryset=Organisation.objects.filter(is_active=True),
                to_field_name="code",
                required=False,
                widget=LanguageMarkedSelect,
                error_messages={"invalid_choice": gettext_lazy("Tuntematon organisaatio.")},
            )
        self.fields["forms_customer_teams"] = forms.BooleanField(
            label=_label("forms_customer_teams"), required=False
        )
        self._start_from({**self.snapshot, **(self.proposal.content if self.proposal else {})})

    def _start_from(self, current):
        for name in (*TEXT_FIELDS, *CHOICE_FIELDS, "forms_customer_teams"):
            self.initial.setdefault(name, current.get(name, "" if name != "mode" else "undecided"))
        for name in ORGANISATION_FIELDS:
            self.initial.setdefault(name, current.get(name))

    def content(self, data):
        values = {name: data[name] for name in (*TEXT_FIELDS, *CHOICE_FIELDS)}
        values["forms_customer_teams"] = bool(data["forms_customer_teams"])
        for name in ORGANISATION_FIELDS:
            values[name] = data[name].code if data[name] else None
        snapshot = {"forms_customer_teams": False, **self.snapshot}
        return changed(values, snapshot, values)


class ResponsibilityPolicyTarget(ProposalTarget):
    kind = "responsibility_policy"
    form_class = ResponsibilityPolicyForm

    def check(self, content, **_kwargs):
        check_keys(content, FIELDS)
        if not content:
            raise content_error(_("Ehdotus ei muuta asiakasvastuun mallia."))
        choices = {
            "mode": ResponsibilityPolicy.Mode.values,
            "scope": ["", *ResponsibilityPolicy.Scope.values],
            "emphasis": ["", *ResponsibilityPolicy.Emphasis.values],
        }
        for name, allowed in choices.items():
            if name in content and content[name] not in allowed:
                raise content_error(_("Kentän %(name)s arvo ei ole sallittu."), name=name)
        check_texts(content, TEXT_FIELDS)
        for name in ORGANISATION_FIELDS:
            code = content.get(name)
            if code is not None and not Organisation.objects.filter(code=code).exists():
                raise content_error(
                    _("Kenttä %(name)s viittaa organisaatioon, jota ei ole."), name=name
                )
        teams = content.get("forms_customer_teams", False)
        if not isinstance(teams, bool):
            raise content_error(_("Kentän forms_customer_teams on oltava tosi tai epätosi."))

    def current(self, *, segment, perspective=""):
        policy = (
            ResponsibilityPolicy.objects.select_related(*ORGANISATION_FIELDS)
            .filter(segment=segment)
            .first()
        )
        if policy is None:
            return {}
        current = {name: getattr(policy, name) for name in (*CHOICE_FIELDS, *TEXT_FIELDS)}
        current["forms_customer_teams"] = policy.forms_customer_teams
        for name in ORGANISATION_FIELDS:
            organisation = getattr(policy, name)
            current[name] = organisation.code if organisation else None
        return current

    def apply(self, proposal, effects):
        content = proposal.content
        effects.record(
            responsibility_services.policy_set(
                segment=proposal.segment,
                values={name: content[name] for name in FIELDS if name in content},
                decision_reference=effects.decision.reference,
                by=effects.by,
                reason=effects.reason,
            )
        )

    def lines(self, proposal, snapshot):
        content = proposal.content or {}
        merged = {**snapshot, **content}
        codes = [merged.get(name) for name in ORGANISATION_FIELDS]
        names = dict(Organisation.objects.filter(code__in=codes).values_list("code", "name_fi"))

        def shown(values):
            """Organisations by name rather than by code."""
            return {
                name: names.get(value, value) if name in ORGANISATION_FIELDS else value
                for name, value in values.items()
            }

        return field_lines(ResponsibilityPolicy, FIELDS, snapshot, content, shown)

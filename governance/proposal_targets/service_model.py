"""A segment's service model (5.3, 5.7): any of its Finnish texts and `initiative`, only
those that change."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from offerings import services as offering_services
from offerings.models import ServiceModel

from .base import ProposalTarget, check_keys, check_texts, content_error, field_lines
from .forms import ProposalContentForm, changed

TEXT_FIELDS = ServiceModel.TEXT_FIELDS
FIELDS = (*TEXT_FIELDS, "initiative")


class ServiceModelForm(ProposalContentForm):
    def setup(self):
        for name in TEXT_FIELDS:
            model_field = ServiceModel._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=str(model_field.verbose_name).capitalize(),
                required=False,
                max_length=model_field.max_length,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["initiative"] = forms.ChoiceField(
            label=gettext_lazy("Aloitteen tekijä"),
            required=False,
            choices=[("", "–"), *ServiceModel.Initiative.choices],
            error_messages={"invalid_choice": gettext_lazy("Tuntematon aloitteen tekijä.")},
        )
        current = {**self.snapshot, **(self.proposal.content if self.proposal else {})}
        for name in FIELDS:
            self.initial.setdefault(name, current.get(name, ""))

    def content(self, data):
        return changed(data, self.snapshot, FIELDS)


class ServiceModelTarget(ProposalTarget):
    kind = "service_model"
    form_class = ServiceModelForm

    def check(self, content, **_kwargs):
        check_keys(content, FIELDS)
        if not content:
            raise content_error(_("Ehdotus ei muuta palvelumallia."))
        check_texts(content, TEXT_FIELDS)
        if "initiative" in content and content["initiative"] not in (
            "",
            *ServiceModel.Initiative.values,
        ):
            raise content_error(_("Tuntematon aloitteen tekijä."))

    def current(self, *, segment, perspective=""):
        model = ServiceModel.objects.filter(segment=segment).first()
        fields = {
            name: (getattr(model, f"{name}_fi") or "") if model else "" for name in TEXT_FIELDS
        }
        fields["initiative"] = model.initiative if model else ""
        return fields

    def apply(self, proposal, effects):
        content = proposal.content
        effects.record(
            offering_services.service_model_change(
                segment=proposal.segment,
                texts={name: content[name] for name in TEXT_FIELDS if name in content},
                initiative=content.get("initiative"),
                by=effects.by,
                reason=effects.reason,
            )
        )

    def lines(self, proposal, snapshot):
        return field_lines(ServiceModel, FIELDS, snapshot, proposal.content or {})

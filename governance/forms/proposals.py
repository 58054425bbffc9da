"""Forms of proposals (6.2): choosing what to propose about (body, segment, target kind),
commenting, and the list's filters. The content form of each kind of target is the kind's
own (governance/proposal_targets)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import any_choice, any_of, long_text, one_of, radio_choice
from segments.models import Goal, Segment

from ..models import Body, Proposal
from .common import body_choices


class ProposalTargetForm(forms.Form):
    """Step 1: the preparing body (where the user sits), the segment and the kind of item."""

    body = one_of(
        _("Valmisteleva toimielin"),
        Body.objects.none(),
        to_field_name="code",
        missing=_("Valitse toimielin, jonka nimissä ehdotus laaditaan."),
        unknown=_("Valitse toimielin, jossa sinulla on paikka."),
    )
    segment = one_of(
        _("Segmentti"),
        Segment.objects.filter(is_active=True),
        to_field_name="code",
        missing=_("Valitse segmentti, jota ehdotus koskee."),
        unknown=_("Tuntematon segmentti."),
    )
    target_kind = radio_choice(
        _("Ehdotuksen kohde"),
        Proposal.TargetKind.choices,
        missing=_("Valitse, mitä ehdotus muuttaa."),
        unknown=_("Tuntematon ehdotuksen kohde."),
    )
    perspective = forms.ChoiceField(
        label=_("Tavoitteiden näkökulma"),
        choices=[("", _("(vain tavoitelistalle)")), *Goal.Perspective.choices],
        required=False,
        help_text=_("Valitse, kun ehdotus muuttaa tavoitelistaa."),
        error_messages={"invalid_choice": _("Tuntematon näkökulma.")},
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = body_choices(bodies)

    def clean(self):
        data = super().clean()
        body, segment, kind = data.get("body"), data.get("segment"), data.get("target_kind")
        if (
            body
            and segment
            and body.kind == Body.Kind.SEGMENT_GROUP
            and not body.segments.filter(pk=segment.pk).exists()
        ):
            self.add_error(
                "segment",
                _("Segmentti ei kuulu työryhmän vastuusegmentteihin: %(segments)s.")
                % {"segments": ", ".join(str(s) for s in body.segments.all())},
            )
        if kind == Proposal.TargetKind.GOALS and not data.get("perspective"):
            self.add_error("perspective", _("Valitse tavoitteiden näkökulma."))
        if kind and kind != Proposal.TargetKind.GOALS:
            data["perspective"] = ""
        return data


class CommentForm(forms.Form):
    text = long_text(
        _("Kommentti"),
        5000,
        rows=4,
        missing=_("Kirjoita kommentti."),
        too_long=_("Kommentti on liian pitkä: enintään %(limit_value)d merkkiä."),
    )


class ProposalFilterForm(forms.Form):
    status = any_choice(_("Tila"), Proposal.Status.choices)
    body = any_of(
        _("Toimielin"),
        Body.objects.active().filter(kind__in=Proposal.PREPARING_KINDS),
        to_field_name="code",
    )
    segment = any_of(_("Segmentti"), Segment.objects.all(), to_field_name="code")


class ProposalStepForm(forms.Form):
    """A step of the proposal's state machine that asks for nothing (submit, archive)."""


class ProposalWithdrawForm(forms.Form):
    """Withdrawing asks for an optional reason, kept in the proposal's history."""

    reason = forms.CharField(required=False)

    def clean_reason(self):
        return self.cleaned_data["reason"].strip()[:2000]

"""A segment's goal list of one perspective (5.1.2): ``{"lines": ["…", …]}``, the whole new
list in order."""

from django import forms
from django.utils.translation import gettext_lazy as _

from segments import services as segment_services
from segments.models import Goal

from ..forms.common import required
from .base import ProposalTarget, check_keys, check_lines
from .forms import ProposalContentForm, split_lines, text_area


class GoalsForm(ProposalContentForm):
    lines = forms.CharField(
        label=_("Tavoitteet"),
        widget=text_area(8),
        help_text=_("Koko uusi tavoitelista, yksi tavoite riville, järjestyksessä."),
        max_length=20000,
        error_messages=required(_("Kirjoita vähintään yksi tavoite.")),
    )

    def setup(self):
        self.initial.setdefault("lines", "\n".join(self.source.get("lines", [])))

    def content(self, data):
        return {"lines": split_lines(data["lines"])}


class Goals(ProposalTarget):
    kind = "goals"
    form_class = GoalsForm

    def label(self, perspective=""):
        customer = perspective == Goal.Perspective.CUSTOMER
        side = Goal.Perspective.CUSTOMER if customer else Goal.Perspective.PUBLIC_ACTOR
        return f"{super().label()} – {side.label}"

    def check(self, content, **_kwargs):
        check_keys(content, {"lines"})
        check_lines(content.get("lines"), name="lines", required=True)

    def current(self, *, segment, perspective=""):
        goals = segment.goals.filter(perspective=perspective).order_by("order", "pk")
        return {"lines": [goal.text_fi for goal in goals]}

    def apply(self, proposal, effects):
        effects.record(
            segment_services.goal_list_replace(
                segment=proposal.segment,
                perspective=proposal.perspective,
                lines=proposal.content["lines"],
                by=effects.by,
                reason=effects.reason,
            )
        )

    def lines(self, proposal, snapshot):
        return list(snapshot.get("lines", [])), list((proposal.content or {}).get("lines", []))

"""A segment's strategy (5.1.3): ``{"text": "…", "points": ["…", …]}``, the new text and
its points."""

from django import forms
from django.utils.translation import gettext_lazy as _

from segments import services as segment_services
from segments.models import Strategy

from ..forms.common import required
from .base import ProposalTarget, check_keys, check_lines, check_text
from .forms import ProposalContentForm, split_lines, text_area


class StrategyForm(ProposalContentForm):
    text = forms.CharField(
        label=_("Strategia"),
        max_length=2000,
        widget=text_area(4),
        error_messages={
            **required(_("Kirjoita strategian teksti.")),
            "max_length": _("Strategia on liian pitkä: enintään %(limit_value)d merkkiä."),
        },
    )
    points = forms.CharField(
        label=_("Tarkennukset"),
        required=False,
        max_length=2000,
        widget=text_area(6),
        help_text=_("Yksi kohta riville."),
    )

    def setup(self):
        self.initial.setdefault("text", self.source.get("text", ""))
        self.initial.setdefault("points", "\n".join(self.source.get("points", [])))

    def content(self, data):
        return {"text": data["text"].strip(), "points": split_lines(data["points"])}


class StrategyTarget(ProposalTarget):
    kind = "strategy"
    form_class = StrategyForm

    def check(self, content, **_kwargs):
        check_keys(content, {"text", "points"})
        check_text(content.get("text"), name="text", required=True, max_length=2000)
        check_lines(content.get("points", []), name="points")

    def current(self, *, segment, perspective=""):
        strategy = Strategy.objects.filter(segment=segment).first()
        if strategy is None:
            return {"text": "", "points": []}
        return {"text": strategy.text_fi, "points": Strategy.split_points(strategy.points_fi)}

    def apply(self, proposal, effects):
        effects.record(
            segment_services.strategy_set(
                segment=proposal.segment,
                text=proposal.content["text"],
                points=proposal.content.get("points", []),
                by=effects.by,
                reason=effects.reason,
            )
        )

    def lines(self, proposal, snapshot):
        content = proposal.content or {}
        before = [snapshot.get("text", "")] + [f"• {p}" for p in snapshot.get("points", [])]
        after = [content.get("text", "")] + [f"• {p}" for p in content.get("points", [])]
        return before, after

"""A segment's service promise (5.1.3): ``{"new_alternative": {"text_fi": "…", "text_sv":
"…"}, "choose_new_alternative": false, "chosen_text_sv": "…"}`` — an optional new
alternative wording (with its Swedish text), and either the choice of the proposal's
`chosen_promise` (whose Swedish text may be supplied as `chosen_text_sv`) or of the new
alternative. Approving it also settles the register's promise question of the segment."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.history import Change
from segments import services as segment_services
from segments.models import ServicePromise

from ..forms.common import required
from ..models import StrategicQuestion
from .base import ProposalTarget, check_keys, check_text, content_error
from .forms import ProposalContentForm

NEW_ALTERNATIVE = "new"


def _swedish_area(label, help_text):
    return forms.CharField(
        label=label,
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "sv"}),
        help_text=help_text,
    )


class ServicePromiseForm(ProposalContentForm):
    new_text_fi = forms.CharField(
        label=gettext_lazy("Uusi vaihtoehtoinen sanamuoto suomeksi"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Valinnainen: esimerkiksi raportissa mainittu mutta sanamuotoilematon vaihtoehto."
        ),
    )
    new_text_sv = _swedish_area(
        gettext_lazy("Uusi vaihtoehtoinen sanamuoto ruotsiksi"),
        gettext_lazy("Pakollinen, jos uusi vaihtoehto ehdotetaan vahvistettavaksi."),
    )
    choice = forms.ChoiceField(
        label=gettext_lazy("Vahvistettavaksi ehdotettu palvelulupaus"),
        widget=forms.RadioSelect,
        error_messages={
            **required(gettext_lazy("Valitse, mikä palvelulupaus ehdotetaan vahvistettavaksi.")),
            "invalid_choice": gettext_lazy("Valitse jokin luetelluista palvelulupauksista."),
        },
    )
    chosen_text_sv = _swedish_area(
        gettext_lazy("Valitun lupauksen ruotsinkielinen teksti"),
        gettext_lazy(
            "Tarvitaan, jos olemassa olevalla lupauksella ei vielä ole ruotsinkielistä tekstiä."
        ),
    )

    def setup(self):
        promises = ServicePromise.objects.filter(segment=self.segment).exclude(
            status=ServicePromise.Status.ARCHIVED
        )
        self.promises = {str(p.pk): p for p in promises.order_by("order", "pk")}
        self.fields["choice"].choices = [
            *[(key, f"{p.text_fi} ({p.get_status_display()})") for key, p in self.promises.items()],
            (NEW_ALTERNATIVE, gettext_lazy("Uusi vaihtoehto (yllä)")),
        ]
        if self.proposal is not None:
            self._start_from(self.proposal)

    def _start_from(self, proposal):
        content = proposal.content
        new = content.get("new_alternative") or {}
        self.initial.setdefault("new_text_fi", new.get("text_fi", ""))
        self.initial.setdefault("new_text_sv", new.get("text_sv", ""))
        self.initial.setdefault("chosen_text_sv", content.get("chosen_text_sv", ""))
        chose_new = content.get("choose_new_alternative")
        self.initial.setdefault(
            "choice", NEW_ALTERNATIVE if chose_new else str(proposal.chosen_promise_id)
        )

    def chosen_promise(self, data):
        return self.promises.get(data.get("choice"))

    def content(self, data):
        content = {"choose_new_alternative": data["choice"] == NEW_ALTERNATIVE}
        if data["new_text_fi"].strip():
            content["new_alternative"] = {
                "text_fi": data["new_text_fi"].strip(),
                "text_sv": data["new_text_sv"].strip(),
            }
        if data["chosen_text_sv"].strip() and not content["choose_new_alternative"]:
            content["chosen_text_sv"] = data["chosen_text_sv"].strip()
        return content


# The promises' statuses as the diff names them.
STATUS_NAMES = {
    "alternative": gettext_lazy("vaihtoehto"),
    "proposed": gettext_lazy("ehdotettu"),
    "confirmed": gettext_lazy("vahvistettu"),
    "archived": gettext_lazy("arkistoitu vaihtoehto"),
}


class ServicePromiseTarget(ProposalTarget):
    kind = "service_promise"
    form_class = ServicePromiseForm
    template = "governance/proposal_targets/service_promise.html"

    def check(self, content, *, segment, chosen_promise):
        check_keys(content, {"new_alternative", "choose_new_alternative", "chosen_text_sv"})
        new = content.get("new_alternative")
        choose_new = content.get("choose_new_alternative", False)
        if not isinstance(choose_new, bool):
            raise content_error(_("Kentän choose_new_alternative on oltava tosi tai epätosi."))
        if new is not None:
            _check_new_alternative(new)
        _check_choice(new, choose_new, chosen_promise)
        chosen_sv = content.get("chosen_text_sv", "")
        check_text(chosen_sv, name="chosen_text_sv", max_length=1000)
        if chosen_promise is not None and not (chosen_promise.text_sv or chosen_sv.strip()):
            raise content_error(
                _("Anna vahvistettavaksi ehdotetun palvelulupauksen ruotsinkielinen teksti.")
            )

    def current(self, *, segment, perspective=""):
        return {
            "promises": [
                {"id": p.pk, "text_fi": p.text_fi, "text_sv": p.text_sv or "", "status": p.status}
                for p in segment.promises.order_by("order", "pk")
            ]
        }

    def apply(self, proposal, effects):
        content = proposal.content
        new = None
        if content.get("new_alternative"):
            wording = content["new_alternative"]
            new = segment_services.promise_alternative_add(
                segment=proposal.segment,
                text_fi=wording["text_fi"],
                text_sv=wording.get("text_sv") or "",
                by=effects.by,
                reason=effects.reason,
            )
            effects.record([Change.of(new, _("Uusi vaihtoehto kirjattu"))])
        if content.get("choose_new_alternative"):
            chosen, swedish = new, ""
        else:
            chosen = ServicePromise.objects.get(pk=proposal.chosen_promise_id)
            swedish = content.get("chosen_text_sv", "")
        confirm_promise(chosen, effects, swedish=swedish, new=new)
        _settle_promise_question(proposal.segment, chosen, new, effects)

    def lines(self, proposal, snapshot):
        """The segment's promises before and after, each with its status."""
        content = proposal.content or {}
        promises = snapshot.get("promises", [])
        before = [
            f"{p['text_fi']} ({STATUS_NAMES.get(p['status'], p['status'])})" for p in promises
        ]
        choose_new = content.get("choose_new_alternative", False)
        after = []
        for p in promises:
            status = p["status"]
            if not choose_new and p["id"] == proposal.chosen_promise_id:
                status = "confirmed"
            elif status != "archived":
                status = "archived"
            after.append(f"{p['text_fi']} ({STATUS_NAMES[status]})")
        new = content.get("new_alternative")
        if new:
            status = "confirmed" if choose_new else "archived"
            after.append(f"{new.get('text_fi', '')} ({STATUS_NAMES[status]})")
        return before, after


def _check_new_alternative(new):
    if not isinstance(new, dict):
        raise content_error(_("Uuden vaihtoehdon on oltava tekstit kielittäin."))
    check_keys(new, {"text_fi", "text_sv"})
    check_text(new.get("text_fi"), name="new_alternative.text_fi", required=True, max_length=1000)
    check_text(new.get("text_sv", ""), name="new_alternative.text_sv", max_length=1000)


def _check_choice(new, choose_new, chosen_promise):
    if choose_new and chosen_promise is not None:
        raise content_error(
            _("Valitse joko olemassa oleva lupaus tai uusi vaihtoehto, ei molempia.")
        )
    if choose_new and new is None:
        raise content_error(
            _("Uutta vaihtoehtoa ei voi valita, kun sen sanamuotoa ei ole annettu.")
        )
    if new is None and chosen_promise is None:
        raise content_error(
            _("Anna uusi vaihtoehtoinen sanamuoto tai valitse vahvistettava lupaus.")
        )
    # A confirmed promise is published: its Swedish text must exist (Language Act 423/2003).
    if choose_new and not new.get("text_sv", "").strip():
        raise content_error(
            _("Vahvistettavaksi ehdotetulla lupauksella on oltava ruotsinkielinen teksti.")
        )


def confirm_promise(promise, effects, *, swedish="", new=None):
    """Confirm the promise through the segments app, recording the decision's effects (also
    when the strategy group decides the register's promise question)."""
    effects.record(
        segment_services.promise_confirm(
            promise=promise, swedish=swedish, new=new, by=effects.by, reason=effects.reason
        )
    )


def _settle_promise_question(segment, chosen, new, effects):
    """The register's promise question of the segment (5.1.3) is settled by the same
    decision: the new wording fills the empty slot, and the chosen one is marked."""
    question = (
        StrategicQuestion.objects.select_for_update()
        .filter(subject="service_promise", segment=segment, is_archived=False)
        .exclude(status=StrategicQuestion.Status.DECIDED)
        .first()
    )
    if question is None:
        return
    alternatives = list(question.alternatives.filter(is_archived=False).order_by("order", "pk"))
    if new is not None:
        slot = next((a for a in alternatives if a.is_empty_slot), None)
        if slot is not None:
            slot.text_fi = new.text_fi
            slot.text_sv = new.text_sv
            slot.promise = new
            effects.save(slot, _("Strategisen kysymyksen vaihtoehto kirjattu"))
    chosen_alternative = next((a for a in alternatives if a.promise_id == chosen.pk), None)
    if chosen_alternative is not None:
        chosen_alternative.is_chosen = True
        if new is not None and chosen_alternative.promise_id == new.pk:
            label = _("Strategisen kysymyksen vaihtoehto kirjattu ja valittu")
        else:
            label = _("Strategisen kysymyksen vaihtoehto valittu")
        effects.save(chosen_alternative, label)
    question.status = StrategicQuestion.Status.DECIDED
    question.decision = effects.decision
    effects.save(question, _("Strateginen kysymys ratkaistu"))

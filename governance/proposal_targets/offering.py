"""A segment's offering (5): ``{"add": [{"service": 12, "kind": "basic"}, {"service": 3,
"kind": "transition", "to_segment": "suuryritykset"}], "remove": […]}`` — services offered
to the segment (basic) or to companies moving from it to another segment (transition)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from offerings import services as offering_services
from offerings.models import SegmentOffering, Service
from segments.models import Segment

from .base import ProposalTarget, check_keys, content_error
from .forms import ProposalContentForm

UNKNOWN_SERVICE = {
    "invalid_choice": gettext_lazy("Tuntematon palvelu."),
    "invalid_pk_value": gettext_lazy("Tuntematon palvelu."),
}


def _services_field(label):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Service.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=UNKNOWN_SERVICE,
    )


class OfferingForm(ProposalContentForm):
    add = _services_field(gettext_lazy("Lisättävät peruspalvelut"))
    remove = _services_field(gettext_lazy("Poistettavat peruspalvelut"))

    def setup(self):
        current = SegmentOffering.objects.filter(kind="basic", segment=self.segment).values(
            "service_id"
        )
        services = Service.objects.exclude(status="retired").order_by("name")
        self.fields["add"].queryset = services.exclude(pk__in=current)
        self.fields["remove"].queryset = Service.objects.filter(pk__in=current).order_by("name")
        if self.proposal is not None:
            content = self.proposal.content
            self.initial.setdefault("add", [e["service"] for e in content.get("add", [])])
            self.initial.setdefault("remove", [e["service"] for e in content.get("remove", [])])

    def content(self, data):
        return {
            "add": [{"service": s.pk, "kind": "basic"} for s in data["add"]],
            "remove": [{"service": s.pk, "kind": "basic"} for s in data["remove"]],
        }


class OfferingTarget(ProposalTarget):
    kind = "offering"
    form_class = OfferingForm
    template = "governance/proposal_targets/offering.html"

    def check(self, content, *, segment, **_kwargs):
        check_keys(content, {"add", "remove"})
        add, remove = content.get("add", []), content.get("remove", [])
        _check_entries(add, name="add", segment=segment)
        _check_entries(remove, name="remove", segment=segment)
        if not add and not remove:
            raise content_error(_("Ehdotus ei muuta tarjoomaa."))

    def current(self, *, segment, perspective=""):
        rows = SegmentOffering.objects.select_related("service", "to_segment")
        basic = rows.filter(kind="basic", segment=segment).order_by("service__name")
        transition = rows.filter(kind="transition", from_segment=segment).order_by(
            "service__name", "to_segment__number"
        )
        return {
            "basic": [{"service": row.service_id, "name": row.service.name_fi} for row in basic],
            "transition": [
                {
                    "service": row.service_id,
                    "name": row.service.name_fi,
                    "to_segment": row.to_segment.code,
                }
                for row in transition
            ],
        }

    def apply(self, proposal, effects):
        effects.record(
            offering_services.segment_offering_change(
                segment=proposal.segment,
                add=proposal.content.get("add", []),
                remove=proposal.content.get("remove", []),
                by=effects.by,
                reason=effects.reason,
            )
        )

    def lines(self, proposal, snapshot):
        content = proposal.content or {}
        names = {row["service"]: row["name"] for row in snapshot.get("basic", [])}
        wanted = {e["service"] for e in content.get("add", []) + content.get("remove", [])}
        missing = wanted - set(names)
        if missing:
            names.update(dict(Service.objects.filter(pk__in=missing).values_list("pk", "name_fi")))

        def line(row):
            name = names.get(row["service"], row["service"])
            return f"{name} → {row['to_segment']}" if row.get("to_segment") else f"{name}"

        before = [line(r) for r in snapshot.get("basic", []) + snapshot.get("transition", [])]
        removed = {line(e) for e in content.get("remove", [])}
        after = [item for item in before if item not in removed]
        after += [line(e) for e in content.get("add", []) if line(e) not in after]
        return before, after


def _check_entries(entries, *, name, segment):
    if not isinstance(entries, list):
        raise content_error(_("Kentän %(name)s on oltava luettelo."), name=name)
    for entry in entries:
        if not isinstance(entry, dict):
            raise content_error(_("Tarjooman muutos on annettava palveluna ja lajina."))
        check_keys(entry, {"service", "kind", "to_segment"})
        if entry.get("kind") not in SegmentOffering.Kind.values:
            raise content_error(_("Tuntematon tarjooman laji."))
        service = entry.get("service")
        if not isinstance(service, int) or not Service.objects.filter(pk=service).exists():
            raise content_error(_("Tarjooman muutos viittaa palveluun, jota ei ole."))
        to_segment = entry.get("to_segment")
        if entry["kind"] == SegmentOffering.Kind.TRANSITION:
            if not Segment.objects.filter(code=to_segment).exclude(pk=segment.pk).exists():
                raise content_error(
                    _("Täsmäpalvelulle on annettava toinen segmentti, johon siirrytään.")
                )
        elif to_segment is not None:
            raise content_error(_("Peruspalvelulle ei anneta kohdesegmenttiä."))

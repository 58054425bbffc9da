"""The shape of a proposal's content for each kind of target, and the current content of a
target in the same terms (the snapshot a proposal is compared against).

A proposal's `content` is JSON, checked here kind by kind, so that the service applying an
approved proposal can rely on it:

- goals: ``{"lines": ["…", …]}`` — the whole new goal list of one perspective, in order;
- strategy: ``{"text": "…", "points": ["…", …]}`` — the new strategy text and its points;
- service_promise: ``{"new_alternative": {"text_fi": "…", "text_sv": "…"},
  "choose_new_alternative": false, "chosen_text_sv": "…"}`` — an optional new alternative
  wording (with its Swedish text), and either the choice of the proposal's `chosen_promise`
  (whose Swedish text may be supplied as `chosen_text_sv`) or of the new alternative;
- service_model: any of the service model's text fields and `initiative`;
- offering: ``{"add": [{"service": 12, "kind": "basic"}, {"service": 3, "kind":
  "transition", "to_segment": "suuryritykset"}], "remove": […]}`` — services offered to the
  segment (basic) or to companies moving from it to another segment (transition);
- responsibility_policy: any of the policy's fields; organisations by code.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SERVICE_MODEL_TEXT_FIELDS = (
    "who_does_what",
    "how",
    "with_whom",
    "distribution_channels",
    "in_house",
    "partners",
    "marketing_principles",
)
POLICY_TEXT_FIELDS = ("target_group", "competences", "information_flow")
POLICY_CHOICE_FIELDS = ("mode", "scope", "emphasis")
POLICY_ORGANISATION_FIELDS = ("lead_organisation", "team_lead_organisation")
POLICY_FIELDS = (
    *POLICY_CHOICE_FIELDS,
    *POLICY_TEXT_FIELDS,
    *POLICY_ORGANISATION_FIELDS,
    "forms_customer_teams",
)
MAX_LINE = 1000
MAX_TEXT = 5000


def _error(message, **params):
    return ValidationError({"content": message % params if params else message})


def _text(value, *, name, required=False, max_length=MAX_TEXT):
    if not isinstance(value, str):
        raise _error(_("Kentän %(name)s on oltava tekstiä."), name=name)
    if required and not value.strip():
        raise _error(_("Kenttä %(name)s on pakollinen."), name=name)
    if len(value) > max_length:
        raise _error(
            _("Kenttä %(name)s on liian pitkä (enintään %(max)s merkkiä)."),
            name=name,
            max=max_length,
        )
    return value


def _lines(value, *, name, required=False):
    if not isinstance(value, list):
        raise _error(_("Kentän %(name)s on oltava luettelo riveistä."), name=name)
    for line in value:
        _text(line, name=name, required=True, max_length=MAX_LINE)
    if required and not value:
        raise _error(_("Anna vähintään yksi rivi kenttään %(name)s."), name=name)
    return value


def _only_keys(content, allowed):
    unknown = sorted(set(content) - set(allowed))
    if unknown:
        raise _error(_("Tuntemattomat kentät: %(names)s."), names=", ".join(unknown))


def _goals(content, **_kwargs):
    _only_keys(content, {"lines"})
    _lines(content.get("lines"), name="lines", required=True)


def _strategy(content, **_kwargs):
    _only_keys(content, {"text", "points"})
    _text(content.get("text"), name="text", required=True, max_length=2000)
    _lines(content.get("points", []), name="points")


def _service_promise(content, *, segment, chosen_promise, **_kwargs):
    _only_keys(content, {"new_alternative", "choose_new_alternative", "chosen_text_sv"})
    new = content.get("new_alternative")
    choose_new = content.get("choose_new_alternative", False)
    if not isinstance(choose_new, bool):
        raise _error(_("Kentän choose_new_alternative on oltava tosi tai epätosi."))
    if new is not None:
        if not isinstance(new, dict):
            raise _error(_("Uuden vaihtoehdon on oltava tekstit kielittäin."))
        _only_keys(new, {"text_fi", "text_sv"})
        _text(new.get("text_fi"), name="new_alternative.text_fi", required=True, max_length=1000)
        _text(new.get("text_sv", ""), name="new_alternative.text_sv", max_length=1000)
    if choose_new and chosen_promise is not None:
        raise _error(_("Valitse joko olemassa oleva lupaus tai uusi vaihtoehto, ei molempia."))
    if choose_new and new is None:
        raise _error(_("Uutta vaihtoehtoa ei voi valita, kun sen sanamuotoa ei ole annettu."))
    if new is None and chosen_promise is None:
        raise _error(_("Anna uusi vaihtoehtoinen sanamuoto tai valitse vahvistettava lupaus."))
    # A confirmed promise is published: its Swedish text must exist (Language Act 423/2003).
    if choose_new and not new.get("text_sv", "").strip():
        raise _error(
            _("Vahvistettavaksi ehdotetulla lupauksella on oltava ruotsinkielinen teksti.")
        )
    chosen_sv = content.get("chosen_text_sv", "")
    _text(chosen_sv, name="chosen_text_sv", max_length=1000)
    if chosen_promise is not None and not (chosen_promise.text_sv or chosen_sv.strip()):
        raise _error(_("Anna vahvistettavaksi ehdotetun palvelulupauksen ruotsinkielinen teksti."))


def _service_model(content, **_kwargs):
    from offerings.models import ServiceModel

    _only_keys(content, {*SERVICE_MODEL_TEXT_FIELDS, "initiative"})
    if not content:
        raise _error(_("Ehdotus ei muuta palvelumallia."))
    for name in SERVICE_MODEL_TEXT_FIELDS:
        if name in content:
            _text(content[name], name=name)
    if "initiative" in content and content["initiative"] not in (
        "",
        *ServiceModel.Initiative.values,
    ):
        raise _error(_("Tuntematon aloitteen tekijä."))


def _offering_entries(entries, *, name, segment):
    from offerings.models import SegmentOffering, Service
    from segments.models import Segment

    if not isinstance(entries, list):
        raise _error(_("Kentän %(name)s on oltava luettelo."), name=name)
    for entry in entries:
        if not isinstance(entry, dict):
            raise _error(_("Tarjooman muutos on annettava palveluna ja lajina."))
        _only_keys(entry, {"service", "kind", "to_segment"})
        if entry.get("kind") not in SegmentOffering.Kind.values:
            raise _error(_("Tuntematon tarjooman laji."))
        service = entry.get("service")
        if not isinstance(service, int) or not Service.objects.filter(pk=service).exists():
            raise _error(_("Tarjooman muutos viittaa palveluun, jota ei ole."))
        to_segment = entry.get("to_segment")
        if entry["kind"] == SegmentOffering.Kind.TRANSITION:
            if not Segment.objects.filter(code=to_segment).exclude(pk=segment.pk).exists():
                raise _error(_("Täsmäpalvelulle on annettava toinen segmentti, johon siirrytään."))
        elif to_segment is not None:
            raise _error(_("Peruspalvelulle ei anneta kohdesegmenttiä."))


def _offering(content, *, segment, **_kwargs):
    _only_keys(content, {"add", "remove"})
    add, remove = content.get("add", []), content.get("remove", [])
    _offering_entries(add, name="add", segment=segment)
    _offering_entries(remove, name="remove", segment=segment)
    if not add and not remove:
        raise _error(_("Ehdotus ei muuta tarjoomaa."))


def _responsibility_policy(content, **_kwargs):
    from offerings.models import Organisation
    from responsibility.models import ResponsibilityPolicy

    _only_keys(content, POLICY_FIELDS)
    if not content:
        raise _error(_("Ehdotus ei muuta asiakasvastuun mallia."))
    choices = {
        "mode": ResponsibilityPolicy.Mode.values,
        "scope": ["", *ResponsibilityPolicy.Scope.values],
        "emphasis": ["", *ResponsibilityPolicy.Emphasis.values],
    }
    for name, allowed in choices.items():
        if name in content and content[name] not in allowed:
            raise _error(_("Kentän %(name)s arvo ei ole sallittu."), name=name)
    for name in POLICY_TEXT_FIELDS:
        if name in content:
            _text(content[name], name=name)
    for name in POLICY_ORGANISATION_FIELDS:
        code = content.get(name)
        if code is not None and not Organisation.objects.filter(code=code).exists():
            raise _error(_("Kenttä %(name)s viittaa organisaatioon, jota ei ole."), name=name)
    if "forms_customer_teams" in content and not isinstance(content["forms_customer_teams"], bool):
        raise _error(_("Kentän forms_customer_teams on oltava tosi tai epätosi."))


_VALIDATORS = {
    "goals": _goals,
    "strategy": _strategy,
    "service_promise": _service_promise,
    "service_model": _service_model,
    "offering": _offering,
    "responsibility_policy": _responsibility_policy,
}


def validate_content(target_kind, content, *, segment, chosen_promise=None):
    """Raise a ValidationError (on "content") unless `content` fits the target kind."""
    if not isinstance(content, dict):
        raise _error(_("Ehdotuksen sisällön on oltava kenttiä ja arvoja."))
    _VALIDATORS[target_kind](content, segment=segment, chosen_promise=chosen_promise)


def current_content(target_kind, *, segment, perspective=""):
    """The target's current content, for the snapshot a proposal is compared against."""
    from offerings.models import SegmentOffering, ServiceModel
    from responsibility.models import ResponsibilityPolicy
    from segments.models import Strategy

    if target_kind == "goals":
        goals = segment.goals.filter(perspective=perspective).order_by("order", "pk")
        return {"lines": [goal.text_fi for goal in goals]}
    if target_kind == "strategy":
        strategy = Strategy.objects.filter(segment=segment).first()
        if strategy is None:
            return {"text": "", "points": []}
        return {"text": strategy.text_fi, "points": Strategy.split_points(strategy.points_fi)}
    if target_kind == "service_promise":
        return {
            "promises": [
                {"id": p.pk, "text_fi": p.text_fi, "text_sv": p.text_sv or "", "status": p.status}
                for p in segment.promises.order_by("order", "pk")
            ]
        }
    if target_kind == "service_model":
        model = ServiceModel.objects.filter(segment=segment).first()
        fields = {
            name: (getattr(model, f"{name}_fi") or "") if model else ""
            for name in SERVICE_MODEL_TEXT_FIELDS
        }
        fields["initiative"] = model.initiative if model else ""
        return fields
    if target_kind == "offering":
        rows = SegmentOffering.objects.select_related("service", "to_segment")
        return {
            "basic": [
                {"service": row.service_id, "name": row.service.name_fi}
                for row in rows.filter(kind="basic", segment=segment).order_by("service__name")
            ],
            "transition": [
                {
                    "service": row.service_id,
                    "name": row.service.name_fi,
                    "to_segment": row.to_segment.code,
                }
                for row in rows.filter(kind="transition", from_segment=segment).order_by(
                    "service__name", "to_segment__number"
                )
            ],
        }
    policy = (
        ResponsibilityPolicy.objects.select_related("lead_organisation", "team_lead_organisation")
        .filter(segment=segment)
        .first()
    )
    if policy is None:
        return {}
    current = {name: getattr(policy, name) for name in (*POLICY_CHOICE_FIELDS, *POLICY_TEXT_FIELDS)}
    current["forms_customer_teams"] = policy.forms_customer_teams
    for name in POLICY_ORGANISATION_FIELDS:
        organisation = getattr(policy, name)
        current[name] = organisation.code if organisation else None
    return current

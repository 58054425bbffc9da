"""Forms of proposals (6.2): choosing what to propose about (body, segment, target), then
the content form of that kind of target, which produces the JSON `validate_content` accepts.
The content forms start from the target's current text, so the drafter edits it in place."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from offerings.models import Organisation, SegmentOffering, Service, ServiceModel
from responsibility.models import ResponsibilityPolicy
from segments.models import Goal, Segment, ServicePromise

from ..models import Body, Proposal
from ..models.proposal_content import validate_content

STALE_FORM = _("Lomake on vanhentunut. Lataa sivu uudelleen.")


def hidden_errors_to_top(form):
    """A hidden field (the version) cannot show its error beside it: show it at the top."""
    for name, field in form.fields.items():
        if field.widget.is_hidden and name in form._errors:
            form.add_error(None, form._errors.pop(name))


def _required(message):
    return {"required": message}


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ProposalTargetForm(forms.Form):
    """Step 1: the preparing body (where the user sits), the segment and the kind of item."""

    body = forms.ModelChoiceField(
        label=_("Valmisteleva toimielin"),
        queryset=Body.objects.none(),
        to_field_name="code",
        error_messages={
            **_required(_("Valitse toimielin, jonka nimissä ehdotus laaditaan.")),
            "invalid_choice": _("Valitse toimielin, jossa sinulla on paikka."),
        },
    )
    segment = forms.ModelChoiceField(
        label=_("Segmentti"),
        queryset=Segment.objects.filter(is_active=True),
        to_field_name="code",
        error_messages={
            **_required(_("Valitse segmentti, jota ehdotus koskee.")),
            "invalid_choice": _("Tuntematon segmentti."),
        },
    )
    target_kind = forms.ChoiceField(
        label=_("Ehdotuksen kohde"),
        choices=Proposal.TargetKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            **_required(_("Valitse, mitä ehdotus muuttaa.")),
            "invalid_choice": _("Tuntematon ehdotuksen kohde."),
        },
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
        self.fields["body"].queryset = Body.objects.filter(pk__in=[b.pk for b in bodies])

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


class ProposalContentForm(forms.Form):
    """Step 2, shared by every kind: title and rationale, and the version when editing."""

    title = forms.CharField(
        label=_("Otsikko"),
        max_length=200,
        error_messages={
            **_required(_("Anna ehdotukselle otsikko.")),
            "max_length": _("Otsikko on liian pitkä: enintään %(limit_value)d merkkiä."),
        },
    )
    rationale = forms.CharField(
        label=_("Perustelut"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            **_required(_("Perustele ehdotus.")),
            "max_length": _("Perustelut ovat liian pitkät: enintään %(limit_value)d merkkiä."),
        },
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, error_messages={"invalid": STALE_FORM}
    )

    target_kind = None

    def __init__(self, *args, segment, snapshot, proposal=None, **kwargs):
        self.segment = segment
        self.snapshot = snapshot
        self.proposal = proposal
        super().__init__(*args, **kwargs)
        if proposal is None:
            del self.fields["version"]
        self.setup()

    def setup(self):
        """Choices and initial values that depend on the segment and the current text."""

    def content(self, data):
        raise NotImplementedError

    def chosen_promise(self, data):
        return None

    def clean(self):
        data = super().clean()
        hidden_errors_to_top(self)
        if self.errors:
            return data
        content = self.content(data)
        try:
            validate_content(
                self.target_kind,
                content,
                segment=self.segment,
                chosen_promise=self.chosen_promise(data),
            )
        except ValidationError as error:
            for message in error.messages:
                self.add_error(None, message)
        data["content"] = content
        data["chosen_promise"] = self.chosen_promise(data)
        return data


class GoalsForm(ProposalContentForm):
    target_kind = "goals"
    lines = forms.CharField(
        label=_("Tavoitteet"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Koko uusi tavoitelista, yksi tavoite riville, järjestyksessä."),
        max_length=20000,
        error_messages=_required(_("Kirjoita vähintään yksi tavoite.")),
    )

    def setup(self):
        self.initial.setdefault("lines", "\n".join(self.snapshot.get("lines", [])))

    def content(self, data):
        return {"lines": _lines(data["lines"])}


class StrategyForm(ProposalContentForm):
    target_kind = "strategy"
    text = forms.CharField(
        label=_("Strategia"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            **_required(_("Kirjoita strategian teksti.")),
            "max_length": _("Strategia on liian pitkä: enintään %(limit_value)d merkkiä."),
        },
    )
    points = forms.CharField(
        label=_("Tarkennukset"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Yksi kohta riville."),
    )

    def setup(self):
        self.initial.setdefault("text", self.snapshot.get("text", ""))
        self.initial.setdefault("points", "\n".join(self.snapshot.get("points", [])))

    def content(self, data):
        return {"text": data["text"].strip(), "points": _lines(data["points"])}


NEW_ALTERNATIVE = "new"


class ServicePromiseForm(ProposalContentForm):
    target_kind = "service_promise"
    new_text_fi = forms.CharField(
        label=_("Uusi vaihtoehtoinen sanamuoto suomeksi"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Valinnainen: esimerkiksi raportissa mainittu mutta sanamuotoilematon vaihtoehto."
        ),
    )
    new_text_sv = forms.CharField(
        label=_("Uusi vaihtoehtoinen sanamuoto ruotsiksi"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "sv"}),
        help_text=_("Pakollinen, jos uusi vaihtoehto ehdotetaan vahvistettavaksi."),
    )
    choice = forms.ChoiceField(
        label=_("Vahvistettavaksi ehdotettu palvelulupaus"),
        widget=forms.RadioSelect,
        error_messages={
            **_required(_("Valitse, mikä palvelulupaus ehdotetaan vahvistettavaksi.")),
            "invalid_choice": _("Valitse jokin luetelluista palvelulupauksista."),
        },
    )
    chosen_text_sv = forms.CharField(
        label=_("Valitun lupauksen ruotsinkielinen teksti"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "sv"}),
        help_text=_(
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
            (NEW_ALTERNATIVE, _("Uusi vaihtoehto (yllä)")),
        ]
        if self.proposal is not None:
            content = self.proposal.content
            new = content.get("new_alternative") or {}
            self.initial.setdefault("new_text_fi", new.get("text_fi", ""))
            self.initial.setdefault("new_text_sv", new.get("text_sv", ""))
            self.initial.setdefault("chosen_text_sv", content.get("chosen_text_sv", ""))
            self.initial.setdefault(
                "choice",
                NEW_ALTERNATIVE
                if content.get("choose_new_alternative")
                else str(self.proposal.chosen_promise_id),
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


def _changed(data, snapshot, names):
    return {name: data[name] for name in names if data.get(name) != snapshot.get(name)}


class ServiceModelForm(ProposalContentForm):
    target_kind = "service_model"
    FIELDS = (
        "who_does_what",
        "how",
        "with_whom",
        "distribution_channels",
        "in_house",
        "partners",
        "marketing_principles",
    )

    def setup(self):
        for name in self.FIELDS:
            model_field = ServiceModel._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=str(model_field.verbose_name).capitalize(),
                required=False,
                max_length=model_field.max_length,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["initiative"] = forms.ChoiceField(
            label=_("Aloitteen tekijä"),
            required=False,
            choices=[("", "–"), *ServiceModel.Initiative.choices],
            error_messages={"invalid_choice": _("Tuntematon aloitteen tekijä.")},
        )
        current = {**self.snapshot, **(self.proposal.content if self.proposal else {})}
        for name in (*self.FIELDS, "initiative"):
            self.initial.setdefault(name, current.get(name, ""))

    def content(self, data):
        return _changed(data, self.snapshot, (*self.FIELDS, "initiative"))


class OfferingForm(ProposalContentForm):
    target_kind = "offering"
    add = forms.ModelMultipleChoiceField(
        label=_("Lisättävät peruspalvelut"),
        queryset=Service.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Tuntematon palvelu."),
            "invalid_pk_value": _("Tuntematon palvelu."),
        },
    )
    remove = forms.ModelMultipleChoiceField(
        label=_("Poistettavat peruspalvelut"),
        queryset=Service.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Tuntematon palvelu."),
            "invalid_pk_value": _("Tuntematon palvelu."),
        },
    )

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


class ResponsibilityPolicyForm(ProposalContentForm):
    target_kind = "responsibility_policy"
    TEXTS = ("target_group", "competences", "information_flow")

    def setup(self):
        meta = ResponsibilityPolicy._meta
        self.fields["mode"] = forms.ChoiceField(
            label=str(meta.get_field("mode").verbose_name).capitalize(),
            choices=ResponsibilityPolicy.Mode.choices,
            error_messages={"invalid_choice": _("Tuntematon asiakasvastuun malli.")},
        )
        for name, enum in (
            ("scope", ResponsibilityPolicy.Scope),
            ("emphasis", ResponsibilityPolicy.Emphasis),
        ):
            self.fields[name] = forms.ChoiceField(
                label=str(meta.get_field(name).verbose_name).capitalize(),
                required=False,
                choices=[("", "–"), *enum.choices],
                error_messages={"invalid_choice": _("Tuntematon valinta.")},
            )
        for name in self.TEXTS:
            field = meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=str(field.verbose_name).capitalize(),
                required=False,
                max_length=field.max_length,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for name in ("lead_organisation", "team_lead_organisation"):
            self.fields[name] = forms.ModelChoiceField(
                label=str(meta.get_field(name).verbose_name).capitalize(),
                queryset=Organisation.objects.filter(is_active=True),
                to_field_name="code",
                required=False,
                error_messages={"invalid_choice": _("Tuntematon organisaatio.")},
            )
        self.fields["forms_customer_teams"] = forms.BooleanField(
            label=str(meta.get_field("forms_customer_teams").verbose_name).capitalize(),
            required=False,
        )
        current = {**self.snapshot, **(self.proposal.content if self.proposal else {})}
        for name in (*self.TEXTS, "mode", "scope", "emphasis", "forms_customer_teams"):
            self.initial.setdefault(name, current.get(name, "" if name != "mode" else "undecided"))
        for name in ("lead_organisation", "team_lead_organisation"):
            self.initial.setdefault(name, current.get(name))

    def content(self, data):
        values = {name: data[name] for name in (*self.TEXTS, "mode", "scope", "emphasis")}
        values["forms_customer_teams"] = bool(data["forms_customer_teams"])
        for name in ("lead_organisation", "team_lead_organisation"):
            values[name] = data[name].code if data[name] else None
        snapshot = {**{"forms_customer_teams": False}, **self.snapshot}
        return _changed(values, snapshot, values)


CONTENT_FORMS = {
    form.target_kind: form
    for form in (
        GoalsForm,
        StrategyForm,
        ServicePromiseForm,
        ServiceModelForm,
        OfferingForm,
        ResponsibilityPolicyForm,
    )
}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Kommentti"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            **_required(_("Kirjoita kommentti.")),
            "max_length": _("Kommentti on liian pitkä: enintään %(limit_value)d merkkiä."),
        },
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Kirjoita kommentti."), code="required")
        return text


class ProposalFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Tila"), required=False, choices=[("", _("Kaikki")), *Proposal.Status.choices]
    )
    body = forms.ModelChoiceField(
        label=_("Toimielin"),
        required=False,
        queryset=Body.objects.active().filter(kind__in=Proposal.PREPARING_KINDS),
        to_field_name="code",
        empty_label=_("Kaikki"),
    )
    segment = forms.ModelChoiceField(
        label=_("Segmentti"),
        required=False,
        queryset=Segment.objects.all(),
        to_field_name="code",
        empty_label=_("Kaikki"),
    )

"""Forms of the plans of the four planning levels (5.6): the list's filters and a plan.

The organisation an agency user plans for never comes from the form alone: the choices are
only their own organisation, and the view checks the result again (governance.permissions).
The rules of a plan's shape are the model's (`Plan.clean`, its constraints)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import (
    FilterForm,
    any_choice,
    any_of,
    long_text,
    one_of,
    radio_choice,
    short_text,
    ui_language,
    version_field,
    writing_language,
)
from core.translation import original_text
from offerings.models import Person
from responsibility.models import CustomerTeam
from segments.models import Company, Segment

from ...models import PlanningLevel
from ...permissions import own_organisation_id, steers_every_plan
from ..common import archive_field
from .fields import organisations, reason_field, year_field


class PlanFilterForm(FilterForm):
    """Filters of the plan list; a bad value is pointed out and not applied."""

    level = any_choice(
        _("Suunnittelutaso"),
        PlanningLevel.choices,
        unknown=_("Tuntematon suunnittelutaso: rajausta ei käytetty."),
    )
    organisation = any_of(
        _("Organisaatio"),
        organisations(),
        unknown=_("Tuntematon organisaatio: rajausta ei käytetty."),
    )
    year = year_field(required=False)


class PlanForm(forms.Form):
    """A plan of one planning level for one year; what it is for depends on its level."""

    level = radio_choice(
        _("Suunnittelutaso"),
        PlanningLevel.choices,
        missing=_("Valitse suunnittelutaso."),
        unknown=_("Valitse suunnittelutaso luettelosta."),
    )
    year = year_field()
    title = short_text(_("Otsikko"), 200, missing=_("Anna otsikko."))
    description = long_text(_("Kuvaus"), 5000, rows=4, required=False)
    original_language = writing_language()
    organisation = one_of(
        _("Organisaatio"),
        organisations(),
        required=False,
        empty_label=_("ei organisaatiota"),
        help_text=_(
            "Toimijan asiakaskannan, asiakassalkun ja asiakkuussuunnitelman omistaja. "
            "Koko asiakaskannan suunnitelmalla ei ole organisaatiota."
        ),
        unknown=_("Tuntematon organisaatio. Valitse luettelosta."),
    )
    segment = one_of(
        _("Segmentti"),
        Segment.objects.filter(is_active=True).order_by("number"),
        required=False,
        empty_label=_("ei segmenttiä"),
        help_text=_("Segmenttikohtainen tarkastelu; näkyy ohjausnäkymässä segmentin kohdalla."),
        unknown=_("Tuntematon segmentti. Valitse luettelosta."),
    )
    team = one_of(
        _("Asiakkuustiimi"),
        CustomerTeam.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("ei tiimiä"),
        help_text=_("Asiakassalkun suunnitelmalle joko tiimi tai vastuuhenkilö."),
        unknown=_("Tuntematon asiakkuustiimi. Valitse luettelosta."),
    )
    person = one_of(
        _("Vastuuhenkilö"),
        Person.objects.none(),
        required=False,
        empty_label=_("ei henkilöä"),
        unknown=_("Tuntematon henkilö. Valitse luettelosta."),
    )
    company = forms.CharField(
        label=_("Asiakasyrityksen Y-tunnus"),
        max_length=20,
        required=False,
        help_text=_("Vain asiakkuussuunnitelmalle, esimerkiksi 1234567-1."),
    )

    def __init__(self, *args, user, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.plan = plan
        persons = Person.objects.select_related("user", "organisation")
        if not steers_every_plan(user):
            # Agency staff plan for their own organisation only, never for the whole base.
            own = own_organisation_id(user)
            self.fields["organisation"].queryset = organisations().filter(pk=own)
            self.fields["organisation"].required = True
            self.fields["organisation"].empty_label = None
            self.fields["level"].choices = [
                c for c in PlanningLevel.choices if c[0] != PlanningLevel.WHOLE_BASE
            ]
            persons = persons.filter(organisation_id=own)
        self.fields["person"].queryset = persons.order_by(
            "organisation__order", "user__last_name", "user__username"
        )
        self.fields["original_language"].initial = ui_language()
        if plan is not None:
            self.fields["is_archived"] = archive_field(
                _("Arkistoitu suunnitelma ei näy luettelossa; sitä ei poisteta.")
            )
            self.fields["change_reason"] = reason_field()
            self.fields["version"] = version_field()
            if not self.is_bound:
                self.initial.update(
                    {
                        "level": plan.level,
                        "year": plan.year,
                        "title": original_text(plan, "title"),
                        "description": original_text(plan, "description"),
                        "original_language": plan.original_language,
                        "organisation": plan.organisation_id,
                        "segment": plan.segment_id,
                        "team": plan.team_id,
                        "person": plan.person_id,
                        "company": plan.company.business_id if plan.company_id else "",
                        "is_archived": plan.is_archived,
                        "version": plan.version,
                    }
                )

    def clean_company(self):
        value = (self.cleaned_data["company"] or "").strip()
        if not value:
            return None
        company = Company.objects.filter(business_id=value).first()
        if company is None:
            raise ValidationError(
                _("Y-tunnuksella %(value)s ei löydy yritystä."), params={"value": value}
            )
        return company

"""The decisions register's filter (8)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import any_number


class YearForm(forms.Form):
    """The year of the decisions register, from the years that have decisions."""

    year = any_number(_("Vuosi"), unknown=_("Valitse jokin luetelluista vuosista."))

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Kaikki vuodet")), *[(y, y) for y in years]]

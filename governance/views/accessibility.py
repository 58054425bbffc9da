from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import services
from ..forms import AccessibilityFeedbackForm

# When the statement was prepared and last reviewed; the law asks for a yearly review.
STATEMENT = {"prepared": date(2026, 11, 26), "reviewed": date(2026, 11, 26)}


@login_not_required
def accessibility_statement(request):
    """The accessibility statement (saavutettavuusseloste) with its feedback form."""
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.feedback_submit(**form.cleaned_data, language=get_language())
        messages.success(
            request,
            _("Kiitos palautteesta. Vastaamme 14 päivän kuluessa, jos annoit sähköpostiosoitteen."),
        )
        return redirect("governance:accessibility_statement")
    return render(
        request,
        "governance/accessibility_statement.html",
        {"form": form, "statement": STATEMENT},
    )

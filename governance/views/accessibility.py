"""The accessibility statement and its feedback form (the Act on the Provision of Digital
Services), open to everyone."""

from datetime import date

from django.contrib.auth.decorators import login_not_required
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.views import ServiceFormView

from .. import services
from ..forms import AccessibilityFeedbackForm

# When the statement was prepared and last reviewed; the law asks for a yearly review.
STATEMENT = {"prepared": date(2026, 11, 26), "reviewed": date(2026, 11, 26)}


@method_decorator(login_not_required, name="dispatch")
class AccessibilityStatementView(ServiceFormView):
    """The accessibility statement (saavutettavuusseloste) with its feedback form."""

    template_name = "governance/accessibility_statement.html"
    form_class = AccessibilityFeedbackForm
    success_message = _(
        "Kiitos palautteesta. Vastaamme 14 päivän kuluessa, jos annoit sähköpostiosoitteen."
    )

    def get_form(self, data=None, files=None):
        return super().get_form(data or None, files)  # an empty post: the blank form again

    def perform(self, data):
        sender = self.request.user if self.request.user.is_authenticated else None
        return services.feedback_submit(**data, language=get_language(), by=sender)

    def get_success_url(self, result):
        return reverse("governance:accessibility_statement")

    def get_context_data(self, **kwargs):
        return super().get_context_data(statement=STATEMENT, **kwargs)

"""Local accounts: password change, and reset by e-mail through the outbox, throttled.

Django's own views (django.contrib.auth.views) in the site's look. The reset e-mail goes
through the outbox like every other message, so a mail server that is away delays it
rather than losing it. Requests are limited per e-mail address and per client address
(the cache counts them for an hour), so the form cannot be used to flood a mailbox.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.notifications.services import outbox_enqueue

from .login_throttling import client_address

THROTTLE_SECONDS = 3600
TOO_MANY = _(
    "Salasanan palautusta on pyydetty liian monta kertaa. Yritä uudelleen tunnin kuluttua."
)


def _over_limit(kind, value):
    """Count one request for `value`; whether it went over the hourly limit."""
    key = f"password-reset:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
    cache.add(key, 0, THROTTLE_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, THROTTLE_SECONDS)
        count = 1
    return count > settings.PASSWORD_RESET_LIMIT


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form whose e-mail is queued in the outbox, in the page's language."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        text = loader.render_to_string(email_template_name, context)
        user = context["user"]
        outbox_enqueue(
            # The token is a live credential: the key (shown to ministry staff in the
            # outbox's admin) holds only its digest.
            idempotency_key=f"password-reset:{user.pk}:{_digest(context['token'])}",
            user=user,
            recipient=to_email,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            subject=subject,
            text=text,
        )


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link: at most PASSWORD_RESET_LIMIT requests an hour per e-mail
    address and per client address; the answer never tells whether the address is known."""

    form_class = OutboxPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def get_extra_email_context(self):
        return {"site_url": settings.SITE_URL}

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        over_address = _over_limit("address", client_address(self.request) or "")
        over_email = _over_limit("email", email)
        if over_address or over_email:
            form.add_error(None, TOO_MANY)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        # The links point at the service's own address, not the request's Host header.
        self.extra_email_context = self.get_extra_email_context()
        return super().form_valid(form)

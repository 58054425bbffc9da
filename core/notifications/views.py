"""The notification centre and each user's notification preferences: their own only."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .forms import MarkReadForm, PreferencesForm

PAGE_SIZE = 50


@require_http_methods(["GET", "HEAD"])
def notification_list(request):
    """The user's notifications, newest first, unread ones marked."""
    page = Paginator(selectors.notifications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("sivu")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
def notification_mark_read(request):
    """Mark one of the user's notifications read, or all of them; another's is untouched."""
    form = MarkReadForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ilmoitusta ei löytynyt."))
        return redirect("notifications:notification_list")
    number = form.cleaned_data["notification"]
    ids = [number] if number else None
    count = services.notifications_mark_read(user=request.user, ids=ids)
    messages.success(request, _("Merkitty luetuksi: %(count)s.") % {"count": count})
    return redirect("notifications:notification_list")


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    """The user's message language and e-mail choice for each kind of notification."""
    current = selectors.preferences_of(request.user)
    data = request.POST if request.method == "POST" else None
    form = PreferencesForm(data, initial=PreferencesForm.initial_from(current))
    if request.method == "POST" and form.is_valid():
        services.preferences_save(
            user=request.user,
            language=form.cleaned_data["language"],
            deliveries=form.deliveries(),
            by=request.user,
        )
        messages.success(request, _("Ilmoitusasetukset tallennettu."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})

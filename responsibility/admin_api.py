"""The integration API's clients in the admin, for ministry staff: a client's scopes and
rate limit, its keys (a new key shown once, on its own page, never again), rotation and
revocation, and the call log, read only."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin import (
    ChangeReasonForm,
    HistoryAdmin,
    NoAddMixin,
    NoDeleteMixin,
    ReadOnlyAdmin,
    ReadOnlyMixin,
)

from .models import ApiCall, ApiClient, ApiKey, Scope
from .services import api_clients as services


class ApiClientForm(ChangeReasonForm):
    scopes = forms.MultipleChoiceField(
        label=_("oikeudet"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ApiClient
        fields = ["organisation", "name", "scopes", "rate_limit_per_minute", "is_active"]


class RotateForm(forms.Form):
    old_valid_until = forms.DateTimeField(
        label=_("Vanhat avaimet voimassa asti"),
        help_text=_(
            "Siihen asti järjestelmä voi käyttää vanhaa avainta, jotta vaihto ei katkaise sitä."
        ),
    )


class ApiKeyInline(ReadOnlyMixin, admin.TabularInline):
    """The client's keys: only the prefix that names a key; the key itself is never shown
    again after it was issued."""

    model = ApiKey
    extra = 0
    fields = ["prefix", "created_at", "created_by", "expires_at", "revoked_at"]
    readonly_fields = fields


@admin.register(ApiClient)
class ApiClientAdmin(NoDeleteMixin, HistoryAdmin):
    """A client is taken out of use, never deleted: its calls are logged against it. Adding
    one issues its first key; "Vaihda avain" issues the next."""

    form = ApiClientForm
    list_display = ["name", "organisation", "scope_list", "rate_limit_per_minute", "is_active"]
    list_filter = ["is_active", "organisation"]
    search_fields = ["name"]
    list_select_related = ["organisation"]
    inlines = [ApiKeyInline]
    fields = ["organisation", "name", "scopes", "rate_limit_per_minute", "is_active"]

    @admin.display(description=_("oikeudet"))
    def scope_list(self, client):
        return ", ".join(client.scopes)

    def get_urls(self):
        rotate = self.admin_site.admin_view(self.rotate_view)
        return [
            path("<int:pk>/rotate/", rotate, name="responsibility_apiclient_rotate"),
            *super().get_urls(),
        ]

    def response_add(self, request, obj, post_url_continue=None):
        _key, key = services.api_key_issue(client=obj, by=request.user)
        return self._key_page(request, obj, key)

    def rotate_view(self, request, pk):
        """A new key; the old ones stay valid until the chosen moment."""
        client = get_object_or_404(ApiClient, pk=pk)
        if not self.has_change_permission(request, client):
            raise PermissionDenied
        initial = {"old_valid_until": timezone.localtime() + datetime.timedelta(days=7)}
        form = RotateForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            _key, key = services.api_key_rotate(
                client=client, old_valid_until=form.cleaned_data["old_valid_until"], by=request.user
            )
            return self._key_page(request, client, key)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Vaihda avain"),
            "opts": self.opts,
            "client": client,
            "form": form,
        }
        return TemplateResponse(request, "admin/responsibility/apiclient/rotate.html", context)

    def _key_page(self, request, client, key):
        # The key on this page only, never in a message, a cookie or a log; the answer is
        # not stored by browsers or proxies.
        context = {
            **self.admin_site.each_context(request),
            "title": _("Uusi avain"),
            "opts": self.opts,
            "client": client,
            "key": key,
            "change_url": reverse("admin:responsibility_apiclient_change", args=[client.pk]),
        }
        response = TemplateResponse(
            request, "admin/responsibility/apiclient/key_issued.html", context
        )
        response["Cache-Control"] = "no-store"
        return response


@admin.register(ApiKey)
class ApiKeyAdmin(NoAddMixin, NoDeleteMixin, HistoryAdmin):
    """Keys are issued from their client's page; here they are listed and revoked."""

    list_display = ["prefix", "client", "created_at", "expires_at", "revoked_at"]
    list_filter = ["client__organisation"]
    search_fields = ["=prefix", "client__name"]
    list_select_related = ["client__organisation"]
    fields = ["client", "prefix", "created_at", "created_by", "expires_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    @admin.action(description=_("Peru valitut avaimet"), permissions=["change"])
    def revoke(self, request, queryset):
        for key in queryset:
            services.api_key_revoke(key=key, by=request.user)
        self.message_user(request, _("Avaimet peruttu."), messages.SUCCESS)


@admin.register(ApiCall)
class ApiCallAdmin(ReadOnlyAdmin):
    """The call log, read only; old rows are removed by `prune_api_calls`."""

    list_display = ["at", "client", "method", "path", "route", "status", "duration_ms"]
    list_filter = ["status", "method", "client__organisation"]
    search_fields = ["=client__name", "^path"]
    list_select_related = ["client__organisation"]
    date_hierarchy = "at"
    show_full_result_count = False
    list_per_page = 50

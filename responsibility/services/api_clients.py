"""Writes of the integration API's clients: issuing, rotating and revoking keys, and the
call log. A key is shown once, as this module returns it; only its salted hash is stored."""

import datetime
import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.utils import timezone

from core.history import save_with_history

from ..models import ApiCall, ApiClient, ApiKey

logger = logging.getLogger(__name__)

# A key reads "ak_<prefix>.<secret>": the prefix finds the row, the secret (256 random bits)
# is checked against the hash. With that much randomness a fast keyed hash is as safe as a
# slow password hash, and keeps each call well under the API's time budget.
KEY_LABEL = "ak_"
KEY_MAX_LENGTH = 100


def split_key(key):
    """The key's (prefix, whole key), or None when it does not have a key's form."""
    key = (key or "").strip()
    if len(key) > KEY_MAX_LENGTH or not key.startswith(KEY_LABEL):
        return None
    prefix, dot, secret = key[len(KEY_LABEL) :].partition(".")
    if not dot or not prefix or not secret or not prefix.isalnum():
        return None
    return prefix, key


def _new_key():
    prefix = secrets.token_hex(6)
    return prefix, f"{KEY_LABEL}{prefix}.{secrets.token_urlsafe(32)}"


@transaction.atomic
def api_key_issue(*, client, by, expires_at=None, reason=""):
    """A new key for the client, valid until `expires_at` (API_KEY_VALID_DAYS by default);
    returns (ApiKey, the key itself), which is never available again."""
    now = timezone.now()
    prefix, key = _new_key()
    salt = secrets.token_hex(16)
    api_key = ApiKey(
        client=client,
        prefix=prefix,
        salt=salt,
        key_hash=ApiKey.digest(salt, key),
        created_at=now,
        created_by=by,
        expires_at=expires_at or now + datetime.timedelta(days=settings.API_KEY_VALID_DAYS),
    )
    save_with_history(api_key, by=by, reason=reason or "Avain annettu")
    return api_key, key


@transaction.atomic
def api_key_rotate(*, client, old_valid_until, by, expires_at=None):
    """A new key for the client; its current keys stay valid until `old_valid_until` (at the
    latest), so the system can switch over without a break. Returns (ApiKey, the key)."""
    now = timezone.now()
    old_valid_until = max(old_valid_until, now)
    current = ApiKey.objects.select_for_update().filter(
        client=client, revoked_at__isnull=True, expires_at__gt=old_valid_until
    )
    for old in current:
        old.expires_at = old_valid_until
        save_with_history(old, by=by, reason="Avain vaihdettu: vanha voimassa vaihtoaikaan asti")
    return api_key_issue(client=client, by=by, expires_at=expires_at, reason="Avain vaihdettu")


@transaction.atomic
def api_key_revoke(*, key, by, reason="Avain peruttu"):
    """The key no longer opens anything, from now on."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        save_with_history(key, by=by, reason=reason)
    return key


@transaction.atomic
def api_client_viewer(client):
    """The client's technical user, the viewer its reads are logged under in the access log
    (906/2019 § 17) beside its organisation: inactive and without a usable password, so it
    can never sign in; created on first use."""
    if client.viewer_id:
        return client.viewer
    locked = ApiClient.objects.select_for_update().get(pk=client.pk)
    if locked.viewer_id is None:
        user = get_user_model()(
            username=f"api-client-{client.pk}",
            first_name=client.name[:150],
            last_name=f"({client.organisation.abbreviation or client.organisation.code})"[:150],
            is_active=False,
        )
        user.set_unusable_password()
        user.save()
        locked.viewer = user
        save_with_history(locked, by=None, reason="Katselulokin käyttäjä luotu", clean=False)
    client.viewer = locked.viewer
    return client.viewer


def api_call_log(*, client, key, method, route, path, status, duration_ms):
    """One row of the call log, in one INSERT; a failure is logged and never breaks the
    answer the client is getting (autocommit: no transaction to spoil)."""
    try:
        ApiCall.objects.create(
            client=client,
            key=key,
            method=method[:10],
            route=route[:100],
            path=path[:300],
            status=status,
            duration_ms=max(0, int(duration_ms)),
        )
    except DatabaseError:
        logger.exception("API-kutsun kirjaus epäonnistui")


def api_calls_prune(*, before):
    """Remove the call log's rows older than `before`; returns how many."""
    deleted, _by_model = ApiCall.objects.filter(at__lt=before).delete()
    return deleted

"""Writes of notifications and e-mail: notify, the user's choices, and the outbox's sending.

`notify` and `outbox_enqueue` run inside the caller's transaction, so an event, its
notifications and its e-mails commit together or not at all. Sending happens afterwards,
in the task worker (outbox_deliver_due), never inside a request's transaction.
"""

import contextlib
import hashlib
import logging
import smtplib
from datetime import timedelta
from email.mime.text import MIMEText

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.auth import read_with_user_changed
from core.history import save_with_history

from .models import (
    Delivery,
    Kind,
    Notification,
    NotificationPreference,
    OutboxMessage,
    UserPreferences,
)

logger = logging.getLogger(__name__)

# How long a worker holds the rows it is sending; a worker lost mid-send lets them lapse.
CLAIM_LEASE = timedelta(minutes=5)
OUTBOX_BATCH = 50


def unread_cache_key(user_id):
    return f"notifications:unread:{user_id}"


def _forget_unread_counts(user_ids):
    """The header's cached counts are dropped at once and again when the change commits
    (a page read in between may have cached the old count)."""
    keys = [unread_cache_key(user_id) for user_id in user_ids]
    cache.delete_many(keys)
    read_with_user_changed()
    transaction.on_commit(lambda: cache.delete_many(keys))


def absolute_url(path):
    """The link as the recipient's mail client needs it: with the service's address."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def language_of(user):
    """The language the user reads the service's messages in (Finnish unless chosen)."""
    preferences = UserPreferences.objects.filter(user=user).first()
    return preferences.language if preferences else settings.LANGUAGE_CODE


def _render(*, language, subject, body, params, url):
    """Subject, plain text and HTML of one message in one language."""
    with translation.override(language):
        # Names with translations (an organisation's) are lazy: read in this language.
        params = {name: str(value) for name, value in params.items()}
        rendered_subject = str(subject) % params
        context = {
            "subject": rendered_subject,
            "body": str(body) % params,
            "url": absolute_url(url),
            "preferences_url": absolute_url(reverse("notifications:preferences")),
            "language": language,
        }
        text = render_to_string("notifications/email.txt", context)
        html = render_to_string("notifications/email.html", context)
    # A subject is one line, whatever the names in it hold.
    return " ".join(rendered_subject.split())[:300], text, html


def notify(*, kind, recipients, by, event_key, url, subject, body, params, calendar=None):
    """Tell each recipient what happened: a notification in the centre and, as each has
    chosen for this kind, an e-mail at once or in the day's digest.

    `subject` and `body` are lazy translations with %(name)s placeholders filled from
    `params` in each recipient's language; the caller chooses the recipients (only those
    who may see the thing) and gives only what they may read. The acting user `by` is
    never told of their own action (`by` None: nobody acted, a reminder). `calendar`, if
    given, makes each recipient's iCalendar invitation (calendar(user, language) -> text), sent with
    the e-mail at once (a digest carries no invitations). Runs in the caller's transaction.
    Returns the notifications made (or lost to a concurrent run of the same event): none for
    the recipients already told of it, whatever their choices are now."""
    kind = Kind(kind)
    acting = by.pk if by is not None else None
    users = {user.pk: user for user in recipients if user.is_active and user.pk != acting}
    if not users:
        return []
    # A reminder's sweep tells of the same events again and again: those already told are
    # left out before anything is rendered (the unique user and key still decide a race).
    told = Notification.objects.filter(event_key=event_key, user_id__in=users).order_by()
    for user_id in told.values_list("user_id", flat=True):
        del users[user_id]
    if not users:
        return []
    languages = dict(
        UserPreferences.objects.filter(user_id__in=users).values_list("user_id", "language")
    )
    deliveries = dict(
        NotificationPreference.objects.filter(user_id__in=users, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    notifications = []
    messages = []
    for user_id, user in users.items():
        language = languages.get(user_id, settings.LANGUAGE_CODE)
        delivery = deliveries.get(user_id, Delivery.IMMEDIATE)
        title, text, html = _render(
            language=language, subject=subject, body=body, params=params, url=url
        )
        invitation = calendar(user, language) if calendar and user.email else ""
        notifications.append(
            Notification(
                user=user,
                kind=kind,
                event_key=event_key,
                title=title,
                url=url,
                is_digest_pending=delivery == Delivery.DIGEST and bool(user.email),
            )
        )
        if delivery == Delivery.IMMEDIATE and user.email:
            messages.append(
                OutboxMessage(
                    idempotency_key=f"{event_key}:{user_id}",
                    user=user,
                    recipient=user.email,
                    language=language,
                    subject=title,
                    body_text=text,
                    body_html=html,
                    calendar=invitation,
                )
            )
    # Notifications keep no history (see the model); the same event twice adds nothing.
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    _forget_unread_counts(users)
    for message in messages:
        _outbox_add(message)
    if messages:
        _send_after_commit()
    return notifications


def _outbox_add(message):
    """Write one outbox row unless its key is already there (then the earlier one stands)."""
    if OutboxMessage.objects.filter(idempotency_key=message.idempotency_key).exists():
        return None
    try:
        with transaction.atomic():
            return save_with_history(message, by=None, reason=_("Viesti jonoon"), clean=False)
    except IntegrityError:
        # Another transaction wrote the same key first (the unique index decides).
        return None


def outbox_enqueue(*, idempotency_key, recipient, language, subject, text, html="", user=None):
    """Queue one e-mail, sent by the worker after this transaction commits; the same key
    twice queues it once. Returns the new row, or None when the key was already queued."""
    message = _outbox_add(
        OutboxMessage(
            idempotency_key=idempotency_key,
            user=user,
            recipient=recipient,
            language=language,
            subject=subject[:300],
            body_text=text,
            body_html=html,
        )
    )
    if message is not None:
        _send_after_commit()
    return message


def _send_after_commit():
    from .tasks import outbox_send

    transaction.on_commit(outbox_send.enqueue)


def retry_delay(attempts):
    """Exponential backoff: base, 2 × base, 4 × base … capped (settings.OUTBOX_RETRY_*)."""
    seconds = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_MAX_SECONDS))


def _claim(now, limit):
    """Take the due messages for this worker: a short transaction that leases them.

    On PostgreSQL, rows another worker is claiming are skipped (SKIP LOCKED) rather than
    waited for. SQLite has no row locks; its transactions start IMMEDIATE (settings), so
    two workers' claims run one after the other and the second sees the first's lease."""
    with transaction.atomic():
        due = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("next_attempt_at", "id")
        )
        ids = list(due.values_list("id", flat=True)[:limit])
        # The lease is plumbing, not history (excluded from it): a plain UPDATE.
        OutboxMessage.objects.filter(id__in=ids).update(claimed_until=now + CLAIM_LEASE)
    return list(OutboxMessage.objects.filter(id__in=ids).order_by("next_attempt_at", "id"))


def _email(message, connection):
    # The same Message-ID on every attempt: a receiver can drop a duplicate if a worker
    # was lost between the server's answer and recording it.
    digest = hashlib.sha256(message.idempotency_key.encode()).hexdigest()[:32]
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        connection=connection,
        headers={
            "Message-ID": f"<{digest}@asiakkuusstrategia>",
            "Content-Language": message.language,
            "Auto-Submitted": "auto-generated",
        },
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if message.calendar:
        # The invitation as calendar clients expect it: an attached .ics whose METHOD is
        # also named in the Content-Type.
        part = MIMEText(message.calendar, "calendar", "utf-8")
        part.set_param("method", "REQUEST")
        part.add_header("Content-Disposition", "attachment", filename="kutsu.ics")
        email.attach(part)
    return email


def _failed(message, error, now, *, permanent=False):
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    message.claimed_until = None
    if permanent:
        message.status = OutboxMessage.Status.FAILED
    else:
        message.next_attempt_at = now + retry_delay(message.attempts)
    save_with_history(message, by=None, reason=_("Lähetys epäonnistui"), clean=False)


def _sent(message):
    message.attempts += 1
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.claimed_until = None
    save_with_history(message, by=None, reason=_("Lähetetty"), clean=False)


def outbox_deliver_due(*, now=None, limit=OUTBOX_BATCH):
    """Send the e-mails that are due, once each; a failure waits for its next attempt.

    Returns (sent, failed). The rows are leased first, then sent outside any transaction
    (a slow mail server holds no database lock), then each outcome is recorded."""
    now = now or timezone.now()
    messages = _claim(now, limit)
    sent = failed = 0
    if not messages:
        return sent, failed
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as error:
        logger.warning("Mail server unreachable, %s e-mails wait: %s", len(messages), error)
        for message in messages:
            _failed(message, error, now)
        return 0, len(messages)
    try:
        for message in messages:
            try:
                _email(message, connection).send()
            except smtplib.SMTPRecipientsRefused as error:
                # The address itself is refused: trying again would not help.
                _failed(message, error, now, permanent=True)
                failed += 1
            except Exception as error:
                logger.warning("E-mail %s not sent: %s", message.pk, error)
                _failed(message, error, now)
                failed += 1
            else:
                _sent(message)
                sent += 1
    finally:
        # The server may have gone away meanwhile; the outcomes are recorded already.
        with contextlib.suppress(Exception):
            connection.close()
    return sent, failed


DIGEST_SUBJECT = gettext_lazy("Asiakkuusstrategia: päivän ilmoitukset (%(count)s)")


def digests_send(*, day=None):
    """Queue each user's daily digest: one e-mail listing the notifications that waited for
    it (their choice "digest"), in their language. Returns how many digests were queued.

    Each user's digest is its own transaction; the key (user, day, last notification) makes
    a second run the same day queue nothing twice."""
    day = day or timezone.localdate()
    pending = (
        Notification.objects.filter(is_digest_pending=True, user__is_active=True)
        .select_related("user")
        .order_by("user_id", "created_at", "id")
    )
    by_user = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    languages = dict(
        UserPreferences.objects.filter(user_id__in=by_user).values_list("user_id", "language")
    )
    queued = 0
    for user_id, notifications in by_user.items():
        user = notifications[0].user
        language = languages.get(user_id, settings.LANGUAGE_CODE)
        with transaction.atomic():
            ids = [n.pk for n in notifications]
            # Only those still pending: another run may have taken them meanwhile.
            if not Notification.objects.filter(pk__in=ids, is_digest_pending=True).update(
                is_digest_pending=False
            ):
                continue
            if not user.email:
                continue
            with translation.override(language):
                subject = str(DIGEST_SUBJECT) % {"count": len(notifications)}
                context = {
                    "subject": subject,
                    "items": [(n.title, absolute_url(n.url)) for n in notifications],
                    "day": day,
                    "url": absolute_url(reverse("notifications:notification_list")),
                    "preferences_url": absolute_url(reverse("notifications:preferences")),
                    "language": language,
                }
                text = render_to_string("notifications/digest.txt", context)
                html = render_to_string("notifications/digest.html", context)
            message = OutboxMessage(
                idempotency_key=f"digest:{user_id}:{day.isoformat()}:{ids[-1]}",
                user=user,
                recipient=user.email,
                language=language,
                subject=subject[:300],
                body_text=text,
                body_html=html,
            )
            if _outbox_add(message):
                queued += 1
    if queued:
        # One task for the lot, not one per digest.
        _send_after_commit()
    return queued


@transaction.atomic
def preferences_save(*, user, language, deliveries, by):
    """Save a user's message language and their e-mail choice for each kind."""
    preferences = UserPreferences.objects.select_for_update().filter(user=user).first()
    if preferences is None:
        preferences = UserPreferences(user=user)
    if preferences.pk is None or preferences.language != language:
        preferences.language = language
        save_with_history(preferences, by=by, reason=_("Viestien kieli valittu"))
    current = {p.kind: p for p in NotificationPreference.objects.filter(user=user)}
    for kind, delivery in deliveries.items():
        preference = current.get(kind) or NotificationPreference(user=user, kind=kind)
        if preference.pk is not None and preference.delivery == delivery:
            continue
        preference.delivery = delivery
        save_with_history(preference, by=by, reason=_("Ilmoitusvalinta muutettu"))
    return preferences


@transaction.atomic
def notifications_mark_read(*, user, ids=None):
    """Mark the user's own notifications read (the given ones, or all); returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(id__in=ids)
    count = unread.update(read_at=timezone.now())
    if count:
        _forget_unread_counts([user.pk])
    return count


@transaction.atomic
def preferences_language_set(*, user, language):
    """The language the user chose in the switcher becomes the language of their e-mails
    too (nothing is written when it already is)."""
    if language not in dict(settings.LANGUAGES):
        return None
    preferences = UserPreferences.objects.select_for_update().filter(user=user).first()
    if preferences is not None and preferences.language == language:
        return preferences
    preferences = preferences or UserPreferences(user=user)
    preferences.language = language
    return save_with_history(preferences, by=user, reason=_("Kieli valittu kielivalikosta"))

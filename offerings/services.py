"""Writes of the offerings app: findings on the overlap and gap matrix, and service models.

Each write runs in a transaction, validates the row (constraints included), and records who
made the change and why in the same transaction as the change itself.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.history import delete_changed, save_changed, save_with_history, text_set
from core.refusals import check_version, refuse
from core.translation import app_translation_add

from . import selectors
from .models import Finding, Person, SegmentOffering, ServiceModel, SignInIdentity
from .permissions import can_resolve_finding

# The Finnish texts of a service model; Swedish and English are written in the admin.
SERVICE_MODEL_TEXT_FIELDS = tuple(f"{name}_fi" for name in ServiceModel.TEXT_FIELDS)


def service_model_text_fields(language):
    """The service model's text columns of one language (fi, sv or en)."""
    return tuple(f"{name}_{language}" for name in ServiceModel.TEXT_FIELDS)


# An editor writes the texts of one language at a time, any of the three.
SERVICE_MODEL_EDITABLE_TEXTS = frozenset(
    name for language in ("fi", "sv", "en") for name in service_model_text_fields(language)
)


@transaction.atomic
def person_organisation_set(*, user, organisation, by=None, reason):
    """Record which organisation the user works for (a Person), creating it if needed."""
    person = Person.objects.select_for_update().filter(user=user).first() or Person(user=user)
    if person.organisation_id != organisation.pk:
        person.organisation = organisation
        save_with_history(person, by=by, reason=reason)
    return person


# Refusals of a sign-in with the organisation's account, shown on the login page.
NO_ORGANISATION_MESSAGE = gettext_lazy(
    "Kirjautuminen organisaation tunnuksella ei onnistunut: organisaatiotasi ei tunnistettu. "
    "Pyydä konserniohjauksen ylläpitäjää lisäämään organisaatiollesi kirjautumissääntö."
)
DEACTIVATED_MESSAGE = gettext_lazy(
    "Käyttäjätunnuksesi on poistettu käytöstä. Ota yhteyttä konserniohjauksen ylläpitäjään."
)
NO_SUBJECT_MESSAGE = gettext_lazy(
    "Tunnistuspalvelu ei kertonut, kuka olet. Kirjautuminen keskeytettiin."
)


def _username_for(claims, *, issuer, subject):
    """A new user's username: the e-mail address when no one has it, otherwise a name made
    from the provider's account (never an existing local user's: an address alone does not
    prove that the provider's account and the local one are the same person)."""
    User = get_user_model()
    email = claims.get("email")
    if isinstance(email, str):
        email = email.strip().lower()
        max_length = User._meta.get_field("username").max_length
        if (
            email
            and len(email) <= max_length
            and not User.objects.filter(username__iexact=email).exists()
        ):
            return email
    digest = hashlib.sha256(f"{issuer} {subject}".encode()).hexdigest()[:20]
    return f"oidc-{digest}"


def _claim_text(claims, name, max_length):
    value = claims.get(name)
    return value.strip()[:max_length] if isinstance(value, str) else ""


@transaction.atomic
def organisation_account_sign_in(*, issuer, claims):
    """Sign a user in with the identity provider's verified claims, by the mapping rules:
    the first sign-in creates the user (and Person); every sign-in sets the organisation,
    the role groups (a role the provider no longer gives is removed) and the name and
    e-mail anew. Refused, with nothing changed, when no rule gives an organisation or the
    user has been deactivated here."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        refuse(NO_SUBJECT_MESSAGE)
    organisation = selectors.organisation_for_claims(claims)
    if organisation is None:
        refuse(NO_ORGANISATION_MESSAGE)
    role_rules = selectors.role_rules_for_claims(claims)
    identity = (
        SignInIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is None:
        User = get_user_model()
        user = User(username=_username_for(claims, issuer=issuer, subject=subject))
        # The provider proves who the user is; there is no password here to guess or reset.
        user.set_unusable_password()
    else:
        user = identity.user
        if not user.is_active:
            refuse(DEACTIVATED_MESSAGE)
    user.first_name = _claim_text(claims, "given_name", 150)
    user.last_name = _claim_text(claims, "family_name", 150)
    user.email = _claim_text(claims, "email", 254)
    # Admin access and roles come from the rules alone; a superuser is never made here.
    user.is_staff = any(rule.gives_admin_access for rule in role_rules)
    user.save()
    if identity is None:
        identity = SignInIdentity(user=user, issuer=issuer, subject=subject)
        save_with_history(
            identity, by=user, reason=_("Ensimmäinen kirjautuminen organisaation tunnuksella")
        )
    user.groups.set({rule.group for rule in role_rules})
    person_organisation_set(
        user=user,
        organisation=organisation,
        by=user,
        reason=_("Kirjautuminen organisaation tunnuksella"),
    )
    return user


def _open_finding_message():
    constraint = next(c for c in Finding._meta.constraints if c.name == "finding_one_open_per_cell")
    return constraint.violation_error_message


@transaction.atomic
def finding_open(*, segment, need, kind, note, owner, original_language="fi", by):
    """Open a finding on a cell of the matrix: a gap or an overlap for `owner` to work on,
    its note written in `original_language`."""
    finding = Finding(
        segment=segment,
        need=need,
        kind=kind,
        note=note,
        original_language=original_language,
        owner=owner,
        created_by=by,
    )
    try:
        # full_clean() checks "one open finding per cell and kind" with its Finnish message;
        # a concurrent request may still open the same finding between the check and the
        # insert, which the database's constraint refuses.
        with transaction.atomic():
            save_with_history(finding, by=by, reason=_("Havainto avattu matriisista"))
    except IntegrityError as error:
        raise ValidationError(_open_finding_message(), code="unique") from error
    return finding


@transaction.atomic
def finding_resolve(*, finding, by):
    """Mark an open finding resolved."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if not can_resolve_finding(by, finding):
        raise PermissionDenied
    if finding.status != Finding.Status.OPEN:
        refuse(_("Havainto on jo merkitty ratkaistuksi."))
    finding.status = Finding.Status.RESOLVED
    return save_with_history(finding, by=by, reason=_("Havainto merkitty ratkaistuksi"))


def _validate_lifecycle_stages(stages):
    if not isinstance(stages, list) or any(
        stage not in ServiceModel.LifecycleStage.values for stage in stages
    ):
        raise ValidationError(
            {"lifecycle_stages": _("Tuntematon elinkaaren vaihe.")}, code="invalid_choice"
        )
    # Stored in the order of the life cycle, each stage once.
    return [stage for stage in ServiceModel.LifecycleStage.values if stage in stages]


@transaction.atomic
def service_model_update(
    *,
    service_model,
    version,
    initiative,
    service_channels,
    lifecycle_stages,
    by,
    reason,
    **texts,
):
    """Change a segment's service model (5.3), if nobody else has saved it since `version`.

    `texts` are texts of any language (`who_does_what_sv`, …: the editor writes in the
    language they choose, and the others are left as they are); `service_channels` replaces
    the model's channels. A stale version is refused (core.refusals.check_version), saving
    nothing.
    """
    unknown = set(texts) - SERVICE_MODEL_EDITABLE_TEXTS
    if unknown:
        raise TypeError(f"service_model_update: unknown fields {sorted(unknown)}")
    check_version(service_model, version)
    for name, value in texts.items():
        setattr(service_model, name, value)
    service_model.initiative = initiative
    service_model.lifecycle_stages = _validate_lifecycle_stages(lifecycle_stages)
    service_model.full_clean()
    # The channels are part of the history row written by save() (m2m_fields): changed first
    # without history of their own, so one edit is one history row with one reason.
    service_model.skip_history_when_saving = True
    try:
        service_model.service_channels.set(service_channels)
    finally:
        del service_model.skip_history_when_saving
    return save_with_history(service_model, by=by, reason=reason, clean=False)


# --- What a decision changes (6.2): the service model and the offering of a segment -----


@transaction.atomic
def service_model_change(*, segment, texts, initiative=None, by, reason):
    """The segment's service model (5.3) with these Finnish texts (SERVICE_MODEL_TEXT_FIELDS
    without the _fi) and initiative; a changed text loses its stale translations. Returns
    the Changes."""
    model = ServiceModel.objects.select_for_update().filter(segment=segment).first()
    if model is None:
        model = ServiceModel(segment=segment)
    for name, value in texts.items():
        text_set(model, name, value)
    if initiative is not None:
        model.initiative = initiative
    return [save_changed(model, _("Palvelumalli muutettu"), by=by, reason=reason)]


def _offering_lookup(segment, entry):
    if entry["kind"] == SegmentOffering.Kind.BASIC:
        return {"kind": "basic", "service_id": entry["service"], "segment": segment}
    return {
        "kind": "transition",
        "service_id": entry["service"],
        "from_segment": segment,
        "to_segment": segment.__class__.objects.get(code=entry["to_segment"]),
    }


@transaction.atomic
def segment_offering_change(*, segment, add=(), remove=(), by, reason):
    """Add services to the segment's offering and remove others (basic services, or
    targeted transition services to another segment, 5): entries are dicts of kind,
    service (id) and, for a transition, to_segment (code). Returns the Changes."""
    changes = []
    for entry in remove:
        for row in SegmentOffering.objects.select_for_update().filter(
            **_offering_lookup(segment, entry)
        ):
            line = _("Poistettu tarjoomasta: %(row)s") % {"row": row}
            changes.append(delete_changed(row, line, by=by, reason=reason))
    for entry in add:
        lookup = _offering_lookup(segment, entry)
        if not SegmentOffering.objects.filter(**lookup).exists():
            row = SegmentOffering(**lookup)
            changes.append(save_changed(row, _("Lisätty tarjoomaan"), by=by, reason=reason))
    return changes


@transaction.atomic
def text_translation_add(*, record, field, language, text, version, source, by):
    """A translator adds the missing Swedish or English version of one of this app's
    translated texts (the translation queue), recorded with who and why."""
    return app_translation_add(
        "offerings",
        record,
        field=field,
        language=language,
        text=text,
        version=version,
        source=source,
        by=by,
    )

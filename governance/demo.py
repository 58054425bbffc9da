"""Demo users for development: one per role and a superuser (never in production)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from offerings import services as offering_services
from offerings.models import Organisation

from . import roles

# (username, role, organisation code, is_staff, is_superuser)
DEMO_USERS = [
    ("ministerio", roles.MINISTRY_STAFF, "tem-konserniohjaus", True, False),
    ("tyoryhma", roles.WORKING_GROUP_MEMBER, "tekes", False, False),
    ("koordinaattori", roles.TE_CENTRE_COORDINATOR, "te-varsinais-suomi", False, False),
    ("virkailija", roles.AGENCY_CUSTOMER_STAFF, "finnvera", False, False),
    # Customer staff of two more agencies, to walk through a baton handover and consents.
    ("tekes", roles.AGENCY_CUSTOMER_STAFF, "tekes", False, False),
    ("finpro", roles.AGENCY_CUSTOMER_STAFF, "finpro", False, False),
    # Adds the missing Swedish and English texts through the translation queue.
    ("kaantaja", roles.TRANSLATOR, "tem-konserniohjaus", False, False),
    ("admin", None, "tem", True, True),
]


@transaction.atomic
def create_demo_users(*, password):
    """Create or reset the demo users; the organisations must have been loaded first."""
    groups = roles.sync_roles()
    organisations = Organisation.objects.in_bulk(
        [code for _u, _r, code, _s, _su in DEMO_USERS], field_name="code"
    )
    User = get_user_model()
    users = []
    for username, role, org_code, is_staff, is_superuser in DEMO_USERS:
        organisation = organisations.get(org_code)
        if organisation is None:
            raise LookupError(
                f"Organisaatiota {org_code} ei löydy: aja ensin python manage.py load_strategy_2008."
            )
        user, _created = User.objects.get_or_create(username=username)
        user.is_staff = is_staff
        user.is_superuser = is_superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set([groups[role]] if role else Group.objects.none())
        offering_services.person_organisation_set(
            user=user, organisation=organisation, reason="Demokäyttäjä"
        )
        users.append(user)
    return users

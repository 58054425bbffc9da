import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from governance.demo import DEMO_USERS, create_demo_users


class Command(BaseCommand):
    help = (
        "Luo demokäyttäjät (yksi kutakin roolia kohden ja pääkäyttäjä admin) salasanalla "
        "DEMO_PASSWORD (oletus demo). Ei toimi, kun DEBUG on pois päältä."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demokäyttäjiä ei luoda, kun DEBUG on pois päältä: tunnettu salasana ei kuulu "
                "tuotantoon. Aja komento kehitysympäristössä (DEBUG=true)."
            )
        password = environ.Env().str("DEMO_PASSWORD", default="demo")
        try:
            users = create_demo_users(password=password)
        except LookupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS("Demokäyttäjät (salasana DEMO_PASSWORD, oletus demo):")
        )
        for (username, role, _org, _staff, _super), user in zip(DEMO_USERS, users, strict=True):
            self.stdout.write(
                f"  {username:<15} {role or 'pääkäyttäjä'} – {user.person.organisation}"
            )

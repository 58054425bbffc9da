"""`manage.py import_services`: the service catalogue import from the command line."""

from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from offerings import imports


class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's option order, with the file format's layout kept as written."""


class Command(BaseCommand):
    help = (
        "Tuo palveluluettelon palvelut Excel- tai CSV-tiedostosta (.xlsx, .csv), "
        "palveluluettelon viennin muodossa: kaikki tai ei mitään, toistettavasti. Virheet "
        "listataan (rivi, sarake, ongelma), ja komento päättyy tilaan 1."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs.setdefault("epilog", imports.__doc__)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="TIEDOSTO", help="Tuotava .xlsx- tai .csv-tiedosto.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Tarkista vain; älä tallenna mitään."
        )
        parser.add_argument(
            "--user", help="Käyttäjätunnus, jonka nimissä muutokset kirjataan historiaan."
        )

    def handle(self, *args, file, dry_run, user=None, **options):
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"Käyttäjää {user} ei ole.")
        path = Path(file)
        try:
            with path.open("rb") as handle:
                result = imports.import_services(handle, filename=path.name, by=by, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Tiedostoa {path} ei voi avata: {error.strerror}.") from None
        if not result.ok:
            self.stderr.write("Virheet (rivi, sarake: ongelma):")
            for line in result.error_lines():
                self.stderr.write(f"  {line}")
            raise CommandError(result.summary(), returncode=1)
        self.stdout.write(self.style.SUCCESS(result.summary()))

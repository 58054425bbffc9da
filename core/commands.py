"""The base of the `manage.py import_…` commands: an import of core.imports run on a file from
the command line, as a user, its errors listed (row, column: problem) with exit status 1.

Not a Django app's management/commands folder: each app's command subclasses
TabularImportCommand and names its import, its help and its file format.
"""

from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter


class _HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's option order, with the file format's layout kept as written."""


class TabularImportCommand(BaseCommand):
    """`manage.py import_… FILE [--dry-run] [--user U]`: import the file all or nothing."""

    # The import: (file, *, filename, by, dry_run) -> core.imports.ImportResult; a subclass
    # sets it as staticmethod(function).
    import_function = None
    # The file's format (the import module's docstring), shown after the options in --help.
    file_format = ""
    # What the file argument is, for --help.
    file_help = ""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs.setdefault("epilog", self.file_format)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="TIEDOSTO", help=self.file_help)
        parser.add_argument(
            "--dry-run", action="store_true", help="Tarkista vain; älä tallenna mitään."
        )
        parser.add_argument(
            "--user", help="Käyttäjätunnus, jonka nimissä muutokset kirjataan historiaan."
        )

    def handle(self, *args, file, dry_run, user=None, **options):
        by = self.acting_user(user)
        path = Path(file)
        try:
            with path.open("rb") as handle:
                result = self.import_function(handle, filename=path.name, by=by, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Tiedostoa {path} ei voi avata: {error.strerror}.") from None
        if not result.ok:
            self.stderr.write("Virheet (rivi, sarake: ongelma):")
            for line in result.error_lines():
                self.stderr.write(f"  {line}")
            raise CommandError(result.summary(), returncode=1)
        self.stdout.write(self.style.SUCCESS(result.summary()))

    def acting_user(self, username):
        """The user named by --user (None without it); an unknown name is an error."""
        if not username:
            return None
        by = get_user_model().objects.filter(username=username).first()
        if by is None:
            raise CommandError(f"Käyttäjää {username} ei ole.")
        return by

"""Remind of customer consents ending within 30 days; the task worker's sweep runs it too."""

from django.core.management.base import BaseCommand

from responsibility.services.reminders import consents_remind_expiring


class Command(BaseCommand):
    help = (
        "Muistuttaa asiakkaan vastuuorganisaatioita asiakassuostumuksista, jotka päättyvät "
        "30 päivän kuluessa (ja uudelleen viikkoa ennen)."
    )

    def handle(self, *args, **options):
        reminded = consents_remind_expiring()
        self.stdout.write(f"Muistutettu {reminded} suostumuksesta.")

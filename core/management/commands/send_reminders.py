"""Run every registered reminder once (what the task worker's sweep does every hour)."""

from django.core.management.base import BaseCommand

from core.notifications.periodic import reminders_run


class Command(BaseCommand):
    help = (
        "Ajaa kaikki muistutukset kerran: erääntyneet vastuun siirrot, päättyvät "
        "suostumukset ja vastaamattomat saavutettavuuspalautteet."
    )

    def handle(self, *args, **options):
        for name, count in reminders_run().items():
            self.stdout.write(f"{name}: {'virhe' if count is None else count}")

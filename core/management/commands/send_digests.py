"""Queue the daily digests (run once a day by cron, e.g. at 7.00); the worker sends them."""

from django.core.management.base import BaseCommand

from core.notifications.services import digests_send


class Command(BaseCommand):
    help = "Kokoaa päivän ilmoitukset koosteeksi niille, jotka ovat valinneet koosteen."

    def handle(self, *args, **options):
        queued = digests_send()
        self.stdout.write(f"Koosteita jonoon: {queued}.")

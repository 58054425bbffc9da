"""Remind of handover requests left unanswered (14 days, then weekly); run daily by cron."""

from django.core.management.base import BaseCommand

from responsibility.services import handovers_remind_overdue


class Command(BaseCommand):
    help = (
        "Muistuttaa molempia organisaatioita vastuun siirtopyynnöistä, joihin ei ole "
        "vastattu 14 päivässä (sen jälkeen viikoittain)."
    )

    def handle(self, *args, **options):
        reminded = handovers_remind_overdue()
        self.stdout.write(f"Muistutettu {reminded} siirtopyynnöstä.")

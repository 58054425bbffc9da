"""Remind of accessibility feedback unanswered for 10 days; the worker's sweep runs it too."""

from django.core.management.base import BaseCommand

from governance.services.notices import feedback_remind_unanswered


class Command(BaseCommand):
    help = (
        "Muistuttaa saavutettavuuspalautteita käsittelevää henkilöstöä palautteista, joihin "
        "ei ole vastattu 10 päivässä (laki edellyttää vastausta 14 päivässä)."
    )

    def handle(self, *args, **options):
        reminded = feedback_remind_unanswered()
        self.stdout.write(f"Muistutettu {reminded} palautteesta.")

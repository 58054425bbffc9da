from django.core.management.base import BaseCommand

from segments.resegmentation import runs_prune


class Command(BaseCommand):
    help = (
        "Poistaa vanhojen uudelleensegmentointiajojen yrityskohtaiset tulokset (noin 400 000 "
        "riviä ajoa kohden): jokaisen vuoden uusin ajo säilyy, vanhojen luvut ja siirtymät jäävät."
    )

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"Ajoja siivottu: {runs_prune()}."))

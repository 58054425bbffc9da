from django.core.management.base import BaseCommand, CommandError

from governance.selectors.regional import regional_tally_differences
from governance.services.regional_tallies import regional_tallies_rebuild


class Command(BaseCommand):
    help = (
        "Alueellisten tehtävien yhteenvedon laskurit (tehtävien määrät alueittain ja "
        "segmenteittäin kuukausittain): --rebuild laskee ne tehtävistä uudelleen yhdessä "
        "transaktiossa, --verify vertaa niitä tehtäviin, tulostaa erot ja päättyy virheeseen, "
        "jos eroja on."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--rebuild",
            action="store_true",
            help="Laske laskurit tehtävistä uudelleen.",
        )
        action.add_argument(
            "--verify",
            action="store_true",
            help="Vertaa laskureita tehtäviin; virhe, jos ne eroavat.",
        )

    def handle(self, *args, **options):
        if options["rebuild"]:
            regions, segments = regional_tallies_rebuild()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Laskurit laskettu uudelleen. Rivejä alueittain: {regions}, "
                    f"segmenteittäin: {segments}."
                )
            )
            return
        differences = regional_tally_differences()
        for table, (year, month, key, kind), stored, counted in differences:
            label = "alue" if table == "region" else "segmentti"
            self.stdout.write(
                f"{year}/{month:02d} {label} {key if key is not None else '–'} {kind}: "
                f"laskurissa {stored}, tehtäviä {counted}"
            )
        if differences:
            raise CommandError(
                f"Laskurit eroavat tehtävistä {len(differences)} kohdassa. Korjaa ajamalla "
                "manage.py regional_tallies --rebuild."
            )
        self.stdout.write(self.style.SUCCESS("Laskurit vastaavat tehtäviä."))

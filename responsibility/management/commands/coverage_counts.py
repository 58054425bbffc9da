from django.core.management.base import BaseCommand, CommandError

from responsibility import selectors, services


class Command(BaseCommand):
    help = (
        "Tarkistaa asiakasvastuun kattavuusluvut (yrityksiä ja päävastuullisia segmentittäin) "
        "laskemalla ne uudelleen yrityksistä ja vastuista. Tietokanta pitää luvut ajan tasalla "
        "itse; --rebuild laskee ne uudelleen ja korjaa erot."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Laske luvut uudelleen ja tallenna ne (korjaa erot).",
        )

    def handle(self, *args, rebuild=False, **options):
        if rebuild:
            differences = services.coverage_counts_rebuild()
        else:
            differences = selectors.coverage_count_differences()
        for key, kept, recounted in differences:
            self.stdout.write(
                f"segmentti {key or 'ei segmenttiä'}: tallennettu {kept[0]} yritystä / "
                f"{kept[1]} päävastuullista, laskettu {recounted[0]} / {recounted[1]}"
            )
        if rebuild:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Kattavuusluvut laskettu uudelleen; korjattuja eroja {len(differences)}."
                )
            )
        elif differences:
            raise CommandError(
                f"Kattavuusluvuissa on {len(differences)} eroa. Korjaa ne: "
                "manage.py coverage_counts --rebuild"
            )
        else:
            self.stdout.write(self.style.SUCCESS("Kattavuusluvut täsmäävät."))

from django.core.management.base import BaseCommand

from governance.initial_data import load_strategy_2008


class Command(BaseCommand):
    help = (
        "Lataa TEM:n loppuraportin (15.12.2008) sisällön alkutiedoiksi. Voidaan ajaa "
        "uudelleen: mitään ei kopioida, eikä käyttäjän muokkaamaa kirjoiteta yli."
    )

    def handle(self, *args, **options):
        report = load_strategy_2008()
        if options["verbosity"] > 1:
            for line in report.created:
                self.stdout.write(f"  luotu: {line}")
        for line in report.updated:
            self.stdout.write(f"  päivitetty: {line}")
        for line in report.kept_user_edits:
            self.stdout.write(self.style.WARNING(f"  säilytetty: {line}"))
        self.stdout.write(self.style.SUCCESS(f"Alkutiedot ladattu: {report.summary()}."))

from django.core.management.base import BaseCommand, CommandError

from responsibility.demo import DemoDataError, load_demo_responsibility


class Command(BaseCommand):
    help = (
        "Lataa demoaineiston asiakasvastuista synteettisille yrityksille: päävastuut, "
        "asiakkuustiimit, kapulan vaihdot, asiakastiedot ja suostumukset (merkitty Demo). "
        "Aja generate_companies ja create_demo_users ensin; voi ajaa uudelleen."
    )

    def handle(self, *args, **options):
        try:
            report = load_demo_responsibility()
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Demoasiakasvastuut: {report.summary()}."))

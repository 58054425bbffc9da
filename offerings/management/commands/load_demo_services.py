from django.core.management.base import BaseCommand

from offerings.demo import load_demo_services


class Command(BaseCommand):
    help = "Lataa demopalvelut jokaiselle virastolle (merkitty demoaineistoksi; raportti ei luettele palveluja)."

    def handle(self, *args, **options):
        report = load_demo_services()
        self.stdout.write(self.style.SUCCESS(f"Demopalvelut: {report.summary()}."))

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from governance import demo_regional, demo_steering, demo_structure


class Command(BaseCommand):
    help = (
        "Lataa hallinnan demoaineiston: demokäyttäjien paikat toimielimissä ja "
        "strategiaryhmän kokous latauspäivälle (sen päätöksiä voi kirjata heti), "
        "alueellisia tehtäviä ja tarveviestejä sekä vuosikellon tapahtumat ja suunnitelmat "
        "(kaikki merkitty Demo; raportti ei nimeä henkilöitä eikä kuukausia). Aja "
        "load_strategy_2008, create_demo_users ja generate_companies ensin; voi ajaa uudelleen."
    )

    def handle(self, *args, **options):
        # One transaction: a half-loaded demo (seats without the tasks they answer) would
        # mislead more than none.
        try:
            with transaction.atomic():
                seats, meetings = demo_structure.load_demo()
                tasks, messages = demo_regional.load_demo()
                steering = demo_steering.load_demo()
        except LookupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Hallinnan demo: {seats} uutta paikkaa toimielimissä, {meetings} uutta tai "
                f"tälle päivälle siirrettyä kokousta, {len(tasks)} alueellista tehtävää, "
                f"{len(messages)} tarveviestiä, {steering['clock_events']} vuosikellon tapahtumaa, {steering['plans']} "
                f"suunnitelmaa ({steering['metrics']} mittaria)."
            )
        )

import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.refusals import Refusal
from segments import resegmentation
from segments.models import RunEntry
from segments.selectors import transition_matrix


class Command(BaseCommand):
    help = (
        "Vuosittainen uudelleensegmentointi: laskee esikatselun (kaikki yritykset segmenttien "
        "sääntöjä vasten) ja näyttää siirtymämatriisin; --apply vie sen voimaan yhdellä kertaa."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, required=True, help="Vuosi, jonka ominaisuusarvoilla arvioidaan."
        )
        parser.add_argument("--apply", action="store_true", help="Vie esikatselu voimaan.")
        parser.add_argument("--user", help="Käyttäjätunnus, jonka nimissä ajo tehdään.")

    def handle(self, *args, year, apply, user=None, **options):
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"Käyttäjää {user} ei ole.")
        started = time.monotonic()
        try:
            run = resegmentation.run_start(year=year, by=by)
            run = resegmentation.run_preview(run, report=self._bar)
        except Refusal as error:
            raise CommandError(str(error)) from error
        self.stdout.write("")
        self._summary(run)
        self.stdout.write(f"Esikatselu: {time.monotonic() - started:.1f} s")
        if apply:
            applying = time.monotonic()
            resegmentation.run_request_apply(run, by=by)
            run = resegmentation.run_apply(run, by=by, report=self._bar)
            self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Viety voimaan: {run.mover_count} siirtymää ({time.monotonic() - applying:.1f} s)."
                )
            )
        else:
            self.stdout.write(
                f"Ei viety voimaan. Ajo {run.pk}: tarkastele ja vie voimaan selaimessa tai --apply."
            )

    def _bar(self, done, total, message):
        width = 30
        filled = int(width * done / total) if total else width
        bar = "█" * filled + "·" * (width - filled)
        end = "\n" if not sys.stdout.isatty() else ""
        self.stdout.write(f"\r[{bar}] {done}/{total} {message:<60}", ending=end)
        self.stdout.flush()

    def _summary(self, run):
        self.stdout.write(
            f"Yrityksiä {run.company_count}, siirtyjiä {run.mover_count}, "
            f"sijoittumattomia {run.unplaced_count}, valmiita siirtymään {run.ready_count}."
        )
        segments, rows = transition_matrix(RunEntry.objects.filter(run=run), to_field="to_segment")
        names = {None: "–", **{s.pk: s.name[:18] for s in segments}}
        columns = [s.pk for s in segments] + [None]
        self.stdout.write(
            "mistä \\ mihin".ljust(20) + "".join(names[c][:10].rjust(11) for c in columns)
        )
        for from_id, counts in rows:
            self.stdout.write(
                names[from_id][:19].ljust(20)
                + "".join(str(counts.get(c, 0)).rjust(11) for c in columns)
            )

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from segments import synthetic
from segments.models import Company


class Command(BaseCommand):
    help = (
        "Luo synteettisen, keksityn valtakunnallisen yritysaineiston (oletuksena 400 000 "
        "yritystä, 9-alkuiset Y-tunnukset, nimet 'Testiyritys …') ominaisuusarvoineen vuosille "
        "2024–2026. Sama siemen antaa saman aineiston; uudelleenajo ei monista yrityksiä."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count",
            type=int,
            default=synthetic.DEFAULT_COUNT,
            help="Yritysten määrä (0: ei luoda, esimerkiksi pelkkään poistoon).",
        )
        parser.add_argument(
            "--seed", type=int, default=synthetic.DEFAULT_SEED, help="Satunnaislukujen siemen."
        )
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Poista ensin kaikki synteettiset yritykset arvoineen ja siirtymineen.",
        )
        parser.add_argument(
            "--demo-rules",
            action="store_true",
            help=(
                "Aseta yrityssegmenteille demosäännöt ja arviointijärjestys (kriteerien "
                "tekstit vain, jos ne ovat tyhjiä)."
            ),
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=synthetic.DEFAULT_CHUNK,
            help="Yrityksiä yhdessä tapahtumassa.",
        )

    def handle(self, *args, count, seed, delete, demo_rules, chunk_size, **options):
        started = time.monotonic()
        try:
            if delete:
                counts = synthetic.synthetic_delete()
                self.stdout.write(
                    "Poistettu: " + ", ".join(f"{what} {n}" for what, n in counts.items()) + "."
                )
            if count:
                self.stdout.write(f"Luodaan {count} synteettistä yritystä (siemen {seed}).")
                result = synthetic.companies_generate(
                    count=count, seed=seed, chunk_size=chunk_size, report=self._bar
                )
                if sys.stdout.isatty():
                    self.stdout.write("")  # past the redrawn progress line
                self._summary(result)
            if demo_rules:
                changed = synthetic.demo_rules_apply()
                self.stdout.write(
                    f"Demosäännöt: {len(changed)} muutosta"
                    + (": " + "; ".join(changed) if changed else " (olivat jo voimassa).")
                )
        except synthetic.SyntheticDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Kesto yhteensä {time.monotonic() - started:.1f} s.")

    def _bar(self, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        bar = "█" * filled + "·" * (width - filled)
        # A terminal gets one line redrawn; a log gets a line per chunk.
        start, end = ("\r", "") if sys.stdout.isatty() else ("", "\n")
        self.stdout.write(f"{start}[{bar}] {100 * done / total:5.1f} % {done}/{total}", ending=end)
        self.stdout.flush()

    def _summary(self, result):
        self.stdout.write(
            self.style.SUCCESS(
                f"Luotu {result.created} yritystä ja {result.values} ominaisuusarvoa "
                f"({result.seconds:.1f} s); jo olemassa {result.existing}."
            )
        )
        if result.skipped_real:
            self.stdout.write(
                self.style.WARNING(
                    f"Ohitettu {len(result.skipped_real)} Y-tunnusta, jotka ovat todellisten "
                    f"yritysten käytössä: {', '.join(result.skipped_real[:10])}"
                    + (" …" if len(result.skipped_real) > 10 else "")
                )
            )
        by_segment = (
            Company.objects.filter(is_synthetic=True)
            .values_list("segment__code")
            .annotate(n=Count("pk"))
            .order_by("segment__number")
        )
        self.stdout.write(
            "Synteettiset yritykset segmenteittäin: "
            + ", ".join(f"{code or '–'} {n}" for code, n in by_segment)
        )

"""Remove the integration API's call log rows older than API_CALL_LOG_DAYS (or --days)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from responsibility.services.api_clients import api_calls_prune


class Command(BaseCommand):
    help = "Poistaa rajapintakutsujen lokista vanhat rivit (oletus API_CALL_LOG_DAYS päivää)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.API_CALL_LOG_DAYS)

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days on vähintään 1.")
        before = timezone.now() - datetime.timedelta(days=days)
        deleted = api_calls_prune(before=before)
        self.stdout.write(f"Poistettu {deleted} riviä ennen {before:%d.%m.%Y}.")

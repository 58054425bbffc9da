"""Send the e-mails that are due, once: for cron, or by hand after a mail outage."""

from django.core.management.base import BaseCommand

from core.notifications.services import outbox_deliver_due


class Command(BaseCommand):
    help = "Lähettää lähtevien sähköpostien jonosta ne, joiden vuoro on (yksi kierros)."

    def handle(self, *args, **options):
        total_sent = total_failed = 0
        while True:
            sent, failed = outbox_deliver_due()
            total_sent += sent
            total_failed += failed
            # A full batch that all went out: there may be more due.
            if failed or not sent:
                break
        self.stdout.write(f"Lähetetty {total_sent}, odottaa uutta yritystä {total_failed}.")

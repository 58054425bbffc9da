from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsibilityConfig(AppConfig):
    """Which actor holds each customer, handovers and consent-based data sharing."""

    name = "responsibility"
    verbose_name = _("Asiakasvastuu")

    def ready(self):
        from core import fragments
        from core.notifications.periodic import reminder_register
        from offerings.models import Organisation

        from .models import DataSharingSetting, ResponsibilityPolicy
        from .services import handovers_remind_overdue
        from .services.reminders import consents_remind_expiring
        from .templatetags.responsibility_tags import SEGMENT_RESPONSIBILITY

        # The segment page's responsibility panel shows these.
        fragments.invalidate_on_change(
            SEGMENT_RESPONSIBILITY, ResponsibilityPolicy, DataSharingSetting, Organisation
        )

        # The task worker's sweep runs these (segments' db_worker); each is idempotent.
        reminder_register("remind_overdue_handovers", handovers_remind_overdue)
        reminder_register("remind_expiring_consents", consents_remind_expiring)

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """How the customer strategy is steered: roles, groups, proposals and decisions."""

    name = "governance"
    verbose_name = _("Ohjausmalli")

    def ready(self):
        from .roles import sync_roles_after_migrate

        # governance is the last app, so every app's permissions exist when this runs.
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="sync_roles")

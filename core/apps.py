"""Core app: organisations, users and roles, tokens, audit log, storage, jobs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Configuration of the core app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("基盤")

    def ready(self) -> None:
        """Register the daily metric snapshot with the scheduler."""
        from core import metrics

        metrics.connect()

"""Gomi app: garbage collection days and sorting rules (ごみ分別・収集日) for residents."""

from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GomiConfig(AppConfig):
    """Wires the gomi API, metrics, reminders and catalog publication."""

    name = "gomi"
    verbose_name = _("ごみ分別・収集日")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Connect hooks (gomi.hooks: API router, metrics, periodic reminders)."""
        import_module("gomi.hooks").connect()

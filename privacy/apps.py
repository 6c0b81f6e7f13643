"""Privacy app: the personal-data guard on every publication path, and anonymised releases."""

from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Wires the guard's hooks and the anonymisation jobs."""

    name = "privacy"
    verbose_name = _("個人情報保護")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Connect the guard (privacy.hooks) and register the jobs (privacy.tasks)."""
        import_module("privacy.hooks").connect()
        import_module("privacy.tasks")

"""Plan app: the 官民データ活用推進計画 as data, KPIs from evidence, PDCA rounds and reports."""

from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    """Wires the plan API and the platform metrics it reads."""

    name = "plan"
    verbose_name = _("推進計画")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Connect hooks (plan.hooks: API router, catalog metrics)."""
        import_module("plan.hooks").connect()

"""Catalog app: datasets, resources, versions, licences, search."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    """Configuration of the catalog app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
    verbose_name = _("オープンデータカタログ")

    def ready(self):
        """Register the catalog's job handlers."""
        from catalog import tasks  # noqa: F401
        from catalog.search_index import tasks as _search_tasks  # noqa: F401

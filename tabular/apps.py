"""The tabular app: ingestion of tables from resource files and the datastore API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TabularConfig(AppConfig):
    """Wires the ingestion jobs, the CKAN DataStore actions and the resource hooks."""

    name = "tabular"
    verbose_name = _("表データ")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tabular import hooks, tasks  # noqa: F401  (registers job kinds and hooks)

        hooks.connect()

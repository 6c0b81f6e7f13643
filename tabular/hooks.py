"""Hooks: ingest every new uploaded tabular version; add ingestion state to resource_show."""

from __future__ import annotations

from django.db.models.signals import post_save

from catalog import extensions
from catalog.models import ResourceVersion
from core.actor import Actor


def _on_new_version(sender, instance: ResourceVersion, created: bool, **kwargs) -> None:
    """Queue the ingestion of a freshly created version (the job runs after commit)."""
    from tabular.services import is_tabular, queue_ingestion

    if created and not kwargs.get("raw") and is_tabular(instance):
        queue_ingestion(actor=Actor.system(), version=instance)


def _resource_show_extras(resource) -> dict:
    """CKAN resource_show keys: the ingestion state of the current version."""
    from tabular.selectors import latest_ingestion

    ingestion = latest_ingestion(resource)
    if ingestion is None:
        return {"datastore_state": None}
    return {
        "datastore_state": ingestion.state,
        "datastore_step": ingestion.step,
        "datastore_error": (
            {"code": ingestion.error_code, "step": ingestion.error_step,
             "message": f"{ingestion.error_ja} / {ingestion.error_en}"}
            if ingestion.state == ingestion.State.FAILED else None
        ),
    }


_MOUNTED = False


def connect() -> None:
    """Connect the signal handler and register the extensions (idempotent)."""
    post_save.connect(_on_new_version, sender=ResourceVersion,
                      dispatch_uid="tabular.ingest_new_version")
    if _resource_show_extras not in extensions.RESOURCE_SHOW_EXTRAS:
        extensions.RESOURCE_SHOW_EXTRAS.append(_resource_show_extras)
    from catalog.api.main import api
    from catalog.ckan.views import register_action
    from tabular.api import router

    global _MOUNTED
    if not _MOUNTED:  # mount the datastore operations on /api/v1 once
        api.add_router("", router)
        _MOUNTED = True
    from tabular import ckan

    for name in ("datastore_search", "datastore_search_sql", "datastore_info"):
        register_action(name, getattr(ckan, name))

"""Lookups shared by the tabular pages: the resource a URL names, its ingestion and table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import Http404
from django.utils import translation
from django.utils.http import content_disposition_header

from catalog import selectors as catalog_selectors
from catalog.models import Dataset, Resource
from core.actor import Actor
from core.errors import NotFound
from core.models import Role
from core.permissions import has_role
from tabular import selectors
from tabular.models import DataTable, Ingestion


def language() -> str:
    """The active language code ("ja" or "en")."""
    return translation.get_language() or "ja"


@dataclass
class ResourceTables:
    """A readable resource with its newest ingestion and the table the datastore serves."""

    actor: Actor
    dataset: Dataset
    resource: Resource
    ingestion: Ingestion | None  # of the current version (may still be running)
    table: DataTable | None  # the served table (may belong to an older, complete version)

    @property
    def can_edit(self) -> bool:
        """True when the actor may steer the ingestion (editors of the organisation)."""
        return has_role(self.actor, self.dataset.organisation, Role.EDITOR)


def resource_tables(request, slug: str, resource_id: int) -> ResourceTables:
    """The resource named by the URL if the visitor may see its dataset, else 404.

    Private and draft datasets answer 404 to anyone outside their organisation, exactly like
    the dataset page (the same visibility query decides).
    """
    actor = Actor.from_request(request)
    try:
        dataset = catalog_selectors.dataset_for(actor, slug)
        resource = catalog_selectors.resource_for(actor, dataset, resource_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    resource.dataset = dataset
    return ResourceTables(actor=actor, dataset=dataset, resource=resource,
                          ingestion=selectors.latest_ingestion(resource),
                          table=selectors.active_table(resource, actor=actor))


def require_table(found: ResourceTables) -> DataTable:
    """The served table, or 404 when the resource has none (yet)."""
    if found.table is None or found.table.parquet_id is None:
        raise Http404("no table")
    return found.table


def table_ref(found: ResourceTables, table: DataTable):
    """The datastore engine's reference to a table's Parquet file."""
    from tabular.selectors import table_ref as ref

    return ref(str(found.resource.uuid), table)


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_filename(name: str, *, fallback: str, extension: str) -> str:
    """A download file name without path separators, control or reserved characters."""
    stem = _UNSAFE.sub("_", name or "").strip(" ._")[:100] or fallback
    return f"{stem}.{extension}"


def attachment(response, filename: str):
    """Mark a response as a download (RFC 5987 name) of user content (sandbox CSP)."""
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response.is_user_content = True
    return response

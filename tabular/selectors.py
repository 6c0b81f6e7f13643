"""Read queries of the tabular app: which table a resource serves, ingestion states."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from catalog.ckan.params import maybe_uuid
from catalog.gate import Gate
from catalog.models import Resource
from catalog.selectors import visible_datasets
from core.actor import Actor
from core.errors import NotFound
from tabular.models import DataTable, Ingestion


def latest_ingestion(resource: Resource) -> Ingestion | None:
    """The ingestion of the resource's current version, if it has one."""
    if resource.current_version_id is None:
        return None
    return Ingestion.objects.filter(version_id=resource.current_version_id).first()


def active_table(resource: Resource, *, actor: Actor | None = None) -> DataTable | None:
    """The table the datastore serves for a resource: the selected table of the newest version
    whose ingestion is complete (a newer version becomes visible only once it is ready) and
    that is not withheld from the actor (the privacy guard's pending and blocked versions are
    skipped for anyone outside the organisation; no actor means the public)."""
    ready = (
        DataTable.objects.filter(
            ingestion__version__resource=resource,
            ingestion__state=Ingestion.State.READY,
            selected=True,
        )
        .select_related("ingestion__version", "parquet", "geojson")
        .order_by("-ingestion__version__number")
    )
    gate = Gate(actor)
    if gate.sees_all(resource.dataset):
        return ready.first()
    candidates = list(ready[:20])
    gate.prime(t.ingestion.version_id for t in candidates)
    return next((t for t in candidates if not gate.is_withheld(t.ingestion.version)), None)


def readable_resource(actor: Actor, resource_id: str) -> Resource:
    """A live resource (by CKAN id = uuid) of a dataset the actor may see, else NotFound."""
    parsed = maybe_uuid(str(resource_id or ""))
    found = None
    if parsed:
        found = (
            Resource.objects.select_related("dataset", "dataset__organisation", "current_version")
            .filter(uuid=parsed, deleted=False)
            .first()
        )
    if found is None or not visible_datasets(actor).filter(pk=found.dataset_id).exists():
        raise NotFound(_("リソースが見つかりません"))
    return found


def readable_table(actor: Actor, resource_id: str) -> tuple[Resource, DataTable]:
    """The active table of a readable resource, else NotFound with the reason."""
    resource = readable_resource(actor, resource_id)
    table = active_table(resource, actor=actor)
    if table is None:
        raise NotFound(_("このリソースにはデータストアの表がありません"))
    return resource, table


def readable_tables_by_id(actor: Actor, resource_ids: list[str]) -> dict[str, DataTable]:
    """Active tables of the given resources that the actor may read (unknown ids are left out)."""
    found: dict[str, DataTable] = {}
    for rid in resource_ids:
        try:
            _resource, table = readable_table(actor, rid)
        except NotFound:
            continue
        found[rid] = table
    return found


def table_ref(resource_id: str, table: DataTable):
    """The datastore's handle on a table's Parquet file. The storage root is the directory tree
    the shared DuckDB databases may read (set here, lazily, because tests move it)."""
    from core.services.storage import path_of, storage_root
    from tabular.datastore import pool
    from tabular.datastore.engine import TableRef

    root = str(storage_root().resolve())
    if pool.ROOTS != (root,):
        from django.conf import settings

        pool.configure(roots=[root], cache_bytes=settings.DATASTORE_CACHE_MB * 1024 * 1024)
    return TableRef(resource_id=resource_id, path=path_of(table.parquet))

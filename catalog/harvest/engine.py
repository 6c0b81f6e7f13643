"""One harvest run of one source: gather, then create, update or withdraw through the services.

Every change goes through the catalog services as the harvester system actor, so the audit
log records it and the same validation applies. Each remote dataset is applied in its own
transaction: one bad dataset is reported and the others go on; a source that cannot be read
at all is reported as failed and changes nothing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from catalog import services
from catalog.harvest import registry
from catalog.harvest.guard import harvester_actor
from catalog.harvest.mapping import allocate_slug, normalise_format
from catalog.harvest.registry import RemoteDataset, RemoteResource
from catalog.models import Dataset, HarvestRecord, HarvestSource
from catalog.services import DatasetData, ResourceData
from catalog.services.resources import format_from_name
from core.actor import Actor
from core.errors import ServiceError

logger = logging.getLogger(__name__)


@dataclass
class HarvestReport:
    """What a run did: local slugs created, updated and deleted, unchanged count, errors."""

    source_id: int
    kind: str
    url: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)  # {"id": remote id, "reason": ja / en}
    failed: str = ""  # why the source could not be read at all
    notes: list[str] = field(default_factory=list)
    started: str = ""
    finished: str = ""

    @property
    def status(self) -> str:
        """ok, partial (some datasets failed) or failed (the source failed)."""
        if self.failed:
            return HarvestSource.Status.FAILED
        return HarvestSource.Status.PARTIAL if self.errors else HarvestSource.Status.OK

    def as_dict(self) -> dict:
        """JSON-ready form (stored as the source's last report, printed by run_harvest --json)."""
        return {**asdict(self), "status": self.status}

    def lines(self) -> list[str]:
        """The report as the job log and the command print it (both languages, no personal data)."""

        def listed(items: list[str]) -> str:
            shown = ", ".join(items[:50]) + (" …" if len(items) > 50 else "")
            return f"{len(items)}" + (f" ({shown})" if items else "")

        out = [f"収集元 / source #{self.source_id} ({self.kind}) {self.url}"]
        out += [f"  {note}" for note in self.notes]
        if self.failed:
            out.append(f"失敗 / failed: {self.failed}")
        out += [
            f"作成 / created: {listed(self.created)}",
            f"更新 / updated: {listed(self.updated)}",
            f"削除 / deleted: {listed(self.deleted)}",
            f"変更なし / unchanged: {self.unchanged}",
            f"エラー / errors: {len(self.errors)}",
        ]
        out += [f"  - {e['id']}: {e['reason']}" for e in self.errors[:200]]
        return out


def harvest(source: HarvestSource, *, full: bool = False, fetch: Callable | None = None,
            progress: Callable[[str], None] | None = None) -> HarvestReport:
    """Run one source now. full=True ignores the last run (fetches every dataset's details)."""
    actor = harvester_actor()
    started = timezone.now()
    report = HarvestReport(source_id=source.pk, kind=source.kind, url=source.url,
                           started=started.isoformat())
    records = {r.remote_id: r for r in source.records.select_related("dataset")}
    known = {rid: r.remote_modified for rid, r in records.items()
             if not r.withdrawn and r.dataset.state != Dataset.State.DELETED}
    since = None if full else source.last_success_at
    complete = False
    try:
        gathered = registry.harvester_for(source, fetch=fetch).gather(since=since, known=known)
    except ServiceError as exc:
        report.failed = exc.both()
    except Exception as exc:
        logger.exception("harvest source %s could not be read", source.pk)
        report.failed = f"{type(exc).__name__}"
    else:
        report.notes += gathered.log
        report.errors += [{"id": rid, "reason": reason} for rid, reason in gathered.errors]
        report.unchanged += gathered.unchanged
        if progress:
            progress(f"{len(gathered.datasets)} dataset(s) to check")
        for remote in gathered.datasets:
            _apply_one(actor, source, records, remote, report)
        complete = gathered.listed_ids is not None
        if complete:
            for remote_id, record in records.items():
                if remote_id not in gathered.listed_ids and not record.withdrawn:
                    _withdraw_one(actor, record, report)
    report.finished = timezone.now().isoformat()
    source.last_run_at = started
    source.last_status = report.status
    source.last_report = report.as_dict()
    fields = ["last_run_at", "last_status", "last_report"]
    if complete and not report.failed:
        source.last_success_at = started
        fields.append("last_success_at")
    source.save(update_fields=fields)
    return report


def _apply_one(actor: Actor, source: HarvestSource, records: dict, remote: RemoteDataset,
               report: HarvestReport) -> None:
    try:
        # One refresh of the derived fields (search text, scores) per dataset, not per write.
        with transaction.atomic(), services.deferred_refresh():
            outcome, slug = apply(actor, source, records.get(remote.remote_id), remote)
    except ServiceError as exc:
        report.errors.append({"id": remote.remote_id, "reason": _reason(exc)})
        return
    except Exception as exc:
        logger.exception("harvest source %s: dataset %s failed", source.pk, remote.remote_id)
        report.errors.append({"id": remote.remote_id, "reason": type(exc).__name__})
        return
    if outcome == "unchanged":
        report.unchanged += 1
    else:
        getattr(report, outcome).append(slug)


def _reason(exc: ServiceError) -> str:
    details = "; ".join(f"{name}: {', '.join(str(m) for m in messages)}"
                        for name, messages in exc.field_errors.items())
    return exc.both() + (f" ({details})" if details else "")


def apply(actor: Actor, source: HarvestSource, record: HarvestRecord | None,
          remote: RemoteDataset) -> tuple[str, str]:
    """Create, update or leave one dataset; returns (created|updated|unchanged, local slug)."""
    digest = remote.content_hash()
    dataset = record.dataset if record else None
    alive = (record is not None and not record.withdrawn
             and dataset.state != Dataset.State.DELETED)
    if alive and record.content_hash == digest:
        if record.remote_modified != remote.modified:
            record.remote_modified = remote.modified
            record.save(update_fields=["remote_modified", "modified"])
        return "unchanged", dataset.slug
    if alive:
        wanted = replace(remote.data, slug=dataset.slug)
        if _comparable(DatasetData.from_dataset(dataset)) != _comparable(wanted):
            services.update_dataset(actor=actor, dataset=dataset, data=wanted)
        mapping = sync_resources(actor, dataset, remote.resources, record.resources)
        outcome = "updated"
    else:
        slug = allocate_slug(remote.name, prefixes=[remote.publisher, source.organisation.slug],
                             fallback=remote.remote_id)
        dataset = services.create_dataset(actor=actor, organisation=source.organisation,
                                          data=replace(remote.data, slug=slug))
        mapping = sync_resources(actor, dataset, remote.resources, {}, fresh=True)
        outcome = "created"
    if dataset.state != Dataset.State.PUBLISHED:
        services.publish_dataset(actor=actor, dataset=dataset)
    values = {"dataset": dataset, "remote_url": remote.remote_url[:2000],
              "remote_modified": remote.modified, "content_hash": digest,
              "resources": mapping, "withdrawn": False}
    if record is None:
        HarvestRecord.objects.create(source=source, remote_id=remote.remote_id, **values)
    else:
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
    return outcome, dataset.slug


def _comparable(data: DatasetData) -> dict:
    values = asdict(data)
    values["tags"] = sorted(values["tags"])
    values["categories"] = sorted(values["categories"])
    return values


def _format(resource: RemoteResource) -> str:
    return resource.format or normalise_format(format_from_name(urlsplit(resource.url).path))


def sync_resources(actor: Actor, dataset: Dataset, remote: list[RemoteResource],
                   mapping: dict, *, fresh: bool = False) -> dict:
    """Make the dataset's links match the source's distributions; returns the new key map.
    fresh=True: the dataset was just created and has no resources yet (no need to ask)."""
    live = {} if fresh else {r.pk: r for r in dataset.resources.filter(deleted=False)
                             .select_related("current_version")}
    result: dict[str, int] = {}
    for item in remote:
        if item.key in result:
            continue
        fmt = _format(item)
        name = (item.name or os.path.basename(urlsplit(item.url).path) or fmt or "data")[:300]
        wanted = ResourceData(name=name, name_en=item.name_en, description=item.description,
                              format=fmt)
        local = live.get(mapping.get(item.key))
        if local is None:
            local = services.add_resource(actor=actor, dataset=dataset, data=wanted,
                                          url=item.url)
        else:
            current = (local.name, local.name_en, local.description, local.format)
            if current != (wanted.name, wanted.name_en, wanted.description.strip(),
                           fmt or local.format):
                services.update_resource(actor=actor, resource=local, data=wanted)
            version = local.current_version
            if version is None or version.url != item.url:
                services.replace_resource_file(actor=actor, resource=local, url=item.url,
                                               format=fmt)
        result[item.key] = local.pk
    kept = set(result.values())
    for pk, resource in live.items():
        if pk not in kept:
            services.delete_resource(actor=actor, resource=resource)
    return result


def _withdraw_one(actor: Actor, record: HarvestRecord, report: HarvestReport) -> None:
    try:
        with transaction.atomic():
            dataset = record.dataset
            if dataset.state != Dataset.State.DELETED:
                services.delete_dataset(actor=actor, dataset=dataset)
            record.withdrawn = True
            record.save(update_fields=["withdrawn", "modified"])
    except ServiceError as exc:
        report.errors.append({"id": record.remote_id, "reason": _reason(exc)})
        return
    report.deleted.append(record.dataset.slug)

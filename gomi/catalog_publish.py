"""Publish the schedule and the sorting dictionary as catalog datasets, kept up to date.

Two datasets per municipality, created on the first import and given a new resource version
after every import or staff edit (so the open data never lags behind the pages):

- ``gomi-schedule-<lgcode>``: the fiscal year's collections as CSV (one row per area ×
  category × date) plus the five 5374 files;
- ``gomi-sorting-<lgcode>``: the dictionary as the standard ゴミの分別方法一覧 CSV.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Dataset, Resource
from catalog.services import (
    DatasetData,
    ResourceData,
    add_resource,
    create_dataset,
    publish_dataset,
    replace_resource_file,
)
from core.actor import Actor
from core.jobs import enqueue_job, register
from core.models import Job, Organisation, Role
from core.permissions import has_role
from gomi.engine.schedule import fiscal_year
from gomi.services.exports import export_5374, schedule_csv
from gomi.services.standard_csv import export_standard_csv

PUBLISH_JOB = "gomi.publish"


@dataclass(frozen=True)
class Published:
    """The two datasets of a municipality after publication."""

    schedule: Dataset
    sorting: Dataset


def _slug(kind: str, municipality: Organisation) -> str:
    """The dataset slug of one kind for a municipality."""
    return f"gomi-{kind}-{municipality.lgcode or municipality.slug}"


def _dataset(actor: Actor, municipality: Organisation, slug: str, data: DatasetData) -> Dataset:
    """The existing dataset with this slug, or a new published one."""
    found = Dataset.objects.filter(slug=slug, organisation=municipality).first()
    if found is not None and found.state != Dataset.State.DELETED:
        return found
    dataset = create_dataset(actor=actor, organisation=municipality, data=data)
    return publish_dataset(actor=actor, dataset=dataset)


def _put(actor: Actor, dataset: Dataset, name: str, content: bytes, fmt: str,
         description: str = "") -> Resource:
    """Add the resource named name, or give it a new version when its content changed."""
    upload = SimpleUploadedFile(name, content)
    resource = dataset.resources.filter(name=name, deleted=False).first()
    if resource is None:
        return add_resource(actor=actor, dataset=dataset, upload=upload,
                            data=ResourceData(name=name, description=description, format=fmt))
    current = resource.versions.order_by("-number").first()
    if current is None or current.sha256 != hashlib.sha256(content).hexdigest():
        replace_resource_file(actor=actor, resource=resource, upload=upload, format=fmt)
    return resource


def publish(*, actor: Actor, municipality: Organisation, today: date | None = None) -> Published:
    """Create or update both datasets for the fiscal year that contains today."""
    today = today or timezone.localdate()
    start, end = fiscal_year(today.year if today.month >= 4 else today.year - 1)
    name = municipality.name
    schedule = _dataset(actor, municipality, _slug("schedule", municipality), DatasetData(
        slug=_slug("schedule", municipality), title=f"{name} ごみ収集日",
        title_en=f"Garbage collection days ({municipality.name_en or name})",
        description=(f"{name}の地区別・分別区分別のごみ収集日（年度分）と、5374 形式のデータです。"
                     "祝日・年末年始・臨時の変更を反映しています。"),
        description_en=("Collection days per area and category for the fiscal year, and the "
                        "same data in the 5374 format, including holidays, closures and "
                        "one-off changes."),
        tags=["ごみ", "収集日", "5374"], update_frequency="irregular",
        temporal_start=start, temporal_end=end))
    _put(actor, schedule, f"gomi-schedule-{start.year}.csv",
         schedule_csv(municipality=municipality, start=start, end=end), "CSV",
         f"{start.year}年度の収集日（地区×分別区分×日付）")
    for file_name, content in export_5374(municipality=municipality, start=start,
                                          end=end).items():
        _put(actor, schedule, f"5374-{file_name}", content, "CSV", f"5374 形式の {file_name}")
    sorting = _dataset(actor, municipality, _slug("sorting", municipality), DatasetData(
        slug=_slug("sorting", municipality), title=f"{name} ゴミの分別方法一覧",
        title_en=f"Waste sorting rules ({municipality.name_en or name})",
        description=f"{name}のごみの品目ごとの分別区分と注意点（自治体標準オープンデータセット）。",
        description_en="Item-by-item waste sorting rules (municipal standard open dataset).",
        tags=["ごみ", "分別"], standard="waste-sorting", update_frequency="irregular"))
    _put(actor, sorting, "waste-sorting.csv", export_standard_csv(municipality=municipality),
         "CSV", "ゴミの分別方法一覧（標準データセット形式）")
    return Published(schedule=schedule, sorting=sorting)


def publish_after_change(*, actor: Actor, municipality: Organisation) -> Published:
    """Called by the import services: publish now (the caller is already a long task)."""
    return publish(actor=actor, municipality=municipality)


@register(PUBLISH_JOB, label=_("ごみ収集日・分別のオープンデータ更新"))
def _publish_job(job: Job) -> None:
    """Job handler: publish the municipality's datasets as the user who changed the data."""
    from gomi.services import command_actor

    actor = Actor(user=job.created_by) if job.created_by_id else command_actor()
    if not has_role(actor, job.organisation, Role.EDITOR):
        actor = command_actor()
    publish(actor=actor, municipality=job.organisation)


def request_publication(*, actor: Actor, municipality: Organisation) -> Job | None:
    """Queue one publication after a staff edit (none when one is already waiting)."""
    waiting = Job.objects.filter(kind=PUBLISH_JOB, organisation=municipality,
                                 status=Job.Status.QUEUED).first()
    if waiting is not None:
        return waiting
    return enqueue_job(actor=actor, kind=PUBLISH_JOB, organisation=municipality,
                       target=municipality.lgcode or municipality.slug)

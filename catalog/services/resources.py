"""Add, replace (as a new version), change and delete resources."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.harvest.guard import refuse_harvested_edit
from catalog.models import Dataset, Resource, ResourceVersion
from catalog.services.derived import refresh_derived_fields
from core.actor import Actor
from core.errors import InvalidInput, NotFound, formatted
from core.ids import valid_uuid
from core.models import Role
from core.permissions import require_role
from core.services import audit, storage
from core.sniff import content_matches

FORMAT_RE = re.compile(r"^[A-Z0-9]{1,20}$")
EXTENSION_FORMATS = {"jpg": "JPEG", "htm": "HTML", "jsonld": "JSONLD", "geojson": "GEOJSON"}


@dataclass
class ResourceData:
    """The editable fields of a resource."""

    name: str = ""
    name_en: str = ""
    description: str = ""
    format: str = ""  # empty: taken from the file name or URL


def format_from_name(name: str) -> str:
    """The format implied by a file name or URL path ('data.CSV' -> 'CSV')."""
    ext = os.path.splitext((name or "").split("?")[0])[1].lstrip(".").lower()
    return EXTENSION_FORMATS.get(ext, ext.upper())


def _clean_format(value: str, fallback_name: str) -> str:
    fmt = (value or "").strip().upper().lstrip(".") or format_from_name(fallback_name)
    if fmt and not FORMAT_RE.match(fmt):
        raise InvalidInput(_("形式を半角英数字で指定してください（例: CSV）"),
                           field_errors={"format": [_("形式が正しくありません")]})
    return fmt


def _check_url(url: str) -> str:
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise InvalidInput(_("http または https のURLを入力してください"),
                           field_errors={"url": [_("URLが正しくありません")]}) from exc
    return url


def _new_version(*, actor: Actor, resource: Resource, fmt: str, upload=None,
                 url: str = "", first: bool = False) -> ResourceVersion:
    """Store the file (or record the URL) as the resource's next version."""
    version = ResourceVersion(resource=resource, format=fmt,
                              created_by=actor.user if actor.is_authenticated else None)
    if upload is not None:
        stored, kind = storage.store_stream(upload)
        if not content_matches(fmt, kind):
            raise InvalidInput(
                formatted(_("ファイルの内容が形式「%(fmt)s」と一致しません（検出: %(kind)s）"),
                          fmt=fmt, kind=kind),
                field_errors={"file": [_("ファイルの内容と形式が一致しません")]},
            )
        version.stored_file = stored
        version.size = stored.size
        version.sha256 = stored.sha256
        version.detected_kind = kind
        version.filename = os.path.basename(getattr(upload, "name", "") or "")[:255] or "data"
    else:
        version.url = _check_url(url)
    # A resource created in the same transaction has no versions yet: no need to ask.
    last = 0 if first else resource.versions.aggregate(m=Max("number"))["m"] or 0
    version.number = last + 1
    version.save()
    resource.current_version = version
    resource.format = fmt
    resource.save(update_fields=["current_version", "format", "modified"])
    return version


def add_resource(*, actor: Actor, dataset: Dataset, data: ResourceData, upload=None,
                 url: str = "", uuid=None) -> Resource:
    """Add a resource from an uploaded file or a URL."""
    require_role(actor, dataset.organisation, Role.EDITOR)
    refuse_harvested_edit(actor, dataset)
    if dataset.state == Dataset.State.DELETED:
        raise NotFound(_("データセットが見つかりません"))
    if upload is None and not url:
        raise InvalidInput(_("ファイルかURLのどちらかを指定してください"),
                           field_errors={"file": [_("ファイルかURLが必要です")]})
    source_name = getattr(upload, "name", "") if upload is not None else url
    fmt = _clean_format(data.format, source_name)
    name = (data.name or "").strip() or os.path.basename(source_name.split("?")[0]) or fmt
    with transaction.atomic():
        position = (dataset.resources.aggregate(m=Max("position"))["m"] or 0) + 1
        resource = Resource(dataset=dataset, name=name[:300], name_en=data.name_en.strip()[:300],
                            description=data.description.strip(), format=fmt, position=position)
        if uuid is not None:
            resource.uuid = valid_uuid(uuid, Resource)
        resource.save()
        version = _new_version(actor=actor, resource=resource, fmt=fmt, upload=upload, url=url,
                               first=True)
        _touch(dataset)
        audit.record(actor=actor, action="resource.create", target=resource,
                     organisation=dataset.organisation,
                     details={"dataset": dataset.slug, "format": fmt, "sha256": version.sha256})
    return resource


def replace_resource_file(*, actor: Actor, resource: Resource, upload=None,
                          url: str = "", format: str = "") -> ResourceVersion:
    """Publish a new version of a resource; earlier versions stay listed and downloadable."""
    dataset = resource.dataset
    require_role(actor, dataset.organisation, Role.EDITOR)
    refuse_harvested_edit(actor, dataset)
    if resource.deleted or dataset.state == Dataset.State.DELETED:
        raise NotFound(_("リソースが見つかりません"))
    if upload is None and not url:
        raise InvalidInput(_("ファイルかURLのどちらかを指定してください"),
                           field_errors={"file": [_("ファイルかURLが必要です")]})
    source_name = getattr(upload, "name", "") if upload is not None else url
    fmt = _clean_format(format or resource.format, source_name)
    with transaction.atomic():
        version = _new_version(actor=actor, resource=resource, fmt=fmt, upload=upload, url=url)
        _touch(dataset)
        audit.record(actor=actor, action="resource.new_version", target=resource,
                     organisation=dataset.organisation,
                     details={"version": version.number, "sha256": version.sha256})
    return version


def update_resource(*, actor: Actor, resource: Resource, data: ResourceData) -> Resource:
    """Change a resource's name, description or format label."""
    dataset = resource.dataset
    require_role(actor, dataset.organisation, Role.EDITOR)
    refuse_harvested_edit(actor, dataset)
    if resource.deleted:
        raise NotFound(_("リソースが見つかりません"))
    if not (data.name or "").strip():
        raise InvalidInput(_("名前を入力してください"), field_errors={"name": [_("必須です")]})
    with transaction.atomic():
        resource.name = data.name.strip()[:300]
        resource.name_en = data.name_en.strip()[:300]
        resource.description = data.description.strip()
        if data.format:
            resource.format = _clean_format(data.format, "")
        resource.save()
        refresh_derived_fields(dataset)
        audit.record(actor=actor, action="resource.update", target=resource,
                     organisation=dataset.organisation, details={"dataset": dataset.slug})
    return resource


def delete_resource(*, actor: Actor, resource: Resource) -> Resource:
    """Hide a resource; its stored files are kept."""
    dataset = resource.dataset
    require_role(actor, dataset.organisation, Role.EDITOR)
    refuse_harvested_edit(actor, dataset)
    with transaction.atomic():
        resource.deleted = True
        resource.save(update_fields=["deleted", "modified"])
        refresh_derived_fields(dataset)
        audit.record(actor=actor, action="resource.delete", target=resource,
                     organisation=dataset.organisation, details={"dataset": dataset.slug})
    return resource


def _touch(dataset: Dataset) -> None:
    """Mark the dataset's data as updated now and recompute its derived fields."""
    dataset.data_updated_at = timezone.now()
    dataset.save(update_fields=["data_updated_at", "modified"])
    refresh_derived_fields(dataset)

"""Kanmin objects as CKAN dicts (package, resource, organization, group, tag, licence)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from catalog.gate import Gate
from catalog.harvest.guard import harvest_info
from catalog.models import Category, Dataset, Licence, Resource, Tag
from core.actor import Actor
from core.models import Organisation

STATE_TO_CKAN = {
    Dataset.State.PUBLISHED: "active",
    Dataset.State.DRAFT: "draft",
    Dataset.State.DELETED: "deleted",
}
# Our own fields travel as CKAN extras (and are read back from extras on create/update).
EXTRA_FIELDS = (
    "title_en",
    "description_en",
    "standard_dataset",
    "update_frequency",
    "temporal_start",
    "temporal_end",
    "spatial_text",
    "contact_phone",
    "department",
    "stars",
    "quality",
    "data_updated_at",
)
READ_ONLY_EXTRAS = {"stars", "quality", "data_updated_at"}


def _iso(value) -> str | None:
    # CKAN writes naive UTC timestamps; clients parse them without an offset.
    if value is None:
        return None
    from datetime import UTC

    return value.astimezone(UTC).replace(tzinfo=None).isoformat()


def absolute(path: str) -> str:
    """An absolute URL on this site (KANMIN_SITE_URL)."""
    return settings.SITE_URL + path


def organization_dict(org: Organisation, *, dataset_count: int | None = None) -> dict:
    """An organisation as CKAN's organization dict, with our fields beside CKAN's."""
    result = {
        "id": str(org.uuid),
        "name": org.slug,
        "title": org.name,
        "display_name": org.name,
        "description": org.description,
        "image_url": "",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "created": _iso(org.created),
        "lgcode": org.lgcode or "",
        "name_en": org.name_en,
        "name_kana": org.name_kana,
        "kind": org.kind,
        "is_fictional": org.is_fictional,
        "website": org.website,
        "extras": [
            {"key": "lgcode", "value": org.lgcode or ""},
            {"key": "name_en", "value": org.name_en},
            {"key": "name_kana", "value": org.name_kana},
        ],
    }
    if dataset_count is not None:
        result["package_count"] = dataset_count
    return result


def group_dict(category: Category, *, dataset_count: int | None = None) -> dict:
    """A category as a CKAN group dict."""
    result = {
        "id": category.slug,
        "name": category.slug,
        "title": category.name,
        "display_name": category.name,
        "title_en": category.name_en,
        "description": "",
        "type": "group",
        "is_organization": False,
        "state": "active",
        "image_url": "",
    }
    if dataset_count is not None:
        result["package_count"] = dataset_count
    return result


def tag_dict(tag: Tag) -> dict:
    """A tag as CKAN's tag dict."""
    return {
        "id": str(tag.pk),
        "name": tag.name,
        "display_name": tag.name,
        "state": "active",
        "vocabulary_id": None,
    }


def licence_dict(licence: Licence) -> dict:
    """A licence as CKAN's license_list entry."""
    return {
        "id": licence.id,
        "title": licence.title,
        "title_en": licence.title_en,
        "url": licence.url,
        "status": "active",
        "od_conformance": "approved" if licence.is_open else "not reviewed",
        "osd_conformance": "not reviewed",
        "is_okd_compliant": licence.is_open,
        "is_generic": licence.id == "other",
    }


def resource_dict(resource: Resource, *, dataset: Dataset, gate: Gate | None = None) -> dict:
    """A resource as CKAN's resource dict; uploads point at this site's download URL.

    The gate decides which version the reader gets (by default the public's): a version the
    privacy guard withholds is replaced by the newest earlier one that passed, or by no URL.
    """
    gate = gate or Gate.public()
    version = gate.served(resource, dataset)
    is_upload = bool(version and version.is_upload)
    if is_upload:
        # Like CKAN, the URL ends with the file name (clients such as ckanapi rely on it).
        url = absolute(reverse("catalog:download_file",
                               args=[dataset.slug, resource.pk, version.filename or "data"]))
    else:
        url = version.url if version else ""
    return {
        "id": str(resource.uuid),
        "package_id": str(dataset.uuid),
        "name": resource.name,
        "name_en": resource.name_en,
        "description": resource.description,
        "format": resource.format,
        "url": url,
        "url_type": "upload" if is_upload else None,
        "size": version.size if version else None,
        "hash": f"sha256:{version.sha256}" if version and version.sha256 else "",
        "mimetype": None,
        "created": _iso(resource.created),
        "last_modified": _iso(version.created) if version else None,
        "metadata_modified": _iso(resource.modified),
        "position": resource.position,
        "state": "active",
        "version_number": version.number if version else None,
        "datastore_active": resource.datastore_active,
        "withheld": gate.withheld_current(resource),
    }


def package_dicts(datasets, *, actor: Actor) -> list[dict]:
    """Datasets as package dicts for one reader (one gate lookup for all their resources)."""
    datasets = list(datasets)
    gate = Gate(actor)
    gate.prime_resources(r for d in datasets for r in d.resources.all() if not r.deleted)
    return [package_dict(d, gate=gate) for d in datasets]


def package_dict(dataset: Dataset, *, gate: Gate | None = None) -> dict:
    """A dataset as CKAN's package dict; our own fields are also in extras."""
    org = dataset.organisation
    resources = [r for r in dataset.resources.all() if not r.deleted]
    gate = gate or Gate.public()
    gate.prime_resources(resources)
    tags = list(dataset.tags.all())
    groups = list(dataset.categories.all())
    extras = {
        "title_en": dataset.title_en,
        "description_en": dataset.description_en,
        "standard_dataset": dataset.standard_id or "",
        "update_frequency": dataset.update_frequency,
        "temporal_start": dataset.temporal_start.isoformat() if dataset.temporal_start else "",
        "temporal_end": dataset.temporal_end.isoformat() if dataset.temporal_end else "",
        "spatial_text": dataset.spatial,
        "contact_phone": dataset.contact_phone,
        "department": dataset.department.name if dataset.department_id else "",
        "stars": str(dataset.stars),
        "quality": str(dataset.quality),
        "data_updated_at": _iso(dataset.data_updated_at) or "",
    }
    info = harvest_info(dataset)
    if info is not None:
        extras.update(harvest_source_title=info.source_title,
                      harvest_source_url=info.source_url, harvest_url=info.remote_url)
    return {
        "id": str(dataset.uuid),
        "name": dataset.slug,
        "title": dataset.title,
        "notes": dataset.description,
        "type": "dataset",
        "state": STATE_TO_CKAN[dataset.state],
        "private": dataset.private,
        "owner_org": str(org.uuid),
        "organization": organization_dict(org),
        "license_id": dataset.licence_id,
        "license_title": dataset.licence.title,
        "license_url": dataset.licence.url,
        "isopen": dataset.licence.is_open,
        "maintainer": dataset.contact_name,
        "maintainer_email": dataset.contact_email,
        "author": org.name,
        "author_email": "",
        "url": absolute(reverse("catalog:dataset", args=[dataset.slug])),
        "version": "",
        "metadata_created": _iso(dataset.created),
        "metadata_modified": _iso(dataset.modified),
        "tags": [tag_dict(t) for t in tags],
        "num_tags": len(tags),
        "groups": [group_dict(g) for g in groups],
        "resources": [resource_dict(r, dataset=dataset, gate=gate) for r in resources],
        "num_resources": len(resources),
        "extras": [{"key": k, "value": v} for k, v in extras.items()],
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }


def prefetched(queryset):
    """A Dataset queryset with everything package_dict touches, in a fixed number of queries."""
    return queryset.select_related(
        "organisation", "licence", "department", "standard", "harvest_record__source"
    ).prefetch_related("tags", "categories", "resources__current_version")

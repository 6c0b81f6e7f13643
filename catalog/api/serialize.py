"""Kanmin objects as the native API's response schemas."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from catalog.api import schemas
from catalog.dcat import uris
from catalog.gate import Gate
from catalog.models import Dataset, Licence, Resource, ResourceVersion
from core.models import Organisation


def organization_ref(org: Organisation) -> schemas.OrganizationRef:
    """The short form embedded in datasets."""
    return schemas.OrganizationRef(
        slug=org.slug, name=org.name, name_en=org.name_en, lgcode=org.lgcode or None
    )


def organization(org: Organisation, dataset_count: int) -> schemas.Organization:
    """An organisation with its dataset count."""
    return schemas.Organization(
        id=org.uuid,
        slug=org.slug,
        name=org.name,
        name_en=org.name_en,
        lgcode=org.lgcode or None,
        kind=org.kind,
        name_kana=org.name_kana,
        description=org.description,
        website=org.website,
        is_fictional=org.is_fictional,
        dataset_count=dataset_count,
        url=uris.absolute(reverse("catalog:organisation", args=[org.slug])),
    )


def licence(item: Licence) -> schemas.Licence:
    """A licence."""
    return schemas.Licence(
        id=item.id, title=item.title, title_en=item.title_en, url=item.url, is_open=item.is_open
    )


def version(dataset: Dataset, resource: Resource, item: ResourceVersion) -> schemas.Version:
    """One version of a resource."""
    return schemas.Version(
        number=item.number,
        url=uris.version_url(dataset, resource, item),
        filename=item.filename,
        format=item.format,
        size=item.size,
        sha256=item.sha256,
        is_upload=item.is_upload,
        created=item.created,
    )


def resource(dataset: Dataset, item: Resource, *, gate: Gate | None = None) -> schemas.Resource:
    """A resource with every version the reader may get, newest first (by default the public's
    view: versions the privacy guard withholds are left out)."""
    gate = gate or Gate.public()
    gate.prime(v.pk for v in item.versions.all())
    current = gate.served(item, dataset)
    return schemas.Resource(
        id=item.uuid,
        name=item.name,
        name_en=item.name_en,
        description=item.description,
        format=item.format,
        position=item.position,
        url=uris.download_url(dataset, item, current),
        version=current.number if current else None,
        created=item.created,
        modified=item.modified,
        versions=[version(dataset, item, v) for v in item.versions.all()
                  if gate.allows(v, dataset)],
    )


def _summary_fields(dataset: Dataset) -> dict:
    return {
        "id": dataset.uuid,
        "slug": dataset.slug,
        "title": dataset.title,
        "title_en": dataset.title_en,
        "organization": organization_ref(dataset.organisation),
        "licence": dataset.licence_id,
        "tags": [t.name for t in dataset.tags.all()],
        "categories": [c.slug for c in dataset.categories.all()],
        "formats": dataset.formats.split(),
        "standard": dataset.standard_id,
        "state": dataset.state,
        "private": dataset.private,
        "stars": dataset.stars,
        "quality": dataset.quality,
        "modified": dataset.modified,
        "published_at": dataset.published_at,
        "url": uris.dataset_uri(dataset),
    }


def dataset_summary(dataset: Dataset) -> schemas.DatasetSummary:
    """A dataset as listed."""
    return schemas.DatasetSummary(**_summary_fields(dataset))


def dataset(item: Dataset, *, gate: Gate | None = None) -> schemas.Dataset:
    """A dataset with its resources and the versions the reader may get."""
    resources = getattr(item, "live_resources", None)
    if resources is None:
        resources = resources_of(item)
    gate = gate or Gate.public()
    gate.prime(v.pk for r in resources for v in r.versions.all())
    return schemas.Dataset(
        **_summary_fields(item),
        description=item.description,
        description_en=item.description_en,
        licence_detail=licence(item.licence),
        department=item.department.name if item.department_id else None,
        contact_name=item.contact_name,
        contact_email=item.contact_email,
        contact_phone=item.contact_phone,
        update_frequency=item.update_frequency,
        temporal_start=item.temporal_start,
        temporal_end=item.temporal_end,
        spatial=item.spatial,
        created=item.created,
        data_updated_at=item.data_updated_at,
        resources=[resource(item, r, gate=gate) for r in resources],
    )


def resources_of(item: Dataset) -> list[Resource]:
    """The live resources of a dataset with their versions."""
    return list(
        item.resources.filter(deleted=False)
        .select_related("current_version")
        .prefetch_related("versions")
    )


def for_list(qs: QuerySet) -> QuerySet:
    """A dataset queryset with what dataset_summary touches."""
    return qs.select_related("organisation").prefetch_related("tags", "categories")


def for_detail(qs: QuerySet) -> QuerySet:
    """A dataset queryset with what dataset() touches."""
    live = (
        Resource.objects.filter(deleted=False)
        .select_related("current_version")
        .prefetch_related("versions")
    )
    return qs.select_related("organisation", "licence", "department").prefetch_related(
        "tags", "categories", Prefetch("resources", queryset=live, to_attr="live_resources")
    )

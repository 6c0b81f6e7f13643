"""The URIs Kanmin mints for DCAT (and the download URLs the native API reuses)."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils.encoding import iri_to_uri

from catalog.models import Category, Dataset, Licence, Resource, ResourceVersion, StandardDataset
from core.models import Organisation


def absolute(path: str) -> str:
    """An absolute URL on this site (KANMIN_SITE_URL)."""
    return settings.SITE_URL + path


def catalog_uri() -> str:
    """The catalogue (answers 303 to one of its serialisations)."""
    return absolute(reverse("dcat:catalog"))


def site_agent_uri() -> str:
    """The platform operator, publisher of the catalogue."""
    return absolute("/#publisher")


def dataset_uri(dataset: Dataset) -> str:
    """KANMIN_SITE_URL/dataset/<slug>/ — the dataset's page is also its identifier."""
    return absolute(reverse("catalog:dataset", args=[dataset.slug]))


def distribution_uri(dataset: Dataset, resource: Resource) -> str:
    """A resource as a distribution: the dataset URI with #resource-<uuid>."""
    return f"{dataset_uri(dataset)}#resource-{resource.uuid}"


def organisation_uri(org: Organisation) -> str:
    """An organisation's page, used as its foaf:Agent URI."""
    return absolute(reverse("catalog:organisation", args=[org.slug]))


def licence_uri(licence: Licence) -> str:
    """The licence's own URL, or this site's API record for licences without one ('other')."""
    if licence.url:
        return iri_to_uri(licence.url)
    return absolute(reverse("api-v1:get_licence", args=[licence.id]))


def category_uri(category: Category) -> str:
    """Our own concept for a category: the search page filtered by it."""
    return absolute(reverse("catalog:search") + "?category=" + quote(category.slug))


def category_scheme_uri() -> str:
    """The concept scheme of our categories."""
    return absolute(reverse("catalog:search") + "#categories")


def standard_uri(standard: StandardDataset) -> str:
    """A 自治体標準オープンデータセット: the search page filtered by it."""
    return absolute(reverse("catalog:search") + "?standard=" + quote(standard.slug))


def download_url(dataset: Dataset, resource: Resource, version: ResourceVersion | None) -> str:
    """Where the current file is: …/download/<filename> for uploads (as the CKAN API gives),
    the link itself otherwise; empty when the resource has no version."""
    if version is None:
        return ""
    if version.is_upload:
        return absolute(
            reverse(
                "catalog:download_file",
                args=[dataset.slug, resource.pk, version.filename or "data"],
            )
        )
    return iri_to_uri(version.url)


def version_url(dataset: Dataset, resource: Resource, version: ResourceVersion) -> str:
    """Where one version is: its own download URL for uploads, the link otherwise."""
    if version.is_upload:
        return absolute(
            reverse("catalog:download_version", args=[dataset.slug, resource.pk, version.number])
        )
    return iri_to_uri(version.url)

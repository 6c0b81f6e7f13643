"""Read operations: datasets, resources, organisations and the reference lists."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from ninja import Path, Query, Router

from catalog import selectors
from catalog.api import schemas, serialize
from catalog.api.errors import reader, responses
from catalog.ckan import search as ckan_search
from catalog.gate import Gate
from catalog.models import Category, Dataset, Licence, StandardDataset
from core.errors import NotFound

router = Router()

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


def slug_in_path(example: str, pattern: str = SLUG_PATTERN):
    """A slug in the path: letters, digits, '-' and '_' (documented with an example)."""
    return Path[str, {"pattern": pattern, "max_length": 100, "examples": [example]}]


DatasetSlug = slug_in_path("demo-aed")
OrganizationSlug = slug_in_path("demo-city")
LicenceId = slug_in_path("cc-by-4.0", r"^[-a-zA-Z0-9_.]+$")  # pdl-1.0

SORTS = {
    "relevance": "score desc, metadata_modified desc",
    "modified": "metadata_modified desc",
    "created": "metadata_created desc",
    "title": "title asc",
    "name": "name asc",
}
# query parameter -> package_search filter; several values of one parameter match any of them,
# except tags and categories, which must all match (as on the search page).
ANY_OF = {
    "organization": "organization",
    "format": "res_format",
    "licence": "license_id",
    "standard": "standard_dataset",
}
ALL_OF = {"tag": "tags", "category": "groups"}


def _public_count():
    return Count(
        "datasets",
        filter=Q(datasets__state=Dataset.State.PUBLISHED, datasets__private=False),
        distinct=True,
    )


@router.get(
    "/datasets",
    response={200: schemas.DatasetList, **responses(401, 409)},
    operation_id="listDatasets",
    tags=["datasets"],
    summary="データセットの検索 / Search datasets",
)
def list_datasets(request, params: Query[schemas.DatasetQuery]):
    """Filters as on the search page; members may include their private datasets and drafts."""
    actor = reader(request)
    qs = ckan_search.base_queryset(
        actor, include_private=params.include_private, include_drafts=params.include_drafts
    )
    text = params.q.strip()
    query = ckan_search.Query(text=[text] if text else [])
    for name, key in ALL_OF.items():
        query.filters += [(False, key, value) for value in getattr(params, name)]
    qs = ckan_search.apply(qs, query)
    for name, key in ANY_OF.items():
        values = getattr(params, name)
        if values:
            condition = reduce(or_, (ckan_search.FILTERS[key](v) for v in values))
            qs = qs.filter(pk__in=Dataset.objects.filter(condition).values("pk"))
    count = qs.count()
    ordered = ckan_search.order(qs, SORTS[params.sort], query.text)
    page = serialize.for_list(ordered)[params.offset : params.offset + params.limit]
    return schemas.DatasetList(
        count=count,
        limit=params.limit,
        offset=params.offset,
        results=[serialize.dataset_summary(d) for d in page],
    )


def visible_dataset(request, slug: str) -> Dataset:
    """A dataset the caller may see (members see their drafts and private ones), else 404."""
    found = selectors.dataset_for(reader(request), slug)
    return serialize.for_detail(Dataset.objects.filter(pk=found.pk)).get()


@router.get(
    "/datasets/{slug}",
    response={200: schemas.Dataset, **responses(401, 404, 409)},
    operation_id="getDataset",
    tags=["datasets"],
    summary="データセット / Get a dataset",
)
def get_dataset(request, slug: DatasetSlug):
    """A dataset with its resources and every version of each."""
    return serialize.dataset(visible_dataset(request, slug), gate=Gate(reader(request)))


@router.get(
    "/datasets/{slug}/resources",
    response={200: list[schemas.Resource], **responses(401, 404, 409)},
    operation_id="listResources",
    tags=["datasets"],
    summary="リソースと版 / List a dataset's resources with their versions",
)
def list_resources(request, slug: DatasetSlug):
    """The resources of a dataset, each with its versions (newest first)."""
    found = visible_dataset(request, slug)
    gate = Gate(reader(request))
    return [serialize.resource(found, r, gate=gate) for r in found.live_resources]


@router.get(
    "/organizations",
    response={200: list[schemas.Organization], **responses(401)},
    operation_id="listOrganizations",
    tags=["organizations"],
    summary="団体の一覧 / List organisations",
)
def list_organizations(request):
    """Every organisation with the number of published datasets the caller can see."""
    return [
        serialize.organization(o, o.n) for o in selectors.organisations_with_counts(reader(request))
    ]


@router.get(
    "/organizations/{slug}",
    response={200: schemas.Organization, **responses(401, 404, 409)},
    operation_id="getOrganization",
    tags=["organizations"],
    summary="団体 / Get an organisation",
)
def get_organization(request, slug: OrganizationSlug):
    """One organisation."""
    found = selectors.organisations_with_counts(reader(request)).filter(slug=slug).first()
    if found is None:
        raise NotFound(_("団体が見つかりません"))
    return serialize.organization(found, found.n)


@router.get(
    "/licences",
    response={200: list[schemas.Licence], **responses(401)},
    operation_id="listLicences",
    tags=["reference"],
    summary="ライセンスの一覧 / List licences",
)
def list_licences(request):
    """Licences a dataset may use."""
    reader(request)
    return [serialize.licence(x) for x in Licence.objects.all()]


@router.get(
    "/licences/{licence_id}",
    response={200: schemas.Licence, **responses(401, 404, 409)},
    operation_id="getLicence",
    tags=["reference"],
    url_name="get_licence",
    summary="ライセンス / Get a licence",
)
def get_licence(request, licence_id: LicenceId):
    """One licence (also the DCAT URI of licences without a URL of their own)."""
    reader(request)
    found = Licence.objects.filter(pk=licence_id).first()
    if found is None:
        raise NotFound(_("ページが見つかりません"))
    return serialize.licence(found)


@router.get(
    "/categories",
    response={200: list[schemas.Category], **responses(401)},
    operation_id="listCategories",
    tags=["reference"],
    summary="分類の一覧 / List categories",
)
def list_categories(request):
    """Categories with their number of public datasets."""
    reader(request)
    return [
        schemas.Category(slug=c.slug, name=c.name, name_en=c.name_en, dataset_count=c.n)
        for c in Category.objects.annotate(n=_public_count())
    ]


@router.get(
    "/standard-datasets",
    response={200: list[schemas.StandardDataset], **responses(401)},
    operation_id="listStandardDatasets",
    tags=["reference"],
    summary="自治体標準オープンデータセット / List standard datasets",
)
def list_standard_datasets(request):
    """The 自治体標準オープンデータセット a dataset can follow."""
    reader(request)
    return [
        schemas.StandardDataset(
            slug=s.slug, number=s.number, title=s.title, title_en=s.title_en, dataset_count=s.n
        )
        for s in StandardDataset.objects.annotate(n=_public_count())
    ]

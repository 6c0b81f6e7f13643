"""Write operations; each needs an API token and calls the same services as the staff screens."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Schema, Status
from ninja.files import UploadedFile

from catalog import selectors, services
from catalog.api import schemas, serialize
from catalog.api.errors import TokenAuth, responses
from catalog.api.read import DatasetSlug, router
from catalog.gate import Gate
from catalog.models import Dataset, Resource
from catalog.services import DatasetData, ResourceData
from core.errors import InvalidInput, NotFound
from core.models import Organisation

AUTH = TokenAuth()

# A PATCH may clear these with null; the others need a value.
REQUIRED = {"slug", "title", "licence", "update_frequency", "private"}
LIST_FIELDS = {"tags", "categories"}
NULLABLE = {"department", "temporal_start", "temporal_end", "standard"}


class ResourceForm(Schema):
    """Metadata sent with an uploaded file."""

    name: schemas.Text(300) = ""
    name_en: schemas.Text(300) = ""
    description: schemas.Text(10_000) = ""
    format: schemas.Text(20) = ""


class VersionForm(Schema):
    """A new version: a file (multipart 'file') or a URL; format defaults to the current one."""

    url: schemas.Text(2000) = ""
    format: schemas.Text(20) = ""


def _dataset(request, slug: str) -> Dataset:
    return selectors.dataset_for(request.auth, slug)


def _resource(dataset: Dataset, resource_id: UUID) -> Resource:
    found = dataset.resources.filter(uuid=resource_id, deleted=False).first()
    if found is None:
        raise NotFound(_("リソースが見つかりません"))
    return found


def _apply(base: DatasetData, values: dict) -> DatasetData:
    missing = [key for key, value in values.items() if value is None and key in REQUIRED]
    if missing:
        raise InvalidInput(
            _("入力内容を確認してください"), field_errors={key: [_("必須です")] for key in missing}
        )
    known = {f.name for f in dataclass_fields(DatasetData)}
    for key, value in values.items():
        if key not in known:
            continue
        if value is None and key not in NULLABLE:
            value = [] if key in LIST_FIELDS else ""
        setattr(base, key, value)
    return base


def _detail(dataset: Dataset) -> schemas.Dataset:
    # Only the organisation's editors write, and they see every version.
    found = serialize.for_detail(Dataset.objects.filter(pk=dataset.pk)).get()
    return serialize.dataset(found, gate=Gate.internal())


def _resource_out(dataset: Dataset, resource: Resource) -> schemas.Resource:
    fresh = (
        Resource.objects.select_related("current_version")
        .prefetch_related("versions")
        .get(pk=resource.pk)
    )
    return serialize.resource(dataset, fresh, gate=Gate.internal())


@router.post(
    "/datasets",
    response={201: schemas.Dataset, **responses(400, 401, 403, 409)},
    operation_id="createDataset",
    auth=AUTH,
    tags=["datasets"],
    summary="データセットの作成 / Create a dataset",
)
def create_dataset(request, body: schemas.DatasetCreate):
    """Create a draft dataset in an organisation where the token's user is an editor."""
    values = body.model_dump(exclude_unset=True)
    slug = values.pop("organization")
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise InvalidInput(
            _("団体が見つかりません"), field_errors={"organization": [_("団体が見つかりません")]}
        )
    with transaction.atomic():
        dataset = services.create_dataset(
            actor=request.auth, organisation=organisation, data=_apply(DatasetData(), values)
        )
    return Status(201, _detail(dataset))


@router.patch(
    "/datasets/{slug}",
    response={200: schemas.Dataset, **responses(400, 401, 403, 404, 409)},
    operation_id="updateDataset",
    auth=AUTH,
    tags=["datasets"],
    summary="データセットの変更 / Update a dataset",
)
def update_dataset(request, slug: DatasetSlug, body: schemas.DatasetFields):
    """Change only the fields sent; null clears an optional field."""
    dataset = _dataset(request, slug)
    data = _apply(DatasetData.from_dataset(dataset), body.model_dump(exclude_unset=True))
    with transaction.atomic():
        services.update_dataset(actor=request.auth, dataset=dataset, data=data)
    return _detail(dataset)


@router.post(
    "/datasets/{slug}/publish",
    response={200: schemas.Dataset, **responses(401, 403, 404, 409)},
    operation_id="publishDataset",
    auth=AUTH,
    tags=["datasets"],
    summary="公開 / Publish a dataset",
)
def publish_dataset(request, slug: DatasetSlug):
    """Publish a draft (a private dataset stays visible to its organisation only)."""
    dataset = _dataset(request, slug)
    with transaction.atomic():
        services.publish_dataset(actor=request.auth, dataset=dataset)
    return _detail(dataset)


@router.post(
    "/datasets/{slug}/unpublish",
    response={200: schemas.Dataset, **responses(401, 403, 404, 409)},
    operation_id="unpublishDataset",
    auth=AUTH,
    tags=["datasets"],
    summary="非公開に戻す / Unpublish a dataset",
)
def unpublish_dataset(request, slug: DatasetSlug):
    """Take a published dataset back to draft."""
    dataset = _dataset(request, slug)
    with transaction.atomic():
        services.unpublish_dataset(actor=request.auth, dataset=dataset)
    return _detail(dataset)


@router.delete(
    "/datasets/{slug}",
    response={204: None, **responses(401, 403, 404, 409)},
    operation_id="deleteDataset",
    auth=AUTH,
    tags=["datasets"],
    summary="削除 / Delete a dataset",
)
def delete_dataset(request, slug: DatasetSlug):
    """Delete a dataset; its files stay stored and its pages answer 404."""
    dataset = _dataset(request, slug)
    with transaction.atomic():
        services.delete_dataset(actor=request.auth, dataset=dataset)
    return Status(204, None)


@router.post(
    "/datasets/{slug}/resources",
    response={201: schemas.Resource, **responses(400, 401, 403, 404, 409)},
    operation_id="addResourceLink",
    auth=AUTH,
    tags=["datasets"],
    summary="URLのリソース追加 / Add a resource by URL",
)
def add_resource_link(request, slug: DatasetSlug, body: schemas.ResourceLink):
    """Add a resource that links to a URL (http or https)."""
    dataset = _dataset(request, slug)
    data = ResourceData(
        name=body.name, name_en=body.name_en, description=body.description, format=body.format
    )
    with transaction.atomic():
        resource = services.add_resource(
            actor=request.auth, dataset=dataset, data=data, url=body.url
        )
    return Status(201, _resource_out(dataset, resource))


@router.post(
    "/datasets/{slug}/resources/upload",
    response={201: schemas.Resource, **responses(400, 401, 403, 404, 409, 413)},
    operation_id="uploadResource",
    auth=AUTH,
    tags=["datasets"],
    summary="ファイルのリソース追加 / Upload a file as a new resource",
)
def upload_resource(request, slug: DatasetSlug, file: File[UploadedFile], meta: Form[ResourceForm]):
    """Upload a file (multipart/form-data); its content must match the format."""
    dataset = _dataset(request, slug)
    data = ResourceData(
        name=meta.name, name_en=meta.name_en, description=meta.description, format=meta.format
    )
    with transaction.atomic():
        resource = services.add_resource(
            actor=request.auth, dataset=dataset, data=data, upload=file
        )
    return Status(201, _resource_out(dataset, resource))


@router.post(
    "/datasets/{slug}/resources/{resource_id}/versions",
    response={201: schemas.Resource, **responses(400, 401, 403, 404, 409, 413)},
    operation_id="addResourceVersion",
    auth=AUTH,
    tags=["datasets"],
    summary="新しい版 / Publish a new version of a resource",
)
def add_resource_version(
    request,
    slug: DatasetSlug,
    resource_id: UUID,
    form: Form[VersionForm],
    file: File[UploadedFile | None] = None,
):
    """A new file (multipart 'file') or URL becomes the current version; earlier versions stay
    listed and downloadable."""
    dataset = _dataset(request, slug)
    resource = _resource(dataset, resource_id)
    with transaction.atomic():
        services.replace_resource_file(
            actor=request.auth, resource=resource, upload=file, url=form.url, format=form.format
        )
    return Status(201, _resource_out(dataset, resource))

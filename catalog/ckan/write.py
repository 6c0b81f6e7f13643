"""Write actions of the CKAN Action API; each calls the same services as the staff screens."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from catalog import services
from catalog.ckan import dicts, lookup
from catalog.ckan.params import as_bool, as_int, maybe_uuid, required
from catalog.ckan.read import package_show, resource_show
from catalog.gate import Gate
from catalog.models import Dataset, Resource
from catalog.services import DatasetData, ResourceData
from core.actor import Actor
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models import ApiToken, Department
from core.services import organisations as org_services
from core.services import tokens

DATASET_KEYS = {
    "name": "slug",
    "title": "title",
    "notes": "description",
    "license_id": "licence",
    "maintainer": "contact_name",
    "maintainer_email": "contact_email",
}
EXTRA_KEYS = {
    "title_en": "title_en",
    "description_en": "description_en",
    "standard_dataset": "standard",
    "update_frequency": "update_frequency",
    "spatial_text": "spatial",
    "contact_phone": "contact_phone",
}


def _extras(data: dict) -> dict:
    values = {}
    for item in data.get("extras") or []:
        if isinstance(item, dict) and "key" in item:
            values[str(item["key"])] = item.get("value")
    for key in [*list(EXTRA_KEYS), "temporal_start", "temporal_end", "department"]:
        if key in data:
            values[key] = data[key]
    return values


def _names(items, key: str = "name") -> list[str]:
    names = []
    for item in items or []:
        value = item.get(key) if isinstance(item, dict) else item
        if value:
            names.append(str(value))
    return names


def _date(value, field: str):
    if value in (None, ""):
        return None
    parsed = parse_date(str(value)[:10])
    if parsed is None:
        raise InvalidInput(
            _("日付は YYYY-MM-DD で指定してください"), field_errors={field: [str(value)]}
        )
    return parsed


def _dataset_data(data: dict, base: DatasetData, organisation) -> DatasetData:
    """Overlay the CKAN dict's keys on base (package_update passes an empty base)."""
    for key, attr in DATASET_KEYS.items():
        if key in data:
            setattr(base, attr, "" if data[key] is None else str(data[key]))
    if "tags" in data:
        base.tags = _names(data["tags"])
    if "groups" in data:
        base.categories = _names(data["groups"])
    if "private" in data:
        base.private = as_bool(data, "private")
    extras = _extras(data)
    for key, attr in EXTRA_KEYS.items():
        if key in extras:
            value = extras[key]
            setattr(base, attr, (value or None) if attr == "standard" else str(value or ""))
    for key in ("temporal_start", "temporal_end"):
        if key in extras:
            setattr(base, key, _date(extras[key], key))
    if "department" in extras:
        name = str(extras["department"] or "")
        dept = Department.objects.filter(organisation=organisation, name=name).first()
        base.department = dept.pk if dept else None
    if not base.update_frequency:
        base.update_frequency = "irregular"
    if not base.licence:
        base.licence = "other"
    return base


def _state(actor: Actor, dataset: Dataset, data: dict, default: str | None) -> None:
    state = str(data.get("state") or default or "")
    if state == "active" and dataset.state != Dataset.State.PUBLISHED:
        services.publish_dataset(actor=actor, dataset=dataset)
    elif state == "draft" and dataset.state == Dataset.State.PUBLISHED:
        services.unpublish_dataset(actor=actor, dataset=dataset)
    elif state == "deleted":
        services.delete_dataset(actor=actor, dataset=dataset)


def _resource_data(item: dict, base: ResourceData | None = None) -> ResourceData:
    base = base or ResourceData()
    for key in ("name", "name_en", "description", "format"):
        if key in item and item[key] is not None:
            setattr(base, key, str(item[key]))
    return base


def _sync_resources(actor: Actor, dataset: Dataset, items: list, *, remove_missing: bool):
    """Make the dataset's resources match CKAN's list (update by id, add new, remove others)."""
    existing = {str(r.uuid): r for r in dataset.resources.filter(deleted=False)}
    seen = set()
    for item in items or []:
        if not isinstance(item, dict):
            raise InvalidInput(
                _("resources はオブジェクトのリストです"),
                field_errors={"resources": [_("形式が正しくありません")]},
            )
        rid = str(item.get("id") or "")
        if rid in existing:
            seen.add(rid)
            _update_resource(actor, existing[rid], item, patch=False)
        else:
            resource = services.add_resource(
                actor=actor,
                dataset=dataset,
                data=_resource_data(item),
                upload=item.get("upload") if hasattr(item.get("upload"), "read") else None,
                url=str(item.get("url") or ""),
                uuid=maybe_uuid(rid) if rid else None,
            )
            seen.add(str(resource.uuid))
    if remove_missing:
        for rid, resource in existing.items():
            if rid not in seen:
                services.delete_resource(actor=actor, resource=resource)


def _update_resource(actor: Actor, resource: Resource, data: dict, *, patch: bool) -> None:
    current = ResourceData(
        name=resource.name,
        name_en=resource.name_en,
        description=resource.description,
        format=resource.format,
    )
    new = _resource_data(data, current if patch else ResourceData(format=resource.format))
    if not new.name:
        new.name = resource.name
    services.update_resource(actor=actor, resource=resource, data=new)
    upload = data.get("upload")
    if hasattr(upload, "read"):
        services.replace_resource_file(actor=actor, resource=resource, upload=upload)
        return
    url = str(data.get("url") or "")
    current_url = dicts.resource_dict(resource, dataset=resource.dataset,
                                      gate=Gate.internal())["url"]
    if url and url != current_url:
        services.replace_resource_file(actor=actor, resource=resource, url=url)


def package_create(actor: Actor, data: dict):
    """Create a dataset (active unless state=draft) with its resources."""
    org = lookup.organisation(required(data, "owner_org"))
    dataset_data = _dataset_data(data, DatasetData(licence=""), org)
    dataset = services.create_dataset(
        actor=actor,
        organisation=org,
        data=dataset_data,
        uuid=maybe_uuid(data["id"]) if data.get("id") else None,
    )
    with services.deferred_refresh():  # one re-index for the dataset, not one per resource
        _sync_resources(actor, dataset, data.get("resources") or [], remove_missing=False)
        _state(actor, dataset, data, "active")
    return package_show(actor, {"id": str(dataset.uuid)})


def _edit_package(actor: Actor, data: dict, *, patch: bool):
    dataset = lookup.dataset(actor, data)
    base = (
        DatasetData.from_dataset(dataset)
        if patch
        else DatasetData(slug=dataset.slug, licence="", private=dataset.private)
    )
    services.update_dataset(
        actor=actor, dataset=dataset, data=_dataset_data(data, base, dataset.organisation)
    )
    with services.deferred_refresh():
        if "resources" in data:
            _sync_resources(actor, dataset, data.get("resources") or [], remove_missing=True)
        _state(actor, dataset, data, None)
    return package_show(actor, {"id": str(dataset.uuid)})


def package_update(actor: Actor, data: dict):
    """Replace a dataset's metadata (and resources, when given)."""
    return _edit_package(actor, data, patch=False)


def package_patch(actor: Actor, data: dict):
    """Change only the given fields of a dataset."""
    return _edit_package(actor, data, patch=True)


def package_delete(actor: Actor, data: dict):
    """Delete a dataset."""
    services.delete_dataset(actor=actor, dataset=lookup.dataset(actor, data))
    return None


def resource_create(actor: Actor, data: dict):
    """Add a resource from a URL or an uploaded file ('upload')."""
    dataset = lookup.dataset(actor, data, key="package_id")
    upload = data.get("upload") if hasattr(data.get("upload"), "read") else None
    resource = services.add_resource(
        actor=actor,
        dataset=dataset,
        data=_resource_data(data),
        upload=upload,
        url=str(data.get("url") or ""),
        uuid=maybe_uuid(data["id"]) if data.get("id") else None,
    )
    return resource_show(actor, {"id": str(resource.uuid)})


def resource_update(actor: Actor, data: dict):
    """Replace a resource's metadata; a new file or URL becomes a new version."""
    resource = lookup.resource(actor, data)
    _update_resource(actor, resource, data, patch=False)
    return resource_show(actor, {"id": str(resource.uuid)})


def resource_patch(actor: Actor, data: dict):
    """Change only the given fields of a resource; a new file or URL becomes a new version."""
    resource = lookup.resource(actor, data)
    _update_resource(actor, resource, data, patch=True)
    return resource_show(actor, {"id": str(resource.uuid)})


def resource_delete(actor: Actor, data: dict):
    """Delete a resource (its stored files are kept)."""
    services.delete_resource(actor=actor, resource=lookup.resource(actor, data))
    return None


ORG_KEYS = ("name_en", "name_kana", "kind", "website", "description")


def _org_fields(data: dict) -> dict:
    fields = {}
    extras = _extras(data)
    for key in ORG_KEYS:
        if key in data:
            fields[key] = str(data[key] or "")
        elif key in extras:
            fields[key] = str(extras[key] or "")
    if "title" in data:
        fields["name"] = str(data["title"] or "")
    if "is_fictional" in data:
        fields["is_fictional"] = as_bool(data, "is_fictional")
    return fields


def organization_create(actor: Actor, data: dict):
    """Create an organisation (site administrators)."""
    from catalog.ckan.read import organization_show

    extras = _extras(data)
    fields = _org_fields(data)
    name = fields.pop("name", "") or str(data.get("name") or "")
    org = org_services.create_organisation(
        actor=actor,
        slug=required(data, "name"),
        name=name,
        lgcode=str(data.get("lgcode") or extras.get("lgcode") or "") or None,
        uuid=maybe_uuid(data["id"]) if data.get("id") else None,
        **fields,
    )
    return organization_show(actor, {"id": str(org.uuid)})


def organization_update(actor: Actor, data: dict):
    """Change an organisation (its administrators)."""
    from catalog.ckan.read import organization_show

    org = lookup.organisation(required(data, "id"))
    org_services.update_organisation(actor=actor, organisation=org, **_org_fields(data))
    return organization_show(actor, {"id": str(org.uuid)})


def api_token_create(actor: Actor, data: dict):
    """Create an API token for the actor (or, for a site admin, the named user)."""
    user = None
    wanted = data.get("user")
    if wanted:
        model = get_user_model()
        user = model.objects.filter(username=str(wanted)).first()
        if user is None:
            raise NotFound(_("利用者が見つかりません"))
    expires_at = None
    if data.get("expires_in"):
        seconds = as_int(data, "expires_in", 0, lo=1) * as_int(data, "unit", 1, lo=1)
        expires_at = timezone.now() + timedelta(seconds=seconds)
    _token, secret = tokens.create_api_token(
        actor=actor, name=required(data, "name"), expires_at=expires_at, user=user
    )
    return {"token": secret}


def api_token_revoke(actor: Actor, data: dict):
    """Revoke a token given by its secret ('token') or its prefix ('jti')."""
    token = None
    if data.get("token"):
        token = ApiToken.objects.filter(key_hash=tokens.hash_token(str(data["token"]))).first()
    elif data.get("jti"):
        token = ApiToken.objects.filter(prefix=str(data["jti"])).first()
    if token is None:
        raise NotFound(_("トークンが見つかりません"))
    if not actor.is_authenticated:
        raise PermissionDenied(_("ログインが必要です"))
    tokens.revoke_api_token(actor=actor, token=token)
    return None

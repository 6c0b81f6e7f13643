"""Find objects by CKAN id (UUID) or name (slug), respecting what the actor may see."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from catalog.ckan.params import maybe_uuid, required
from catalog.models import Category, Dataset, Resource
from catalog.selectors import visible_datasets
from core.actor import Actor
from core.errors import NotFound
from core.models import Organisation


def dataset(actor: Actor, data: dict, key: str = "id") -> Dataset:
    """The visible dataset named by id or name."""
    ident = data.get(key)
    if not ident and key == "id":
        ident = data.get("name")
    if not ident:
        required(data, key)
    qs = visible_datasets(actor).select_related("organisation", "licence", "department", "standard")
    parsed = maybe_uuid(ident)
    found = qs.filter(uuid=parsed).first() if parsed else None
    found = found or qs.filter(slug=str(ident)).first()
    if found is None:
        raise NotFound(_("データセットが見つかりません"))
    return found


def resource(actor: Actor, data: dict) -> Resource:
    """The live resource with this id, in a visible dataset."""
    parsed = maybe_uuid(required(data, "id"))
    found = None
    if parsed:
        found = (
            Resource.objects.select_related("dataset", "current_version")
            .filter(uuid=parsed, deleted=False)
            .first()
        )
    if found is None or not visible_datasets(actor).filter(pk=found.dataset_id).exists():
        raise NotFound(_("リソースが見つかりません"))
    return found


def organisation(value: str) -> Organisation:
    """An organisation by id or name."""
    parsed = maybe_uuid(value)
    found = Organisation.objects.filter(uuid=parsed).first() if parsed else None
    found = found or Organisation.objects.filter(slug=str(value)).first()
    if found is None:
        raise NotFound(_("団体が見つかりません"))
    return found


def category(value: str) -> Category:
    """A category (CKAN group) by name."""
    found = Category.objects.filter(slug=str(value)).first()
    if found is None:
        raise NotFound(_("グループが見つかりません"))
    return found

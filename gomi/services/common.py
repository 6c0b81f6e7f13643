"""What every gomi write service shares: the editor check, ownership, audit and publication."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput, NotFound
from core.models import Organisation, Role
from core.permissions import require_role
from core.services import audit


def require_editor(actor: Actor, municipality: Organisation) -> None:
    """Only editors and admins of the municipality (or site admins) change its gomi data."""
    require_role(actor, municipality, Role.EDITOR)


def require_own(municipality: Organisation, *objects) -> None:
    """Refuse any given row of another municipality as if it did not exist (None is skipped).

    The role check is made on ``municipality``; without this an editor of town A could pass
    town B's area, category, item, closure or notice and change it through A.
    """
    for obj in objects:
        if obj is not None and getattr(obj, "municipality_id", None) != municipality.pk:
            raise NotFound(_("対象が見つかりません"))


def invalid(field_name: str, message) -> InvalidInput:
    """An InvalidInput naming the field at fault."""
    return InvalidInput(message, field_errors={field_name: [message]})


def changed(*, actor: Actor, municipality: Organisation, action: str, target,
            details: dict | None = None) -> None:
    """Audit one change and queue the open-data update (the job runs once committed)."""
    from gomi.catalog_publish import request_publication  # catalog_publish imports services

    audit.record(actor=actor, action=action, target=target, organisation=municipality,
                 details=details or {})
    request_publication(actor=actor, municipality=municipality)


def delete_row(*, actor: Actor, obj, action: str, details: dict) -> None:
    """Delete one row of a municipality, audited, and queue the open-data update."""
    municipality = obj.municipality
    require_editor(actor, municipality)
    with transaction.atomic():
        changed(actor=actor, municipality=municipality, action=action, target=obj,
                details=details)
        obj.delete()

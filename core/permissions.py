"""Role checks used by service functions (never by templates alone)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import PermissionDenied
from core.models import Membership, Organisation, Role
from core.models.organisations import ROLE_RANK


def is_site_admin(actor: Actor) -> bool:
    """Site administrators (superusers) may act on every organisation."""
    return actor.is_authenticated and bool(getattr(actor.user, "is_superuser", False))


def role_in(actor: Actor, organisation: Organisation | None) -> str | None:
    """The actor's role in the organisation, or None."""
    if organisation is None or not actor.is_authenticated:
        return None
    if is_site_admin(actor):
        return Role.ADMIN
    membership = Membership.objects.filter(user=actor.user, organisation=organisation).first()
    return membership.role if membership else None


def has_role(actor: Actor, organisation: Organisation | None, minimum: str) -> bool:
    """True when the actor holds at least the given role in the organisation."""
    role = role_in(actor, organisation)
    return role is not None and ROLE_RANK[Role(role)] >= ROLE_RANK[Role(minimum)]


def require_role(actor: Actor, organisation: Organisation | None, minimum: str) -> None:
    """Raise PermissionDenied unless the actor holds at least the given role."""
    if not has_role(actor, organisation, minimum):
        raise PermissionDenied(_("この操作を行う権限がありません"))


def require_site_admin(actor: Actor) -> None:
    """Raise PermissionDenied unless the actor is a site administrator."""
    if not is_site_admin(actor):
        raise PermissionDenied(_("サイト管理者だけが行える操作です"))


def readable_organisation_ids(actor: Actor) -> set[int] | None:
    """Organisations whose private data the actor may read; None means all (site admin)."""
    if is_site_admin(actor):
        return None
    if not actor.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=actor.user).values_list("organisation_id", flat=True))


def editable_organisations(actor: Actor):
    """Organisations in which the actor may edit datasets."""
    if is_site_admin(actor):
        return Organisation.objects.all()
    if not actor.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=actor.user, memberships__role__in=[Role.EDITOR, Role.ADMIN]
    ).distinct()

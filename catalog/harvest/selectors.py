"""Reads for the harvest staff pages, filtered by what the actor administers."""

from __future__ import annotations

from catalog.models import HarvestSource
from core.actor import Actor
from core.models import Job, Organisation, Role
from core.permissions import has_role, is_site_admin


def administered_organisations(actor: Actor) -> list[Organisation]:
    """Organisations in which the actor may manage harvest sources (administrators)."""
    if is_site_admin(actor):
        return list(Organisation.objects.order_by("slug"))
    if not actor.is_authenticated:
        return []
    candidates = Organisation.objects.filter(memberships__user=actor.user).order_by("slug")
    return [o for o in candidates if has_role(actor, o, Role.ADMIN)]


def sources_for(actor: Actor):
    """Harvest sources of the organisations the actor administers."""
    qs = HarvestSource.objects.select_related("organisation", "last_job")
    if is_site_admin(actor):
        return qs
    return qs.filter(organisation__in=administered_organisations(actor))


def source_for(actor: Actor, pk: int) -> HarvestSource | None:
    """One source the actor administers, or None."""
    return sources_for(actor).filter(pk=pk).first()


def recent_jobs(source: HarvestSource, limit: int = 10):
    """The latest harvest jobs of a source."""
    return Job.objects.filter(kind="catalog.harvest",
                              target__in=[str(source.pk), f"{source.pk}:full"])[:limit]

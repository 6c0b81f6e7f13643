"""Read queries of the privacy app: the guard's scans that a staff member may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import NotFound
from core.permissions import readable_organisation_ids
from privacy.models import GuardScan


def visible_scans(actor: Actor) -> QuerySet:
    """Scans of versions of the organisations the actor belongs to (all for site admins)."""
    readable = readable_organisation_ids(actor)
    qs = GuardScan.objects.select_related(
        "version__resource__dataset__organisation", "overridden_by",
    ).filter(version__resource__deleted=False)
    if readable is None:
        return qs
    return qs.filter(version__resource__dataset__organisation_id__in=readable)


def scans_needing_attention(actor: Actor) -> QuerySet:
    """Scans that are not clear (blocked, pending, warned or unscannable), newest first."""
    return visible_scans(actor).exclude(outcome=GuardScan.Outcome.CLEAR).order_by("-created")


def scan_for(actor: Actor, version_id: int) -> GuardScan:
    """The scan of one version if the actor may see it, else NotFound."""
    scan = visible_scans(actor).filter(version_id=version_id).first()
    if scan is None:
        raise NotFound(_("検査結果が見つかりません"))
    return scan


def scan_of(version) -> GuardScan | None:
    """The guard's scan of a version: stored for uploads, a note for links, None if not yet."""
    if version is None:
        return None
    if not version.is_upload:
        from privacy.services.guard import link_scan

        return link_scan(version)
    return GuardScan.objects.filter(version_id=version.pk).first()

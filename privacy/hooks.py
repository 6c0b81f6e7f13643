"""Hooks of the guard into the catalog and tabular apps, so that neither imports privacy.

- every new resource version gets a scan (post_save on ResourceVersion);
- the ingestion job hands the guard the raw tables it read, before the version is ready;
- the catalog's gate asks which versions are withheld, and publishing asks whether it may;
- CKAN's resource_show says what the guard decided.
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from core import jobs


def _on_new_version(sender, instance, created: bool, **kwargs) -> None:
    """Scan a freshly created version (small files now, others in a job)."""
    if not created or kwargs.get("raw"):
        return
    from privacy.services.guard import scan_new_version

    scan_new_version(version=instance)


def _on_read(version, tables) -> None:
    """Ingestion inspector: scan the raw tables (None when the file could not be read)."""
    from privacy.models import GuardScan
    from privacy.services import guard

    if tables is None:
        guard.record_unscannable(version=version, note=GuardScan.Note.FAILED)
    else:
        guard.record_tables(version=version, tables=tables)


def withheld_versions(version_ids: set[int]) -> set[int]:
    """Uploaded versions that are pending, unscanned or blocked without an override."""
    from catalog.models import ResourceVersion
    from privacy.models import GuardScan

    pending = Q(guard_scan__isnull=True) | Q(guard_scan__outcome=GuardScan.Outcome.PENDING)
    blocked = Q(guard_scan__outcome=GuardScan.Outcome.BLOCK,
                guard_scan__overridden_at__isnull=True)
    return set(
        ResourceVersion.objects.filter(pk__in=version_ids, stored_file__isnull=False)
        .filter(pending | blocked).values_list("pk", flat=True)
    )


def _check_publishable(dataset) -> None:
    """Publication check: refuse while a current version is blocked or pending."""
    from privacy.services.guard import check_publishable

    check_publishable(dataset)


def _resource_show_extras(resource) -> dict:
    """CKAN resource_show key: the guard's outcome for the current version (no findings)."""
    from privacy.selectors import scan_of

    scan = scan_of(resource.current_version)
    if scan is None:
        return {"privacy_guard": None}
    return {"privacy_guard": {"outcome": scan.outcome, "note": scan.note or None,
                              "overridden": scan.is_overridden}}


@jobs.register("privacy.guard_scan", label=_("個人情報の検査"))
def guard_scan_job(job) -> None:
    """Scan a large non-tabular upload with the tabular reader (job.target is the version id)."""
    from catalog.models import ResourceVersion
    from core.services import jobs as job_service
    from privacy.services.guard import scan_file_now

    version = ResourceVersion.objects.select_related("stored_file", "resource").filter(
        pk=int(job.target or 0)).first()
    if version is None:
        job_service.log(job, "版が見つかりません / version not found")
        return
    scan = scan_file_now(version=version, final=True)
    job_service.log(job, f"判定 / outcome: {scan.outcome}")


def connect() -> None:
    """Connect the guard's signal handlers and extensions (idempotent)."""
    from catalog import extensions
    from catalog.models import ResourceVersion
    from tabular import services as tabular_services

    post_save.connect(_on_new_version, sender=ResourceVersion,
                      dispatch_uid="privacy.guard_new_version")
    for registry, hook in (
        (extensions.VERSION_WITHHOLDERS, withheld_versions),
        (extensions.PUBLISH_CHECKS, _check_publishable),
        (extensions.RESOURCE_SHOW_EXTRAS, _resource_show_extras),
        (tabular_services.READ_INSPECTORS, _on_read),
    ):
        if hook not in registry:
            registry.append(hook)

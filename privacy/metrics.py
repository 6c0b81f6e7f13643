"""Metrics of the privacy app, registered with core.metrics (imported by privacy.tasks)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.metrics import metric


@metric("privacy.anonymised_releases", label=_("匿名加工情報の公開件数"), unit="件",
        description=_("匿名加工して公開した件数（行政機関等匿名加工情報）"))
def anonymised_releases(organisation) -> int:
    """Anonymised releases published (site-wide, or of one organisation)."""
    from privacy.models import AnonymisedRelease

    published = AnonymisedRelease.objects.filter(status=AnonymisedRelease.Status.PUBLISHED)
    if organisation is not None:
        published = published.filter(organisation=organisation)
    return published.count()

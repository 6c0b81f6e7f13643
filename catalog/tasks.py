"""Catalog jobs: recompute quality scores (the 'updated on time' check changes with time)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import jobs
from core.models import Job
from core.services import jobs as job_service


@jobs.register("catalog.refresh_scores", label=_("品質スコアの再計算"))
def refresh_scores(job: Job) -> None:
    """Recompute formats, stars, quality and search tokens of an organisation's datasets."""
    from catalog.models import Dataset
    from catalog.services import refresh_derived_fields

    qs = Dataset.objects.exclude(state=Dataset.State.DELETED).select_related(
        "organisation", "licence", "standard", "department"
    )
    if job.organisation_id:
        qs = qs.filter(organisation_id=job.organisation_id)
    total = qs.count()
    for done, dataset in enumerate(qs.iterator(chunk_size=500), start=1):
        refresh_derived_fields(dataset)
        if done % 200 == 0 or done == total:
            job_service.log(job, f"{done}/{total}", progress=int(done * 100 / max(total, 1)))
    job_service.log(job, f"再計算しました / recomputed: {total}")


@jobs.register("catalog.harvest", label=_("データセットの収集"))
def harvest(job: Job) -> None:
    """Harvest one source (job.target is its id); the report goes to the job's log."""
    from catalog.harvest.services import run_job

    run_job(job)

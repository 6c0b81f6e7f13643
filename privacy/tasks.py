"""Job kinds of the privacy app (registered with core.jobs on import); target: a release id."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import jobs
from core.models import Job
from core.services import jobs as job_service
from privacy import metrics  # noqa: F401 - registers privacy.anonymised_releases


def _release(job: Job):
    """The release a job works on, or None (logged) when it is gone."""
    from privacy.models import AnonymisedRelease

    release = AnonymisedRelease.objects.select_related("source_table__parquet").filter(
        pk=int(job.target or 0)).first()
    if release is None:
        job_service.log(job, "匿名加工情報が見つかりません / release not found")
    return release


@jobs.register("privacy.anonymise", label=_("匿名加工"))
def anonymise(job: Job) -> None:
    """Run the engine on the release's source table and store the CSV, report and map."""
    from privacy.services.release_run import execute

    release = _release(job)
    if release is None:
        return
    execute(release)
    if release.status == release.Status.FAILED:
        job_service.log(job, f"失敗 / failed: {release.error_code}")
        raise RuntimeError(release.error_code)
    job_service.log(job, f"完了 / done: k={release.report.get('k')}, "
                         f"{release.report.get('suppressed_rows')} rows suppressed")


@jobs.register("privacy.anonymise_preview", label=_("匿名加工の試算"))
def anonymise_preview(job: Job) -> None:
    """Search the lattice for a large table and keep the preview on the release."""
    from privacy.services.release_run import store_preview

    release = _release(job)
    if release is None:
        return
    store_preview(release)
    job_service.log(job, "完了 / done" if release.preview.get("ok")
                    else f"失敗 / failed: {release.preview.get('code')}")

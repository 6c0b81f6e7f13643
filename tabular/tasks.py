"""Tabular jobs: the ingestion of one resource version (job.target is the ingestion id)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import jobs
from core.models import Job
from core.services import jobs as job_service


@jobs.register("tabular.ingest", label=_("表データの取り込み"))
def ingest(job: Job) -> None:
    """Read, validate and convert the file of one resource version."""
    from tabular.models import Ingestion
    from tabular.services import run_ingestion

    ingestion = Ingestion.objects.select_related(
        "version__resource__dataset__organisation", "version__stored_file"
    ).filter(pk=int(job.target or 0)).first()
    if ingestion is None:
        job_service.log(job, "取り込みが見つかりません / ingestion not found")
        return
    run_ingestion(ingestion)
    if ingestion.state == Ingestion.State.FAILED:
        job_service.log(job, f"失敗 / failed: {ingestion.error_code} ({ingestion.error_step})")
        raise RuntimeError(ingestion.error_code)
    job_service.log(job, f"完了 / ready: {ingestion.rows_done} rows, "
                         f"{ingestion.error_count} errors")

"""Tasks of the core app, run by `manage.py db_worker`."""

from __future__ import annotations

import logging

from django_tasks import task

from core import jobs
from core.models import Job
from core.services import jobs as job_service

logger = logging.getLogger(__name__)


@task()
def run_job(job_id: int) -> str:
    """Run the job with this id through its registered handler and record the outcome."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    if job.status in (Job.Status.SUCCEEDED, Job.Status.FAILED):
        return job.status
    job_service.start(job)
    try:
        jobs.handler_for(job.kind)(job)
    except Exception as exc:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        job_service.finish(job, ok=False, line=f"失敗 / failed: {type(exc).__name__}")
        return Job.Status.FAILED
    job_service.finish(job, ok=True)
    return Job.Status.SUCCEEDED

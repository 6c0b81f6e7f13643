"""Job rows that users can follow while the worker does long work."""

from __future__ import annotations

from django.utils import timezone

from core.models import Job


def start(job: Job) -> None:
    """Mark a job as running."""
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started=timezone.now())
    job.refresh_from_db()


def log(job: Job, line: str, *, progress: int | None = None) -> None:
    """Append a line to the job's log (no personal data, ever)."""
    job.log = (job.log + line.rstrip() + "\n")[-200_000:]
    fields = ["log"]
    if progress is not None:
        job.progress = max(0, min(100, progress))
        fields.append("progress")
    job.save(update_fields=fields)


def finish(job: Job, *, ok: bool, line: str = "") -> None:
    """Mark a job as finished."""
    if line:
        log(job, line)
    job.status = Job.Status.SUCCEEDED if ok else Job.Status.FAILED
    job.progress = 100 if ok else job.progress
    job.finished = timezone.now()
    job.save(update_fields=["status", "progress", "finished"])

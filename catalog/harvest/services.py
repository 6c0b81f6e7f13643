"""Use cases of harvest sources: add one, run one (as a job, or now from the command line)."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.harvest import engine, registry
from catalog.harvest.engine import HarvestReport
from catalog.harvest.guard import harvester_actor
from catalog.models import HarvestSource
from core.actor import Actor
from core.errors import InvalidInput, ServiceError
from core.http import OutboundRefused, check_url
from core.jobs import enqueue_job
from core.models import Job, Organisation, Role
from core.permissions import require_role
from core.services import audit
from core.services import jobs as job_service

logger = logging.getLogger(__name__)
JOB_KIND = "catalog.harvest"
FULL_SUFFIX = ":full"
REMOTE_ORG_RE = re.compile(r"^[A-Za-z0-9_-]{0,100}$")
# A run marked running for longer than this is taken to have died with its worker.
STALE_RUN = timedelta(hours=6)


class HarvestFailed(ServiceError):
    """The source could not be read; the job is marked failed with this reason."""

    status = 502


def create_source(*, actor: Actor, organisation: Organisation, kind: str, url: str,
                  title: str = "", schedule: str = HarvestSource.Schedule.DAILY,
                  remote_organisation: str = "", active: bool = True) -> HarvestSource:
    """Add a harvest source to an organisation (its administrators)."""
    require_role(actor, organisation, Role.ADMIN)
    url = (url or "").strip()
    errors: dict[str, list] = {}
    if kind not in registry.kinds():
        errors["kind"] = [_("収集元の種類を選んでください")]
    try:
        URLValidator(schemes=["http", "https"])(url)
        check_url(url)
    except (ValidationError, OutboundRefused):
        errors["url"] = [
            _("http または https のURLを入力してください（利用者名やパスワードは含めません）")
        ]
    if schedule not in HarvestSource.Schedule.values:
        errors["schedule"] = [_("収集の頻度を選んでください")]
    remote_organisation = (remote_organisation or "").strip()
    if not REMOTE_ORG_RE.match(remote_organisation):
        errors["remote_organisation"] = [_("半角英数字・ハイフン・下線で入力してください")]
    duplicate = HarvestSource.objects.filter(organisation=organisation, kind=kind, url=url,
                                             remote_organisation=remote_organisation)
    if not errors and duplicate.exists():
        errors["url"] = [_("この団体には同じ収集元が登録されています")]
    if errors:
        raise InvalidInput(_("入力内容を確認してください"), field_errors=errors)
    with transaction.atomic():
        source = HarvestSource.objects.create(
            organisation=organisation, kind=kind, url=url, title=(title or "").strip()[:200],
            schedule=schedule, remote_organisation=remote_organisation, active=active,
            created_by=actor.user if actor.is_authenticated else None,
        )
        audit.record(actor=actor, action="harvest_source.create", target=source,
                     organisation=organisation, details={"kind": kind})
    return source


def request_harvest(*, actor: Actor, source: HarvestSource, full: bool = False) -> Job:
    """Enqueue a run of the source for the worker (its organisation's administrators)."""
    require_role(actor, source.organisation, Role.ADMIN)
    with transaction.atomic():
        job = enqueue_job(actor=actor, kind=JOB_KIND, organisation=source.organisation,
                          target=f"{source.pk}{FULL_SUFFIX if full else ''}")
        audit.record(actor=actor, action="job.enqueue", target=job,
                     organisation=source.organisation, details={"kind": job.kind})
    return job


def _running_elsewhere(job: Job) -> bool:
    source_id = job.target.removesuffix(FULL_SUFFIX)
    return (Job.objects.filter(kind=JOB_KIND, status=Job.Status.RUNNING,
                               started__gte=timezone.now() - STALE_RUN)
            .filter(target__in=[source_id, source_id + FULL_SUFFIX])
            .exclude(pk=job.pk).exists())


def perform(job: Job, *, fetch=None) -> HarvestReport | None:
    """Run the source a job names and log the report on the job (None when another run of
    the same source is in progress). A failing source is in the report, never raised."""
    full = job.target.endswith(FULL_SUFFIX)
    source = (HarvestSource.objects.select_related("organisation")
              .get(pk=int(job.target.removesuffix(FULL_SUFFIX))))
    if _running_elsewhere(job):
        job_service.log(job, "別の収集が実行中のため飛ばしました / another run is in progress")
        return None
    HarvestSource.objects.filter(pk=source.pk).update(last_job=job)
    report = engine.harvest(source, full=full, fetch=fetch,
                            progress=lambda line: job_service.log(job, line, progress=10))
    for line in report.lines():
        job_service.log(job, line)
    return report


def run_job(job: Job) -> None:
    """The worker's handler: raise HarvestFailed when the source failed, so the job fails."""
    report = perform(job)
    if report is not None and report.failed:
        raise HarvestFailed(report.failed)


def run_now(source: HarvestSource, *, full: bool = False,
            fetch=None) -> tuple[Job, HarvestReport | None]:
    """Run a source in this process (the command line), recorded as a job like the worker's.

    Never raises for a failing source: the failure is in the job and in the returned report.
    """
    job = Job.objects.create(kind=JOB_KIND, organisation=source.organisation,
                             target=f"{source.pk}{FULL_SUFFIX if full else ''}")
    job_service.start(job)
    try:
        report = perform(job, fetch=fetch)
    except Exception as exc:
        logger.exception("harvest job %s failed", job.pk)
        job_service.finish(job, ok=False, line=f"失敗 / failed: {type(exc).__name__}")
        return job, HarvestReport(source_id=source.pk, kind=source.kind, url=source.url,
                                  failed=type(exc).__name__)
    job_service.finish(job, ok=report is None or not report.failed)
    return job, report


def due_sources(now=None) -> list[HarvestSource]:
    """Active sources whose schedule says a run is due."""
    now = now or timezone.now()
    return [s for s in HarvestSource.objects.filter(active=True).select_related("organisation")
            if s.is_due(now)]


def system_actor() -> Actor:
    """The actor command-line tools act as."""
    return harvester_actor()

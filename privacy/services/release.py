"""Anonymised releases: every write (and every audited read) of the anonymisation screens.

Editors of an organisation prepare, preview, run and publish releases; only its
administrators read the processing steps (加工方法等情報) and download linking maps, and
each of those reads is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from catalog import services as catalog_services
from catalog.models import Dataset
from core import jobs
from core.actor import Actor
from core.errors import InvalidInput, NotFound, Pair, formatted
from core.models import Job, Role
from core.permissions import editable_organisations, has_role, require_role
from core.services import audit, storage
from privacy.anonymise import AnonymisationError, Config
from privacy.models import AnonymisedRelease, LinkingMap
from privacy.services import release_run
from privacy.services.release_files import FLAT, public_report

RUN_JOB = "privacy.anonymise"
PREVIEW_JOB = "privacy.anonymise_preview"
ROLES = ("keep", "identifier", "linking", "quasi", "sensitive")
#: Hierarchies the staff screens offer (csv: paths on the server are for the CLI only).
HIERARCHIES = ("age", "postal_code", "address", "date", FLAT)
METRICS = ("loss", "discernibility", "suppressed")


def preview_sync_rows() -> int:
    """Tables up to this many rows are previewed in the request; larger ones by a job."""
    return int(getattr(settings, "PRIVACY_PREVIEW_SYNC_ROWS", 50_000))


# --- reads -----------------------------------------------------------------------------------


def ready_tables(actor: Actor):
    """Selected tables of the current, ready versions of resources the actor may edit."""
    from tabular.models import DataTable

    return (
        DataTable.objects.filter(
            selected=True, parquet__isnull=False, ingestion__state="ready",
            ingestion__version__resource__deleted=False,
            ingestion__version__resource__dataset__organisation__in=editable_organisations(actor),
        )
        .exclude(ingestion__version__resource__dataset__state=Dataset.State.DELETED)
        .select_related("ingestion__version__resource__dataset__organisation")
        .order_by("ingestion__version__resource__dataset__title", "ingestion__version__resource")
    )


def releases_for(actor: Actor):
    """Releases of the organisations the actor edits, newest first."""
    return AnonymisedRelease.objects.filter(
        organisation__in=editable_organisations(actor)
    ).select_related("organisation", "source_version__resource__dataset", "dataset")


def release_for(actor: Actor, pk: int) -> AnonymisedRelease:
    """A release the actor may work on (editor or more of its organisation), else NotFound."""
    release = releases_for(actor).select_related("job", "preview_job").filter(pk=pk).first()
    if release is None:
        raise NotFound(_("匿名加工情報が見つかりません"))
    return release


def reusable_maps(release: AnonymisedRelease):
    """Earlier releases of the same organisation whose linking map could be reused."""
    return AnonymisedRelease.objects.filter(
        organisation_id=release.organisation_id, linking_map__isnull=False,
    ).exclude(pk=release.pk)


# --- writes ----------------------------------------------------------------------------------


def create_release(*, actor: Actor, table, title: str) -> AnonymisedRelease:
    """Start a release from a ready table: every column kept until roles are set."""
    version = table.ingestion.version
    organisation = version.resource.dataset.organisation
    require_role(actor, organisation, Role.EDITOR)
    if table.ingestion.state != "ready" or table.parquet_id is None:
        raise InvalidInput(_("取り込みが完了した表を選んでください"))
    title = (title or "").strip()[:200] or f"{version.resource.name}（匿名加工）"
    columns = [f["id"] for f in table.fields] or list(table.headers)
    with transaction.atomic():
        release = AnonymisedRelease.objects.create(
            organisation=organisation, title=title, source_version=version, source_table=table,
            columns=columns, row_count=table.row_count,
            config={"columns": {}, "model": {"k": 5, "max_suppression": 0.05},
                    "min_subjects": 1000, "metric": "loss"},
            created_by=actor.user if actor.is_authenticated else None,
        )
        audit.record(actor=actor, action="privacy.release.create", target=release,
                     organisation=organisation,
                     details={"version": version.pk, "rows": table.row_count})
    return release


def _check_config(release: AnonymisedRelease, config: dict[str, Any]) -> None:
    """Refuse a staff config the engine would refuse, or that names unknown columns."""
    errors: dict[str, list] = {}
    for name, spec in (config.get("columns") or {}).items():
        if name not in release.columns:
            errors.setdefault("columns", []).append(
                formatted(_("表にない列です: %(name)s"), name=name))
        hierarchy = spec.get("hierarchy") if isinstance(spec, dict) else None
        if hierarchy is not None and hierarchy not in HIERARCHIES:
            errors.setdefault("columns", []).append(
                formatted(_("列「%(name)s」の階層を選んでください"), name=name))
    reuse = config.get("reuse_linking_from")
    if reuse and not reusable_maps(release).filter(pk=reuse).exists():
        errors["reuse_linking_from"] = [_("再利用できる対応表ではありません")]
    if errors:
        raise InvalidInput(_("入力内容を確認してください"), field_errors=errors)
    # The engine validates the rest; a flat hierarchy is checked as a one-value list here.
    probe = {name: ({**spec, "hierarchy": [["x", "*"]]}
                    if isinstance(spec, dict) and spec.get("hierarchy") == FLAT else spec)
             for name, spec in config["columns"].items()}
    try:
        Config.from_json({**config, "columns": probe})
    except AnonymisationError as exc:
        raise InvalidInput(Pair(exc.message_ja, exc.message_en)) from exc


def update_config(*, actor: Actor, release: AnonymisedRelease,
                  config: dict[str, Any]) -> AnonymisedRelease:
    """Set the column roles and the privacy model; the old preview is cleared."""
    require_role(actor, release.organisation, Role.EDITOR)
    if not release.is_editable:
        raise InvalidInput(_("実行中または公開済みの匿名加工情報は変更できません"))
    _check_config(release, config)
    with transaction.atomic():
        release.config = config
        release.preview = {}
        release.status = AnonymisedRelease.Status.DRAFT
        release.save(update_fields=["config", "preview", "status", "modified"])
        roles: dict[str, int] = {}
        for spec in config["columns"].values():
            role = spec if isinstance(spec, str) else spec.get("role")
            roles[role] = roles.get(role, 0) + 1
        audit.record(actor=actor, action="privacy.release.configure", target=release,
                     organisation=release.organisation,
                     details={"roles": roles, "model": config.get("model", {}),
                              "min_subjects": config.get("min_subjects"),
                              "reuse_linking_from": config.get("reuse_linking_from")})
    return release


def preview_release(*, actor: Actor, release: AnonymisedRelease) -> AnonymisedRelease:
    """Preview the search's choice: now for small tables, else as a job."""
    require_role(actor, release.organisation, Role.EDITOR)
    if not release.config.get("columns"):
        raise InvalidInput(_("先に列の役割を設定してください"))
    if release.row_count <= preview_sync_rows():
        audit.record(actor=actor, action="privacy.release.preview", target=release,
                     organisation=release.organisation, details={"mode": "now"})
        return release_run.store_preview(release)
    with transaction.atomic():
        release.preview = {"pending": True}
        release.preview_job = jobs.enqueue_job(actor=actor, kind=PREVIEW_JOB,
                                               organisation=release.organisation,
                                               target=str(release.pk))
        release.save(update_fields=["preview", "preview_job", "modified"])
        audit.record(actor=actor, action="privacy.release.preview", target=release,
                     organisation=release.organisation, details={"mode": "job"})
    return release


def run_release(*, actor: Actor, release: AnonymisedRelease) -> Job:
    """Queue the full run of a configured release (job privacy.anonymise)."""
    require_role(actor, release.organisation, Role.EDITOR)
    if not release.is_editable:
        raise InvalidInput(_("実行中または公開済みの匿名加工情報は実行できません"))
    if not release.config.get("columns"):
        raise InvalidInput(_("先に列の役割を設定してください"))
    with transaction.atomic():
        job = jobs.enqueue_job(actor=actor, kind=RUN_JOB, organisation=release.organisation,
                               target=str(release.pk))
        release.job = job
        release.status = AnonymisedRelease.Status.QUEUED
        release.save(update_fields=["job", "status", "modified"])
        audit.record(actor=actor, action="privacy.release.run", target=release,
                     organisation=release.organisation, details={"job": job.pk})
    return job


def _upload(stored, name: str) -> File:
    """A stored file opened as an upload for catalog's services."""
    return File(storage.open_stored(stored), name=name)


def default_slug(release: AnonymisedRelease) -> str:
    """A dataset slug derived from the source dataset's."""
    base = release.source_version.resource.dataset.slug[:80]
    return f"{base}-anon-{release.pk}"


def prepare_dataset(*, actor: Actor, release: AnonymisedRelease, slug: str = "",
                    title: str = "") -> Dataset:
    """Create the draft dataset with the anonymised CSV and the public report (once)."""
    import io
    import json

    require_role(actor, release.organisation, Role.EDITOR)
    if release.dataset_id and release.dataset.state != Dataset.State.DELETED:
        return release.dataset
    if release.status not in (AnonymisedRelease.Status.DONE,
                              AnonymisedRelease.Status.PUBLISHED) or release.output is None:
        raise InvalidInput(_("実行が完了した匿名加工情報だけを公開できます"))
    report = public_report(release.report)
    with transaction.atomic():
        dataset = catalog_services.create_dataset(
            actor=actor, organisation=release.organisation,
            data=catalog_services.DatasetData(
                slug=slug or default_slug(release), title=title or release.title,
                description=f"{report.get('summary_ja', '')}\n\n{report.get('summary_en', '')}",
                tags=["匿名加工情報"]))
        with _upload(release.output, "anonymised.csv") as upload:
            catalog_services.add_resource(
                actor=actor, dataset=dataset, upload=upload,
                data=catalog_services.ResourceData(name="匿名加工情報", name_en="Anonymised data",
                                                   format="CSV"))
        body = io.BytesIO(json.dumps(report, ensure_ascii=False, indent=2).encode())
        body.name = "anonymisation_report.json"
        catalog_services.add_resource(
            actor=actor, dataset=dataset, upload=body,
            data=catalog_services.ResourceData(
                name="匿名加工の報告", name_en="Anonymisation report", format="JSON"))
        release.dataset = dataset
        release.save(update_fields=["dataset", "modified"])
        audit.record(actor=actor, action="privacy.release.prepare_dataset", target=release,
                     organisation=release.organisation, details={"dataset": dataset.slug})
    return dataset


def _process_new_files(dataset: Dataset) -> None:
    """Ingest (and so guard-scan) the dataset's queued versions in this process."""
    from tabular.models import Ingestion
    from tabular.services import ingest_now

    queued = Ingestion.objects.filter(version__resource__dataset=dataset,
                                      state=Ingestion.State.QUEUED).select_related("job")
    for ingestion in queued:
        ingest_now(ingestion)


def publish_release(*, actor: Actor, release: AnonymisedRelease, slug: str = "",
                    title: str = "") -> Dataset:
    """One action: the new dataset with data and report, then catalog's normal publication.

    The new files are processed here (ingestion, and with it the guard's scan) rather than
    waiting for the worker, so that one click publishes. The draft is kept when publication
    is refused (e.g. the guard blocks it): the error is raised for the screen, and the same
    action tries again later.
    """
    dataset = prepare_dataset(actor=actor, release=release, slug=slug, title=title)
    _process_new_files(dataset)
    catalog_services.publish_dataset(actor=actor, dataset=dataset)
    with transaction.atomic():
        release.status = AnonymisedRelease.Status.PUBLISHED
        release.save(update_fields=["status", "modified"])
        audit.record(actor=actor, action="privacy.release.publish", target=release,
                     organisation=release.organisation, details={"dataset": dataset.slug})
    return dataset


# --- audited reads (administrators) ----------------------------------------------------------


def processing_steps(*, actor: Actor, release: AnonymisedRelease) -> list[dict]:
    """The processing steps (加工方法等情報): administrators only, every view audited."""
    if not has_role(actor, release.organisation, Role.ADMIN):
        audit.record(actor=actor, action="privacy.release.view_processing", target=release,
                     organisation=release.organisation, result="denied")
        require_role(actor, release.organisation, Role.ADMIN)
    audit.record(actor=actor, action="privacy.release.view_processing", target=release,
                 organisation=release.organisation)
    return list(release.report.get("steps", []))


def open_linking_map(*, actor: Actor, release: AnonymisedRelease):
    """Open a release's linking map for download: administrators only, audited."""
    if not has_role(actor, release.organisation, Role.ADMIN):
        audit.record(actor=actor, action="privacy.linking_map.download", target=release,
                     organisation=release.organisation, result="denied")
        require_role(actor, release.organisation, Role.ADMIN)
    linking = LinkingMap.objects.filter(release=release).select_related("file").first()
    if linking is None:
        raise NotFound(_("この匿名加工情報には対応表がありません"))
    audit.record(actor=actor, action="privacy.linking_map.download", target=release,
                 organisation=release.organisation, details={"columns": linking.columns})
    return storage.open_stored(linking.file)


def open_output(*, actor: Actor, release: AnonymisedRelease):
    """Open the anonymised CSV for an editor's review (audited)."""
    require_role(actor, release.organisation, Role.EDITOR)
    if release.output is None:
        raise NotFound(_("出力ファイルはまだありません"))
    audit.record(actor=actor, action="privacy.release.download", target=release,
                 organisation=release.organisation)
    return storage.open_stored(release.output)

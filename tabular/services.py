"""Every write of the tabular app: queue, run and steer ingestions; pick the served table."""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import ResourceVersion
from core import jobs
from core.actor import Actor
from core.errors import InvalidInput, TooLarge
from core.models import Role
from core.permissions import editable_organisations, require_role
from core.services import audit, storage
from tabular.engine.types import TabularError
from tabular.models import DataTable, Ingestion

logger = logging.getLogger(__name__)

INGEST_JOB = "tabular.ingest"
#: Formats the ingestion reads (by the version's declared or detected format).
TABULAR_FORMATS = {"csv", "tsv", "xlsx", "xls", "json", "geojson", "txt"}
#: Encodings staff may force when detection chose wrong.
ENCODINGS = ["utf-8", "utf-8-sig", "cp932", "shift_jis", "euc-jp"]
_PROGRESS_EVERY = 1.0  # seconds between progress writes
#: Callables ``(version, tables) -> None`` given the raw tables (tabular.engine.types.Table)
#: of a version's file as soon as the job has read them, before the version becomes ready,
#: or ``tables=None`` when the file could not be read. The privacy guard scans them here;
#: an inspector that raises fails the ingestion (so nothing unscanned becomes ready).
READ_INSPECTORS: list[Callable] = []


def is_tabular(version: ResourceVersion) -> bool:
    """True when a version is an uploaded file in a format the engine reads."""
    fmt = (version.format or "").lower()
    kind = (version.detected_kind or "").lower()
    readable = fmt in TABULAR_FORMATS or kind in TABULAR_FORMATS
    return version.stored_file_id is not None and readable


def queue_ingestion(*, actor: Actor, version: ResourceVersion) -> Ingestion:
    """Create (or reset) the ingestion of a version and enqueue its job on commit."""
    with transaction.atomic():
        ingestion, _created = Ingestion.objects.get_or_create(version=version)
        ingestion.state = Ingestion.State.QUEUED
        ingestion.step = ""
        ingestion.rows_done = 0
        ingestion.error_count = 0
        ingestion.error_code = ingestion.error_step = ingestion.error_ja = ingestion.error_en = ""
        ingestion.finished = None
        organisation = version.resource.dataset.organisation
        ingestion.job = jobs.enqueue_job(actor=actor, kind=INGEST_JOB, organisation=organisation,
                                         target=str(ingestion.pk or ""))
        ingestion.save()
        ingestion.job.target = str(ingestion.pk)
        ingestion.job.save(update_fields=["target"])
    return ingestion


def _require_editor(actor: Actor, ingestion: Ingestion) -> None:
    require_role(actor, ingestion.version.resource.dataset.organisation, Role.EDITOR)


def set_encoding(*, actor: Actor, ingestion: Ingestion, encoding: str) -> Ingestion:
    """Force the encoding of a version's file (or return to detection) and ingest it again."""
    _require_editor(actor, ingestion)
    if encoding and encoding not in ENCODINGS:
        raise InvalidInput(_("文字コードを一覧から選んでください"),
                           field_errors={"encoding": [_("対応していない文字コードです")]})
    with transaction.atomic():
        ingestion.encoding_override = encoding
        ingestion.save(update_fields=["encoding_override"])
        audit.record(actor=actor, action="tabular.set_encoding", target=ingestion.version.resource,
                     organisation=ingestion.version.resource.dataset.organisation,
                     details={"version": ingestion.version.number, "encoding": encoding or "auto"})
        return queue_ingestion(actor=actor, version=ingestion.version)


def rerun_ingestion(*, actor: Actor, ingestion: Ingestion) -> Ingestion:
    """Ingest a version again (idempotent: the same file gives the same tables)."""
    _require_editor(actor, ingestion)
    with transaction.atomic():
        audit.record(actor=actor, action="tabular.rerun", target=ingestion.version.resource,
                     organisation=ingestion.version.resource.dataset.organisation,
                     details={"version": ingestion.version.number})
        return queue_ingestion(actor=actor, version=ingestion.version)


def select_table(*, actor: Actor, table: DataTable) -> DataTable:
    """Choose which table (sheet) of a workbook the datastore serves."""
    ingestion = table.ingestion
    _require_editor(actor, ingestion)
    with transaction.atomic():
        ingestion.tables.exclude(pk=table.pk).update(selected=False)
        table.selected = True
        table.save(update_fields=["selected"])
        audit.record(actor=actor, action="tabular.select_table", target=ingestion.version.resource,
                     organisation=ingestion.version.resource.dataset.organisation,
                     details={"version": ingestion.version.number, "table": table.name})
    return table


class _ProgressWriter:
    """Throttled writer of an ingestion's step, rows done and errors so far."""

    def __init__(self, ingestion: Ingestion) -> None:
        self.ingestion = ingestion
        self.last = 0.0

    def __call__(self, step: str, rows_done: int, errors: int) -> None:
        now = time.monotonic()
        if step == self.ingestion.step and now - self.last < _PROGRESS_EVERY:
            return
        self.last = now
        state = {"analysing": Ingestion.State.ANALYSING, "converting": Ingestion.State.CONVERTING}
        updates = {"step": step, "rows_done": rows_done, "error_count": errors}
        if step in state:
            updates["state"] = state[step]
        Ingestion.objects.filter(pk=self.ingestion.pk).update(**updates)
        for key, value in updates.items():
            setattr(self.ingestion, key, value)


def _store(path: Path | None):
    if path is None:
        return None
    with open(path, "rb") as fh:
        stored, _kind = storage.store_stream(fh)
    return stored


def _claimed_standard(ingestion: Ingestion) -> str | None:
    from standards.registry import load_standards

    slug = ingestion.version.resource.dataset.standard_id
    standard = load_standards().get(slug or "")
    if standard is None or not any(standard.layouts.values()):
        return None
    return slug


def _field_dicts(fields) -> list[dict]:
    from tabular.report import ckan_type

    return [
        {"id": f.name, "header": f.header, "type": f.type, "ckan_type": ckan_type(f.type),
         "role": getattr(f, "role", "") or ("latitude" if f.type == "latitude" else
                                             "longitude" if f.type == "longitude" else "")}
        for f in fields
    ]


def run_ingestion(ingestion: Ingestion) -> Ingestion:
    """Run the engine on a version's file and store its tables; the job handler calls this."""
    from tabular.engine.pipeline import ingest
    from tabular.report import report_to_json
    from tabular.schemas import schema_for

    version = ingestion.version
    Ingestion.objects.filter(pk=ingestion.pk).update(
        state=Ingestion.State.ANALYSING, step="analysing", started=timezone.now(),
        attempts=ingestion.attempts + 1,
    )
    ingestion.refresh_from_db()
    progress = _ProgressWriter(ingestion)
    source = storage.path_of(version.stored_file)
    inspected = []

    def on_read(read) -> None:
        inspected.append(True)
        for inspector in READ_INSPECTORS:
            inspector(version, read.tables)

    try:
        with tempfile.TemporaryDirectory(dir=settings.DATA_DIR) as tmp:
            result = ingest(
                source, out_dir=Path(tmp), filename=version.filename,
                encoding=ingestion.encoding_override or None,
                claimed_standard=_claimed_standard(ingestion), write_geojson=False,
                table_schema=schema_for(version.resource),
                progress=progress, on_read=on_read,
            )
            with transaction.atomic():
                previous = {t.name for t in ingestion.tables.filter(selected=True)}
                ingestion.tables.all().delete()
                biggest = max(result.tables, key=lambda t: t.rows, default=None)
                keep = next((t for t in result.tables if t.name in previous), biggest)
                for t in result.tables:
                    out = t.outputs
                    DataTable.objects.create(
                        ingestion=ingestion, position=t.position, name=t.name[:200],
                        selected=t is keep, headers=t.headers, fields=_field_dicts(t.fields),
                        row_count=t.rows, header_row=t.header_row,
                        standard=t.report.standard or "", layout=t.report.layout or "",
                        matched=t.report.matched, match_score=t.report.match_score,
                        conformance=(t.report.conformance.score
                                     if t.report.conformance else None),
                        error_count=t.report.error_count, warning_count=t.report.warning_count,
                        report=report_to_json(t.report, notices=t.notices),
                        parquet=_store(out.parquet), geojson=_store(out.geojson),
                    )
                ingestion.state = Ingestion.State.READY
                ingestion.step = "ready"
                ingestion.format = result.format
                ingestion.encoding = result.encoding or ""
                ingestion.rows_done = sum(t.rows for t in result.tables)
                ingestion.error_count = sum(t.report.error_count for t in result.tables)
                ingestion.notices = [n.__dict__ for n in result.notices]
                ingestion.finished = timezone.now()
                ingestion.save()
                resource = version.resource
                resource.datastore_active = True
                resource.save(update_fields=["datastore_active"])
            _write_maps(ingestion, Path(tmp))
    except TabularError as exc:
        if not inspected:
            for inspector in READ_INSPECTORS:
                inspector(version, None)
        _fail(ingestion, code=exc.code, step=exc.step or ingestion.step,
              ja=exc.message_ja, en=exc.message_en)
    except Exception:
        logger.exception("ingestion %s failed", ingestion.pk)
        _fail(ingestion, code="internal-error", step=ingestion.step,
              ja="処理中に想定外のエラーが起きました。管理者に連絡してください。",
              en="An unexpected error stopped the processing. Please tell the administrator.")
    return ingestion


def ingest_now(ingestion: Ingestion) -> Ingestion:
    """Run a queued ingestion in this process and close its job (the worker then skips it)."""
    from core.services import jobs as job_service

    if ingestion.job is not None:
        job_service.start(ingestion.job)
    run_ingestion(ingestion)
    if ingestion.job is not None:
        ok = ingestion.state == Ingestion.State.READY
        job_service.finish(ingestion.job, ok=ok, line=f"{ingestion.state} (in process)")
    return ingestion


def ingest_queued(*, organisation_slug: str) -> list[Ingestion]:
    """Run every queued ingestion of an organisation now (used by load_demo)."""
    queued = Ingestion.objects.filter(
        state=Ingestion.State.QUEUED,
        version__resource__dataset__organisation__slug=organisation_slug,
    ).select_related("version__resource__dataset__organisation", "version__stored_file", "job")
    return [ingest_now(ingestion) for ingestion in queued]


def _write_maps(ingestion: Ingestion, tmp: Path) -> None:
    """After the tables are ready: the GeoJSON of each table that has coordinates."""
    from tabular.engine.convert import write_geojson_from_parquet

    for table in ingestion.tables.filter(parquet__isnull=False):
        if not any(f.get("role") in ("latitude", "longitude") for f in table.fields):
            continue
        Ingestion.objects.filter(pk=ingestion.pk).update(step="map")
        out, _skipped = write_geojson_from_parquet(
            storage.path_of(table.parquet), tmp / f"map{table.position}.geojson")
        if out is not None:
            table.geojson = _store(out)
            table.save(update_fields=["geojson"])
    Ingestion.objects.filter(pk=ingestion.pk).update(step="ready")


def _fail(ingestion: Ingestion, *, code: str, step: str, ja: str, en: str) -> None:
    ingestion.state = Ingestion.State.FAILED
    ingestion.error_code = code[:40]
    ingestion.error_step = (step or "")[:40]
    ingestion.error_ja = ja
    ingestion.error_en = en
    ingestion.finished = timezone.now()
    ingestion.save()


def check_file(*, actor: Actor, upload, standard: str = "", encoding: str = "",
               table_schema: dict | None = None):
    """Run the engine on an uploaded file without publishing or storing anything (checked
    against ``table_schema`` when given, else the chosen or matched standard dataset)."""
    if not editable_organisations(actor).exists():
        from core.errors import PermissionDenied

        raise PermissionDenied(_("ファイルの確認には編集者の権限が必要です"))
    if encoding and encoding not in ENCODINGS:
        raise InvalidInput(_("文字コードを一覧から選んでください"),
                           field_errors={"encoding": [_("対応していない文字コードです")]})
    limit = settings.CHECK_MAX_BYTES
    if upload.size and upload.size > limit:
        raise TooLarge(_("確認できるファイルの大きさの上限を超えています"))
    from tabular.engine.pipeline import ingest

    with tempfile.TemporaryDirectory(dir=settings.DATA_DIR) as tmp:
        path = Path(tmp) / "upload"
        with open(path, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        return ingest(path, out_dir=None, filename=getattr(upload, "name", "") or "",
                      encoding=encoding or None, claimed_standard=standard or None,
                      table_schema=table_schema)

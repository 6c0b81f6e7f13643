"""Running the engine for a release: the preview and the full run (called by jobs and views).

No permission checks here: callers are the services in privacy.services.release (which check
them) and the job handlers in privacy.tasks (which act on rows those services created).
"""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.services import storage
from privacy.anonymise import AnonymisationError, anonymise
from privacy.models import AnonymisedRelease, LinkingMap
from privacy.services.release_files import (
    config_for,
    read_parquet_table,
    reuse_linking_map,
    write_csv,
)

logger = logging.getLogger(__name__)

_INTERNAL = ("処理中に想定外のエラーが起きました。管理者に連絡してください。",
             "An unexpected error stopped the processing. Please tell the administrator.")


def source_table(release: AnonymisedRelease) -> pa.Table:
    """The typed table of the release's source version (its chosen, or now selected, table)."""
    from tabular.models import DataTable

    table = release.source_table
    if table is None or table.parquet_id is None:
        table = DataTable.objects.filter(
            ingestion__version=release.source_version, ingestion__state="ready", selected=True,
            parquet__isnull=False).select_related("parquet").first()
    if table is None:
        raise AnonymisationError(
            "no-source", "元の表がありません（取り込みが完了していません）",
            "the source table is missing (its ingestion is not ready)")
    return read_parquet_table(storage.path_of(table.parquet))


def preview(release: AnonymisedRelease) -> dict[str, Any]:
    """Run the search and keep only what the screen shows: levels, utility and suppression.

    The whole engine runs (the table is discarded): the preview then refuses exactly what
    the run would refuse, and no second code path has to stay in step with the engine.
    """
    table = source_table(release)
    report = anonymise(table, config_for(release.config, table, base_dir=None)).report
    keys = ("k", "l", "t", "levels", "heights", "suppressed_rows", "suppression_rate",
            "rows_in", "utility", "summary_ja", "summary_en")
    search = report.get("search", {})
    return {"ok": True, **{k: report[k] for k in keys if k in report},
            "lattice_size": search.get("lattice_size"), "evaluated": search.get("evaluated")}


def store_preview(release: AnonymisedRelease) -> AnonymisedRelease:
    """Compute the preview and keep it on the release (errors kept as a bilingual message)."""
    try:
        result = preview(release)
    except AnonymisationError as exc:
        result = {"ok": False, "code": exc.code, "ja": exc.message_ja, "en": exc.message_en}
    except Exception:
        logger.exception("preview of release %s failed", release.pk)
        result = {"ok": False, "code": "internal-error", "ja": _INTERNAL[0], "en": _INTERNAL[1]}
    AnonymisedRelease.objects.filter(pk=release.pk).update(preview=result)
    release.preview = result
    return release


def _earlier_map(release: AnonymisedRelease) -> tuple[dict | None, AnonymisedRelease | None]:
    """The linking map of the release named in the config's reuse_linking_from, if any."""
    wanted = release.config.get("reuse_linking_from")
    if not wanted:
        return None, None
    earlier = LinkingMap.objects.filter(
        release_id=wanted, organisation_id=release.organisation_id).select_related(
        "file", "release").first()
    if earlier is None:
        raise AnonymisationError(
            "no-linking-map", "再利用する対応表が見つかりません",
            "the linking map to reuse does not exist")
    with storage.open_stored(earlier.file) as fh:
        return json.load(fh), earlier.release


def _store_file(path: Path):
    """Store a file written in a temporary directory."""
    with open(path, "rb") as fh:
        stored, _kind = storage.store_stream(fh, max_bytes=2**62)
    return stored


def _fail(release: AnonymisedRelease, code: str, ja: str, en: str) -> None:
    """Record a failed run."""
    AnonymisedRelease.objects.filter(pk=release.pk).update(
        status=AnonymisedRelease.Status.FAILED, error_code=code[:40], error_ja=ja, error_en=en,
        finished=timezone.now())
    release.refresh_from_db()


def execute(release: AnonymisedRelease) -> AnonymisedRelease:
    """Run the engine on the source table; store the CSV, the report and the linking map."""
    AnonymisedRelease.objects.filter(pk=release.pk).update(
        status=AnonymisedRelease.Status.RUNNING, error_code="", error_ja="", error_en="")
    try:
        table = source_table(release)
        config = config_for(release.config, table, base_dir=None)
        result = anonymise(table, config)
        earlier, earlier_release = _earlier_map(release)
        if earlier is not None:
            result = reuse_linking_map(result, earlier)
        with tempfile.TemporaryDirectory(dir=settings.DATA_DIR) as tmp:
            csv_path = Path(tmp) / "anonymised.csv"
            write_csv(result.table, csv_path)
            output = _store_file(csv_path)
            linking = None
            if result.linking_map:
                map_path = Path(tmp) / "linking_map.json"
                map_path.write_text(json.dumps(result.linking_map, ensure_ascii=False),
                                    encoding="utf-8")
                linking = _store_file(map_path)
        with transaction.atomic():
            LinkingMap.objects.filter(release=release).delete()
            if linking is not None:
                LinkingMap.objects.create(
                    release=release, organisation_id=release.organisation_id, file=linking,
                    columns=sorted(result.linking_map),
                    codes=sum(len(m) for m in result.linking_map.values()),
                    reused_from=earlier_release)
            AnonymisedRelease.objects.filter(pk=release.pk).update(
                status=AnonymisedRelease.Status.DONE, report=result.report, output=output,
                finished=timezone.now())
    except AnonymisationError as exc:
        _fail(release, exc.code, exc.message_ja, exc.message_en)
        return release
    except Exception:
        logger.exception("anonymisation of release %s failed", release.pk)
        _fail(release, "internal-error", *_INTERNAL)
        return release
    release.refresh_from_db()
    return release

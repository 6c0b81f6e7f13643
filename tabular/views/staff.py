"""Staff screens of the tabular app: steer an ingestion from the table page, and check a file
before publishing it. Every write goes through tabular.services."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actor import Actor
from core.errors import Pair, PermissionDenied, ServiceError, TooLarge
from tabular import schemas, services
from tabular.engine.types import TabularError
from tabular.forms import CheckForm, EncodingForm, SheetForm, table_label
from tabular.views.common import ResourceTables, language, resource_tables
from tabular.views.reporting import report_view, standard_titles
from tabular.views.table import render_table_page

logger = logging.getLogger(__name__)


def _apply_errors(form, exc: ServiceError) -> None:
    """Put a service's field errors (or its message) on a form for the error summary."""
    for name, errors in exc.field_errors.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, str(error))
    if not exc.field_errors:
        form.add_error(None, str(exc.message))


def _editable(request, slug: str, resource_id: int) -> ResourceTables:
    """The resource if the user edits its organisation; 404 otherwise (as catalog's staff)."""
    found = resource_tables(request, slug, resource_id)
    if not found.can_edit:
        raise Http404(_("データセットが見つかりません"))
    return found


def _back(found: ResourceTables):
    """Redirect to the table page after a staff action."""
    return redirect("tabular:table", slug=found.dataset.slug, resource_id=found.resource.pk)


@login_required
@require_POST
def set_encoding(request, slug: str, resource_id: int):
    """Force the encoding of the current version's file (or detect it again) and re-ingest."""
    found = _editable(request, slug, resource_id)
    if found.ingestion is None:
        raise Http404(_("このリソースには表がありません"))
    form = EncodingForm(request.POST)
    if form.is_valid():
        try:
            services.set_encoding(actor=found.actor, ingestion=found.ingestion,
                                  encoding=form.cleaned_data["encoding"])
        except PermissionDenied as exc:
            raise Http404(str(exc)) from exc
        except ServiceError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("文字コードを変更しました。ファイルを読み直しています。"))
            return _back(found)
    return render_table_page(request, found, status=400, encoding_form=form)


@login_required
@require_POST
def select_sheet(request, slug: str, resource_id: int):
    """Choose which table (sheet) of the workbook the datastore serves."""
    found = _editable(request, slug, resource_id)
    if found.table is None:
        raise Http404(_("このリソースには表がありません"))
    tables = list(found.table.ingestion.tables.all())
    form = SheetForm(request.POST, tables=tables)
    if form.is_valid():
        chosen = next(t for t in tables if t.pk == form.cleaned_data["table"])
        try:
            services.select_table(actor=found.actor, table=chosen)
        except PermissionDenied as exc:
            raise Http404(str(exc)) from exc
        except ServiceError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("公開する表を「%(name)s」に切り替えました") %
                             {"name": table_label(chosen)})
            return _back(found)
    return render_table_page(request, found, status=400, sheet_form=form)


@login_required
@require_POST
def rerun(request, slug: str, resource_id: int):
    """Process the current version's file again."""
    found = _editable(request, slug, resource_id)
    if found.ingestion is None:
        raise Http404(_("このリソースには表がありません"))
    try:
        services.rerun_ingestion(actor=found.actor, ingestion=found.ingestion)
    except PermissionDenied as exc:
        raise Http404(str(exc)) from exc
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("もう一度処理するように登録しました"))
    return _back(found)


def _check_results(result, language_code: str) -> list[dict]:
    """The engine's result for each table of the checked file, as the report page shows it."""
    from tabular.report import report_to_json

    reports = [report_to_json(t.report, notices=t.notices) for t in result.tables]
    titles = standard_titles({r.get("standard") or "" for r in reports}, language_code)
    return [
        {"name": table_label(t) if len(result.tables) > 1 else "", "rows": t.rows,
         "headers": t.headers, "header_row": t.header_row,
         "report": report_view(data, language=language_code, titles=titles),
         "prefix": f"t{i}-"}
        for i, (t, data) in enumerate(zip(result.tables, reports, strict=True), start=1)
    ]


@login_required
def check(request):
    """Upload a file and get its validation report without publishing or storing anything."""
    lang = language()
    form = CheckForm(request.POST or None, request.FILES or None, language=lang)
    status, result, tables, notices = 200, None, [], []
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                schema_upload = form.cleaned_data.get("schema")
                table_schema = (schemas.parse_table_schema(schema_upload.read(
                    schemas.MAX_SCHEMA_BYTES + 1)) if schema_upload else None)
                result = services.check_file(
                    actor=Actor.from_request(request), upload=upload,
                    standard=form.cleaned_data.get("standard") or "",
                    encoding=form.cleaned_data.get("encoding") or "",
                    table_schema=table_schema)
            except PermissionDenied as exc:
                raise DjangoPermissionDenied(str(exc)) from exc
            except TooLarge as exc:
                _apply_errors(form, exc)
                status = 413
            except ServiceError as exc:
                _apply_errors(form, exc)
            except TabularError as exc:
                form.add_error("file", str(Pair(exc.message_ja, exc.message_en)))
                status = 422
            except Exception:
                logger.exception("check of %r failed", getattr(upload, "name", ""))
                form.add_error("file", _("ファイルを確認できませんでした。想定外のエラーです。"
                                         "管理者に連絡してください。"))
                status = 500
            else:
                status = 200
                tables = _check_results(result, lang)
                notices = report_view({"notices": [n.__dict__ for n in result.notices]},
                                      language=lang, titles={}).notices
    return render(request, "tabular/check.html", {
        "form": form, "result": result, "tables": tables, "file_notices": notices,
        "filename": getattr(form.cleaned_data.get("file"), "name", "")
        if result is not None else "",
    }, status=status)

"""The gomi staff start page, and the import and export of 5374 folders and the standard CSV."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from core.models import Organisation, Role
from core.permissions import has_role
from core.permissions import readable_organisation_ids as readable
from gomi import selectors
from gomi.engine.schedule import fiscal_year
from gomi.forms_staff import UploadForm
from gomi.models import Closure, Item
from gomi.views_staff.common import staff_for

#: Limits for an uploaded 5374 zip (the folder is a handful of small CSV files).
MAX_ZIP_FILES = 50
MAX_ZIP_BYTES = 20 * 1024 * 1024


@login_required
def index(request):
    """The municipalities whose garbage calendar the user may see."""
    from core.actor import Actor

    actor = Actor.from_request(request)
    ids = readable(actor)
    rows = Organisation.objects.exclude(lgcode="").order_by("lgcode")
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    rows = [o for o in rows if has_role(actor, o, Role.VIEWER)]
    return render(request, "gomi/staff/index.html", {"organisations": rows})


def _misses(municipality, *, limit: int = 20) -> list[dict]:
    """The most frequent searches without result over all days (most asked first)."""
    from gomi.models_residents import SearchMiss

    return list(SearchMiss.objects.filter(municipality=municipality).values("query")
                .annotate(total=Sum("count")).order_by("-total", "query")[:limit])


@login_required
def overview(request, lgcode: str):
    """Areas, categories, upcoming notices, closures, import/export and links to the pages."""
    staff = staff_for(request, lgcode)
    municipality = staff.municipality
    today = timezone.localdate()
    areas = selectors.areas(municipality).annotate(n_rules=Count("rules", distinct=True),
                                                   n_addresses=Count("addresses",
                                                                     distinct=True))
    categories = selectors.categories(municipality).annotate(n_items=Count("items"))
    fy = today.year if today.month >= 4 else today.year - 1
    return render(request, "gomi/staff/overview.html", staff.context(
        areas=areas, categories=categories,
        notices=selectors.active_notices(municipality, today=today)[:50],
        closures=Closure.objects.filter(municipality=municipality, end__gte=today),
        n_items=Item.objects.filter(municipality=municipality).count(),
        misses=_misses(municipality, limit=5), fiscal_year=fy,
        settings=getattr(municipality, "gomi_settings", None),
        upload_form=UploadForm(), csv_form=UploadForm(auto_id="id_csv_%s")))


def files_from_zip(raw: bytes) -> dict[str, bytes]:
    """The files of a zipped 5374 folder by base name (folders inside the zip are ignored)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise ValueError(_("ZIP ファイルとして読めません")) from exc
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_ZIP_FILES or sum(m.file_size for m in members) > MAX_ZIP_BYTES:
        raise ValueError(_("ZIP の中身が大きすぎます（5374 のフォルダだけを圧縮してください）"))
    files = {}
    for member in members:
        name = PurePosixPath(member.filename.replace("\\", "/")).name
        if name and not name.startswith("."):
            files[name] = archive.read(member)
    return files


def _upload(request, staff) -> bytes | None:
    """The uploaded file's bytes, or None after telling the user what is wrong."""
    staff.require_edit()
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("ファイルを選んでください"))
        return None
    return form.cleaned_data["file"].read()


@login_required
@require_POST
def import_5374(request, lgcode: str):
    """Import a zipped 5374 folder with the core import service (replaces the schedule)."""
    from gomi.services.imports import import_5374 as run_import

    staff = staff_for(request, lgcode)
    raw = _upload(request, staff)
    if raw is not None:
        try:
            summary = run_import(actor=staff.actor, municipality=staff.municipality,
                                 files=files_from_zip(raw))
        except ValueError as exc:
            messages.error(request, str(exc))
        except ServiceError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _(
                "取り込みました: 地区 %(a)s、分別区分 %(c)s、ルール %(r)s、品目 %(i)s") % {
                "a": summary.areas, "c": summary.categories, "r": summary.rules,
                "i": summary.items})
            for notice in summary.notices[:10]:
                messages.warning(request, notice.message_en if request.LANGUAGE_CODE == "en"
                                 else notice.message_ja)
    return redirect("gomi:staff_overview", lgcode=lgcode)


@login_required
@require_POST
def import_csv(request, lgcode: str):
    """Import the standard ゴミの分別方法一覧 CSV into the dictionary (adds and updates)."""
    from gomi.services.standard_csv import import_standard_csv

    staff = staff_for(request, lgcode)
    raw = _upload(request, staff)
    if raw is not None:
        try:
            summary = import_standard_csv(actor=staff.actor, municipality=staff.municipality,
                                          raw=raw)
        except ServiceError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("取り込みました: 品目 %(n)s（新規 %(c)s）") % {
                "n": summary.items, "c": summary.created})
    return redirect("gomi:staff_overview", lgcode=lgcode)


@login_required
def export_5374(request, lgcode: str):
    """The 5374 files of the current fiscal year, zipped."""
    from gomi.services.exports import export_5374 as run_export

    staff = staff_for(request, lgcode)
    today = timezone.localdate()
    start, end = fiscal_year(today.year if today.month >= 4 else today.year - 1)
    files = run_export(municipality=staff.municipality, start=start, end=end)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files.items()):
            archive.writestr(f"5374-{lgcode}/{name}", content)
    response = HttpResponse(out.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="5374-{lgcode}.zip"'
    return response


@login_required
def export_csv(request, lgcode: str):
    """The dictionary as the standard ゴミの分別方法一覧 CSV."""
    from gomi.services.standard_csv import export_standard_csv

    staff = staff_for(request, lgcode)
    response = HttpResponse(export_standard_csv(municipality=staff.municipality),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gomi-sorting-{lgcode}.csv"'
    return response


@login_required
def misses(request, lgcode: str):
    """Searches residents made without result, most asked first, with a link to add the item."""
    staff = staff_for(request, lgcode)
    return render(request, "gomi/staff/misses.html",
                  staff.context(misses=_misses(staff.municipality, limit=200)))

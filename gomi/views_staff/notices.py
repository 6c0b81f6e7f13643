"""The one-step emergency notice (cancel or move collections with a notice) and its list."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gomi.forms_staff import NoticeForm
from gomi.models import ScheduleException
from gomi.services import notices as services
from gomi.views_staff.common import form_status, save_form, staff_for


@login_required
def notices(request, lgcode: str):
    """Announce a cancellation or move; below, the notices of today and later."""
    staff = staff_for(request, lgcode)
    form = NoticeForm(request.POST or None, municipality=staff.municipality)
    saved = save_form(request, staff, form, lambda f: services.announce_notice(
        actor=staff.actor, municipality=staff.municipality, data=f.to_data()),
        _("お知らせを登録しました。住民向けページ、カレンダー配信、メール、オープンデータに反映されます"))
    if saved:
        return redirect("gomi:staff_notices", lgcode=lgcode)
    today = timezone.localdate()
    rows = (ScheduleException.objects.filter(municipality=staff.municipality)
            .filter(date__gte=today - timedelta(days=31))
            .select_related("area", "category").prefetch_related("translations")
            .order_by("date", "id"))
    return render(request, "gomi/staff/notices.html",
                  staff.context(form=form, rows=rows, today=today),
                  status=form_status(request, form))


@login_required
@require_POST
def notice_withdraw(request, lgcode: str, pk: int):
    """Withdraw a notice: the collection returns to its usual day."""
    staff = staff_for(request, lgcode)
    staff.require_edit()
    services.withdraw(actor=staff.actor, exception=staff.get(ScheduleException, pk))
    messages.success(request, _("お知らせを取り消しました"))
    return redirect("gomi:staff_notices", lgcode=lgcode)

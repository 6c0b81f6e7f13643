"""The draft page: staged schedule changes, what they change per area, publish and discard."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from gomi import selectors
from gomi.models import DraftChange
from gomi.services import drafts as services
from gomi.views_staff.common import staff_for
from gomi.views_staff.describe import describe_change

#: How far ahead the draft page compares the live and the draft calendar.
HORIZON_DAYS = 365


@login_required
def draft(request, lgcode: str):
    """The staged changes in plain words and the dates they add and remove per area."""
    staff = staff_for(request, lgcode)
    changes = list(selectors.draft_changes(staff.municipality))
    today = timezone.localdate()
    end = today + timedelta(days=HORIZON_DAYS)
    differences = (selectors.draft_differences(staff.municipality, start=today, end=end)
                   if changes else [])
    return render(request, "gomi/staff/draft.html", staff.context(
        rows=[(c, describe_change(c)) for c in changes], differences=differences,
        hide_draft_banner=True,
        start=today, end=end))


def _back(request, lgcode: str):
    """Redirect to the page the form came from (this site only), else the draft page."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect("gomi:staff_draft", lgcode=lgcode)


@login_required
@require_POST
def publish(request, lgcode: str):
    """Apply every staged change to the live schedule (residents see it at once)."""
    staff = staff_for(request, lgcode)
    staff.require_edit()
    try:
        count = services.publish_draft(actor=staff.actor, municipality=staff.municipality)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
        return redirect("gomi:staff_draft", lgcode=lgcode)
    if count:
        messages.success(request, _("%(n)s件の変更を公開しました。住民向けページ・カレンダー配信・"
                                    "オープンデータに反映されます") % {"n": count})
    else:
        messages.info(request, _("公開する変更はありません"))
    return redirect("gomi:staff_draft", lgcode=lgcode)


@login_required
@require_POST
def discard_all(request, lgcode: str):
    """Drop every staged change (the live schedule stays as it is)."""
    staff = staff_for(request, lgcode)
    staff.require_edit()
    count = services.discard_draft(actor=staff.actor, municipality=staff.municipality)
    messages.success(request, _("%(n)s件の未公開の変更を破棄しました") % {"n": count})
    return redirect("gomi:staff_draft", lgcode=lgcode)


@login_required
@require_POST
def discard_one(request, lgcode: str, pk: int):
    """Drop one staged change."""
    staff = staff_for(request, lgcode)
    staff.require_edit()
    change = staff.get(DraftChange, pk)
    services.discard_change(actor=staff.actor, municipality=staff.municipality, change=change)
    messages.success(request, _("未公開の変更を1件破棄しました"))
    return _back(request, lgcode)

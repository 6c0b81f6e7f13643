"""Staff screens for harvest sources: list, add, see the last reports, run now."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.harvest import selectors
from catalog.harvest.forms import HarvestSourceForm
from catalog.harvest.services import create_source, request_harvest
from catalog.views.staff import _apply_errors
from core.actor import Actor
from core.errors import PermissionDenied, ServiceError


def _source(request, pk: int):
    actor = Actor.from_request(request)
    source = selectors.source_for(actor, pk)
    if source is None:
        raise Http404(_("収集元が見つかりません"))
    return actor, source


@login_required
def source_list(request):
    """Harvest sources of the organisations the user administers."""
    actor = Actor.from_request(request)
    return render(request, "catalog/staff/harvest_list.html", {
        "sources": selectors.sources_for(actor),
        "can_add": bool(selectors.administered_organisations(actor)),
    })


@login_required
def source_create(request):
    """Add a harvest source to an organisation the user administers."""
    actor = Actor.from_request(request)
    organisations = selectors.administered_organisations(actor)
    if not organisations:
        raise Http404(_("管理している団体がありません"))
    form = HarvestSourceForm(request.POST or None, organisations=organisations)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                source = create_source(
                    actor=actor, organisation=form.organisations[data["organisation"]],
                    kind=data["kind"], url=data["url"], title=data["title"],
                    schedule=data["schedule"], remote_organisation=data["remote_organisation"],
                )
            except ServiceError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("収集元を登録しました"))
                return redirect("catalog:staff_harvest_source", pk=source.pk)
        status = 400
    return render(request, "catalog/staff/harvest_form.html", {"form": form}, status=status)


@login_required
def source_detail(request, pk: int):
    """A source's settings, its last report, recent runs and the datasets it brought."""
    _actor, source = _source(request, pk)
    records = (source.records.filter(withdrawn=False).select_related("dataset")
               .order_by("dataset__slug")[:500])
    return render(request, "catalog/staff/harvest_detail.html", {
        "source": source,
        "report": source.last_report or None,
        "jobs": selectors.recent_jobs(source),
        "records": records,
    })


@login_required
@require_POST
def source_run(request, pk: int):
    """Start a harvest of the source now (a job for the worker)."""
    actor, source = _source(request, pk)
    try:
        job = request_harvest(actor=actor, source=source, full=request.POST.get("full") == "1")
    except PermissionDenied as exc:
        raise Http404(str(exc)) from exc
    messages.success(request, _("収集のジョブを登録しました"))
    return redirect("core:job", pk=job.pk)

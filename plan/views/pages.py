"""Plan pages: staff list and dashboard, exports (HTML, PDF, XLSX, CSV), the public page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _

from core.actor import Actor
from core.errors import NotFound
from core.models import Organisation, Role
from core.permissions import has_role
from plan import selectors
from plan.exports import document, pdf, tables
from plan.reports import progress_table
from plan.services.common import is_planner
from plan.views.dashboard import dashboard_context


def _lang() -> str:
    return translation.get_language() or "ja"


def staff_plan(request, plan_id: int):
    """A plan the user is staff of (404 for everyone else)."""
    actor = Actor.from_request(request)
    try:
        plan = selectors.plan_for(actor, plan_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if not has_role(actor, plan.organisation, Role.VIEWER):
        raise Http404(_("計画が見つかりません"))
    return actor, plan


@login_required
def plan_list(request):
    """Plans of the user's organisations."""
    actor = Actor.from_request(request)
    plans = list(selectors.staff_plans(actor).order_by("organisation__name", "-from_fy"))
    return render(request, "plan/staff/plan_list.html", {
        "plans": [(p, is_planner(actor, p.organisation)) for p in plans]})


@login_required
def dashboard(request, plan_id: int):
    """The staff dashboard: every measure, overdue items and changes since the last round."""
    actor, plan = staff_plan(request, plan_id)
    context = dashboard_context(plan, public_only=False, with_changes=True)
    context["is_planner"] = is_planner(actor, plan.organisation)
    context["open_round"] = plan.rounds.filter(state="open").first()
    return render(request, "plan/staff/dashboard.html", context)


def _document_response(request, plan, *, public_only: bool):
    sections = document.outline(plan, language=_lang(), public_only=public_only)
    return render(request, "plan/document.html", {
        "plan": plan, "sections": sections, "public_only": public_only})


def _pdf_response(plan, *, public_only: bool) -> HttpResponse:
    language = _lang()
    sections = document.outline(plan, language=language, public_only=public_only)
    body = pdf.render_pdf(title=plan.display_title(language), sections=sections,
                          labels={"department": _("担当部署"), "schedule": _("スケジュール")})
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.pdf"'
    return response


@login_required
def document_html(request, plan_id: int):
    """The plan document in the national template's structure, as a page."""
    _actor, plan = staff_plan(request, plan_id)
    return _document_response(request, plan, public_only=False)


@login_required
def document_pdf(request, plan_id: int):
    """The plan document as PDF."""
    _actor, plan = staff_plan(request, plan_id)
    return _pdf_response(plan, public_only=False)


@login_required
def progress_export(request, plan_id: int, fmt: str):
    """The 進捗評価表 as XLSX or CSV."""
    if fmt not in ("xlsx", "csv"):
        raise Http404(_("ページが見つかりません"))
    _actor, plan = staff_plan(request, plan_id)
    table = progress_table(plan, language=_lang())
    if fmt == "xlsx":
        body = tables.to_xlsx(table, title=plan.display_title(_lang()), sheet=_("進捗評価表"))
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, kind = tables.to_csv(table), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}-progress.{fmt}"'
    return response


def public_page(request, slug: str):
    """The transparency page: the organisation's public plans and their public measures."""
    org = get_object_or_404(Organisation, slug=slug)
    plans = list(selectors.public_plans(org))
    if not plans:
        raise Http404(_("公開されている計画がありません"))
    plan = plans[0]
    context = dashboard_context(plan, public_only=True, with_changes=False)
    context.update({"org": org, "other_plans": plans[1:]})
    return render(request, "plan/public.html", context)


def public_document(request, slug: str, plan_id: int):
    """A public plan's document (public measures only)."""
    plan = get_object_or_404(selectors.public_plans(get_object_or_404(Organisation, slug=slug)),
                             pk=plan_id)
    return _document_response(request, plan, public_only=True)


def public_document_pdf(request, slug: str, plan_id: int):
    """A public plan's document as PDF."""
    plan = get_object_or_404(selectors.public_plans(get_object_or_404(Organisation, slug=slug)),
                             pk=plan_id)
    return _pdf_response(plan, public_only=True)

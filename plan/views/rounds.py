"""Reporting round pages: open a round, a department's entry form, review, close, report."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.actor import Actor
from core.errors import ServiceError
from core.models import Role
from core.permissions import has_role
from plan import selectors
from plan.engine.fiscal import fy_label
from plan.models import Milestone, ReportingRound, Submission
from plan.services import actuals as actual_services
from plan.services import rounds as round_services
from plan.services.common import is_planner, reporting_department_ids
from plan.views.pages import staff_plan


def _round(request, round_id: int) -> tuple[Actor, ReportingRound]:
    round_ = get_object_or_404(ReportingRound.objects.select_related("plan__organisation"),
                               pk=round_id)
    actor = Actor.from_request(request)
    if not has_role(actor, round_.plan.organisation, Role.VIEWER):
        raise Http404(_("進捗報告が見つかりません"))
    return actor, round_


@login_required
def round_list(request, plan_id: int):
    """A plan's rounds, and (for planning staff) the form that opens a new one."""
    actor, plan = staff_plan(request, plan_id)
    planner = is_planner(actor, plan.organisation)
    errors: dict = {}
    values = {"title": "", "fiscal_year": str(plan.to_fy), "month": ""}
    status = 200
    if request.method == "POST":
        if not planner:
            raise Http404(_("計画が見つかりません"))
        values = {k: request.POST.get(k, "").strip() for k in values}
        try:
            fiscal_year = int(values["fiscal_year"])
            month = date.fromisoformat(values["month"] + "-01") if values["month"] else None
        except ValueError:
            errors = {"fiscal_year": [_("年度と月を正しく入力してください")]}
        else:
            try:
                round_ = round_services.open_round(actor=actor, plan=plan, title=values["title"],
                                                   fiscal_year=fiscal_year, month=month)
            except ServiceError as exc:
                errors = exc.field_errors or {"__all__": [str(exc)]}
            else:
                messages.success(request, _("進捗報告を開始しました"))
                return redirect("plan:round", round_id=round_.pk)
        status = 400
    return render(request, "plan/staff/round_list.html", {
        "plan": plan, "rounds": plan.rounds.all(), "planner": planner, "errors": errors,
        "values": values, "years": [(fy, fy_label(fy)) for fy in plan.fiscal_years],
    }, status=status)


@login_required
def round_detail(request, round_id: int):
    """The round: every department's submission, with review actions for planning staff."""
    actor, round_ = _round(request, round_id)
    allowed = reporting_department_ids(actor, round_.plan.organisation)
    submissions = list(round_.submissions.select_related("department"))
    return render(request, "plan/staff/round_detail.html", {
        "round": round_, "plan": round_.plan, "submissions": submissions,
        "planner": is_planner(actor, round_.plan.organisation),
        "mine": [s for s in submissions if allowed is None or s.department_id in allowed],
    })


def _parse_number(text: str) -> float:
    return float(text.replace(",", "").replace("，", "").strip())


@login_required
def submission_form(request, submission_id: int):
    """A department's report: its measures' KPI actuals, milestone statuses and a comment."""
    submission = get_object_or_404(Submission.objects.select_related(
        "round__plan__organisation", "department"), pk=submission_id)
    actor, round_ = _round(request, submission.round_id)
    allowed = reporting_department_ids(actor, round_.plan.organisation)
    if allowed is not None and submission.department_id not in allowed:
        raise Http404(_("進捗報告が見つかりません"))
    measures = list(selectors.department_measures(round_, submission.department_id))
    errors: list[tuple[str, str]] = []
    status = 200
    if request.method == "POST" and submission.editable:
        errors = _save(request, actor, round_, submission, measures)
        if not errors:
            if request.POST.get("action") == "submit":
                try:
                    round_services.submit(actor=actor, submission=submission,
                                          comment=request.POST.get("comment", ""))
                except ServiceError as exc:
                    errors.append(("", str(exc)))
                else:
                    messages.success(request, _("報告を提出しました"))
                    return redirect("plan:round", round_id=round_.pk)
            else:
                messages.success(request, _("保存しました"))
                return redirect("plan:submission", submission_id=submission.pk)
        status = 400
    rows = []
    for measure in measures:
        kpis = [(k, selectors.round_actual(k, round_)) for k in measure.kpis.all()]
        rows.append((measure, kpis, list(measure.milestones.all())))
    return render(request, "plan/staff/submission_form.html", {
        "submission": submission, "round": round_, "plan": round_.plan, "rows": rows,
        "errors": errors, "statuses": Milestone.Status.choices, "posted": request.POST,
        "period": fy_label(round_.fiscal_year),
    }, status=status)


def _save(request, actor, round_, submission, measures) -> list[tuple[str, str]]:
    """Store every filled-in actual and changed milestone; return (field id, message) errors."""
    errors = []
    for measure in measures:
        for kpi in measure.kpis.all():
            if kpi.metric_key:
                continue
            raw = request.POST.get(f"kpi-{kpi.pk}-value", "").strip()
            if not raw:
                continue
            try:
                value = _parse_number(raw)
            except ValueError:
                errors.append((f"kpi-{kpi.pk}-value",
                               _("%(name)s: 数値を入力してください") % {"name": kpi.name}))
                continue
            try:
                actual_services.record_actual(
                    actor=actor, kpi=kpi, value=value, fiscal_year=round_.fiscal_year,
                    month=round_.month, round_=round_,
                    evidence=request.POST.get(f"kpi-{kpi.pk}-evidence", ""),
                    comment=request.POST.get(f"kpi-{kpi.pk}-comment", ""))
            except ServiceError as exc:
                errors.append((f"kpi-{kpi.pk}-value", f"{kpi.name}: {exc}"))
        for milestone in measure.milestones.all():
            status = request.POST.get(f"ms-{milestone.pk}-status")
            if status and status != milestone.status:
                try:
                    actual_services.set_milestone_status(actor=actor, milestone=milestone,
                                                         status=status, round_=round_)
                except ServiceError as exc:
                    errors.append((f"ms-{milestone.pk}-status", str(exc)))
    if not errors and request.POST.get("action") != "submit":
        try:
            round_services.save_comment(actor=actor, submission=submission,
                                        comment=request.POST.get("comment", ""))
        except ServiceError as exc:
            errors.append(("id_comment", str(exc)))
    return errors


@login_required
@require_POST
def review(request, submission_id: int):
    """Planning staff accept a report or send it back with a comment."""
    submission = get_object_or_404(Submission.objects.select_related(
        "round__plan__organisation"), pk=submission_id)
    actor, round_ = _round(request, submission.round_id)
    try:
        if request.POST.get("action") == "accept":
            round_services.accept(actor=actor, submission=submission)
            messages.success(request, _("報告を承認しました"))
        else:
            round_services.send_back(actor=actor, submission=submission,
                                     comment=request.POST.get("review_comment", ""))
            messages.success(request, _("報告を差し戻しました"))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect("plan:round", round_id=round_.pk)


@login_required
@require_POST
def close(request, round_id: int):
    """Planning staff close the round; its report is frozen and the actuals published."""
    actor, round_ = _round(request, round_id)
    try:
        round_services.close_round(actor=actor, round_=round_)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("plan:round", round_id=round_.pk)
    messages.success(request, _("進捗報告を締め切りました"))
    return redirect("plan:round_report", round_id=round_.pk)


@login_required
def report(request, round_id: int):
    """The report a closed round produced."""
    _actor, round_ = _round(request, round_id)
    if round_.is_open:
        raise Http404(_("締め切られていない進捗報告です"))
    from plan.reports import COLUMNS

    return render(request, "plan/staff/round_report.html", {
        "round": round_, "plan": round_.plan, "report": round_.report,
        "headers": [c[1] if (request.LANGUAGE_CODE or "ja") != "en" else c[2] for c in COLUMNS],
    })

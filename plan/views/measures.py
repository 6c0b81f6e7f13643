"""Planning staff screens for a measure (datasets, KPIs, milestones) and department reporters."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Dataset
from core.errors import ServiceError
from core.models import Department, Role
from core.models.organisations import ROLE_RANK
from plan.forms.common import apply_errors
from plan.forms.measure import DatasetsForm, DeleteForm, KpiForm, MilestoneForm, ReporterForm
from plan.models import KPI, DepartmentReporter, Measure, Milestone
from plan.services import actuals as actual_services
from plan.services import measures as measure_services
from plan.services import plans as plan_services
from plan.views.manage import _lang, planner_plan, render_form


def _measure(request, plan_id: int, measure_id: int):
    """A measure of a plan the user plans (404 otherwise)."""
    actor, plan = planner_plan(request, plan_id)
    measure = get_object_or_404(Measure.objects.select_related("pillar", "department"),
                                pk=measure_id, plan=plan)
    return actor, plan, measure


def _back(plan, measure) -> str:
    return reverse("plan:measure", args=[plan.pk, measure.pk])


def _years(plan, *extra) -> list[int]:
    """The plan's fiscal years, plus any a KPI or milestone already uses outside the period."""
    return sorted(set(plan.fiscal_years) | {int(y) for y in extra})


@login_required
def measure(request, plan_id: int, measure_id: int):
    """A measure as planning staff see it: its datasets, KPIs and milestones, with edit links."""
    _actor, plan, measure_ = _measure(request, plan_id, measure_id)
    return render(request, "plan/staff/measure.html", {
        "plan": plan, "measure": measure_, "kpis": measure_.kpis.all(),
        "milestones": measure_.milestones.all(), "datasets": measure_.datasets.all()})


@login_required
def datasets(request, plan_id: int, measure_id: int):
    """Pick the organisation's datasets that are evidence of the measure."""
    actor, plan, measure_ = _measure(request, plan_id, measure_id)
    candidates = (Dataset.objects.filter(organisation=plan.organisation)
                  .exclude(state=Dataset.State.DELETED).order_by("title"))
    form = DatasetsForm(request.POST or None, datasets=candidates, language=_lang(),
                        initial={"datasets": list(measure_.datasets.values_list("pk", flat=True))})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            chosen = list(candidates.filter(pk__in=form.cleaned_data["datasets"]))
            try:
                plan_services.link_datasets(actor=actor, measure=measure_, datasets=chosen,
                                            reason=form.cleaned_data["reason"])
            except ServiceError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("関連データセットを保存しました"))
                return redirect("plan:measure", plan_id=plan.pk, measure_id=measure_.pk)
        status = 400
    return render_form(request, plan=plan, form=form, status=status,
                       title=_("関連データセット: %(m)s") % {"m": measure_.display_title(_lang())},
                       back=_back(plan, measure_),
                       intro=_("この施策の根拠となる、団体のデータセットを選びます。"))


@login_required
def kpi_form(request, plan_id: int, measure_id: int, kpi_id: int | None = None):
    """Add a KPI to the measure, or edit one of its KPIs."""
    actor, plan, measure_ = _measure(request, plan_id, measure_id)
    kpi = get_object_or_404(KPI, pk=kpi_id, measure=measure_) if kpi_id else None
    years = _years(plan, *(kpi.targets_by_fy if kpi else ()))
    form = KpiForm(request.POST or None, fiscal_years=years, language=_lang(),
                   initial=KpiForm.initial_from(kpi) if kpi else {"source": "manual"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                measure_services.save_kpi(actor=actor, measure=measure_, kpi=kpi,
                                          data=form.to_data(),
                                          reason=form.cleaned_data["reason"])
            except ServiceError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("KPIを保存しました"))
                return redirect("plan:measure", plan_id=plan.pk, measure_id=measure_.pk)
        status = 400
    title = (_("KPIの編集: %(k)s") % {"k": kpi.name} if kpi
             else _("KPIの追加: %(m)s") % {"m": measure_.display_title(_lang())})
    return render_form(request, plan=plan, form=form, status=status, title=title,
                       back=_back(plan, measure_), template="plan/staff/kpi_form.html",
                       measure=measure_, kpi=kpi,
                       delete_form=DeleteForm(auto_id="delete_%s") if kpi else None)


@login_required
def milestone_form(request, plan_id: int, measure_id: int, milestone_id: int | None = None):
    """Add a step to the measure's schedule, or edit one."""
    actor, plan, measure_ = _measure(request, plan_id, measure_id)
    milestone = (get_object_or_404(Milestone, pk=milestone_id, measure=measure_)
                 if milestone_id else None)
    years = _years(plan, *([milestone.fiscal_year] if milestone else []))
    initial = ({"fiscal_year": milestone.fiscal_year, "text": milestone.text,
                "status": milestone.status} if milestone else {"status": "planned"})
    form = MilestoneForm(request.POST or None, fiscal_years=years, language=_lang(),
                         initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                measure_services.save_milestone(actor=actor, measure=measure_,
                                                milestone=milestone, data=form.to_data(),
                                                reason=form.cleaned_data["reason"])
            except ServiceError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("スケジュールを保存しました"))
                return redirect("plan:measure", plan_id=plan.pk, measure_id=measure_.pk)
        status = 400
    title = (_("スケジュールの編集: %(t)s") % {"t": milestone.text} if milestone
             else _("スケジュールの追加: %(m)s") % {"m": measure_.display_title(_lang())})
    return render_form(request, plan=plan, form=form, status=status, title=title,
                       back=_back(plan, measure_), template="plan/staff/milestone_form.html",
                       measure=measure_, milestone=milestone,
                       delete_form=DeleteForm(auto_id="delete_%s") if milestone else None)


def _delete(request, *, plan, measure_, target, service, done: str, template: str, **extra):
    form = DeleteForm(request.POST, auto_id="delete_%s")
    if form.is_valid():
        try:
            service(reason=form.cleaned_data["reason"])
        except ServiceError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("plan:measure", plan_id=plan.pk, measure_id=measure_.pk)
    return render(request, template, {
        "plan": plan, "measure": measure_, "delete_form": form, "target": target,
        "back": _back(plan, measure_), **extra}, status=400)


@login_required
@require_POST
def kpi_delete(request, plan_id: int, measure_id: int, kpi_id: int):
    """Delete a KPI without actuals (the reason is required)."""
    actor, plan, measure_ = _measure(request, plan_id, measure_id)
    kpi = get_object_or_404(KPI, pk=kpi_id, measure=measure_)
    return _delete(request, plan=plan, measure_=measure_, target=kpi,
                   service=lambda reason: measure_services.delete_kpi(actor=actor, kpi=kpi,
                                                                       reason=reason),
                   done=_("KPIを削除しました"), template="plan/staff/delete_failed.html",
                   page_title=_("KPIの削除: %(k)s") % {"k": kpi.name})


@login_required
@require_POST
def milestone_delete(request, plan_id: int, measure_id: int, milestone_id: int):
    """Delete a schedule step (the reason is required)."""
    actor, plan, measure_ = _measure(request, plan_id, measure_id)
    milestone = get_object_or_404(Milestone, pk=milestone_id, measure=measure_)
    return _delete(request, plan=plan, measure_=measure_, target=milestone,
                   service=lambda reason: measure_services.delete_milestone(
                       actor=actor, milestone=milestone, reason=reason),
                   done=_("スケジュールを削除しました"), template="plan/staff/delete_failed.html",
                   page_title=_("スケジュールの削除: %(t)s") % {"t": milestone.text})


def _reporter_choices(plan):
    """The organisation's departments, and its staff who may report (editors and above)."""
    departments = Department.objects.filter(organisation=plan.organisation).order_by("name")
    roles = [r for r in Role.values if ROLE_RANK[Role(r)] >= ROLE_RANK[Role.EDITOR]]
    users = (get_user_model().objects.filter(memberships__organisation=plan.organisation,
                                             memberships__role__in=roles, is_active=True)
             .order_by("username").distinct())
    return departments, users


@login_required
def reporters(request, plan_id: int):
    """Who reports for which department: list, assign, remove."""
    actor, plan = planner_plan(request, plan_id)
    departments, users = _reporter_choices(plan)
    form = ReporterForm(request.POST or None, departments=departments, users=users,
                        language=_lang())
    status = 200
    if request.method == "POST":
        if form.is_valid():
            c = form.cleaned_data
            try:
                actual_services.assign_reporter(actor=actor,
                                                department=departments.get(pk=c["department"]),
                                                user=users.get(pk=c["user"]))
            except ServiceError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("報告担当者を登録しました"))
                return redirect("plan:reporters", plan_id=plan.pk)
        status = 400
    rows = (DepartmentReporter.objects.filter(department__organisation=plan.organisation)
            .select_related("department", "user").order_by("department__name", "user__username"))
    return render(request, "plan/staff/reporters.html",
                  {"plan": plan, "form": form, "rows": rows}, status=status)


@login_required
@require_POST
def reporter_remove(request, plan_id: int, reporter_id: int):
    """Stop a staff member reporting for a department."""
    actor, plan = planner_plan(request, plan_id)
    row = get_object_or_404(DepartmentReporter, pk=reporter_id,
                            department__organisation=plan.organisation)
    try:
        actual_services.remove_reporter(actor=actor, reporter=row)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("報告担当者から外しました"))
    return redirect("plan:reporters", plan_id=plan.pk)

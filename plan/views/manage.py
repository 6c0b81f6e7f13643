"""Planning staff screens for the plan itself: edit, grade thresholds, visibility, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.actor import Actor
from core.errors import ServiceError
from plan.engine import diff as plan_diff
from plan.forms.common import apply_errors
from plan.forms.plan import PlanForm, ThresholdsForm, VisibilityForm
from plan.models import PILLAR_LABELS
from plan.models.plan import SECTION_LABELS
from plan.services import plans as plan_services
from plan.services.common import is_planner
from plan.views.pages import staff_plan

# Labels of the keys the diff engine reports (plan attributes and measure fields).
FIELD_LABELS = {
    "title": gettext_lazy("名称"), "title_en": gettext_lazy("名称（英語）"),
    "adopted": gettext_lazy("策定日"), "period": gettext_lazy("計画期間"),
    "source": gettext_lazy("出典"), "grading": gettext_lazy("評価の基準（達成率%）"),
    "is_public": gettext_lazy("公開"), "order": gettext_lazy("施策番号"),
    "pillar": gettext_lazy("柱"), "department": gettext_lazy("担当部署"),
    "priority_fields": gettext_lazy("重点分野"), "datasets": gettext_lazy("関連データセット"),
    "evidence": gettext_lazy("根拠資料"),
}


def _lang() -> str:
    return translation.get_language() or "ja"


def planner_plan(request, plan_id: int) -> tuple[Actor, object]:
    """A plan the user plans (organisation administrators); 404 for everyone else."""
    actor, plan = staff_plan(request, plan_id)
    if not is_planner(actor, plan.organisation):
        raise Http404(_("計画が見つかりません"))
    return actor, plan


def render_form(request, *, plan, form, title: str, status: int, back=None, intro: str = "",
                template: str = "plan/staff/form.html", **extra):
    """Render one of the plan's staff forms (400 when it came back with errors)."""
    context = {"plan": plan, "form": form, "page_title": title, "back": back, "intro": intro,
               **extra}
    return render(request, template, context, status=status)


@login_required
def manage(request, plan_id: int):
    """The planning staff's menu for one plan: settings, measures and history."""
    _actor, plan = planner_plan(request, plan_id)
    measures = (plan.measures.select_related("pillar", "department")
                .prefetch_related("kpis", "milestones", "datasets").order_by("order"))
    return render(request, "plan/staff/manage.html", {
        "plan": plan, "measures": measures, "revisions": plan.revisions.all()[:5]})


@login_required
def edit(request, plan_id: int):
    """Edit the plan's titles, adoption date, period and sections 1-5 and 7."""
    actor, plan = planner_plan(request, plan_id)
    form = PlanForm(request.POST or None, initial=PlanForm.initial_from(plan))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                plan_services.update_plan(actor=actor, plan=plan,
                                          reason=form.cleaned_data["reason"], **form.changes())
            except ServiceError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("計画を保存しました（改訂履歴に記録しました）"))
                return redirect("plan:manage", plan_id=plan.pk)
        status = 400
    return render_form(request, plan=plan, form=form, title=_("計画の編集"), status=status,
                       template="plan/staff/plan_form.html")


@login_required
def thresholds(request, plan_id: int):
    """Set the 達成率 from which a KPI is graded A, B or C (below C is D)."""
    actor, plan = planner_plan(request, plan_id)
    form = ThresholdsForm(request.POST or None, initial={
        "grade_a": plan.grade_a, "grade_b": plan.grade_b, "grade_c": plan.grade_c})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            c = form.cleaned_data
            try:
                plan_services.update_plan(actor=actor, plan=plan, reason=c["reason"],
                                          grade_a=c["grade_a"], grade_b=c["grade_b"],
                                          grade_c=c["grade_c"])
            except ServiceError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("評価の基準を保存しました"))
                return redirect("plan:manage", plan_id=plan.pk)
        status = 400
    return render_form(request, plan=plan, form=form, title=_("評価の基準"), status=status,
                       intro=_("各KPIの達成率がこの値以上のときにその評価になります。C未満はDです。"))


@login_required
def visibility(request, plan_id: int):
    """Choose whether the plan is public and which of its measures the public page shows."""
    actor, plan = planner_plan(request, plan_id)
    form = VisibilityForm(request.POST or None, plan=plan, language=_lang(), initial={
        "is_public": plan.is_public,
        "measures": list(plan.measures.filter(is_public=True).values_list("pk", flat=True))})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            c = form.cleaned_data
            try:
                plan_services.set_visibility(actor=actor, plan=plan, is_public=c["is_public"],
                                             public_measure_ids=c["measures"],
                                             reason=c["reason"])
            except ServiceError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("公開範囲を保存しました"))
                return redirect("plan:manage", plan_id=plan.pk)
        status = 400
    return render_form(request, plan=plan, form=form, title=_("公開範囲"), status=status,
                       intro=_("公開ページには、公開する計画の、公開する施策だけが表示されます。"))


@login_required
def revisions(request, plan_id: int):
    """The plan's revision history, newest first (every staff member may read it)."""
    actor, plan = staff_plan(request, plan_id)
    return render(request, "plan/staff/revisions.html", {
        "plan": plan, "revisions": plan.revisions.all(),
        "at_manage": not is_planner(actor, plan.organisation)})


def _label_changes(changes) -> list[tuple[str, str, str]]:
    """(label, before, after) rows; pillar keys shown as their names."""
    pillars = {k: str(v) for k, v in PILLAR_LABELS.items()}

    def shown(key: str, value: str) -> str:
        return pillars.get(value, value) if key == "pillar" else value

    return [(str(FIELD_LABELS.get(c.key, c.key)), shown(c.key, c.before), shown(c.key, c.after))
            for c in changes]


@login_required
def revision(request, plan_id: int, number: int):
    """One revision against the previous one, section by section."""
    actor, plan = staff_plan(request, plan_id)
    current = get_object_or_404(plan.revisions, number=number)
    previous = plan.revisions.filter(number__lt=number).order_by("-number").first()
    result = plan_diff.diff_snapshots(previous.snapshot if previous else None, current.snapshot,
                                      section_keys=list(SECTION_LABELS))
    sections = [(s, f"{n}. {SECTION_LABELS[s.key]}")
                for s, n in zip(result.sections, (1, 2, 3, 4, 5, 7), strict=True)]
    measures = [(m, _label_changes(m.fields)) for m in result.measures]
    return render(request, "plan/staff/revision.html", {
        "plan": plan, "revision": current, "previous": previous, "diff": result,
        "plan_fields": _label_changes(result.plan_fields), "sections": sections,
        "measures": measures,
        "newer": plan.revisions.filter(number__gt=number).order_by("number").first(),
        "at_manage": not is_planner(actor, plan.organisation),  # viewers get no manage link
    })

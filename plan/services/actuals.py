"""Enter KPI actuals and milestone status; assign who reports for a department."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput
from core.models import Department, Role
from core.permissions import has_role
from core.services import audit
from plan.engine.fiscal import fiscal_year_of
from plan.models import KPI, Actual, DepartmentReporter, Milestone, ReportingRound, Submission
from plan.services.common import require_department, require_planner


def _check_round(round_: ReportingRound | None, department_id: int | None) -> None:
    """In a round, a department writes only while its submission is a draft or sent back."""
    if round_ is None:
        return
    submission = Submission.objects.filter(round=round_, department_id=department_id).first()
    if not round_.is_open or submission is None or not submission.editable:
        raise InvalidInput(_("この報告は編集できない状態です（提出済み・承認済み・締切済み）"))


def record_actual(*, actor: Actor, kpi: KPI, value: float, fiscal_year: int,
                  month: date | None = None, evidence: str = "", comment: str = "",
                  round_: ReportingRound | None = None) -> Actual:
    """Enter (or correct) a KPI's actual for a fiscal year or a month of it."""
    measure = kpi.measure
    organisation = measure.plan.organisation
    require_department(actor, organisation, measure.department_id)
    _check_round(round_, measure.department_id)
    if kpi.metric_key:
        raise InvalidInput(_("自動で集計される指標には実績を入力できません"))
    if month is not None:
        month = month.replace(day=1)
        if fiscal_year_of(month) != fiscal_year:
            raise InvalidInput(_("月が年度に含まれていません"),
                               field_errors={"month": [_("月が年度に含まれていません")]})
    with transaction.atomic():
        actual, created = Actual.objects.update_or_create(
            kpi=kpi, fiscal_year=fiscal_year, month=month,
            defaults={"value": float(value), "evidence": evidence[:500], "comment": comment,
                      "round": round_, "entered_by": actor.user if actor.is_authenticated
                      else None},
        )
        audit.record(actor=actor, action="plan.actual", target=actual, organisation=organisation,
                     details={"kpi": kpi.pk, "fiscal_year": fiscal_year,
                              "month": month.isoformat() if month else None,
                              "created": created})
    return actual


def set_milestone_status(*, actor: Actor, milestone: Milestone, status: str,
                         round_: ReportingRound | None = None) -> Milestone:
    """Report how a scheduled step stands (予定, 実施中, 完了, 遅延)."""
    measure = milestone.measure
    require_department(actor, measure.plan.organisation, measure.department_id)
    _check_round(round_, measure.department_id)
    if status not in Milestone.Status.values:
        raise InvalidInput(_("状況が正しくありません"), field_errors={"status": [_("不明な値")]})
    if milestone.status == status:
        return milestone
    with transaction.atomic():
        previous = milestone.status
        milestone.status = status
        milestone.save(update_fields=["status", "updated_at"])
        audit.record(actor=actor, action="plan.milestone", target=milestone,
                     organisation=measure.plan.organisation,
                     details={"from": previous, "to": status})
    return milestone


def assign_reporter(*, actor: Actor, department: Department, user) -> DepartmentReporter:
    """Let a staff member report for a department in reporting rounds (planning staff only)."""
    require_planner(actor, department.organisation)
    if not has_role(Actor(user=user), department.organisation, Role.EDITOR):
        raise InvalidInput(_("報告担当者には団体の編集者以上の職員を選んでください"),
                           field_errors={"user": [_("団体の編集者以上の職員を選んでください")]})
    with transaction.atomic():
        row, _created = DepartmentReporter.objects.get_or_create(department=department, user=user)
        audit.record(actor=actor, action="plan.reporter", target=row,
                     organisation=department.organisation,
                     details={"department": department.pk, "user_id": user.pk})
    return row


def remove_reporter(*, actor: Actor, reporter: DepartmentReporter) -> None:
    """Stop a staff member reporting for a department (planning staff only)."""
    organisation = reporter.department.organisation
    require_planner(actor, organisation)
    with transaction.atomic():
        details = {"department": reporter.department_id, "user_id": reporter.user_id}
        reporter.delete()
        audit.record(actor=actor, action="plan.reporter_remove", target=reporter.department,
                     organisation=organisation, details=details)

"""Edit a measure's KPIs (targets per FY, baseline, unit, direction, source) and milestones."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from core import metrics as registry
from core.actor import Actor
from core.errors import InvalidInput
from core.services import audit
from plan.models import KPI, Measure, Milestone
from plan.services.common import require_planner, require_reason
from plan.services.plans import MAX_FY, MIN_FY, _revise


@dataclass(kw_only=True)
class KpiData:
    """What planning staff set on a KPI."""

    name: str
    unit: str = ""
    direction: str = KPI.Direction.HIGHER
    baseline_value: float | None = None
    baseline_date: date | None = None
    targets: dict[int, float] = field(default_factory=dict)
    target_text: str = ""
    source: str = "manual"


@dataclass(kw_only=True)
class MilestoneData:
    """What planning staff set on a schedule step."""

    fiscal_year: int
    text: str
    status: str = Milestone.Status.PLANNED


def source_choices() -> list[tuple[str, str]]:
    """Where a KPI's values may come from: entered by departments, or a registered metric."""
    return [("manual", str(_("手入力（部署が報告）")))] + [
        (f"metric:{m.key}", f"{m.label}（{m.key}）") for m in registry.metrics()]


def _check_kpi(data: KpiData) -> dict[str, list]:
    errors: dict[str, list] = {}
    if not data.name.strip():
        errors["name"] = [_("指標名を入力してください")]
    if data.direction not in KPI.Direction.values:
        errors["direction"] = [_("方向が正しくありません")]
    if data.source not in dict(source_choices()):
        errors["source"] = [_("取得元が正しくありません")]
    numbers = [data.baseline_value, *data.targets.values()]
    if any(v is not None and not math.isfinite(v) for v in numbers):
        errors["targets"] = [_("数値を入力してください")]
    if any(not MIN_FY <= fy <= MAX_FY for fy in data.targets):
        errors["targets"] = [_("年度は1989〜2100の範囲で入力してください")]
    return errors


def save_kpi(*, actor: Actor, measure: Measure, data: KpiData, reason: str,
             kpi: KPI | None = None) -> KPI:
    """Create a KPI on a measure, or change one of its KPIs (kept in the plan's history)."""
    plan = measure.plan
    require_planner(actor, plan.organisation)
    require_reason(reason)
    if kpi is not None and kpi.measure_id != measure.pk:
        raise InvalidInput(_("この施策のKPIではありません"))
    errors = _check_kpi(data)
    if errors:
        raise InvalidInput(_("入力内容を確認してください"), field_errors=errors)
    with transaction.atomic():
        created = kpi is None
        if created:
            last = measure.kpis.aggregate(n=Max("order"))["n"]
            kpi = KPI(measure=measure, order=0 if last is None else last + 1)
        kpi.name, kpi.unit, kpi.direction = data.name.strip(), data.unit.strip(), data.direction
        kpi.baseline_value, kpi.baseline_date = data.baseline_value, data.baseline_date
        kpi.targets = {str(fy): float(v) for fy, v in sorted(data.targets.items())}
        kpi.target_text, kpi.source = data.target_text.strip(), data.source
        kpi.save()
        _revise(actor=actor, plan=plan, reason=reason.strip())
        audit.record(actor=actor, action="plan.kpi_create" if created else "plan.kpi_update",
                     target=kpi, organisation=plan.organisation,
                     details={"measure": measure.pk, "source": kpi.source,
                              "targets": sorted(kpi.targets)})
    return kpi


def delete_kpi(*, actor: Actor, kpi: KPI, reason: str) -> None:
    """Remove a KPI that has no actuals yet (actuals are evidence and are never dropped)."""
    plan = kpi.measure.plan
    require_planner(actor, plan.organisation)
    require_reason(reason)
    if kpi.actuals.exists():
        raise InvalidInput(_("実績が入力されているKPIは削除できません"))
    with transaction.atomic():
        pk, measure_id = kpi.pk, kpi.measure_id
        kpi.delete()
        _revise(actor=actor, plan=plan, reason=reason.strip())
        audit.record(actor=actor, action="plan.kpi_delete", target=plan,
                     organisation=plan.organisation, details={"kpi": pk, "measure": measure_id})


def save_milestone(*, actor: Actor, measure: Measure, data: MilestoneData, reason: str,
                   milestone: Milestone | None = None) -> Milestone:
    """Add a step to a measure's schedule, or change one (kept in the plan's history)."""
    plan = measure.plan
    require_planner(actor, plan.organisation)
    require_reason(reason)
    if milestone is not None and milestone.measure_id != measure.pk:
        raise InvalidInput(_("この施策のスケジュールではありません"))
    errors: dict[str, list] = {}
    if not data.text.strip():
        errors["text"] = [_("内容を入力してください")]
    if not MIN_FY <= data.fiscal_year <= MAX_FY:
        errors["fiscal_year"] = [_("年度は1989〜2100の範囲で入力してください")]
    if data.status not in Milestone.Status.values:
        errors["status"] = [_("状況が正しくありません")]
    if errors:
        raise InvalidInput(_("入力内容を確認してください"), field_errors=errors)
    with transaction.atomic():
        created = milestone is None
        milestone = milestone or Milestone(measure=measure)
        milestone.fiscal_year, milestone.text = data.fiscal_year, data.text.strip()[:500]
        milestone.status = data.status
        milestone.save()
        _revise(actor=actor, plan=plan, reason=reason.strip())
        audit.record(actor=actor,
                     action="plan.milestone_create" if created else "plan.milestone_update",
                     target=milestone, organisation=plan.organisation,
                     details={"measure": measure.pk, "fiscal_year": data.fiscal_year,
                              "status": data.status})
    return milestone


def delete_milestone(*, actor: Actor, milestone: Milestone, reason: str) -> None:
    """Remove a step from a measure's schedule."""
    plan = milestone.measure.plan
    require_planner(actor, plan.organisation)
    require_reason(reason)
    with transaction.atomic():
        pk, measure_id = milestone.pk, milestone.measure_id
        milestone.delete()
        _revise(actor=actor, plan=plan, reason=reason.strip())
        audit.record(actor=actor, action="plan.milestone_delete", target=plan,
                     organisation=plan.organisation,
                     details={"milestone": pk, "measure": measure_id})

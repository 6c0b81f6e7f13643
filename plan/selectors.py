"""Read queries of the plan app: visible plans, KPI values (manual or from metrics), progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import metrics as registry
from core.actor import Actor
from core.errors import NotFound
from core.models import MetricSnapshot, Role
from core.permissions import has_role
from plan.engine.achievement import achievement_rate, grade, target_for
from plan.engine.fiscal import fiscal_year_end, fiscal_year_of, fiscal_year_start
from plan.models import KPI, Actual, Measure, Milestone, Plan, PlanRevision, ReportingRound


def can_view_plan(actor: Actor, plan: Plan) -> bool:
    """Staff of the organisation see every plan; others only public ones."""
    return plan.is_public or has_role(actor, plan.organisation, Role.VIEWER)


def plan_for(actor: Actor, plan_id: int) -> Plan:
    """A plan the actor may see (NotFound otherwise, so hidden plans do not leak)."""
    plan = Plan.objects.select_related("organisation").filter(pk=plan_id).first()
    if plan is None or not can_view_plan(actor, plan):
        raise NotFound(_("計画が見つかりません"))
    return plan


def staff_plans(actor: Actor):
    """Plans of the organisations in which the actor is staff."""
    from core.permissions import readable_organisation_ids

    ids = readable_organisation_ids(actor)
    plans = Plan.objects.select_related("organisation")
    return plans if ids is None else plans.filter(organisation_id__in=ids)


def public_plans(organisation):
    """An organisation's plans that it made public."""
    return Plan.objects.filter(organisation=organisation, is_public=True)


# --- KPI values ---------------------------------------------------------------------------

def _metric_by_fy(kpi: KPI, organisation, fiscal_years: list[int], today: date) -> dict:
    """A metric KPI's value at the end of each fiscal year, and now for the current one."""
    key = kpi.metric_key
    rows = MetricSnapshot.objects.filter(key=key, organisation=organisation).order_by("day")
    values: dict[int, float] = {}
    for snap in rows.filter(day__gte=fiscal_year_start(min(fiscal_years)),
                            day__lte=fiscal_year_end(max(fiscal_years))):
        values[fiscal_year_of(snap.day)] = snap.value  # ordered by day: the last one wins
    current = fiscal_year_of(today)
    if current in fiscal_years:
        try:
            values[current] = float(registry.get(key).compute(organisation))
        except KeyError:
            pass  # the app that registered the metric is gone: keep the recorded series
    return values


def metric_by_month(kpi: KPI, organisation, fiscal_year: int) -> dict[date, float]:
    """A metric KPI's value at the end of each month of a fiscal year."""
    values: dict[date, float] = {}
    for snap in MetricSnapshot.objects.filter(
            key=kpi.metric_key, organisation=organisation,
            day__gte=fiscal_year_start(fiscal_year),
            day__lte=fiscal_year_end(fiscal_year)).order_by("day"):
        values[snap.day.replace(day=1)] = snap.value
    return values


def values_by_fy(kpi: KPI, *, organisation, fiscal_years: list[int],
                 today: date | None = None) -> dict[int, float]:
    """The KPI's value per fiscal year: yearly actual, else the latest monthly one, or metric."""
    today = today or timezone.localdate()
    if kpi.metric_key:
        return _metric_by_fy(kpi, organisation, fiscal_years, today)
    values: dict[int, float] = {}
    yearly: dict[int, float] = {}
    for actual in kpi.actuals.all():  # prefetched: ordered by year, then month
        if actual.month is None:
            yearly[actual.fiscal_year] = actual.value
        else:
            values[actual.fiscal_year] = actual.value
    values.update(yearly)
    return values


@dataclass(kw_only=True)
class KpiProgress:
    """A KPI with its values by fiscal year, latest value, target, 達成率 and grade."""

    kpi: KPI
    values: dict[int, float]
    latest_fy: int | None = None
    latest: float | None = None
    target_fy: int | None = None
    target: float | None = None
    rate: float | None = None
    grade: str | None = None


def kpi_progress(kpi: KPI, plan: Plan, *, today: date | None = None) -> KpiProgress:
    """Where a KPI stands: its latest value against the target of that fiscal year."""
    values = values_by_fy(kpi, organisation=plan.organisation, fiscal_years=plan.fiscal_years,
                          today=today)
    row = KpiProgress(kpi=kpi, values=values)
    if values:
        row.latest_fy = max(values)
        row.latest = values[row.latest_fy]
        chosen = target_for(kpi.targets_by_fy, row.latest_fy)
        if chosen:
            row.target_fy, row.target = chosen
            row.rate = achievement_rate(actual=row.latest, target=row.target,
                                        direction=kpi.direction, baseline=kpi.baseline_value)
            row.grade = grade(row.rate, plan.thresholds)
    elif kpi.targets_by_fy:
        row.target_fy = max(kpi.targets_by_fy)
        row.target = kpi.targets_by_fy[row.target_fy]
    return row


def _mean_capped(rates: list[float | None]) -> float | None:
    """The mean 達成率 with each KPI counted between 0 and 100 % (overshoot does not hide gaps)."""
    known = [max(0.0, min(r, 100.0)) for r in rates if r is not None]
    return sum(known) / len(known) if known else None


@dataclass(kw_only=True)
class MeasureProgress:
    """A measure, its KPIs' progress and milestones, and its mean 達成率 and grade."""

    measure: Measure
    kpis: list[KpiProgress]
    milestones: list[Milestone]
    rate: float | None = None
    grade: str | None = None
    overdue: list[Milestone] = field(default_factory=list)


@dataclass(kw_only=True)
class PillarProgress:
    """A pillar with its measures' progress."""

    pillar: object
    measures: list[MeasureProgress]
    rate: float | None = None


def overdue_milestones(milestones, today: date) -> list[Milestone]:
    """Steps reported delayed, or from a past fiscal year and not done."""
    current = fiscal_year_of(today)
    return [m for m in milestones
            if m.status == Milestone.Status.DELAYED
            or (m.fiscal_year < current and m.status != Milestone.Status.DONE)]


def plan_progress(plan: Plan, *, public_only: bool = False,
                  today: date | None = None) -> list[PillarProgress]:
    """Progress by pillar and by measure (measures in plan order)."""
    today = today or timezone.localdate()
    measures = (plan.measures.select_related("pillar", "department")
                .prefetch_related("kpis__actuals", "milestones").order_by("order"))
    if public_only:
        measures = measures.filter(is_public=True)
    by_pillar: dict[int, PillarProgress] = {}
    for measure in measures:
        kpis = [kpi_progress(k, plan, today=today) for k in measure.kpis.all()]
        milestones = list(measure.milestones.all())
        rate = _mean_capped([k.rate for k in kpis])
        mp = MeasureProgress(measure=measure, kpis=kpis, milestones=milestones, rate=rate,
                             grade=grade(rate, plan.thresholds),
                             overdue=overdue_milestones(milestones, today))
        entry = by_pillar.setdefault(measure.pillar_id,
                                     PillarProgress(pillar=measure.pillar, measures=[]))
        entry.measures.append(mp)
    pillars = sorted(by_pillar.values(), key=lambda p: p.pillar.position)
    for p in pillars:
        p.rate = _mean_capped([m.rate for m in p.measures])
    return pillars


@dataclass(kw_only=True)
class Changes:
    """What changed since the last closed round: actuals, milestone statuses, revisions."""

    since: object
    actuals: list[Actual]
    milestones: list[Milestone]
    revisions: list[PlanRevision]


def changes_since_last_round(plan: Plan) -> Changes:
    """Changes after the last closed round (everything, when no round has closed yet)."""
    last = plan.rounds.filter(state=ReportingRound.State.CLOSED).order_by("-closed_at").first()
    since = last.closed_at if last else None
    actuals = Actual.objects.filter(kpi__measure__plan=plan).select_related("kpi__measure")
    milestones = Milestone.objects.filter(measure__plan=plan).exclude(
        status=Milestone.Status.PLANNED).select_related("measure")
    revisions = plan.revisions.all()
    if since is not None:
        actuals = actuals.filter(entered_at__gt=since)
        milestones = milestones.filter(updated_at__gt=since)
        revisions = revisions.filter(created__gt=since)
    return Changes(since=since, actuals=list(actuals.order_by("-entered_at")[:50]),
                   milestones=list(milestones.order_by("-updated_at")[:50]),
                   revisions=list(revisions[:20]))


def department_measures(round_: ReportingRound, department_id: int):
    """The measures a department reports on in a round, with KPIs, actuals and milestones."""
    return (round_.plan.measures.filter(department_id=department_id)
            .prefetch_related("kpis__actuals", "milestones").order_by("order"))


def round_actual(kpi: KPI, round_: ReportingRound) -> Actual | None:
    """The actual of a KPI for the round's period, if entered."""
    query = Q(kpi=kpi, fiscal_year=round_.fiscal_year)
    query &= Q(month=round_.month) if round_.month else Q(month__isnull=True)
    return Actual.objects.filter(query).first()

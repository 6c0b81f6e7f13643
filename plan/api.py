"""/api/v1 operations of the plan: a plan with its measures, and every platform metric."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema
from pydantic import Field

from catalog.api.errors import reader, responses
from core import metrics as registry
from core.errors import NotFound
from core.models import Organisation
from plan import selectors
from plan.serialize import plan_dict

router = Router(tags=["plan"])


class MetricValue(Schema):
    """The current value of one registered metric."""

    value: float
    unit: str
    label: str


class Kpi(Schema):
    """A KPI as the plan states it."""

    id: int
    name: str
    unit: str
    direction: str = Field(description="higher | lower (which is better)")
    baseline: dict[str, Any] | None
    targets: dict[str, float] = Field(description="fiscal year → target")
    target_text: str
    source: str = Field(description="manual | metric:<key>")


class MilestoneOut(Schema):
    """One step of a measure's schedule."""

    fiscal_year: int
    text: str
    status: str


class MeasureOut(Schema):
    """A measure (個別施策) in plan order."""

    id: int
    order: int
    title: str
    title_en: str
    pillar: str
    department: str
    description: str
    priority_fields: list[str]
    evidence: list[dict[str, str]]
    datasets: list[str]
    kpis: list[Kpi]
    milestones: list[MilestoneOut]


class PillarOut(Schema):
    """A pillar of the plan with its policy text."""

    key: str
    label: str
    label_en: str
    policy: str


class PlanOut(Schema):
    """A plan with its pillars and measures."""

    id: int
    organisation: str
    title: str
    title_en: str
    adopted: str | None
    period: dict[str, int]
    source: str
    grading: dict[str, float]
    sections: dict[str, str]
    pillars: list[PillarOut]
    measures: list[MeasureOut]


@router.get("/metrics", response={200: dict[str, MetricValue], **responses(401, 404, 409)},
            summary="Current value of every platform metric")
def metrics(request, organisation: str = ""):
    """Every registered metric by key, site-wide or for one organisation (?organisation=slug)."""
    reader(request)
    org = None
    if organisation:
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise NotFound(_("団体が見つかりません"))
    return {m.key: {"value": float(m.compute(org)), "unit": m.unit, "label": str(m.label)}
            for m in registry.metrics()}


@router.get("/plans/{plan_id}", response={200: PlanOut, **responses(401, 404, 409)},
            summary="A plan with its pillars, measures, KPIs and milestones")
def plan_detail(request, plan_id: int):
    """A plan (public, or of the caller's organisation); measures in plan order."""
    actor = reader(request)
    plan = selectors.plan_for(actor, plan_id)
    staff = selectors.has_role(actor, plan.organisation, "viewer")
    return plan_dict(plan, public_only=not staff)

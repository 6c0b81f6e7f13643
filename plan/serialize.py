"""The plan as plain data: the API's shape, revision snapshots and export input."""

from __future__ import annotations

from plan.models import PILLAR_LABELS, Plan
from plan.models.plan import SECTION_LABELS


def _label(value, language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return str(value)


def kpi_dict(kpi) -> dict:
    """One KPI as data."""
    return {
        "id": kpi.pk, "name": kpi.name, "unit": kpi.unit, "direction": kpi.direction,
        "baseline": ({"value": kpi.baseline_value,
                      "date": kpi.baseline_date.isoformat() if kpi.baseline_date else None}
                     if kpi.baseline_value is not None else None),
        "targets": {str(fy): v for fy, v in sorted(kpi.targets_by_fy.items())},
        "target_text": kpi.target_text, "source": kpi.source,
    }


def measure_dict(measure, *, with_ids: bool = True) -> dict:
    """One measure as data, with its KPIs and milestones."""
    data = {
        "order": measure.order, "title": measure.title, "title_en": measure.title_en,
        "pillar": measure.pillar.key,
        "department": measure.department.name if measure.department_id else "",
        "description": measure.description, "priority_fields": list(measure.priority_fields),
        "evidence": list(measure.evidence), "is_public": measure.is_public,
        "datasets": [d.slug for d in measure.datasets.all()],
        "kpis": [kpi_dict(k) for k in measure.kpis.all()],
        "milestones": [{"fiscal_year": m.fiscal_year, "text": m.text, "status": m.status}
                       for m in measure.milestones.all()],
    }
    if with_ids:
        data = {"id": measure.pk, **data}
    return data


def plan_queryset_measures(plan: Plan):
    """The plan's measures in plan order, with everything the serialisers read prefetched."""
    return (plan.measures.select_related("pillar", "department")
            .prefetch_related("kpis", "milestones", "datasets").order_by("order"))


def plan_dict(plan: Plan, *, public_only: bool = False) -> dict:
    """The whole plan as data (pillars, measures in plan order, KPIs, milestones)."""
    measures = plan_queryset_measures(plan)
    if public_only:
        measures = measures.filter(is_public=True)
    return {
        "id": plan.pk, "organisation": plan.organisation.slug, "title": plan.title,
        "title_en": plan.title_en,
        "adopted": plan.adopted.isoformat() if plan.adopted else None,
        "period": {"from_fy": plan.from_fy, "to_fy": plan.to_fy}, "source": plan.source,
        "grading": {"A": plan.grade_a, "B": plan.grade_b, "C": plan.grade_c},
        "sections": {k: plan.sections.get(k, "") for k in SECTION_LABELS
                     if plan.sections.get(k)},
        "pillars": [{"key": p.key, "label": _label(PILLAR_LABELS[p.key], "ja"),
                     "label_en": _label(PILLAR_LABELS[p.key], "en"), "policy": p.policy}
                    for p in plan.pillars.all()],
        "measures": [measure_dict(m) for m in measures],
    }

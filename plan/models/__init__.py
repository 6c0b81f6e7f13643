"""Plan models, split by domain: the plan and its measures, KPIs and actuals, rounds."""

from plan.models.kpi import KPI, Actual, Milestone
from plan.models.plan import (
    PILLAR_LABELS,
    PRIORITY_FIELD_LABELS,
    Measure,
    Pillar,
    Plan,
    PlanRevision,
)
from plan.models.rounds import DepartmentReporter, ReportingRound, Submission

__all__ = [
    "KPI",
    "PILLAR_LABELS",
    "PRIORITY_FIELD_LABELS",
    "Actual",
    "DepartmentReporter",
    "Measure",
    "Milestone",
    "Pillar",
    "Plan",
    "PlanRevision",
    "ReportingRound",
    "Submission",
]

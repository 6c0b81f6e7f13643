"""The progress report (進捗評価表) as rows, and the frozen report of a closed round."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import translation

from plan.engine.fiscal import fy_label
from plan.models import Plan, ReportingRound
from plan.selectors import plan_progress

COLUMNS = (
    ("no", "No.", "No."), ("pillar", "柱", "Pillar"), ("measure", "施策名", "Measure"),
    ("department", "担当部署", "Department"), ("kpi", "KPI", "KPI"), ("unit", "単位", "Unit"),
    ("baseline", "基準値", "Baseline"), ("baseline_date", "基準日", "Baseline date"),
    ("target_fy", "目標年度", "Target year"), ("target", "目標値", "Target"),
    ("actual_fy", "実績年度", "Actual year"), ("actual", "実績値", "Actual"),
    ("rate", "達成率（%）", "Achievement (%)"), ("grade", "評価", "Grade"),
    ("schedule", "スケジュール", "Schedule"),
)


@dataclass(frozen=True, kw_only=True)
class ProgressTable:
    """Header labels and rows of a 進捗評価表 (values typed: numbers stay numbers)."""

    headers: list[str]
    keys: list[str]
    rows: list[list]


def progress_table(plan: Plan, *, language: str = "ja", public_only: bool = False,
                   today: date | None = None) -> ProgressTable:
    """One row per KPI (or per measure without KPIs), measures in plan order."""
    en = language.startswith("en")
    rows: list[list] = []
    with translation.override(language):
        for pillar in plan_progress(plan, public_only=public_only, today=today):
            for mp in pillar.measures:
                m = mp.measure
                schedule = " / ".join(f"{fy_label(s.fiscal_year, language)} {s.text}"
                                      f"（{s.get_status_display()}）" for s in mp.milestones)
                base = [m.order, str(pillar.pillar.label), m.display_title(language),
                        m.department.display_name(language) if m.department_id else ""]
                if not mp.kpis:
                    rows.append([*base, "", "", None, "", "", None, "", None, None, "",
                                 schedule])
                for k in mp.kpis:
                    kpi = k.kpi
                    rows.append([
                        *base, kpi.name, kpi.unit, kpi.baseline_value,
                        kpi.baseline_date.isoformat() if kpi.baseline_date else "",
                        fy_label(k.target_fy, language) if k.target_fy else "",
                        k.target if k.target is not None else (kpi.target_text or None),
                        fy_label(k.latest_fy, language) if k.latest_fy else "", k.latest,
                        round(k.rate, 1) if k.rate is not None else None, k.grade or "",
                        schedule,
                    ])
    return ProgressTable(headers=[c[2] if en else c[1] for c in COLUMNS],
                         keys=[c[0] for c in COLUMNS], rows=rows)


def round_report(round_: ReportingRound) -> dict:
    """The report a round closes with: submissions and the progress table at that moment."""
    table = progress_table(round_.plan, language="ja")
    return {
        "round": round_.title, "fiscal_year": round_.fiscal_year,
        "month": round_.month.isoformat() if round_.month else None,
        "submissions": [{"department": s.department.name, "state": s.state,
                         "comment": s.comment, "review_comment": s.review_comment}
                        for s in round_.submissions.select_related("department")],
        "columns": table.keys, "rows": table.rows,
    }

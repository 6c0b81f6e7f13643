"""Dashboard context (progress, charts, overdue items, changes) shared by staff and public pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from plan.engine import svg
from plan.engine.fiscal import fy_label
from plan.models import Plan
from plan.selectors import changes_since_last_round, plan_progress


@dataclass(kw_only=True)
class KpiChart:
    """A KPI's chart and the same numbers as table rows (FY label, target, actual)."""

    progress: object
    svg: str
    rows: list[tuple[str, float | None, float | None]]


def _lang() -> str:
    return translation.get_language() or "ja"


def _kpi_chart(kp, plan: Plan, language: str) -> KpiChart:
    kpi = kp.kpi
    years = plan.fiscal_years
    targets = kpi.targets_by_fy
    labels = [fy_label(fy, language) for fy in years]
    series = svg.Series(labels=labels, targets=[targets.get(fy) for fy in years],
                        actuals=[kp.values.get(fy) for fy in years])
    described = "、".join(
        f"{label}: {_('目標')} {t if t is not None else '—'} / {_('実績')} "
        f"{a if a is not None else '—'}"
        for label, t, a in zip(labels, series.targets, series.actuals, strict=True))
    title = f"{kpi.name}（{kpi.unit}）" if kpi.unit else kpi.name
    chart = svg.kpi_chart(series=series, title=title, desc=described, ident=f"kpi-{kpi.pk}",
                          unit=kpi.unit,
                          target_label=_("目標"), actual_label=_("実績"))
    return KpiChart(progress=kp, svg=chart,
                    rows=list(zip(labels, series.targets, series.actuals, strict=True)))


def dashboard_context(plan: Plan, *, public_only: bool, with_changes: bool) -> dict:
    """Everything the dashboard template shows for one plan."""
    language = _lang()
    pillars = plan_progress(plan, public_only=public_only)
    pillar_rows = [(str(p.pillar.label), p.rate) for p in pillars]
    pillar_svg = svg.progress_bars(
        rows=pillar_rows, title=_("柱ごとの達成率"), ident="pillars",
        desc="、".join(f"{label}: {'—' if r is None else f'{r:.0f}%'}" for label, r in pillar_rows))
    charts = {}
    overdue = []
    for p in pillars:
        for mp in p.measures:
            charts[mp.measure.pk] = [_kpi_chart(k, plan, language) for k in mp.kpis]
            overdue += [(mp.measure, m) for m in mp.overdue]
    measures = [(p, mp, charts[mp.measure.pk]) for p in pillars for mp in p.measures]
    return {
        "plan": plan, "pillars": pillars, "pillar_svg": pillar_svg, "measures": measures,
        "overdue": overdue,
        "period": f"{fy_label(plan.from_fy, language)}〜{fy_label(plan.to_fy, language)}",
        "changes": changes_since_last_round(plan) if with_changes else None,
        "public_only": public_only,
    }

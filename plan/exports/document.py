"""The plan document in the national template's structure (sections 1–7), as an outline.

The HTML page and the PDF are both rendered from this outline, so they carry the same text
in the same order (the tests compare the measure titles of both).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from plan.engine.fiscal import fy_label
from plan.models import PILLAR_LABELS, Plan
from plan.models.plan import SECTION_LABELS


@dataclass(kw_only=True)
class MeasureBlock:
    """A measure in section 6: title, department, description and its two tables."""

    title: str
    department: str
    description: str
    kpi_header: list[str]
    kpi_rows: list[list[str]]
    schedule_header: list[str]
    schedule_row: list[str]


@dataclass(kw_only=True)
class Section:
    """A numbered section: its Markdown body, subsections (pillars) and measures."""

    number: int
    title: str
    body: str = ""
    subsections: list[Section] = field(default_factory=list)
    measures: list[MeasureBlock] = field(default_factory=list)


def _num(value) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _measure_block(measure, fiscal_years: list[int], language: str) -> MeasureBlock:
    kpi_rows = []
    for kpi in measure.kpis.all():
        targets = kpi.targets_by_fy
        target = " / ".join(f"{fy_label(fy, language)}: {_num(v)}{kpi.unit}"
                            for fy, v in sorted(targets.items())) or kpi.target_text
        if targets and kpi.target_text:
            target = f"{target}（{kpi.target_text}）"
        baseline = (f"{_num(kpi.baseline_value)}{kpi.unit}"
                    + (f"（{kpi.baseline_date.isoformat()}）" if kpi.baseline_date else "")
                    if kpi.baseline_value is not None else "")
        kpi_rows.append([kpi.name, baseline, target])
    by_year: dict[int, list[str]] = {}
    for m in measure.milestones.all():
        by_year.setdefault(m.fiscal_year, []).append(m.text)
    years = sorted(set(fiscal_years) | set(by_year))
    return MeasureBlock(
        title=measure.display_title(language),
        department=measure.department.display_name(language) if measure.department_id else "",
        description=measure.description,
        kpi_header=[_("KPI"), _("基準値"), _("目標値")], kpi_rows=kpi_rows,
        schedule_header=[fy_label(fy, language) for fy in years],
        schedule_row=["・".join(by_year.get(fy, [])) for fy in years],
    )


def outline(plan: Plan, *, language: str = "ja", public_only: bool = False) -> list[Section]:
    """Sections 1 to 7 of the plan document, measures in plan order under their pillars."""
    with translation.override(language):
        sections = [Section(number=i, title=str(SECTION_LABELS[key]),
                            body=plan.sections.get(key, ""))
                    for i, key in enumerate(("current_situation", "purpose", "positioning",
                                             "structure", "basic_policy"), start=1)]
        pillars = list(plan.pillars.all())
        sections[4].subsections = [Section(number=p.position, title=str(PILLAR_LABELS[p.key]),
                                           body=p.policy) for p in pillars if p.policy]
        measures = (plan.measures.select_related("pillar", "department")
                    .prefetch_related("kpis", "milestones").order_by("order"))
        if public_only:
            measures = measures.filter(is_public=True)
        six = Section(number=6, title=_("官民データ活用の推進に係る個別施策"))
        current = None
        for measure in measures:
            if current is None or current.number != measure.pillar.position:
                current = Section(number=measure.pillar.position,
                                  title=str(PILLAR_LABELS[measure.pillar.key]))
                six.subsections.append(current)
            current.measures.append(_measure_block(measure, plan.fiscal_years, language))
        sections.append(six)
        sections.append(Section(number=7, title=str(SECTION_LABELS["security"]),
                                body=plan.sections.get("security", "")))
    return sections


def measure_titles(sections: list[Section]) -> list[str]:
    """Every measure title of the outline in document order."""
    return [m.title for s in sections for sub in s.subsections for m in sub.measures]

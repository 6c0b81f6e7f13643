"""Differences between two plan snapshots (revisions), section by section, for the history page.

Pure: works on the plain dicts that plan.serialize.plan_dict produces, no Django. Labels are
left to the caller (the engine returns keys), so the page can translate them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

SAME, ADDED, REMOVED = "same", "added", "removed"
# Plan attributes compared one by one, in the order the page lists them.
PLAN_FIELDS = ("title", "title_en", "adopted", "period", "source", "grading", "is_public")
MEASURE_FIELDS = ("title", "title_en", "pillar", "department", "is_public", "priority_fields",
                  "datasets", "evidence")


@dataclass(frozen=True, kw_only=True)
class Line:
    """One line of a text diff: kept, added or removed."""

    kind: str
    text: str


@dataclass(frozen=True, kw_only=True)
class FieldChange:
    """One attribute whose value changed, both values as display text."""

    key: str
    before: str
    after: str


@dataclass(frozen=True, kw_only=True)
class SectionDiff:
    """A Markdown section before and after, as diff lines (empty lines when unchanged)."""

    key: str
    changed: bool
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class MeasureDiff:
    """A measure that was added, removed or changed, with what changed in it."""

    title: str
    order: int | None
    state: str  # "added" | "removed" | "changed"
    fields: list[FieldChange] = field(default_factory=list)
    description: list[Line] = field(default_factory=list)
    kpis: list[Line] = field(default_factory=list)
    milestones: list[Line] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class RevisionDiff:
    """Everything that differs between two snapshots of a plan."""

    plan_fields: list[FieldChange]
    sections: list[SectionDiff]
    measures: list[MeasureDiff]

    @property
    def has_changes(self) -> bool:
        """True when anything at all differs."""
        return bool(self.plan_fields or self.measures
                    or any(s.changed for s in self.sections))


def normalise(text: str | None) -> str:
    """Text as compared: browsers send CRLF and forms strip the ends, so neither is a change."""
    return "\n".join(line.rstrip() for line in (text or "").splitlines()).strip()


def line_diff(before: str, after: str) -> list[Line]:
    """Line-by-line diff of two texts; unchanged lines are kept for context."""
    a, b = normalise(before).splitlines(), normalise(after).splitlines()
    lines: list[Line] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            lines += [Line(kind=SAME, text=t) for t in a[i1:i2]]
            continue
        lines += [Line(kind=REMOVED, text=t) for t in a[i1:i2]]
        lines += [Line(kind=ADDED, text=t) for t in b[j1:j2]]
    return lines


def _text(value) -> str:
    """A snapshot value as one line of display text."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, dict):
        if set(value) == {"from_fy", "to_fy"}:
            return f"{value['from_fy']}–{value['to_fy']}"
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_text(v.get("title") or v.get("url")) if isinstance(v, dict)
                         else _text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _field_changes(before: dict, after: dict, keys) -> list[FieldChange]:
    return [FieldChange(key=k, before=_text(before.get(k)), after=_text(after.get(k)))
            for k in keys if before.get(k) != after.get(k)]


def kpi_line(kpi: dict) -> str:
    """A KPI as one comparable line: name, unit, direction, baseline, targets, source."""
    baseline = kpi.get("baseline") or {}
    targets = " ".join(f"{fy}={_text(v)}" for fy, v in sorted((kpi.get("targets") or {}).items()))
    parts = [f"{kpi.get('name', '')}（{kpi.get('unit') or '—'}）",
             str(kpi.get("direction", "")),
             f"base {_text(baseline.get('value'))}@{_text(baseline.get('date'))}",
             f"targets {targets or '—'}"]
    if kpi.get("target_text"):
        parts.append(str(kpi["target_text"]))
    parts.append(str(kpi.get("source", "")))
    return " / ".join(parts)


def milestone_line(milestone: dict) -> str:
    """A milestone as one comparable line: fiscal year, text, status."""
    return f"{milestone.get('fiscal_year')} {milestone.get('text', '')} [{milestone.get('status')}]"


def _lines(items: list[dict], render) -> str:
    return "\n".join(render(i) for i in items)


def _changed_lines(before: str, after: str) -> list[Line]:
    return line_diff(before, after) if normalise(before) != normalise(after) else []


def _measure_key(measure: dict):
    return measure.get("id") or ("order", measure.get("order"))


def _measure_diff(before: dict | None, after: dict | None) -> MeasureDiff | None:
    old, new = before or {}, after or {}
    shown = new or old
    state = "added" if before is None else "removed" if after is None else "changed"
    result = MeasureDiff(
        title=str(shown.get("title", "")), order=shown.get("order"), state=state,
        fields=_field_changes(old, new, ("order", *MEASURE_FIELDS)),
        description=_changed_lines(old.get("description", ""), new.get("description", "")),
        kpis=_changed_lines(_lines(old.get("kpis", []), kpi_line),
                            _lines(new.get("kpis", []), kpi_line)),
        milestones=_changed_lines(_lines(old.get("milestones", []), milestone_line),
                                  _lines(new.get("milestones", []), milestone_line)),
    )
    if state == "changed" and not (result.fields or result.description or result.kpis
                                   or result.milestones):
        return None
    return result


def diff_snapshots(before: dict | None, after: dict, *, section_keys) -> RevisionDiff:
    """What changed from one plan snapshot to the next (before None: the first revision)."""
    old = before or {}
    old_sections, new_sections = old.get("sections") or {}, after.get("sections") or {}
    sections = []
    for key in section_keys:
        a, b = old_sections.get(key, ""), new_sections.get(key, "")
        lines = _changed_lines(a, b)
        sections.append(SectionDiff(key=key, changed=bool(lines), lines=lines))
    old_measures = {_measure_key(m): m for m in old.get("measures", [])}
    new_measures = {_measure_key(m): m for m in after.get("measures", [])}
    measures = []
    for key, measure in new_measures.items():
        found = _measure_diff(old_measures.get(key), measure)
        if found is not None:
            measures.append(found)
    measures += [d for key, m in old_measures.items() if key not in new_measures
                 if (d := _measure_diff(m, None)) is not None]
    return RevisionDiff(plan_fields=_field_changes(old, after, PLAN_FIELDS),
                        sections=sections, measures=measures)

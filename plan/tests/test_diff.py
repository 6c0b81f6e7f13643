"""The revision diff engine: sections line by line, plan fields, measures added/removed/changed."""

from plan.engine.diff import ADDED, REMOVED, SAME, diff_snapshots, line_diff

SECTIONS = ["current_situation", "purpose", "security"]


def _snapshot(**overrides) -> dict:
    base = {
        "title": "計画", "adopted": "2020-02-01", "period": {"from_fy": 2020, "to_fy": 2024},
        "grading": {"A": 100.0, "B": 80.0, "C": 50.0}, "is_public": False,
        "sections": {"current_situation": "一行目\n二行目", "purpose": "目的"},
        "measures": [{"id": 1, "order": 1, "title": "施策A", "pillar": "online",
                      "department": "総務課", "description": "", "is_public": True,
                      "datasets": [], "kpis": [{"name": "件数", "unit": "件",
                                                "direction": "higher", "baseline": None,
                                                "targets": {"2024": 20.0}, "source": "manual"}],
                      "milestones": [{"fiscal_year": 2020, "text": "検討", "status": "done"}]}],
    }
    base.update(overrides)
    return base


def test_line_diff_marks_kept_removed_and_added_lines():
    lines = line_diff("一\n二\n三", "一\n弐\n三")
    assert [(x.kind, x.text) for x in lines] == [
        (SAME, "一"), (REMOVED, "二"), (ADDED, "弐"), (SAME, "三")]


def test_an_identical_snapshot_has_no_changes():
    assert not diff_snapshots(_snapshot(), _snapshot(), section_keys=SECTIONS).has_changes


def test_a_changed_section_is_diffed_and_the_others_are_marked_unchanged():
    after = _snapshot(sections={"current_situation": "一行目\n2行目", "purpose": "目的"})
    result = diff_snapshots(_snapshot(), after, section_keys=SECTIONS)
    changed = {s.key: s.changed for s in result.sections}
    assert changed == {"current_situation": True, "purpose": False, "security": False}
    assert [x.text for x in result.sections[0].lines if x.kind == ADDED] == ["2行目"]


def test_plan_fields_show_before_and_after_as_text():
    after = _snapshot(period={"from_fy": 2020, "to_fy": 2026}, is_public=True)
    changes = {c.key: (c.before, c.after) for c in
               diff_snapshots(_snapshot(), after, section_keys=SECTIONS).plan_fields}
    assert changes == {"period": ("2020–2024", "2020–2026"), "is_public": ("✗", "✓")}


def test_a_changed_kpi_target_appears_in_the_measures_kpi_lines():
    after = _snapshot()
    after["measures"] = [dict(after["measures"][0], kpis=[
        dict(after["measures"][0]["kpis"][0], targets={"2024": 25.0})])]
    (measure,) = diff_snapshots(_snapshot(), after, section_keys=SECTIONS).measures
    assert measure.state == "changed"
    assert [x.kind for x in measure.kpis] == [REMOVED, ADDED]
    assert "2024=25" in measure.kpis[1].text


def test_an_added_and_a_removed_measure_are_reported_as_such():
    after = _snapshot()
    after["measures"] = [dict(after["measures"][0], id=2, title="施策B")]
    states = {m.title: m.state for m in
              diff_snapshots(_snapshot(), after, section_keys=SECTIONS).measures}
    assert states == {"施策B": "added", "施策A": "removed"}


def test_the_first_revision_shows_everything_as_added():
    result = diff_snapshots(None, _snapshot(), section_keys=SECTIONS)
    assert result.measures[0].state == "added"
    assert all(line.kind == ADDED for line in result.sections[0].lines)


def test_line_endings_and_trailing_spaces_are_not_changes():
    before = _snapshot(sections={"current_situation": "一行目\n二行目\n", "purpose": "目的"})
    after = _snapshot(sections={"current_situation": "一行目\r\n二行目", "purpose": "目的"})
    assert not diff_snapshots(before, after, section_keys=SECTIONS).has_changes

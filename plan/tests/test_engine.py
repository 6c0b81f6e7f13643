"""Pure engines: achievement rate and grade, fiscal-year labels, SVG charts."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan.engine import svg
from plan.engine.achievement import Thresholds, achievement_rate, grade, target_for
from plan.engine.fiscal import fiscal_year_of, fy_label, wareki_fy

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


def test_reaching_the_target_from_the_baseline_is_100_percent():
    assert achievement_rate(actual=20, target=20, baseline=0) == 100


def test_halfway_from_baseline_to_target_is_50_percent():
    assert achievement_rate(actual=15, target=20, baseline=10) == 50


def test_lower_is_better_counts_progress_downwards():
    assert achievement_rate(actual=20, target=10, direction="lower", baseline=30) == 50


@given(baseline=values, span=st.floats(min_value=0.01, max_value=1e6), frac=st.floats(0, 2))
def test_rate_is_the_share_of_the_way_covered_in_both_directions(baseline, span, frac):
    up = achievement_rate(actual=baseline + frac * span, target=baseline + span,
                          baseline=baseline)
    down = achievement_rate(actual=baseline - frac * span, target=baseline - span,
                            direction="lower", baseline=baseline)
    assert up == pytest.approx(frac * 100, abs=1e-6, rel=1e-6)
    assert down == pytest.approx(frac * 100, abs=1e-6, rel=1e-6)


@given(target=st.floats(min_value=0.01, max_value=1e6), a=st.floats(0.01, 1e6),
       b=st.floats(0.01, 1e6))
def test_a_better_actual_never_lowers_the_rate(target, a, b):
    lo, hi = sorted((a, b))
    assert achievement_rate(actual=hi, target=target) >= achievement_rate(actual=lo, target=target)
    low_better = achievement_rate(actual=lo, target=target, direction="lower")
    assert low_better >= achievement_rate(actual=hi, target=target, direction="lower")


def test_zero_on_a_lower_is_better_kpi_without_baseline_counts_as_reached():
    assert achievement_rate(actual=0, target=5, direction="lower") == 100


def test_zero_target_without_baseline_has_no_rate():
    assert achievement_rate(actual=5, target=0) is None


@given(rate=st.floats(-1000, 1000))
def test_grade_follows_the_thresholds(rate):
    t = Thresholds(a=90, b=70, c=40)
    expected = "A" if rate >= 90 else "B" if rate >= 70 else "C" if rate >= 40 else "D"
    assert grade(rate, t) == expected


def test_no_rate_has_no_grade():
    assert grade(None) is None


def test_target_of_a_year_without_one_is_the_next_target_set():
    assert target_for({2022: 10, 2024: 20}, 2023) == (2024, 20)


def test_target_after_the_last_year_is_the_last_target():
    assert target_for({2022: 10, 2024: 20}, 2026) == (2024, 20)


def test_fiscal_year_starts_in_april():
    assert (fiscal_year_of(date(2025, 3, 31)), fiscal_year_of(date(2025, 4, 1))) == (2024, 2025)


def test_fiscal_2019_is_reiwa_gannen_and_2024_is_reiwa_6():
    assert (wareki_fy(2019), wareki_fy(2024), wareki_fy(2018)) == ("令和元年度", "令和6年度",
                                                                   "平成30年度")


def test_english_fiscal_year_label():
    assert fy_label(2024, "en") == "FY2024"


def test_kpi_chart_is_an_accessible_image_with_escaped_text():
    chart = svg.kpi_chart(series=svg.Series(labels=["令和6年度"], targets=[10], actuals=[5]),
                          title="<script>x</script>", desc="目標 10 / 実績 5", ident="k1")
    assert 'role="img"' in chart and "<title id=\"k1-title\">&lt;script&gt;" in chart
    assert "<script>" not in chart and "<desc" in chart

"""The schedule engine: every rule form, holiday policies, closures and exceptions."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gomi.engine.schedule import (
    ClosureSpec,
    ExceptionSpec,
    RuleSpec,
    collections,
    dates_of,
    fiscal_year,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def _dates(rules, start, end, **kwargs):
    """Dates of category "c" (the only one in most tests)."""
    return dates_of(collections(rules=rules, start=start, end=end, **kwargs), "c")


def test_weekly_days_in_december_2026():
    found = _dates([RuleSpec("c", weekdays=(MON, THU))], date(2026, 12, 1), date(2026, 12, 14))
    assert found == [date(2026, 12, 3), date(2026, 12, 7), date(2026, 12, 10),
                     date(2026, 12, 14)]


def test_nth_weekday_counts_from_the_first_of_the_month():
    # March 2027 starts on a Monday: its 2nd and 4th Tuesdays are the 9th and 23rd.
    found = _dates([RuleSpec("c", nth=((TUE, 2), (TUE, 4)))], date(2027, 3, 1),
                   date(2027, 3, 31))
    assert found == [date(2027, 3, 9), date(2027, 3, 23)]


def test_fifth_weekday_only_in_months_that_have_one():
    # Tuesdays of December 2026: 1, 8, 15, 22, 29; of February 2027: 2, 9, 16, 23.
    found = _dates([RuleSpec("c", nth=((TUE, 5),))], date(2026, 12, 1), date(2027, 2, 28))
    assert found == [date(2026, 12, 29)]


def test_every_other_week_follows_the_anchor_in_both_directions():
    found = _dates([RuleSpec("c", biweekly=(date(2026, 12, 9),))], date(2026, 11, 20),
                   date(2026, 12, 31))
    assert found == [date(2026, 11, 25), date(2026, 12, 9), date(2026, 12, 23)]


def test_months_limit_weekly_rules():
    found = _dates([RuleSpec("c", weekdays=(FRI,), months=(2,))], date(2027, 1, 1),
                   date(2027, 3, 31))
    assert found == [date(2027, 2, 5), date(2027, 2, 12), date(2027, 2, 19), date(2027, 2, 26)]


def test_listed_dates_are_kept_inside_the_range_only():
    rule = RuleSpec("c", dates=(date(2026, 11, 30), date(2027, 1, 5), date(2099, 12, 31)))
    assert _dates([rule], date(2026, 12, 1), date(2027, 12, 31)) == [date(2027, 1, 5)]


def test_collect_policy_keeps_holidays():
    # 2027-01-11 is 成人の日 (second Monday of January).
    found = _dates([RuleSpec("c", weekdays=(MON,))], date(2027, 1, 11), date(2027, 1, 11))
    assert found == [date(2027, 1, 11)]


def test_skip_policy_drops_holidays():
    rule = RuleSpec("c", weekdays=(MON,), holiday_policy="skip")
    assert _dates([rule], date(2027, 1, 4), date(2027, 1, 18)) == [date(2027, 1, 4),
                                                                    date(2027, 1, 18)]


def test_move_policy_moves_to_the_next_ordinary_day():
    rule = RuleSpec("c", weekdays=(MON,), holiday_policy="move")
    found = collections(rules=[rule], start=date(2027, 1, 11), end=date(2027, 1, 12))
    assert [(c.date, c.moved_from, c.reason) for c in found] == [
        (date(2027, 1, 12), date(2027, 1, 11), "holiday")]


def test_move_policy_skips_a_run_of_holidays_and_sundays():
    # Golden Week 2027: 5/3, 5/4, 5/5 are holidays (Mon–Wed); a Monday moves to Thursday 5/6.
    rule = RuleSpec("c", weekdays=(MON,), holiday_policy="move")
    assert _dates([rule], date(2027, 5, 3), date(2027, 5, 6)) == [date(2027, 5, 6)]


def test_closure_drops_dates_by_default():
    rule = RuleSpec("c", weekdays=(WED,))
    closure = ClosureSpec(date(2026, 12, 29), date(2027, 1, 3))
    found = _dates([rule], date(2026, 12, 28), date(2027, 1, 8), closures=[closure])
    assert found == [date(2027, 1, 6)]


def test_closure_of_another_centre_does_not_apply():
    rule = RuleSpec("c", weekdays=(WED,))
    closure = ClosureSpec(date(2026, 12, 29), date(2027, 1, 3), center="東部")
    found = _dates([rule], date(2026, 12, 28), date(2027, 1, 3), closures=[closure],
                   center="西部")
    assert found == [date(2026, 12, 30)]


def test_closure_does_not_remove_listed_dates():
    rule = RuleSpec("c", dates=(date(2026, 12, 30),))
    closure = ClosureSpec(date(2026, 12, 29), date(2027, 1, 3))
    assert _dates([rule], date(2026, 12, 1), date(2027, 1, 31), closures=[closure]) == [
        date(2026, 12, 30)]


def test_week_shift_moves_later_dates_of_the_month_one_week():
    # Fridays of January 2027: 1 (closed), 8, 15, 22, 29 → 8, 15, 22, 29 (+7 of each); 5 Feb
    # would leave January and is dropped, as in 5374's WeekShift.
    rule = RuleSpec("c", weekdays=(FRI,))
    closure = ClosureSpec(date(2026, 12, 29), date(2027, 1, 3))
    found = _dates([rule], date(2027, 1, 1), date(2027, 1, 31), closures=[closure],
                   closure_policy="shift_week")
    assert found == [date(2027, 1, 8), date(2027, 1, 15), date(2027, 1, 22), date(2027, 1, 29)]


def test_closure_policy_none_ignores_closures():
    rule = RuleSpec("c", weekdays=(WED,))
    closure = ClosureSpec(date(2026, 12, 29), date(2027, 1, 3))
    found = _dates([rule], date(2026, 12, 30), date(2026, 12, 30), closures=[closure],
                   closure_policy="none")
    assert found == [date(2026, 12, 30)]


def test_cancellation_removes_one_category_only():
    rules = [RuleSpec("c", weekdays=(TUE,)), RuleSpec("d", weekdays=(TUE,))]
    found = collections(rules=rules, start=date(2026, 12, 1), end=date(2026, 12, 1),
                        exceptions=[ExceptionSpec(date(2026, 12, 1), category="c")])
    assert [c.category for c in found] == ["d"]


def test_cancellation_without_category_removes_every_category():
    rules = [RuleSpec("c", weekdays=(TUE,)), RuleSpec("d", weekdays=(TUE,))]
    found = collections(rules=rules, start=date(2026, 12, 1), end=date(2026, 12, 1),
                        exceptions=[ExceptionSpec(date(2026, 12, 1))])
    assert found == []


def test_move_carries_the_notice_to_the_new_date():
    exception = ExceptionSpec(date(2026, 12, 1), kind="move", new_date=date(2026, 12, 2),
                              notice="台風のため翌日に収集します")
    found = collections(rules=[RuleSpec("c", weekdays=(TUE,))], start=date(2026, 12, 1),
                        end=date(2026, 12, 2), exceptions=[exception])
    assert [(c.date, c.moved_from, c.notice) for c in found] == [
        (date(2026, 12, 2), date(2026, 12, 1), "台風のため翌日に収集します")]


def test_move_from_outside_the_range_arrives_inside():
    exception = ExceptionSpec(date(2026, 6, 2), kind="move", new_date=date(2026, 12, 2))
    found = _dates([RuleSpec("c", weekdays=(TUE,))], date(2026, 12, 2), date(2026, 12, 2),
                   exceptions=[exception])
    assert found == [date(2026, 12, 2)]


def test_results_are_sorted_by_date_then_rule_order():
    rules = [RuleSpec("b", weekdays=(TUE,)), RuleSpec("a", weekdays=(MON, TUE))]
    found = collections(rules=rules, start=date(2026, 11, 30), end=date(2026, 12, 1))
    assert [(c.date.day, c.category) for c in found] == [(30, "a"), (1, "b"), (1, "a")]


def test_fiscal_year_runs_april_to_march():
    assert fiscal_year(2019) == (date(2019, 4, 1), date(2020, 3, 31))


weekday_sets = st.sets(st.integers(0, 6), min_size=1, max_size=3)
starts = st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31))


@given(weekdays=weekday_sets, start=starts, length=st.integers(0, 120),
       policy=st.sampled_from(["collect", "skip"]))
def test_every_weekly_date_is_in_range_and_on_an_allowed_weekday(weekdays, start, length,
                                                                 policy):
    end = start + timedelta(days=length)
    found = _dates([RuleSpec("c", weekdays=tuple(weekdays), holiday_policy=policy)], start, end)
    assert all(start <= d <= end and d.weekday() in weekdays for d in found)


@given(weekdays=weekday_sets, start=starts, length=st.integers(0, 120))
def test_collect_policy_finds_every_allowed_weekday(weekdays, start, length):
    end = start + timedelta(days=length)
    expected = [start + timedelta(days=i) for i in range(length + 1)
                if (start + timedelta(days=i)).weekday() in weekdays]
    assert _dates([RuleSpec("c", weekdays=tuple(weekdays))], start, end) == expected


@given(anchor=starts, start=starts, length=st.integers(0, 200))
def test_every_other_week_dates_are_fortnights_from_the_anchor(anchor, start, length):
    end = start + timedelta(days=length)
    found = _dates([RuleSpec("c", biweekly=(anchor,))], start, end)
    assert all(start <= d <= end and (d - anchor).days % 14 == 0 for d in found)


@given(start=starts, length=st.integers(0, 120))
def test_move_policy_never_lands_on_a_holiday_or_sunday(start, length):
    from gomi.engine.holidays import is_holiday

    end = start + timedelta(days=length)
    rule = RuleSpec("c", weekdays=(MON, WED), holiday_policy="move")
    found = _dates([rule], start, end)
    assert all(not is_holiday(d) and d.weekday() != SUN for d in found)

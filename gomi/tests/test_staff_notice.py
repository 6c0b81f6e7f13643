"""The one-step emergency notice: stored once, read by the selectors, the feed and the mailing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from core.errors import InvalidInput, PermissionDenied
from core.models import AuditEntry
from gomi import selectors
from gomi.models import ScheduleException, Translation
from gomi.services import notices as services
from gomi.services.notices import NoticeData
from gomi.tests import test_staff_services
from tests.fixtures import actor

calendar = test_staff_services.calendar  # the same two areas and two categories


def next_monday(after_days: int = 7) -> date:
    """A Monday at least after_days from today (in the feed's window, in the future)."""
    day = timezone.localdate() + timedelta(days=after_days)
    return day + timedelta(days=(0 - day.weekday()) % 7)


def announce(user, org, **fields) -> list[ScheduleException]:
    """Announce a notice as user, with a Japanese text unless one is given."""
    fields.setdefault("notice", "台風のため収集を中止します")
    return services.announce_notice(actor=actor(user), municipality=org,
                                    data=NoticeData(**fields))


def days(area, day, category=None):
    """The collections of an area on one day (optionally one category)."""
    return [c for c in selectors.collections_on(area, day)
            if category is None or c.category == category]


@pytest.mark.django_db
def test_a_cancellation_for_one_area_removes_only_that_areas_collection(
        org, editor, calendar):
    day = next_monday()
    calendar["north"].rules.create(category=calendar["burnable"], weekdays=[0])
    announce(editor, org, date=day, areas=[calendar["central"]])
    assert days(calendar["central"], day) == []
    assert [c.category for c in days(calendar["north"], day)] == [calendar["burnable"]]


@pytest.mark.django_db
def test_a_move_puts_the_collection_on_the_new_day_with_the_notice(
        org, editor, calendar):
    day = next_monday()
    new_day = day + timedelta(days=1)
    announce(editor, org, date=day, kind="move", new_date=new_day,
             categories=[calendar["burnable"]], notice="台風のため翌日に収集します")
    assert days(calendar["central"], day, calendar["burnable"]) == []
    [moved] = days(calendar["central"], new_day, calendar["burnable"])
    assert (moved.moved_from, moved.notice) == (day, "台風のため翌日に収集します")


@pytest.mark.django_db
def test_all_areas_and_categories_is_one_row_without_area_or_category(
        org, editor, calendar):
    [row] = announce(editor, org, date=next_monday())
    assert (row.area, row.category, row.emergency) == (None, None, True)


@pytest.mark.django_db
def test_chosen_areas_times_categories_make_one_row_each(org, editor, calendar):
    rows = announce(editor, org, date=next_monday(),
                    areas=[calendar["central"], calendar["north"]],
                    categories=[calendar["burnable"], calendar["plastic"]])
    assert len(rows) == 4
    assert {(r.area_id, r.category_id) for r in rows} == {
        (a.pk, c.pk) for a in (calendar["central"], calendar["north"])
        for c in (calendar["burnable"], calendar["plastic"])}


@pytest.mark.django_db
def test_translations_of_the_notice_are_stored_and_english_also_on_the_row(
        org, editor, calendar):
    [row] = announce(editor, org, date=next_monday(),
                     translations={"en": "Cancelled because of the typhoon",
                                   "vi": "Hủy do bão", "ko": "  "})
    assert row.notice_en == "Cancelled because of the typhoon"
    stored = dict(Translation.objects.filter(exception=row).values_list("lang", "text"))
    assert stored == {"en": "Cancelled because of the typhoon", "vi": "Hủy do bão"}


@pytest.mark.django_db
def test_each_row_of_the_notice_is_audited(org, editor, calendar):
    day = next_monday()
    rows = announce(editor, org, date=day, categories=[calendar["burnable"],
                                                       calendar["plastic"]])
    entries = AuditEntry.objects.filter(action="gomi.announce")
    assert sorted(e.target_id for e in entries) == sorted(str(r.pk) for r in rows)
    assert {(e.details["date"], e.actor_label) for e in entries} == {(day.isoformat(),
                                                                        "editor")}


@pytest.mark.django_db
def test_the_notice_is_listed_among_active_notices(org, editor, calendar):
    [row] = announce(editor, org, date=next_monday())
    assert list(selectors.active_notices(org, today=timezone.localdate())) == [row]


@pytest.mark.django_db
def test_a_move_without_a_new_day_is_refused_on_that_field(org, editor, calendar):
    with pytest.raises(InvalidInput) as caught:
        announce(editor, org, date=next_monday(), kind="move")
    assert "new_date" in caught.value.field_errors
    assert not ScheduleException.objects.exists()


@pytest.mark.django_db
def test_a_notice_without_japanese_text_is_refused(org, editor, calendar):
    with pytest.raises(InvalidInput) as caught:
        announce(editor, org, date=next_monday(), notice=" ")
    assert "notice" in caught.value.field_errors


@pytest.mark.django_db
def test_a_viewer_cannot_announce(org, viewer, calendar):
    with pytest.raises(PermissionDenied):
        announce(viewer, org, date=next_monday())
    assert not ScheduleException.objects.exists()


@pytest.mark.django_db
def test_once_committed_the_notice_is_mailed_and_the_open_data_update_queued(
        org, editor, calendar, monkeypatch, django_capture_on_commit_callbacks):
    from core.models import Job

    mailed = []
    monkeypatch.setattr(services, "mail_notices", mailed.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rows = announce(editor, org, date=next_monday())
    assert mailed == []  # nothing is mailed before the commit
    for callback in callbacks:
        callback()
    assert mailed == [[r.pk for r in rows]]  # one mailing for the whole notice
    assert Job.objects.filter(kind="gomi.publish", organisation=org).count() == 1


@pytest.mark.django_db
def test_the_residents_mailing_marks_the_notice_as_sent(org, editor, calendar):
    [row] = announce(editor, org, date=next_monday())
    services.mail_notice(row.pk)
    row.refresh_from_db()
    assert row.notified_at is not None


@pytest.mark.django_db
def test_a_cancellation_reaches_the_icalendar_feed_as_a_cancelled_event(
        client, org, editor, calendar):
    day = next_monday()
    announce(editor, org, date=day, areas=[calendar["central"]])
    response = client.get(f"/gomi/{org.lgcode}/areas/{calendar['central'].pk}/calendar.ics")
    assert response.status_code == 200
    events = [e for e in Calendar.from_ical(response.content).walk("VEVENT")
              if e.decoded("dtstart") == day]
    assert events and all(str(e["status"]) == "CANCELLED" for e in events)


@pytest.mark.django_db
def test_a_move_reaches_the_icalendar_feed_on_the_new_day(
        client, org, editor, calendar):
    day = next_monday()
    new_day = day + timedelta(days=1)
    announce(editor, org, date=day, kind="move", new_date=new_day,
             areas=[calendar["central"]], notice="翌日に振り替えます")
    response = client.get(f"/gomi/{org.lgcode}/areas/{calendar['central'].pk}/calendar.ics")
    moved = [e for e in Calendar.from_ical(response.content).walk("VEVENT")
             if e.decoded("dtstart") == new_day]
    assert [str(e["status"]) for e in moved] == ["CONFIRMED"]
    assert "翌日に振り替えます" in str(moved[0]["description"])

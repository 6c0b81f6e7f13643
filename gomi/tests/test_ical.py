"""iCalendar: the pure builder and the feed, parsed with both icalendar and ical."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from gomi.ical import Feed, FeedEvent, alarm_trigger, build_calendar, event_uid, parse_alarm
from gomi.tests.residents_factory import make_town, tomorrow

FEED = Feed(area_id=7, lgcode="172014", name="テスト 本町", host="example.jp",
            alarm=time(19, 0), alarm_text="明日は燃やすごみの日です")
DAY = date(2030, 4, 8)


def test_alarm_at_19_is_five_hours_before_the_day():
    assert alarm_trigger(time(19, 0)) == -timedelta(hours=5)


def test_alarm_must_be_hours_and_minutes():
    with pytest.raises(ValueError):
        parse_alarm("7pm")


def test_empty_alarm_means_none():
    assert parse_alarm("") is None


def test_uid_is_area_category_and_date_at_host():
    assert event_uid(feed=FEED, category_id=3, day=DAY) == "gomi-172014-a7-c3-20300408@example.jp"


def test_events_are_all_day_dates():
    doc = Calendar.from_ical(build_calendar(feed=FEED, events=[
        FeedEvent(day=DAY, category_id=1, summary="燃やすごみ")]))
    event = doc.walk("VEVENT")[0]
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (DAY, DAY + timedelta(days=1))


def test_cancelled_event_keeps_the_uid_and_has_no_alarm():
    doc = IcsCalendarStream.calendar_from_ics(build_calendar(feed=FEED, events=[
        FeedEvent(day=DAY, category_id=1, summary="燃やすごみ", cancelled=True)]).decode())
    event = doc.events[0]
    assert (event.uid, event.status.value, event.alarm) == (
        event_uid(feed=FEED, category_id=1, day=DAY), "CANCELLED", [])


def test_alarm_fires_at_the_configured_time_the_evening_before():
    doc = IcsCalendarStream.calendar_from_ics(build_calendar(feed=FEED, events=[
        FeedEvent(day=DAY, category_id=1, summary="燃やすごみ")]).decode())
    event = doc.events[0]
    start = datetime.combine(event.dtstart, time(0, 0))
    assert start + event.alarm[0].trigger == datetime(2030, 4, 7, 19, 0)


def test_calendar_has_prodid_and_version():
    doc = Calendar.from_ical(build_calendar(feed=FEED, events=[]))
    assert (str(doc["version"]), str(doc["prodid"]).startswith("-//Kanmin")) == ("2.0", True)


# --- the feed ---------------------------------------------------------------------------------

@pytest.fixture
def town(db):
    """The resident test town."""
    return make_town()


def feed_url(town, **params) -> str:
    """The feed of 本町 with query parameters."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/gomi/{town.lgcode}/areas/{town.honmachi.pk}/calendar.ics" + (f"?{query}" if query else "")


@pytest.mark.django_db
def test_feed_is_text_calendar(client, town):
    response = client.get(feed_url(town))
    assert response["Content-Type"].startswith("text/calendar")


@pytest.mark.django_db
def test_feed_parses_with_both_libraries_and_agrees_with_the_selector(client, town):
    from gomi import selectors

    body = client.get(feed_url(town)).content
    parsed = IcsCalendarStream.calendar_from_ics(body.decode())
    icalendar_days = sorted(e.decoded("dtstart") for e in Calendar.from_ical(body).walk("VEVENT"))
    d = tomorrow()
    expected = [c.date for c in selectors.collections_for_area(town.honmachi, d, d)]
    assert (sorted(e.dtstart for e in parsed.events if e.dtstart == d),
            [x for x in icalendar_days if x == d]) == (expected, expected)


@pytest.mark.django_db
def test_uids_are_stable_between_fetches(client, town):
    first = {e.uid for e in IcsCalendarStream.calendar_from_ics(
        client.get(feed_url(town)).content.decode()).events}
    second = {e.uid for e in IcsCalendarStream.calendar_from_ics(
        client.get(feed_url(town)).content.decode()).events}
    assert first == second and first


@pytest.mark.django_db
def test_category_parameter_limits_the_feed(client, town):
    body = client.get(feed_url(town, category=town.resources.pk)).content
    summaries = {str(e["summary"]) for e in Calendar.from_ical(body).walk("VEVENT")}
    assert summaries == {"資源"}


@pytest.mark.django_db
def test_unknown_category_is_a_bad_request(client, town):
    assert client.get(feed_url(town, category=town.bottles.pk + 1000)).status_code == 400


@pytest.mark.django_db
def test_malformed_alarm_is_a_bad_request_in_both_languages(client, town):
    response = client.get(feed_url(town, alarm="late"))
    assert response.status_code == 400 and "HH:MM" in response.content.decode()


@pytest.mark.django_db
def test_feed_alarm_fires_at_19_the_evening_before(client, town):
    parsed = IcsCalendarStream.calendar_from_ics(
        client.get(feed_url(town, alarm="19:00")).content.decode())
    event = next(e for e in parsed.events if e.dtstart == tomorrow())
    fires = datetime.combine(event.dtstart, time(0, 0)) + event.alarm[0].trigger
    assert fires == datetime.combine(tomorrow() - timedelta(days=1), time(19, 0))


@pytest.mark.django_db
def test_cancelled_collection_keeps_its_uid_with_status_cancelled(client, town):
    from gomi.models import ScheduleException

    before = {e.uid: e for e in IcsCalendarStream.calendar_from_ics(
        client.get(feed_url(town)).content.decode()).events if e.dtstart == tomorrow()}
    ScheduleException.objects.create(municipality=town.org, area=town.honmachi,
                                     category=town.resources, date=tomorrow(), kind="cancel",
                                     notice="台風のため中止します")
    after = {e.uid: e for e in IcsCalendarStream.calendar_from_ics(
        client.get(feed_url(town)).content.decode()).events if e.dtstart == tomorrow()}
    cancelled = [uid for uid, e in after.items() if e.status.value == "CANCELLED"]
    assert set(after) == set(before) and len(cancelled) == 1 and f"-c{town.resources.pk}-" in cancelled[0]


@pytest.mark.django_db
def test_fetch_is_counted_without_the_client_address(client, town):
    from gomi.models import FeedFetch

    client.get(feed_url(town), REMOTE_ADDR="198.51.100.7")
    fetch = FeedFetch.objects.get()
    assert fetch.count == 1 and "198.51.100.7" not in fetch.fetcher

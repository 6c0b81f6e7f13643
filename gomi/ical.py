"""iCalendar (RFC 5545) feed of an area's collection days, built with the ``icalendar`` library.

Pure: no Django. Every collection is an all-day VEVENT whose UID depends only on the area,
the category and the day, so a calendar app that re-reads the feed updates events instead of
duplicating them. A cancelled collection stays in the feed with the same UID, STATUS:CANCELLED
and a higher SEQUENCE, so subscribed apps remove or strike it. The optional reminder is a
VALARM relative to the event's start (midnight of the collection day): 19:00 the evening
before is TRIGGER:-PT5H.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vDuration

PRODID = "-//Kanmin//gomi collection calendar 1.0//JA"
#: How often calendar apps should re-read the feed (RFC 7986 REFRESH-INTERVAL).
REFRESH = timedelta(hours=12)
_ALARM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class FeedEvent:
    """One collection (or cancelled collection) as the feed shows it."""

    day: date
    category_id: int
    summary: str
    description: str = ""
    cancelled: bool = False


@dataclass(frozen=True)
class Feed:
    """What the feed is about: the area and municipality, the host for UIDs, the alarm."""

    area_id: int
    lgcode: str
    name: str
    host: str
    alarm: time | None = None
    alarm_text: str = ""


def parse_alarm(value: str) -> time | None:
    """The alarm time of ``?alarm=HH:MM`` ("" means none); ValueError when malformed."""
    value = (value or "").strip()
    if not value:
        return None
    match = _ALARM.match(value)
    if match is None:
        raise ValueError(value)
    return time(int(match.group(1)), int(match.group(2)))


def alarm_trigger(at: time) -> timedelta:
    """The TRIGGER (relative to the collection day's midnight) firing at ``at`` the day before."""
    return -(timedelta(days=1) - timedelta(hours=at.hour, minutes=at.minute))


def event_uid(*, feed: Feed, category_id: int, day: date) -> str:
    """The stable UID of one collection: area + category + date @ host."""
    return f"gomi-{feed.lgcode}-a{feed.area_id}-c{category_id}-{day:%Y%m%d}@{feed.host}"


def _event(item: FeedEvent, *, feed: Feed, stamp: datetime) -> Event:
    """The VEVENT of one collection."""
    event = Event()
    event.add("uid", event_uid(feed=feed, category_id=item.category_id, day=item.day))
    event.add("dtstamp", stamp)
    event.add("dtstart", item.day)
    event.add("dtend", item.day + timedelta(days=1))
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    event.add("transp", "TRANSPARENT")  # a collection day does not make anyone busy
    event.add("categories", ["ごみ収集"])
    if item.cancelled:
        event.add("status", "CANCELLED")
        event.add("sequence", 1)  # newer than the confirmed version apps already hold
        return event
    event.add("status", "CONFIRMED")
    event.add("sequence", 0)
    if feed.alarm is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", feed.alarm_text or item.summary)
        alarm.add("trigger", alarm_trigger(feed.alarm))
        event.add_component(alarm)
    return event


def build_calendar(*, feed: Feed, events: Iterable[FeedEvent],
                   now: datetime | None = None) -> bytes:
    """The iCalendar document (CRLF lines, UTF-8) of the given events."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", feed.name)
    calendar.add("x-wr-calname", feed.name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for item in sorted(events, key=lambda e: (e.day, e.category_id)):
        calendar.add_component(_event(item, feed=feed, stamp=stamp))
    return calendar.to_ical()

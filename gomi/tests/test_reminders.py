"""E-mail reminders against a real SMTP server (aiosmtpd): opt-in, reminders, notices, unsubscribe."""

from __future__ import annotations

import re
import socket
from datetime import datetime, time
from email import message_from_bytes, policy

import pytest
from django.utils import timezone

from gomi.tests.residents_factory import make_town


class Sink:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        """Store the parsed message."""
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content,
                                                policy=policy.default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free port; Django's SMTP backend points at it."""
    from aiosmtpd.controller import Controller

    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.SITE_URL = "https://gomi.example.jp"
    yield sink
    controller.stop()


@pytest.fixture
def town(db):
    """The resident test town."""
    return make_town()


def sign_up(client, town, *, email="resident@example.jp", categories=None, lang="ja",
            area=None, remind_at="19:00"):
    """Post the sign-up form."""
    categories = categories if categories is not None else [town.burnable, town.resources]
    data = {"email": email, "area": (area or town.honmachi).pk, "remind_at": remind_at,
            "categories": [c.pk for c in categories], "lang": lang}
    return client.post(f"/gomi/{town.lgcode}/reminders/", data)


def link_in(message, kind: str) -> str:
    """The path of the first link of a kind (confirm / unsubscribe) in a mail's body."""
    body = message.get_body(("plain",)).get_content()
    url = re.search(rf"https://gomi\.example\.jp(/gomi/reminders/{kind}/[^\s]+/)", body)
    assert url, body
    return url.group(1)


def evening(hour: int = 19, minute: int = 0) -> datetime:
    """Today at the given local time."""
    return timezone.make_aware(datetime.combine(timezone.localdate(), time(hour, minute)))


@pytest.fixture
def subscribed(client, town, smtp, django_capture_on_commit_callbacks):
    """A confirmed Japanese subscriber of 燃やすごみ and 資源 in 本町 at 19:00."""
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, town)
    client.post(link_in(smtp.messages.pop(), "confirm"))
    return town


def remind(at: datetime) -> int:
    """Run the reminder sender as the periodic task would."""
    from gomi.services.reminders import send_due_reminders

    return send_due_reminders(now=at)


@pytest.mark.django_db
def test_sign_up_mails_a_confirmation_link(client, town, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, town)
    [message] = smtp.messages
    assert message["To"] == "resident@example.jp" and link_in(message, "confirm")


@pytest.mark.django_db
def test_unconfirmed_sign_up_gets_no_reminder(client, town, smtp,
                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, town)
    smtp.messages.clear()
    remind(evening())
    assert smtp.messages == []


@pytest.mark.django_db
def test_opening_the_confirmation_link_asks_before_confirming(
        client, town, smtp, django_capture_on_commit_callbacks):
    from gomi.models import Subscription

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, town)
    response = client.get(link_in(smtp.messages[0], "confirm"))
    assert response.status_code == 200 and Subscription.objects.get().confirmed_at is None


@pytest.mark.django_db
def test_confirmed_subscriber_is_reminded_the_evening_before(subscribed, smtp):
    remind(evening())
    [message] = smtp.messages
    assert str(message["Subject"]).strip() == "明日は燃やすごみ・資源の日です"


@pytest.mark.django_db
def test_reminder_names_the_area_in_the_body(subscribed, smtp):
    remind(evening())
    assert "本町" in smtp.messages[0].get_body(("plain",)).get_content()


@pytest.mark.django_db
def test_every_reminder_has_one_click_unsubscribe_headers(subscribed, smtp):
    remind(evening())
    message = smtp.messages[0]
    assert (message["List-Unsubscribe"].strip().startswith("<https://gomi.example.jp/gomi/reminders/unsubscribe/"),
            message["List-Unsubscribe-Post"]) == (True, "List-Unsubscribe=One-Click")


@pytest.mark.django_db
def test_no_reminder_before_the_chosen_time(subscribed, smtp):
    remind(evening(18, 59))
    assert smtp.messages == []


@pytest.mark.django_db
def test_a_collection_day_is_reminded_once(subscribed, smtp):
    remind(evening())
    remind(evening(19, 1))
    assert len(smtp.messages) == 1


@pytest.mark.django_db
def test_no_mail_when_no_chosen_category_is_collected(client, town, smtp,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, town, categories=[town.bottles])
    client.post(link_in(smtp.messages.pop(), "confirm"))
    remind(evening())
    assert smtp.messages == []


@pytest.mark.django_db
def test_reminder_is_in_the_subscribers_language(client, town, smtp,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, town, lang="en")
    client.post(link_in(smtp.messages.pop(), "confirm"))
    remind(evening())
    assert str(smtp.messages[0]["Subject"]).strip() == "Tomorrow is collection day for Burnable waste, 資源"


@pytest.mark.django_db
def test_one_click_unsubscribe_deletes_the_address(subscribed, smtp, client):
    from gomi.models import Subscription

    remind(evening())
    path = link_in(smtp.messages[0], "unsubscribe")
    response = client.post(path, data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and not Subscription.objects.exists()


@pytest.mark.django_db
def test_one_click_unsubscribe_needs_no_csrf_token(subscribed, smtp):
    from django.test import Client

    from gomi.models import Subscription

    remind(evening())
    strict = Client(enforce_csrf_checks=True)
    strict.post(link_in(smtp.messages[0], "unsubscribe"), data="List-Unsubscribe=One-Click",
                content_type="application/x-www-form-urlencoded")
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_tampered_unsubscribe_link_is_refused(subscribed, smtp, client):
    from gomi.models import Subscription

    remind(evening())
    path = link_in(smtp.messages[0], "unsubscribe").rstrip("/") + "x/"
    response = client.post(path)
    assert response.status_code == 404 and Subscription.objects.exists()


@pytest.mark.django_db
def test_invalid_sign_up_is_refused_without_mail(client, town, smtp,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, town, email="not-an-address", categories=[])
    assert (response.status_code, smtp.messages) == (400, [])


@pytest.mark.django_db
def test_emergency_notice_reaches_affected_subscribers_at_once(
        subscribed, smtp, client, django_capture_on_commit_callbacks):
    from gomi.services.notices import NoticeData, announce_notice
    from gomi.tests.residents_factory import tomorrow
    from tests.factories import UserFactory, member

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, subscribed, email="ekimae@example.jp", area=subscribed.ekimae,
                categories=[subscribed.bottles])
    client.post(link_in(smtp.messages.pop(), "confirm"))
    editor = member(UserFactory(username="gomi-editor"), subscribed.org)
    from core.actor import Actor

    with django_capture_on_commit_callbacks(execute=True):
        announce_notice(actor=Actor(user=editor), municipality=subscribed.org, data=NoticeData(
            date=tomorrow(), notice="台風のため収集を中止します", areas=[subscribed.honmachi],
            categories=[subscribed.resources]))
    [message] = smtp.messages
    assert (message["To"], "台風のため収集を中止します" in message.get_body(("plain",)).get_content()) == (
        "resident@example.jp", True)


@pytest.mark.django_db
def test_audit_log_never_holds_the_address(subscribed):
    from core.models import AuditEntry

    entries = AuditEntry.objects.filter(action__startswith="gomi.reminder")
    assert entries.count() == 2 and not any("@" in str(e.details) for e in entries)


@pytest.mark.django_db
def test_periodic_task_is_registered_every_minute():
    from datetime import timedelta

    from core import schedule

    task = next(t for t in schedule.registered() if t.key == "gomi.reminders")
    assert task.every == timedelta(minutes=1)

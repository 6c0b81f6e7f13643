"""A notice reaches e-mail subscribers once, whoever creates it (staff screen, API, script)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gomi.models import ScheduleException, Subscription
from gomi.services import notices
from gomi.services.reminders import send_notice
from gomi.tests.residents_factory import make_town, tomorrow
from tests.factories import UserFactory, member
from tests.fixtures import actor


@pytest.fixture
def town(db):
    """The resident test town with one confirmed subscriber of 本町 for 資源."""
    town = make_town()
    row = Subscription.objects.create(
        municipality=town.org, area=town.honmachi, email="resident@example.jp", lang="ja",
        remind_at="19:00", secret="s" * 32, confirmed_at=timezone.now())
    row.categories.set([town.resources])
    return town


@pytest.fixture
def town_editor(town):
    """An editor of the town."""
    return actor(member(UserFactory(username="gomi-editor"), town.org))


@pytest.mark.django_db
def test_a_notice_announced_by_the_core_service_is_mailed_after_commit(
        town, town_editor, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notices.announce(actor=town_editor, municipality=town.org, day=tomorrow(),
                         notice="台風のため収集を中止します", area=town.honmachi)
    [message] = mailoutbox
    assert (message.to, "台風のため収集を中止します" in message.body) == (
        ["resident@example.jp"], True)


@pytest.mark.django_db
def test_nothing_is_mailed_while_the_transaction_is_open(
        town, town_editor, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notices.announce(actor=town_editor, municipality=town.org, day=tomorrow(),
                         notice="台風のため収集を中止します")
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_staff_notice_form_path_mails_each_subscriber_once(
        town, town_editor, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notices.announce_notice(actor=town_editor, municipality=town.org,
                                data=notices.NoticeData(date=tomorrow(), notice="中止します",
                                                        areas=[town.honmachi],
                                                        categories=[town.resources]))
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_notice_for_several_categories_reaches_a_subscriber_in_one_mail(
        town, town_editor, mailoutbox, django_capture_on_commit_callbacks):
    """The form makes one notice per category; a subscriber of both gets one mail naming
    both, with the notice's text once."""
    Subscription.objects.get().categories.add(town.burnable)
    with django_capture_on_commit_callbacks(execute=True):
        made = notices.announce_notice(
            actor=town_editor, municipality=town.org,
            data=notices.NoticeData(date=tomorrow(), notice="台風のため中止します",
                                    areas=[town.honmachi],
                                    categories=[town.burnable, town.resources]))
    assert len(made) == 2
    [message] = mailoutbox
    assert "燃やすごみ" in message.body and "資源" in message.body
    assert message.body.count("台風のため中止します") == 1
    assert all(row.notified_at for row in ScheduleException.objects.all())


@pytest.mark.django_db
def test_a_subscriber_concerned_by_one_of_the_notices_gets_only_that_one(
        town, town_editor, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notices.announce_notice(
            actor=town_editor, municipality=town.org,
            data=notices.NoticeData(date=tomorrow(), notice="中止します",
                                    areas=[town.honmachi],
                                    categories=[town.burnable, town.resources]))
    [message] = mailoutbox  # subscribed to 資源 only
    assert "資源" in message.body and "燃やすごみ" not in message.body


@pytest.mark.django_db
def test_a_second_send_of_the_same_notice_mails_nobody(
        town, town_editor, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = notices.announce(actor=town_editor, municipality=town.org, day=tomorrow(),
                               notice="中止します")
    assert (send_notice(exception=row), len(mailoutbox)) == (0, 1)


@pytest.mark.django_db
def test_a_notice_for_other_subscribers_mails_nobody(
        town, town_editor, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notices.announce(actor=town_editor, municipality=town.org, day=tomorrow(),
                         notice="中止します", area=town.ekimae)
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_notice_withdrawn_before_the_mailing_ran_is_not_mailed(
        town, town_editor, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = notices.announce(actor=town_editor, municipality=town.org,
                               day=tomorrow() + timedelta(days=1), notice="中止します")
    ScheduleException.objects.filter(pk=row.pk).delete()
    for callback in callbacks:
        callback()
    assert mailoutbox == []


@pytest.mark.django_db
def test_mail_trouble_does_not_raise_from_the_mailing(town, town_editor, monkeypatch):
    import gomi.services.reminders as reminders

    row = ScheduleException.objects.create(municipality=town.org, date=tomorrow(),
                                           kind="cancel", notice="中止")

    def broken(**_kwargs):
        raise ConnectionRefusedError("relay down")

    monkeypatch.setattr(reminders, "send_notices", broken)
    assert notices.mail_notice(row.pk) == 0

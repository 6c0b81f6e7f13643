"""The schedule draft: staging, the draft overlay, publish and discard, roles and ownership."""

from datetime import date

import pytest

from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models import AuditEntry, Job
from gomi import selectors
from gomi.catalog_publish import PUBLISH_JOB
from gomi.models import Area, Closure, DraftChange, GomiSettings, Rule
from gomi.services import drafts, edits
from gomi.services.edits import ClosureData, RuleData
from gomi.tests import test_staff_services
from tests.fixtures import actor

calendar = test_staff_services.calendar  # 中央地区: 燃やすごみ on Mondays and Thursdays

MONDAY_HOLIDAY = date(2026, 11, 23)  # 勤労感謝の日, a Monday
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def dates(area, *, draft: bool, category=None, window=NOVEMBER) -> list[date]:
    """The collection dates of an area in the window, live or with the draft overlaid."""
    found = selectors.collections_for_area(area, *window, draft=draft)
    return [c.date for c in found if category is None or c.category == category]


def weekdays(days: list[date]) -> set[int]:
    """The weekdays (0 = Monday) the days fall on."""
    return {d.weekday() for d in days}


def stage_tuesdays_and_fridays(org, editor, calendar):
    """Stage 燃やすごみ in 中央地区 on Tuesdays and Fridays instead of Mondays and Thursdays."""
    return drafts.stage_rule(actor=actor(editor), municipality=org, area=calendar["central"],
                             category=calendar["burnable"], data=RuleData(weekdays=[1, 4]))


# --- staging and the overlay ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_staged_rule_leaves_the_live_calendar_unchanged(org, editor, calendar):
    stage_tuesdays_and_fridays(org, editor, calendar)
    assert weekdays(dates(calendar["central"], draft=False)) == {0, 3}
    assert Rule.objects.get(area=calendar["central"]).weekdays == [0, 3]


@pytest.mark.django_db
def test_the_draft_overlay_replaces_the_staged_rule(org, editor, calendar):
    stage_tuesdays_and_fridays(org, editor, calendar)
    assert weekdays(dates(calendar["central"], draft=True)) == {1, 4}


@pytest.mark.django_db
def test_the_draft_overlay_adds_a_rule_for_a_pair_without_one(org, editor, calendar):
    drafts.stage_rule(actor=actor(editor), municipality=org, area=calendar["north"],
                      category=calendar["burnable"], data=RuleData(weekdays=[5]))
    found = dates(calendar["north"], draft=True, category=calendar["burnable"])
    assert weekdays(found) == {5} and len(found) == 4  # Saturdays of November 2026
    assert dates(calendar["north"], draft=False, category=calendar["burnable"]) == []


@pytest.mark.django_db
def test_a_staged_empty_rule_removes_the_collections_in_the_draft(org, editor, calendar):
    drafts.stage_rule(actor=actor(editor), municipality=org, area=calendar["central"],
                      category=calendar["burnable"], data=RuleData())
    assert dates(calendar["central"], draft=True) == []
    assert dates(calendar["central"], draft=False) != []


@pytest.mark.django_db
def test_staging_the_same_rule_again_replaces_the_earlier_change(org, editor, calendar):
    stage_tuesdays_and_fridays(org, editor, calendar)
    drafts.stage_rule(actor=actor(editor), municipality=org, area=calendar["central"],
                      category=calendar["burnable"], data=RuleData(weekdays=[2]))
    [change] = DraftChange.objects.all()
    assert change.payload["weekdays"] == [2]


@pytest.mark.django_db
def test_staging_a_rule_equal_to_live_unstages_it(org, editor, calendar):
    stage_tuesdays_and_fridays(org, editor, calendar)
    result = drafts.stage_rule(actor=actor(editor), municipality=org, area=calendar["central"],
                               category=calendar["burnable"], data=RuleData(weekdays=[3, 0]))
    assert result is None and not DraftChange.objects.exists()
    assert AuditEntry.objects.filter(action="gomi.draft.unstage").count() == 1


@pytest.mark.django_db
def test_an_empty_rule_where_there_is_none_is_equal_to_live(org, editor, calendar):
    result = drafts.stage_rule(actor=actor(editor), municipality=org, area=calendar["north"],
                               category=calendar["burnable"], data=RuleData())
    assert result is None and not DraftChange.objects.exists()


@pytest.mark.django_db
def test_a_staged_holiday_policy_moves_the_holiday_in_the_draft_only(org, editor, calendar):
    burnable = calendar["burnable"]
    drafts.stage_holiday_policy(actor=actor(editor), category=burnable, policy="move")
    draft = dates(calendar["central"], draft=True)
    assert MONDAY_HOLIDAY not in draft and date(2026, 11, 24) in draft
    assert MONDAY_HOLIDAY in dates(calendar["central"], draft=False)
    burnable.refresh_from_db()
    assert burnable.holiday_policy == "collect"


@pytest.mark.django_db
def test_a_holiday_policy_equal_to_live_unstages_it(org, editor, calendar):
    drafts.stage_holiday_policy(actor=actor(editor), category=calendar["burnable"],
                                policy="skip")
    drafts.stage_holiday_policy(actor=actor(editor), category=calendar["burnable"],
                                policy="collect")
    assert not DraftChange.objects.exists()


@pytest.mark.django_db
def test_a_staged_closure_drops_collections_in_the_draft_only(org, editor, calendar):
    drafts.stage_closure(actor=actor(editor), municipality=org, data=ClosureData(
        start=date(2026, 11, 9), end=date(2026, 11, 13)))
    assert date(2026, 11, 9) not in dates(calendar["central"], draft=True)
    assert date(2026, 11, 9) in dates(calendar["central"], draft=False)
    assert not Closure.objects.exists()


@pytest.mark.django_db
def test_a_staged_closure_removal_restores_collections_in_the_draft_only(
        org, editor, calendar):
    closure = Closure.objects.create(municipality=org, start=date(2026, 11, 9),
                                     end=date(2026, 11, 13))
    drafts.stage_closure_delete(actor=actor(editor), closure=closure)
    assert date(2026, 11, 9) in dates(calendar["central"], draft=True)
    assert date(2026, 11, 9) not in dates(calendar["central"], draft=False)


@pytest.mark.django_db
def test_adding_back_a_closure_whose_removal_is_staged_unstages_the_removal(
        org, editor, calendar):
    closure = Closure.objects.create(municipality=org, start=date(2026, 12, 31),
                                     end=date(2027, 1, 3))
    drafts.stage_closure_delete(actor=actor(editor), closure=closure)
    result = drafts.stage_closure(actor=actor(editor), municipality=org, data=ClosureData(
        start=date(2026, 12, 31), end=date(2027, 1, 3)))
    assert result is None and not DraftChange.objects.exists()


@pytest.mark.django_db
def test_a_staged_closure_policy_applies_in_the_draft_only(org, editor, calendar):
    Closure.objects.create(municipality=org, start=date(2026, 12, 31), end=date(2027, 1, 3))
    drafts.stage_closure_policy(actor=actor(editor), municipality=org, policy="none")
    window = (date(2026, 12, 28), date(2027, 1, 10))
    assert date(2026, 12, 31) in dates(calendar["central"], draft=True, window=window)
    assert date(2026, 12, 31) not in dates(calendar["central"], draft=False, window=window)
    assert not GomiSettings.objects.filter(municipality=org).exists()


@pytest.mark.django_db
def test_the_draft_differences_name_the_dates_added_and_removed(org, editor, calendar):
    stage_tuesdays_and_fridays(org, editor, calendar)
    [difference] = selectors.draft_differences(org, start=NOVEMBER[0], end=NOVEMBER[1])
    [burnable] = difference.categories
    assert difference.area == calendar["central"]
    assert (weekdays(burnable.added), weekdays(burnable.removed)) == ({1, 4}, {0, 3})
    assert difference.total == len(burnable.added) + len(burnable.removed)


# --- validation, roles and ownership ---------------------------------------------------------


@pytest.mark.django_db
def test_a_rule_out_of_range_is_refused_like_the_live_service(org, editor, calendar):
    with pytest.raises(InvalidInput) as caught:
        drafts.stage_rule(actor=actor(editor), municipality=org, area=calendar["central"],
                          category=calendar["burnable"], data=RuleData(nth=[(1, 6)]))
    assert "nth" in caught.value.field_errors and not DraftChange.objects.exists()


@pytest.mark.django_db
def test_a_closure_ending_before_it_starts_is_refused(org, editor):
    with pytest.raises(InvalidInput) as caught:
        drafts.stage_closure(actor=actor(editor), municipality=org, data=ClosureData(
            start=date(2027, 1, 3), end=date(2026, 12, 31)))
    assert "end" in caught.value.field_errors


@pytest.mark.django_db
def test_an_unknown_holiday_policy_is_refused(org, editor, calendar):
    with pytest.raises(InvalidInput):
        drafts.stage_holiday_policy(actor=actor(editor), category=calendar["burnable"],
                                    policy="sometimes")
    assert not DraftChange.objects.exists()


@pytest.mark.django_db
def test_a_viewer_cannot_stage_a_rule(org, viewer, calendar):
    with pytest.raises(PermissionDenied):
        stage_tuesdays_and_fridays(org, viewer, calendar)
    assert not DraftChange.objects.exists()


@pytest.mark.django_db
def test_a_viewer_cannot_publish_or_discard(org, editor, viewer, calendar):
    stage_tuesdays_and_fridays(org, editor, calendar)
    with pytest.raises(PermissionDenied):
        drafts.publish_draft(actor=actor(viewer), municipality=org)
    with pytest.raises(PermissionDenied):
        drafts.discard_draft(actor=actor(viewer), municipality=org)
    assert DraftChange.objects.count() == 1


@pytest.mark.django_db
def test_another_towns_editor_cannot_stage_here(org, outsider, calendar):
    with pytest.raises(PermissionDenied):
        stage_tuesdays_and_fridays(org, outsider, calendar)


@pytest.mark.django_db
def test_another_towns_area_is_not_found_through_this_town(org, other_org, site_admin,
                                                          calendar):
    with pytest.raises(NotFound):
        stage_tuesdays_and_fridays(other_org, site_admin, calendar)
    assert not DraftChange.objects.exists()


@pytest.mark.django_db
def test_another_towns_staged_change_is_not_found_through_this_town(
        org, other_org, editor, site_admin, calendar):
    change = stage_tuesdays_and_fridays(org, editor, calendar)
    with pytest.raises(NotFound):
        drafts.discard_change(actor=actor(site_admin), municipality=other_org, change=change)
    assert DraftChange.objects.filter(pk=change.pk).exists()


@pytest.mark.django_db
def test_publishing_another_town_leaves_this_towns_draft(org, other_org, editor, site_admin,
                                                         calendar):
    stage_tuesdays_and_fridays(org, editor, calendar)
    assert drafts.publish_draft(actor=actor(site_admin), municipality=other_org) == 0
    assert DraftChange.objects.filter(municipality=org).count() == 1


@pytest.mark.django_db
def test_deleting_an_area_drops_its_staged_rules(org, editor, calendar):
    stage_tuesdays_and_fridays(org, editor, calendar)
    edits.delete_area(actor=actor(editor), area=calendar["central"])
    assert not DraftChange.objects.exists()


# --- publish and discard ----------------------------------------------------------------------


def stage_one_of_each(org, editor, calendar) -> Closure:
    """Stage a rule, a holiday policy, a closure, a closure removal and a closure policy."""
    old = Closure.objects.create(municipality=org, start=date(2026, 8, 13),
                                 end=date(2026, 8, 15))
    who = actor(editor)
    stage_tuesdays_and_fridays(org, editor, calendar)
    drafts.stage_holiday_policy(actor=who, category=calendar["plastic"], policy="skip")
    drafts.stage_closure(actor=who, municipality=org, data=ClosureData(
        start=date(2026, 12, 31), end=date(2027, 1, 3), note="年末年始"))
    drafts.stage_closure_delete(actor=who, closure=old)
    drafts.stage_closure_policy(actor=who, municipality=org, policy="none")
    return old


@pytest.mark.django_db
def test_publishing_applies_every_staged_change(org, editor, calendar):
    old = stage_one_of_each(org, editor, calendar)
    assert drafts.publish_draft(actor=actor(editor), municipality=org) == 5
    calendar["plastic"].refresh_from_db()
    assert Rule.objects.get(area=calendar["central"]).weekdays == [1, 4]
    assert calendar["plastic"].holiday_policy == "skip"
    assert list(Closure.objects.values_list("start", "note")) == [(date(2026, 12, 31),
                                                                   "年末年始")]
    assert not Closure.objects.filter(pk=old.pk).exists()
    assert GomiSettings.objects.get(municipality=org).closure_policy == "none"
    assert not DraftChange.objects.exists()


@pytest.mark.django_db
def test_publishing_audits_the_counts_and_each_live_change(org, editor, calendar):
    stage_one_of_each(org, editor, calendar)
    drafts.publish_draft(actor=actor(editor), municipality=org)
    entry = AuditEntry.objects.get(action="gomi.draft.publish")
    assert entry.details["total"] == 5 and entry.details["counts"]["rule"] == 1
    assert AuditEntry.objects.filter(action="gomi.rule.save").count() == 1
    assert AuditEntry.objects.filter(action="gomi.closure.delete").count() == 1


@pytest.mark.django_db
def test_publishing_queues_the_open_data_update(org, editor, calendar):
    stage_tuesdays_and_fridays(org, editor, calendar)
    assert not Job.objects.filter(kind=PUBLISH_JOB).exists()  # staging alone queues nothing
    drafts.publish_draft(actor=actor(editor), municipality=org)
    assert Job.objects.filter(kind=PUBLISH_JOB, organisation=org).count() == 1


@pytest.mark.django_db
def test_publishing_is_all_or_nothing(org, editor, calendar, monkeypatch):
    stage_one_of_each(org, editor, calendar)

    def refuse(**kwargs):
        """A live service that fails after others have been applied."""
        raise InvalidInput("refused")

    monkeypatch.setattr(edits, "save_rule", refuse)  # rules are applied last
    with pytest.raises(InvalidInput):
        drafts.publish_draft(actor=actor(editor), municipality=org)
    assert DraftChange.objects.count() == 5
    assert not GomiSettings.objects.filter(municipality=org).exists()
    assert Closure.objects.count() == 1


@pytest.mark.django_db
def test_discarding_one_change_keeps_the_others(org, editor, calendar):
    stage_one_of_each(org, editor, calendar)
    change = DraftChange.objects.get(kind="rule")
    drafts.discard_change(actor=actor(editor), municipality=org, change=change)
    assert DraftChange.objects.count() == 4
    assert AuditEntry.objects.filter(action="gomi.draft.discard").count() == 1


@pytest.mark.django_db
def test_discarding_the_draft_leaves_the_live_schedule(org, editor, calendar):
    stage_one_of_each(org, editor, calendar)
    assert drafts.discard_draft(actor=actor(editor), municipality=org) == 5
    assert not DraftChange.objects.exists()
    assert Rule.objects.get(area=calendar["central"]).weekdays == [0, 3]
    assert AuditEntry.objects.get(action="gomi.draft.discard_all").details["total"] == 5


@pytest.mark.django_db
def test_every_staged_change_is_audited(org, editor, calendar):
    stage_one_of_each(org, editor, calendar)
    assert AuditEntry.objects.filter(action="gomi.draft.stage").count() == 5


@pytest.mark.django_db
def test_a_published_draft_is_what_the_preview_showed(org, editor, calendar):
    stage_one_of_each(org, editor, calendar)
    window = (date(2026, 8, 1), date(2027, 1, 31))
    shown = {area.pk: dates(area, draft=True, window=window)
             for area in Area.objects.filter(municipality=org)}
    drafts.publish_draft(actor=actor(editor), municipality=org)
    assert shown == {area.pk: dates(area, draft=False, window=window)
                     for area in Area.objects.filter(municipality=org)}


# --- residents never see a staged change -----------------------------------------------------


@pytest.fixture
def town(db):
    """The resident test town with bottles (びん, never collected in 本町) staged for tomorrow."""
    from gomi.tests.residents_factory import make_town, tomorrow

    town = make_town()
    editor = _town_editor(town)
    drafts.stage_rule(actor=actor(editor), municipality=town.org, area=town.honmachi,
                      category=town.bottles, data=RuleData(dates=[tomorrow()]))
    town.editor = editor
    return town


def _town_editor(town):
    """An editor of the resident test town."""
    from core.models import Membership, Role
    from tests.factories import UserFactory

    user = UserFactory(username="town-editor")
    Membership.objects.create(user=user, organisation=town.org, role=Role.EDITOR)
    return user


def publish_town(town) -> None:
    """Publish the town's draft as its editor."""
    drafts.publish_draft(actor=actor(town.editor), municipality=town.org)


def _area_page(client, town) -> str:
    """The resident page of 本町 (today, tomorrow, next collections)."""
    return client.get(f"/gomi/{town.lgcode}/areas/{town.honmachi.pk}/").content.decode()


def _ics(client, town) -> str:
    """The iCalendar feed of 本町."""
    return client.get(f"/gomi/{town.lgcode}/areas/{town.honmachi.pk}/calendar.ics"
                      ).content.decode()


def _api(client, town) -> list[str]:
    """The category names the API gives for 本町 tomorrow."""
    from gomi.tests.residents_factory import tomorrow

    day = tomorrow().isoformat()
    body = client.get(f"/api/v1/gomi/{town.lgcode}/areas/{town.honmachi.pk}/collections",
                      {"from": day, "to": day}).json()
    return [c["category"] for c in body]


def _csv_rows(client, town) -> list[tuple[str, str]]:
    """(area, category) of every row of the open-data schedule CSV over the next days."""
    import csv
    import io
    from datetime import timedelta

    from gomi.services.exports import schedule_csv
    from gomi.tests.residents_factory import tomorrow

    raw = schedule_csv(municipality=town.org, start=tomorrow(),
                       end=tomorrow() + timedelta(days=6))
    return [(row["地区"], row["分別区分"])
            for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))]


def _reminded(client, town) -> int:
    """Mails sent by the reminder run to a subscriber of びん in 本町 at 19:00."""
    from datetime import datetime, time

    from django.utils import timezone

    from gomi.models import Subscription
    from gomi.services.reminders import send_due_reminders

    sub, _created = Subscription.objects.get_or_create(
        municipality=town.org, area=town.honmachi, email="resident@example.jp",
        defaults={"remind_at": time(19, 0), "secret": "s" * 32,
                  "confirmed_at": timezone.now()})
    sub.categories.set([town.bottles])
    Subscription.objects.filter(pk=sub.pk).update(last_sent_for=None)
    return send_due_reminders(now=timezone.make_aware(
        datetime.combine(timezone.localdate(), time(19, 0))))


RESIDENT_VIEWS = {
    "area page": lambda client, town: "びん" in _area_page(client, town),
    "iCalendar": lambda client, town: "びん" in _ics(client, town),
    "API": lambda client, town: "びん" in _api(client, town),
    "schedule CSV": lambda client, town: ("本町", "びん") in _csv_rows(client, town),
    "reminders": lambda client, town: _reminded(client, town) == 1,
}


@pytest.mark.django_db
@pytest.mark.parametrize("where", RESIDENT_VIEWS)
def test_a_staged_change_never_reaches_residents(client, town, where):
    assert not RESIDENT_VIEWS[where](client, town)


@pytest.mark.django_db
@pytest.mark.parametrize("where", RESIDENT_VIEWS)
def test_a_published_change_reaches_residents(client, town, where):
    publish_town(town)
    assert RESIDENT_VIEWS[where](client, town)


# --- a 5374 import replaces the schedule, and with it the draft --------------------------------


@pytest.mark.django_db
def test_a_5374_import_discards_the_draft_and_says_so(org, editor, calendar):
    from gomi.demo import DEMO_DATA
    from gomi.services.imports import import_5374

    stage_tuesdays_and_fridays(org, editor, calendar)
    summary = import_5374(actor=actor(editor), municipality=org,
                          folder=DEMO_DATA / "5374", publish=False)
    assert not DraftChange.objects.filter(municipality=org).exists()
    assert summary.drafts_discarded == 1
    assert summary.notices[0].code == "drafts-discarded"
    entry = AuditEntry.objects.filter(action="gomi.import_5374").latest("id")
    assert entry.details["drafts_discarded"] == 1

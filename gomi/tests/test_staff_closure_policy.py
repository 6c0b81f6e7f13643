"""The closure policy screen: staff choose skip / shift_week / none and the calendar follows."""

import re
from datetime import date

import pytest

from core.models import AuditEntry
from gomi import selectors
from gomi.models import Closure, DraftChange, GomiSettings
from gomi.tests import test_staff_services

calendar = test_staff_services.calendar  # 中央地区: 燃やすごみ on Mondays and Thursdays


@pytest.fixture
def staff_client(client, settings):
    """Log a user in (two-factor off: these tests are about the screen, not the login)."""
    settings.REQUIRE_2FA = False

    def log_in(user):
        """The client, logged in as user."""
        client.force_login(user)
        return client

    return log_in


def policy_url(org) -> str:
    """The closure policy screen of the municipality."""
    return f"/staff/gomi/{org.lgcode}/closures/policy/"


@pytest.mark.django_db
def test_the_screen_offers_the_three_policies_with_the_current_one_chosen(
        staff_client, org, editor, calendar):
    body = staff_client(editor).get(policy_url(org)).content.decode()
    assert [v for v in ("skip", "shift_week", "none") if f'value="{v}"' in body] == [
        "skip", "shift_week", "none"]
    checked = re.findall(r'<input[^>]*name="policy"[^>]*value="(\w+)"[^>]*checked', body)
    assert checked == ["skip"]


@pytest.mark.django_db
def test_the_chosen_policy_is_staged_and_not_live(staff_client, org, editor, calendar):
    response = staff_client(editor).post(policy_url(org), {"policy": "shift_week"})
    assert response.status_code == 302
    assert not GomiSettings.objects.filter(municipality=org).exists()
    assert DraftChange.objects.get(kind="closure_policy").policy == "shift_week"


@pytest.mark.django_db
def test_the_screen_preselects_the_staged_policy(staff_client, org, editor, calendar):
    client = staff_client(editor)
    client.post(policy_url(org), {"policy": "none"})
    body = client.get(policy_url(org)).content.decode()
    checked = re.findall(r'<input[^>]*name="policy"[^>]*value="(\w+)"[^>]*checked', body)
    assert checked == ["none"]


@pytest.mark.django_db
def test_an_editor_publishes_shift_week_and_the_closed_collection_moves_a_week(
        staff_client, org, editor, calendar):
    Closure.objects.create(municipality=org, start=date(2026, 12, 31), end=date(2027, 1, 3))
    client = staff_client(editor)
    client.post(policy_url(org), {"policy": "shift_week"})
    assert client.post(f"/staff/gomi/{org.lgcode}/draft/publish/").status_code == 302
    assert GomiSettings.objects.get(municipality=org).closure_policy == "shift_week"
    found = [c.date for c in selectors.collections_for_area(
        calendar["central"], date(2026, 12, 28), date(2027, 1, 10))]
    assert date(2026, 12, 31) not in found and date(2027, 1, 7) in found
    entry = AuditEntry.objects.get(action="gomi.closure_policy")
    assert entry.details == {"policy": "shift_week", "before": "skip"}


@pytest.mark.django_db
def test_an_unknown_policy_is_refused_on_the_field(staff_client, org, editor, calendar):
    response = staff_client(editor).post(policy_url(org), {"policy": "sometimes"})
    assert response.status_code == 400
    assert b"error-summary" in response.content
    assert not GomiSettings.objects.filter(municipality=org).exists()


@pytest.mark.django_db
def test_a_viewer_sees_the_policy_but_cannot_change_it(staff_client, org, viewer, calendar):
    client = staff_client(viewer)
    assert b'name="policy"' not in client.get(policy_url(org)).content
    assert client.post(policy_url(org), {"policy": "none"}).status_code == 403
    assert not GomiSettings.objects.filter(municipality=org).exists()


@pytest.mark.django_db
def test_the_closure_list_names_the_current_policy(staff_client, org, editor, calendar):
    GomiSettings.objects.create(municipality=org, closure_policy="none")
    body = staff_client(editor).get(f"/staff/gomi/{org.lgcode}/closures/").content.decode()
    assert "休止期間を考慮しない" in body and "closures/policy/" in body

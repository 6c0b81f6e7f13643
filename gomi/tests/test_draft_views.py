"""The draft on the staff screens: the draft page, the preview switch and the （未公開） marks."""

import re
from datetime import date

import pytest
from django.test import Client

from core.models import AuditEntry
from gomi.models import Closure, DraftChange, Rule
from gomi.services import drafts
from gomi.services.edits import ClosureData, RuleData
from gomi.tests import test_staff_services, test_staff_views
from tests.fixtures import actor

calendar = test_staff_services.calendar  # 中央地区: 燃やすごみ on Mondays and Thursdays


login = test_staff_views.login  # the client, logged in (two-factor off)
url = test_staff_views.url


@pytest.fixture
def staged(org, editor, calendar):
    """燃やすごみ in 中央地区 staged on Tuesdays and Fridays (live: Mondays and Thursdays)."""
    return drafts.stage_rule(actor=actor(editor), municipality=org, area=calendar["central"],
                             category=calendar["burnable"], data=RuleData(weekdays=[1, 4]))


def preview(client, org, calendar, extra: str = "") -> str:
    """The preview of 中央地区 for November 2026."""
    return client.get(url(org, f"preview/?area={calendar['central'].pk}&month=2026-11{extra}")
                      ).content.decode()


@pytest.mark.django_db
def test_the_draft_page_describes_the_change_in_plain_words(login, org, editor, staged):
    body = login(editor).get(url(org, "draft/")).content.decode()
    assert "収集ルール: 中央地区 / 燃やすごみ" in body
    assert "毎週 月・木" in body and "毎週 火・金" in body


@pytest.mark.django_db
def test_the_draft_page_lists_the_dates_added_and_removed_per_area(login, org, editor, staged):
    body = login(editor).get(url(org, "draft/")).content.decode()
    assert "<h3>中央地区</h3>" in body and "<h3>北地区</h3>" not in body
    assert "増える収集日" in body and "なくなる収集日" in body


@pytest.mark.django_db
def test_an_editor_gets_publish_and_discard_buttons(login, org, editor, staged):
    body = login(editor).get(url(org, "draft/")).content.decode()
    assert "公開する</button>" in body and "すべて破棄</button>" in body


@pytest.mark.django_db
def test_a_viewer_sees_the_draft_without_buttons(login, org, viewer, staged):
    body = login(viewer).get(url(org, "draft/")).content.decode()
    assert "毎週 火・金" in body
    assert "<button" not in body.split("<main", 1)[1]


@pytest.mark.django_db
@pytest.mark.parametrize("rest", ["draft/publish/", "draft/discard/", "discard-one"])
def test_a_viewer_is_refused_every_draft_post(login, org, viewer, staged, rest):
    rest = f"draft/{staged.pk}/discard/" if rest == "discard-one" else rest
    assert login(viewer).post(url(org, rest)).status_code == 403
    assert DraftChange.objects.count() == 1


@pytest.mark.django_db
def test_another_towns_editor_does_not_find_the_draft(login, org, outsider, staged):
    client = login(outsider)
    assert client.get(url(org, "draft/")).status_code == 404
    assert client.post(url(org, "draft/publish/")).status_code == 404
    assert DraftChange.objects.count() == 1


@pytest.mark.django_db
def test_publishing_needs_the_csrf_token(org, editor, staged, settings):
    settings.REQUIRE_2FA = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(url(org, "draft/publish/")).status_code == 403
    assert DraftChange.objects.count() == 1


@pytest.mark.django_db
def test_publishing_from_the_page_makes_the_rule_live(login, org, editor, calendar, staged):
    response = login(editor).post(url(org, "draft/publish/"), follow=True)
    assert "1件の変更を公開しました" in response.content.decode()
    assert Rule.objects.get(area=calendar["central"]).weekdays == [1, 4]
    assert AuditEntry.objects.filter(action="gomi.draft.publish").count() == 1


@pytest.mark.django_db
def test_discarding_everything_from_the_page_keeps_the_live_rule(login, org, editor, calendar,
                                                                 staged):
    login(editor).post(url(org, "draft/discard/"))
    assert not DraftChange.objects.exists()
    assert Rule.objects.get(area=calendar["central"]).weekdays == [0, 3]


@pytest.mark.django_db
def test_discarding_one_change_returns_to_the_page_it_came_from(login, org, editor, staged):
    response = login(editor).post(url(org, f"draft/{staged.pk}/discard/"),
                                  {"next": url(org, "closures/")})
    assert response["Location"] == url(org, "closures/")
    assert not DraftChange.objects.exists()


@pytest.mark.django_db
def test_discarding_one_change_never_redirects_off_site(login, org, editor, staged):
    response = login(editor).post(url(org, f"draft/{staged.pk}/discard/"),
                                  {"next": "https://evil.example/"})
    assert response["Location"] == url(org, "draft/")


@pytest.mark.django_db
def test_the_preview_shows_the_draft_by_default_when_changes_are_staged(
        login, org, viewer, calendar, staged):
    body = preview(login(viewer), org, calendar)
    assert "未公開の変更が1件あります" in body
    assert "（未公開で追加）" in body and "（未公開で取りやめ）" in body
    assert "公開中と違う日" in body


@pytest.mark.django_db
def test_the_live_preview_has_no_draft_marks(login, org, viewer, calendar, staged):
    body = preview(login(viewer), org, calendar, "&view=live")
    assert "いま表示しているのは公開中のカレンダーです" in body
    assert "（未公開で追加）" not in body and "（未公開で取りやめ）" not in body


@pytest.mark.django_db
def test_the_preview_without_draft_has_no_banner(login, org, viewer, calendar):
    body = preview(login(viewer), org, calendar)
    assert "未公開の変更が" not in body and "（未公開で追加）" not in body


@pytest.mark.django_db
def test_the_draft_preview_shows_a_staged_closure(login, org, editor, calendar):
    drafts.stage_closure(actor=actor(editor), municipality=org, data=ClosureData(
        start=date(2026, 11, 9), end=date(2026, 11, 13)))
    body = preview(login(editor), org, calendar)
    assert body.count("<br><span class=\"meta\">休止期間</span>") == 5


@pytest.mark.django_db
def test_the_menu_counts_the_staged_changes(login, org, editor, staged):
    body = login(editor).get(url(org, "areas/")).content.decode()
    assert "未公開の変更（1件）" in body


@pytest.mark.django_db
def test_the_area_list_shows_the_staged_rule_next_to_the_live_one(login, org, editor, staged):
    body = login(editor).get(url(org, "areas/")).content.decode()
    assert "毎週 月・木" in body and "→ 毎週 火・金 <strong>（未公開）</strong>" in body


@pytest.mark.django_db
def test_the_rule_form_starts_from_the_staged_rule(login, org, editor, calendar, staged):
    area, category = calendar["central"], calendar["burnable"]
    body = login(editor).get(url(org, f"areas/{area.pk}/rules/{category.pk}/")
                             ).content.decode()
    checked = re.findall(r'<input[^>]*name="weekdays" value="(\d)"[^>]*checked>', body)
    assert "公開中: <strong>毎週 月・木</strong>" in body and checked == ["1", "4"]


@pytest.mark.django_db
def test_saving_the_rule_form_says_it_went_to_the_draft(login, org, editor, calendar):
    area, category = calendar["central"], calendar["burnable"]
    response = login(editor).post(url(org, f"areas/{area.pk}/rules/{category.pk}/"),
                                  {"weekdays": ["2"]}, follow=True)
    assert "下書きに保存しました" in response.content.decode()


@pytest.mark.django_db
def test_the_closure_list_marks_staged_additions_and_removals(login, org, editor):
    closure = Closure.objects.create(municipality=org, start=date(2026, 8, 13),
                                     end=date(2026, 8, 15))
    client = login(editor)
    client.post(url(org, f"closures/{closure.pk}/delete/"))
    client.post(url(org, "closures/"), {"start": "2026-12-31", "end": "2027-01-03"})
    body = client.get(url(org, "closures/")).content.decode()
    assert "（未公開: 削除予定）" in body and "（未公開: 追加予定）" in body
    assert "削除を取り消す" in body


@pytest.mark.django_db
def test_a_viewer_cannot_stage_a_closure_from_the_screen(login, org, viewer):
    response = login(viewer).post(url(org, "closures/"), {"start": "2026-12-31",
                                                          "end": "2027-01-03"})
    assert response.status_code == 403 and not DraftChange.objects.exists()


@pytest.mark.django_db
def test_another_towns_staged_change_is_not_found_under_this_town(
        login, org, other_org, editor, site_admin):
    from gomi.models import Area, Category

    area = Area.objects.create(municipality=other_org, name="よその地区")
    category = Category.objects.create(municipality=other_org, name="よその区分")
    foreign = drafts.stage_rule(actor=actor(site_admin), municipality=other_org, area=area,
                                category=category, data=RuleData(weekdays=[0]))
    response = login(editor).post(url(org, f"draft/{foreign.pk}/discard/"))
    assert response.status_code == 404 and DraftChange.objects.filter(pk=foreign.pk).exists()


@pytest.mark.django_db
def test_the_category_list_shows_a_staged_holiday_policy(login, org, editor, calendar):
    drafts.stage_holiday_policy(actor=actor(editor), category=calendar["burnable"],
                                policy="skip")
    body = login(editor).get(url(org, "categories/")).content.decode()
    assert "祝日も収集する" in body and "→ 祝日は収集しない <strong>（未公開）</strong>" in body

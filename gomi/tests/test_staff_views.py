"""gomi staff screens through the Django test client: every screen, roles and isolation."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from core.models import AuditEntry
from gomi.models import (
    Area,
    Category,
    Closure,
    DraftChange,
    Item,
    Rule,
    ScheduleException,
    Translation,
)
from gomi.models_residents import SearchMiss
from gomi.tests import test_staff_services

calendar = test_staff_services.calendar  # the same two areas and two categories
SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture
def login(client, settings):
    """Log a user in (two-factor off: these tests are about roles)."""
    settings.REQUIRE_2FA = False

    def log_in(user):
        """Log the user in and return the client."""
        client.force_login(user)
        return client

    return log_in


def url(org, rest: str = "") -> str:
    """A staff URL of the municipality."""
    return f"/staff/gomi/{org.lgcode}/{rest}"


SCREENS = ["", "areas/", "areas/new/", "categories/", "categories/new/", "closures/",
           "closures/policy/",
           "items/", "items/new/", "preview/", "preview/?fy=2026", "preview/?view=live",
           "preview/?view=draft", "draft/", "notices/", "misses/"]


@pytest.mark.django_db
@pytest.mark.parametrize("rest", SCREENS)
def test_a_viewer_sees_every_screen(login, org, viewer, calendar, rest):
    response = login(viewer).get(url(org, rest))
    assert response.status_code == 200
    assert org.name.encode() in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("rest", SCREENS)
def test_another_municipalitys_editor_gets_not_found(login, org, outsider, calendar, rest):
    assert login(outsider).get(url(org, rest)).status_code == 404


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, org, calendar):
    response = client.get(url(org))
    assert response.status_code == 302
    assert "/login" in response["Location"]


@pytest.mark.django_db
def test_the_staff_index_lists_only_the_users_municipalities(login, org, other_org, editor):
    response = login(editor).get("/staff/gomi/")
    assert org.lgcode.encode() in response.content
    assert other_org.lgcode.encode() not in response.content


@pytest.mark.django_db
def test_the_area_rule_and_per_object_screens_open(login, org, editor, calendar):
    client = login(editor)
    area, category = calendar["central"], calendar["burnable"]
    for rest in (f"areas/{area.pk}/", f"areas/{area.pk}/rules/{category.pk}/",
                 f"categories/{category.pk}/", f"translations/area/{area.pk}/",
                 f"translations/category/{category.pk}/"):
        assert client.get(url(org, rest)).status_code == 200, rest


@pytest.mark.django_db
def test_a_viewer_cannot_create_an_area(login, org, viewer):
    response = login(viewer).post(url(org, "areas/new/"), {"name": "東地区"})
    assert response.status_code == 403
    assert not Area.objects.filter(name="東地区").exists()
    assert not AuditEntry.objects.filter(action__startswith="gomi.").exists()


@pytest.mark.django_db
def test_another_municipalitys_editor_cannot_change_an_area(login, org, outsider, calendar):
    area = calendar["central"]
    response = login(outsider).post(url(org, f"areas/{area.pk}/"), {"name": "乗っ取り"})
    assert response.status_code == 404
    area.refresh_from_db()
    assert area.name == "中央地区"


@pytest.mark.django_db
def test_an_object_of_another_municipality_is_not_found_under_this_one(
        login, org, other_org, editor):
    foreign = Area.objects.create(municipality=other_org, name="よその地区")
    assert login(editor).get(url(org, f"areas/{foreign.pk}/")).status_code == 404


@pytest.mark.django_db
def test_an_editor_creates_an_area_with_its_addresses(login, org, editor):
    response = login(editor).post(url(org, "areas/new/"), {
        "name": "東地区", "addresses": "本町1丁目\r\n栄町\r\n", "reading": "", "center": "",
        "note": ""})
    area = Area.objects.get(name="東地区")
    assert response.status_code == 302 and response["Location"].endswith(f"/areas/{area.pk}/")
    assert list(area.addresses.values_list("text", flat=True)) == ["本町1丁目", "栄町"]
    assert AuditEntry.objects.filter(action="gomi.area.save").count() == 1


@pytest.mark.django_db
def test_a_missing_area_name_is_shown_in_the_error_summary(login, org, editor):
    response = login(editor).post(url(org, "areas/new/"), {"name": ""})
    assert response.status_code == 400
    assert b"error-summary" in response.content


@pytest.mark.django_db
def test_an_editor_stages_nth_weekdays_months_and_dates_of_a_rule(login, org, editor, calendar):
    area, category = calendar["north"], calendar["burnable"]
    response = login(editor).post(url(org, f"areas/{area.pk}/rules/{category.pk}/"), {
        "nth": ["1-2", "1-4"], "months": ["4", "5"], "dates": "2026-12-29\n20270105",
        "biweekly": ""})
    assert response.status_code == 302
    assert not Rule.objects.filter(area=area, category=category).exists()  # not live yet
    staged = DraftChange.objects.get(kind="rule", area=area, category=category).payload
    assert (staged["nth"], staged["months"], staged["dates"]) == (
        [[1, 2], [1, 4]], [4, 5], ["2026-12-29", "2027-01-05"])


@pytest.mark.django_db
def test_a_published_rule_has_the_staged_nth_weekdays_months_and_dates(
        login, org, editor, calendar):
    area, category = calendar["north"], calendar["burnable"]
    client = login(editor)
    client.post(url(org, f"areas/{area.pk}/rules/{category.pk}/"), {
        "nth": ["1-2", "1-4"], "months": ["4", "5"], "dates": "2026-12-29\n20270105"})
    assert client.post(url(org, "draft/publish/")).status_code == 302
    rule = Rule.objects.get(area=area, category=category)
    assert (rule.nth, rule.months, rule.dates) == (
        [[1, 2], [1, 4]], [4, 5], ["2026-12-29", "2027-01-05"])


@pytest.mark.django_db
def test_an_unreadable_date_is_named_in_the_error(login, org, editor, calendar):
    area, category = calendar["north"], calendar["burnable"]
    response = login(editor).post(url(org, f"areas/{area.pk}/rules/{category.pk}/"),
                                  {"dates": "2026-02-30\nあした"})
    assert response.status_code == 400
    assert b"2026-02-30" in response.content and "あした".encode() in response.content
    assert not Rule.objects.filter(area=area, category=category).exists()


@pytest.mark.django_db
def test_the_rule_page_shows_the_5374_notation(login, org, editor, calendar):
    area, category = calendar["central"], calendar["burnable"]
    response = login(editor).get(url(org, f"areas/{area.pk}/rules/{category.pk}/"))
    assert "<code>月 木</code>".encode() in response.content


@pytest.mark.django_db
def test_a_category_colour_is_live_at_once_and_its_holiday_policy_is_staged(
        login, org, editor, calendar):
    category = calendar["burnable"]
    response = login(editor).post(url(org, f"categories/{category.pk}/"), {
        "name": "燃やすごみ", "colour": "#d7003a", "holiday_policy": "move"})
    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.holiday_policy, category.colour) == ("collect", "#d7003a")
    assert DraftChange.objects.get(kind="holiday_policy", category=category).policy == "move"


@pytest.mark.django_db
def test_a_new_category_gets_its_holiday_policy_at_once(login, org, editor):
    login(editor).post(url(org, "categories/new/"), {"name": "粗大ごみ",
                                                     "holiday_policy": "skip"})
    assert Category.objects.get(name="粗大ごみ").holiday_policy == "skip"
    assert not DraftChange.objects.exists()


@pytest.mark.django_db
def test_an_editor_adds_and_deletes_a_closure_through_the_draft(login, org, editor):
    client = login(editor)
    client.post(url(org, "closures/"), {"start": "2026-12-31", "end": "2027-01-03"})
    assert not Closure.objects.exists()
    client.post(url(org, "draft/publish/"))
    closure = Closure.objects.get(municipality=org)
    assert closure.start == date(2026, 12, 31)
    client.post(url(org, f"closures/{closure.pk}/delete/"))
    assert Closure.objects.filter(pk=closure.pk).exists()
    client.post(url(org, "draft/publish/"))
    assert not Closure.objects.exists()
    assert AuditEntry.objects.filter(action="gomi.closure.delete").count() == 1


@pytest.mark.django_db
def test_an_editor_adds_a_dictionary_item(login, org, editor, calendar):
    response = login(editor).post(url(org, "items/new/"), {
        "name": "ペットボトル", "reading": "ぺっとぼとる", "category": calendar["plastic"].pk,
        "notes": "キャップは外す"})
    item = Item.objects.get(name="ペットボトル")
    assert response.status_code == 302
    assert item.category == calendar["plastic"]


@pytest.mark.django_db
def test_the_dictionary_filters_by_word(login, org, editor, calendar):
    Item.objects.create(municipality=org, name="乾電池", category=calendar["plastic"])
    Item.objects.create(municipality=org, name="新聞紙")
    response = login(editor).get(url(org, "items/?q=電池"))
    assert "乾電池".encode() in response.content and "新聞紙".encode() not in response.content


@pytest.mark.django_db
def test_an_editor_saves_reviewed_translations_of_an_item(login, org, editor, calendar):
    item = Item.objects.create(municipality=org, name="乾電池")
    response = login(editor).post(url(org, f"translations/item/{item.pk}/"), {
        "en__name": "Dry cell battery", "en__name__reviewed": "on", "zh-hans__name": "干电池"})
    assert response.status_code == 302
    rows = {t.lang: t.reviewed for t in Translation.objects.filter(item=item)}
    assert rows == {"en": True, "zh-hans": False}


@pytest.mark.django_db
def test_the_preview_shows_the_areas_collections_in_the_month(login, org, viewer, calendar):
    response = login(viewer).get(url(org, f"preview/?area={calendar['central'].pk}"
                                           "&month=2026-11"))
    content = response.content.decode()
    assert "2026年11月" in content
    assert content.count("燃やすごみ") >= 8  # Mondays and Thursdays of November 2026
    assert "勤労感謝の日" in content


@pytest.mark.django_db
def test_the_fiscal_year_preview_has_twelve_months(login, org, viewer, calendar):
    response = login(viewer).get(url(org, f"preview/?area={calendar['central'].pk}&fy=2026"))
    content = response.content.decode()
    assert content.count("<caption>") == 12
    assert "2026年4月" in content and "2027年3月" in content


@pytest.mark.django_db
def test_an_editor_announces_a_notice_in_one_step(login, org, editor, calendar):
    response = login(editor).post(url(org, "notices/"), {
        "areas": [calendar["central"].pk], "date": "2030-09-02", "kind": "cancel",
        "notice": "台風のため中止します", "notice_en": "Cancelled (typhoon)"})
    assert response.status_code == 302
    row = ScheduleException.objects.get()
    assert (row.area, row.category, row.notice_en) == (calendar["central"], None,
                                                       "Cancelled (typhoon)")
    assert AuditEntry.objects.filter(action="gomi.announce").count() == 1


@pytest.mark.django_db
def test_a_move_without_new_day_is_refused_by_the_form(login, org, editor, calendar):
    response = login(editor).post(url(org, "notices/"), {
        "date": "2030-09-02", "kind": "move", "notice": "振替"})
    assert response.status_code == 400
    assert not ScheduleException.objects.exists()


@pytest.mark.django_db
def test_a_viewer_cannot_announce_or_withdraw(login, org, viewer, calendar):
    row = ScheduleException.objects.create(municipality=org, date=date(2030, 9, 2),
                                           kind="cancel", notice="中止")
    client = login(viewer)
    assert client.post(url(org, "notices/"), {"date": "2030-09-03", "kind": "cancel",
                                              "notice": "中止"}).status_code == 403
    assert client.post(url(org, f"notices/{row.pk}/withdraw/")).status_code == 403
    assert ScheduleException.objects.count() == 1


@pytest.mark.django_db
def test_an_editor_withdraws_a_notice(login, org, editor, calendar):
    row = ScheduleException.objects.create(municipality=org, date=date(2030, 9, 2),
                                           kind="cancel", notice="中止")
    login(editor).post(url(org, f"notices/{row.pk}/withdraw/"))
    assert not ScheduleException.objects.exists()
    assert AuditEntry.objects.filter(action="gomi.withdraw").count() == 1


@pytest.mark.django_db
def test_searches_without_result_link_to_a_prefilled_new_item(login, org, editor):
    SearchMiss.objects.create(municipality=org, day=date(2026, 5, 1), query="ぴあの", count=3)
    SearchMiss.objects.create(municipality=org, day=date(2026, 5, 2), query="ぴあの", count=2)
    client = login(editor)
    content = client.get(url(org, "misses/")).content.decode()
    assert "ぴあの" in content and "<td>5</td>" in content
    assert "items/new/?name=%E3%81%B4%E3%81%82%E3%81%AE" in content
    form = client.get(url(org, "items/new/?name=ぴあの")).content.decode()
    assert 'value="ぴあの"' in form


@pytest.mark.django_db
def test_the_standard_csv_export_lists_the_dictionary(login, org, viewer, calendar):
    Item.objects.create(municipality=org, name="乾電池", category=calendar["plastic"],
                        category_text="プラスチック")
    response = login(viewer).get(url(org, "export/sorting.csv"))
    assert response.status_code == 200
    assert "乾電池" in response.content.decode("utf-8-sig")


@pytest.mark.django_db
def test_the_5374_export_is_a_zip_with_area_days(login, org, viewer, calendar):
    response = login(viewer).get(url(org, "export/5374.zip"))
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert f"5374-{org.lgcode}/area_days.csv" in names


def zipped(folder: Path) -> io.BytesIO:
    """A folder's files in a zip inside a subfolder, as staff would compress it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{folder.name}/{path.name}")
    out.seek(0)
    out.name = f"{folder.name}.zip"
    return out


@pytest.mark.django_db
def test_an_editor_imports_a_zipped_5374_folder(login, org, editor):
    folder = SHARED / "corpus" / "garbage_5374" / "kanazawa"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/garbage_5374 is absent (a fresh clone): no 5374 folder")
    response = login(editor).post(url(org, "import/5374/"), {"file": zipped(folder)})
    assert response.status_code == 302
    assert Area.objects.filter(municipality=org).count() > 1
    assert Category.objects.filter(municipality=org).exists()
    assert AuditEntry.objects.filter(action="gomi.import_5374").count() == 1


@pytest.mark.django_db
def test_a_file_that_is_not_a_zip_is_refused_with_a_message(login, org, editor):
    upload = io.BytesIO(b"not a zip")
    upload.name = "area_days.csv"
    response = login(editor).post(url(org, "import/5374/"), {"file": upload}, follow=True)
    assert "ZIP ファイルとして読めません" in response.content.decode()
    assert not Area.objects.filter(municipality=org).exists()


@pytest.mark.django_db
def test_a_viewer_cannot_import(login, org, viewer):
    upload = io.BytesIO(b"x")
    upload.name = "a.zip"
    assert login(viewer).post(url(org, "import/csv/"), {"file": upload}).status_code == 403

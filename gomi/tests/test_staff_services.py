"""gomi staff services: role checks, validation, audit entries and what the calendar then says."""

from datetime import date

import pytest

from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models import AuditEntry
from gomi import selectors
from gomi.models import Area, AreaAddress, Category, Closure, Item, Rule, Translation
from gomi.services import dictionary, edits
from gomi.services.dictionary import ItemData, TranslationText
from gomi.services.edits import AreaData, CategoryData, ClosureData, RuleData
from tests.fixtures import actor

MONDAY_HOLIDAY = date(2026, 11, 23)  # 勤労感謝の日, a Monday


@pytest.fixture
def calendar(org):
    """Two areas and two categories; burnables on Mondays and Thursdays in 中央地区."""
    central = Area.objects.create(municipality=org, name="中央地区", position=0)
    north = Area.objects.create(municipality=org, name="北地区", position=1)
    burnable = Category.objects.create(municipality=org, name="燃やすごみ", position=0)
    plastic = Category.objects.create(municipality=org, name="プラスチック", position=1)
    Rule.objects.create(area=central, category=burnable, weekdays=[0, 3])
    Rule.objects.create(area=north, category=plastic, nth=[[2, 2], [2, 4]])
    return {"central": central, "north": north, "burnable": burnable, "plastic": plastic}


def dates(area, start, end, category=None):
    """The collection dates of an area (optionally one category) in [start, end]."""
    found = selectors.collections_for_area(area, start, end)
    return [c.date for c in found if category is None or c.category == category]


@pytest.mark.django_db
def test_an_editor_creates_an_area_with_its_addresses_and_the_change_is_audited(org, editor):
    area = edits.save_area(actor=actor(editor), municipality=org, data=AreaData(
        name="東地区", addresses=["本町１丁目", " ", "本町1丁目 ", "栄町"]))
    assert list(area.addresses.values_list("text", flat=True)) == ["本町１丁目", "本町1丁目", "栄町"]
    assert AreaAddress.objects.filter(area=area, normalised="本町1丁目").count() == 2
    entry = AuditEntry.objects.get(action="gomi.area.save")
    assert (entry.organisation_id, entry.target_id) == (org.pk, str(area.pk))


@pytest.mark.django_db
def test_a_viewer_cannot_create_an_area(org, viewer):
    with pytest.raises(PermissionDenied):
        edits.save_area(actor=actor(viewer), municipality=org, data=AreaData(name="東地区"))
    assert not Area.objects.filter(name="東地区").exists()


@pytest.mark.django_db
def test_another_municipalitys_editor_cannot_change_this_ones_area(org, outsider, calendar):
    with pytest.raises(PermissionDenied):
        edits.save_area(actor=actor(outsider), municipality=org,
                        data=AreaData(name="乗っ取り"), area=calendar["central"])
    calendar["central"].refresh_from_db()
    assert calendar["central"].name == "中央地区"


@pytest.mark.django_db
def test_an_area_of_another_municipality_is_not_found_through_this_one(
        org, other_org, site_admin, calendar):
    with pytest.raises(NotFound):
        edits.save_area(actor=actor(site_admin), municipality=other_org,
                        data=AreaData(name="北地区2"), area=calendar["north"])


@pytest.mark.django_db
def test_a_second_area_with_the_same_name_is_refused_on_the_name_field(org, editor, calendar):
    with pytest.raises(InvalidInput) as caught:
        edits.save_area(actor=actor(editor), municipality=org, data=AreaData(name="北地区"))
    assert "name" in caught.value.field_errors


@pytest.mark.django_db
def test_a_colour_that_is_not_rrggbb_is_refused(org, editor):
    with pytest.raises(InvalidInput) as caught:
        edits.save_category(actor=actor(editor), municipality=org,
                            data=CategoryData(name="びん", colour="red"))
    assert list(caught.value.field_errors) == ["colour"]


@pytest.mark.django_db
def test_skipping_public_holidays_removes_the_holiday_collection(org, editor, calendar):
    burnable = calendar["burnable"]
    assert MONDAY_HOLIDAY in dates(calendar["central"], MONDAY_HOLIDAY, MONDAY_HOLIDAY)
    edits.save_category(actor=actor(editor), municipality=org, category=burnable,
                        data=CategoryData(name=burnable.name, holiday_policy="skip"))
    assert dates(calendar["central"], MONDAY_HOLIDAY, MONDAY_HOLIDAY) == []
    entry = AuditEntry.objects.get(action="gomi.category.update")
    assert entry.details["changed"] == ["holiday_policy"]


@pytest.mark.django_db
def test_a_saved_rule_gives_the_collection_days(org, editor, calendar):
    edits.save_rule(actor=actor(editor), area=calendar["north"],
                    category=calendar["burnable"],
                    data=RuleData(weekdays=[1], months=[12]))
    found = dates(calendar["north"], date(2026, 11, 1), date(2027, 1, 31), calendar["burnable"])
    assert found and all(d.weekday() == 1 and d.month == 12 for d in found)
    assert len(found) == 5  # Tuesdays of December 2026: 1, 8, 15, 22, 29
    assert AuditEntry.objects.filter(action="gomi.rule.save").count() == 1


@pytest.mark.django_db
def test_saving_an_empty_rule_removes_the_collection(org, editor, calendar):
    edits.save_rule(actor=actor(editor), area=calendar["central"],
                    category=calendar["burnable"], data=RuleData())
    assert dates(calendar["central"], date(2026, 12, 1), date(2026, 12, 31)) == []


@pytest.mark.django_db
def test_saving_a_rule_keeps_its_imported_remarks(org, editor, calendar):
    Rule.objects.filter(area=calendar["central"]).update(remarks=[1])
    rule = edits.save_rule(actor=actor(editor), area=calendar["central"],
                           category=calendar["burnable"], data=RuleData(weekdays=[2]))
    assert (rule.weekdays, rule.remarks) == ([2], [1])


@pytest.mark.django_db
def test_a_fifth_week_beyond_five_is_refused(org, editor, calendar):
    with pytest.raises(InvalidInput):
        edits.save_rule(actor=actor(editor), area=calendar["north"],
                        category=calendar["plastic"], data=RuleData(nth=[(1, 6)]))


@pytest.mark.django_db
def test_a_closure_drops_the_collections_inside_it(org, editor, calendar):
    edits.add_closure(actor=actor(editor), municipality=org,
                      data=ClosureData(start=date(2026, 12, 31), end=date(2027, 1, 3)))
    found = dates(calendar["central"], date(2026, 12, 28), date(2027, 1, 10))
    assert date(2026, 12, 31) not in found  # a Thursday inside the closure
    assert date(2027, 1, 4) in found and date(2026, 12, 28) in found
    assert AuditEntry.objects.filter(action="gomi.closure.add").count() == 1


@pytest.mark.django_db
def test_a_closure_ending_before_it_starts_is_refused(org, editor):
    with pytest.raises(InvalidInput):
        edits.add_closure(actor=actor(editor), municipality=org,
                          data=ClosureData(start=date(2027, 1, 3), end=date(2026, 12, 31)))
    assert not Closure.objects.exists()


@pytest.mark.django_db
def test_an_item_cannot_point_at_another_municipalitys_category(org, other_org, editor):
    foreign = Category.objects.create(municipality=other_org, name="よその区分")
    with pytest.raises(NotFound):
        dictionary.save_item(actor=actor(editor), municipality=org,
                             data=ItemData(name="電池", category=foreign))
    assert not Item.objects.exists()


@pytest.mark.django_db
def test_an_item_keeps_its_category_name_as_text(org, editor, calendar):
    item = dictionary.save_item(actor=actor(editor), municipality=org, data=ItemData(
        name="ペットボトル", reading="ぺっとぼとる", category=calendar["plastic"],
        notes="キャップは外す"))
    assert (item.category_text, item.reading) == ("プラスチック", "ぺっとぼとる")
    assert AuditEntry.objects.filter(action="gomi.item.create", target_id=str(item.pk)).exists()


@pytest.mark.django_db
def test_translations_are_stored_with_the_reviewed_flag_and_an_empty_text_removes_one(
        org, editor, calendar):
    category = calendar["burnable"]
    who = actor(editor)
    dictionary.save_translations(actor=who, target=category, texts=[
        TranslationText(lang="en", field="name", text="Burnable", reviewed=True),
        TranslationText(lang="vi", field="how_to", text="Cho vào túi", reviewed=False)])
    row = Translation.objects.get(category=category, lang="en", field="name")
    assert (row.text, row.reviewed) == ("Burnable", True)
    dictionary.save_translations(actor=who, target=category, texts=[
        TranslationText(lang="en", field="name", text="")])
    assert list(Translation.objects.filter(category=category).values_list("lang", flat=True)) \
        == ["vi"]


@pytest.mark.django_db
def test_a_translation_into_japanese_or_of_an_unknown_field_is_refused(org, editor, calendar):
    with pytest.raises(InvalidInput):
        dictionary.save_translations(actor=actor(editor), target=calendar["central"], texts=[
            TranslationText(lang="ja", field="name", text="中央")])
    with pytest.raises(InvalidInput):
        dictionary.save_translations(actor=actor(editor), target=calendar["central"], texts=[
            TranslationText(lang="en", field="how_to", text="x")])


@pytest.mark.django_db
def test_deleting_a_category_is_audited_and_removes_its_rules(org, org_admin, calendar):
    edits.delete_category(actor=actor(org_admin), category=calendar["burnable"])
    assert not Rule.objects.filter(category_id=calendar["burnable"].pk).exists()
    assert AuditEntry.objects.get(action="gomi.category.delete").details == {"name": "燃やすごみ"}


@pytest.mark.django_db
def test_every_edit_queues_one_open_data_update(org, editor, calendar):
    from core.models import Job

    edits.save_area(actor=actor(editor), municipality=org, data=AreaData(name="南地区"))
    edits.save_category(actor=actor(editor), municipality=org,
                        data=CategoryData(name="びん"))
    assert Job.objects.filter(kind="gomi.publish", organisation=org).count() == 1

"""Every gomi write service refuses rows of another municipality, whatever municipality is named.

The attack: an editor of town B names B (where the role check passes) and hands over town A's
area, category, item or notice. Each service must answer NotFound (or PermissionDenied where
it checks the role on the row's own municipality) and change nothing.
"""

from datetime import date

import pytest

from core.errors import NotFound, PermissionDenied
from gomi.models import Area, Category, Item, Rule, ScheduleException, Translation
from gomi.services import dictionary, edits, notices
from gomi.services.dictionary import ItemData, TranslationText
from gomi.services.edits import AreaData, CategoryData, RuleData
from tests.fixtures import actor

DAY = date(2030, 9, 2)


@pytest.fixture
def town_a(org):
    """Town A's area, category, rule, item and notice (org); the outsider edits town B."""
    area = Area.objects.create(municipality=org, name="中央地区")
    category = Category.objects.create(municipality=org, name="燃やすごみ")
    rule = Rule.objects.create(area=area, category=category, weekdays=[0], remarks=[2])
    item = Item.objects.create(municipality=org, name="乾電池", category=category)
    notice = ScheduleException.objects.create(municipality=org, date=DAY, kind="cancel",
                                              notice="中止")
    return {"area": area, "category": category, "rule": rule, "item": item, "notice": notice}


@pytest.mark.django_db
def test_an_editor_of_b_cannot_rename_an_area_of_a_through_b(other_org, outsider, town_a):
    with pytest.raises(NotFound):
        edits.save_area(actor=actor(outsider), municipality=other_org,
                        data=AreaData(name="乗っ取り"), area=town_a["area"])
    town_a["area"].refresh_from_db()
    assert town_a["area"].name == "中央地区"


@pytest.mark.django_db
def test_an_editor_of_b_cannot_change_a_category_of_a_through_b(other_org, outsider, town_a):
    with pytest.raises(NotFound):
        edits.save_category(actor=actor(outsider), municipality=other_org,
                            data=CategoryData(name="乗っ取り", holiday_policy="skip"),
                            category=town_a["category"])
    town_a["category"].refresh_from_db()
    assert (town_a["category"].name, town_a["category"].holiday_policy) == ("燃やすごみ",
                                                                            "collect")


@pytest.mark.django_db
def test_an_editor_of_b_cannot_set_a_rule_of_a_through_b(other_org, outsider, town_a):
    with pytest.raises(NotFound):
        edits.save_rule(actor=actor(outsider), municipality=other_org, area=town_a["area"],
                        category=town_a["category"], data=RuleData(weekdays=[5]))
    town_a["rule"].refresh_from_db()
    assert town_a["rule"].weekdays == [0]


@pytest.mark.django_db
def test_an_editor_of_b_cannot_set_a_rule_of_a_without_naming_a_municipality(
        outsider, town_a):
    with pytest.raises(PermissionDenied):
        edits.save_rule(actor=actor(outsider), area=town_a["area"],
                        category=town_a["category"], data=RuleData(weekdays=[5]))
    town_a["rule"].refresh_from_db()
    assert town_a["rule"].weekdays == [0]


@pytest.mark.django_db
def test_a_rule_of_bs_area_cannot_use_a_category_of_a(other_org, outsider, town_a):
    own_area = Area.objects.create(municipality=other_org, name="北地区")
    with pytest.raises(NotFound):
        edits.save_rule(actor=actor(outsider), area=own_area, category=town_a["category"],
                        data=RuleData(weekdays=[1]))
    assert not Rule.objects.filter(area=own_area).exists()


@pytest.mark.django_db
def test_an_editor_of_b_cannot_announce_for_an_area_of_a(other_org, outsider, town_a):
    with pytest.raises(NotFound):
        notices.announce(actor=actor(outsider), municipality=other_org, day=DAY,
                         notice="中止", area=town_a["area"])
    assert not ScheduleException.objects.filter(municipality=other_org).exists()


@pytest.mark.django_db
def test_an_editor_of_b_cannot_announce_for_a_category_of_a(other_org, outsider, town_a):
    with pytest.raises(NotFound):
        notices.announce(actor=actor(outsider), municipality=other_org, day=DAY,
                         notice="中止", category=town_a["category"])
    assert not ScheduleException.objects.filter(municipality=other_org).exists()


@pytest.mark.django_db
def test_a_notice_for_several_areas_with_one_of_a_creates_nothing(other_org, outsider, town_a):
    own_area = Area.objects.create(municipality=other_org, name="北地区")
    with pytest.raises(NotFound):
        notices.announce_notice(actor=actor(outsider), municipality=other_org,
                                data=notices.NoticeData(date=DAY, notice="中止",
                                                        areas=[own_area, town_a["area"]]))
    assert not ScheduleException.objects.filter(municipality=other_org).exists()


@pytest.mark.django_db
def test_an_editor_of_b_cannot_withdraw_a_notice_of_a(outsider, town_a):
    with pytest.raises(PermissionDenied):
        notices.withdraw(actor=actor(outsider), exception=town_a["notice"])
    assert ScheduleException.objects.filter(pk=town_a["notice"].pk).exists()


@pytest.mark.django_db
def test_an_editor_of_b_cannot_delete_an_area_of_a(outsider, town_a):
    with pytest.raises(PermissionDenied):
        edits.delete_area(actor=actor(outsider), area=town_a["area"])
    assert Area.objects.filter(pk=town_a["area"].pk).exists()


@pytest.mark.django_db
def test_an_editor_of_b_cannot_change_an_item_of_a_through_b(other_org, outsider, town_a):
    with pytest.raises(NotFound):
        dictionary.save_item(actor=actor(outsider), municipality=other_org,
                             data=ItemData(name="乗っ取り"), item=town_a["item"])
    town_a["item"].refresh_from_db()
    assert (town_a["item"].name, town_a["item"].category_id) == ("乾電池",
                                                                town_a["category"].pk)


@pytest.mark.django_db
def test_an_editor_of_b_cannot_translate_a_category_of_a_through_b(
        other_org, outsider, town_a):
    with pytest.raises(NotFound):
        dictionary.save_translations(
            actor=actor(outsider), municipality=other_org, target=town_a["category"],
            texts=[TranslationText(lang="en", field="name", text="Hijacked")])
    assert not Translation.objects.exists()


@pytest.mark.django_db
def test_an_editor_of_b_cannot_translate_a_category_of_a_directly(outsider, town_a):
    with pytest.raises(PermissionDenied):
        dictionary.save_translations(
            actor=actor(outsider), target=town_a["category"],
            texts=[TranslationText(lang="en", field="name", text="Hijacked")])
    assert not Translation.objects.exists()


@pytest.mark.django_db
def test_saving_a_rule_without_remarks_keeps_the_imported_ones(org, editor, town_a):
    rule = edits.save_rule(actor=actor(editor), area=town_a["area"],
                           category=town_a["category"], data=RuleData(weekdays=[3]))
    assert (rule.weekdays, rule.remarks) == ([3], [2])


@pytest.mark.django_db
def test_saving_a_rule_with_an_empty_remark_list_clears_them(org, editor, town_a):
    rule = edits.save_rule(actor=actor(editor), area=town_a["area"],
                           category=town_a["category"], data=RuleData(weekdays=[3], remarks=[]))
    assert rule.remarks == []

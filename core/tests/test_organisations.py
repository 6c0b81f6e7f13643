"""Organisations: codes are validated, writes need the right role."""

import pytest

from core.errors import InvalidInput, PermissionDenied
from core.models import AuditEntry, Role
from core.permissions import has_role
from core.services.organisations import (
    create_department,
    create_organisation,
    set_membership,
    update_organisation,
)
from tests.factories import UserFactory
from tests.fixtures import actor


@pytest.mark.django_db
def test_site_admin_creates_a_municipality_with_a_valid_code(site_admin):
    org = create_organisation(actor=actor(site_admin), slug="yaizu", name="焼津市",
                              lgcode="222127", name_en="Yaizu City")
    assert org.lgcode == "222127"
    assert AuditEntry.objects.filter(action="organisation.create", target_id=str(org.pk)).exists()


@pytest.mark.django_db
def test_five_digit_codes_get_their_check_digit(site_admin):
    org = create_organisation(actor=actor(site_admin), slug="naha", name="那覇市", lgcode="47201")
    assert org.lgcode == "472018"


@pytest.mark.django_db
def test_a_wrong_check_digit_is_refused_in_both_languages(site_admin):
    with pytest.raises(InvalidInput) as excinfo:
        create_organisation(actor=actor(site_admin), slug="bad", name="誤り市", lgcode="222128")
    message = str(excinfo.value.field_errors["lgcode"][0])
    assert "検査数字" in message and "check digit" in message


@pytest.mark.django_db
def test_only_site_admins_create_organisations(editor):
    with pytest.raises(PermissionDenied):
        create_organisation(actor=actor(editor), slug="x", name="x")


@pytest.mark.django_db
def test_org_admin_manages_departments_and_members_editor_cannot(org, org_admin, editor):
    dept = create_department(actor=actor(org_admin), organisation=org, name="情報政策課",
                             name_en="Information Policy Division")
    assert dept.organisation == org
    newcomer = UserFactory(username="newcomer")
    set_membership(actor=actor(org_admin), organisation=org, user=newcomer, role=Role.VIEWER)
    assert has_role(actor(newcomer), org, Role.VIEWER)
    assert not has_role(actor(newcomer), org, Role.EDITOR)
    with pytest.raises(PermissionDenied):
        create_department(actor=actor(editor), organisation=org, name="勝手な課")
    with pytest.raises(PermissionDenied):
        update_organisation(actor=actor(editor), organisation=org, name="乗っ取り市")


@pytest.mark.django_db
def test_a_prefecture_installation_holds_many_municipalities(site_admin):
    for slug, name, code in [("shizuoka-pref", "静岡県", "220001"), ("yaizu", "焼津市", "222127"),
                             ("fujieda", "藤枝市", "22214")]:
        create_organisation(actor=actor(site_admin), slug=slug, name=name, lgcode=code)
    from core.models import Organisation

    assert Organisation.objects.filter(lgcode__startswith="22").count() == 3

"""Create and change organisations, departments and memberships."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput
from core.ids import valid_uuid
from core.models import Department, Membership, Organisation, Role
from core.permissions import require_role, require_site_admin
from core.services import audit
from jp import lgcode as lgcode_mod

ORG_FIELDS = ("name", "name_kana", "name_en", "description", "website", "kind", "is_fictional")


def _validated(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise InvalidInput(_("入力内容を確認してください"), field_errors=exc.message_dict) from exc


def create_organisation(*, actor: Actor, slug: str, name: str, lgcode: str | None = None,
                        uuid=None, **fields) -> Organisation:
    """Create an organisation (site administrators only); ``uuid`` keeps an id from elsewhere."""
    require_site_admin(actor)
    if lgcode:
        try:
            lgcode = lgcode_mod.normalize(lgcode)
        except lgcode_mod.InvalidCode as exc:
            raise InvalidInput(str(exc), field_errors={"lgcode": [str(exc)]}) from exc
    org = Organisation(slug=slugify(slug) or slug, name=name, lgcode=lgcode or None,
                       **{k: v for k, v in fields.items() if k in ORG_FIELDS})
    if uuid is not None:
        org.uuid = valid_uuid(uuid, Organisation)
    _validated(org)
    with transaction.atomic():
        org.save()
        audit.record(actor=actor, action="organisation.create", target=org, organisation=org,
                     details={"slug": org.slug, "lgcode": org.lgcode})
    return org


def update_organisation(*, actor: Actor, organisation: Organisation, **fields) -> Organisation:
    """Change an organisation's descriptive fields (its administrators or a site admin)."""
    require_role(actor, organisation, Role.ADMIN)
    changed = []
    for key, value in fields.items():
        if key in ORG_FIELDS and getattr(organisation, key) != value:
            setattr(organisation, key, value)
            changed.append(key)
    _validated(organisation)
    with transaction.atomic():
        organisation.save()
        audit.record(actor=actor, action="organisation.update", target=organisation,
                     organisation=organisation, details={"fields": changed})
    return organisation


def create_department(*, actor: Actor, organisation: Organisation, name: str,
                      name_en: str = "", email: str = "", phone: str = "") -> Department:
    """Add a department to an organisation."""
    require_role(actor, organisation, Role.ADMIN)
    dept = Department(organisation=organisation, name=name, name_en=name_en, email=email,
                      phone=phone)
    _validated(dept)
    with transaction.atomic():
        dept.save()
        audit.record(actor=actor, action="department.create", target=dept,
                     organisation=organisation, details={"name": name})
    return dept


def set_membership(*, actor: Actor, organisation: Organisation, user, role: str) -> Membership:
    """Give a user a role in an organisation (or change it)."""
    require_role(actor, organisation, Role.ADMIN)
    if role not in Role.values:
        raise InvalidInput(_("役割が正しくありません"), field_errors={"role": [_("不明な役割")]})
    with transaction.atomic():
        membership, _created = Membership.objects.update_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
        audit.record(actor=actor, action="membership.set", target=membership,
                     organisation=organisation, details={"user_id": user.pk, "role": role})
    return membership

"""Permission helpers shared by the plan services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.actor import Actor
from core.errors import InvalidInput, PermissionDenied
from core.models import Role
from core.permissions import has_role, is_site_admin
from plan.models import DepartmentReporter


def is_planner(actor: Actor, organisation) -> bool:
    """Planning staff: administrators of the organisation (or site administrators)."""
    return has_role(actor, organisation, Role.ADMIN)


def require_planner(actor: Actor, organisation) -> None:
    """Raise unless the actor is planning staff of the organisation."""
    if not is_planner(actor, organisation):
        raise PermissionDenied(_("計画の担当者（団体管理者）だけが行える操作です"))


def reporting_department_ids(actor: Actor, organisation) -> set[int] | None:
    """Departments the actor reports for (None: every department, for planning staff)."""
    if is_site_admin(actor) or is_planner(actor, organisation):
        return None
    if not has_role(actor, organisation, Role.EDITOR):
        return set()
    return set(DepartmentReporter.objects.filter(
        user=actor.user, department__organisation=organisation,
    ).values_list("department_id", flat=True))


def require_department(actor: Actor, organisation, department_id: int | None) -> None:
    """Raise unless the actor may report for the department (its editors, or planners)."""
    allowed = reporting_department_ids(actor, organisation)
    if allowed is None:
        return
    if department_id is None or department_id not in allowed:
        raise PermissionDenied(_("他の部署の施策は編集できません"))


def require_reason(reason: str | None) -> None:
    """Every change of a plan is kept in its history with the reason: refuse an empty one."""
    if not (reason or "").strip():
        raise InvalidInput(_("変更理由を入力してください"),
                           field_errors={"reason": [_("変更理由を入力してください")]})

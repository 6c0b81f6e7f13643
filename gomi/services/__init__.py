"""Write services of the gomi app; each takes an actor, checks role and ownership, audits.

edits (schedule, applied at once), drafts (calendar-affecting edits staged, previewed and
published together), notices (announce/withdraw), dictionary (items, translations), imports,
exports, standard_csv, reminders (residents); shared checks in common.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from core.actor import Actor

IMPORT_USERNAME = "gomi-import"


def command_actor() -> Actor:
    """The actor management commands and the demo act as: a superuser that cannot log in."""
    model = get_user_model()
    user = model.objects.filter(username=IMPORT_USERNAME).first()
    if user is None:
        user = model(username=IMPORT_USERNAME, first_name="ごみデータ取り込み",
                     last_name="（ログイン不可）")
    if not user.is_superuser or user.is_active or user.is_staff or user.has_usable_password():
        user.is_superuser, user.is_active, user.is_staff = True, False, False
        user.set_unusable_password()
        user.save()
    return Actor(user=user)

"""Harvested datasets are read-only locally: only the harvester may change them.

The catalog services call ``refuse_harvested_edit(actor, dataset)`` before any change, so the
staff screens, the CKAN API and the admin all refuse to edit a copy; the source is where the
dataset is maintained.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from catalog.models import Dataset, HarvestRecord
from core.actor import Actor
from core.errors import PermissionDenied

HARVESTER_USERNAME = "kanmin-harvester"


@dataclass(frozen=True)
class HarvestInfo:
    """Where a harvested dataset comes from, for its page and the APIs."""

    source_id: int
    source_title: str
    source_url: str
    remote_url: str
    remote_id: str
    harvested_at: datetime


def is_harvested(dataset: Dataset) -> bool:
    """True when the dataset is a copy made by a harvest source."""
    if dataset.pk is None:
        return False
    return HarvestRecord.objects.filter(dataset_id=dataset.pk).exists()


def harvest_info(dataset: Dataset) -> HarvestInfo | None:
    """The dataset's origin (None for a dataset maintained here). No query when the dataset
    was loaded with select_related("harvest_record__source") (list pages, API lists)."""
    if dataset.pk is None:
        return None
    try:
        record = dataset.harvest_record
    except HarvestRecord.DoesNotExist:
        return None
    source = record.source
    return HarvestInfo(
        source_id=source.pk, source_title=source.title or source.url, source_url=source.url,
        remote_url=record.remote_url or source.url, remote_id=record.remote_id,
        harvested_at=record.modified,
    )


def harvester_actor() -> Actor:
    """The system actor harvests run as: a superuser that cannot log in, named in the audit log."""
    model = get_user_model()
    user = model.objects.filter(username=HARVESTER_USERNAME).first()
    if user is None:
        user = model(username=HARVESTER_USERNAME, first_name="収集", last_name="（ログイン不可）")
    if not user.is_superuser or user.is_active or user.is_staff or user.has_usable_password():
        user.is_superuser, user.is_active, user.is_staff = True, False, False
        user.set_unusable_password()
        user.save()
    return Actor(user=user)


def is_harvester(actor: Actor) -> bool:
    """True for the harvest system actor (never for a token or a session)."""
    return (actor.is_authenticated and not actor.token_prefix
            and actor.user.get_username() == HARVESTER_USERNAME)


def refuse_harvested_edit(actor: Actor, dataset: Dataset) -> None:
    """Raise PermissionDenied when anyone but the harvester changes a harvested dataset."""
    if not is_harvester(actor) and is_harvested(dataset):
        raise PermissionDenied(
            _("収集したデータセットは読み取り専用です。収集元で編集してください")
        )

"""Create, change, publish, unpublish and delete datasets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog import extensions
from catalog.harvest.guard import refuse_harvested_edit
from catalog.models import Category, Dataset, Licence, StandardDataset, Tag
from catalog.services.derived import refresh_derived_fields
from core.actor import Actor
from core.errors import InvalidInput, NotFound
from core.ids import valid_uuid
from core.models import Department, Organisation, Role
from core.permissions import has_role, require_role
from core.services import audit

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{1,99}$")
RESERVED_SLUGS = {"new", "search", "api", "static"}


@dataclass
class DatasetData:
    """The editable fields of a dataset, as typed input to the services."""

    slug: str = ""
    title: str = ""
    title_en: str = ""
    description: str = ""
    description_en: str = ""
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)  # category slugs
    licence: str = "cc-by-4.0"
    department: int | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    update_frequency: str = "irregular"
    temporal_start: date | None = None
    temporal_end: date | None = None
    spatial: str = ""
    standard: str | None = None
    private: bool = False

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> DatasetData:
        """The current values of a dataset."""
        return cls(
            slug=dataset.slug, title=dataset.title, title_en=dataset.title_en,
            description=dataset.description, description_en=dataset.description_en,
            tags=[t.name for t in dataset.tags.all()],
            categories=[c.slug for c in dataset.categories.all()],
            licence=dataset.licence_id, department=dataset.department_id,
            contact_name=dataset.contact_name, contact_email=dataset.contact_email,
            contact_phone=dataset.contact_phone, update_frequency=dataset.update_frequency,
            temporal_start=dataset.temporal_start, temporal_end=dataset.temporal_end,
            spatial=dataset.spatial, standard=dataset.standard_id, private=dataset.private,
        )


SCALAR_FIELDS = ("title", "title_en", "description", "description_en", "contact_name",
                 "contact_email", "contact_phone", "update_frequency", "temporal_start",
                 "temporal_end", "spatial", "private")


def clean_tag(name: str) -> str:
    """A tag as stored: NFKC, trimmed, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name or "").split())[:100]


def _apply(dataset: Dataset, data: DatasetData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in SCALAR_FIELDS:
        value = getattr(data, name)
        setattr(dataset, name, value.strip() if isinstance(value, str) else value)
    if not dataset.pk or data.slug != dataset.slug:
        slug = (data.slug or "").strip().lower()
        if not SLUG_RE.match(slug) or slug in RESERVED_SLUGS:
            errors["slug"] = [
                _("識別名は半角英小文字・数字・ハイフン・下線の2〜100文字にしてください")
            ]
        elif Dataset.objects.filter(slug=slug).exclude(pk=dataset.pk).exists():
            errors["slug"] = [_("この識別名は既に使われています")]
        dataset.slug = slug
    licence = Licence.objects.filter(pk=data.licence).first()
    if licence is None:
        errors["licence"] = [_("ライセンスを選んでください")]
    else:
        dataset.licence = licence
    dataset.standard = None
    if data.standard:
        dataset.standard = StandardDataset.objects.filter(pk=data.standard).first()
        if dataset.standard is None:
            errors["standard"] = [_("不明な標準データセットです")]
    dataset.department = None
    if data.department:
        dataset.department = Department.objects.filter(
            pk=data.department, organisation=dataset.organisation
        ).first()
        if dataset.department is None:
            errors["department"] = [_("この団体の部署を選んでください")]
    if data.temporal_start and data.temporal_end and data.temporal_start > data.temporal_end:
        errors["temporal_end"] = [_("終了日は開始日より後にしてください")]
    try:
        dataset.full_clean(exclude=["slug", "licence", "organisation", "standard", "department"])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    return errors


def _set_relations(dataset: Dataset, data: DatasetData, *, new: bool = False) -> None:
    """Set the dataset's tags and categories; new=True: it has none yet (no need to read them)."""
    names = []
    for raw in data.tags:
        name = clean_tag(raw)
        if name and name not in names:
            names.append(name)
    names = names[:50]
    # One query for the tags that exist; get_or_create (race-safe) only for new ones.
    known = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    tags = [known.get(name) or Tag.objects.get_or_create(name=name)[0] for name in names]
    categories = Category.objects.filter(slug__in=data.categories)
    if new:
        if tags:
            dataset.tags.add(*tags)
        if data.categories:
            dataset.categories.add(*categories)
        return
    dataset.tags.set(tags)
    dataset.categories.set(categories)


def create_dataset(*, actor: Actor, organisation: Organisation, data: DatasetData,
                   uuid=None) -> Dataset:
    """Create a draft dataset in an organisation (editors and administrators)."""
    require_role(actor, organisation, Role.EDITOR)
    dataset = Dataset(organisation=organisation,
                      created_by=actor.user if actor.is_authenticated else None)
    if uuid is not None:
        dataset.uuid = valid_uuid(uuid, Dataset)
    errors = _apply(dataset, data)
    if errors:
        raise InvalidInput(_("入力内容を確認してください"), field_errors=errors)
    with transaction.atomic():
        dataset.save()
        _set_relations(dataset, data, new=True)
        refresh_derived_fields(dataset)
        audit.record(actor=actor, action="dataset.create", target=dataset,
                     organisation=organisation, details={"slug": dataset.slug})
    return dataset


def update_dataset(*, actor: Actor, dataset: Dataset, data: DatasetData) -> Dataset:
    """Change a dataset's metadata."""
    require_role(actor, dataset.organisation, Role.EDITOR)
    refuse_harvested_edit(actor, dataset)
    if dataset.state == Dataset.State.DELETED:
        raise NotFound(_("データセットが見つかりません"))
    before = DatasetData.from_dataset(dataset)
    errors = _apply(dataset, data)
    if errors:
        dataset.refresh_from_db()
        raise InvalidInput(_("入力内容を確認してください"), field_errors=errors)
    changed = [f.name for f in fields(DatasetData)
               if getattr(before, f.name) != getattr(data, f.name)]
    with transaction.atomic():
        dataset.save()
        _set_relations(dataset, data)
        refresh_derived_fields(dataset)
        audit.record(actor=actor, action="dataset.update", target=dataset,
                     organisation=dataset.organisation, details={"fields": changed})
    return dataset


def _set_state(*, actor: Actor, dataset: Dataset, state: str, action: str) -> Dataset:
    require_role(actor, dataset.organisation, Role.EDITOR)
    refuse_harvested_edit(actor, dataset)
    with transaction.atomic():
        dataset.state = state
        update = ["state", "modified"]
        if state == Dataset.State.PUBLISHED and dataset.published_at is None:
            dataset.published_at = timezone.now()
            update.append("published_at")
        dataset.save(update_fields=update)
        audit.record(actor=actor, action=action, target=dataset,
                     organisation=dataset.organisation, details={"slug": dataset.slug})
    return dataset


def publish_dataset(*, actor: Actor, dataset: Dataset) -> Dataset:
    """Make a draft dataset public (or visible to its organisation, if private)."""
    if dataset.state == Dataset.State.DELETED:
        raise NotFound(_("データセットが見つかりません"))
    if not dataset.title:
        raise InvalidInput(_("タイトルのないデータセットは公開できません"),
                           field_errors={"title": [_("必須です")]})
    require_role(actor, dataset.organisation, Role.EDITOR)
    # Other apps may refuse (the privacy guard, while a file is blocked or not yet checked).
    extensions.check_publishable(dataset)
    return _set_state(actor=actor, dataset=dataset, state=Dataset.State.PUBLISHED,
                      action="dataset.publish")


def unpublish_dataset(*, actor: Actor, dataset: Dataset) -> Dataset:
    """Take a published dataset back to draft."""
    if dataset.state == Dataset.State.DELETED:
        raise NotFound(_("データセットが見つかりません"))
    return _set_state(actor=actor, dataset=dataset, state=Dataset.State.DRAFT,
                      action="dataset.unpublish")


def delete_dataset(*, actor: Actor, dataset: Dataset) -> Dataset:
    """Mark a dataset deleted; its files stay stored, its pages answer 404."""
    return _set_state(actor=actor, dataset=dataset, state=Dataset.State.DELETED,
                      action="dataset.delete")


def can_edit(actor: Actor, dataset: Dataset) -> bool:
    """True when the actor may edit the dataset."""
    return has_role(actor, dataset.organisation, Role.EDITOR)


def request_score_refresh(*, actor: Actor, organisation: Organisation):
    """Enqueue a job that recomputes quality scores of an organisation's datasets."""
    from core.jobs import enqueue_job

    require_role(actor, organisation, Role.ADMIN)
    with transaction.atomic():
        job = enqueue_job(actor=actor, kind="catalog.refresh_scores", organisation=organisation,
                          target=organisation.slug)
        audit.record(actor=actor, action="job.enqueue", target=job, organisation=organisation,
                     details={"kind": job.kind})
    return job

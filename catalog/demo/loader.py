"""Load the demo municipality デモ市 through the service functions (so the audit log has it all).

Idempotent: the organisation, departments, accounts and datasets are looked up by slug, name
or username first, and only what is missing is created. Nothing existing is changed, except
the loader's own service account, which is always kept unable to log in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from catalog.demo import city
from catalog.demo.datasets import DATASETS, DemoContext, DemoDataset, FileResource
from catalog.models import Dataset
from catalog.services import (
    DatasetData,
    ResourceData,
    add_resource,
    create_dataset,
    publish_dataset,
    replace_resource_file,
)
from core.actor import Actor
from core.models import Department, Membership, Organisation, Role
from core.services.organisations import create_department, create_organisation, set_membership

# The account the loader acts as. It must be a site administrator (only they may create an
# organisation), so it is created inactive and without a usable password: nobody can log in
# with it, and the audit log shows "demo-loader" as the author of every demo write.
LOADER_USERNAME = "demo-loader"
ADMIN_USERNAME = "demo-admin"
EDITOR_USERNAME = "demo-editor"
# Known password of the demo staff accounts: only ever set when settings.DEBUG is on.
DEMO_PASSWORD = "kanmin-demo-2026"  # noqa: S105 - deliberately public, debug only

DEMO_ACCOUNTS = (
    # username, role, first name, last name
    (ADMIN_USERNAME, Role.ADMIN, "デモ", "管理者"),
    (EDITOR_USERNAME, Role.EDITOR, "デモ", "編集者"),
)


@dataclass
class LoadReport:
    """What load_demo did, for the command to print and tests to check."""

    debug: bool = False
    organisation: Organisation | None = None
    organisation_created: bool = False
    departments_created: int = 0
    datasets_created: list[str] = field(default_factory=list)
    datasets_existing: list[str] = field(default_factory=list)
    datasets_skipped: list[str] = field(default_factory=list)
    resources_created: int = 0
    versions_created: int = 0
    published: int = 0
    private: int = 0
    drafts: int = 0
    accounts_created: list[str] = field(default_factory=list)
    accounts_existing: list[str] = field(default_factory=list)
    memberships_set: int = 0
    accounts_refused: bool = False
    # usernames whose password is (still) the known demo password
    known_password: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def already_loaded(self) -> bool:
        """True when this run found everything in place and created nothing."""
        return not (
            self.organisation_created
            or self.departments_created
            or self.datasets_created
            or self.accounts_created
            or self.memberships_set
        )


def _loader_actor() -> Actor:
    user_model = get_user_model()
    user = user_model.objects.filter(username=LOADER_USERNAME).first()
    if user is None:
        user = user_model(
            username=LOADER_USERNAME, first_name="デモデータ読み込み", last_name="（ログイン不可）"
        )
    changed = not user.pk
    if not user.is_superuser or user.is_active or user.is_staff or user.has_usable_password():
        user.is_superuser, user.is_active, user.is_staff = True, False, False
        user.set_unusable_password()
        changed = True
    if changed:
        user.save()
    return Actor(user=user)


def _organisation(actor: Actor, report: LoadReport) -> Organisation:
    org = Organisation.objects.filter(slug=city.SLUG).first()
    if org is None:
        org = create_organisation(
            actor=actor,
            slug=city.SLUG,
            name=city.NAME,
            lgcode=city.LGCODE,
            name_kana=city.NAME_KANA,
            name_en=city.NAME_EN,
            description=city.DESCRIPTION,
            kind=Organisation.Kind.MUNICIPALITY,
            is_fictional=True,
        )
        report.organisation_created = True
    elif not org.is_fictional:
        report.warnings.append(
            f"団体 {city.SLUG} は架空の団体として登録されていません / the organisation "
            f"{city.SLUG} exists and is not marked fictional; the demo data was added to it"
        )
    report.organisation = org
    return org


def _departments(actor: Actor, org: Organisation, report: LoadReport) -> dict[str, Department]:
    found = {d.name: d for d in org.departments.all()}
    for spec in city.DEPARTMENTS:
        if spec.name not in found:
            found[spec.name] = create_department(
                actor=actor,
                organisation=org,
                name=spec.name,
                name_en=spec.name_en,
                email=spec.email,
                phone=spec.phone,
            )
            report.departments_created += 1
    return found


def _accounts(actor: Actor, org: Organisation, report: LoadReport, debug: bool) -> None:
    user_model = get_user_model()
    for username, role, first_name, last_name in DEMO_ACCOUNTS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            if not debug:
                report.accounts_refused = True
                continue
            user = user_model.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@{city.MAIL_DOMAIN}",
            )
            report.accounts_created.append(username)
        else:
            report.accounts_existing.append(username)
        if username in report.accounts_created or user.check_password(DEMO_PASSWORD):
            report.known_password.append(username)
            if not debug:
                report.warnings.append(
                    f"アカウント {username} のパスワードは公開されているデモ用のものです。"
                    f"変更するか削除してください / the account {username} still has the public "
                    "demo password: change it or delete the account"
                )
        membership = Membership.objects.filter(user=user, organisation=org).first()
        if membership is None and debug:
            set_membership(actor=actor, organisation=org, user=user, role=role)
            report.memberships_set += 1


def _dataset_data(spec: DemoDataset, departments: dict[str, Department]) -> DatasetData:
    dept = departments[spec.department]
    dept_spec = city.DEPARTMENTS_BY_NAME[spec.department]
    return DatasetData(
        slug=spec.slug,
        title=spec.title,
        title_en=spec.title_en,
        description=spec.description,
        description_en=spec.description_en,
        tags=list(spec.tags),
        categories=list(spec.categories),
        licence=spec.licence,
        department=dept.pk,
        contact_name=f"{city.NAME} {dept.name}",
        contact_email=dept_spec.email,
        contact_phone=dept_spec.phone,
        update_frequency=spec.update_frequency,
        temporal_start=spec.temporal_start,
        temporal_end=spec.temporal_end,
        spatial=city.NAME,
        standard=spec.standard,
        private=spec.private,
    )


def _create_dataset(
    actor: Actor,
    org: Organisation,
    spec: DemoDataset,
    departments: dict[str, Department],
    ctx: DemoContext,
    report: LoadReport,
) -> Dataset:
    dataset = create_dataset(actor=actor, organisation=org, data=_dataset_data(spec, departments))
    for res in spec.resources:
        data = ResourceData(name=res.name, name_en=res.name_en, description=res.description)
        if isinstance(res, FileResource):
            first, *later = res.versions
            resource = add_resource(
                actor=actor,
                dataset=dataset,
                data=data,
                upload=SimpleUploadedFile(first.filename, first.build(ctx)),
            )
            for version in later:
                replace_resource_file(
                    actor=actor,
                    resource=resource,
                    upload=SimpleUploadedFile(version.filename, version.build(ctx)),
                )
            report.versions_created += len(res.versions)
        else:
            data.format = res.format
            add_resource(actor=actor, dataset=dataset, data=data, url=res.url)
            report.versions_created += 1
        report.resources_created += 1
    if spec.publish:
        publish_dataset(actor=actor, dataset=dataset)
    return dataset


def load_demo(*, debug: bool | None = None, site_url: str | None = None) -> LoadReport:
    """Create whatever part of デモ市 is missing; return what was done.

    ``debug`` defaults to settings.DEBUG: only then are the demo staff accounts (known
    password) created. ``site_url`` is used in the オープンデータ一覧 file's URL column.
    """
    debug = settings.DEBUG if debug is None else debug
    ctx = DemoContext(site_url=(site_url or settings.SITE_URL).rstrip("/"))
    report = LoadReport(debug=debug)
    with transaction.atomic():
        actor = _loader_actor()
        org = _organisation(actor, report)
        departments = _departments(actor, org, report)
        _accounts(actor, org, report, debug)
        for spec in DATASETS:
            existing = Dataset.objects.filter(slug=spec.slug).first()
            if existing is not None:
                if existing.organisation_id == org.pk:
                    report.datasets_existing.append(spec.slug)
                else:
                    report.datasets_skipped.append(spec.slug)
                    report.warnings.append(
                        f"識別名 {spec.slug} は別の団体が使っているため作成しませんでした / "
                        f"slug {spec.slug} belongs to another organisation; not created"
                    )
                continue
            _create_dataset(actor, org, spec, departments, ctx, report)
            report.datasets_created.append(spec.slug)
    demo = Dataset.objects.filter(organisation=org, slug__in=[d.slug for d in DATASETS])
    report.published = demo.filter(state=Dataset.State.PUBLISHED, private=False).count()
    report.private = demo.filter(state=Dataset.State.PUBLISHED, private=True).count()
    report.drafts = demo.filter(state=Dataset.State.DRAFT).count()
    return report


def login_url() -> str:
    """The staff login page, as an absolute URL."""
    return f"{settings.SITE_URL.rstrip('/')}{reverse('core:login')}"

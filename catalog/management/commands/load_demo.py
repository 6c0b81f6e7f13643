"""Load the demo municipality デモ市 (idempotent): `python manage.py load_demo`."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalog.demo import city
from catalog.demo.loader import (
    ADMIN_USERNAME,
    DEMO_PASSWORD,
    EDITOR_USERNAME,
    LoadReport,
    load_demo,
    login_url,
)
from core.errors import ServiceError


class Command(BaseCommand):
    """Create デモ市 with its datasets, files and (in debug mode) demo staff accounts."""

    help = (
        "Load the fictional municipality デモ市 with 20+ datasets; with DEBUG on, also the "
        "demo staff accounts demo-admin / demo-editor. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-ingest", action="store_true",
            help="leave the demo files' table processing to the job worker",
        )

    def handle(self, *args, **options):
        try:
            report = load_demo()
        except ServiceError as exc:
            raise CommandError(
                f"デモデータを読み込めませんでした / could not load the demo: "
                f"{exc.message} {exc.field_errors or ''}".strip()
            ) from exc
        self._summary(report)
        if not options["no_ingest"]:
            self._ingest()
        self._extras()
        self._login_hint(report)

    def _extras(self) -> None:
        """Let other apps add their part of the demo (garbage calendar, plan...)."""
        from catalog import extensions
        from core.models import Organisation

        organisation = Organisation.objects.get(slug=city.SLUG)
        try:
            extensions.load_demo_extras(organisation, self.stdout)
        except ServiceError as exc:
            raise CommandError(
                f"デモデータを読み込めませんでした / could not load the demo: {exc.message}"
            ) from exc

    def _ingest(self) -> None:
        """Process the demo's tables now, so that previews work as soon as the site starts."""
        from django.apps import apps

        if not apps.is_installed("tabular"):
            return
        from tabular.services import ingest_queued

        done = ingest_queued(organisation_slug=city.SLUG)
        if done:
            ready = sum(1 for i in done if i.state == i.State.READY)
            self.stdout.write(f"  表データ / tables processed: {ready}/{len(done)}")
            for failed in (i for i in done if i.state == i.State.FAILED):
                self.stdout.write(self.style.WARNING(
                    f"  取り込み失敗 / ingestion failed: {failed.version} ({failed.error_code})"))

    def _summary(self, report: LoadReport) -> None:
        out = self.stdout
        out.write(f"{city.NAME}（{city.NAME_EN}） 全国地方公共団体コード {city.LGCODE}")
        if report.already_loaded:
            out.write(
                self.style.SUCCESS(
                    "デモはすでに読み込まれています。何も変更していません / "
                    "The demo is already loaded; nothing was changed."
                )
            )
        else:
            org = "作成しました / created" if report.organisation_created else "既存 / existing"
            out.write(f"  団体 / organisation: {city.SLUG} ({org})")
            out.write(f"  部署 / departments created: {report.departments_created}")
            out.write(
                f"  データセット作成 / datasets created: {len(report.datasets_created)}"
                f" (既存 / existing: {len(report.datasets_existing)})"
            )
            out.write(
                f"  リソース / resources: {report.resources_created}, "
                f"版 / versions: {report.versions_created}"
            )
            if report.accounts_created:
                out.write(
                    f"  アカウント作成 / accounts created: {', '.join(report.accounts_created)}"
                )
            out.write(self.style.SUCCESS("デモを読み込みました / Demo loaded."))
        out.write(
            f"  公開 / published: {report.published}, 非公開 / private: {report.private}, "
            f"下書き / draft: {report.drafts}"
        )
        for warning in report.warnings:
            out.write(self.style.WARNING(f"注意 / warning: {warning}"))

    def _login_hint(self, report: LoadReport) -> None:
        out = self.stdout
        url = login_url()
        out.write("")
        if not report.debug:
            out.write(
                self.style.WARNING(
                    "DEBUG が無効なため、既知のパスワードを持つデモ用アカウント "
                    f"({ADMIN_USERNAME}, {EDITOR_USERNAME}) は作成しませんでした。\n"
                    "With DEBUG off, no account with a known password is created."
                )
            )
            out.write("管理者アカウントを作成してください / Create your own administrator:")
            out.write("  python manage.py createsuperuser")
            out.write(f"ログイン / Log in: {url}")
            if settings.REQUIRE_2FA:
                out.write(
                    "初回ログイン時に2段階認証（認証アプリ）の設定を求められます / "
                    "you will be asked to set up two-factor authentication."
                )
            return
        out.write(f"ログイン / Log in: {url}")
        roles = {
            ADMIN_USERNAME: "団体管理者 / organisation admin",
            EDITOR_USERNAME: "編集者 / editor",
        }
        for username, role in roles.items():
            if username in report.known_password:
                out.write(
                    f"  ユーザー名 / username: {username:<12} "
                    f"パスワード / password: {DEMO_PASSWORD}  （{role}）"
                )
            elif username in report.accounts_existing:
                out.write(
                    f"  ユーザー名 / username: {username:<12} "
                    f"パスワード / password: 変更済みのもの / the one you set  （{role}）"
                )
        if settings.REQUIRE_2FA:
            out.write(
                "  2段階認証が有効です。初回ログイン時に認証アプリの設定を求められます / "
                "2FA is on: you will be asked to set up an authenticator app."
            )
        else:
            out.write(
                "  デバッグモードでは2段階認証は不要です / "
                "In debug mode two-factor authentication is not required."
            )

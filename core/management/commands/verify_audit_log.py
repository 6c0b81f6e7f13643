"""Verify the audit log's hash chain; exit non-zero if any past entry was changed."""

from django.core.management.base import BaseCommand, CommandError

from core.services.audit import verify_chain


class Command(BaseCommand):
    """manage.py verify_audit_log"""

    help = "Recompute the audit log's hash chain and fail if an entry was altered or removed."

    def handle(self, *args, **options):
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"監査ログが改ざんされています（エントリ {result.broken_at}: {result.reason}） / "
                f"audit log tampered at entry {result.broken_at}: {result.reason}"
            )
        n = result.checked
        self.stdout.write(f"OK: {n} entries verified / {n} 件を検証しました")

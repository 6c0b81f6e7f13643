"""Models of the guard: one scan per resource version, with its outcome and override."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["GuardScan"]


class GuardScan(models.Model):
    """The personal-data scan of one resource version, and an administrator's override.

    Only masked findings are kept: a detected 個人番号 (or anything derived from it, a hash
    included) is never stored here, nor in the audit log.
    """

    class Outcome(models.TextChoices):
        PENDING = "pending", _("検査待ち")
        CLEAR = "clear", _("問題なし")
        WARN = "warn", _("注意")
        BLOCK = "block", _("公開不可")
        UNSCANNABLE = "unscannable", _("検査不能")

    # Why a scan could not look at the content (shown beside the outcome).
    class Note(models.TextChoices):
        NONE = "", _("なし")
        LINK = "link", _("リンクのみ（ファイルなし）")
        UNREADABLE = "unreadable", _("読み取れない形式")
        FAILED = "failed", _("取り込み失敗")

    version = models.OneToOneField("catalog.ResourceVersion", on_delete=models.CASCADE,
                                   related_name="guard_scan")
    outcome = models.CharField(_("判定"), max_length=20, choices=Outcome.choices,
                               default=Outcome.PENDING, db_index=True)
    note = models.CharField(_("注記"), max_length=20, choices=Note.choices, blank=True,
                            default=Note.NONE)
    counts = models.JSONField(default=dict, blank=True)  # kind → flagged cells (complete)
    findings = models.JSONField(default=list, blank=True)  # masked findings, capped
    columns = models.JSONField(default=dict, blank=True)  # header → column summary
    truncated = models.BooleanField(default=False)
    tables = models.PositiveIntegerField(default=0)
    rows_scanned = models.PositiveBigIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    scanned_at = models.DateTimeField(_("検査日時"), null=True, blank=True)
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+",
                                      verbose_name=_("解除した管理者"))
    override_reason = models.TextField(_("解除の理由"), blank=True)
    overridden_at = models.DateTimeField(_("解除日時"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("個人情報検査")
        verbose_name_plural = _("個人情報検査")

    def __str__(self) -> str:
        return f"{self.version_id} [{self.outcome}]"

    @property
    def is_overridden(self) -> bool:
        """True once an administrator has released a block with a written reason."""
        return self.overridden_at is not None

    @property
    def is_withheld(self) -> bool:
        """True while the version must not reach an anonymous user (pending or blocked)."""
        if self.outcome == self.Outcome.PENDING:
            return True
        return self.outcome == self.Outcome.BLOCK and not self.is_overridden

"""User-visible job rows for long work run by the task worker."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """Long-running work a user can follow: status, progress and a readable log."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("待機中")
        RUNNING = "running", _("実行中")
        SUCCEEDED = "succeeded", _("完了")
        FAILED = "failed", _("失敗")

    kind = models.CharField(max_length=60)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target = models.CharField(max_length=200, blank=True)
    progress = models.PositiveIntegerField(default=0)
    log = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("ジョブ")
        verbose_name_plural = _("ジョブ")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def kind_label(self):
        """The job kind as users read it."""
        from core.jobs import label_for

        return label_for(self.kind)

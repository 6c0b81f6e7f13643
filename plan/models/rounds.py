"""Reporting rounds (進捗報告): per-department submissions reviewed by the planning staff."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentReporter(models.Model):
    """A staff member who reports for a department (its editors in a round)."""

    department = models.ForeignKey("core.Department", on_delete=models.CASCADE,
                                   related_name="plan_reporters")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="plan_departments")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "user"],
                                               name="plan_reporter_unique")]
        verbose_name = _("報告担当者")
        verbose_name_plural = _("報告担当者")

    def __str__(self) -> str:
        return f"{self.user} → {self.department}"


class ReportingRound(models.Model):
    """A reporting round of a plan (e.g. 令和7年度 第2四半期), open until planners close it."""

    class State(models.TextChoices):
        OPEN = "open", _("受付中")
        CLOSED = "closed", _("締切済み")

    plan = models.ForeignKey("plan.Plan", on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(_("名称"), max_length=200)
    fiscal_year = models.PositiveIntegerField(_("対象年度"))
    month = models.DateField(_("対象月"), null=True, blank=True,
                             help_text="Empty: actuals are for the whole fiscal year")
    state = models.CharField(_("状態"), max_length=10, choices=State.choices,
                             default=State.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    report = models.JSONField(_("報告書"), default=dict, blank=True)

    class Meta:
        ordering = ["plan", "-opened_at", "-id"]
        verbose_name = _("進捗報告")
        verbose_name_plural = _("進捗報告")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        """True while departments may enter actuals."""
        return self.state == self.State.OPEN


class Submission(models.Model):
    """One department's report in a round: draft → submitted → sent_back → accepted."""

    class State(models.TextChoices):
        DRAFT = "draft", _("作成中")
        SUBMITTED = "submitted", _("提出済み")
        SENT_BACK = "sent_back", _("差戻し")
        ACCEPTED = "accepted", _("承認済み")

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE,
                              related_name="submissions")
    department = models.ForeignKey("core.Department", on_delete=models.CASCADE,
                                   related_name="+")
    state = models.CharField(_("状態"), max_length=12, choices=State.choices,
                             default=State.DRAFT)
    comment = models.TextField(_("部署のコメント"), blank=True)
    review_comment = models.TextField(_("差戻しの理由"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "department__name"]
        constraints = [models.UniqueConstraint(fields=["round", "department"],
                                               name="plan_submission_department")]
        verbose_name = _("部署の報告")
        verbose_name_plural = _("部署の報告")

    def __str__(self) -> str:
        return f"{self.round} / {self.department.name} ({self.state})"

    @property
    def editable(self) -> bool:
        """True while the department may still change its actuals."""
        return self.round.is_open and self.state in (self.State.DRAFT, self.State.SENT_BACK)

"""KPIs of a measure, their actuals (実績) and the measure's schedule milestones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class KPI(models.Model):
    """A key performance indicator: unit, direction, baseline, targets per FY, and source."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("高いほど良い")
        LOWER = "lower", _("低いほど良い")

    measure = models.ForeignKey("plan.Measure", on_delete=models.CASCADE, related_name="kpis")
    order = models.PositiveIntegerField(default=0)
    name = models.CharField(_("指標名"), max_length=300)
    unit = models.CharField(_("単位"), max_length=40, blank=True)
    direction = models.CharField(_("方向"), max_length=10, choices=Direction.choices,
                                 default=Direction.HIGHER)
    baseline_value = models.FloatField(_("基準値"), null=True, blank=True)
    baseline_date = models.DateField(_("基準日"), null=True, blank=True)
    # {"2024": 20.0}: JSON keys are strings; targets_by_fy gives them as ints.
    targets = models.JSONField(_("目標値（年度別）"), default=dict, blank=True)
    target_text = models.CharField(_("目標（文章）"), max_length=500, blank=True)
    source = models.CharField(_("取得元"), max_length=120, default="manual",
                              help_text="manual | metric:<key>")

    class Meta:
        ordering = ["measure", "order", "id"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPI")

    def __str__(self) -> str:
        return self.name

    @property
    def targets_by_fy(self) -> dict[int, float]:
        """Targets keyed by fiscal year as ints."""
        return {int(k): float(v) for k, v in (self.targets or {}).items()}

    @property
    def metric_key(self) -> str | None:
        """The registered metric this KPI reads, or None for a manual KPI."""
        return self.source.removeprefix("metric:") if self.source.startswith("metric:") else None


class Actual(models.Model):
    """The value of a KPI in one period (a fiscal year, or a month of it), with who entered it."""

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="actuals")
    fiscal_year = models.PositiveIntegerField(_("年度"))
    month = models.DateField(_("月"), null=True, blank=True,
                             help_text="First day of the month; empty for the whole year")
    value = models.FloatField(_("実績値"))
    evidence = models.CharField(_("根拠"), max_length=500, blank=True)
    comment = models.TextField(_("コメント"), blank=True)
    round = models.ForeignKey("plan.ReportingRound", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="actuals")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kpi", "fiscal_year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "fiscal_year"], name="plan_actual_year",
                                    condition=models.Q(month__isnull=True)),
            models.UniqueConstraint(fields=["kpi", "month"], name="plan_actual_month",
                                    condition=models.Q(month__isnull=False)),
        ]
        verbose_name = _("実績")
        verbose_name_plural = _("実績")

    def __str__(self) -> str:
        return f"{self.kpi} {self.month or self.fiscal_year} = {self.value}"


class Milestone(models.Model):
    """One step of a measure's schedule (スケジュール) in one fiscal year, with its status."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("予定")
        IN_PROGRESS = "in_progress", _("実施中")
        DONE = "done", _("完了")
        DELAYED = "delayed", _("遅延")

    measure = models.ForeignKey("plan.Measure", on_delete=models.CASCADE,
                                related_name="milestones")
    fiscal_year = models.PositiveIntegerField(_("年度"))
    text = models.CharField(_("内容"), max_length=500)
    status = models.CharField(_("状況"), max_length=20, choices=Status.choices,
                              default=Status.PLANNED)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure", "fiscal_year", "id"]
        verbose_name = _("スケジュール")
        verbose_name_plural = _("スケジュール")

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.text}"

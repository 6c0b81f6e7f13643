"""Bookkeeping of periodic work and the time series of platform metrics."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicRun(models.Model):
    """When a periodic task last ran: one row per task key, claimed atomically by the scheduler."""

    key = models.CharField(max_length=100, unique=True)
    last_run = models.DateTimeField()

    class Meta:
        verbose_name = _("定期実行")
        verbose_name_plural = _("定期実行")

    def __str__(self) -> str:
        return f"{self.key} @ {self.last_run:%Y-%m-%d %H:%M}"


class MetricSnapshot(models.Model):
    """One value of one registered metric on one day (for one organisation, or the whole site)."""

    key = models.CharField(max_length=100)
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    value = models.FloatField()
    taken = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("指標の記録")
        verbose_name_plural = _("指標の記録")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "organisation", "day"], name="core_metric_snapshot_org_day",
                condition=models.Q(organisation__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["key", "day"], name="core_metric_snapshot_site_day",
                condition=models.Q(organisation__isnull=True),
            ),
        ]
        indexes = [models.Index(fields=["key", "day"])]

    def __str__(self) -> str:
        return f"{self.key} {self.day} = {self.value}"


class DailyCount(models.Model):
    """How many times something happened on one day (downloads, page views…), per organisation
    or site-wide. Counts only: never who did it."""

    key = models.CharField(max_length=100)
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("日別の回数")
        verbose_name_plural = _("日別の回数")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "organisation", "day"], name="core_daily_count_org_day",
                condition=models.Q(organisation__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["key", "day"], name="core_daily_count_site_day",
                condition=models.Q(organisation__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.day} = {self.count}"

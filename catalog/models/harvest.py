"""Harvest sources (other catalogs whose datasets Kanmin copies) and what came from them."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A little under a day or a week, so a timer firing at the same hour every day is never late.
SCHEDULE_INTERVALS = {"daily": timedelta(hours=23), "weekly": timedelta(days=6, hours=23)}


class HarvestSource(models.Model):
    """Another catalog (CKAN, DCAT or Kanmin) whose datasets land in a local organisation."""

    class Kind(models.TextChoices):
        # Each kind has a harvester registered in catalog/harvest/ under the same key.
        CKAN = "ckan", _("CKAN（Action API）")
        DCAT = "dcat", _("DCAT（Turtle / RDF/XML / JSON-LD）")
        KANMIN = "kanmin", _("Kanmin")

    class Schedule(models.TextChoices):
        DAILY = "daily", _("毎日")
        WEEKLY = "weekly", _("毎週")
        MANUAL = "manual", _("手動のみ")

    class Status(models.TextChoices):
        NEVER = "", _("未実行")
        OK = "ok", _("成功")
        PARTIAL = "partial", _("一部エラー")
        FAILED = "failed", _("失敗")

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="harvest_sources",
        verbose_name=_("登録先の団体"),
    )
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    url = models.URLField(_("収集元のURL"), max_length=2000)
    title = models.CharField(_("名称"), max_length=200, blank=True)
    remote_organisation = models.CharField(
        _("収集元の団体（識別名）"), max_length=100, blank=True,
        help_text=_("CKAN・Kanmin の収集元で、この団体のデータセットだけを収集します"),
    )
    schedule = models.CharField(_("収集の頻度"), max_length=20, choices=Schedule.choices,
                                default=Schedule.DAILY)
    active = models.BooleanField(_("有効"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    last_run_at = models.DateTimeField(_("最終実行"), null=True, blank=True)
    # Start of the last run that listed the source completely: the incremental fetch's "since".
    last_success_at = models.DateTimeField(_("最終成功"), null=True, blank=True)
    last_status = models.CharField(_("最終結果"), max_length=20, choices=Status.choices,
                                   blank=True, default=Status.NEVER)
    last_report = models.JSONField(default=dict, blank=True)
    last_job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    class Meta:
        ordering = ["organisation", "id"]
        verbose_name = _("収集元")
        verbose_name_plural = _("収集元")

    def __str__(self) -> str:
        return self.title or self.url

    def is_due(self, now) -> bool:
        """True when a scheduled run is due (manual sources never are)."""
        interval = SCHEDULE_INTERVALS.get(self.schedule)
        if not self.active or interval is None:
            return False
        return self.last_run_at is None or now - self.last_run_at >= interval


class HarvestRecord(models.Model):
    """One remote dataset and the local dataset it became (the local copy is read-only)."""

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="records")
    dataset = models.OneToOneField("catalog.Dataset", on_delete=models.CASCADE,
                                   related_name="harvest_record")
    remote_id = models.CharField(max_length=500)
    remote_url = models.URLField(max_length=2000, blank=True)
    remote_modified = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(max_length=64)
    # Remote resource key (CKAN id or DCAT distribution IRI) -> local Resource pk.
    resources = models.JSONField(default=dict, blank=True)
    withdrawn = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source", "remote_id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "remote_id"], name="uniq_harvest_record")
        ]
        verbose_name = _("収集したデータセット")
        verbose_name_plural = _("収集したデータセット")

    def __str__(self) -> str:
        return f"{self.source_id}:{self.remote_id}"

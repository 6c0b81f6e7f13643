"""Ingestion of a resource version into tables, and the tables the datastore serves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Ingestion(models.Model):
    """The processing of one resource version's file into queryable tables (取り込み)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("待機中")
        ANALYSING = "analysing", _("解析中")
        CONVERTING = "converting", _("変換中")
        READY = "ready", _("完了")
        FAILED = "failed", _("失敗")

    version = models.OneToOneField("catalog.ResourceVersion", on_delete=models.CASCADE,
                                   related_name="ingestion")
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    step = models.CharField(max_length=40, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    format = models.CharField(max_length=20, blank=True)
    encoding = models.CharField(max_length=20, blank=True)
    encoding_override = models.CharField(max_length=20, blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    error_step = models.CharField(max_length=40, blank=True)
    error_ja = models.TextField(blank=True)
    error_en = models.TextField(blank=True)
    notices = models.JSONField(default=list, blank=True)
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="+")
    attempts = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("取り込み")
        verbose_name_plural = _("取り込み")

    def __str__(self) -> str:
        return f"{self.version} [{self.state}]"

    @property
    def is_finished(self) -> bool:
        """True once the ingestion is ready or failed."""
        return self.state in (self.State.READY, self.State.FAILED)

    def error_message(self, language: str) -> str:
        """The failure reason in the given language."""
        return self.error_en if language == "en" and self.error_en else self.error_ja


class DataTable(models.Model):
    """One table (a CSV file or a workbook sheet) produced by an ingestion."""

    ingestion = models.ForeignKey(Ingestion, on_delete=models.CASCADE, related_name="tables")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=200, blank=True)
    selected = models.BooleanField(default=False)
    headers = models.JSONField(default=list)
    fields = models.JSONField(default=list)  # [{"id", "type", "header", "role", "ckan_type"}]
    row_count = models.PositiveIntegerField(default=0)
    header_row = models.PositiveIntegerField(default=1)
    standard = models.CharField(max_length=80, blank=True)
    layout = models.CharField(max_length=20, blank=True)
    matched = models.CharField(max_length=20, blank=True)
    match_score = models.FloatField(default=0)
    conformance = models.FloatField(null=True, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict)
    parquet = models.ForeignKey("core.StoredFile", null=True, on_delete=models.PROTECT,
                                related_name="+")
    geojson = models.ForeignKey("core.StoredFile", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("表")
        verbose_name_plural = _("表")

    def __str__(self) -> str:
        return self.name or f"table {self.position + 1}"

    @property
    def has_map(self) -> bool:
        """True when the table has coordinates (a GeoJSON output exists)."""
        return self.geojson_id is not None


class ResourceSchema(models.Model):
    """A Frictionless Table Schema staff attached to a resource: every version is checked
    against it instead of the automatically matched standard dataset."""

    resource = models.OneToOneField("catalog.Resource", on_delete=models.CASCADE,
                                    related_name="table_schema")
    descriptor = models.JSONField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("テーブルスキーマ")
        verbose_name_plural = _("テーブルスキーマ")

    def __str__(self) -> str:
        return f"schema of {self.resource_id}"

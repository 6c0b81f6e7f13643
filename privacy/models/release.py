"""Models of anonymised releases (行政機関等匿名加工情報) and their linking-code maps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AnonymisedRelease", "LinkingMap"]


class AnonymisedRelease(models.Model):
    """One anonymisation of a resource version: its config, outcome, report and output file.

    The full report holds the processing steps (加工方法等情報): only organisation
    administrators see them, and each view is audited. The public part of the report is
    what publication attaches to the new dataset.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("設定中")
        QUEUED = "queued", _("待機中")
        RUNNING = "running", _("実行中")
        DONE = "done", _("完了")
        FAILED = "failed", _("失敗")
        PUBLISHED = "published", _("公開済み")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT,
                                     related_name="anonymised_releases")
    title = models.CharField(_("名称"), max_length=200)
    source_version = models.ForeignKey("catalog.ResourceVersion", on_delete=models.PROTECT,
                                       related_name="anonymised_releases")
    # The table of the version that was chosen (a re-ingestion replaces table rows).
    source_table = models.ForeignKey("tabular.DataTable", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    columns = models.JSONField(default=list)  # column names of the source table, in order
    row_count = models.PositiveIntegerField(default=0)
    config = models.JSONField(default=dict)  # the JSON shape of issue 5 (plus reuse_linking_from)
    status = models.CharField(_("状態"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    preview = models.JSONField(default=dict, blank=True)  # levels, utility, suppression
    report = models.JSONField(default=dict, blank=True)  # full report (steps included)
    error_code = models.CharField(max_length=40, blank=True)
    error_ja = models.TextField(blank=True)
    error_en = models.TextField(blank=True)
    output = models.ForeignKey("core.StoredFile", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="+")
    preview_job = models.ForeignKey("core.Job", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    dataset = models.ForeignKey("catalog.Dataset", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="anonymised_releases")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("匿名加工情報")
        verbose_name_plural = _("匿名加工情報")

    def __str__(self) -> str:
        return f"{self.title} [{self.status}]"

    def error_message(self, language: str) -> str:
        """The failure reason in the given language."""
        return self.error_en if language.startswith("en") and self.error_en else self.error_ja

    @property
    def is_editable(self) -> bool:
        """Config may change until the run starts, and after it until a dataset is made."""
        return self.dataset_id is None and self.status in (
            self.Status.DRAFT, self.Status.FAILED, self.Status.DONE)


class LinkingMap(models.Model):
    """The mapping linking code → token of one release, kept apart from the release.

    Stored as a JSON file that only organisation administrators may download (each download
    audited); it is never published, never in a report, and not reused unless a later
    release's config names this release.
    """

    release = models.OneToOneField(AnonymisedRelease, on_delete=models.CASCADE,
                                   related_name="linking_map")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT,
                                     related_name="+")
    file = models.ForeignKey("core.StoredFile", on_delete=models.PROTECT, related_name="+")
    columns = models.JSONField(default=list)  # linking columns it covers
    codes = models.PositiveIntegerField(default=0)  # distinct codes mapped (a count only)
    reused_from = models.ForeignKey(AnonymisedRelease, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("連結符号の対応表")
        verbose_name_plural = _("連結符号の対応表")

    def __str__(self) -> str:
        return f"linking map of release {self.release_id}"

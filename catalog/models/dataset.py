"""Datasets: the unit of publication in the catalog."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UpdateFrequency(models.TextChoices):
    """How often a dataset is updated (DCAT accrualPeriodicity)."""

    IRREGULAR = "irregular", _("不定期")
    DAILY = "daily", _("毎日")
    WEEKLY = "weekly", _("毎週")
    MONTHLY = "monthly", _("毎月")
    QUARTERLY = "quarterly", _("四半期ごと")
    ANNUAL = "annual", _("毎年")
    NEVER = "never", _("更新予定なし")


FREQUENCY_DAYS = {"daily": 2, "weekly": 10, "monthly": 40, "quarterly": 100, "annual": 400}


class DatasetQuerySet(models.QuerySet):
    """Query helpers used by selectors."""

    def public(self):
        """Published and not private: what an anonymous visitor may see."""
        return self.filter(state=Dataset.State.PUBLISHED, private=False)


class Dataset(models.Model):
    """A dataset (データセット) with metadata and one or more resources."""

    class State(models.TextChoices):
        DRAFT = "draft", _("下書き")
        PUBLISHED = "published", _("公開")
        DELETED = "deleted", _("削除済み")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("識別名（URL）"), max_length=100, unique=True)
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="datasets",
        verbose_name=_("公開団体"),
    )
    department = models.ForeignKey(
        "core.Department", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="datasets", verbose_name=_("担当部署"),
    )
    title = models.CharField(_("タイトル"), max_length=300)
    title_en = models.CharField(_("タイトル（英語）"), max_length=300, blank=True)
    description = models.TextField(_("説明（Markdown）"), blank=True)
    description_en = models.TextField(_("説明（英語、Markdown）"), blank=True)
    tags = models.ManyToManyField("catalog.Tag", blank=True, related_name="datasets",
                                  verbose_name=_("タグ"))
    categories = models.ManyToManyField("catalog.Category", blank=True, related_name="datasets",
                                        verbose_name=_("分類"))
    licence = models.ForeignKey("catalog.Licence", on_delete=models.PROTECT,
                                related_name="datasets", verbose_name=_("ライセンス"))
    contact_name = models.CharField(_("問い合わせ先"), max_length=200, blank=True)
    contact_email = models.EmailField(_("問い合わせ先メール"), blank=True)
    contact_phone = models.CharField(_("問い合わせ先電話番号"), max_length=40, blank=True)
    update_frequency = models.CharField(_("更新頻度"), max_length=20,
                                        choices=UpdateFrequency.choices,
                                        default=UpdateFrequency.IRREGULAR)
    temporal_start = models.DateField(_("対象期間（開始）"), null=True, blank=True)
    temporal_end = models.DateField(_("対象期間（終了）"), null=True, blank=True)
    spatial = models.CharField(_("対象地域"), max_length=200, blank=True)
    standard = models.ForeignKey("catalog.StandardDataset", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="datasets",
                                 verbose_name=_("準拠する標準データセット"))
    state = models.CharField(_("状態"), max_length=20, choices=State.choices, default=State.DRAFT,
                             db_index=True)
    private = models.BooleanField(_("非公開（団体内のみ）"), default=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    data_updated_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    stars = models.PositiveSmallIntegerField(default=0)
    quality = models.PositiveSmallIntegerField(default=0)
    formats = models.CharField(max_length=200, blank=True,
                               help_text="Space-separated formats of current resources (facet)")
    # Search: bigram tokens for the full-text index, and the normalised text for ranking.
    search_tokens = models.TextField(blank=True, editable=False)
    search_title = models.TextField(blank=True, editable=False)

    objects = DatasetQuerySet.as_manager()

    class Meta:
        ordering = ["-modified"]
        indexes = [models.Index(fields=["state", "private", "-modified"],
                                name="dataset_public_recent")]
        verbose_name = _("データセット")
        verbose_name_plural = _("データセット")

    def __str__(self) -> str:
        return self.title

    def display_title(self, language: str) -> str:
        """The title in the given language, falling back to Japanese."""
        return self.title_en if language == "en" and self.title_en else self.title

    def display_description(self, language: str) -> str:
        """The description in the given language, falling back to Japanese."""
        return self.description_en if language == "en" and self.description_en else self.description

    @property
    def is_public(self) -> bool:
        """Visible to anonymous visitors."""
        return self.state == self.State.PUBLISHED and not self.private

"""Reference lists a dataset points to: licences, categories, tags, standard datasets."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.Model):
    """A licence a dataset can be published under (PDL1.0, CC BY 4.0, CC0, 政府標準利用規約…)."""

    id = models.SlugField(primary_key=True, max_length=40)
    title = models.CharField(_("名称"), max_length=200)
    title_en = models.CharField(_("名称（英語）"), max_length=200)
    url = models.URLField(blank=True)
    is_open = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("ライセンス")
        verbose_name_plural = _("ライセンス")

    def __str__(self) -> str:
        return self.title

    def display_title(self, language: str) -> str:
        """The title in the given language."""
        return self.title_en if language == "en" else self.title


class Category(models.Model):
    """A theme (分類) grouping datasets; exposed as CKAN groups."""

    slug = models.SlugField(unique=True, max_length=60)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("名称（英語）"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("分類")
        verbose_name_plural = _("分類")

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str) -> str:
        """The name in the given language."""
        return self.name_en if language == "en" else self.name


class Tag(models.Model):
    """A free keyword (タグ), kept as typed after NFKC."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("タグ")
        verbose_name_plural = _("タグ")

    def __str__(self) -> str:
        return self.name


class StandardDataset(models.Model):
    """One of the 自治体標準オープンデータセット a dataset can claim to follow."""

    slug = models.SlugField(primary_key=True, max_length=80)
    number = models.CharField(max_length=4, blank=True)
    title = models.CharField(_("名称"), max_length=200)
    title_en = models.CharField(_("名称（英語）"), max_length=200)

    class Meta:
        ordering = ["number", "slug"]
        verbose_name = _("自治体標準オープンデータセット")
        verbose_name_plural = _("自治体標準オープンデータセット")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def display_title(self, language: str) -> str:
        """The title in the given language."""
        return self.title_en if language == "en" else self.title
